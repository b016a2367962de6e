//! How far a long overlay (help, a partner's card) is scrolled. Only the
//! drawing knows how many lines fit, so it records how far the text can
//! go; keys past the end then do not pile up out of sight (`G` then `k`
//! moves up at once).

use super::keymap::Action;
use std::cell::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    at: u16,
    /// The furthest offset at the size last drawn; unknown before the
    /// first frame, when nothing bounds the offset yet.
    last: Cell<Option<u16>>,
}

impl Scroll {
    /// The offset to draw at.
    pub fn offset(&self) -> u16 {
        match self.last.get() {
            Some(last) => self.at.min(last),
            None => self.at,
        }
    }

    /// Moves by `n` lines (up when negative), within the text.
    pub fn by(&mut self, n: i32) {
        let at = (i32::from(self.offset()) + n).clamp(0, i32::from(u16::MAX)) as u16;
        self.at = match self.last.get() {
            Some(last) => at.min(last),
            None => at,
        };
    }

    /// Moves as a movement key says (`j` `k`, a page, `g` `G`); false for
    /// any other action.
    pub fn follow(&mut self, action: Option<Action>) -> bool {
        match action {
            Some(Action::Down) => self.by(1),
            Some(Action::Up) => self.by(-1),
            Some(Action::PageDown) => self.by(10),
            Some(Action::PageUp) => self.by(-10),
            Some(Action::Top) => self.top(),
            Some(Action::Bottom) => self.bottom(),
            _ => return false,
        }
        true
    }

    pub fn top(&mut self) {
        self.at = 0;
    }

    /// The last line at the bottom (once drawn; until then, as far as
    /// the drawing will let it).
    pub fn bottom(&mut self) {
        self.at = self.last.get().unwrap_or(u16::MAX);
    }

    /// For the drawing: the text can scroll as far as `last` at this
    /// size; returns the offset to draw at.
    pub fn bound(&self, last: u16) -> u16 {
        self.last.set(Some(last));
        self.offset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_past_the_end_do_not_pile_up() {
        let mut s = Scroll::default();
        s.bottom();
        assert_eq!(s.bound(12), 12);
        s.by(-1);
        assert_eq!(s.offset(), 11);
        for _ in 0..5 {
            s.by(1);
        }
        s.by(-1);
        assert_eq!(s.offset(), 11);
        s.top();
        s.by(-3);
        assert_eq!(s.offset(), 0);
        // A taller screen shows more; a shorter one bounds it again.
        s.by(30);
        assert_eq!(s.bound(4), 4);
    }
}
