//! The `?` help: every key from the keymap. The movement keys scroll it
//! (`G` to its last line); any other key closes it.

use super::scroll::Scroll;
use super::{App, Reply};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: Scroll,
}

impl Help {
    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        if self.scroll.follow(app.keymap.action_for(&key)) {
            Reply::Stay
        } else {
            Reply::Close
        }
    }
}
