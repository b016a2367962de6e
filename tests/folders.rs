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
        &["snooze", "reach-out:sam-cho", "--days", "3"],
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
    assert!(r.stdout.starts_with("ok: 2 partners, 1 gesture,"), "{}", r.stdout);
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

#[test]
fn a_vdir_export_names_every_file_safely_inside_the_folder_whatever_the_ids() {
    let env = Env::new();
    // Ids an older rapport or a hand edit could leave: a way out of the
    // folder, a folder, a hidden name, and a 120-character id.
    let long = "jonas-mueller-steuerberatung-".repeat(4) + "and-partners-of-the-old-town-gmbh";
    assert!(long.len() > 100);
    let ids = ["../escape", "a/b", "..", ".hidden", &long, "dana-lee"];
    let mut toml = String::from("schema_version = 1\n");
    for (i, id) in ids.iter().enumerate() {
        toml.push_str(&format!("\n[[contact]]\nid = \"{id}\"\nname = \"Partner {i}\"\n"));
    }
    env.write("contacts.toml", toml);
    let out = env.dir.path().join("out");
    let vdir = out.join("cards");
    let r = env.ok(&["export", "--format", "vdir", "-o", &vdir.display().to_string()]);
    assert!(r.stderr.contains("6 written, 0 unchanged"), "{}", r.stderr);

    let listed = |dir: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(listed(&out), ["cards"], "nothing was written outside the folder");
    let names = listed(&vdir);
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.contains(&"dana-lee.vcf".to_string()), "{names:?}");
    for n in &names {
        let path = vdir.join(n);
        assert!(path.is_file() && n.ends_with(".vcf") && !n.starts_with('.'), "{n}");
        assert!(n.chars().count() <= 48 + 4, "{n} is long");
    }
    // Every card is there, once.
    let all: String = names
        .iter()
        .map(|n| std::fs::read_to_string(vdir.join(n)).unwrap())
        .collect();
    for i in 0..ids.len() {
        assert_eq!(all.matches(&format!("FN:Partner {i}\r\n")).count(), 1, "{all}");
    }

    // The same names on the next export; and the file an older rapport
    // named after the long id itself is taken away, not left as a twin.
    let long_card = names
        .iter()
        .find(|n| {
            std::fs::read_to_string(vdir.join(n))
                .unwrap()
                .contains("FN:Partner 4\r\n")
        })
        .unwrap();
    std::fs::copy(vdir.join(long_card), vdir.join(format!("{long}.vcf"))).unwrap();
    let r = env.ok(&["export", "--format", "vdir", "-o", &vdir.display().to_string()]);
    assert!(r.stderr.contains("0 written, 6 unchanged"), "{}", r.stderr);
    assert_eq!(listed(&vdir), names);
}
