//! The vcard importer: any bytes import without a panic, every contact it
//! yields has a name, and merging them gives a contacts file that reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::domain::Book;
use rapport::interop::{ImportFormat, merge::merge, parse};
use rapport::store::contacts;

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = parse(ImportFormat::Vcard, data) else {
        return;
    };
    for c in &parsed.contacts {
        assert!(!c.name.trim().is_empty(), "{} has no name", c.source);
    }
    let mut book = Book::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    merge(&mut book, &parsed.contacts, &[], today);
    let text = contacts::render(&book.partners);
    let back = contacts::parse(&text).expect("imported partners write a valid contacts file");
    assert_eq!(back.partners, book.partners);
});
