//! What each pane points at, and keeping it there: across a change or a
//! reload the selection stays on the same queue item (by key), the same
//! partner (by id) and the same gesture (by id), and each popup follows
//! what it shows. After an undo or a redo each pane goes to what came
//! back.

use super::{App, Pane, View};
use crate::domain::Partner;
use crate::domain::queue::QueueItem;
use crate::store::Data;
use std::collections::HashSet;

/// What each pane points at: the row shown, and who or what is on it —
/// the queue item's key, the partner's id and the gesture's id, which a
/// change or a reload finds again.
#[derive(Debug, Clone, Default)]
pub(super) struct Selection {
    rows: [usize; 3],
    item: Option<String>,
    partner: Option<String>,
    gesture: Option<String>,
    /// The queue item the cursor was on when the change on its way was
    /// asked for.
    asked_on: Option<String>,
    /// For each change this window made that undo can take back (the last
    /// one last): the queue item it was made on; and for each one undone
    /// that redo can make again.
    undo_on: Vec<Option<String>>,
    redo_on: Vec<Option<String>>,
}

/// What the panes showed before an undo or a redo: the queue items'
/// keys, the partners' and the gestures' ids.
pub(super) struct Shown {
    items: HashSet<String>,
    partners: HashSet<String>,
    gestures: HashSet<String>,
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

    /// A change is on its way, asked for with the cursor where it is.
    pub(super) fn change_asked(&mut self) {
        self.sel.asked_on = self.sel.item.clone();
    }

    /// The change asked for was made: undo will take it back first.
    pub(super) fn change_made(&mut self) {
        let on = self.sel.asked_on.take();
        self.sel.undo_on.push(on);
        self.sel.redo_on.clear();
    }

    /// What the panes show now, to find what an undo or a redo brings back.
    pub(super) fn shown(&self) -> Shown {
        let book = &self.data.book;
        Shown {
            items: self.view.queue().map(|i| i.key.clone()).collect(),
            partners: self
                .view
                .partners
                .iter()
                .map(|&i| book.partners[i].id.clone())
                .collect(),
            gestures: self.view.log.iter().map(|&i| book.gestures[i].id.clone()).collect(),
        }
    }

    /// After an undo (`redo`: a redo) that took place: each pane goes to
    /// the first thing it shows that it did not show `before`, and the
    /// queue to the item the change was made on when that one came back.
    pub(super) fn go_to_what_came_back(&mut self, before: &Shown, redo: bool) {
        let (from, to) = if redo {
            (&mut self.sel.redo_on, &mut self.sel.undo_on)
        } else {
            (&mut self.sel.undo_on, &mut self.sel.redo_on)
        };
        let on = from.pop().flatten();
        to.push(on.clone());
        let came = |k: &str| !before.items.contains(k);
        let item = on
            .and_then(|k| self.view.queue().position(|i| i.key == k && came(&i.key)))
            .or_else(|| self.view.queue().position(|i| came(&i.key)));
        if let Some(row) = item {
            self.sel.rows[0] = row;
        }
        let book = &self.data.book;
        if let Some(row) = self
            .view
            .partners
            .iter()
            .position(|&i| !before.partners.contains(&book.partners[i].id))
        {
            self.sel.rows[1] = row;
        }
        if let Some(row) = self
            .view
            .log
            .iter()
            .position(|&i| !before.gestures.contains(&book.gestures[i].id))
        {
            self.sel.rows[2] = row;
        }
        self.clamp();
        self.remember();
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
            Pane::Queue => self.view.queue_len(),
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
        self.sel.item = self.view.queue_at(self.sel.rows[0]).map(|i| i.key.clone());
        self.sel.partner = self.partner_at(self.sel.rows[1]).map(|p| p.id.clone());
        self.sel.gesture = self.gesture_at(self.sel.rows[2]).map(|g| g.id.clone());
    }

    fn gesture_at(&self, row: usize) -> Option<&crate::domain::Gesture> {
        self.view.log.get(row).map(|&i| &self.data.book.gestures[i])
    }

    /// After a change: the rows of the same queue item, partner and
    /// gesture where they are still shown; else the row they had, or the
    /// last.
    fn find_again(&mut self) {
        let row = self.sel.rows[0];
        if let Some(k) = self.sel.item.as_deref()
            && self.view.queue_at(row).is_none_or(|it| it.key != k)
            && let Some(i) = self.view.queue().position(|it| it.key == k)
        {
            self.sel.rows[0] = i;
        }
        if let Some(i) = self.sel.partner.as_deref().and_then(|id| self.row_of(id)) {
            self.sel.rows[1] = i;
        }
        let row = self.sel.rows[2];
        if let Some(id) = self.sel.gesture.as_deref()
            && self.gesture_at(row).is_none_or(|g| g.id != id)
            && let Some(i) = self.view.log.iter().position(|&i| self.data.book.gestures[i].id == id)
        {
            self.sel.rows[2] = i;
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
        self.view.queue_at(self.sel.rows[0])
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
