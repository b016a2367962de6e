//! The `?` help: every key from the keymap. The movement keys scroll it
//! (`G` to its last line); any other key closes it.

use super::popup::{Hint, Popup};
use super::scroll::Scroll;
use super::{App, Reply};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: Scroll,
}

impl Help {
    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        if self
            .scroll
            .follow(app.keymap.action_in(super::keymap::Context::Card, &key))
        {
            Reply::Stay
        } else {
            Reply::Close
        }
    }
}

impl Popup for Help {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    fn follow(self, _: &App) -> Result<Self, String> {
        Ok(self)
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        vec![(&[super::keymap::Action::Close], "close")]
    }
}
