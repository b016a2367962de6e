//! Changing the files: one change under the lock on freshly read files,
//! written whole or not at all, and recorded in the undo journal; undo and
//! redo.

use super::journal::{Entry, Journal, Op};
use super::{Data, Store, StoreError, contacts, fsio, log, paths, queue_file, read_text};
use crate::domain::{Gesture, Partner};
use std::collections::{BTreeSet, HashMap};
use std::fs;

impl Store {
    /// Applies one change under the lock. `f` gets the data freshly parsed
    /// from the files (never from the cache: a field its copy lacked would
    /// be lost from the file) and returns a result and the change's name
    /// for the journal ("Logged thank-you to Dana Lee"). If `f` fails,
    /// nothing is written.
    pub fn change<T, E: From<StoreError>>(&self, f: impl FnOnce(&mut Data) -> Result<(T, String), E>) -> Result<T, E> {
        let _lock = self.lock()?;
        fsio::sweep_temp_files(&self.dir);
        let mut data = self.load_fresh()?;
        let before = data.clone();
        let (out, label) = f(&mut data)?;
        let mut restore = Vec::new();
        let written = self.write_diff(&before, &data, &mut restore).and_then(|ops| {
            if ops.is_empty() {
                return Ok(());
            }
            let mut journal = self.read_journal();
            journal.record(Entry { label, ops });
            restore.push(fsio::Restore::bytes_of(&self.path(paths::JOURNAL)));
            self.write_journal(&journal)
        });
        match written {
            Ok(()) => Ok(out),
            Err(e) => Err(roll_back(e, &restore).into()),
        }
    }

    /// Reverses the last change; returns its name, or `None` if there is
    /// nothing to undo.
    pub fn undo(&self) -> Result<Option<String>, StoreError> {
        self.step(true)
    }

    /// Brings back the last undone change.
    pub fn redo(&self) -> Result<Option<String>, StoreError> {
        self.step(false)
    }

    fn step(&self, undo: bool) -> Result<Option<String>, StoreError> {
        let _lock = self.lock()?;
        let mut journal = self.read_journal();
        let Some(entry) = (if undo {
            journal.undo.last().cloned()
        } else {
            journal.redo.last().cloned()
        }) else {
            return Ok(None);
        };
        let apply = if undo { entry.inverse() } else { entry.clone() };
        // Parsed, as for any change: the ops are checked against the files.
        let mut data = self.load_fresh()?;
        let before = data.clone();
        apply_ops(&mut data, &apply.ops).map_err(|what| {
            StoreError::Refused(format!(
                "cannot {} \"{}\": {what} changed since (outside rapport or in another session); nothing was changed",
                if undo { "undo" } else { "redo" },
                entry.label
            ))
        })?;
        if undo {
            journal.undo.pop();
            journal.redo.push(entry.clone());
        } else {
            journal.redo.pop();
            journal.undo.push(entry.clone());
        }
        let mut restore = Vec::new();
        self.write_diff(&before, &data, &mut restore)
            .and_then(|_| {
                restore.push(fsio::Restore::bytes_of(&self.path(paths::JOURNAL)));
                self.write_journal(&journal)
            })
            .map_err(|e| roll_back(e, &restore))?;
        Ok(Some(entry.label))
    }

    /// The journal; an unreadable one is treated as empty (it only holds
    /// undo history, never data).
    pub fn read_journal(&self) -> Journal {
        fs::read(self.path(paths::JOURNAL))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub(super) fn write_journal(&self, j: &Journal) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(j).expect("the journal always serializes");
        fsio::atomic_write(&self.path(paths::JOURNAL), &bytes)
    }

    fn backup_stamp() -> String {
        chrono::Local::now().format("%Y%m%dT%H%M%S%.3f").to_string()
    }

    /// Writes what differs between `before` and `after`; returns the ops
    /// that describe it. Before touching a file it records in `restore`
    /// how to put it back, so a failure at any later step can undo the
    /// steps already done.
    fn write_diff(&self, before: &Data, after: &Data, restore: &mut Vec<fsio::Restore>) -> Result<Vec<Op>, StoreError> {
        let mut ops = Vec::new();
        let backups = self.path(paths::BACKUPS);
        let stamp = Self::backup_stamp();

        // Partners; an older schema is upgraded by the first change.
        if before.book.partners != after.book.partners || before.old_schema.is_some() {
            let old: HashMap<&str, &Partner> = before.book.partners.iter().map(|p| (p.id.as_str(), p)).collect();
            let new: HashMap<&str, &Partner> = after.book.partners.iter().map(|p| (p.id.as_str(), p)).collect();
            let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
            for id in ids {
                let (a, b) = (old.get(id), new.get(id));
                if a != b {
                    ops.push(Op::Partner {
                        id: id.to_string(),
                        before: a.map(|p| partner_body(p)),
                        after: b.map(|p| partner_body(p)),
                    });
                }
            }
            let path = self.path(paths::CONTACTS);
            fsio::backup(&path, &backups, &stamp)?;
            restore.push(fsio::Restore::bytes_of(&path));
            let current = read_text(&path).ok().flatten();
            fsio::atomic_write(
                &path,
                contacts::rewrite(&after.book.partners, current.as_deref()).as_bytes(),
            )?;
        }

        // Gestures.
        let (old, new) = (&before.book.gestures, &after.book.gestures);
        if old != new || before.torn_tail.is_some() {
            let path = self.path(paths::GESTURES);
            if let Some(t) = &before.torn_tail {
                restore.push(fsio::Restore::bytes_of(&path));
                let side = self.path(&format!("{}.torn", paths::GESTURES));
                fsio::append(&side, format!("{}\n", t.text).as_bytes())?;
                fsio::truncate(&path, t.offset as u64)?;
            }
            let common = old.iter().zip(new.iter()).take_while(|(a, b)| a == b).count();
            let old_by_id: HashMap<&str, &Gesture> = old.iter().map(|g| (g.id.as_str(), g)).collect();
            let new_by_id: HashMap<&str, &Gesture> = new.iter().map(|g| (g.id.as_str(), g)).collect();
            let mut changed: Vec<&str> = Vec::new();
            for g in old[common..].iter().chain(new[common..].iter()) {
                if old_by_id.get(g.id.as_str()) != new_by_id.get(g.id.as_str()) && !changed.contains(&g.id.as_str()) {
                    changed.push(&g.id);
                }
            }
            for id in changed {
                ops.push(Op::Gesture {
                    id: id.to_string(),
                    before: old_by_id.get(id).map(|g| log::render_line(g)),
                    after: new_by_id.get(id).map(|g| log::render_line(g)),
                });
            }
            let current = fs::read(fsio::real_path(&path)).unwrap_or_default();
            let ends_in_newline = current.is_empty() || current.ends_with(b"\n");
            if common == old.len() {
                // Only additions at the end: one durable append.
                let mut text = String::new();
                if !ends_in_newline {
                    text.push('\n');
                }
                for g in &new[common..] {
                    text.push_str(&log::render_line(g));
                    text.push('\n');
                }
                if !text.is_empty() {
                    restore.push(fsio::Restore::len_of(&path));
                    fsio::append(&path, text.as_bytes())?;
                }
            } else {
                let tail: String = old[common..].iter().map(|g| log::render_line(g) + "\n").collect();
                if common == new.len() && current.ends_with(tail.as_bytes()) {
                    // Only the last lines removed (undo of an append): cut
                    // them off, leaving every other byte as it was.
                    restore.push(fsio::Restore::Bytes(path.clone(), Some(current.clone())));
                    fsio::truncate(&path, (current.len() - tail.len()) as u64)?;
                } else {
                    fsio::backup(&path, &backups, &stamp)?;
                    restore.push(fsio::Restore::Bytes(path.clone(), Some(current.clone())));
                    let text: String = new.iter().map(|g| log::render_line(g) + "\n").collect();
                    fsio::atomic_write(&path, text.as_bytes())?;
                }
            }
        }

        // Snoozes.
        if before.queue != after.queue {
            let keys: BTreeSet<&String> = before.queue.snoozed.keys().chain(after.queue.snoozed.keys()).collect();
            for k in keys {
                let (a, b) = (before.queue.snoozed.get(k), after.queue.snoozed.get(k));
                if a != b {
                    ops.push(Op::Snooze {
                        key: k.clone(),
                        before: a.copied(),
                        after: b.copied(),
                    });
                }
            }
            let path = self.path(paths::QUEUE);
            restore.push(fsio::Restore::bytes_of(&path));
            // queue.toml exists only while something is snoozed (or kept), so undoing
            // the first snooze leaves the folder as it was.
            if after.queue.is_empty() && !path.is_symlink() {
                fsio::remove(&path)?;
            } else {
                fsio::atomic_write(&path, queue_file::render(&after.queue).as_bytes())?;
            }
        }
        Ok(ops)
    }
}

/// Puts back every file a failed change had already written, newest first,
/// and returns the error to report. If putting back fails too, the error
/// says so, so the user knows to look at `backups/`.
pub(super) fn roll_back(e: StoreError, restore: &[fsio::Restore]) -> StoreError {
    let failed: Vec<String> = restore
        .iter()
        .rev()
        .filter_map(|r| r.apply().err())
        .map(|e| e.to_string())
        .collect();
    if failed.is_empty() {
        e
    } else {
        StoreError::Refused(format!(
            "{e}; putting the files back also failed ({}); the previous versions are in backups/",
            failed.join("; ")
        ))
    }
}

fn partner_body(p: &Partner) -> String {
    let mut s = String::new();
    contacts::render_partner_body(&mut s, p);
    s
}

fn parse_partner_body(body: &str) -> Option<Partner> {
    contacts::parse(&format!("[[contact]]\n{body}")).ok()?.partners.pop()
}

/// Applies ops to `data`, first checking that each thing is as the op
/// expects to find it (its `before`). On a mismatch returns what differs.
fn apply_ops(data: &mut Data, ops: &[Op]) -> Result<(), String> {
    for op in ops {
        match op {
            Op::Partner { id, before, .. } => {
                let current = data.book.partner(id).map(partner_body);
                if current.as_deref() != before.as_deref() {
                    return Err(format!("partner {id}"));
                }
            }
            Op::Gesture { id, before, .. } => {
                let current = data.book.gestures.iter().find(|g| &g.id == id).map(log::render_line);
                if current.as_deref() != before.as_deref() {
                    return Err(format!("gesture {id}"));
                }
            }
            Op::Snooze { key, before, .. } => {
                if data.queue.snoozed.get(key) != before.as_ref() {
                    return Err(format!("the snooze of {key}"));
                }
            }
        }
    }
    for op in ops {
        match op {
            Op::Partner { id, after, .. } => {
                if let Some(i) = data.book.position(id) {
                    data.book.partners.remove(i);
                }
                if let Some(body) = after {
                    let p = parse_partner_body(body).ok_or_else(|| format!("the journal entry for {id}"))?;
                    data.book.insert(p);
                }
            }
            Op::Gesture { id, after, .. } => {
                let pos = data.book.gestures.iter().position(|g| &g.id == id);
                let new = match after {
                    Some(line) => Some(log::parse_line(line).map_err(|_| format!("the journal entry for {id}"))?),
                    None => None,
                };
                match (pos, new) {
                    (Some(i), Some(g)) => data.book.gestures[i] = g,
                    (Some(i), None) => {
                        data.book.gestures.remove(i);
                    }
                    (None, Some(g)) => data.book.gestures.push(g),
                    (None, None) => {}
                }
            }
            Op::Snooze { key, after, .. } => match after {
                Some(d) => {
                    data.queue.snoozed.insert(key.clone(), *d);
                }
                None => {
                    data.queue.snoozed.remove(key);
                }
            },
        }
    }
    Ok(())
}
