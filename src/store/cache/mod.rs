//! A derived copy of the parsed book in the cache folder, so commands on a
//! large book skip parsing `contacts.toml` and `gestures.jsonl`.
//!
//! The copy is only an accelerator. It is never the source of a write
//! ([`super::Store::change`] parses the files it changes), and a copy that
//! does not read back is deleted and made again by the next load, never an
//! error. It is used only while both files have exactly the [`Stamps`] it
//! was made from, and made only from files left alone for [`SETTLED`]: a
//! file rewritten within one tick of the file system's clock could
//! otherwise keep its stamps (the "racy git" problem). Small books are not
//! cached: parsing them is quicker than the bookkeeping.
//!
//! Layout: [`MAGIC`], [`FORMAT`], the header's length, the header, its
//! xxh3 hash, then the sections, each record in them encoded with postcard
//! and hashed with xxh3:
//!
//! - partners, in id order, one record each;
//! - gestures, grouped by partner (those of no known partner last), each
//!   with its place in the log: the log's first lines in one section and
//!   the rest in another, so a whole load uses two threads;
//! - the index: per partner their id, search entry, [`Summary`], and where
//!   their record and their gestures lie.
//!
//! So `search` and `show` decode the index, then only the partners (and
//! gestures) they print.
//!
//! `RAPPORT_CACHE_DIR` names another folder; set to an empty value it turns
//! the cache off.

mod records;

use super::paths;
use super::stamps::{Stamp, Stamps};
use crate::domain::book::owners;
use crate::domain::search::{Entry, SearchIndex};
use crate::domain::summary::{Summary, summarize};
use crate::domain::{Gesture, Partner};
use records::{GestureIn, GestureOut, PartnerIn, PartnerOut};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fs;
use std::os::unix::fs::{FileExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use xxhash_rust::xxh3::xxh3_64 as hash;

/// Books whose two files together are smaller than this are not cached.
pub const MIN_BYTES: u64 = 512 * 1024;
/// How long a file must have been left alone before it is cached.
pub const SETTLED: Duration = Duration::from_secs(2);
/// How many books' copies the cache folder keeps.
const KEPT: usize = 8;
const MAGIC: &[u8] = b"rapport book cache\n";
/// Bumped whenever a record below changes.
const FORMAT: u32 = 11;

/// The parsed book as the cache holds it.
pub struct Cached {
    pub partners: Vec<Partner>,
    pub gestures: Vec<Gesture>,
    pub warnings: Vec<String>,
}

#[cfg(test)]
thread_local! {
    /// The tests' cache folder, so they never touch the user's.
    pub(super) static TEST_FOLDER: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// The cache folder, or `None` when the cache is off.
fn folder() -> Option<PathBuf> {
    #[cfg(test)]
    if let Some(f) = TEST_FOLDER.with_borrow(Clone::clone) {
        return Some(f);
    }
    match std::env::var_os("RAPPORT_CACHE_DIR") {
        Some(v) if v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => directories::ProjectDirs::from("", "", "rapport").map(|d| d.cache_dir().to_path_buf()),
    }
}

/// True unless `RAPPORT_CACHE_DIR` is set empty (or there is no cache folder).
pub fn is_on() -> bool {
    folder().is_some()
}

/// The copy's path, and the data folder's own name for itself (the same
/// however it was reached).
fn file_for(data_dir: &Path) -> Option<(PathBuf, String)> {
    let id = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let id = id.to_string_lossy().into_owned();
    Some((folder()?.join(format!("book-{:016x}.bin", hash(id.as_bytes()))), id))
}

/// The copy of the book of `data_dir`, whatever files it was made from.
fn copy_of(data_dir: &Path) -> Option<Reader> {
    let (path, id) = file_for(data_dir)?;
    Reader::open(&path, &id)
}

/// True if a book with these stamps is worth caching and settled enough to
/// trust its stamps later.
pub fn worth_caching(stamps: &Stamps) -> bool {
    let book = stamps.book();
    if book.iter().flatten().map(|s| s.len).sum::<u64>() < MIN_BYTES {
        return false;
    }
    let Ok(now) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) else {
        return false;
    };
    book.iter()
        .flatten()
        .all(|s| now.as_secs_f64() - s.touched() >= SETTLED.as_secs_f64())
}

/// The copy of the book made from files with exactly these stamps, opened
/// for reading its parts; `None` if there is none or it is not sound.
pub fn open(data_dir: &Path, stamps: &Stamps) -> Option<Reader> {
    if !worth_caching(stamps) {
        return None;
    }
    copy_of(data_dir).filter(|r| r.head.stamps == stamps.book())
}

/// A copy made when gestures.jsonl was as it is now (whatever contacts.toml
/// was then): its gestures can stand in for parsing the log.
pub fn open_for_log(data_dir: &Path, stamps: &Stamps) -> Option<Reader> {
    let now = stamps.gestures?;
    if now.len < MIN_BYTES / 2 {
        return None;
    }
    copy_of(data_dir).filter(|r| r.head.stamps[1] == Some(now))
}

/// A copy of the book made before lines were added to the log, and the
/// gestures of those lines.
pub struct Grown {
    pub reader: Reader,
    pub added: Vec<Gesture>,
}

/// The copy of the book when contacts.toml is as it was and gestures.jsonl
/// has only grown since (gestures logged by `rapport log` or another
/// window), with the gestures added. The copy's part of the log must be
/// unchanged byte for byte (by its hash): a log changed within, a problem
/// or a torn line in the added lines (the full parse then reports it), or
/// a log not ending in a whole line, is a miss.
pub fn open_grown(data_dir: &Path, stamps: &Stamps) -> Option<Grown> {
    let (contacts, now) = (stamps.contacts, stamps.gestures?);
    if contacts.map_or(0, |s| s.len) + now.len < MIN_BYTES {
        return None;
    }
    let reader = copy_of(data_dir)?;
    let [then_contacts, Some(then)] = reader.head.stamps else {
        return None;
    };
    if then_contacts != contacts || (then.dev, then.ino) != (now.dev, now.ino) || then.len >= now.len {
        return None;
    }
    let log = fs::read(data_dir.join(paths::GESTURES)).ok()?;
    let kept = usize::try_from(then.len).ok()?;
    let whole_lines = log.get(kept.checked_sub(1)?) == Some(&b'\n') && log.ends_with(b"\n");
    if log.len() as u64 != now.len || !whole_lines || hash(&log[..kept]) != reader.head.log_sum {
        return None;
    }
    let added = super::log::parse(std::str::from_utf8(&log[kept..]).ok()?).ok()?;
    added.torn_tail.is_none().then_some(Grown {
        reader,
        added: added.gestures,
    })
}

impl Grown {
    /// The whole book.
    pub fn book(self) -> Option<Cached> {
        let mut book = self.reader.book()?;
        book.gestures.extend(self.added);
        Some(book)
    }
}

/// Saves a copy of the book. Failing to is not an error: the cache only
/// saves time.
pub fn write(data_dir: &Path, stamps: &Stamps, partners: &[Partner], gestures: &[Gesture], warnings: &[String]) {
    let Some((path, id)) = file_for(data_dir) else { return };
    // The log's bytes as they are now: the stamps say they are the bytes
    // just parsed (the caller checked them after reading).
    let log = fs::read(data_dir.join(paths::GESTURES)).unwrap_or_default();
    if log.len() as u64 != stamps.gestures.map_or(0, |s| s.len) {
        return;
    }
    let log_sum = hash(&log);
    drop(log);
    let Some(bytes) = encode(&id, stamps.book(), log_sum, partners, gestures, warnings) else {
        return;
    };
    let Some(dir) = path.parent() else { return };
    if !dir.exists() {
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    // The copy holds the same private notes as the data: 0600, like them.
    let Ok(mut tmp) = tempfile::Builder::new()
        .prefix(".book-")
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
    else {
        return;
    };
    if std::io::Write::write_all(&mut tmp, &bytes).is_ok() && tmp.persist(&path).is_ok() {
        prune(dir);
    }
}

/// Keeps the newest [`KEPT`] copies (one per data folder), and removes
/// half-written copies left by a process that ended while writing one.
fn prune(dir: &Path) {
    let stale = SystemTime::now() - Duration::from_secs(600);
    let mut copies: Vec<(SystemTime, PathBuf)> = Vec::new();
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let (name, Ok(modified)) = (e.file_name(), e.metadata().and_then(|m| m.modified())) else {
            continue;
        };
        let name = name.to_string_lossy();
        if name.starts_with(".book-") && modified < stale {
            let _ = fs::remove_file(e.path());
        } else if name.starts_with("book-") {
            copies.push((modified, e.path()));
        }
    }
    copies.sort();
    for (_, old) in copies.iter().rev().skip(KEPT) {
        let _ = fs::remove_file(old);
    }
}

/// Where a record or a section lies, from the end of the header, and its
/// xxh3 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    at: u64,
    len: u64,
    sum: u64,
}

/// The sections, in the order they follow the header. The gestures are in
/// two, the log's first lines and the rest, so a whole load puts them in
/// place on two threads.
const PARTNERS: usize = 0;
const FIRST_GESTURES: usize = 1;
const OTHER_GESTURES: usize = 2;
const INDEX: usize = 3;
/// The share of the log in the first gestures section, decoded beside the
/// partners on the second thread of a whole load, so that both threads
/// finish at about the same time (measured on generated books of 1,000 and
/// 10,000 partners).
const FIRST_SHARE: f64 = 0.25;

#[derive(Serialize, Deserialize)]
struct Header {
    version: String,
    /// The data folder the copy is of.
    folder: String,
    /// Of contacts.toml and gestures.jsonl when the copy was made.
    stamps: [Option<Stamp>; 2],
    /// The hash of gestures.jsonl's bytes then.
    log_sum: u64,
    warnings: Vec<String>,
    partners: usize,
    gestures: usize,
    /// How many of them, from the start of the log, the first gestures
    /// section holds.
    first: usize,
    sections: [Block; 4],
}

/// Every partner's id, summary and search entry, and where their record
/// and gestures lie, in the partners' (id) order.
#[derive(Serialize, Deserialize)]
pub struct Index {
    pub ids: Vec<String>,
    #[serde(with = "records::summaries")]
    pub summaries: Vec<Summary>,
    pub entries: Vec<Entry>,
    /// Each partner's record, for [`Reader::partner`].
    pub records: Vec<Block>,
    /// Each partner's gestures (in each gestures section), then those of no
    /// known partner, for [`Reader::gestures_in`].
    pub gestures: Vec<[Block; 2]>,
}

/// Appends `records` to `out`, one after another; where they lie.
fn put<T: Serialize>(out: &mut Vec<u8>, records: &[T]) -> Option<Block> {
    let at = out.len();
    for r in records {
        *out = postcard::to_extend(r, std::mem::take(out)).ok()?;
    }
    let len = out.len() - at;
    Some(Block {
        at: at as u64,
        len: len as u64,
        sum: hash(&out[at..]),
    })
}

/// Hands each record in `bytes`, one after another, to `f`.
fn each<T: DeserializeOwned>(mut bytes: &[u8], mut f: impl FnMut(T) -> Option<()>) -> Option<()> {
    while !bytes.is_empty() {
        let (v, rest) = postcard::take_from_bytes(bytes).ok()?;
        f(v)?;
        bytes = rest;
    }
    Some(())
}

/// The records in `bytes`, one after another.
fn all<T: DeserializeOwned>(bytes: &[u8], capacity: usize) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(capacity);
    each(bytes, |v| {
        out.push(v);
        Some(())
    })?;
    Some(out)
}

/// The copy's bytes; `None` if something cannot be kept (the book is then
/// not cached).
fn encode(
    folder: &str,
    stamps: [Option<Stamp>; 2],
    log_sum: u64,
    partners: &[Partner],
    gestures: &[Gesture],
    warnings: &[String],
) -> Option<Vec<u8>> {
    let mut body = Vec::with_capacity(partners.len() * 600 + gestures.len() * 100);
    let records = partners
        .iter()
        .map(|p| put(&mut body, &[PartnerOut(p)]))
        .collect::<Option<Vec<_>>>()?;
    let mut groups = vec![Vec::new(); partners.len() + 1];
    for (at, owner) in owners(partners, gestures).into_iter().enumerate() {
        groups[(owner as usize).min(partners.len())].push(GestureOut(u32::try_from(at).ok()?, &gestures[at]));
    }
    // Each group in two: its gestures among the log's first lines in the
    // first gestures section, the others in the second.
    let first = (gestures.len() as f64 * FIRST_SHARE) as u32;
    let split = |g: &[GestureOut]| g.partition_point(|x| x.0 < first);
    let start = body.len();
    let early: Vec<_> = groups
        .iter()
        .map(|g| put(&mut body, &g[..split(g)]))
        .collect::<Option<_>>()?;
    let cut = body.len();
    let late: Vec<_> = groups
        .iter()
        .map(|g| put(&mut body, &g[split(g)..]))
        .collect::<Option<_>>()?;
    let index = Index {
        ids: partners.iter().map(|p| p.id.clone()).collect(),
        summaries: summarize(partners, gestures),
        entries: SearchIndex::new(partners).entries().to_vec(),
        records,
        gestures: early.into_iter().zip(late).map(|(a, b)| [a, b]).collect(),
    };
    let index = put(&mut body, &[index])?;
    let section = |from: usize, to: usize| Block {
        at: from as u64,
        len: (to - from) as u64,
        sum: hash(&body[from..to]),
    };
    let end = index.at as usize;
    let sections = [section(0, start), section(start, cut), section(cut, end), index];
    let head = postcard::to_allocvec(&Header {
        version: env!("CARGO_PKG_VERSION").into(),
        folder: folder.into(),
        stamps,
        log_sum,
        warnings: warnings.to_vec(),
        partners: partners.len(),
        gestures: gestures.len(),
        first: first as usize,
        sections,
    })
    .ok()?;
    let len = u32::try_from(head.len()).ok()?.to_le_bytes();
    let mut out = [MAGIC, &FORMAT.to_le_bytes(), &len, &head, &hash(&head).to_le_bytes()].concat();
    out.extend_from_slice(&body);
    Some(out)
}

/// An open copy whose header is sound: its parts are read on demand, each
/// checked against its hash. The file stays open, so every part comes from
/// the same copy even if another process replaces it meanwhile. A part
/// that does not read back removes the copy, so the next load makes it
/// again.
pub struct Reader {
    file: fs::File,
    path: PathBuf,
    head: Header,
    /// Where the sections start.
    body: u64,
}

impl Reader {
    /// Opens the copy at `path` of the book of folder `id`, whatever files
    /// it was made from. A file there that is not such a copy (damaged, cut
    /// short, of another version or folder) is removed.
    fn open(path: &Path, id: &str) -> Option<Reader> {
        let file = fs::File::open(path).ok()?;
        let head = Reader::header(&file).filter(|(h, _)| h.version == env!("CARGO_PKG_VERSION") && h.folder == id);
        let Some((head, body)) = head else {
            discard(&file, path);
            return None;
        };
        let path = path.to_path_buf();
        Some(Reader { file, path, head, body })
    }

    fn header(file: &fs::File) -> Option<(Header, u64)> {
        let size = file.metadata().ok()?.len();
        let mut start = [0; MAGIC.len() + 8];
        file.read_exact_at(&mut start, 0).ok()?;
        let (magic, rest) = start.split_at(MAGIC.len());
        let (format, len) = rest.split_at(4);
        let len = u64::from(u32::from_le_bytes(len.try_into().ok()?));
        let body = start.len() as u64 + len + 8;
        if magic != MAGIC || format != FORMAT.to_le_bytes() || body > size {
            return None;
        }
        let mut head = vec![0; usize::try_from(len + 8).ok()?];
        file.read_exact_at(&mut head, start.len() as u64).ok()?;
        let (head, sum) = head.split_at(head.len() - 8);
        let head: Header = (hash(head).to_le_bytes() == sum).then(|| postcard::from_bytes(head).ok())??;
        // A copy cut short or grown is damaged.
        let [.., last] = head.sections;
        (body.checked_add(last.at)?.checked_add(last.len)? == size).then_some((head, body))
    }

    /// `read`'s answer; when it is `None` the copy did not read back, and
    /// is removed.
    fn sound<T>(&self, read: impl FnOnce() -> Option<T>) -> Option<T> {
        let v = read();
        if v.is_none() {
            discard(&self.file, &self.path);
        }
        v
    }

    /// The bytes of `b`, if they match their hash.
    fn bytes(&self, b: &Block) -> Option<Vec<u8>> {
        let [.., last] = self.head.sections;
        if b.at.checked_add(b.len)? > last.at + last.len {
            return None;
        }
        let mut buf = vec![0; usize::try_from(b.len).ok()?];
        self.file.read_exact_at(&mut buf, self.body + b.at).ok()?;
        (hash(&buf) == b.sum).then_some(buf)
    }

    /// Puts the gestures of section `s` in their places in the log, where
    /// `slots` begins at place `from`.
    fn place(&self, s: usize, slots: &mut [Option<Gesture>], from: usize) -> Option<()> {
        each(&self.bytes(&self.head.sections[s])?, |GestureIn(at, g)| {
            let slot = slots.get_mut((at as usize).checked_sub(from)?)?;
            slot.replace(g).is_none().then_some(())
        })
    }

    /// Warnings the parse that made the copy met.
    pub fn warnings(&self) -> &[String] {
        &self.head.warnings
    }

    /// Every partner's id, summary and search entry, and where the rest of
    /// them lies.
    pub fn index(&self) -> Option<Index> {
        self.sound(|| {
            let ix: Index = postcard::from_bytes(&self.bytes(&self.head.sections[INDEX])?).ok()?;
            let n = self.head.partners;
            let lens = [ix.ids.len(), ix.summaries.len(), ix.entries.len(), ix.records.len()];
            (lens.iter().all(|&len| len == n) && ix.gestures.len() == n + 1).then_some(ix)
        })
    }

    /// Every partner, in id order.
    pub fn partners(&self) -> Option<Vec<Partner>> {
        self.sound(|| {
            let partners: Vec<PartnerIn> = all(&self.bytes(&self.head.sections[PARTNERS])?, self.head.partners)?;
            (partners.len() == self.head.partners).then(|| partners.into_iter().map(|p| p.0).collect())
        })
    }

    /// One partner, from their block in [`Index::records`].
    pub fn partner(&self, b: &Block) -> Option<Partner> {
        self.sound(|| Some(postcard::from_bytes::<PartnerIn>(&self.bytes(b)?).ok()?.0))
    }

    /// Every gesture, in log order.
    pub fn gestures(&self) -> Option<Vec<Gesture>> {
        self.sound(|| {
            let mut slots = vec![None; self.head.gestures];
            self.place(FIRST_GESTURES, &mut slots, 0)?;
            self.place(OTHER_GESTURES, &mut slots, 0)?;
            slots.into_iter().collect()
        })
    }

    /// The gestures in one entry of [`Index::gestures`], in log order.
    pub fn gestures_in(&self, b: &[Block; 2]) -> Option<Vec<Gesture>> {
        self.sound(|| {
            let [first, other]: [Vec<GestureIn>; 2] = [all(&self.bytes(&b[0])?, 0)?, all(&self.bytes(&b[1])?, 0)?];
            Some(first.into_iter().chain(other).map(|g| g.1).collect())
        })
    }

    /// The whole book: the partners and the log's first lines on a second
    /// thread, the rest of the log on this one, each gesture straight into
    /// its place.
    pub fn book(&self) -> Option<Cached> {
        let mut slots = vec![None; self.head.gestures];
        let (first, other) = slots.split_at_mut(self.head.first.min(self.head.gestures));
        let (partners, placed) = std::thread::scope(|s| {
            let second = s.spawn(|| {
                self.place(FIRST_GESTURES, first, 0)?;
                self.partners()
            });
            let placed = self.place(OTHER_GESTURES, other, self.head.first);
            (second.join().ok().flatten(), placed)
        });
        self.sound(|| {
            placed?;
            Some(Cached {
                partners: partners?,
                gestures: slots.into_iter().collect::<Option<_>>()?,
                warnings: self.head.warnings.clone(),
            })
        })
    }
}

/// Removes the copy at `path` if it is still the one open as `file`: a
/// process may have put a new one there meanwhile.
fn discard(file: &fs::File, path: &Path) {
    if let (Ok(a), Ok(b)) = (file.metadata(), fs::metadata(path))
        && (a.dev(), a.ino()) == (b.dev(), b.ino())
    {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests;
