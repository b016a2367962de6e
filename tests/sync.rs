//! Two machines: `rapport merge-file` as git's merge driver, and `rapport
//! sync init`, against real git where it is installed.

mod common;

use proptest::prelude::*;
use rapport::domain::{Direction, Gesture, Kind};
use rapport::store::log::{parse, render_line};
use rapport::sync::{FileKind, Inputs, merge_texts};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_rapport");
const TODAY: &str = "2026-11-20";

fn gesture(n: usize, day: u32, note: Option<String>) -> Gesture {
    Gesture {
        id: format!("g-{n:04}"),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
        contact: "dana-lee".into(),
        kind: Kind::Call,
        dir: Direction::Given,
        note,
        value: None,
        outcome: None,
        re: None,
        extra: Default::default(),
    }
}

fn text_of<'a>(gs: impl IntoIterator<Item = &'a Gesture>) -> String {
    gs.into_iter().map(|g| render_line(g) + "\n").collect()
}

fn merge_logs(base: &str, ours: &str, theirs: &str) -> String {
    let inputs = Inputs {
        base: (Path::new("base"), base),
        ours: (Path::new("ours"), ours),
        theirs: (Path::new("theirs"), theirs),
    };
    merge_texts(FileKind::Log, &inputs).unwrap().text
}

/// A set of gestures, each with a day, a note, which versions have it
/// (0: all three, the common ancestor's; 1: ours only; 2: theirs only), and
/// a shuffle of each side's order.
fn split() -> impl Strategy<Value = (Vec<Gesture>, Vec<u8>, Vec<u32>, Vec<u32>)> {
    (1usize..40).prop_flat_map(|n| {
        (
            proptest::collection::vec((1u32..6, proptest::option::of("[a-z ]{0,8}")), n),
            proptest::collection::vec(0u8..3, n),
            proptest::collection::vec(any::<u32>(), n),
            proptest::collection::vec(any::<u32>(), n),
        )
            .prop_map(|(gs, sides, ko, kt)| {
                let gs = gs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (day, note))| gesture(i, day, note))
                    .collect();
                (gs, sides, ko, kt)
            })
    })
}

fn shuffled<'a>(gs: &[&'a Gesture], keys: &[u32]) -> Vec<&'a Gesture> {
    let mut v: Vec<(u32, &Gesture)> = gs.iter().enumerate().map(|(i, g)| (keys[i], *g)).collect();
    v.sort_by_key(|(k, _)| *k);
    v.into_iter().map(|(_, g)| g).collect()
}

proptest! {
    #[test]
    fn any_split_of_a_log_merges_to_the_union_in_order_idempotently((gs, sides, ko, kt) in split()) {
        let base: Vec<&Gesture> = gs.iter().zip(&sides).filter(|(_, s)| **s == 0).map(|(g, _)| g).collect();
        let ours: Vec<&Gesture> = gs.iter().zip(&sides).filter(|(_, s)| **s != 2).map(|(g, _)| g).collect();
        let theirs: Vec<&Gesture> = gs.iter().zip(&sides).filter(|(_, s)| **s != 1).map(|(g, _)| g).collect();
        let (ours, theirs) = (shuffled(&ours, &ko), shuffled(&theirs, &kt));
        let (b, o, t) = (text_of(base.iter().copied()), text_of(ours.iter().copied()), text_of(theirs.iter().copied()));
        let merged = merge_logs(&b, &o, &t);

        let mut want: Vec<&Gesture> = gs.iter().collect();
        want.sort_by(|x, y| x.date.cmp(&y.date).then_with(|| x.id.cmp(&y.id)));
        prop_assert_eq!(&merged, &text_of(want.iter().copied()));
        prop_assert_eq!(parse(&merged).unwrap().gestures.len(), gs.len());
        // Either way round, and again with the result: the same log.
        prop_assert_eq!(&merge_logs(&b, &t, &o), &merged);
        prop_assert_eq!(&merge_logs(&b, &merged, &t), &merged);
        prop_assert_eq!(&merge_logs(&b, &o, &merged), &merged);
        prop_assert_eq!(&merge_logs(&merged, &merged, &merged), &merged);
    }
}

fn run_merge(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .current_dir(dir)
        .arg("merge-file")
        .args(args)
        .env("RAPPORT_TODAY", TODAY)
        .env("HOME", dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn merge_file_writes_ours_or_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let put = |name: &str, text: &str| std::fs::write(d.join(name), text).unwrap();
    let read = |name: &str| std::fs::read_to_string(d.join(name)).unwrap();
    let (a, b, c) = (gesture(1, 1, None), gesture(2, 2, None), gesture(3, 3, None));
    put("base", &text_of([&a]));
    put("ours", &text_of([&a, &c]));
    put("theirs", &text_of([&a, &b]));
    // The kind is told from --path (git's %P) when --kind is not given.
    assert_eq!(
        run_merge(d, &["--path", "gestures.jsonl", "base", "ours", "theirs"]).0,
        0
    );
    assert_eq!(read("ours"), text_of([&a, &b, &c]));

    // A version that does not parse: exit 2, its line and column, OURS untouched.
    put("theirs", &format!("{}{{\"id\": 3\n", text_of([&a])));
    put("ours", &text_of([&a, &c]));
    let (code, err) = run_merge(d, &["--kind", "log", "base", "ours", "theirs"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("theirs:2:"), "{err}");
    assert_eq!(read("ours"), text_of([&a, &c]));

    // Without --kind or a telling name: exit 2.
    assert_eq!(run_merge(d, &["base", "ours", "theirs"]).0, 2);

    // A newer rapport's contacts: left for git to show (exit 1), untouched.
    let newer = "schema_version = 99\n";
    put("cb", "schema_version = 1\n");
    put(
        "co",
        "schema_version = 1\n[[contact]]\nid = \"amy\"\nname = \"Amy\"\nstage = \"rapport\"\n",
    );
    put("ct", newer);
    let (code, err) = run_merge(d, &["--kind", "contacts", "cb", "co", "ct"]);
    assert_eq!(code, 1, "{err}");
    assert!(read("co").contains("amy"));
    // Bad TOML: exit 2 with path:line:col.
    put("ct", "schema_version = 1\n[[contact]\n");
    let (code, err) = run_merge(d, &["--kind", "contacts", "cb", "co", "ct"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ct:2:"), "{err}");

    // Queue: the later snooze.
    put("qb", "[snoozed]\n\"touch:amy\" = 2026-12-01\n");
    put("qo", "[snoozed]\n\"touch:amy\" = 2026-12-03\n");
    put("qt", "[snoozed]\n\"touch:amy\" = 2026-12-09\n");
    assert_eq!(run_merge(d, &["--kind", "queue", "qb", "qo", "qt"]).0, 0);
    assert_eq!(read("qo"), "[snoozed]\n\"touch:amy\" = 2026-12-09\n");
}

// ---- real git ---------------------------------------------------------

fn has_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

struct Machine {
    dir: PathBuf,
    home: PathBuf,
}

impl Machine {
    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(&self.dir)
            .args(args)
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "git {args:?} failed: {text}");
        text
    }

    fn rapport(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(BIN)
            .args(args)
            .env("RAPPORT_DATA_DIR", &self.dir)
            .env("RAPPORT_CONFIG", self.home.join("config.toml"))
            .env("RAPPORT_TODAY", TODAY)
            .env("HOME", &self.home)
            .env("XDG_CACHE_HOME", self.home.join("cache"))
            .env("NO_COLOR", "1")
            .env_remove("RAPPORT_FAIL_AT")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.rapport(args);
        assert_eq!(code, 0, "rapport {args:?}: {out}{err}");
        out
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap_or_default()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }
}

fn machine(root: &Path, name: &str) -> Machine {
    let home = root.join(format!("home-{name}"));
    std::fs::create_dir_all(&home).unwrap();
    let m = Machine {
        dir: root.join(name),
        home,
    };
    let origin = root.join("origin.git");
    Machine {
        dir: root.to_path_buf(),
        home: m.home.clone(),
    }
    .git(&["clone", "-q", origin.to_str().unwrap(), name]);
    m.git(&["config", "user.name", &format!("Machine {name}")]);
    m.git(&["config", "user.email", &format!("{name}@example.org")]);
    m.git(&["config", "pull.rebase", "false"]);
    m
}

fn dana_phones(m: &Machine) -> Vec<String> {
    let file = rapport::store::contacts::parse(&m.read("contacts.toml")).unwrap();
    file.partners.into_iter().find(|p| p.id == "dana-lee").unwrap().phones
}

#[test]
fn two_machines_merge_through_git_without_conflict_markers() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let init = Command::new("git")
        .args(["init", "-q", "--bare", "origin.git"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(init.success());

    // A starts the book and shares it.
    let a = machine(root, "a");
    a.ok(&["add", "Dana Lee", "--phone", "+1 555 0100"]);
    a.ok(&["log", "dana-lee", "meeting", "--date", "2026-11-01"]);
    a.ok(&["sync", "init"]);
    a.ok(&["sync", "init"]); // idempotent
    assert_eq!(a.read(".gitattributes").matches("merge=rapport-log").count(), 1);
    assert!(a.read(".gitignore").contains("journal.json"));
    a.commit("the book");
    a.git(&["push", "-q", "origin", "HEAD"]);

    let b = machine(root, "b");
    b.ok(&["sync", "init"]);
    assert!(
        b.git(&["status", "--porcelain"]).trim().is_empty(),
        "sync init on B changed tracked files"
    );

    // A: three gestures and Dana's phone.
    for (kind, day) in [
        ("call", "2026-11-10"),
        ("message", "2026-11-12"),
        ("gift", "2026-11-15"),
    ] {
        a.ok(&["log", "dana-lee", kind, "--date", day]);
    }
    a.ok(&["edit", "dana-lee", "--phone", "+1 555 0101"]);
    a.commit("three gestures, a new phone");
    a.git(&["push", "-q", "origin", "HEAD"]);

    // B: two gestures, Dana's notes, a new partner.
    b.ok(&[
        "log",
        "dana-lee",
        "referral",
        "--received",
        "--date",
        "2026-11-11",
        "--note",
        "M.O.",
    ]);
    b.ok(&["log", "dana-lee", "thank-you", "--date", "2026-11-13"]);
    b.ok(&["edit", "dana-lee", "--note", "Spouse Sam"]);
    b.ok(&["add", "Sam Park", "--org", "Park Mediation"]);
    b.commit("two gestures, notes, Sam");
    b.git(&["pull", "-q", "--no-edit", "origin", "HEAD"]);

    for name in ["gestures.jsonl", "contacts.toml", "queue.toml"] {
        assert!(!b.read(name).contains("<<<<<<<"), "{name} has conflict markers");
    }
    let log = parse(&b.read("gestures.jsonl")).unwrap().gestures;
    assert_eq!(log.len(), 6, "{log:?}");
    let mut ids: Vec<&str> = log.iter().map(|g| g.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "a gesture came twice");
    assert!(log.windows(2).all(|w| w[0].date <= w[1].date), "not in date order");
    let contacts = b.read("contacts.toml");
    assert!(
        contacts.contains("+1 555 0101") && contacts.contains("Spouse Sam"),
        "{contacts}"
    );
    assert!(contacts.contains("Sam Park"), "{contacts}");
    let (code, out, err) = b.rapport(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "{err}");
    b.git(&["push", "-q", "origin", "HEAD"]);

    // Both change Dana's phone: B keeps its own, and check reports it.
    a.git(&["pull", "-q", "--no-edit", "origin", "HEAD"]);
    a.ok(&["edit", "dana-lee", "--phone", "+1 555 0111"]);
    a.commit("A's phone");
    a.git(&["push", "-q", "origin", "HEAD"]);
    b.ok(&["edit", "dana-lee", "--phone", "+1 555 0122"]);
    b.commit("B's phone");
    b.git(&["pull", "-q", "--no-edit", "origin", "HEAD"]);
    assert!(!b.read("contacts.toml").contains("<<<<<<<"));
    assert_eq!(dana_phones(&b), ["+1 555 0122"]);
    let (code, out, err) = b.rapport(&["check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("`phones` was changed on both machines"), "{err}");
    assert!(err.contains("+1 555 0111"), "{err}");
    // The record is this machine's, not the book's.
    assert!(b.git(&["status", "--porcelain"]).trim().is_empty());
    // Settling it (an edit of Dana) clears it.
    b.ok(&["edit", "dana-lee", "--phone", "+1 555 0111"]);
    let (code, out, err) = b.rapport(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn syncthing_conflict_copies_are_warned_about_and_listed_by_check() {
    let env = common::Env::new();
    env.ok(&["add", "Dana Lee"]);
    let copy = "contacts.sync-conflict-20261201-101010-ABCDEFG.toml";
    env.write(copy, env.read("contacts.toml"));
    env.write("gestures.sync-conflict-20261201-101010-ABCDEFG.jsonl", "");
    let r = env.ok(&["list"]);
    assert!(r.stderr.contains(copy), "{}", r.stderr);
    assert!(r.stderr.contains("Syncthing"), "{}", r.stderr);
    let r = env.ok(&["check"]);
    assert_eq!(r.stderr.matches(copy).count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("gestures.sync-conflict-"), "{}", r.stderr);
    std::fs::remove_file(env.file(copy)).unwrap();
    std::fs::remove_file(env.file("gestures.sync-conflict-20261201-101010-ABCDEFG.jsonl")).unwrap();
    assert!(!env.ok(&["check"]).stderr.contains("Syncthing"));
}

/// Syncthing's side of two machines: each changed the files; Syncthing
/// kept one version as the file and renamed the other to a conflict copy.
#[test]
fn syncthing_conflict_copies_are_merged_by_the_next_change_and_removed() {
    let b = common::Env::new();
    b.ok(&["add", "Dana Lee", "--phone", "+1 555 0100", "--cadence", "0"]);
    b.ok(&["log", "dana-lee", "referral", "--received", "--date", "2026-11-02"]);
    let (contacts0, log0) = (b.read("contacts.toml"), b.read("gestures.jsonl"));
    // Machine A, from the same files: a new phone for Dana, a lunch.
    let a = common::Env::new();
    a.write("contacts.toml", &contacts0);
    a.write("gestures.jsonl", &log0);
    a.ok(&["edit", "dana-lee", "--phone", "+1 555 0111"]);
    a.ok(&["log", "dana-lee", "meeting", "--date", "2026-11-10"]);
    // Machine B (this one): a note on Dana, a new partner, a thank-you.
    b.ok(&["edit", "dana-lee", "--note", "Spouse Sam"]);
    b.ok(&["add", "Omar Haddad", "--org", "Haddad CPA"]);
    b.ok(&["log", "dana-lee", "thank-you", "--date", "2026-11-12"]);
    // Syncthing took A's files; B's became the conflict copies.
    let copy = "contacts.sync-conflict-20261201-101010-ABCDEFG.toml";
    let log_copy = "gestures.sync-conflict-20261201-101010-ABCDEFG.jsonl";
    b.write(copy, b.read("contacts.toml"));
    b.write(log_copy, b.read("gestures.jsonl"));
    b.write("contacts.toml", a.read("contacts.toml"));
    b.write("gestures.jsonl", a.read("gestures.jsonl"));

    let r = b.ok(&["log", "omar-haddad", "call", "--date", "2026-11-14"]);
    assert!(r.stderr.contains("merged Syncthing's conflict copies"), "{}", r.stderr);
    assert!(!b.file(copy).exists() && !b.file(log_copy).exists());
    let dana = common::json(&b.ok(&["show", "dana-lee", "--json"]).stdout);
    assert_eq!(dana["contact"]["phones"], serde_json::json!(["+1 555 0111"]), "{dana}");
    assert_eq!(dana["contact"]["notes"], "Spouse Sam", "{dana}");
    let list = common::json(&b.ok(&["list", "--json"]).stdout);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let kinds: Vec<String> = common::tui::lines(&b.file("gestures.jsonl"))
        .iter()
        .map(|g| g["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["referral", "meeting", "thank-you", "call"]);
    // Both versions as they were are in backups/.
    let backups: Vec<String> = std::fs::read_dir(b.file("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        backups.iter().any(|n| n.starts_with(&format!("{copy}."))),
        "{backups:?}"
    );
    assert!(
        backups.iter().any(|n| n.starts_with(&format!("{log_copy}."))),
        "{backups:?}"
    );
    let saved = backups
        .iter()
        .filter(|n| n.starts_with("contacts.toml."))
        .max()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(b.file("backups").join(saved)).unwrap(),
        a.read("contacts.toml")
    );
    let r = b.ok(&["check"]);
    assert!(!r.stderr.contains("Syncthing"), "{}", r.stderr);
    // The merge is a change of its own: undo takes back the call, then
    // the merge.
    b.ok(&["undo"]);
    assert_eq!(common::tui::lines(&b.file("gestures.jsonl")).len(), 3);
    let r = b.ok(&["undo"]);
    assert!(r.stdout.contains("Syncthing"), "{}", r.stdout);
    assert_eq!(b.read("contacts.toml"), a.read("contacts.toml"));
}

#[test]
fn a_conflict_copy_that_does_not_parse_is_left_and_named() {
    let env = common::Env::new();
    env.ok(&["add", "Dana Lee"]);
    let copy = "contacts.sync-conflict-20261201-101010-ABCDEFG.toml";
    env.write(copy, "[[contact]]\nid = \"dana-lee\"\nname = \n");
    let r = env.ok(&["add", "Omar Haddad"]);
    assert!(
        r.stderr.contains(copy) && r.stderr.contains("not merged"),
        "{}",
        r.stderr
    );
    assert!(env.file(copy).exists());
    assert_eq!(
        common::json(&env.ok(&["list", "--json"]).stdout)
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn sync_init_needs_a_repository_or_makes_one_and_runs_again_unchanged() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let env = common::Env::new();
    let r = env.run(&["sync", "init"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--git"), "{}", r.stderr);
    env.ok(&["sync", "init", "--git"]);
    assert!(env.file(".git").is_dir());
    let before = (env.read(".gitattributes"), env.read(".gitignore"));
    env.ok(&["sync", "init", "--git"]);
    assert_eq!((env.read(".gitattributes"), env.read(".gitignore")), before);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.data()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    let config = std::fs::read_to_string(env.file(".git/config")).unwrap();
    assert_eq!(config.matches("[merge \"rapport-log\"]").count(), 1, "{config}");
    assert!(
        config.contains("merge-file --kind contacts --path %P %O %A %B"),
        "{config}"
    );
}
