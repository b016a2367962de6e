//! Books for the crate's own unit tests, made without `cli`, the generator
//! or the store: a small deterministic book of any size, the bundled demo,
//! and a few one-line constructors.

use super::partner::LabelledDate;
use super::text::slug;
use super::{Book, Direction, Gesture, Kind, Outcome, Partner, Stage, YearlyDate, parse_date};
use chrono::{Days, NaiveDate};
use serde::Deserialize;

/// A date from `YYYY-MM-DD`.
pub(crate) fn day(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

/// A gesture with a numbered id and nothing else set.
pub(crate) fn g(n: u32, contact: &str, date: &str, kind: Kind, dir: Direction) -> Gesture {
    Gesture {
        id: format!("g-{n:04}"),
        date: day(date),
        contact: contact.into(),
        kind,
        dir,
        note: None,
        value: None,
        outcome: None,
        re: None,
        extra: Default::default(),
    }
}

/// A well-mixed number from `n` (splitmix64's finaliser): enough for test
/// data that looks varied and is the same on every run.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const FIRST: [&str; 8] = ["Dana", "Sam", "Zoë", "José", "Priya", "Søren", "Mei", "Olamide"];
const LAST: [&str; 8] = ["Lee", "Cho", "Müller", "García", "Okafor", "Nguyen", "Dubois", "Wójcik"];
const TAGS: [&str; 5] = ["attorney", "therapist", "cpa", "coach", "realtor"];

fn partner(i: usize, today: NaiveDate) -> Partner {
    let r = mix(i as u64);
    let (first, last) = (FIRST[i % 8], LAST[(i / 8) % 8]);
    let name = format!("{first} {last} {i}");
    let mut p = Partner::new(slug(&name), name);
    p.org = Some(format!("{last} & Partners"));
    p.role = Some(format!("{} for {} years", TAGS[i % 5], 1 + r % 30));
    p.emails = vec![format!("{}@example.org", p.id)];
    p.phones = vec![format!("+1 555 {:04} {:04}", r % 10_000, (r >> 16) % 10_000)];
    p.tags = vec![TAGS[i % 5].to_string()];
    if i.is_multiple_of(7) {
        p.tags.push("vip".into());
    }
    p.stage = Stage::ALL[(r >> 8) as usize % Stage::ALL.len()];
    p.cadence_days = [Some(0), Some(14), None, Some(60), None][i % 5];
    if i.is_multiple_of(2) {
        p.birthday = Some(YearlyDate {
            year: i.is_multiple_of(3).then_some(1950 + (r % 50) as i32),
            month: 1 + (r >> 20) as u32 % 12,
            day: 1 + (r >> 24) as u32 % 28,
        });
    }
    if i.is_multiple_of(10) {
        p.dates.push(LabelledDate {
            label: "practice opened".into(),
            date: YearlyDate {
                year: None,
                month: 1 + (r >> 28) as u32 % 12,
                day: 1 + (r >> 32) as u32 % 28,
            },
        });
    }
    p.clientele = Some(format!("clients of {first}, mostly families"));
    p.notes = Some(format!(
        "{first} prefers email, plays cello on Thursdays and supports the food bank. \
         Met at the spring conference; coffee at Blue Door. Number {i} in this book."
    ));
    p.since = Some(today - Days::new(30 + r % 2000));
    p.archived = i % 33 == 32;
    p
}

/// A book of `partners` partners and `gestures` gestures, the same on every
/// run: names with accents, every field of a partner in use, every kind of
/// gesture both ways over five years up to `today` (and a few just after),
/// some partners far busier than others. The log is in date order.
pub(crate) fn book(partners: usize, gestures: usize, today: NaiveDate) -> Book {
    let people: Vec<Partner> = (0..partners).map(|i| partner(i, today)).collect();
    let gestures = if partners == 0 { 0 } else { gestures };
    let mut log = Vec::with_capacity(gestures);
    for j in 0..gestures {
        let r = mix(1 << 40 | j as u64);
        // The product of two even draws leans towards the first partners.
        let who = ((r % partners as u64) * ((r >> 20) % partners as u64)) as usize / partners;
        let kind = Kind::ALL[(r >> 40) as usize % Kind::ALL.len()];
        let dir = if (r >> 48).is_multiple_of(2) {
            Direction::Given
        } else {
            Direction::Received
        };
        let date = if j % 97 == 0 {
            today + Days::new(2)
        } else {
            today - Days::new((r >> 24) % (5 * 365))
        };
        log.push(Gesture {
            id: format!("g-{j:08}"),
            date,
            contact: people[who].id.clone(),
            kind,
            dir,
            note: (j % 2 == 0).then(|| format!("note {j}")),
            value: (kind == Kind::Gift && dir == Direction::Given).then_some(20.0 + (j % 100) as f64),
            outcome: (kind == Kind::Referral && dir == Direction::Received)
                .then(|| {
                    [
                        Some(Outcome::Engaged),
                        Some(Outcome::Declined),
                        Some(Outcome::Pending),
                        None,
                    ][j % 4]
                })
                .flatten(),
            re: None,
            extra: Default::default(),
        });
    }
    log.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Book::new(people, log)
}

/// A `[[contact]]` of the demo's `contacts.toml`, read with plain serde so
/// the domain needs nothing from the store.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoContact {
    id: String,
    name: String,
    org: Option<String>,
    role: Option<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    stage: Stage,
    cadence_days: Option<u32>,
    birthday: Option<String>,
    #[serde(default)]
    dates: Vec<DemoDate>,
    clientele: Option<String>,
    notes: Option<String>,
    benefit: Option<String>,
    since: Option<toml::value::Datetime>,
    #[serde(default)]
    archived: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDate {
    label: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoContacts {
    #[serde(rename = "schema_version")]
    _schema_version: i64,
    contact: Vec<DemoContact>,
}

/// A line of the demo's `gestures.jsonl`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoGesture {
    id: String,
    date: NaiveDate,
    contact: String,
    kind: Kind,
    dir: Direction,
    note: Option<String>,
    value: Option<f64>,
    outcome: Option<Outcome>,
    re: Option<String>,
}

fn yearly(s: &str) -> YearlyDate {
    YearlyDate::parse(s).unwrap()
}

/// The bundled demo (`assets/demo/`), its dates moved so that the newest
/// gesture is the day before `today`, as `rapport --demo` shows it.
pub(crate) fn demo(today: NaiveDate) -> Book {
    let file: DemoContacts = toml::from_str(include_str!("../../assets/demo/contacts.toml")).unwrap();
    let partners = file
        .contact
        .into_iter()
        .map(|c| Partner {
            id: c.id,
            name: c.name,
            org: c.org,
            role: c.role,
            emails: c.emails,
            phones: c.phones,
            tags: c.tags,
            stage: c.stage,
            cadence_days: c.cadence_days,
            birthday: c.birthday.as_deref().map(yearly),
            dates: c
                .dates
                .into_iter()
                .map(|d| LabelledDate {
                    label: d.label,
                    date: yearly(&d.date),
                })
                .collect(),
            clientele: c.clientele,
            notes: c.notes,
            benefit: c.benefit,
            since: c.since.map(|d| day(&d.to_string())),
            archived: c.archived,
            ..Partner::default()
        })
        .collect();
    let gestures = include_str!("../../assets/demo/gestures.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let d: DemoGesture = serde_json::from_str(l).unwrap();
            Gesture {
                id: d.id,
                date: d.date,
                contact: d.contact,
                kind: d.kind,
                dir: d.dir,
                note: d.note,
                value: d.value,
                outcome: d.outcome,
                re: d.re,
                extra: Default::default(),
            }
        })
        .collect();
    let mut book = Book::new(partners, gestures);
    book.move_dates_to(today - Days::new(1));
    book
}
