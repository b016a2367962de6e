//! Changing the files: one change under the lock on freshly read files,
//! written whole or not at all, and recorded in the undo journal before
//! any data file is touched; undo and redo.

use super::journal::{Entry, FileMark, Journal, Mark, Op, Pending, Step};
use super::{
    Data, Store, StoreError, conflict_copies, contacts, fsio, log, merge_conflicts, paths, queue_file, read_back,
    read_text,
};
use crate::domain::{Gesture, Partner};
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::PathBuf;

/// One file operation of a change, in the order they run.
#[derive(Debug)]
enum Action {
    /// Replace the file atomically.
    Write(PathBuf, Vec<u8>),
    /// Append whole lines.
    Append(PathBuf, Vec<u8>),
    /// Cut the file back to this length.
    Truncate(PathBuf, u64),
    /// Remove the file.
    Remove(PathBuf),
}

impl Action {
    fn restore(&self) -> fsio::Restore {
        match self {
            Action::Write(p, _) | Action::Truncate(p, _) | Action::Remove(p) => fsio::Restore::bytes_of(p),
            Action::Append(p, _) => fsio::Restore::len_of(p),
        }
    }

    fn run(&self) -> Result<(), StoreError> {
        match self {
            Action::Write(p, b) => fsio::atomic_write(p, b),
            Action::Append(p, b) => fsio::append(p, b),
            Action::Truncate(p, n) => fsio::truncate(p, *n),
            Action::Remove(p) => fsio::remove(p),
        }
    }
}

/// What a change does to the files: the ops for the journal, the files to
/// copy into backups/ first, the file operations, and each file's mark
/// before and after.
#[derive(Debug, Default)]
struct Plan {
    ops: Vec<Op>,
    backups: Vec<PathBuf>,
    actions: Vec<Action>,
    marks: Vec<FileMark>,
}

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
        if let Some(m) = conflict_copies::merge_into(&self.dir, &data) {
            self.merge_copies(&data, m)?;
            data = self.load_fresh()?;
        }
        let before = data.clone();
        let (out, label) = f(&mut data)?;
        let plan = self.plan(&before, &data)?;
        if plan.actions.is_empty() {
            return Ok(out);
        }
        let stamp = backup_stamp();
        self.record(plan, label, &stamp)?;
        Ok(out)
    }

    /// Writes a planned change under its name: a step `undo` can take
    /// back, or a tidying one when it changes no data (a torn line set
    /// aside, an upgrade).
    fn record(&self, plan: Plan, label: String, stamp: &str) -> Result<(), StoreError> {
        let journal = self.journal_for_change(stamp)?;
        let step = if plan.ops.is_empty() {
            Step::Tidy
        } else {
            Step::Record {
                entry: Entry {
                    label,
                    ops: plan.ops.clone(),
                },
            }
        };
        self.carry_out(journal, step, plan, stamp)
    }

    /// Writes the data with Syncthing's conflict copies merged in, as a
    /// change of its own (so `undo` can take it back), after backing up
    /// the files it changes; then backs up each copy merged and removes it.
    fn merge_copies(&self, before: &Data, m: conflict_copies::Merging) -> Result<(), StoreError> {
        self.notice(&m.problems);
        if m.merged.is_empty() {
            return Ok(());
        }
        let stamp = backup_stamp();
        let mut plan = self.plan(before, &m.data)?;
        let names: Vec<String> = m
            .merged
            .iter()
            .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        if !plan.actions.is_empty() {
            for t in &m.targets {
                let p = self.path(t);
                if !plan.backups.contains(&p) {
                    plan.backups.push(p);
                }
            }
            let label = format!("Merged Syncthing's conflict copies ({})", names.join(", "));
            self.record(plan, label, &stamp)?;
        }
        if !m.conflicts.is_empty() {
            merge_conflicts::record(&self.dir, &m.conflicts, &m.data.book.partners)?;
        }
        let backups = self.path(paths::BACKUPS);
        for copy in &m.merged {
            fsio::backup(copy, &backups, &stamp)?;
            fsio::remove(copy)?;
        }
        // What the load said of the copies no longer holds.
        self.forget(|w| m.merged.iter().any(|c| w.starts_with(&c.display().to_string())));
        let mut said = vec![format!(
            "merged Syncthing's conflict {} {} into {} (the versions before are in {}/)",
            if names.len() == 1 { "copy" } else { "copies" },
            names.join(", "),
            m.targets.join(", "),
            paths::BACKUPS
        )];
        if !m.conflicts.is_empty() {
            said.push(format!(
                "{} field(s) differ between the conflict copy and the file with nothing to tell which is newer; this machine's were kept: see `rapport check`",
                m.conflicts.len()
            ));
        }
        self.note(said);
        Ok(())
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
        fsio::sweep_temp_files(&self.dir);
        let journal = self.read_journal().map_err(|e| match e {
            StoreError::Parse { .. } => StoreError::Refused(format!(
                "{e}, so nothing can be {}; the next change moves it into {}/ and starts a new history",
                if undo { "undone" } else { "redone" },
                paths::BACKUPS
            )),
            e => e,
        })?;
        let Some(entry) = (if undo { journal.undo.last() } else { journal.redo.last() }).cloned() else {
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
        let plan = self.plan(&before, &data)?;
        let step = if undo { Step::Undo } else { Step::Redo };
        self.carry_out(journal, step, plan, &backup_stamp())?;
        Ok(Some(entry.label))
    }

    /// Writes a planned change: the backups, then the journal with the
    /// step pending and the files' marks, then the files. If any of it
    /// fails, every file already written is put back (the journal last),
    /// and the error says what is on disk.
    fn carry_out(&self, mut journal: Journal, step: Step, plan: Plan, stamp: &str) -> Result<(), StoreError> {
        let backups = self.path(paths::BACKUPS);
        for path in &plan.backups {
            fsio::backup(path, &backups, stamp).map_err(|e| roll_back(e, &[]))?;
        }
        journal.pending = Some(Pending {
            step,
            files: plan.marks,
        });
        let mut restore = vec![fsio::Restore::bytes_of(&self.path(paths::JOURNAL))];
        self.write_journal(&journal).map_err(|e| roll_back(e, &restore))?;
        for action in &plan.actions {
            restore.push(action.restore());
            action.run().map_err(|e| roll_back(e, &restore))?;
        }
        Ok(())
    }

    pub(super) fn write_journal(&self, j: &Journal) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(j).expect("the journal always serializes");
        fsio::atomic_write(&self.path(paths::JOURNAL), &bytes)
    }

    /// Works out what differs between `before` and `after` and how to
    /// write it; reads the files as they are now, writes nothing.
    fn plan(&self, before: &Data, after: &Data) -> Result<Plan, StoreError> {
        let mut plan = Plan::default();

        // Partners; an older schema is upgraded by the first change.
        if before.book.partners != after.book.partners || before.old_schema.is_some() {
            let old: HashMap<&str, &Partner> = before.book.partners.iter().map(|p| (p.id.as_str(), p)).collect();
            let new: HashMap<&str, &Partner> = after.book.partners.iter().map(|p| (p.id.as_str(), p)).collect();
            let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
            for id in ids {
                let (a, b) = (old.get(id), new.get(id));
                if a != b {
                    let after = b.map(|p| partner_body(p));
                    if let (Some(p), Some(body)) = (b, &after) {
                        read_back::partner(p, body)?;
                    }
                    plan.ops.push(Op::Partner {
                        id: id.to_string(),
                        before: a.map(|p| partner_body(p)),
                        after,
                    });
                }
            }
            let path = self.path(paths::CONTACTS);
            let current = read_text(&path)?;
            let text = contacts::rewrite(&after.book.partners, current.as_deref());
            plan.marks.push(FileMark {
                file: paths::CONTACTS.to_string(),
                before: current.as_deref().map_or(Mark::Absent, |t| Mark::whole(t.as_bytes())),
                after: Mark::whole(text.as_bytes()),
            });
            plan.backups.push(path.clone());
            plan.actions.push(Action::Write(path, text.into_bytes()));
        }

        if before.book.gestures != after.book.gestures || before.torn_tail.is_some() {
            self.plan_log(before, after, &mut plan)?;
        }

        // Snoozes.
        if before.queue != after.queue {
            let keys: BTreeSet<&String> = before.queue.snoozed.keys().chain(after.queue.snoozed.keys()).collect();
            for k in keys {
                let (a, b) = (before.queue.snoozed.get(k), after.queue.snoozed.get(k));
                if a != b {
                    plan.ops.push(Op::Snooze {
                        key: k.clone(),
                        before: a.copied(),
                        after: b.copied(),
                    });
                }
            }
            let path = self.path(paths::QUEUE);
            let before_mark = Mark::of_file(&path)?;
            // queue.toml exists only while something is snoozed (or kept), so undoing
            // the first snooze leaves the folder as it was.
            if after.queue.is_empty() && !path.is_symlink() {
                plan.marks.push(FileMark {
                    file: paths::QUEUE.to_string(),
                    before: before_mark,
                    after: Mark::Absent,
                });
                plan.actions.push(Action::Remove(path));
            } else {
                let text = queue_file::render(&after.queue);
                read_back::queue(&after.queue, &text)?;
                plan.marks.push(FileMark {
                    file: paths::QUEUE.to_string(),
                    before: before_mark,
                    after: Mark::whole(text.as_bytes()),
                });
                plan.actions.push(Action::Write(path, text.into_bytes()));
            }
        }
        Ok(plan)
    }

    /// The log's part of a plan: its ops, and an append, a cut or a
    /// rewrite (a torn last line is first set aside in `gestures.jsonl.torn`).
    fn plan_log(&self, before: &Data, after: &Data, plan: &mut Plan) -> Result<(), StoreError> {
        let (old, new) = (&before.book.gestures, &after.book.gestures);
        let path = self.path(paths::GESTURES);
        let current = match fs::read(fsio::real_path(&path)) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(StoreError::io(&path, "read", e)),
        };
        let on_disk = current.as_deref().unwrap_or_default();
        let torn = before.torn_tail.as_ref();
        // The log as it stands once a torn last line is cut off.
        let base = match torn {
            Some(t) => {
                let side = self.path(&format!("{}.torn", paths::GESTURES));
                plan.actions
                    .push(Action::Append(side, format!("{}\n", t.text).into_bytes()));
                plan.actions.push(Action::Truncate(path.clone(), t.offset as u64));
                &on_disk[..t.offset.min(on_disk.len())]
            }
            None => on_disk,
        };
        let common = old.iter().zip(new.iter()).take_while(|(a, b)| a == b).count();
        plan.ops.extend(log_ops(old, new, common));

        let (after_bytes, mark_after, mark_before): (Option<Vec<u8>>, Mark, Mark);
        if common == old.len() {
            // Only additions at the end: one durable append.
            let mut text = String::new();
            if !base.is_empty() && !base.ends_with(b"\n") {
                text.push('\n');
            }
            for g in &new[common..] {
                let line = log::render_line(g);
                read_back::gesture(g, &line)?;
                text.push_str(&line);
                text.push('\n');
            }
            let len = (base.len() + text.len()) as u64;
            mark_before = match &current {
                None => Mark::Absent,
                Some(_) => Mark::tail(base.len() as u64, b""),
            };
            mark_after = Mark::tail(len, text.as_bytes());
            after_bytes = torn.is_some().then(|| [base, text.as_bytes()].concat());
            if !text.is_empty() {
                plan.actions.push(Action::Append(path.clone(), text.into_bytes()));
            }
        } else {
            let tail: String = old[common..].iter().map(|g| log::render_line(g) + "\n").collect();
            if common == new.len() && base.ends_with(tail.as_bytes()) {
                // Only the last lines removed (undo of an append): cut
                // them off, leaving every other byte as it was.
                let keep = base.len() - tail.len();
                mark_before = Mark::tail(base.len() as u64, tail.as_bytes());
                mark_after = Mark::tail(keep as u64, b"");
                after_bytes = torn.is_some().then(|| base[..keep].to_vec());
                plan.actions.push(Action::Truncate(path.clone(), keep as u64));
            } else {
                let mut text = String::new();
                for (i, g) in new.iter().enumerate() {
                    let line = log::render_line(g);
                    // The gestures this change wrote or rewrote.
                    if i >= common {
                        read_back::gesture(g, &line)?;
                    }
                    text.push_str(&line);
                    text.push('\n');
                }
                mark_before = current.as_deref().map_or(Mark::Absent, Mark::whole);
                mark_after = Mark::whole(text.as_bytes());
                after_bytes = None;
                plan.backups.push(path.clone());
                plan.actions.push(Action::Write(path.clone(), text.into_bytes()));
            }
        }
        // With a torn line cut off first, the marks are of the whole file.
        let (before_mark, after_mark) = match (torn, after_bytes) {
            (Some(_), Some(bytes)) => (Mark::whole(on_disk), Mark::whole(&bytes)),
            (Some(_), None) => (Mark::whole(on_disk), mark_after),
            (None, _) => (mark_before, mark_after),
        };
        plan.marks.push(FileMark {
            file: paths::GESTURES.to_string(),
            before: before_mark,
            after: after_mark,
        });
        Ok(())
    }
}

/// The name a backup made now carries after the file's.
pub(super) fn backup_stamp() -> String {
    chrono::Local::now().format("%Y%m%dT%H%M%S%.3f").to_string()
}

/// The journal's ops for a log that went from `old` to `new`, the first
/// `common` gestures alike: one op per gesture changed, added or removed,
/// or, when a gesture id in the log is not unique, the lines from
/// `common` on, as they were and as they became.
fn log_ops(old: &[Gesture], new: &[Gesture], common: usize) -> Vec<Op> {
    let mut count: HashMap<(&str, bool), usize> = HashMap::new();
    for g in old {
        *count.entry((g.id.as_str(), false)).or_default() += 1;
    }
    for g in new {
        *count.entry((g.id.as_str(), true)).or_default() += 1;
    }
    if count.values().any(|&n| n > 1) {
        return vec![Op::Log {
            from: common,
            before: old[common..].iter().map(log::render_line).collect(),
            after: new[common..].iter().map(log::render_line).collect(),
        }];
    }
    let old_by_id: HashMap<&str, &Gesture> = old.iter().map(|g| (g.id.as_str(), g)).collect();
    let new_by_id: HashMap<&str, &Gesture> = new.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut changed: Vec<&str> = Vec::new();
    for g in old[common..].iter().chain(new[common..].iter()) {
        if old_by_id.get(g.id.as_str()) != new_by_id.get(g.id.as_str()) && seen.insert(g.id.as_str()) {
            changed.push(&g.id);
        }
    }
    changed
        .into_iter()
        .map(|id| Op::Gesture {
            id: id.to_string(),
            before: old_by_id.get(id).map(|g| log::render_line(g)),
            after: new_by_id.get(id).map(|g| log::render_line(g)),
        })
        .collect()
}

/// Puts back every file a failed change had already written, newest first,
/// and returns the error to report, saying what is on disk now: every file
/// as it was, or which ones could not be put back (their versions before
/// the change are in `backups/`).
pub(super) fn roll_back(e: StoreError, restore: &[fsio::Restore]) -> StoreError {
    let failed: Vec<String> = restore
        .iter()
        .rev()
        .filter_map(|r| {
            r.apply().err().map(|err| {
                let name = r.path().file_name().unwrap_or_default().to_string_lossy();
                format!("{name} ({err})")
            })
        })
        .collect();
    if failed.is_empty() {
        StoreError::Refused(format!("{e}; every file is as it was, nothing was changed"))
    } else {
        StoreError::Refused(format!(
            "{e}; putting back {} failed too, so it may hold part of the change: the version before it is in backups/",
            failed.join(" and ")
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
/// expects to find it (its `before`); one already as the op leaves it
/// (its `after`: a change a crash left half written) is passed over. On
/// any other state returns what differs.
fn apply_ops(data: &mut Data, ops: &[Op]) -> Result<(), String> {
    let mut todo = Vec::new();
    for op in ops {
        let (now, before, after, what): (Option<String>, Option<String>, Option<String>, String) = match op {
            Op::Partner { id, before, after } => (
                data.book.partner(id).map(partner_body),
                before.clone(),
                after.clone(),
                format!("partner {id}"),
            ),
            Op::Gesture { id, before, after } => (
                data.book.gestures.iter().find(|g| &g.id == id).map(log::render_line),
                before.clone(),
                after.clone(),
                format!("gesture {id}"),
            ),
            Op::Log { from, before, after } => {
                let lines = |v: &[String]| Some(v.join("\n"));
                let now = data
                    .book
                    .gestures
                    .get(*from..)
                    .map(|tail| tail.iter().map(log::render_line).collect::<Vec<_>>().join("\n"));
                (now, lines(before), lines(after), "the log".to_string())
            }
            Op::Snooze { key, before, after } => (
                data.queue.snoozed.get(key).map(|d| d.to_string()),
                before.map(|d| d.to_string()),
                after.map(|d| d.to_string()),
                format!("the snooze of {key}"),
            ),
        };
        if now == before {
            todo.push(op);
        } else if now != after {
            return Err(what);
        }
    }
    for op in todo {
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
            Op::Log { from, after, .. } => {
                let lines = after
                    .iter()
                    .map(|l| log::parse_line(l))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| "the journal entry for the log".to_string())?;
                data.book.gestures.truncate(*from);
                data.book.gestures.extend(lines);
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
