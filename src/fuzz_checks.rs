//! What every reader promises, as one function per fuzz target: any bytes
//! are read without a panic, and what is read writes files that read back
//! the same. The fuzz targets (`fuzz/fuzz_targets/`) and `cargo test`
//! (`tests/fuzz_regressions.rs`, over `fuzz/regressions/<target>/`) call
//! these same functions, so a crasher kept as a file is checked as the
//! fuzzer found it. Each panics on a broken promise.

use crate::domain::queue::QueueState;
use crate::domain::{Book, Gesture, Partner};
use crate::interop::{ImportFormat, calendar, mail, merge::merge, parse, restore, touches, vdir, write};
use crate::store::{contacts, log, queue_file};
use crate::sync::{FileKind, Inputs, merge_texts};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// A reader's check: panics on a broken promise.
pub type Check = fn(&[u8]);

/// The targets, by the name of their folder in `fuzz/regressions/`.
pub const TARGETS: &[(&str, Check)] = &[
    ("contacts", contacts_file),
    ("log", log_file),
    ("queue", queue),
    ("config", config),
    ("csv", csv),
    ("vcard", vcard),
    ("calendar", calendar),
    ("mail", mail),
    ("restore", restore),
    ("vdir", vdir),
    ("merge_file", merge_file),
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date")
}

/// Partners written to contacts.toml read back as the same partners.
fn partners_read_back(partners: &[Partner]) {
    let text = contacts::render(partners);
    let back = contacts::parse(&text)
        .unwrap_or_else(|e| panic!("partners write a contacts.toml that does not parse: {e:?}\n{text}"));
    assert_eq!(back.partners, partners, "render then parse changed the partners");
}

/// Gestures written to gestures.jsonl read back as the same gestures.
fn gestures_read_back(gestures: &[Gesture]) {
    let lines: String = gestures.iter().map(|g| log::render_line(g) + "\n").collect();
    let back = log::parse(&lines).unwrap_or_else(|e| panic!("gestures write a log that does not parse: {e:?}"));
    assert_eq!(back.gestures, gestures, "render then parse changed the log");
}

/// contacts.toml as the store reads it.
pub fn contacts_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = contacts::parse(text)
        && file.schema_version <= contacts::SCHEMA_VERSION
    {
        partners_read_back(&file.partners);
    }
}

/// gestures.jsonl as the store reads it.
pub fn log_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = log::parse(text) {
        gestures_read_back(&file.gestures);
    }
}

/// queue.toml as the store reads it.
pub fn queue(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(state) = queue_file::parse(text) {
        let back = queue_file::parse(&queue_file::render(&state)).expect("a rendered queue parses");
        assert_eq!(back, state, "render then parse changed the queue");
    }
}

/// config.toml, its keys and its cadences.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((config, _unknown)) = crate::config::Config::parse(text) {
        let _ = crate::app::keymap::Keymap::new(&config.keys);
        let _ = config.rules.cadence_for(None, &["attorney".to_string()]);
    }
}

/// An importer: every contact it yields has a name, and merged into a
/// book they write a contacts.toml that reads back the same.
fn import(format: ImportFormat, data: &[u8]) -> Option<Book> {
    let parsed = parse(format, data).ok()?;
    for c in &parsed.contacts {
        assert!(!c.name.trim().is_empty(), "{} has no name", c.source);
    }
    let mut book = Book::default();
    merge(&mut book, &parsed.contacts, &[], today());
    partners_read_back(&book.partners);
    Some(book)
}

/// `import` of a CSV file.
pub fn csv(data: &[u8]) {
    import(ImportFormat::Csv, data);
}

/// `import` of a vCard file.
pub fn vcard(data: &[u8]) {
    import(ImportFormat::Vcard, data);
}

/// A partner for each address in `data` (at most 20), so a reader of
/// meetings or mail finds someone to match.
fn book_of_addresses(data: &[u8]) -> Book {
    let text = String::from_utf8_lossy(data);
    let mut book = Book::default();
    let words = text.split(|c: char| c.is_whitespace() || matches!(c, ':' | ';' | '<' | '>' | ',' | '"'));
    for (i, word) in words.enumerate() {
        if word.contains('@') && book.partners.len() < 20 {
            let mut p = Partner::new(format!("p{i}"), "P");
            p.emails = vec![word.to_lowercase()];
            book.insert(p);
        }
    }
    book
}

/// `import --touches` of a calendar: the meetings found against a book of
/// the addresses it names log gestures that read back the same.
pub fn calendar(data: &[u8]) {
    let Ok(cal) = calendar::past_occurrences(data, today(), &chrono::Utc) else {
        return;
    };
    let book = book_of_addresses(data);
    let found = touches::find(&book, cal);
    let gestures: Vec<Gesture> = found
        .new
        .iter()
        .enumerate()
        .map(|(i, m)| touches::gesture(m, format!("g-{i}")))
        .collect();
    for g in &gestures {
        assert!(g.date <= today(), "a meeting after today was logged: {g:?}");
    }
    gestures_read_back(&gestures);
}

/// `import --touches` of mail (one message or an mbox): the messages found
/// against a book of the addresses it names log gestures that read back
/// the same, none after today.
pub fn mail(data: &[u8]) {
    let mut mailbox = mail::Mailbox::default();
    if mail::read_stream(data, &chrono::Utc, &mut mailbox).is_err() {
        return;
    }
    let book = book_of_addresses(data);
    let me = vec!["me@example.com".to_string()];
    let rules = mail::Rules {
        me: &me,
        max_recipients: 10,
        since: None,
        today: today(),
    };
    let found = mail::find(&book, mailbox, &rules);
    let gestures: Vec<Gesture> = found
        .new
        .iter()
        .enumerate()
        .map(|(i, m)| mail::gesture(m, format!("g-{i}")))
        .collect();
    for g in &gestures {
        assert!(g.date <= today(), "a message after today was logged: {g:?}");
        assert!(book.partner(&g.contact).is_some(), "a message logged for nobody: {g:?}");
    }
    gestures_read_back(&gestures);
}

/// rapport's JSON restore into an empty book: the partners, gestures and
/// snoozes write contacts.toml, gestures.jsonl and queue.toml that read
/// back the same.
pub fn restore(data: &[u8]) {
    let Ok(backup) = restore::parse(data) else {
        return;
    };
    let mut book = Book::default();
    let mut snoozed = BTreeMap::new();
    restore::merge(&mut book, &mut snoozed, backup);
    partners_read_back(&book.partners);
    gestures_read_back(&book.gestures);
    let state = QueueState {
        snoozed,
        ..Default::default()
    };
    let back = queue_file::parse(&queue_file::render(&state)).expect("restored snoozes write a queue that reads back");
    assert_eq!(back.snoozed, state.snoozed);
}

/// One card of a vdir: its UID read without a panic; the partners it
/// imports export cards that say the same as them, under file names that
/// are single, unique names.
pub fn vdir(data: &[u8]) {
    let _ = vdir::uid_in(data);
    let Some(book) = import(ImportFormat::Vcard, data) else {
        return;
    };
    for p in &book.partners {
        let _ = vdir::says_the_same(data, p);
        assert!(
            vdir::says_the_same(write::vcard(p).as_bytes(), p),
            "{}: its own export differs",
            p.id
        );
    }
    let names = vdir::file_names(&book.partners);
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "two cards, one file name: {names:?}");
    assert!(
        names.iter().all(|n| !n.contains('/') && !n.starts_with('.')),
        "a file name that is no single name: {names:?}"
    );
}

/// `merge-file`: the input split in three (base, ours, theirs) at its
/// first two 0xFF bytes, merged as each kind of data file; a merged file
/// reads back.
pub fn merge_file(data: &[u8]) {
    let mut parts = data.splitn(3, |b| *b == 0xff);
    let (Some(a), Some(b), Some(c)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let (Ok(a), Ok(b), Ok(c)) = (std::str::from_utf8(a), std::str::from_utf8(b), std::str::from_utf8(c)) else {
        return;
    };
    let inputs = Inputs {
        base: (Path::new("base"), a),
        ours: (Path::new("ours"), b),
        theirs: (Path::new("theirs"), c),
    };
    for kind in [FileKind::Contacts, FileKind::Log, FileKind::Queue] {
        let Ok(merged) = merge_texts(kind, &inputs) else {
            continue;
        };
        let problem = match kind {
            FileKind::Contacts => contacts::parse(&merged.text).err().map(|e| format!("{e:?}")),
            FileKind::Log => log::parse(&merged.text).err().map(|e| format!("{e:?}")),
            FileKind::Queue => queue_file::parse(&merged.text).err().map(|e| format!("{e:?}")),
        };
        if let Some(e) = problem {
            panic!("a merged {kind:?} file does not read back: {e}\n{}", merged.text);
        }
    }
}
