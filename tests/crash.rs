//! Undo after a crash: a command killed (SIGKILL) at any write, fsync or
//! rename leaves files and undo history that agree, so the next `undo`
//! undoes exactly the last change on disk and never an older one; the
//! undo history itself, damaged, is reported and set aside, never lost.
//!
//! The kills come from the debug build's seam, `RAPPORT_FAIL_AT=kill:N`:
//! the process sends itself SIGKILL as it starts its Nth file step.
#![cfg(debug_assertions)]

mod common;

use common::Env;
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;

/// The data files, without the journal, the backups and the lock; an
/// empty log is the same as none (undoing the first gesture leaves one).
fn data_files(env: &Env) -> Files {
    ["contacts.toml", "gestures.jsonl", "queue.toml"]
        .into_iter()
        .map(|f| (f, std::fs::read(env.file(f)).ok().filter(|b| !b.is_empty())))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

const VCARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Alvarez\r\nEMAIL:ines@example.org\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Shaikh\r\nORG:Shaikh Tax\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n";

type Files = BTreeMap<&'static str, Option<Vec<u8>>>;

/// A folder with three partners, then a referral from Dana, then a call
/// to Sam; returns it with the data files as they were after each of the
/// first two changes.
fn template() -> (Env, [Files; 2]) {
    let env = Env::new();
    for name in ["Dana Lee", "Sam Cho", "Tom Reyes"] {
        env.ok(&["add", name]);
    }
    let partners_only = data_files(&env);
    env.ok(&["log", "dana", "referral", "--received", "--note", "A.B."]);
    let with_referral = data_files(&env);
    env.ok(&["log", "sam", "call", "--note", "catch-up"]);
    std::fs::write(env.dir.path().join("cards.vcf"), VCARDS).unwrap();
    (env, [partners_only, with_referral])
}

/// Runs `args` on a copy of the template, killed at every file step in
/// turn; after each kill the folder must check sound, and `undo` must
/// leave the files as `undone(landed)` says: `landed` tells whether the
/// killed command's change reached the files. `redo` then brings back
/// what that undo took away.
fn killed_at_every_step(name: &str, args: &[&str], undone: impl Fn(bool, &Files, &[Files; 2]) -> Files) {
    let (template, states) = template();
    let whole = data_files(&template);
    let mut landed_once = false;
    for n in 1u32.. {
        let kills = n - 1;
        let env = Env::new();
        copy_dir(&template.data(), &env.data());
        let cards = env.dir.path().join("cards.vcf");
        std::fs::copy(template.dir.path().join("cards.vcf"), &cards).unwrap();
        let cards = cards.display().to_string();
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "CARDS" { cards.as_str() } else { a })
            .collect();
        let out = env
            .cmd(&args)
            .env("RAPPORT_FAIL_AT", format!("kill:{n}"))
            .output()
            .unwrap();
        if out.status.success() {
            assert!(kills > 2, "{name}: only {kills} file steps were made");
            break;
        }
        assert_eq!(
            out.status.signal(),
            Some(9),
            "{name} kill:{n} was not killed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let check = env.run(&["check"]);
        assert_eq!(
            check.code, 0,
            "{name} kill:{n}: check: {}{}",
            check.stdout, check.stderr
        );
        let after_kill = data_files(&env);
        let landed = after_kill != whole;
        landed_once |= landed;
        let undo = env.run(&["undo"]);
        assert_eq!(undo.code, 0, "{name} kill:{n}: undo: {}", undo.stderr);
        assert!(
            data_files(&env) == undone(landed, &whole, &states),
            "{name} kill:{n}: the change {} on disk, and undo ({}) did not undo {}",
            if landed { "was" } else { "was not" },
            undo.stdout.trim(),
            if landed { "it" } else { "the change before it" },
        );
        env.ok(&["redo"]);
        assert!(
            data_files(&env) == after_kill,
            "{name} kill:{n}: redo did not bring it back"
        );
        let leftovers: Vec<_> = env
            .snapshot()
            .into_keys()
            .filter(|p| p.to_string_lossy().contains(".rapport-tmp-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{name} kill:{n}: temporary files left after two changes: {leftovers:?}"
        );
    }
    assert!(landed_once, "{name}: no kill came after the change reached the files");
}

/// For a command that makes a change: undo takes back that change if it
/// landed, or else the call to Sam before it.
fn new_change(landed: bool, whole: &Files, states: &[Files; 2]) -> Files {
    if landed { whole.clone() } else { states[1].clone() }
}

#[test]
fn a_log_killed_at_any_step_is_undone_if_it_is_on_disk_and_nothing_older() {
    killed_at_every_step("log", &["log", "tom", "meeting", "--note", "lunch"], new_change);
}

#[test]
fn an_edit_killed_at_any_step_is_undone_if_it_is_on_disk_and_nothing_older() {
    killed_at_every_step(
        "edit",
        &["edit", "dana", "--org", "Lee Family Law", "--tag", "attorney"],
        new_change,
    );
}

#[test]
fn an_import_killed_at_any_step_is_undone_if_it_is_on_disk_and_nothing_older() {
    killed_at_every_step("import", &["import", "CARDS"], new_change);
}

#[test]
fn an_undo_killed_at_any_step_leaves_the_next_undo_the_change_before() {
    // The killed undo takes back the call to Sam. If it landed, the next
    // undo takes back the referral; if not, the call.
    killed_at_every_step("undo", &["undo"], |landed, _, states| {
        if landed { states[0].clone() } else { states[1].clone() }
    });
}

#[test]
fn outcome_on_a_log_with_a_duplicate_gesture_id_can_be_undone() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee"]);
    let line = |note: &str| {
        format!(
            "{{\"id\":\"g-SAME\",\"date\":\"2026-11-0{}\",\"contact\":\"dana-lee\",\"kind\":\"referral\",\"dir\":\"received\",\"note\":\"{note}\"}}\n",
            note.len()
        )
    };
    let log = format!("{}{}", line("A."), line("B.C."));
    env.write("gestures.jsonl", &log);
    env.ok(&["outcome", "g-SAME", "engaged"]);
    assert_ne!(env.read("gestures.jsonl"), log, "outcome changed nothing");
    let undo = env.ok(&["undo"]);
    assert!(undo.stdout.contains("Undid"), "{}", undo.stdout);
    assert_eq!(env.read("gestures.jsonl"), log, "undo did not take back the outcome");
}

#[test]
fn a_damaged_journal_is_reported_then_set_aside_by_the_next_change() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee"]);
    env.ok(&["log", "dana", "call"]);
    let journal = std::fs::read(env.file("journal.json")).unwrap();
    let cut = &journal[..journal.len() / 2];
    std::fs::write(env.file("journal.json"), cut).unwrap();

    for cmd in ["undo", "redo"] {
        let r = env.run(&[cmd]);
        assert_eq!(r.code, 1, "{cmd}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("journal.json:1:") && r.stderr.contains("undo history"),
            "{cmd}: {}",
            r.stderr
        );
        assert!(!r.stdout.contains("Nothing to"), "{cmd}: {}", r.stdout);
    }
    let check = env.run(&["check"]);
    assert_ne!(check.code, 0, "check passed a damaged journal: {}", check.stdout);
    assert!(check.stderr.contains("journal.json:1:") || check.stdout.contains("journal.json:1:"));
    assert_eq!(
        std::fs::read(env.file("journal.json")).unwrap(),
        cut,
        "a read changed it"
    );

    // The next change keeps the damaged copy in backups/ and starts anew.
    env.ok(&["log", "dana", "meeting"]);
    let kept: Vec<_> = std::fs::read_dir(env.file("backups"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".damaged"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    assert_eq!(kept, vec![cut.to_vec()], "the damaged journal was not kept as it was");
    assert_eq!(env.run(&["check"]).code, 0);
    let undo = env.ok(&["undo"]);
    assert!(undo.stdout.contains("meeting"), "{}", undo.stdout);
    assert_eq!(env.ok(&["undo"]).stdout.trim(), "Nothing to undo.");
}

#[test]
fn a_failed_write_that_left_every_file_as_it_was_says_so() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee"]);
    for fault in ["write:1", "fsync:1", "rename:1", "fsync:2", "write:2", "rename:2"] {
        let before = data_files(&env);
        let r = env
            .cmd(&["edit", "dana", "--org", "Lee Law"])
            .env("RAPPORT_FAIL_AT", fault)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "{fault}: {stderr}");
        assert!(stderr.contains("nothing was changed"), "{fault}: {stderr}");
        assert!(!stderr.contains("failed too"), "{fault}: {stderr}");
        assert!(data_files(&env) == before, "{fault} changed the files");
    }
}
