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
mod apply;
pub mod cache;
pub mod conflict_copies;
pub mod contacts;
pub mod error;
pub mod fsio;
pub mod journal;
pub mod lock;
pub mod log;
pub mod merge_conflicts;
pub mod partners;
pub mod paths;
pub mod queue_file;
mod read_back;
mod settle;
pub mod stamps;
pub mod templates;
#[cfg(test)]
mod tests;
mod write;

use crate::domain::queue::QueueState;
use crate::domain::{Book, Gesture, Partner};
pub use error::StoreError;
pub use paths::Paths;
pub use stamps::Stamps;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use write::roll_back;

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
    /// What a change did beyond what was asked (merged a Syncthing
    /// conflict copy), for the caller to say.
    notes: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
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
            notes: Default::default(),
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
        let copies = conflict_copies::warnings(&self.dir);
        let warnings = [warnings, queue_warnings, copies].concat();
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
    pub(super) fn notice(&self, warnings: &[String]) {
        let mut noticed = self.noticed.lock().unwrap_or_else(|e| e.into_inner());
        for w in warnings {
            if !noticed.contains(w) {
                noticed.push(w.clone());
            }
        }
    }

    /// Drops the warnings kept so far that no longer hold.
    pub(super) fn forget(&self, stale: impl Fn(&str) -> bool) {
        let mut noticed = self.noticed.lock().unwrap_or_else(|e| e.into_inner());
        noticed.retain(|w| !stale(w));
    }

    /// What changes did beyond what was asked since the last call.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut *self.notes.lock().unwrap_or_else(|e| e.into_inner()))
    }

    pub(super) fn note(&self, said: Vec<String>) {
        self.notes.lock().unwrap_or_else(|e| e.into_inner()).extend(said);
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
        if let Err(e) = self.read_journal() {
            problems.push(StoreError::Refused(format!(
                "{e}; undo and redo cannot run until it does, and the next change moves it into {}/ and starts a new history",
                paths::BACKUPS
            )));
        }
        // A gesture under an id merged into a partner is theirs.
        let ids: BTreeSet<&str> = partners
            .iter()
            .flat_map(|p| std::iter::once(p.id.as_str()).chain(p.aliases.iter().map(String::as_str)))
            .collect();
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
        problems.extend(self.bad_res(&partners, &gestures));
        warnings.extend(conflict_copies::warnings(&self.dir));
        for id in unknown {
            warnings.push(format!(
                "{}: gestures name a partner \"{id}\" who is not in {}",
                log_path.display(),
                paths::CONTACTS
            ));
        }
        (problems, warnings)
    }

    /// A problem for each gesture whose `re` names no referral received from
    /// its partner, at the line and column of its `re`.
    fn bad_res(&self, partners: &[Partner], gestures: &[Gesture]) -> Problems {
        let bad = crate::domain::answers::bad_res(partners, gestures);
        if bad.is_empty() {
            return Vec::new();
        }
        let path = self.path(paths::GESTURES);
        let text = read_text(&path).ok().flatten().unwrap_or_default();
        // The byte offset of each gesture's line: the log's lines that are
        // not blank, in order, as `log::parse` reads them.
        let mut starts = Vec::with_capacity(gestures.len());
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            if !raw.trim().trim_start_matches('\u{feff}').is_empty() {
                starts.push(offset);
            }
            offset += raw.len();
        }
        bad.into_iter()
            .map(|(i, message)| {
                let start = starts.get(i).copied().unwrap_or(0);
                let line = &text[start..];
                let line = &line[..line.find('\n').unwrap_or(line.len())];
                let at = start + line.find("\"re\"").unwrap_or(0);
                StoreError::at(&path, &text, at, message)
            })
            .collect()
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

    /// Whether this process may make files in the data folder; if not, the
    /// error says so, naming the folder. A file is made there and is gone
    /// at once (unnamed where the system allows it), so this asks the
    /// system itself rather than guessing from the mode bits, which root
    /// and read-only mounts do not follow.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        match tempfile::tempfile_in(&self.dir) {
            Ok(_) => Ok(()),
            Err(source)
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Err(StoreError::ReadOnly {
                    dir: self.dir.clone(),
                    source,
                })
            }
            Err(e) => Err(StoreError::io(&self.dir, "write in", e)),
        }
    }

    /// The write lock, once the folder is known to be writable: a change on
    /// a read-only folder fails in one sentence before anything is touched.
    fn lock(&self) -> Result<lock::WriteLock, StoreError> {
        self.ensure_dir()?;
        self.check_writable()?;
        lock::WriteLock::acquire(&self.path(paths::LOCK), lock::default_wait())
    }
}

/// Writes a whole book as the files of a new data folder (the demo, a
/// generated book): contacts.toml and gestures.jsonl, each atomically.
pub fn write_book(dir: &Path, partners: &[Partner], gestures: &[Gesture]) -> Result<(), StoreError> {
    fsio::atomic_write(&dir.join(paths::CONTACTS), contacts::render(partners).as_bytes())?;
    let mut lines = String::with_capacity(gestures.len() * 160);
    for g in gestures {
        lines.push_str(&log::render_line(g));
        lines.push('\n');
    }
    fsio::atomic_write(&dir.join(paths::GESTURES), lines.as_bytes())
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
        re: None,
        extra: Default::default(),
    }
}
