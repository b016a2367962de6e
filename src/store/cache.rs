//! A derived copy of the parsed book in the cache folder, so commands on a
//! large book skip parsing `contacts.toml` and `gestures.jsonl`.
//!
//! The data files stay the truth. The copy is used only while both files
//! are exactly as they were when it was made (device, inode, size,
//! modification and change times), and it is made only from files that
//! have not changed for [`SETTLED`]: a file rewritten within one tick of the
//! file system's clock could otherwise keep its times and size (the "racy
//! git" problem). A copy that is unreadable, truncated, from another
//! version or fails its checksum is ignored and made again. Small books are
//! not cached: parsing them is quicker than the bookkeeping.
//!
//! `RAPPORT_CACHE_DIR` names another folder; set to an empty value it turns
//! the cache off.

use super::partners::Summary;
use super::paths;
use crate::domain::partner::LabelledDate;
use crate::domain::search::{Entry, SearchIndex};
use crate::domain::{Direction, Gesture, Kind, Outcome, Partner, Stage, YearlyDate};
use chrono::NaiveDate;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Books whose two files together are smaller than this are not cached.
pub const MIN_BYTES: u64 = 512 * 1024;
/// How long a file must have been left alone before it is cached.
pub const SETTLED: Duration = Duration::from_secs(2);
/// How many books' copies the cache folder keeps.
const KEPT: usize = 8;
const MAGIC: &[u8] = b"rapport book cache\n";
/// Bumped whenever the layout below changes.
const FORMAT: u32 = 4;

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

/// The stamps of `contacts.toml` and `gestures.jsonl` (`None`: missing).
pub type Stamps = [Option<Stamp>; 2];

/// The stamps of the two files in `dir`.
pub fn stamps(dir: &Path) -> Stamps {
    [paths::CONTACTS, paths::GESTURES].map(|n| {
        fs::metadata(dir.join(n)).ok().map(|m| Stamp {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        })
    })
}

/// The parsed book as the cache holds it.
pub struct Cached {
    pub partners: Vec<Partner>,
    pub gestures: Vec<Gesture>,
    pub warnings: Vec<String>,
}

/// The cache folder, or `None` when the cache is off.
fn folder() -> Option<PathBuf> {
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

/// The data folder's own name for itself, the same however it was reached.
fn identity(data_dir: &Path) -> String {
    let p = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    p.to_string_lossy().into_owned()
}

fn file_for(data_dir: &Path) -> Option<(PathBuf, String)> {
    let id = identity(data_dir);
    let name = format!("book-{:016x}.bin", checksum(id.as_bytes()));
    Some((folder()?.join(name), id))
}

/// True if a book with these stamps is worth caching and settled enough to
/// trust its stamps later.
pub fn worth_caching(stamps: &Stamps) -> bool {
    let total: u64 = stamps.iter().flatten().map(|s| s.len).sum();
    if total < MIN_BYTES {
        return false;
    }
    let Ok(now) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) else {
        return false;
    };
    let now = now.as_secs_f64();
    stamps.iter().flatten().all(|s| {
        let changed = s.ctime.0 as f64 + s.ctime.1 as f64 / 1e9;
        let modified = s.mtime.0 as f64 + s.mtime.1 as f64 / 1e9;
        now - changed.max(modified) >= SETTLED.as_secs_f64()
    })
}

/// The cached book, if there is a copy made from files with exactly these
/// stamps. Anything wrong with the copy is a miss. The partners and the
/// gestures are decoded on two threads.
pub fn read(data_dir: &Path, stamps: &Stamps) -> Option<Cached> {
    open(data_dir, stamps)?.book()
}

/// The cached book when contacts.toml is as it was and gestures.jsonl has
/// only grown since (gestures logged by `rapport log` or another window):
/// the cached part of the log is checked byte for byte against its checksum,
/// and only the lines added are parsed. Anything else is a miss: a log
/// changed within, a problem or a torn line in the added lines (the full
/// parse then reports it), a log not ending in a whole line.
pub fn read_grown(data_dir: &Path, stamps: &Stamps) -> Option<Cached> {
    let (path, id) = file_for(data_dir)?;
    grown_from(&path, &id, data_dir, stamps)?.book()
}

/// A copy of the book made before lines were added to the log, and where
/// those lines are.
pub struct Grown {
    pub reader: Reader,
    log: PathBuf,
    /// The log's length when the copy was made.
    kept: usize,
    /// Its length now.
    now: u64,
}

impl Grown {
    /// The gestures added to the log since the copy was made, once the
    /// copy's part of the log is found unchanged.
    pub fn added(&self) -> Option<Vec<Gesture>> {
        let log = fs::read(&self.log).ok()?;
        if log.len() as u64 != self.now || log.get(self.kept.checked_sub(1)?) != Some(&b'\n') {
            return None;
        }
        if checksum(&log[..self.kept]) != self.reader.log_sum {
            return None;
        }
        let added = super::log::parse(std::str::from_utf8(&log[self.kept..]).ok()?).ok()?;
        added.torn_tail.is_none().then_some(added.gestures)
    }

    /// The whole book: the copy decoded while the log is checked.
    pub fn book(&self) -> Option<Cached> {
        let (added, book) = std::thread::scope(|s| {
            let added = s.spawn(|| self.added());
            let book = self.reader.book();
            (added.join().ok().flatten(), book)
        });
        let mut book = book?;
        book.gestures.extend(added?);
        Some(book)
    }
}

/// The copy of the book when contacts.toml is as it was and gestures.jsonl
/// has only grown since (see [`read_grown`]); the added lines are checked
/// when read.
pub fn open_grown(data_dir: &Path, stamps: &Stamps) -> Option<Grown> {
    let (path, id) = file_for(data_dir)?;
    grown_from(&path, &id, data_dir, stamps)
}

fn grown_from(path: &Path, id: &str, data_dir: &Path, stamps: &Stamps) -> Option<Grown> {
    let [contacts, Some(now)] = *stamps else { return None };
    if contacts.map_or(0, |s| s.len) + now.len < MIN_BYTES {
        return None;
    }
    let reader = Reader::open_as(Bytes::File(fs::File::open(path).ok()?), id)?;
    let then = reader.stamps[1]?;
    if reader.stamps[0] != contacts || (then.dev, then.ino) != (now.dev, now.ino) || then.len >= now.len {
        return None;
    }
    Some(Grown {
        reader,
        log: data_dir.join(paths::GESTURES),
        kept: usize::try_from(then.len).ok()?,
        now: now.len,
    })
}

/// A copy made when gestures.jsonl was as it is now (whatever contacts.toml
/// was then): its gestures can stand in for parsing the log.
pub fn open_for_log(data_dir: &Path, stamps: &Stamps) -> Option<Reader> {
    let now = stamps[1]?;
    if now.len < MIN_BYTES / 2 {
        return None;
    }
    let (path, id) = file_for(data_dir)?;
    Reader::open_as(Bytes::File(fs::File::open(path).ok()?), &id).filter(|r| r.stamps[1] == Some(now))
}

/// The copy of the book made from files with exactly these stamps, opened
/// for reading its parts; `None` if there is none or its header is amiss.
pub fn open(data_dir: &Path, stamps: &Stamps) -> Option<Reader> {
    if !worth_caching(stamps) {
        return None;
    }
    let (path, id) = file_for(data_dir)?;
    Reader::new(Bytes::File(fs::File::open(path).ok()?), &id, stamps)
}

/// Saves a copy of the book. Failing to is not an error: the cache only
/// saves time.
pub fn write(data_dir: &Path, stamps: &Stamps, partners: &[Partner], gestures: &[Gesture], warnings: &[String]) {
    let Some((path, id)) = file_for(data_dir) else { return };
    // The log's bytes as they are now: the stamps say they are the bytes
    // just parsed (the caller checked them after reading).
    let log = fs::read(data_dir.join(paths::GESTURES)).unwrap_or_default();
    if log.len() as u64 != stamps[1].map_or(0, |s| s.len) {
        return;
    }
    let log_sum = checksum(&log);
    drop(log);
    let Some(dir) = path.parent() else { return };
    if !dir.exists() {
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    let bytes = encode(&id, stamps, log_sum, partners, gestures, warnings);
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
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with(".book-")
            && e.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < stale)
        {
            let _ = fs::remove_file(e.path());
        }
    }
    let mut copies: Vec<(SystemTime, PathBuf)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("book-"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if copies.len() > KEPT {
        copies.sort();
        for (_, old) in &copies[..copies.len() - KEPT] {
            let _ = fs::remove_file(old);
        }
    }
}

/// A quick 64-bit checksum, four lanes wide so it runs at memory speed.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lanes = [K, K ^ 1, K ^ 2, K ^ 3];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let w = u64::from_le_bytes(c[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
            *lane = (*lane ^ w).wrapping_mul(K).rotate_left(29);
        }
    }
    let mut h = bytes.len() as u64;
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(K).rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
    fn date(&mut self, d: NaiveDate) {
        self.u32(chrono::Datelike::num_days_from_ce(&d) as u32);
    }
    fn yearly(&mut self, y: &YearlyDate) {
        match y.year {
            Some(year) => {
                self.u8(1);
                self.u32(year as u32);
            }
            None => self.u8(0),
        }
        self.u8(y.month as u8);
        self.u8(y.day as u8);
    }
    fn stamp(&mut self, s: &Option<Stamp>) {
        match s {
            Some(s) => {
                self.u8(1);
                for v in [s.dev, s.ino, s.len] {
                    self.u64(v);
                }
                for v in [s.mtime.0, s.mtime.1, s.ctime.0, s.ctime.1] {
                    self.u64(v as u64);
                }
            }
            None => self.u8(0),
        }
    }
}

/// Where one section of the copy lies, and its checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    at: u64,
    len: u64,
    sum: u64,
}

/// The sections of the copy, in the order they follow the header.
const PARTNERS: usize = 0;
const SUMMARIES: usize = 1;
const GESTURES: usize = 2;
const SEARCH: usize = 3;
const SECTIONS: usize = 4;

/// The layout: `MAGIC`, `FORMAT`, the header's length, the header (version,
/// data folder, stamps, the checksum of gestures.jsonl's bytes, warnings,
/// the number of gestures, each section's length and checksum), the
/// header's checksum, then the sections:
///
/// - partners, in the order given (the store gives them in id order);
/// - summaries, one per partner: its [`Summary`], where its record lies in
///   the partners section and where its gestures lie in the next one; then
///   where the gestures of no known partner lie;
/// - gestures, grouped by partner, each with its place in the log, so one
///   partner's can be read alone and the whole log put back in order;
/// - the search index: each partner's id and folded fields.
///
/// So `search` and `show` read the summaries and the index, then only the
/// partners (and gestures) they print.
fn encode(
    id: &str,
    stamps: &Stamps,
    log_sum: u64,
    partners: &[Partner],
    gestures: &[Gesture],
    warnings: &[String],
) -> Vec<u8> {
    let (groups, summaries) = super::partners::summarize(partners, gestures);
    let mut people = Out(Vec::with_capacity(partners.len() * 600));
    people.u32(partners.len() as u32);
    let mut records = Vec::with_capacity(partners.len());
    for p in partners {
        let at = people.0.len();
        people.partner(p);
        records.push(Block {
            at: at as u64,
            len: (people.0.len() - at) as u64,
            sum: checksum(&people.0[at..]),
        });
    }
    let mut log = Out(Vec::with_capacity(gestures.len() * 100));
    let mut blocks = Vec::with_capacity(groups.len());
    for group in &groups {
        let at = log.0.len();
        log.u32(group.len() as u32);
        for &i in group {
            log.u32(i as u32);
            log.gesture(&gestures[i]);
        }
        blocks.push(Block {
            at: at as u64,
            len: (log.0.len() - at) as u64,
            sum: checksum(&log.0[at..]),
        });
    }
    let mut sums = Out(Vec::with_capacity(partners.len() * 64));
    sums.u32(summaries.len() as u32);
    for ((s, r), b) in summaries.iter().zip(&records).zip(&blocks) {
        sums.summary(s);
        sums.block(r);
        sums.block(b);
    }
    sums.block(blocks.last().expect("the group of unknown partners is always there"));
    let mut search = Out(Vec::with_capacity(partners.len() * 80));
    search.u32(partners.len() as u32);
    for (p, e) in partners.iter().zip(SearchIndex::new(partners).entries()) {
        search.str(&p.id);
        search.entry(e);
    }

    let sections = [people.0, sums.0, log.0, search.0];
    let mut head = Out(Vec::new());
    head.str(env!("CARGO_PKG_VERSION"));
    head.str(id);
    for s in stamps {
        head.stamp(s);
    }
    head.u64(log_sum);
    head.strs(warnings);
    head.u32(gestures.len() as u32);
    for s in &sections {
        head.u64(s.len() as u64);
        head.u64(checksum(s));
    }
    let mut o = Out(Vec::with_capacity(
        head.0.len() + sections.iter().map(Vec::len).sum::<usize>() + 64,
    ));
    o.0.extend_from_slice(MAGIC);
    o.u32(FORMAT);
    o.u32(head.0.len() as u32);
    o.0.extend_from_slice(&head.0);
    o.u64(checksum(&head.0));
    for s in &sections {
        o.0.extend_from_slice(s);
    }
    o.0
}

impl Out {
    fn partner(&mut self, p: &Partner) {
        self.str(&p.id);
        self.str(&p.name);
        self.opt_str(p.org.as_deref());
        self.opt_str(p.role.as_deref());
        self.strs(&p.emails);
        self.strs(&p.phones);
        self.strs(&p.tags);
        self.u8(Stage::ALL.iter().position(|s| *s == p.stage).unwrap_or(0) as u8);
        match p.cadence_days {
            Some(c) => {
                self.u8(1);
                self.u32(c);
            }
            None => self.u8(0),
        }
        match &p.birthday {
            Some(b) => {
                self.u8(1);
                self.yearly(b);
            }
            None => self.u8(0),
        }
        self.u32(p.dates.len() as u32);
        for d in &p.dates {
            self.str(&d.label);
            self.yearly(&d.date);
        }
        self.opt_str(p.clientele.as_deref());
        self.opt_str(p.notes.as_deref());
        self.opt_date(p.since);
        self.opt_str(p.uid.as_deref());
        self.u8(u8::from(p.archived));
        // Unknown keys are rare: kept as TOML text.
        let extra = if p.extra.is_empty() {
            String::new()
        } else {
            toml::to_string(&p.extra).unwrap_or_default()
        };
        self.str(&extra);
    }

    fn gesture(&mut self, g: &Gesture) {
        self.str(&g.id);
        self.date(g.date);
        self.str(&g.contact);
        self.u8(Kind::ALL.iter().position(|k| *k == g.kind).unwrap_or(0) as u8);
        self.u8(u8::from(g.dir == Direction::Received));
        self.opt_str(g.note.as_deref());
        match g.value {
            Some(v) => {
                self.u8(1);
                self.u64(v.to_bits());
            }
            None => self.u8(0),
        }
        self.u8(match g.outcome {
            None => 0,
            Some(Outcome::Engaged) => 1,
            Some(Outcome::Declined) => 2,
            Some(Outcome::Pending) => 3,
        });
        let extra = if g.extra.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&g.extra).unwrap_or_default()
        };
        self.str(&extra);
    }

    fn opt_date(&mut self, d: Option<NaiveDate>) {
        match d {
            Some(d) => {
                self.u8(1);
                self.date(d);
            }
            None => self.u8(0),
        }
    }

    fn entry(&mut self, e: &Entry) {
        self.str(&e.name);
        self.u32(e.name_map.len() as u32);
        for &c in &e.name_map {
            self.u32(c as u32);
        }
        self.str(&e.rest);
        self.u8(u8::from(e.archived));
    }

    fn summary(&mut self, s: &Summary) {
        self.opt_date(s.last_gesture);
        self.opt_date(s.since);
        self.u32(s.connecting.len() as u32);
        for &d in &s.connecting {
            self.date(d);
        }
    }

    fn block(&mut self, b: &Block) {
        self.u64(b.at);
        self.u64(b.len);
        self.u64(b.sum);
    }
}

/// Reads back what [`encode`] wrote; `None` at the first thing amiss.
struct In<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn flag(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        // Every item takes at least a byte: a larger count is damage.
        (n <= self.b.len() - self.at).then_some(n)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        if self.flag()? { self.str().map(Some) } else { Some(None) }
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.u32()? as i32)
    }
    fn yearly(&mut self) -> Option<YearlyDate> {
        let year = if self.flag()? { Some(self.u32()? as i32) } else { None };
        let (month, day) = (u32::from(self.u8()?), u32::from(self.u8()?));
        // The same check the parser makes, so a yearly date never panics.
        NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
        Some(YearlyDate { year, month, day })
    }
    fn stamp(&mut self) -> Option<Option<Stamp>> {
        if !self.flag()? {
            return Some(None);
        }
        let (dev, ino, len) = (self.u64()?, self.u64()?, self.u64()?);
        let t: [i64; 4] = [
            self.u64()? as i64,
            self.u64()? as i64,
            self.u64()? as i64,
            self.u64()? as i64,
        ];
        Some(Some(Stamp {
            dev,
            ino,
            len,
            mtime: (t[0], t[1]),
            ctime: (t[2], t[3]),
        }))
    }
}

/// Where the copy's bytes come from: its file, or memory in the tests.
enum Bytes {
    File(fs::File),
    #[cfg(test)]
    Memory(Vec<u8>),
}

impl Bytes {
    fn len(&self) -> Option<u64> {
        match self {
            Bytes::File(f) => f.metadata().ok().map(|m| m.len()),
            #[cfg(test)]
            Bytes::Memory(v) => Some(v.len() as u64),
        }
    }

    fn read(&self, at: u64, len: u64) -> Option<Vec<u8>> {
        let len = usize::try_from(len).ok()?;
        match self {
            Bytes::File(f) => {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0; len];
                f.read_exact_at(&mut buf, at).ok()?;
                Some(buf)
            }
            #[cfg(test)]
            Bytes::Memory(v) => {
                let at = usize::try_from(at).ok()?;
                v.get(at..at.checked_add(len)?).map(<[u8]>::to_vec)
            }
        }
    }
}

/// An open copy whose header matched: its parts are read on demand, each
/// checked against its checksum. The file stays open, so every part comes
/// from the same copy even if another process replaces it meanwhile.
pub struct Reader {
    bytes: Bytes,
    pub warnings: Vec<String>,
    gestures: usize,
    sections: [Block; SECTIONS],
    /// The stamps of the files the copy was made from.
    stamps: Stamps,
    /// The checksum of gestures.jsonl's bytes when the copy was made.
    log_sum: u64,
}

/// What the summaries section holds: one summary per partner, where each
/// partner's record lies, where each partner's gestures lie, and (last)
/// where those of unknown partners lie.
pub type Summaries = (Vec<Summary>, Vec<Block>, Vec<Block>);

impl Reader {
    fn new(bytes: Bytes, id: &str, stamps: &Stamps) -> Option<Reader> {
        Reader::open_as(bytes, id).filter(|r| r.stamps == *stamps)
    }

    /// Reads the header of a copy of the book of folder `id`, whatever the
    /// files it was made from.
    fn open_as(bytes: Bytes, id: &str) -> Option<Reader> {
        let start = bytes.read(0, MAGIC.len() as u64 + 8)?;
        let mut r = In { b: &start, at: 0 };
        if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT {
            return None;
        }
        let head_len = u64::from(r.u32()?);
        let at = start.len() as u64;
        let head = bytes.read(at, head_len + 8)?;
        let (body, sum) = head.split_at(head.len() - 8);
        if u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
            return None;
        }
        let mut r = In { b: body, at: 0 };
        if r.str()? != env!("CARGO_PKG_VERSION") || r.str()? != id {
            return None;
        }
        let stamps = [r.stamp()?, r.stamp()?];
        let log_sum = r.u64()?;
        let warnings = r.strs()?;
        let gestures = r.u32()? as usize;
        let mut next = at + head_len + 8;
        let mut sections = [Block { at: 0, len: 0, sum: 0 }; SECTIONS];
        for s in &mut sections {
            let (len, sum) = (r.u64()?, r.u64()?);
            *s = Block { at: next, len, sum };
            next = next.checked_add(len)?;
        }
        // A copy cut short or grown is damaged.
        (r.at == body.len() && bytes.len()? == next).then_some(Reader {
            bytes,
            warnings,
            gestures,
            sections,
            stamps,
            log_sum,
        })
    }

    /// The bytes of one block, if they match its checksum.
    fn block(&self, b: &Block) -> Option<Vec<u8>> {
        let bytes = self.bytes.read(b.at, b.len)?;
        (checksum(&bytes) == b.sum).then_some(bytes)
    }

    pub fn partners(&self) -> Option<Vec<Partner>> {
        let bytes = self.block(&self.sections[PARTNERS])?;
        let mut r = In { b: &bytes, at: 0 };
        let n = r.count()?;
        let partners = (0..n).map(|_| r.partner()).collect::<Option<Vec<_>>>()?;
        (r.at == bytes.len()).then_some(partners)
    }

    pub fn summaries(&self) -> Option<Summaries> {
        let bytes = self.block(&self.sections[SUMMARIES])?;
        let mut r = In { b: &bytes, at: 0 };
        let n = r.count()?;
        let mut summaries = Vec::with_capacity(n);
        let mut records = Vec::with_capacity(n);
        let mut blocks = Vec::with_capacity(n + 1);
        for _ in 0..n {
            summaries.push(r.summary()?);
            records.push(r.block(&self.sections[PARTNERS])?);
            blocks.push(r.block(&self.sections[GESTURES])?);
        }
        blocks.push(r.block(&self.sections[GESTURES])?);
        (r.at == bytes.len()).then_some((summaries, records, blocks))
    }

    /// One partner, from its record's block in [`Reader::summaries`].
    pub fn partner(&self, b: &Block) -> Option<Partner> {
        let bytes = self.block(b)?;
        let mut r = In { b: &bytes, at: 0 };
        let p = r.partner()?;
        (r.at == bytes.len()).then_some(p)
    }

    /// Every partner's id and the search index, in the partners' order.
    pub fn search(&self) -> Option<(Vec<String>, SearchIndex)> {
        let bytes = self.block(&self.sections[SEARCH])?;
        let mut r = In { b: &bytes, at: 0 };
        let n = r.count()?;
        let mut ids = Vec::with_capacity(n);
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            ids.push(r.str()?);
            entries.push(r.entry()?);
        }
        (r.at == bytes.len()).then_some((ids, SearchIndex::from_entries(entries)))
    }

    /// The gestures in one block of [`Reader::summaries`], in log order.
    pub fn gestures_in(&self, b: &Block) -> Option<Vec<Gesture>> {
        let bytes = self.block(b)?;
        let mut r = In { b: &bytes, at: 0 };
        let n = r.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            r.u32()?;
            out.push(r.gesture()?);
        }
        (r.at == bytes.len()).then_some(out)
    }

    /// Every gesture, in log order.
    pub fn gestures(&self) -> Option<Vec<Gesture>> {
        let bytes = self.block(&self.sections[GESTURES])?;
        let mut r = In { b: &bytes, at: 0 };
        let mut slots: Vec<Option<Gesture>> = Vec::with_capacity(self.gestures);
        slots.resize_with(self.gestures, || None);
        while r.at < bytes.len() {
            let n = r.count()?;
            for _ in 0..n {
                let slot = slots.get_mut(r.u32()? as usize)?;
                if slot.replace(r.gesture()?).is_some() {
                    return None;
                }
            }
        }
        slots.into_iter().collect()
    }

    /// The whole book: partners on a second thread, gestures on this one.
    pub fn book(&self) -> Option<Cached> {
        let (partners, gestures) = std::thread::scope(|s| {
            let partners = s.spawn(|| self.partners());
            let gestures = self.gestures();
            (partners.join().ok().flatten(), gestures)
        });
        Some(Cached {
            partners: partners?,
            gestures: gestures?,
            warnings: self.warnings.clone(),
        })
    }
}

impl In<'_> {
    fn opt_date(&mut self) -> Option<Option<NaiveDate>> {
        if self.flag()? {
            self.date().map(Some)
        } else {
            Some(None)
        }
    }

    fn summary(&mut self) -> Option<Summary> {
        let last_gesture = self.opt_date()?;
        let since = self.opt_date()?;
        let n = self.count()?;
        let connecting = (0..n).map(|_| self.date()).collect::<Option<Vec<_>>>()?;
        Some(Summary {
            last_gesture,
            since,
            connecting,
        })
    }

    fn entry(&mut self) -> Option<Entry> {
        let name = self.str()?;
        let n = self.count()?;
        let name_map = (0..n)
            .map(|_| self.u32().map(|c| c as usize))
            .collect::<Option<Vec<_>>>()?;
        Some(Entry {
            name,
            name_map,
            rest: self.str()?,
            archived: self.flag()?,
        })
    }

    /// A block inside `within`, which must hold it whole.
    fn block(&mut self, within: &Block) -> Option<Block> {
        let (at, len, sum) = (self.u64()?, self.u64()?, self.u64()?);
        (at.checked_add(len)? <= within.len).then_some(Block {
            at: within.at + at,
            len,
            sum,
        })
    }

    fn partner(&mut self) -> Option<Partner> {
        let mut p = Partner::new(self.str()?, self.str()?);
        p.org = self.opt_str()?;
        p.role = self.opt_str()?;
        p.emails = self.strs()?;
        p.phones = self.strs()?;
        p.tags = self.strs()?;
        p.stage = *Stage::ALL.get(self.u8()? as usize)?;
        p.cadence_days = if self.flag()? { Some(self.u32()?) } else { None };
        p.birthday = if self.flag()? { Some(self.yearly()?) } else { None };
        let dates = self.count()?;
        for _ in 0..dates {
            let label = self.str()?;
            p.dates.push(LabelledDate {
                label,
                date: self.yearly()?,
            });
        }
        p.clientele = self.opt_str()?;
        p.notes = self.opt_str()?;
        p.since = self.opt_date()?;
        p.uid = self.opt_str()?;
        p.archived = self.flag()?;
        let extra = self.str()?;
        if !extra.is_empty() {
            p.extra = toml::from_str(&extra).ok()?;
        }
        Some(p)
    }

    fn gesture(&mut self) -> Option<Gesture> {
        let id = self.str()?;
        let date = self.date()?;
        let contact = self.str()?;
        let kind = *Kind::ALL.get(self.u8()? as usize)?;
        let dir = if self.flag()? {
            Direction::Received
        } else {
            Direction::Given
        };
        let note = self.opt_str()?;
        let value = if self.flag()? {
            Some(f64::from_bits(self.u64()?))
        } else {
            None
        };
        let outcome = match self.u8()? {
            0 => None,
            1 => Some(Outcome::Engaged),
            2 => Some(Outcome::Declined),
            3 => Some(Outcome::Pending),
            _ => return None,
        };
        let extra = self.str()?;
        let extra = if extra.is_empty() {
            Default::default()
        } else {
            serde_json::from_str(&extra).ok()?
        };
        Some(Gesture {
            id,
            date,
            contact,
            kind,
            dir,
            note,
            value,
            outcome,
            extra,
        })
    }
}

/// The whole book from a copy in memory (the tests' way in).
#[cfg(test)]
fn decode(bytes: &[u8], id: &str, stamps: &Stamps) -> Option<Cached> {
    Reader::new(Bytes::Memory(bytes.to_vec()), id, stamps)?.book()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<Partner>, Vec<Gesture>) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let g = crate::cli::generate::book(30, 200, 3, today);
        let mut partners = g.partners;
        let mut gestures = g.gestures;
        partners[0]
            .extra
            .insert("favourite_tea".into(), toml::Value::String("oolong".into()));
        let mut nested = toml::Table::new();
        nested.insert("a".into(), toml::Value::Integer(1));
        nested.insert("when".into(), toml::Value::Datetime("2024-03-05".parse().unwrap()));
        partners[1].extra.insert("kids".into(), toml::Value::Table(nested));
        partners[2].uid = Some("urn:uuid:1".into());
        gestures[0]
            .extra
            .insert("mood".into(), serde_json::json!({"x": [1, 2.5, null]}));
        gestures[1].value = Some(12.34);
        (partners, gestures)
    }

    fn stamps_of(len: u64) -> Stamps {
        let s = Stamp {
            dev: 1,
            ino: 2,
            len,
            mtime: (3, 4),
            ctime: (5, 6),
        };
        [Some(s), None]
    }

    #[test]
    fn round_trips_every_field() {
        let (partners, gestures) = sample();
        let warnings = vec!["a warning".to_string()];
        let st = stamps_of(10);
        let bytes = encode("/data", &st, 7, &partners, &gestures, &warnings);
        let back = decode(&bytes, "/data", &st).expect("decodes");
        assert_eq!(back.partners, partners);
        assert_eq!(back.gestures, gestures);
        assert_eq!(back.warnings, warnings);
    }

    #[test]
    fn any_difference_or_damage_is_a_miss() {
        let (partners, gestures) = sample();
        let st = stamps_of(10);
        let bytes = encode("/data", &st, 7, &partners, &gestures, &[]);
        assert!(decode(&bytes, "/other", &st).is_none(), "another folder");
        assert!(decode(&bytes, "/data", &stamps_of(11)).is_none(), "a changed file");
        assert!(every_part(&bytes, &st).is_some(), "the undamaged copy reads");
        assert!(every_part(&bytes[..bytes.len() - 1], &st).is_none(), "cut short");
        for at in [
            0,
            30,
            200,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 9,
            bytes.len() - 1,
        ] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert!(every_part(&bad, &st).is_none(), "flipped byte at {at}");
        }
        assert!(decode(b"", "/data", &st).is_none());
    }

    /// Reads every part of a copy the ways the store does; `None` if any
    /// of them is a miss.
    fn every_part(bytes: &[u8], st: &Stamps) -> Option<()> {
        let r = Reader::new(Bytes::Memory(bytes.to_vec()), "/data", st)?;
        let (_, records, blocks) = r.summaries()?;
        for b in &records {
            r.partner(b)?;
        }
        for b in &blocks {
            r.gestures_in(b)?;
        }
        r.search()?;
        r.book().map(drop)
    }

    #[test]
    fn one_partner_reads_alone() {
        let (partners, gestures) = sample();
        let mut partners = partners;
        partners.sort_by(|a, b| a.id.cmp(&b.id));
        let st = stamps_of(10);
        let bytes = encode("/data", &st, 7, &partners, &gestures, &[]);
        let r = Reader::new(Bytes::Memory(bytes), "/data", &st).expect("opens");
        let (summaries, records, blocks) = r.summaries().expect("summaries");
        assert_eq!(summaries, super::super::partners::summarize(&partners, &gestures).1);
        let (ids, index) = r.search().expect("the index");
        assert_eq!(index.entries(), SearchIndex::new(&partners).entries());
        for (i, p) in partners.iter().enumerate() {
            assert_eq!(ids[i], p.id);
            assert_eq!(r.partner(&records[i]).as_ref(), Some(p));
            let mine: Vec<Gesture> = gestures.iter().filter(|g| g.contact == p.id).cloned().collect();
            assert_eq!(r.gestures_in(&blocks[i]), Some(mine), "the gestures of {}", p.id);
        }
    }

    #[test]
    fn small_or_fresh_books_are_not_cached() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join(paths::CONTACTS), "schema_version = 1\n").unwrap();
        assert!(!worth_caching(&stamps(d.path())), "small");
        fs::write(d.path().join(paths::GESTURES), vec![b'\n'; MIN_BYTES as usize]).unwrap();
        assert!(!worth_caching(&stamps(d.path())), "just written");
    }

    #[test]
    fn a_log_that_only_grew_reads_the_copy_and_the_added_lines() {
        let d = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::cli::generate::write(d.path(), &crate::cli::generate::book(1000, 10_000, 4, today)).unwrap();
        let store = super::super::Store::new(d.path());
        let data = store.load_fresh().unwrap();
        let log_path = d.path().join(paths::GESTURES);
        let copy = d.path().join("copy.bin");
        let st = stamps(d.path());
        let log = fs::read(&log_path).unwrap();
        let bytes = encode("/d", &st, checksum(&log), &data.book.partners, &data.book.gestures, &[]);
        fs::write(&copy, bytes).unwrap();
        let grown = |st: &Stamps| grown_from(&copy, "/d", d.path(), st).and_then(|g| g.book());
        assert!(grown(&st).is_none(), "nothing added: the ordinary copy serves");

        let append = |text: &str| {
            let mut f = fs::OpenOptions::new().append(true).open(&log_path).unwrap();
            std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
        };
        let g = super::super::new_gesture(&data.book.partners[3].id, Kind::Call, Direction::Given, today, None);
        append(&format!("{}\n", super::super::log::render_line(&g)));
        let got = grown(&stamps(d.path())).expect("the copy and the added line");
        let fresh = store.load_fresh().unwrap();
        assert_eq!(got.partners, fresh.book.partners);
        assert_eq!(got.gestures, fresh.book.gestures);
        assert_eq!(got.gestures.last(), Some(&g));

        // A bad or torn added line: the full parse must report it.
        let sound = fs::read(&log_path).unwrap();
        append("{not json}\n");
        assert!(grown(&stamps(d.path())).is_none(), "a bad added line");
        fs::write(&log_path, &sound).unwrap();
        append("{\"id\":\"g-1\",\"da");
        assert!(grown(&stamps(d.path())).is_none(), "a torn added line");

        // A byte changed within the part the copy holds, then a line added.
        let mut changed = log.clone();
        let at = changed.iter().position(|&b| b == b'c').unwrap();
        changed[at] = b'C';
        changed.extend_from_slice(format!("{}\n", super::super::log::render_line(&g)).as_bytes());
        fs::write(&log_path, &changed).unwrap();
        assert!(grown(&stamps(d.path())).is_none(), "the cached part changed");

        // contacts.toml changed: a miss whatever the log did.
        fs::write(&log_path, &sound).unwrap();
        fs::write(
            d.path().join(paths::CONTACTS),
            fs::read(d.path().join(paths::CONTACTS)).unwrap(),
        )
        .unwrap();
        // (Its times, as a rewrite in the same clock tick could keep them.)
        let mut st = stamps(d.path());
        st[0] = st[0].map(|mut s| {
            s.mtime.1 += 1;
            s
        });
        assert!(grown(&st).is_none(), "contacts.toml changed");
    }
}
