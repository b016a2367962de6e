//! The undo journal: every change is recorded as what it did to each
//! partner, gesture and snooze, so `undo` can reverse the last one (even after
//! a restart) and `redo` bring it back. The CLI and the TUI share it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How many changes can be undone.
pub const KEPT: usize = 100;

/// One recorded part of a change. `before`/`after` are `None` where the
/// thing did not exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// A partner, as the body of its `[[contact]]` table.
    Partner {
        id: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// A gesture, as its log line: added, changed or removed.
    Gesture {
        id: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// A snooze set, moved or lifted.
    Snooze {
        key: String,
        before: Option<NaiveDate>,
        after: Option<NaiveDate>,
    },
}

/// One change, as the user would name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub label: String,
    pub ops: Vec<Op>,
}

impl Entry {
    /// The same change, the other way round.
    pub fn inverse(&self) -> Entry {
        let ops = self
            .ops
            .iter()
            .rev()
            .map(|op| match op.clone() {
                Op::Partner { id, before, after } => Op::Partner {
                    id,
                    before: after,
                    after: before,
                },
                Op::Gesture { id, before, after } => Op::Gesture {
                    id,
                    before: after,
                    after: before,
                },
                Op::Snooze { key, before, after } => Op::Snooze {
                    key,
                    before: after,
                    after: before,
                },
            })
            .collect();
        Entry {
            label: self.label.clone(),
            ops,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub undo: Vec<Entry>,
    pub redo: Vec<Entry>,
}

impl Journal {
    /// Records a new change: it can be undone, and nothing can be redone.
    pub fn record(&mut self, e: Entry) {
        self.undo.push(e);
        if self.undo.len() > KEPT {
            let extra = self.undo.len() - KEPT;
            self.undo.drain(..extra);
        }
        self.redo.clear();
    }
}
