//! `--demo`: a temporary copy of the bundled demo data, its dates shifted so
//! the latest activity is yesterday. The user's own files are never touched.

use crate::domain::Book;
use crate::store::{StoreError, contacts, log};
use chrono::{Days, NaiveDate};

/// The bundled demo's `contacts.toml`, dates as written.
pub const CONTACTS: &str = include_str!("../assets/demo/contacts.toml");
/// The bundled demo's `gestures.jsonl`, dates as written.
pub const GESTURES: &str = include_str!("../assets/demo/gestures.jsonl");
/// The demo's own settings: a therapist's `[me]`, so drafts work on it.
pub const CONFIG: &str = include_str!("../assets/demo/config.toml");

/// Why the demo could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("could not create a temporary folder for the demo: {0}")]
    TempDir(std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The demo book with every date moved by the same number of days, so the
/// newest gesture falls on the day before `today`.
pub fn book(today: NaiveDate) -> Book {
    let partners = contacts::parse(CONTACTS)
        .expect("the bundled demo contacts parse")
        .partners;
    let gestures = log::parse(GESTURES).expect("the bundled demo log parses").gestures;
    let mut book = Book::new(partners, gestures);
    book.move_dates_to(today - Days::new(1));
    book
}

/// Writes the shifted demo into a new temporary folder.
pub fn create(today: NaiveDate) -> Result<tempfile::TempDir, DemoError> {
    let dir = tempfile::Builder::new()
        .prefix("rapport-demo-")
        .tempdir()
        .map_err(DemoError::TempDir)?;
    let book = book(today);
    crate::store::write_book(dir.path(), &book.partners, &book.gestures)?;
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

    #[test]
    fn the_domain_tests_read_the_same_demo() {
        let today = crate::domain::parse_date("2026-11-20").unwrap();
        assert_eq!(crate::domain::testing::demo(today), book(today));
    }
}
