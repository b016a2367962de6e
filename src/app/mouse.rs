//! Clicks and the wheel on the panes; popups take no mouse input.

use super::{App, Pane};

/// A click or a turn of the wheel on a pane, as the screen's layout places
/// it (the runtime asks the UI where the pointer is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// A click on `row` of the list (its index in the pane, if there is one).
    Click {
        pane: Pane,
        row: Option<usize>,
    },
    Scroll {
        pane: Pane,
        down: bool,
    },
}

impl App {
    /// A click or wheel turn on a pane; popups take no mouse input.
    pub fn mouse(&mut self, m: Mouse) {
        if !self.ui.mouse || !self.overlays.is_empty() {
            return;
        }
        match m {
            Mouse::Click { pane, row } => {
                self.focus = pane;
                if let Some(row) = row.filter(|&r| r < self.len(pane)) {
                    self.select(pane, row);
                }
            }
            Mouse::Scroll { pane, down } => {
                self.focus = pane;
                self.move_by(if down { 3 } else { -3 });
            }
        }
    }
}
