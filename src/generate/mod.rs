//! A realistic, reproducible book for benchmarks and demos of scale, behind
//! `rapport generate` (and used directly by the benchmarks and tests).
//!
//! The same seed and the same today always give the same bytes: the random
//! numbers come from [`SplitMix64`], written out in `rng.rs`, and the names
//! from `assets/generate/names.toml`, picked by position.
//!
//! The files are written through the store's own renderers and its atomic
//! write, so they are exactly what rapport itself would write.

mod names;
mod rng;

pub use rng::SplitMix64;

use crate::domain::partner::LabelledDate;
use crate::domain::text::unique_slug;
use crate::domain::{Direction, Gesture, Kind, Outcome, Partner, Stage, YearlyDate};
use crate::store::{StoreError, paths};
use chrono::{Days, NaiveDate};
use names::names;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Kinds with their weight and the chance that one went the other way
/// (received), in percent.
const KINDS: &[(Kind, u32, u32)] = &[
    (Kind::Referral, 14, 55),
    (Kind::ThankYou, 10, 20),
    (Kind::Update, 5, 10),
    (Kind::Gift, 4, 15),
    (Kind::Meeting, 12, 30),
    (Kind::Call, 16, 40),
    (Kind::Message, 14, 45),
    (Kind::Intro, 5, 40),
    (Kind::Share, 6, 30),
    (Kind::Invite, 4, 30),
    (Kind::Favor, 3, 40),
    (Kind::Card, 4, 20),
    (Kind::Ask, 2, 30),
    (Kind::Other, 1, 50),
];

/// The generated book: partners sorted by id, gestures in log order.
pub struct Generated {
    pub partners: Vec<Partner>,
    pub gestures: Vec<Gesture>,
}

/// Why a generated book could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The folder already holds data files; generate never overwrites.
    #[error(
        "{} already holds {}; generate writes only into a folder with no data files",
        dir.display(),
        files.join(" and ")
    )]
    NotEmpty { dir: PathBuf, files: Vec<&'static str> },
    #[error("could not create {}: {source}", dir.display())]
    CreateDir { dir: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn date_between(rng: &mut SplitMix64, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    from + Days::new(rng.below(span + 1))
}

fn notes(rng: &mut SplitMix64, first: &str) -> String {
    let n = names();
    let mut parts: Vec<String> = Vec::new();
    match rng.below(3) {
        0 => parts.push(format!(
            "Spouse {}; kids {} and {}.",
            rng.pick(&n.first),
            rng.pick(&n.first),
            rng.pick(&n.first)
        )),
        1 => parts.push(format!(
            "Partner {}; one daughter, {}.",
            rng.pick(&n.first),
            rng.pick(&n.first)
        )),
        _ => parts.push(format!("{first} lives alone with two cats and a very loud parrot.")),
    }
    parts.push(format!("Supports {}.", rng.pick(&n.causes)));
    parts.push(rng.pick(&n.hobbies).to_string());
    parts.push(rng.pick(&n.practice).to_string());
    if rng.chance(0.6) {
        parts.push(format!(
            "Met at the {} conference in {}; coffee order: oat flat white at {}.",
            rng.pick(&n.conferences),
            2015 + rng.below(10),
            rng.pick(&n.places)
        ));
    }
    parts.join(" ")
}

fn initials(rng: &mut SplitMix64) -> String {
    let letters = b"ABCDEFGHJKLMNOPRSTVW";
    let a = letters[rng.below(letters.len() as u64) as usize] as char;
    let b = letters[rng.below(letters.len() as u64) as usize] as char;
    format!("{a}.{b}.")
}

fn partner(rng: &mut SplitMix64, taken: &mut HashSet<String>, today: NaiveDate) -> Partner {
    let n = names();
    let first = rng.pick(&n.first).as_str();
    let last = rng.pick(&n.last).as_str();
    let name = if rng.chance(0.1) {
        let middle = (b'A' + rng.below(26) as u8) as char;
        format!("{first} {middle}. {last}")
    } else {
        format!("{first} {last}")
    };
    let id = unique_slug(&name, |s| taken.contains(s));
    taken.insert(id.clone());
    let prof = rng.pick(&n.professions);
    let mut p = Partner::new(id.clone(), name);
    let firm_last = if rng.chance(0.7) {
        last
    } else {
        rng.pick(&n.last).as_str()
    };
    p.org = Some(rng.pick(&prof.firms).replace("{}", firm_last));
    p.role = Some(rng.pick(&prof.roles).to_string());
    let user: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    p.emails = vec![format!("{user}@example.org")];
    if rng.chance(0.2) {
        p.emails.push(format!("{}@gmail.example", user.replace('-', ".")));
    }
    p.phones = vec![format!("+1 555 {:04} {:04}", rng.below(10_000), rng.below(10_000))];
    p.tags = vec![prof.tag.clone()];
    for _ in 0..rng.below(3) {
        let t = rng.pick(&n.extra_tags).to_string();
        if !p.tags.contains(&t) {
            p.tags.push(t);
        }
    }
    p.stage = Stage::ALL[rng.weighted(&[30, 35, 20, 15])];
    if rng.chance(0.3) {
        p.cadence_days = Some(*rng.pick(&[14, 30, 45, 60, 90, 180, 0]));
    }
    if rng.chance(0.5) {
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        let text = if rng.chance(0.5) {
            format!("{:04}-{month:02}-{day:02}", 1950 + rng.below(50))
        } else {
            format!("{month:02}-{day:02}")
        };
        p.birthday = YearlyDate::parse(&text).ok();
    }
    if rng.chance(0.1) {
        let text = format!("{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        if let Ok(date) = YearlyDate::parse(&text) {
            p.dates.push(LabelledDate {
                label: rng.pick(&n.date_labels).to_string(),
                date,
            });
        }
    }
    p.clientele = Some(rng.pick(&prof.clientele).to_string());
    p.notes = Some(notes(rng, first));
    let six_years = today.checked_sub_days(Days::new(6 * 365)).unwrap_or(today);
    p.since = Some(date_between(rng, six_years, today - Days::new(30)));
    p.archived = rng.chance(0.03);
    p
}

fn gesture(rng: &mut SplitMix64, p: &Partner, today: NaiveDate) -> Gesture {
    let five_years = today.checked_sub_days(Days::new(5 * 365)).unwrap_or(today);
    let from = p.since.map_or(five_years, |s| s.max(five_years));
    let date = date_between(rng, from, today);
    let weights: Vec<u32> = KINDS.iter().map(|k| k.1).collect();
    let (kind, _, received_pct) = KINDS[rng.weighted(&weights)];
    let dir = if rng.below(100) < u64::from(received_pct) {
        Direction::Received
    } else {
        Direction::Given
    };
    let note = match kind {
        Kind::Referral => Some(format!("{}, {}", initials(rng), rng.pick(&names().matters))),
        _ => names().notes.get(&kind).map(|notes| rng.pick(notes).to_string()),
    }
    .filter(|n| !n.is_empty());
    let value = (kind == Kind::Gift && dir == Direction::Given).then(|| (15 + rng.below(136)) as f64);
    let outcome = (kind == Kind::Referral && dir == Direction::Received)
        .then(|| match rng.below(10) {
            0..=3 => Some(Outcome::Engaged),
            4 | 5 => Some(Outcome::Declined),
            6 => Some(Outcome::Pending),
            _ => None,
        })
        .flatten();
    // A ULID made from the day (plus a time of day) and the generator, so
    // ids sort by date and are the same for the same seed.
    let midnight_ms = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp_millis())
        .max(0) as u64;
    let ms = midnight_ms + 8 * 3_600_000 + rng.below(10 * 3_600_000);
    let random = (u128::from(rng.next_u64()) << 16) ^ u128::from(rng.next_u64() & 0xFFFF);
    Gesture {
        id: format!("g-{}", ulid::Ulid::from_parts(ms, random)),
        date,
        contact: p.id.clone(),
        kind,
        dir,
        note,
        value,
        outcome,
        re: None,
        extra: Default::default(),
    }
}

/// A book of `contacts` partners and `gestures` gestures over the five years
/// up to `today`; the same arguments always give the same book.
pub fn book(contacts: usize, gestures: usize, seed: u64, today: NaiveDate) -> Generated {
    let mut rng = SplitMix64::new(seed);
    let mut taken = HashSet::with_capacity(contacts);
    let mut partners: Vec<Partner> = (0..contacts).map(|_| partner(&mut rng, &mut taken, today)).collect();
    partners.sort_by(|a, b| a.id.cmp(&b.id));
    // Some partners send far more than others: pick who each gesture is
    // with by a skewed draw over a shuffled order, so a few are connectors
    // and many are rarely touched.
    let mut order: Vec<usize> = (0..partners.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    let mut log: Vec<Gesture> = Vec::with_capacity(gestures);
    if !partners.is_empty() {
        for _ in 0..gestures {
            let u = rng.unit();
            let who = order[((u * u) * partners.len() as f64) as usize % partners.len()];
            log.push(gesture(&mut rng, &partners[who], today));
        }
    }
    // Appended as they happened: by date, then by id (the time of day).
    log.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Generated {
        partners,
        gestures: log,
    }
}

/// Writes a generated book into `dir`, which must not hold data files yet.
pub fn write(dir: &Path, g: &Generated) -> Result<(), WriteError> {
    let existing: Vec<&'static str> = [paths::CONTACTS, paths::GESTURES, paths::QUEUE]
        .into_iter()
        .filter(|n| dir.join(n).exists())
        .collect();
    if !existing.is_empty() {
        return Err(WriteError::NotEmpty {
            dir: dir.to_path_buf(),
            files: existing,
        });
    }
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|source| WriteError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    crate::store::write_book(dir, &g.partners, &g.gestures)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::contacts;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn same_seed_same_files() {
        let a = book(50, 400, 7, today());
        let b = book(50, 400, 7, today());
        assert_eq!(contacts::render(&a.partners), contacts::render(&b.partners));
        assert_eq!(a.gestures, b.gestures);
        let c = book(50, 400, 8, today());
        assert_ne!(contacts::render(&a.partners), contacts::render(&c.partners));
    }

    #[test]
    fn written_book_loads_back_identically() {
        let d = tempfile::tempdir().unwrap();
        let g = book(40, 300, 1, today());
        write(d.path(), &g).unwrap();
        let data = crate::store::Store::new(d.path()).load().unwrap();
        assert_eq!(data.book.partners, g.partners);
        assert_eq!(data.book.gestures, g.gestures);
        assert!(data.warnings.is_empty(), "{:?}", data.warnings);
        let kinds: HashSet<Kind> = g.gestures.iter().map(|x| x.kind).collect();
        assert_eq!(kinds.len(), Kind::ALL.len(), "every kind appears");
        let birthdays = g.partners.iter().filter(|p| p.birthday.is_some()).count();
        assert!(
            (10..=30).contains(&birthdays),
            "about half have a birthday: {birthdays}"
        );
        assert!(g.partners.iter().any(|p| !p.name.is_ascii()), "names with accents");
    }
}
