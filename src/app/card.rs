//! The partner card: everything needed before a call. `l` logs and `e`
//! edits on top of it; it stays open under them.

use super::keymap::{Action, Context};
use super::popup::{Hint, Popup};
use super::scroll::Scroll;
use super::{App, Overlay, Reply, log_form::LogForm, partner_form::PartnerForm};
use ratatui::crossterm::event::KeyEvent;

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
        let action = app.keymap.action_in(Context::Card, &key);
        if self.scroll.follow(action) {
            return Reply::Stay;
        }
        match action {
            Some(Action::Close | Action::Quit) => Reply::Close,
            Some(Action::Log) => Reply::Push(Overlay::LogForm(LogForm::new(app, &self.id))),
            Some(Action::Write) => match super::draft::DraftPopup::new(app, &self.id) {
                Some(d) => Reply::Push(Overlay::Draft(Box::new(d))),
                None => Reply::Complain("No template to write from".into()),
            },
            Some(Action::Unsnooze) => match app.unsnooze_change(Some(&self.id)) {
                Ok(change) => Reply::Emit(change),
                Err(why) => Reply::Complain(why),
            },
            Some(Action::Edit) => match app.data.book.partner(&self.id) {
                Some(p) => Reply::Push(Overlay::PartnerForm(PartnerForm::new(Some(p.clone()), &app.rules))),
                None => Reply::Stay,
            },
            _ => Reply::Stay,
        }
    }
}

impl Popup for Card {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        super::archive::card_key(&key, app, &self.id).unwrap_or_else(|| self.handle_key(key, app))
    }
    /// Closes when the partner is gone.
    fn follow(self, app: &App) -> Result<Self, String> {
        app.partner_still_here(&self.id)?;
        Ok(self)
    }
    fn hints(&self, app: &App) -> Vec<Hint> {
        let mut hints = vec![
            (&[Action::Edit][..], "edit"),
            (&[Action::Log], "log"),
            (&[Action::Write], "write"),
        ];
        if app.view.snoozed.iter().any(|s| s.item.contact == self.id) {
            hints.push((&[Action::Unsnooze], "unsnooze"));
        }
        hints.extend([(&[Action::Down, Action::Up][..], "scroll"), (&[Action::Close], "close")]);
        hints
    }
}
