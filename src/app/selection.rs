//! What each pane points at, and keeping it there: across a reload the
//! selection stays on the same queue item (by key) and the same partner
//! (by id), and each popup follows what it shows.

use super::{App, Pane, View};
use crate::domain::Partner;
use crate::domain::queue::QueueItem;
use crate::store::Data;

impl App {
    /// Replaces the data, keeping the selection on the same queue item and
    /// partner where they still exist, and the popups on what they show.
    pub(super) fn set_data(&mut self, data: Data) -> Option<String> {
        self.keeping_selection(|app| {
            app.data = data;
            app.rebuild_view();
        })
    }

    /// Runs `change` on the data and the view, then puts the selection back
    /// on the same queue item and partner where they still exist, and lets
    /// each popup follow; a popup about something gone closes, and the
    /// first one to close says why.
    pub(super) fn keeping_selection(&mut self, change: impl FnOnce(&mut App)) -> Option<String> {
        let item_key = self.selected_item().map(|i| i.key.clone());
        let partner = self.partner_at(self.sel[1]).map(|p| p.id.clone());
        change(self);
        if let Some(k) = item_key
            && let Some(i) = self.view.items.iter().position(|it| it.key == k)
        {
            self.sel[0] = i;
        }
        if let Some(i) = partner.and_then(|id| self.row_of(&id)) {
            self.sel[1] = i;
        }
        self.clamp();
        let overlays = std::mem::take(&mut self.overlays);
        let mut closed = None;
        for o in overlays {
            match o.follow(self) {
                Ok(o) => self.overlays.push(o),
                Err(why) => closed = closed.or(Some(why)),
            }
        }
        closed
    }

    pub(super) fn log_filter_contact(&self) -> Option<String> {
        if self.log_filter { self.selected_contact() } else { None }
    }

    pub(super) fn rebuild_view(&mut self) {
        let filter = self.log_filter_contact();
        self.view = View::build(&self.data, &self.rules, self.today, filter.as_deref());
        self.arrange();
    }

    /// Puts the partners pane's rows in line with the filter and the sort.
    pub(super) fn arrange(&mut self) {
        self.view.arrange(&self.data.book, &self.filter, self.sort, self.today);
    }

    /// A new filter or sort for the partners pane, keeping the selected
    /// partner selected if they are still shown.
    pub(super) fn rearrange(&mut self, change: impl FnOnce(&mut App)) {
        let partner = self.partner_at(self.sel[1]).map(|p| p.id.clone());
        change(self);
        self.arrange();
        self.sel[1] = partner.and_then(|id| self.row_of(&id)).unwrap_or(0);
        self.clamp();
        if self.log_filter {
            self.rebuild_view();
        }
    }

    pub(super) fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Queue => self.view.items.len(),
            Pane::Partners => self.view.partners.len(),
            Pane::Log => self.view.log.len(),
        }
    }

    pub(super) fn clamp(&mut self) {
        for p in Pane::ALL {
            let n = self.len(p);
            let s = &mut self.sel[p.index()];
            *s = if n == 0 { 0 } else { (*s).min(n - 1) };
        }
    }

    pub fn selected(&self, pane: Pane) -> usize {
        self.sel[pane.index()]
    }

    pub fn selected_item(&self) -> Option<&QueueItem> {
        self.view.items.get(self.sel[0])
    }

    /// The partner on a row of the partners pane.
    pub(super) fn partner_at(&self, row: usize) -> Option<&Partner> {
        self.view.partners.get(row).map(|&i| &self.data.book.partners[i])
    }

    /// The row of the partners pane that shows this partner.
    pub(super) fn row_of(&self, id: &str) -> Option<usize> {
        self.view
            .partners
            .iter()
            .position(|&i| self.data.book.partners[i].id == id)
    }

    /// The partner the focused pane points at.
    pub fn selected_contact(&self) -> Option<String> {
        match self.focus {
            Pane::Queue => self.selected_item().map(|i| i.contact.clone()),
            Pane::Partners => self.partner_at(self.sel[1]).map(|p| p.id.clone()),
            Pane::Log => self
                .view
                .log
                .get(self.sel[2])
                .map(|&i| self.data.book.gestures[i].contact.clone()),
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let n = self.len(self.focus);
        if n == 0 {
            return;
        }
        let s = &mut self.sel[self.focus.index()];
        *s = (*s as isize + delta).clamp(0, n as isize - 1) as usize;
        if self.log_filter && self.focus != Pane::Log {
            self.rebuild_view();
            self.clamp();
        }
    }

    pub(super) fn page(&self) -> isize {
        (self.screen.height as isize / 3).max(1)
    }
}
