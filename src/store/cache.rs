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

use super::paths;
use crate::domain::partner::LabelledDate;
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
const FORMAT: u32 = 1;

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
/// stamps. Anything wrong with the copy is a miss.
pub fn read(data_dir: &Path, stamps: &Stamps) -> Option<Cached> {
    if !worth_caching(stamps) {
        return None;
    }
    let (path, id) = file_for(data_dir)?;
    let bytes = fs::read(&path).ok()?;
    decode(&bytes, &id, stamps)
}

/// Saves a copy of the book. Failing to is not an error: the cache only
/// saves time.
pub fn write(data_dir: &Path, stamps: &Stamps, partners: &[Partner], gestures: &[Gesture], warnings: &[String]) {
    let Some((path, id)) = file_for(data_dir) else { return };
    let Some(dir) = path.parent() else { return };
    if !dir.exists() {
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    let bytes = encode(&id, stamps, partners, gestures, warnings);
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

/// Keeps the newest [`KEPT`] copies (one per data folder).
fn prune(dir: &Path) {
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

fn encode(id: &str, stamps: &Stamps, partners: &[Partner], gestures: &[Gesture], warnings: &[String]) -> Vec<u8> {
    let mut o = Out(Vec::with_capacity(partners.len() * 600 + gestures.len() * 100 + 1024));
    o.0.extend_from_slice(MAGIC);
    o.u32(FORMAT);
    o.str(env!("CARGO_PKG_VERSION"));
    o.str(id);
    for s in stamps {
        o.stamp(s);
    }
    o.strs(warnings);
    o.u32(partners.len() as u32);
    for p in partners {
        o.str(&p.id);
        o.str(&p.name);
        o.opt_str(p.org.as_deref());
        o.opt_str(p.role.as_deref());
        o.strs(&p.emails);
        o.strs(&p.phones);
        o.strs(&p.tags);
        o.u8(Stage::ALL.iter().position(|s| *s == p.stage).unwrap_or(0) as u8);
        match p.cadence_days {
            Some(c) => {
                o.u8(1);
                o.u32(c);
            }
            None => o.u8(0),
        }
        match &p.birthday {
            Some(b) => {
                o.u8(1);
                o.yearly(b);
            }
            None => o.u8(0),
        }
        o.u32(p.dates.len() as u32);
        for d in &p.dates {
            o.str(&d.label);
            o.yearly(&d.date);
        }
        o.opt_str(p.clientele.as_deref());
        o.opt_str(p.notes.as_deref());
        match p.since {
            Some(d) => {
                o.u8(1);
                o.date(d);
            }
            None => o.u8(0),
        }
        o.opt_str(p.uid.as_deref());
        o.u8(u8::from(p.archived));
        // Unknown keys are rare: kept as TOML text.
        let extra = if p.extra.is_empty() {
            String::new()
        } else {
            toml::to_string(&p.extra).unwrap_or_default()
        };
        o.str(&extra);
    }
    o.u32(gestures.len() as u32);
    for g in gestures {
        o.str(&g.id);
        o.date(g.date);
        o.str(&g.contact);
        o.u8(Kind::ALL.iter().position(|k| *k == g.kind).unwrap_or(0) as u8);
        o.u8(u8::from(g.dir == Direction::Received));
        o.opt_str(g.note.as_deref());
        match g.value {
            Some(v) => {
                o.u8(1);
                o.u64(v.to_bits());
            }
            None => o.u8(0),
        }
        o.u8(match g.outcome {
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
        o.str(&extra);
    }
    let sum = checksum(&o.0);
    o.u64(sum);
    o.0
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

fn decode(bytes: &[u8], id: &str, stamps: &Stamps) -> Option<Cached> {
    let body_len = bytes.len().checked_sub(8)?;
    let (body, sum) = bytes.split_at(body_len);
    if u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
        return None;
    }
    let mut r = In { b: body, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT || r.str()? != env!("CARGO_PKG_VERSION") || r.str()? != id {
        return None;
    }
    for s in stamps {
        if r.stamp()? != *s {
            return None;
        }
    }
    let warnings = r.strs()?;
    let n = r.count()?;
    let mut partners = Vec::with_capacity(n);
    for _ in 0..n {
        let mut p = Partner::new(r.str()?, r.str()?);
        p.org = r.opt_str()?;
        p.role = r.opt_str()?;
        p.emails = r.strs()?;
        p.phones = r.strs()?;
        p.tags = r.strs()?;
        p.stage = *Stage::ALL.get(r.u8()? as usize)?;
        p.cadence_days = if r.flag()? { Some(r.u32()?) } else { None };
        p.birthday = if r.flag()? { Some(r.yearly()?) } else { None };
        let dates = r.count()?;
        for _ in 0..dates {
            let label = r.str()?;
            p.dates.push(LabelledDate {
                label,
                date: r.yearly()?,
            });
        }
        p.clientele = r.opt_str()?;
        p.notes = r.opt_str()?;
        p.since = if r.flag()? { Some(r.date()?) } else { None };
        p.uid = r.opt_str()?;
        p.archived = r.flag()?;
        let extra = r.str()?;
        if !extra.is_empty() {
            p.extra = toml::from_str(&extra).ok()?;
        }
        partners.push(p);
    }
    let n = r.count()?;
    let mut gestures = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.str()?;
        let date = r.date()?;
        let contact = r.str()?;
        let kind = *Kind::ALL.get(r.u8()? as usize)?;
        let dir = if r.flag()? {
            Direction::Received
        } else {
            Direction::Given
        };
        let note = r.opt_str()?;
        let value = if r.flag()? {
            Some(f64::from_bits(r.u64()?))
        } else {
            None
        };
        let outcome = match r.u8()? {
            0 => None,
            1 => Some(Outcome::Engaged),
            2 => Some(Outcome::Declined),
            3 => Some(Outcome::Pending),
            _ => return None,
        };
        let extra = r.str()?;
        let extra = if extra.is_empty() {
            Default::default()
        } else {
            serde_json::from_str(&extra).ok()?
        };
        gestures.push(Gesture {
            id,
            date,
            contact,
            kind,
            dir,
            note,
            value,
            outcome,
            extra,
        });
    }
    (r.at == body.len()).then_some(Cached {
        partners,
        gestures,
        warnings,
    })
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
        let bytes = encode("/data", &st, &partners, &gestures, &warnings);
        let back = decode(&bytes, "/data", &st).expect("decodes");
        assert_eq!(back.partners, partners);
        assert_eq!(back.gestures, gestures);
        assert_eq!(back.warnings, warnings);
    }

    #[test]
    fn any_difference_or_damage_is_a_miss() {
        let (partners, gestures) = sample();
        let st = stamps_of(10);
        let bytes = encode("/data", &st, &partners, &gestures, &[]);
        assert!(decode(&bytes, "/other", &st).is_none(), "another folder");
        assert!(decode(&bytes, "/data", &stamps_of(11)).is_none(), "a changed file");
        assert!(decode(&bytes[..bytes.len() - 1], "/data", &st).is_none(), "cut short");
        for at in [0, 30, bytes.len() / 2, bytes.len() - 9] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert!(decode(&bad, "/data", &st).is_none(), "flipped byte at {at}");
        }
        assert!(decode(b"", "/data", &st).is_none());
    }

    #[test]
    fn small_or_fresh_books_are_not_cached() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join(paths::CONTACTS), "schema_version = 1\n").unwrap();
        assert!(!worth_caching(&stamps(d.path())), "small");
        fs::write(d.path().join(paths::GESTURES), vec![b'\n'; MIN_BYTES as usize]).unwrap();
        assert!(!worth_caching(&stamps(d.path())), "just written");
    }
}
