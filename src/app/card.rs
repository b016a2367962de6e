//! The partner card: everything needed before a call. `l` logs and `e`
//! edits on top of it; it stays open under them.

use super::keymap::Action;
use super::scroll::Scroll;
use super::{App, Overlay, Reply, log_form::LogForm, partner_form::PartnerForm};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The partner's id: the card follows them across reloads.
    pub id: String,
    pub scroll: Scroll,
}

impl Card {
    pub fn new(id: String) -> Card {
        Card {
            id,
            scroll: Scroll::default(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        if key.code == KeyCode::Esc {
            return Reply::Close;
        }
        let action = app.keymap.action_for(&key);
        if self.scroll.follow(action) {
            return Reply::Stay;
        }
        match action {
            Some(Action::Quit) => Reply::Close,
            Some(Action::Log) => Reply::Push(Overlay::LogForm(LogForm::new(app, &self.id))),
            Some(Action::Edit) => match app.data.book.partner(&self.id) {
                Some(p) => Reply::Push(Overlay::PartnerForm(PartnerForm::new(Some(p.clone()), &app.rules))),
                None => Reply::Stay,
            },
            _ => Reply::Stay,
        }
    }
}
