//! `M`: merge the selected partner into another who is the same person.
//! Those who look like them come first (the same name and a phone, e-mail
//! or organisation); typing finds anyone else. Enter merges: the selected
//! partner's gestures and snoozes move to the one picked, what only they
//! had fills it, and their id stays on it as an alias. One change, undone
//! as `rapport merge KEEP OTHER` is from the command line.

use super::pick::{PickList, Picked};
use super::popup::{Hint, Popup};
use super::{App, Reply};
use crate::domain::change::Change;
use crate::domain::identity::{Marks, judge};
use ratatui::crossterm::event::KeyEvent;

/// What says `a` and `b` are one person beyond the bare name, as the
/// identity rule reads them.
fn alike(a: &crate::domain::Partner, b: &crate::domain::Partner) -> Option<&'static str> {
    judge(&Marks::of(a), &Marks::of(b)).sign().map(|r| r.sentence())
}

/// Candidates shown for a typed query, at most.
const SHOWN: usize = 20;

#[derive(Debug, Clone)]
pub struct MergePopup {
    /// The partner merged away (who leaves the list), by id.
    pub other: String,
    /// The partners to keep that fit, by id, and why they look alike.
    pub list: PickList<(String, Option<&'static str>)>,
}

impl MergePopup {
    pub fn new(app: &App, other: &str) -> MergePopup {
        let mut p = MergePopup {
            other: other.to_string(),
            list: PickList::new(),
        };
        p.run(app);
        p
    }

    fn run(&mut self, app: &App) {
        let book = &app.data.book;
        let Some(o) = book.partner(&self.other) else {
            self.list.set_hits(Vec::new());
            return;
        };
        let q = self.list.query();
        let hits = if q.is_empty() {
            book.partners
                .iter()
                .filter(|p| p.id != o.id && !p.archived)
                .filter_map(|p| alike(o, p).map(|w| (p.id.clone(), Some(w))))
                .collect()
        } else {
            app.view
                .index
                .search(q, &app.view.touches)
                .into_iter()
                .filter_map(|h| book.partners.get(h.index))
                .filter(|p| p.id != o.id)
                .take(SHOWN)
                .map(|p| (p.id.clone(), alike(o, p)))
                .collect()
        };
        self.list.set_hits(hits);
    }

    /// After the data changed: closes if the partner to merge is gone.
    pub fn follow(mut self, app: &App) -> Option<MergePopup> {
        app.data.book.partner(&self.other)?;
        self.run(app);
        Some(self)
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let picked = self.list.keys(key, &app.keymap);
        self.picked_reply(picked, app)
    }

    fn picked_reply(&mut self, picked: Picked, app: &App) -> Reply {
        match picked {
            Picked::Cancel => Reply::Close,
            Picked::Pick => match self.list.selected() {
                Some((keep, _)) => Reply::Emit(Change::Merge {
                    keep: keep.clone(),
                    other: self.other.clone(),
                }),
                None => Reply::Complain("Type a few letters of the partner to keep".into()),
            },
            Picked::Typed => {
                self.run(app);
                Reply::Stay
            }
            Picked::Moved | Picked::Stay => Reply::Stay,
        }
    }
}

impl App {
    /// `M`: the merge popup for the selected partner.
    pub(super) fn open_merge(&mut self) {
        match self.selected_contact() {
            Some(id) if self.data.book.partner(&id).is_some() => {
                let p = MergePopup::new(self, &id);
                self.overlays.push(super::Overlay::Merge(Box::new(p)));
            }
            _ => self.complain("Select a partner first"),
        }
    }
}

impl Popup for MergePopup {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// Closes when the partner to merge is gone.
    fn follow(self, app: &App) -> Result<Self, String> {
        let id = self.other.clone();
        MergePopup::follow(self, app).ok_or_else(|| app.gone(&id))
    }
    fn paste(&mut self, text: &str, app: &App) -> Reply {
        let picked = self.list.paste(text);
        self.picked_reply(picked, app)
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        super::popup::list_hints("merge")
    }
}
