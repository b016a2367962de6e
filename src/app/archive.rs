//! Archiving from the TUI (`x`): a one-line popup takes an optional reason
//! ("not a fit"); Enter archives, Esc cancels. On a partner already
//! archived (the partners filter `archived` lists them), it asks "Restore
//! NAME?" instead: y restores, n or Esc leaves them. Either is one undoable
//! change.

use super::keymap::{Action, Context};
use super::popup::{Hint, Popup};
use super::{App, Overlay, Reply};
use crate::domain::Partner;
use crate::domain::change::Change;
use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone)]
pub struct Archive {
    /// The partner as the popup found them: the change is refused if they
    /// changed on disk meanwhile.
    pub partner: Box<Partner>,
    /// Why, as typed so far (archiving only).
    pub reason: Input,
}

impl Archive {
    pub fn new(p: &Partner) -> Archive {
        Archive {
            partner: Box::new(p.clone()),
            reason: Input::default(),
        }
    }

    /// True when the popup asks to restore an archived partner.
    pub fn restoring(&self) -> bool {
        self.partner.archived
    }

    /// After the data changed: closes when the partner is gone or was
    /// archived (or restored) meanwhile; `Err` says which.
    pub fn follow(self, app: &App) -> Result<Archive, String> {
        let now = app.partner_still_here(&self.partner.id)?;
        if now.archived != self.partner.archived {
            let what = if now.archived { "archived" } else { "restored" };
            return Err(format!("{} was {what} meanwhile; nothing was changed", now.name));
        }
        Ok(self)
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let name = self.partner.name.clone();
        let keys = &app.keymap;
        let id = self.partner.id.clone();
        if self.restoring() {
            return if keys.is(Action::Yes, &key) {
                Reply::Emit(Change::Restore { id })
            } else if keys.is(Action::No, &key) {
                Reply::CloseSaying(format!("{name} stays archived"))
            } else {
                Reply::Stay
            };
        }
        if keys.is(Action::Cancel, &key) {
            Reply::CloseSaying(format!("Cancelled; {name} was not archived"))
        } else if keys.is(Action::Save, &key) {
            let reason = self.reason.value().trim();
            let reason = (!reason.is_empty()).then(|| reason.to_string());
            Reply::Emit(Change::Archive { id, reason })
        } else {
            self.reason.handle_event(&Event::Key(key));
            Reply::Stay
        }
    }
}

/// The keys the card answers beyond its own: `x` archives (or restores)
/// the partner it shows, `S` accepts the stage their log suggests.
/// `None`: the card's own keys decide.
pub fn card_key(key: &KeyEvent, app: &App, id: &str) -> Option<Reply> {
    match app.keymap.action_in(Context::Card, key)? {
        Action::Archive => app
            .data
            .book
            .partner(id)
            .map(|p| Reply::Push(Overlay::Archive(Archive::new(p)))),
        Action::AcceptStage => Some(match super::stage::accept(app, id) {
            Ok(m) => Reply::Emit(m),
            Err(why) => Reply::Complain(why),
        }),
        _ => None,
    }
}

impl App {
    /// `x`: the archive popup for the selected partner.
    pub(super) fn open_archive(&mut self) {
        match self
            .selected_contact()
            .and_then(|id| self.data.book.partner(&id).cloned())
        {
            Some(p) => self.overlays.push(Overlay::Archive(Archive::new(&p))),
            None => self.complain("Select a partner first"),
        }
    }
}

impl Popup for Archive {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    fn follow(self, app: &App) -> Result<Self, String> {
        Archive::follow(self, app)
    }
    fn paste(&mut self, text: &str, _: &App) -> Reply {
        if !self.restoring() {
            super::form::paste_into(&mut self.reason, text, false);
        }
        Reply::Stay
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        if self.restoring() {
            vec![(&[Action::Yes], "restore"), (&[Action::No], "keep archived")]
        } else {
            vec![(&[Action::Save], "archive"), (&[Action::Cancel], "cancel")]
        }
    }
}
