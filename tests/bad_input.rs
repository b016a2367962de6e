//! Every bad input gets one clear line naming the file and position (or the
//! argument), a non-zero exit, and leaves every file byte-identical.

mod common;
use common::Env;

const GOOD_CONTACTS: &str =
    "schema_version = 1\n\n[[contact]]\nid = \"dana-lee\"\nname = \"Dana Lee\"\nstage = \"trust\"\n";
const GOOD_LINE: &str =
    r#"{"id":"g-1","date":"2026-11-18","contact":"dana-lee","kind":"referral","dir":"received","note":"M.O."}"#;

/// Sets up the files, runs a writing command and a reading one, and checks
/// the exit code, the message and that nothing changed.
fn refused(files: &[(&str, &[u8])], args: &[&str], code: i32, needles: &[&str]) -> String {
    let env = Env::new();
    for (name, bytes) in files {
        env.write(name, bytes);
    }
    let before = env.snapshot();
    let r = env.run(args);
    assert_eq!(
        r.code, code,
        "rapport {args:?}: stdout {} stderr {}",
        r.stdout, r.stderr
    );
    for n in needles {
        assert!(
            r.stderr.contains(n),
            "rapport {args:?}: expected {n:?} in: {}",
            r.stderr
        );
    }
    assert_eq!(r.stderr.trim().lines().count(), 1, "one line: {}", r.stderr);
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
    assert_eq!(env.snapshot(), before, "files changed after rapport {args:?}");
    r.stderr
}

fn both(files: &[(&str, &[u8])], needles: &[&str]) {
    refused(files, &["log", "dana-lee", "call"], 1, needles);
    refused(files, &["list"], 1, needles);
}

#[test]
fn contacts_syntax_error_gives_path_line_column() {
    let bad = "schema_version = 1\n\n[[contact]]\nid = \"dana-lee\nname = \"Dana Lee\"\n";
    both(&[("contacts.toml", bad.as_bytes())], &["contacts.toml:4:"]);
}

#[test]
fn wrong_type_in_a_field() {
    let bad = format!("{GOOD_CONTACTS}cadence_days = \"monthly\"\n");
    both(
        &[("contacts.toml", bad.as_bytes())],
        &["contacts.toml:7:16: `cadence_days` must be a whole number of days"],
    );
}

#[test]
fn invalid_utf8() {
    let mut bad = GOOD_CONTACTS.as_bytes().to_vec();
    bad.extend_from_slice(b"notes = \"caf\xe9\"\n");
    both(&[("contacts.toml", &bad)], &["contacts.toml:7:13: invalid UTF-8"]);
}

#[test]
fn unknown_gesture_kind() {
    let bad = GOOD_LINE.replace("referral", "bribe");
    let log = format!("{GOOD_LINE}\n{bad}\n");
    both(
        &[
            ("contacts.toml", GOOD_CONTACTS.as_bytes()),
            ("gestures.jsonl", log.as_bytes()),
        ],
        &["gestures.jsonl:2:", "unknown gesture kind 'bribe'"],
    );
}

#[test]
fn impossible_date_in_a_file_and_in_an_argument() {
    let bad = format!("{GOOD_CONTACTS}since = 2026-02-30\n");
    both(
        &[("contacts.toml", bad.as_bytes())],
        &["contacts.toml:7:9:", "invalid date"],
    );

    let log = GOOD_LINE.replace("2026-11-18", "2026-02-30") + "\n";
    both(
        &[
            ("contacts.toml", GOOD_CONTACTS.as_bytes()),
            ("gestures.jsonl", log.as_bytes()),
        ],
        &["gestures.jsonl:1:", "2026-02-30", "no day 30"],
    );

    let files: &[(&str, &[u8])] = &[("contacts.toml", GOOD_CONTACTS.as_bytes())];
    refused(
        files,
        &["log", "dana", "call", "--date", "2026-02-30"],
        2,
        &["--date: '2026-02-30' is not a valid date"],
    );
    refused(files, &["add", "Sam Cho", "--birthday", "02-30"], 2, &["--birthday:"]);
}

#[test]
fn who_matching_nobody() {
    let files: &[(&str, &[u8])] = &[("contacts.toml", GOOD_CONTACTS.as_bytes())];
    refused(files, &["log", "zebedee", "call"], 2, &["no partner matches 'zebedee'"]);
    refused(files, &["show", "zebedee"], 2, &["no partner matches 'zebedee'"]);
}

#[test]
fn empty_name() {
    let files: &[(&str, &[u8])] = &[("contacts.toml", GOOD_CONTACTS.as_bytes())];
    refused(files, &["add", "   "], 2, &["the name must not be empty"]);
    refused(
        files,
        &["edit", "dana", "--name", ""],
        2,
        &["the name must not be empty"],
    );
    let bad = GOOD_CONTACTS.replace("name = \"Dana Lee\"", "name = \"\"");
    both(
        &[("contacts.toml", bad.as_bytes())],
        &["contacts.toml:5:8:", "empty name"],
    );
}

#[test]
fn duplicate_id_edited_in_by_hand() {
    let bad = format!("{GOOD_CONTACTS}\n[[contact]]\nid = \"dana-lee\"\nname = \"Dana Lee Again\"\n");
    both(
        &[("contacts.toml", bad.as_bytes())],
        &["contacts.toml:9:6: duplicate id \"dana-lee\" (first used on line 4)"],
    );
}

#[test]
fn newer_schema_version_is_refused_untouched() {
    let bad = GOOD_CONTACTS.replace("schema_version = 1", "schema_version = 9");
    both(
        &[("contacts.toml", bad.as_bytes())],
        &["contacts.toml has schema_version 9, newer than this rapport understands (1)"],
    );
}

#[test]
fn empty_contacts_file_is_refused_not_overwritten() {
    both(&[("contacts.toml", b"")], &["contacts.toml:1:1: the file is empty"]);
}

#[test]
fn garbage_line_in_the_middle_of_the_log() {
    let log = format!("{GOOD_LINE}\nnot json at all\n{GOOD_LINE}\n");
    both(
        &[
            ("contacts.toml", GOOD_CONTACTS.as_bytes()),
            ("gestures.jsonl", log.as_bytes()),
        ],
        &["gestures.jsonl:2:2: the line is not a valid JSON object"],
    );
}

#[test]
fn bad_rapport_today_and_bad_flags() {
    let env = Env::new();
    let r = env.cmd(&["list"]).env("RAPPORT_TODAY", "2026-13-01").output().unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("RAPPORT_TODAY: '2026-13-01' is not a valid date"));
    let r = env.run(&["log", "x", "bribe"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown gesture kind 'bribe'"), "{}", r.stderr);
}

#[test]
fn check_reports_every_problem_in_every_file_at_once() {
    let env = Env::new();
    let contacts = format!("{GOOD_CONTACTS}cadence_days = \"x\"\nbirthday = \"02-31\"\n");
    let log = format!(
        "{GOOD_LINE}\n{}\n{}\n",
        GOOD_LINE.replace("referral", "bribe"),
        GOOD_LINE.replace("2026-11-18", "2026-02-30")
    );
    env.write("contacts.toml", &contacts);
    env.write("gestures.jsonl", &log);
    env.write("queue.toml", "[snoozed]\n\"touch:dana-lee\" = \"soon\"\n");
    let before = env.snapshot();
    let r = env.run(&["check"]);
    assert_eq!(r.code, 1);
    for n in [
        "contacts.toml:7:16:",
        "contacts.toml:8:12:",
        "gestures.jsonl:2:",
        "gestures.jsonl:3:",
        "queue.toml:2:",
    ] {
        assert!(r.stderr.contains(n), "expected {n} in {}", r.stderr);
    }
    assert!(r.stderr.contains("5 problems found"), "{}", r.stderr);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn held_lock_makes_a_second_writer_wait_then_fail_naming_it() {
    let env = Env::new();
    env.write("contacts.toml", GOOD_CONTACTS);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(env.file(".rapport.lock"))
        .unwrap();
    lock.lock().unwrap();
    let before = env.snapshot();
    let r = env.run(&["log", "dana", "call"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(".rapport.lock is held"), "{}", r.stderr);
    assert_eq!(env.snapshot(), before);
    // Reading does not need the lock.
    env.ok(&["show", "dana"]);
    drop(lock);
    env.ok(&["log", "dana", "call"]);
}

// The fault seam exists only in debug builds.
#[cfg(debug_assertions)]
#[test]
fn failed_write_leaves_the_old_file_intact() {
    for fault in ["write:1", "fsync:1", "rename:1"] {
        let env = Env::new();
        env.write("contacts.toml", GOOD_CONTACTS);
        let before = env.snapshot();
        let r = env
            .cmd(&["edit", "dana", "--org", "New Org"])
            .env("RAPPORT_FAIL_AT", fault)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "{fault}: {stderr}");
        assert!(stderr.contains("injected failure"), "{fault}: {stderr}");
        let after = env.snapshot();
        assert_eq!(
            after.get(std::path::Path::new("contacts.toml")),
            before.get(std::path::Path::new("contacts.toml")),
            "{fault}"
        );
        let leftovers: Vec<_> = after
            .keys()
            .filter(|k| k.to_string_lossy().contains(".rapport-tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{fault}: {leftovers:?}");
    }
}
