//! Input that is too big or not what rapport makes is refused in one
//! sentence, with nothing written: a 2 MiB "draft", a restore whose ids are
//! paths or 100,000 characters, two gestures sharing an id; and `check`
//! names ids and aliases that would mislead.

mod common;

use common::{Env, json};
use serde_json::Value;
use std::io::Write;
use std::process::Stdio;

/// Dana and a referral, exported as rapport's JSON backup.
fn backup(env: &Env) -> Value {
    env.add_dana();
    env.ok(&["log", "dana", "referral", "--received", "--note", "M.O."]);
    json(&env.ok(&["export", "--format", "json"]).stdout)
}

/// Restores `v` into a fresh book; the run, and whether the book changed.
fn restore(v: &Value) -> (common::Run, bool) {
    let env = Env::new();
    env.ok(&["add", "Sam Cho"]);
    let path = env.dir.path().join("backup.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let before = env.snapshot();
    let r = env.run(&["import", path.to_str().unwrap()]);
    let changed = env.snapshot() != before;
    (r, changed)
}

#[test]
fn a_restore_refuses_ids_that_are_paths_or_huge_and_keys_that_are_no_keys() {
    let env = Env::new();
    let good = backup(&env);
    let (r, changed) = restore(&good);
    assert_eq!(r.code, 0, "the export as made restores: {}", r.stderr);
    assert!(changed);

    let long = "x".repeat(100_000);
    type Edit<'a> = Box<dyn Fn(&mut Value) + 'a>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "a path as an id",
            Box::new(|v| v["contacts"][0]["id"] = "../../../tmp/x".into()),
        ),
        (
            "/etc/passwd as an id",
            Box::new(|v| v["contacts"][0]["id"] = "/etc/passwd".into()),
        ),
        ("a 100k id", Box::new(|v| v["contacts"][0]["id"] = long.clone().into())),
        (
            "a gesture of a path",
            Box::new(|v| v["gestures"][0]["contact"] = "../x".into()),
        ),
        (
            "a 100k snooze key",
            Box::new(|v| v["snoozes"] = serde_json::json!({ format!("touch:{}", "y".repeat(100_000)): "2026-12-01" })),
        ),
    ];
    for (what, edit) in cases {
        let mut v = good.clone();
        edit(&mut v);
        let (r, changed) = restore(&v);
        assert_eq!(r.code, 1, "{what}: {}{}", r.stdout, r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{what}: one sentence: {}", r.stderr);
        assert!(r.stderr.contains("nothing was imported"), "{what}: {}", r.stderr);
        assert!(r.stderr.len() < 400, "{what}: the sentence quotes a shortened id");
        assert!(!changed, "{what}: nothing written");
    }
}

#[test]
fn two_different_gestures_with_one_id_are_a_conflict_not_a_silent_drop() {
    let env = Env::new();
    let mut v = backup(&env);
    let mut twin = v["gestures"][0].clone();
    twin["note"] = "someone else".into();
    v["gestures"].as_array_mut().unwrap().push(twin);
    let (r, changed) = restore(&v);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("share the id"), "{}", r.stderr);
    assert!(!changed);

    // An id this book gives a different gesture: this book's is kept, and
    // the user is told.
    let mut v = json(&env.ok(&["export", "--format", "json"]).stdout);
    v["gestures"][0]["note"] = "edited elsewhere".into();
    let path = env.dir.path().join("other.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let r = env.ok(&["import", path.to_str().unwrap()]);
    assert!(
        r.stderr.contains("use an id this book gives a different gesture"),
        "{}",
        r.stderr
    );
    assert!(!env.read("gestures.jsonl").contains("edited elsewhere"));
}

#[test]
fn draft_check_reads_at_most_a_mebibyte() {
    let env = Env::new();
    let mut child = env
        .cmd(&["draft", "--check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = "Hi Dana, coffee next week? ".repeat(1000);
        // The reader stops early; a broken pipe here is the point.
        for _ in 0..80 {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("more than 1 MiB"), "{stderr}");
}

#[test]
fn check_names_ids_rapport_would_not_make_and_aliases_that_mislead() {
    let env = Env::new();
    env.write(
        "contacts.toml",
        "schema_version = 1\n\n[[contact]]\nid = \"Dana_Lee\"\nname = \"Dana Lee\"\n\n[[contact]]\nid = \"sam-cho\"\nname = \"Sam Cho\"\naliases = [\"sam-cho\", \"tom\"]\n\n[[contact]]\nid = \"tom\"\nname = \"Tom Reyes\"\n",
    );
    let r = env.run(&["check"]);
    assert!(
        r.stderr
            .contains("the id 'Dana_Lee' of Dana Lee is not one rapport makes"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("lists their own id among their aliases"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("the alias 'tom', which is another partner's id"),
        "{}",
        r.stderr
    );
}
