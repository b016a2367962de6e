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

/// The start of a demo folder's name; the process id that made it follows.
const PREFIX: &str = "rapport-demo-";

/// Writes the shifted demo into a new temporary folder, named after this
/// process, after removing the folders of demos whose process is gone (a
/// closed terminal, a kill): they would pile up in the temporary folder.
pub fn create(today: NaiveDate) -> Result<tempfile::TempDir, DemoError> {
    sweep_left_copies(&std::env::temp_dir());
    let dir = tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(DemoError::TempDir)?;
    let book = book(today);
    crate::store::write_book(dir.path(), &book.partners, &book.gestures)?;
    Ok(dir)
}

/// Removes the demo folders in `tmp` whose process no longer runs. Only
/// where `/proc` tells (Linux); elsewhere nothing is removed.
fn sweep_left_copies(tmp: &std::path::Path) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let mine = e.file_type().is_ok_and(|t| t.is_dir())
            && e.metadata().is_ok_and(|m| {
                use std::os::unix::fs::MetadataExt;
                // Never another user's.
                m.uid() == std::fs::metadata("/proc/self").map(|s| s.uid()).unwrap_or(u32::MAX)
            });
        if mine && pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_folder_left_by_a_process_that_is_gone_is_removed() {
        if !std::path::Path::new("/proc/self").exists() {
            return;
        }
        let tmp = tempfile::tempdir().unwrap();
        // No process has this id (above the kernel's pid limit).
        let gone = tmp.path().join(format!("{PREFIX}4294967-abc"));
        let alive = tmp.path().join(format!("{PREFIX}{}-abc", std::process::id()));
        let other = tmp.path().join("rapport-demo-notes.txt");
        for d in [&gone, &alive] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("contacts.toml"), "").unwrap();
        }
        std::fs::write(&other, "").unwrap();
        sweep_left_copies(tmp.path());
        assert!(!gone.exists(), "its process is gone");
        assert!(alive.exists(), "this process's own stays");
        assert!(other.exists(), "a file that is not a demo folder stays");
    }

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
