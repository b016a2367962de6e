//! The fuzz targets' checks (`rapport::fuzz_checks`, the very functions the
//! fuzzers call), run over every input kept in `fuzz/regressions/<target>/`:
//! crashers the fuzzers found, once fixed, and hand-made nasty inputs.
//! `cargo +nightly fuzz run <target>` explores further (FUZZING.md).

use rapport::fuzz_checks::TARGETS;
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
    out
}

#[test]
fn every_target_has_inputs_kept_and_every_input_passes_its_check() {
    let mut failed = Vec::new();
    for (target, check) in TARGETS {
        let kept = inputs(target);
        assert!(!kept.is_empty(), "no inputs kept for the {target} target");
        for (path, data) in kept {
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                failed.push(path.display().to_string());
            }
        }
    }
    assert!(
        failed.is_empty(),
        "inputs that break their reader's promise: {failed:#?}"
    );
}

#[test]
fn every_fuzz_target_calls_its_check() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    for (target, _) in TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "fuzz/Cargo.toml has no {target} target"
        );
        let src = std::fs::read_to_string(dir.join(format!("fuzz_targets/{target}.rs"))).unwrap();
        assert!(
            src.contains("rapport::fuzz_checks::"),
            "{target}.rs does not call its check"
        );
    }
}
