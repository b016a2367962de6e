//! The `?` help: every key from the keymap. The movement keys scroll it
//! (`G` to its last line); any other key closes it.

use super::keymap::Action;
use super::{App, Reply};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: u16,
}

impl Help {
    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.scroll = match app.keymap.action_for(&key) {
            Some(Action::Down) => self.scroll.saturating_add(1),
            Some(Action::Up) => self.scroll.saturating_sub(1),
            Some(Action::PageDown) => self.scroll.saturating_add(10),
            Some(Action::PageUp) => self.scroll.saturating_sub(10),
            Some(Action::Top) => 0,
            // The drawing stops at the last line.
            Some(Action::Bottom) => u16::MAX,
            _ => return Reply::Close,
        };
        Reply::Stay
    }
}
