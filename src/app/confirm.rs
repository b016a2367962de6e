//! The rules' warnings before a gesture is saved (an ask right after a
//! gift, a gift over the yearly cap): y logs it anyway, n cancels.

use super::{App, Reply};
use crate::domain::change::Change;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

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

    pub fn handle_key(&mut self, key: KeyEvent) -> Reply {
        match key.code {
            KeyCode::Char('y') | KeyCode::Enter => Reply::Emit((*self.then).clone()),
            KeyCode::Char('n') | KeyCode::Esc => Reply::CloseSaying("Cancelled; nothing was logged".into()),
            _ => Reply::Stay,
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
