//! `r`: refer a client out. Type the need and the partners who fit are
//! ranked as you type (the ones you owe first); Enter picks one, a note
//! (initials are enough) and Enter again logs the referral given.

use super::{App, Reply};
use crate::domain::change::Change;
use crate::domain::refer::{Candidate, rank};
use crate::domain::{Direction, Kind};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone)]
pub struct ReferPopup {
    pub need: Input,
    pub ranked: Vec<Candidate>,
    pub sel: usize,
    /// The partner picked (their id), once Enter is pressed on one: the
    /// note is asked for next.
    pub picked: Option<String>,
    pub note: Input,
}

impl ReferPopup {
    pub fn new() -> ReferPopup {
        ReferPopup {
            need: Input::default(),
            ranked: Vec::new(),
            sel: 0,
            picked: None,
            note: Input::default(),
        }
    }

    fn run(&mut self, app: &App) {
        let keep = self.ranked.get(self.sel).map(|c| c.contact.clone());
        self.ranked = if self.need.value().trim().is_empty() {
            Vec::new()
        } else {
            rank(&app.data.book, self.need.value(), app.today)
        };
        self.sel = keep
            .and_then(|id| self.ranked.iter().position(|c| c.contact == id))
            .unwrap_or(0);
    }

    /// After the data changed: the same need ranked on the new book; a
    /// partner picked who is gone is let go.
    pub fn follow(&mut self, app: &App) {
        self.run(app);
        if let Some(id) = &self.picked
            && app.data.book.partner(id).is_none_or(|p| p.archived)
        {
            self.picked = None;
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        if let Some(id) = self.picked.clone() {
            return match key.code {
                KeyCode::Esc => {
                    self.picked = None;
                    Reply::Stay
                }
                KeyCode::Enter => {
                    let note = Some(self.note.value().to_string());
                    let g = crate::store::new_gesture(&id, Kind::Referral, Direction::Given, app.today, note);
                    Reply::Log(Change::ReferGiven { gesture: g })
                }
                _ => {
                    self.note.handle_event(&Event::Key(key));
                    Reply::Stay
                }
            };
        }
        match key.code {
            KeyCode::Esc => return Reply::Close,
            KeyCode::Enter => {
                if let Some(c) = self.ranked.get(self.sel) {
                    self.picked = Some(c.contact.clone());
                }
            }
            KeyCode::Down | KeyCode::Tab => self.sel = (self.sel + 1).min(self.ranked.len().saturating_sub(1)),
            KeyCode::Up | KeyCode::BackTab => self.sel = self.sel.saturating_sub(1),
            _ => {
                let before = self.need.value().to_string();
                self.need.handle_event(&Event::Key(key));
                if self.need.value() != before {
                    self.sel = 0;
                    self.ranked.clear();
                    self.run(app);
                }
            }
        }
        Reply::Stay
    }
}

impl Default for ReferPopup {
    fn default() -> Self {
        ReferPopup::new()
    }
}
