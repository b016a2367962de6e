//! How long importing a vCard file takes: parsing it and merging it into
//! the book, in process, with nothing written to disk.
//!
//! Two kinds of file: the partners `rapport generate`'s generator makes
//! (seed 1, none archived), exported as vCard 4.0 by rapport's own writer
//! (names with accents, organisations, roles, tags, notes of a few hundred
//! characters, birthdays), at 1,000 and 10,000 cards; and 10,000 plain
//! vCard 3.0 cards (UID, N, FN, an e-mail and a typed phone), the file
//! PERFORMANCE.md times as a whole process against abook. Each is imported
//! into an empty book (`first`) and again into the book that already holds
//! them (`again`: every card matched, nothing changed). The book each run
//! starts from is cloned outside the timing.
//!
//! `cargo bench --bench import`; `cargo bench --bench import -- again`
//! runs those whose name contains `again`.

use chrono::NaiveDate;
use divan::{Bencher, black_box};
use rapport::domain::Book;
use rapport::generate;
use rapport::interop::merge::merge;
use rapport::interop::{self, ImportFormat, write};
use std::sync::OnceLock;

const FILES: &[&str] = &["1k", "10k", "10k-plain"];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a real date")
}

fn main() {
    divan::main();
}

/// The same cards as `many_cards` in tests/interop_round_two.rs.
fn plain_cards(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-{i}\r\nN:Person{i};Given;;;\r\nFN:Given Person{i}\r\nEMAIL:p{i}@example.org\r\nTEL;TYPE=CELL:+1 555 {i:06}\r\nEND:VCARD\r\n"
        ));
    }
    s
}

fn generated_cards(n: usize) -> String {
    let mut g = generate::book(n, 0, 1, today());
    for p in &mut g.partners {
        p.archived = false;
    }
    write::vcards(&g.partners)
}

/// A file, and the book after importing it once.
struct Prepared {
    bytes: Vec<u8>,
    imported: Book,
}

fn prepared(file: &str) -> &'static Prepared {
    static CELLS: [OnceLock<Prepared>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let at = FILES.iter().position(|f| *f == file).expect("a known file");
    CELLS[at].get_or_init(|| {
        let text = match file {
            "1k" => generated_cards(1_000),
            "10k" => generated_cards(10_000),
            _ => plain_cards(10_000),
        };
        let bytes = text.into_bytes();
        let mut imported = Book::default();
        let parsed = interop::parse(ImportFormat::Vcard, &bytes).expect("the cards parse");
        let report = merge(&mut imported, &parsed.contacts, &[], today());
        assert_eq!(report.added.len(), imported.partners.len());
        Prepared { bytes, imported }
    })
}

fn import(book: &mut Book, bytes: &[u8]) -> usize {
    let parsed = interop::parse(ImportFormat::Vcard, bytes).expect("the cards parse");
    merge(book, &parsed.contacts, &[], today()).changed()
}

/// Parsing only, for how the time divides.
#[divan::bench(args = FILES, sample_count = 20)]
fn parse(bencher: Bencher, file: &str) {
    let p = prepared(file);
    bencher
        .bench_local(|| interop::parse(ImportFormat::Vcard, black_box(&p.bytes)).map(|parsed| parsed.contacts.len()));
}

/// Into an empty book: every card is added.
#[divan::bench(args = FILES, sample_count = 20)]
fn first(bencher: Bencher, file: &str) {
    let p = prepared(file);
    bencher.with_inputs(Book::default).bench_local_values(|mut book| {
        let changed = import(&mut book, black_box(&p.bytes));
        (changed, book)
    });
}

/// Into the book that already holds them: every card matched, none changed.
#[divan::bench(args = FILES, sample_count = 20)]
fn again(bencher: Bencher, file: &str) {
    let p = prepared(file);
    bencher
        .with_inputs(|| p.imported.clone())
        .bench_local_values(|mut book| {
            let changed = import(&mut book, black_box(&p.bytes));
            assert_eq!(changed, 0, "a second import changed partners");
            book
        });
}
