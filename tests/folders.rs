//! The data folder as a crash, a chmod or an old file leaves it: temporary
//! files left in backups/, a folder rapport may not write, partner ids that
//! are no file names, and what `check` says about it. The real binary, on
//! real temporary folders.

mod common;

use common::Env;

/// Dana and Sam, and a call to Dana.
fn sample(env: &Env) {
    env.ok(&["add", "Dana Lee", "--org", "Lee Family Law", "--since", "2026-01-01"]);
    env.ok(&["add", "Sam Cho", "--since", "2026-01-01"]);
    env.ok(&["log", "dana", "call", "--note", "first"]);
}

#[test]
fn a_temporary_file_a_killed_backup_copy_left_is_swept_by_the_next_change_not_by_a_read() {
    let env = Env::new();
    sample(&env);
    let backups = env.data().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    // What a backup copy killed between its write and its rename leaves.
    let left = backups.join(".rapport-tmp-contacts.toml.2026-11-20T09-00-00.Xa9bQ2");
    std::fs::write(&left, "[[contact]]\n".repeat(400)).unwrap();
    let real_backups: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p != &left)
        .collect();

    // A read leaves the folder as it is: it takes no lock to sweep under.
    let list = env.ok(&["list"]);
    assert!(list.stdout.contains("Dana Lee"), "{}", list.stdout);
    assert!(left.exists(), "a read is allowed to leave it");

    env.ok(&["log", "dana", "call", "--note", "second"]);
    assert!(!left.exists(), "the next change sweeps backups/ too");
    for b in &real_backups {
        assert!(b.exists(), "a real backup was swept: {}", b.display());
    }
    assert_eq!(env.run(&["check"]).code, 0);
}

#[test]
fn on_a_read_only_folder_reads_work_and_each_change_fails_in_one_sentence_naming_the_folder() {
    let env = Env::new();
    sample(&env);
    let card = env.dir.path().join("new.vcf");
    std::fs::write(&card, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lena Ortiz\r\nEND:VCARD\r\n").unwrap();
    let before = env.snapshot();
    let Some(folder) = common::ReadOnlyFolder::make(&env.data(), &[env.dir.path()]) else {
        eprintln!("skipped: the folder's modes bind no user this test can run as");
        return;
    };
    let run = |args: &[&str]| common::Run::from(folder.wrap(env.cmd(args)).output().unwrap());

    for args in [
        &["list"][..],
        &["show", "dana"],
        &["queue"],
        &["check"],
        &["search", "lee"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 0, "rapport {args:?} reads a read-only folder: {}", r.stderr);
    }
    let data = env.data().display().to_string();
    let changes: [&[&str]; 8] = [
        &["log", "dana", "call", "--note", "blocked"],
        &["add", "Tom Reyes"],
        &["edit", "dana", "--org", "Lee Law"],
        &["snooze", "touch:sam-cho", "--days", "3"],
        &["archive", "sam"],
        &["import", &card.display().to_string()],
        &["undo"],
        &["redo"],
    ];
    for args in changes {
        let r = run(args);
        assert_eq!(r.code, 1, "rapport {args:?}: {}{}", r.stdout, r.stderr);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one sentence for {args:?}: {}", r.stderr);
        assert!(
            lines[0].contains(&format!("the data folder {data} cannot be written"))
                && lines[0].ends_with("nothing was changed"),
            "rapport {args:?}: {}",
            r.stderr
        );
    }
    assert_eq!(env.snapshot(), before, "nothing was changed");
}

#[test]
fn check_says_each_warning_once() {
    let env = Env::new();
    sample(&env);
    // A torn last line, and a key of queue.toml this version does not know.
    let mut log = env.read("gestures.jsonl");
    log.push_str("{\"id\":\"g-torn\",\"date\":\"2026");
    env.write("gestures.jsonl", log);
    env.write("queue.toml", "future_key = 1\n");
    let r = env.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("ok: 2 partners, 1 gestures"), "{}", r.stdout);
    let warnings: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "{}", r.stderr);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("gestures.jsonl:2: the last line was cut short"))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("queue.toml:1:1: unknown key `future_key`"))
    );
    assert_eq!(r.stderr.lines().count(), 2, "nothing else: {}", r.stderr);
}
