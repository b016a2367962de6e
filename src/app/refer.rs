//! `r`: refer a client out. Type the need and the partners who fit are
//! ranked as you type (the ones you owe first); Enter picks one, a note
//! (initials are enough) and Enter again logs the referral given.

use super::keymap::Action;
use super::pick::{PickList, Picked};
use super::popup::{Hint, Popup};
use super::{App, Reply};
use crate::domain::change::Change;
use crate::domain::refer::{Candidate, rank};
use crate::domain::{Direction, Kind};
use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone)]
pub struct ReferPopup {
    /// The need typed, and the partners who fit it.
    pub list: PickList<Candidate>,
    /// The partner picked (their id), once Enter is pressed on one: the
    /// note is asked for next.
    pub picked: Option<String>,
    pub note: Input,
}

impl ReferPopup {
    pub fn new() -> ReferPopup {
        ReferPopup {
            list: PickList::new(),
            picked: None,
            note: Input::default(),
        }
    }

    fn run(&mut self, app: &App) {
        let keep = self.list.selected().map(|c| c.contact.clone());
        let ranked = if self.list.query().is_empty() {
            Vec::new()
        } else {
            rank(&app.data.book, self.list.input.value(), app.today)
        };
        let at = keep.and_then(|id| ranked.iter().position(|c| c.contact == id));
        self.list.hits = ranked;
        self.list.select(at.unwrap_or(0));
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
        let keys = &app.keymap;
        if let Some(id) = self.picked.clone() {
            if keys.is(Action::Cancel, &key) {
                self.picked = None;
            } else if keys.is(Action::Save, &key) {
                let note = Some(self.note.value().to_string());
                let g = crate::store::new_gesture(&id, Kind::Referral, Direction::Given, app.today, note);
                return Reply::Log(Change::ReferGiven { gesture: g });
            } else {
                self.note.handle_event(&Event::Key(key));
            }
            return Reply::Stay;
        }
        let picked = self.list.keys(key, keys);
        self.picked(picked, app)
    }

    fn picked(&mut self, picked: Picked, app: &App) -> Reply {
        match picked {
            Picked::Cancel => return Reply::Close,
            Picked::Pick => self.picked = self.list.selected().map(|c| c.contact.clone()),
            Picked::Typed => {
                self.list.hits.clear();
                self.run(app);
            }
            Picked::Moved | Picked::Stay => {}
        }
        Reply::Stay
    }
}

impl Default for ReferPopup {
    fn default() -> Self {
        ReferPopup::new()
    }
}

impl Popup for ReferPopup {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// The same need ranked again; a picked partner who is gone is let go.
    fn follow(mut self, app: &App) -> Result<Self, String> {
        ReferPopup::follow(&mut self, app);
        Ok(self)
    }
    fn paste(&mut self, text: &str, app: &App) -> Reply {
        if self.picked.is_some() {
            super::form::paste_into(&mut self.note, text, false);
            return Reply::Stay;
        }
        let picked = self.list.paste(text);
        self.picked(picked, app)
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        match self.picked {
            Some(_) => vec![(&[Action::Save], "log the referral"), (&[Action::Cancel], "back")],
            None => super::popup::list_hints("pick"),
        }
    }
}
