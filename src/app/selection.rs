//! What each pane points at, and keeping it there: across a reload the
//! selection stays on the same queue item (by key) and the same partner
//! (by id), and each popup follows what it shows.

use super::{App, Pane, View};
use crate::domain::Partner;
use crate::domain::queue::QueueItem;
use crate::store::Data;

/// What each pane points at: the row shown, and who or what is on it —
/// the queue item's key and the partner's id, which a change or a reload
/// finds again. The log keeps its row.
#[derive(Debug, Clone, Default)]
pub(super) struct Selection {
    rows: [usize; 3],
    item: Option<String>,
    partner: Option<String>,
}

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
        change(self);
        self.find_again();
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
        change(self);
        self.arrange();
        self.sel.rows[1] = self.sel.partner.as_deref().and_then(|id| self.row_of(id)).unwrap_or(0);
        self.clamp();
        self.remember();
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
            let s = &mut self.sel.rows[p.index()];
            *s = if n == 0 { 0 } else { (*s).min(n - 1) };
        }
    }

    /// Notes who and what the rows point at now.
    pub(super) fn remember(&mut self) {
        self.sel.item = self.view.items.get(self.sel.rows[0]).map(|i| i.key.clone());
        self.sel.partner = self.partner_at(self.sel.rows[1]).map(|p| p.id.clone());
    }

    /// After a change: the rows of the same queue item and partner where
    /// they are still shown; else the row they had, or the last.
    fn find_again(&mut self) {
        if let Some(i) = self
            .sel
            .item
            .as_deref()
            .and_then(|k| self.view.items.iter().position(|it| it.key == k))
        {
            self.sel.rows[0] = i;
        }
        if let Some(i) = self.sel.partner.as_deref().and_then(|id| self.row_of(id)) {
            self.sel.rows[1] = i;
        }
        self.clamp();
        self.remember();
    }

    /// Puts the selection of `pane` on `row` (the last row, past it).
    pub fn select(&mut self, pane: Pane, row: usize) {
        self.sel.rows[pane.index()] = row;
        self.clamp();
        self.remember();
        // The filtered log follows the partner selected.
        if self.log_filter && pane != Pane::Log {
            self.rebuild_view();
            self.clamp();
        }
    }

    /// The row selected in `pane`.
    pub fn selected(&self, pane: Pane) -> usize {
        self.sel.rows[pane.index()]
    }

    pub fn selected_item(&self) -> Option<&QueueItem> {
        self.view.items.get(self.sel.rows[0])
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
            Pane::Partners => self.sel.partner.clone(),
            Pane::Log => self
                .view
                .log
                .get(self.sel.rows[2])
                .map(|&i| self.data.book.gestures[i].contact.clone()),
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let n = self.len(self.focus);
        if n == 0 {
            return;
        }
        let row = (self.selected(self.focus) as isize + delta).clamp(0, n as isize - 1) as usize;
        self.select(self.focus, row);
    }

    pub(super) fn page(&self) -> isize {
        (self.screen.height as isize / 3).max(1)
    }
}
