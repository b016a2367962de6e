//! The partner card: everything needed before a call. `l` logs and `e`
//! edits on top of it; it stays open under them.

use super::keymap::Action;
use super::{App, Overlay, Reply, log_form::LogForm, partner_form::PartnerForm};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The partner's id: the card follows them across reloads.
    pub id: String,
    pub scroll: u16,
}

impl Card {
    pub fn new(id: String) -> Card {
        Card { id, scroll: 0 }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        if key.code == KeyCode::Esc {
            return Reply::Close;
        }
        match app.keymap.action_for(&key) {
            Some(Action::Quit) => Reply::Close,
            Some(Action::Down) => {
                self.scroll = self.scroll.saturating_add(1);
                Reply::Stay
            }
            Some(Action::Up) => {
                self.scroll = self.scroll.saturating_sub(1);
                Reply::Stay
            }
            Some(Action::Log) => Reply::Push(Overlay::LogForm(LogForm::new(app, &self.id))),
            Some(Action::Edit) => match app.data.book.partner(&self.id) {
                Some(p) => Reply::Push(Overlay::PartnerForm(PartnerForm::new(Some(p.clone()), &app.rules))),
                None => Reply::Stay,
            },
            _ => Reply::Stay,
        }
    }
}
