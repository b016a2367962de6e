//! The rules' warnings before a gesture is saved (an ask right after a
//! gift, a gift over the yearly cap): y logs it anyway, n cancels.

use super::keymap::Action;
use super::popup::{Hint, Popup};
use super::{App, Reply};
use crate::domain::change::Change;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub warnings: Vec<String>,
    /// What is made if the user says yes.
    pub then: Box<Change>,
}

impl Confirm {
    pub fn new(warnings: Vec<String>, then: Change) -> Confirm {
        Confirm {
            warnings,
            then: Box::new(then),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        if app.keymap.is(Action::Yes, &key) {
            Reply::Emit((*self.then).clone())
        } else if app.keymap.is(Action::No, &key) {
            Reply::CloseSaying("Cancelled; nothing was logged".into())
        } else {
            Reply::Stay
        }
    }
}

impl Confirm {
    /// After the data changed: a done waits on its item, a log on its
    /// partner; `Err` says why the warning closes.
    pub fn follow(self, app: &App) -> Result<Confirm, String> {
        match &*self.then {
            Change::Done { key, .. } => {
                app.item_still_open(key)?;
            }
            Change::Log { gesture } | Change::ReferGiven { gesture } | Change::DraftSent { gesture } => {
                app.partner_still_here(&gesture.contact)?;
            }
            _ => {}
        }
        Ok(self)
    }
}

impl Popup for Confirm {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    fn follow(self, app: &App) -> Result<Self, String> {
        Confirm::follow(self, app)
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        vec![(&[Action::Yes], "log it anyway"), (&[Action::No], "cancel")]
    }
}
