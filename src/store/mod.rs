//! The files: reading, checking and writing the data folder.
//!
//! Every change goes through [`Store::change`]: take the write lock, parse
//! the files afresh (never from the cache), apply the change, write only
//! what changed (atomic replace or a durable append), record it in the undo
//! journal, release the lock.
//! The one exception is a gesture logged while the files are exactly as the
//! caller last read them: [`Store::append_gesture`] appends it under the
//! lock without reading the book again.

mod append;
pub mod cache;
pub mod contacts;
pub mod error;
pub mod fsio;
pub mod journal;
pub mod lock;
pub mod log;
pub mod partners;
pub mod paths;
pub mod queue_file;
pub mod stamps;
#[cfg(test)]
mod tests;

use crate::domain::queue::QueueState;
use crate::domain::{Book, Gesture, Partner};
pub use error::StoreError;
use journal::{Entry, Journal, Op};
pub use paths::Paths;
pub use stamps::Stamps;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Everything in the data folder, as loaded.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub book: Book,
    pub queue: QueueState,
    /// Things worth saying that did not stop the load.
    pub warnings: Vec<String>,
    torn_tail: Option<log::TornTail>,
    /// The schema of a contacts file older than this version: it is
    /// rewritten in the current one (after a backup) on the next change.
    old_schema: Option<i64>,
    /// The stamps of the data files taken before they were read: if the
    /// files still have them, nothing has changed since.
    stamps: Stamps,
}

impl Data {
    /// The stamps of the data files this data was read from, taken before
    /// reading them: [`Store::stamps`] differing from them means the files
    /// changed since, and are to be read again.
    pub fn stamps(&self) -> Stamps {
        self.stamps
    }
}

/// The partners, warnings, and the schema of a file older than this version.
type LoadedContacts = (Vec<Partner>, Vec<String>, Option<i64>);
/// The log's gestures, a torn last line set aside, and warnings.
type LoadedLog = (Vec<Gesture>, Option<log::TornTail>, Vec<String>);
/// Partners, gestures, a torn last line, the warnings and an older schema.
type ParsedBook = (
    Vec<Partner>,
    Vec<Gesture>,
    Option<log::TornTail>,
    Vec<String>,
    Option<i64>,
);

/// The data folder.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
    /// Every warning a load has met, once each, for the caller to show.
    noticed: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Ok(Some(s)),
            Err(e) => Err(error::utf8_error(path, e.as_bytes(), e.utf8_error())),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, "read", e)),
    }
}

/// All problems found in one file, each as one line of text.
pub type Problems = Vec<StoreError>;

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            noticed: Default::default(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn load_contacts(&self) -> Result<LoadedContacts, Problems> {
        let path = self.path(paths::CONTACTS);
        let Some(text) = read_text(&path).map_err(|e| vec![e])? else {
            return Ok((Vec::new(), Vec::new(), None));
        };
        let file = contacts::parse(&text).map_err(|ps| {
            ps.into_iter()
                .map(|p| StoreError::at(&path, &text, p.offset, p.message))
                .collect::<Vec<_>>()
        })?;
        if file.schema_version > contacts::SCHEMA_VERSION {
            return Err(vec![StoreError::NewerSchema {
                path,
                found: file.schema_version,
                supported: contacts::SCHEMA_VERSION,
            }]);
        }
        let mut warnings: Vec<String> = file
            .warnings
            .iter()
            .map(|p| StoreError::at(&path, &text, p.offset, p.message.clone()).to_string())
            .collect();
        let old_schema = (file.schema_version < contacts::SCHEMA_VERSION).then_some(file.schema_version);
        if let Some(v) = old_schema {
            warnings.push(format!(
                "{}: schema_version {v} is older than {}; the next change upgrades the file, keeping the old one in backups/",
                path.display(),
                contacts::SCHEMA_VERSION
            ));
        }
        Ok((file.partners, warnings, old_schema))
    }

    fn load_log(&self) -> Result<LoadedLog, Problems> {
        let path = self.path(paths::GESTURES);
        let Some(text) = read_text(&path).map_err(|e| vec![e])? else {
            return Ok((Vec::new(), None, Vec::new()));
        };
        let file = log::parse(&text).map_err(|ps| {
            ps.into_iter()
                .map(|p| StoreError::Parse {
                    path: path.clone(),
                    line: p.line,
                    column: p.column,
                    message: p.message,
                })
                .collect::<Vec<_>>()
        })?;
        let mut warnings = Vec::new();
        if let Some(t) = &file.torn_tail {
            warnings.push(format!(
                "{}:{}: the last line was cut short (a crash while writing?) and is ignored; the next change sets it aside in {}.torn",
                path.display(),
                t.line,
                paths::GESTURES
            ));
        }
        Ok((file.gestures, file.torn_tail, warnings))
    }

    /// The snoozes; the warnings their file is worth are kept for
    /// [`Store::take_warnings`].
    fn load_queue(&self) -> Result<QueueState, Problems> {
        let (queue, warnings) = self.read_queue()?;
        self.notice(&warnings);
        Ok(queue)
    }

    /// The snoozes, and a warning for each key of queue.toml this version
    /// does not know (kept, and written back).
    fn read_queue(&self) -> Result<(QueueState, Vec<String>), Problems> {
        let path = self.path(paths::QUEUE);
        let Some(text) = read_text(&path).map_err(|e| vec![e])? else {
            return Ok((QueueState::default(), Vec::new()));
        };
        let at = |p: contacts::Problem| StoreError::at(&path, &text, p.offset, p.message);
        let file = queue_file::parse_file(&text).map_err(|ps| ps.into_iter().map(at).collect::<Vec<_>>())?;
        Ok((
            file.state,
            file.warnings.into_iter().map(|p| at(p).to_string()).collect(),
        ))
    }

    /// Reads every file. The first problem stops the load; [`Store::check`]
    /// lists them all. A large book comes from the cache while its files are
    /// unchanged (see [`cache`]).
    pub fn load(&self) -> Result<Data, StoreError> {
        self.load_with(true)
    }

    /// Like [`Store::load`], but always parses the files.
    pub fn load_fresh(&self) -> Result<Data, StoreError> {
        self.load_with(false)
    }

    fn load_with(&self, use_cache: bool) -> Result<Data, StoreError> {
        let first = |mut v: Problems| v.remove(0);
        let stamps = self.stamps();
        let hit = if use_cache {
            cache::open(&self.dir, &stamps).and_then(|r| r.book()).or_else(|| {
                // Only gestures added since the copy was made: it is made
                // again with them once the files have settled.
                let c = cache::open_grown(&self.dir, &stamps)?.book()?;
                if cache::worth_caching(&stamps) && self.stamps() == stamps {
                    cache::write(&self.dir, &stamps, &c.partners, &c.gestures, &c.warnings);
                }
                Some(c)
            })
        } else {
            None
        };
        let (partners, gestures, torn_tail, warnings, old_schema) = match hit {
            Some(c) => (c.partners, c.gestures, None, c.warnings, None),
            None => {
                // contacts.toml changed but not the log: the copy's
                // gestures stand in for parsing it.
                let log_copy = use_cache.then(|| cache::open_for_log(&self.dir, &stamps)).flatten();
                // The partners come in id order, as the book keeps them, so
                // the cache's per-partner sections line up with the book's.
                let (partners, gestures, torn_tail, warnings, old_schema) =
                    self.parse_book(log_copy.as_ref()).map_err(first)?;
                // Cached only if nothing changed while it was read, and only
                // a book that needs no repair or upgrade on the next change.
                if use_cache
                    && torn_tail.is_none()
                    && old_schema.is_none()
                    && cache::worth_caching(&stamps)
                    && self.stamps() == stamps
                {
                    cache::write(&self.dir, &stamps, &partners, &gestures, &warnings);
                }
                (partners, gestures, torn_tail, warnings, old_schema)
            }
        };
        let (queue, queue_warnings) = self.read_queue().map_err(first)?;
        let warnings = [warnings, queue_warnings].concat();
        self.notice(&warnings);
        Ok(Data {
            book: Book::new(partners, gestures),
            queue,
            warnings,
            torn_tail,
            old_schema,
            stamps,
        })
    }

    /// True when the book is large enough to cache, its files have settled,
    /// and the cache holds no copy of them: a load now would parse the files
    /// and make the copy (see [`cache`]). Cheap: three `stat`s and a header.
    pub fn cache_is_stale(&self) -> bool {
        let stamps = self.stamps();
        cache::is_on() && cache::worth_caching(&stamps) && cache::open(&self.dir, &stamps).is_none()
    }

    /// Keeps warnings a load met for [`Store::take_warnings`], each once.
    fn notice(&self, warnings: &[String]) {
        let mut noticed = self.noticed.lock().unwrap_or_else(|e| e.into_inner());
        for w in warnings {
            if !noticed.contains(w) {
                noticed.push(w.clone());
            }
        }
    }

    /// The warnings loads have met since the last call, each once.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.noticed.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Parses contacts.toml and gestures.jsonl, one on each of two threads;
    /// with `log_copy`, a copy of the book made from this very log, its
    /// gestures are decoded instead of parsing the log. A problem in the
    /// contacts comes first, as if they were read first.
    fn parse_book(&self, log_copy: Option<&cache::Reader>) -> Result<ParsedBook, Problems> {
        let (contacts, log) = std::thread::scope(|s| {
            let contacts = s.spawn(|| self.load_contacts());
            // A log that was cached has no torn line and no warnings.
            let log = match log_copy.and_then(cache::Reader::gestures) {
                Some(gestures) => Ok((gestures, None, Vec::new())),
                None => self.load_log(),
            };
            (contacts.join(), log)
        });
        let (partners, mut warnings, old_schema) = contacts.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let (gestures, torn_tail, w) = log?;
        warnings.extend(w);
        Ok((partners, gestures, torn_tail, warnings, old_schema))
    }

    /// Every problem in every file, and the warnings, without stopping at
    /// the first. Empty problems means the folder is sound.
    pub fn check(&self) -> (Problems, Vec<String>) {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut partners = Vec::new();
        let mut gestures = Vec::new();
        match self.load_contacts() {
            Ok((p, w, _)) => {
                partners = p;
                warnings.extend(w);
            }
            Err(e) => problems.extend(e),
        }
        match self.load_log() {
            Ok((g, _, w)) => {
                gestures = g;
                warnings.extend(w);
            }
            Err(e) => problems.extend(e),
        }
        match self.read_queue() {
            Ok((_, w)) => warnings.extend(w),
            Err(e) => problems.extend(e),
        }
        let ids: BTreeSet<&str> = partners.iter().map(|p| p.id.as_str()).collect();
        let log_path = self.path(paths::GESTURES);
        let mut seen: HashMap<&str, &Gesture> = HashMap::new();
        let mut unknown: BTreeSet<&str> = BTreeSet::new();
        for g in &gestures {
            if !partners.is_empty() && !ids.contains(g.contact.as_str()) {
                unknown.insert(&g.contact);
            }
            if let Some(prev) = seen.insert(&g.id, g)
                && prev != g
            {
                warnings.push(format!(
                    "{}: two different gestures share the id {}",
                    log_path.display(),
                    g.id
                ));
            }
        }
        for id in unknown {
            warnings.push(format!(
                "{}: gestures name a partner \"{id}\" who is not in {}",
                log_path.display(),
                paths::CONTACTS
            ));
        }
        (problems, warnings)
    }

    /// The stamps of the data files now, to notice changes made outside
    /// this process (an editor, another rapport): compare them with
    /// [`Data::stamps`]. Cheap: three `stat`s.
    pub fn stamps(&self) -> Stamps {
        Stamps::of(&self.dir)
    }

    /// Creates the data folder (mode 0700) if it is missing.
    fn ensure_dir(&self) -> Result<(), StoreError> {
        if !self.dir.exists() {
            fs::create_dir_all(&self.dir).map_err(|e| StoreError::io(&self.dir, "create", e))?;
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700));
        }
        Ok(())
    }

    fn lock(&self) -> Result<lock::WriteLock, StoreError> {
        self.ensure_dir()?;
        lock::WriteLock::acquire(&self.path(paths::LOCK), lock::default_wait())
    }

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

    fn write_journal(&self, j: &Journal) -> Result<(), StoreError> {
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
fn roll_back(e: StoreError, restore: &[fsio::Restore]) -> StoreError {
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

/// A new gesture id: unique and never reused, sortable by creation time.
pub fn new_gesture_id() -> String {
    format!("g-{}", ulid::Ulid::new())
}

/// A gesture ready to log, with a fresh id. A blank note is no note.
pub fn new_gesture(
    contact: &str,
    kind: crate::domain::Kind,
    dir: crate::domain::Direction,
    date: chrono::NaiveDate,
    note: Option<String>,
) -> Gesture {
    Gesture {
        id: new_gesture_id(),
        date,
        contact: contact.to_string(),
        kind,
        dir,
        note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        value: None,
        outcome: None,
        extra: Default::default(),
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
