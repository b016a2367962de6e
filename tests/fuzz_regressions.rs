//! The fuzz targets' checks, run over every input kept in
//! `fuzz/regressions/<target>/`: crashers the fuzzers found, once fixed, and
//! hand-made nasty inputs. `cargo fuzz run <target>` explores further.

use rapport::store::{contacts, log, queue_file};
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

#[test]
fn contacts_inputs_parse_or_fail_cleanly_and_round_trip() {
    for (path, data) in inputs("contacts") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        if let Ok(file) = contacts::parse(text) {
            if file.schema_version > contacts::SCHEMA_VERSION {
                continue;
            }
            let back = contacts::parse(&contacts::render(&file.partners))
                .unwrap_or_else(|e| panic!("{}: rendered file does not parse: {e:?}", path.display()));
            assert_eq!(back.partners, file.partners, "{}", path.display());
        }
    }
}

#[test]
fn log_inputs_parse_or_fail_cleanly_and_round_trip() {
    for (path, data) in inputs("log") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        if let Ok(file) = log::parse(text) {
            let again: String = file.gestures.iter().map(|g| log::render_line(g) + "\n").collect();
            let back =
                log::parse(&again).unwrap_or_else(|e| panic!("{}: rendered log does not parse: {e:?}", path.display()));
            assert_eq!(back.gestures, file.gestures, "{}", path.display());
        }
    }
}

#[test]
fn config_inputs_parse_or_fail_cleanly() {
    for (_, data) in inputs("config") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        if let Ok((config, _)) = rapport::config::Config::parse(text) {
            let _ = rapport::app::keymap::Keymap::new(&config.keys);
        }
    }
}

#[test]
fn queue_inputs_parse_or_fail_cleanly_and_round_trip() {
    for (path, data) in inputs("queue") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        if let Ok(state) = queue_file::parse(text) {
            let back = queue_file::parse(&queue_file::render(&state))
                .unwrap_or_else(|e| panic!("{}: rendered queue does not parse: {e:?}", path.display()));
            assert_eq!(back, state, "{}", path.display());
        }
    }
}

/// The importers' checks: no panic, every contact named, and what they
/// yield merges into a contacts file that reads back the same.
fn import_round_trip(format: rapport::interop::ImportFormat, target: &str) {
    let today = rapport::domain::parse_date("2026-11-20").unwrap();
    for (path, data) in inputs(target) {
        let Ok(parsed) = rapport::interop::parse(format, &data) else {
            continue;
        };
        for c in &parsed.contacts {
            assert!(
                !c.name.trim().is_empty(),
                "{}: {} has no name",
                path.display(),
                c.source
            );
        }
        let mut book = rapport::domain::Book::default();
        rapport::interop::merge::merge(&mut book, &parsed.contacts, &[], today);
        let back = contacts::parse(&contacts::render(&book.partners))
            .unwrap_or_else(|e| panic!("{}: imported partners do not write a valid file: {e:?}", path.display()));
        assert_eq!(back.partners, book.partners, "{}", path.display());
    }
}

#[test]
fn vcard_inputs_import_or_fail_cleanly() {
    import_round_trip(rapport::interop::ImportFormat::Vcard, "vcard");
}

#[test]
fn csv_inputs_import_or_fail_cleanly() {
    import_round_trip(rapport::interop::ImportFormat::Csv, "csv");
}
