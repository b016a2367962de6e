//! `M`: merge the selected partner into another who is the same person.
//! Those who look like them come first (the same name and a phone, e-mail
//! or organisation); typing finds anyone else. Enter merges: the selected
//! partner's gestures and snoozes move to the one picked, what only they
//! had fills it, and their id stays on it as an alias. `u` undoes, as
//! `rapport merge KEEP OTHER` does from the command line.

use super::{App, Mutation, Reply};
use crate::domain::identity::{Marks, judge};

/// What says `a` and `b` are one person beyond the bare name, as the
/// identity rule reads them.
fn alike(a: &crate::domain::Partner, b: &crate::domain::Partner) -> Option<&'static str> {
    judge(&Marks::of(a), &Marks::of(b)).sign().map(|r| r.sentence())
}
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// Candidates shown for a typed query, at most.
const SHOWN: usize = 20;

#[derive(Debug, Clone)]
pub struct MergePopup {
    /// The partner merged away (who leaves the list), by id.
    pub other: String,
    pub query: Input,
    /// The partners to keep that fit, by id, and why they look alike.
    pub hits: Vec<(String, Option<&'static str>)>,
    pub sel: usize,
}

impl MergePopup {
    pub fn new(app: &App, other: &str) -> MergePopup {
        let mut p = MergePopup {
            other: other.to_string(),
            query: Input::default(),
            hits: Vec::new(),
            sel: 0,
        };
        p.run(app);
        p
    }

    fn run(&mut self, app: &App) {
        let book = &app.data.book;
        let Some(o) = book.partner(&self.other) else {
            self.hits.clear();
            return;
        };
        let q = self.query.value().trim();
        self.hits = if q.is_empty() {
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
        self.sel = self.sel.min(self.hits.len().saturating_sub(1));
    }

    /// After the data changed: closes if the partner to merge is gone.
    pub fn follow(mut self, app: &App) -> Option<MergePopup> {
        app.data.book.partner(&self.other)?;
        self.run(app);
        Some(self)
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Reply::Close,
            KeyCode::Enter => {
                return match self.hits.get(self.sel) {
                    Some((keep, _)) => Reply::Emit(Mutation::Merge {
                        keep: keep.clone(),
                        other: self.other.clone(),
                    }),
                    None => Reply::Complain("Type a few letters of the partner to keep".into()),
                };
            }
            KeyCode::Down | KeyCode::Tab => self.sel = (self.sel + 1).min(self.hits.len().saturating_sub(1)),
            KeyCode::Char('n' | 'j') if ctrl => self.sel = (self.sel + 1).min(self.hits.len().saturating_sub(1)),
            KeyCode::Up | KeyCode::BackTab => self.sel = self.sel.saturating_sub(1),
            KeyCode::Char('p' | 'k') if ctrl => self.sel = self.sel.saturating_sub(1),
            _ => {
                let before = self.query.value().to_string();
                self.query.handle_event(&Event::Key(key));
                if self.query.value() != before {
                    self.sel = 0;
                    self.run(app);
                }
            }
        }
        Reply::Stay
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
