//! The undo journal: every change is recorded as what it did to each
//! partner, gesture and snooze, so `undo` can reverse the last one (even after
//! a restart) and `redo` bring it back. The CLI and the TUI share it.
//!
//! A change is written to the journal *before* the data files, as a
//! [`Pending`] step with the marks of the files before and after it. The
//! next reader settles it against the files (see `settle.rs`): if any file
//! reached its new state the step took place and joins the history;
//! if every file is still as it was, the change never happened and the
//! step is dropped. So a crash between any two renames leaves a journal
//! that agrees with the files, and `undo` never reverses an older change in
//! place of the one that is on disk.

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
    /// The log's lines from line `from` (0-based) on, as they were and as
    /// they became: used when gesture ids in the log are not unique, so
    /// that no edit of such a log goes unrecorded.
    Log {
        from: usize,
        before: Vec<String>,
        after: Vec<String>,
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
                Op::Log { from, before, after } => Op::Log {
                    from,
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
    /// The step whose files were being written when the journal was last
    /// saved; settled by the next reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
}

/// A step of the history that takes effect once its files are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    /// A new change.
    Record { entry: Entry },
    /// The last change undone.
    Undo,
    /// The last undone change brought back.
    Redo,
    /// A rewrite that changes no data (an old schema upgraded, a torn last
    /// line set aside): nothing to undo.
    Tidy,
}

/// A step and the files it writes, each with how it was and how it will be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    #[serde(flatten)]
    pub step: Step,
    pub files: Vec<FileMark>,
}

/// One file of a pending step: its name in the data folder, and its mark
/// before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileMark {
    pub file: String,
    pub before: Mark,
    pub after: Mark,
}

/// Enough about a file's bytes to tell one state of it from another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "kebab-case")]
pub enum Mark {
    /// No such file.
    Absent,
    /// `len` bytes whose xxh3 is `hash`.
    Whole { len: u64, hash: u64 },
    /// `len` bytes, of which those from offset `from` on hash to `hash`:
    /// what an append to the log (or cutting one off) needs, without
    /// reading the whole log.
    Tail { len: u64, from: u64, hash: u64 },
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

    /// Makes `step` part of the history: what a settled pending step does.
    pub fn take_step(&mut self, step: Step) {
        match step {
            Step::Record { entry } => self.record(entry),
            Step::Undo => {
                if let Some(e) = self.undo.pop() {
                    self.redo.push(e);
                }
            }
            Step::Redo => {
                if let Some(e) = self.redo.pop() {
                    self.undo.push(e);
                }
            }
            Step::Tidy => {}
        }
    }
}
