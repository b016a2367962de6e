//! The pick-list that search, merge and refer share: a line typed into,
//! the hits it finds and the one selected. The popup says what the hits
//! are and what a pick does; the list answers the keys of the `lists`
//! context.

use super::keymap::{Action, Keymap};
use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone, Default)]
pub struct PickList<T> {
    pub input: Input,
    /// Best first.
    pub hits: Vec<T>,
    pub sel: usize,
}

/// What a key did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Nothing the popup needs to know.
    Stay,
    /// The selection moved.
    Moved,
    /// The text changed: the popup finds the hits again.
    Typed,
    /// The selected hit is taken.
    Pick,
    /// Cancelled.
    Cancel,
}

impl<T> PickList<T> {
    pub fn new() -> PickList<T> {
        PickList {
            input: Input::default(),
            hits: Vec::new(),
            sel: 0,
        }
    }

    /// What is typed, trimmed.
    pub fn query(&self) -> &str {
        self.input.value().trim()
    }

    pub fn selected(&self) -> Option<&T> {
        self.hits.get(self.sel)
    }

    /// New hits, the selection kept where it was if it still fits.
    pub fn set_hits(&mut self, hits: Vec<T>) {
        self.hits = hits;
        self.select(self.sel);
    }

    pub fn select(&mut self, sel: usize) {
        self.sel = sel.min(self.hits.len().saturating_sub(1));
    }

    /// Pasted text, typed into the line as text (line breaks as spaces).
    pub fn paste(&mut self, text: &str) -> Picked {
        let before = self.input.value().to_string();
        super::form::paste_into(&mut self.input, text, false);
        if self.input.value() == before {
            return Picked::Stay;
        }
        self.sel = 0;
        Picked::Typed
    }

    pub fn keys(&mut self, key: KeyEvent, keys: &Keymap) -> Picked {
        if keys.is(Action::Pick, &key) {
            return Picked::Pick;
        }
        if keys.is(Action::Cancel, &key) {
            return Picked::Cancel;
        }
        if keys.is(Action::Next, &key) {
            self.select(self.sel + 1);
            return Picked::Moved;
        }
        if keys.is(Action::Prev, &key) {
            self.select(self.sel.saturating_sub(1));
            return Picked::Moved;
        }
        let before = self.input.value().to_string();
        self.input.handle_event(&Event::Key(key));
        if self.input.value() == before {
            return Picked::Stay;
        }
        self.sel = 0;
        Picked::Typed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn typing_starts_at_the_top_and_moves_stay_on_the_list() {
        let keys = Keymap::new(&Default::default()).unwrap();
        let press = |l: &mut PickList<u8>, c| l.keys(KeyEvent::new(c, KeyModifiers::NONE), &keys);
        let mut l = PickList::new();
        l.set_hits(vec![1, 2, 3]);
        assert_eq!(press(&mut l, KeyCode::Down), Picked::Moved);
        assert_eq!(press(&mut l, KeyCode::Tab), Picked::Moved);
        assert_eq!(press(&mut l, KeyCode::Down), Picked::Moved);
        assert_eq!(l.selected(), Some(&3), "no further than the last");
        assert_eq!(press(&mut l, KeyCode::Char('n')), Picked::Typed, "n is typed, not no");
        assert_eq!((l.sel, l.query()), (0, "n"));
        assert_eq!(press(&mut l, KeyCode::Enter), Picked::Pick);
        assert_eq!(press(&mut l, KeyCode::Esc), Picked::Cancel);
        l.set_hits(vec![]);
        assert_eq!(l.selected(), None);
    }
}
