//! `--demo`: a temporary copy of the bundled demo data, its dates shifted so
//! the latest activity is yesterday. The user's own files are never touched.

use super::{Failure, Outcome};
use crate::domain::{Book, YearlyDate};
use crate::store::{Store, contacts, fsio, log, paths};
use chrono::{Datelike, Days, NaiveDate};

pub const CONTACTS: &str = include_str!("../../assets/demo/contacts.toml");
pub const GESTURES: &str = include_str!("../../assets/demo/gestures.jsonl");

/// The demo book with every date moved by the same number of days, so the
/// newest gesture falls on the day before `today`.
pub fn book(today: NaiveDate) -> Book {
    let partners = contacts::parse(CONTACTS)
        .expect("the bundled demo contacts parse")
        .partners;
    let gestures = log::parse(GESTURES).expect("the bundled demo log parses").gestures;
    let latest = gestures.iter().map(|g| g.date).max().unwrap_or(today);
    let offset = (today - Days::new(1)).signed_duration_since(latest).num_days();
    let shift = |d: NaiveDate| d.checked_add_signed(chrono::Duration::days(offset)).unwrap_or(d);
    let shift_yearly = |y: YearlyDate| {
        if (y.month, y.day) == (2, 29) {
            return y; // a leap-day birthday stays one
        }
        let base = y.in_year(latest.year());
        let moved = shift(base);
        YearlyDate {
            year: y.year.map(|yr| yr + moved.year() - base.year()),
            month: moved.month(),
            day: moved.day(),
        }
    };
    let mut book = Book::new(partners, gestures);
    for p in &mut book.partners {
        p.since = p.since.map(shift);
        p.birthday = p.birthday.map(shift_yearly);
        for d in &mut p.dates {
            d.date = shift_yearly(d.date);
        }
    }
    for g in &mut book.gestures {
        g.date = shift(g.date);
    }
    book
}

/// Writes the shifted demo into a new temporary folder.
pub fn create(today: NaiveDate) -> Outcome<tempfile::TempDir> {
    let dir = tempfile::Builder::new()
        .prefix("rapport-demo-")
        .tempdir()
        .map_err(|e| Failure::Data(format!("could not create a temporary folder for the demo: {e}")))?;
    let book = book(today);
    let store = Store::new(dir.path());
    fsio::atomic_write(
        &store.path(paths::CONTACTS),
        contacts::render(&book.partners).as_bytes(),
    )?;
    let log: String = book.gestures.iter().map(|g| log::render_line(g) + "\n").collect();
    fsio::atomic_write(&store.path(paths::GESTURES), log.as_bytes())?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_activity_is_yesterday_whatever_the_day() {
        for today in ["2026-11-20", "2031-02-28", "2024-02-29"] {
            let today = crate::domain::parse_date(today).unwrap();
            let b = book(today);
            assert_eq!(b.gestures.iter().map(|g| g.date).max(), Some(today - Days::new(1)));
        }
    }
}
