//! Nothing lost, ever: tests that try hard to lose data. The real binary is
//! killed mid-write hundreds of times, made to fail at every write, fsync and
//! rename, given broken files, raced by a second process, and has its files
//! changed under it.

mod common;

use common::Env;
use rapport::store::Store;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DATA_FILES: [&str; 4] = ["contacts.toml", "gestures.jsonl", "queue.toml", "journal.json"];

/// The data files' contents (None when missing), without backups or the
/// lock; as text, so a difference reads well in a failure.
fn files(env: &Env) -> BTreeMap<&'static str, Option<String>> {
    DATA_FILES
        .iter()
        .map(|f| {
            (
                *f,
                std::fs::read(env.file(f))
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned()),
            )
        })
        .collect()
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".rapport-tmp-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Dana and Sam on a 30-day cadence, Tom always due; one gesture logged.
fn sample(env: &Env) {
    env.ok(&[
        "add",
        "Dana Lee",
        "--org",
        "Lee Family Law",
        "--since",
        "2026-01-01",
        "--stage",
        "trust",
    ]);
    env.ok(&["add", "Sam Cho", "--since", "2026-01-01", "--stage", "rapport"]);
    env.ok(&[
        "add",
        "Tom Reyes",
        "--cadence",
        "1",
        "--since",
        "2020-01-01",
        "--stage",
        "rapport",
    ]);
    env.ok(&["log", "sam", "referral", "--received", "--note", "A.B."]);
}

// The fault seam exists only in debug builds.
#[cfg(debug_assertions)]
#[test]
fn a_fault_at_any_write_fsync_or_rename_changes_nothing() {
    // Each command, with what must exist before it.
    type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a [&'a str]]);
    let commands: [Case; 7] = [
        ("log", &["log", "dana", "call", "--note", "x"], &[]),
        ("edit", &["edit", "dana", "--org", "New Org"], &[]),
        ("add", &["add", "Lena Ortiz", "--birthday", "11-25"], &[]),
        ("snooze", &["snooze", "touch:tom-reyes", "--days", "3"], &[]),
        (
            "done",
            &["done", "touch:tom-reyes"],
            &[&["snooze", "touch:dana-lee", "--days", "2"]],
        ),
        ("undo", &["undo"], &[&["log", "dana", "gift", "--value", "10"]]),
        (
            "archive",
            &["archive", "sam"],
            &[&["snooze", "touch:tom-reyes", "--days", "2"]],
        ),
    ];
    for (name, args, setup) in commands {
        let template = Env::new();
        sample(&template);
        for s in setup {
            template.ok(s);
        }
        for step in ["write", "fsync", "rename"] {
            for n in 1.. {
                let failures = n - 1;
                let env = Env::new();
                copy_dir(&template.data(), &env.data());
                let before = files(&env);
                let r = env
                    .cmd(args)
                    .env("RAPPORT_FAIL_AT", format!("{step}:{n}"))
                    .output()
                    .unwrap();
                let stderr = String::from_utf8_lossy(&r.stderr);
                if r.status.success() {
                    // There is no Nth such step: the command ran through.
                    assert!(
                        failures > 0 || step == "rename" && name == "log",
                        "{name}: no {step} was ever made"
                    );
                    break;
                }
                assert_eq!(r.status.code(), Some(1), "{name} {step}:{n}: {stderr}");
                assert!(stderr.contains("injected failure"), "{name} {step}:{n}: {stderr}");
                assert_eq!(files(&env), before, "{name} {step}:{n} changed the files");
                assert!(
                    temp_files(&env.data()).is_empty(),
                    "{name} {step}:{n} left a temporary file"
                );
                // And the data still loads and the command works afterwards.
                env.ok(args);
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// splitmix64: a small seeded generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[test]
fn killed_mid_write_hundreds_of_times_nothing_acknowledged_is_lost() {
    let env = Env::new();
    sample(&env);
    let store = Store::new(env.data());

    // How long one save takes here, to spread the kills across it.
    let start = Instant::now();
    env.ok(&["log", "dana", "message", "--note", "warm-up"]);
    let span = start.elapsed().as_micros().max(500) as u64 * 3 / 2;

    let seed = std::env::var("RAPPORT_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    let mut rng = Rng(seed);
    let mut kills = 0;
    let mut acked_logs: Vec<String> = Vec::new();
    let mut last_acked_edit: Option<usize> = None;
    let mut i = 0;
    while kills < 320 {
        i += 1;
        assert!(i < 5000, "only {kills} kills landed in {i} runs");
        let note = format!("t{i}");
        let args: Vec<&str> = match i % 4 {
            0 => vec!["log", "dana", "call", "--note", &note],
            1 => vec!["edit", "dana", "--note", &note],
            2 => vec!["log", "sam", "referral", "--received", "--note", &note],
            _ => vec![
                "snooze",
                "touch:tom-reyes",
                "--until",
                if i % 8 == 3 { "2027-01-01" } else { "2027-02-01" },
            ],
        };
        let mut child = env
            .cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        if out.status.signal() == Some(9) {
            kills += 1;
        } else {
            assert!(
                out.status.success(),
                "run {i} ({args:?}) failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            // Exited 0: the change was acknowledged and must survive.
            match i % 4 {
                0 | 2 => acked_logs.push(note.clone()),
                1 => last_acked_edit = Some(i),
                _ => {}
            }
        }

        // Every file parses after every kill.
        let data = store
            .load()
            .unwrap_or_else(|e| panic!("after run {i} ({args:?}) the data no longer loads: {e}"));
        let notes: Vec<&str> = data.book.gestures.iter().filter_map(|g| g.note.as_deref()).collect();
        for n in &acked_logs {
            assert!(
                notes.contains(&n.as_str()),
                "acknowledged gesture {n} lost after run {i}"
            );
        }
        if let Some(e) = last_acked_edit {
            let current = data.book.partner("dana-lee").unwrap().notes.clone().unwrap_or_default();
            let at: usize = current.trim_start_matches('t').parse().unwrap_or(0);
            assert!(
                at >= e,
                "the acknowledged edit t{e} was lost: notes are now {current:?}"
            );
        }
        let journal = std::fs::read(env.file("journal.json")).unwrap_or_default();
        if !journal.is_empty() {
            serde_json::from_slice::<serde_json::Value>(&journal)
                .unwrap_or_else(|e| panic!("journal.json torn after run {i}: {e}"));
        }
    }
    assert!(acked_logs.len() > 10, "too few runs finished to prove anything");

    // The next start sweeps what the kills left behind, and checks clean.
    env.ok(&["log", "dana", "call", "--note", "after"]);
    assert!(temp_files(&env.data()).is_empty(), "{:?}", temp_files(&env.data()));
    let check = env.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    eprintln!(
        "{kills} kills over {i} runs; {} acknowledged gestures kept",
        acked_logs.len()
    );
}

#[test]
fn a_torn_last_log_line_is_set_aside_with_a_warning_and_nothing_lost() {
    let env = Env::new();
    sample(&env);
    let mut log = std::fs::read(env.file("gestures.jsonl")).unwrap();
    let good = log.clone();
    log.extend_from_slice(br#"{"id":"g-01TORN","date":"2026-11-2"#);
    env.write("gestures.jsonl", &log);

    let r = env.ok(&["show", "sam"]);
    assert!(
        r.stderr.contains("gestures.jsonl"),
        "the warning names the file: {}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(env.file("gestures.jsonl")).unwrap(),
        log,
        "reading changes nothing"
    );

    env.ok(&["log", "sam", "thank-you"]);
    let now = std::fs::read_to_string(env.file("gestures.jsonl")).unwrap();
    assert!(now.starts_with(std::str::from_utf8(&good).unwrap()));
    assert_eq!(now.lines().count(), 2, "the torn line is gone from the log:\n{now}");
    let aside = std::fs::read_to_string(env.file("gestures.jsonl.torn")).unwrap();
    assert!(aside.contains("g-01TORN"), "and kept beside it: {aside}");
}

#[test]
fn a_truncated_contacts_file_is_refused_with_its_position_and_left_alone() {
    let env = Env::new();
    sample(&env);
    let full = std::fs::read(env.file("contacts.toml")).unwrap();
    let cut = &full[..full.len() * 2 / 3];
    // Cut inside a quoted string so it cannot parse.
    let cut_at = cut.iter().rposition(|&b| b == b'"').unwrap() + 1;
    env.write("contacts.toml", &full[..cut_at + 2]);
    let before = files(&env);
    let r = env.run(&["log", "dana", "call"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let first = r.stderr.lines().next().unwrap_or("");
    assert!(first.contains("contacts.toml:"), "{}", r.stderr);
    assert!(
        first.split(':').filter(|p| p.trim().parse::<u32>().is_ok()).count() >= 2,
        "line and column: {first}"
    );
    assert_eq!(files(&env), before);
}

#[test]
fn an_older_schema_is_upgraded_after_a_backup() {
    let env = Env::new();
    // A file from before schema_version existed.
    let old = "[[contact]]\nid = \"dana-lee\"\nname = \"Dana Lee\"\nstage = \"trust\"\n";
    env.write("contacts.toml", old);
    let r = env.ok(&["list"]);
    assert!(r.stderr.contains("older"), "{}", r.stderr);
    assert_eq!(env.read("contacts.toml"), old, "reading never writes");

    env.ok(&["log", "dana", "call"]);
    let now = env.read("contacts.toml");
    assert!(now.starts_with("schema_version = 1\n"), "{now}");
    assert!(now.contains("name = \"Dana Lee\""));
    let backups: Vec<String> = std::fs::read_dir(env.file("backups"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(backups.contains(&old.to_string()), "the old file is in backups/");
    assert!(!env.ok(&["list"]).stderr.contains("older"));
}

#[test]
fn backups_keep_the_last_ten_versions() {
    let env = Env::new();
    sample(&env);
    for i in 0..14 {
        env.ok(&["edit", "dana", "--note", &format!("version {i}")]);
    }
    let mut kept: Vec<String> = std::fs::read_dir(env.file("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("contacts.toml."))
        .collect();
    kept.sort();
    assert_eq!(kept.len(), 10, "{kept:?}");
    let newest = std::fs::read_to_string(env.file("backups").join(kept.last().unwrap())).unwrap();
    assert!(
        newest.contains("version 12"),
        "the newest backup is the version before the last edit"
    );
}

#[test]
fn a_writer_killed_while_holding_the_lock_frees_it() {
    if Command::new("flock").arg("--version").output().is_err() {
        eprintln!("skipped: flock(1) is not installed");
        return;
    }
    let env = Env::new();
    sample(&env);
    // Another process holds the write lock, as a writer would mid-save.
    // -o: flock itself holds the lock, not the sleep it starts.
    let mut holder = Command::new("flock")
        .arg("-o")
        .arg(env.file(".rapport.lock"))
        .args(["sleep", "60"])
        .spawn()
        .unwrap();
    let lock_path = env.file(".rapport.lock");
    let start = Instant::now();
    loop {
        let f = std::fs::OpenOptions::new().write(true).open(&lock_path).unwrap();
        if f.try_lock().is_err() {
            break;
        }
        drop(f);
        assert!(start.elapsed() < Duration::from_secs(5), "flock never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = files(&env);
    let r = env.run(&["log", "dana", "call"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(".rapport.lock"),
        "the message names the lock: {}",
        r.stderr
    );
    assert_eq!(files(&env), before, "the waiting writer wrote nothing");

    holder.kill().unwrap(); // SIGKILL
    holder.wait().unwrap();
    env.ok(&["log", "dana", "call"]);
}

#[test]
fn a_symlinked_data_file_is_written_through_and_modes_are_kept() {
    let env = Env::new();
    sample(&env);
    // A dotfile manager keeps the real file elsewhere and links to it.
    let elsewhere = env.dir.path().join("dotfiles");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let real = elsewhere.join("contacts.toml");
    std::fs::rename(env.file("contacts.toml"), &real).unwrap();
    std::os::unix::fs::symlink(&real, env.file("contacts.toml")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();

    env.ok(&["edit", "dana", "--org", "Through The Link"]);
    let link = std::fs::symlink_metadata(env.file("contacts.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced by a file");
    assert!(std::fs::read_to_string(&real).unwrap().contains("Through The Link"));
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);

    // New files are private.
    for f in ["gestures.jsonl", "journal.json"] {
        let mode = std::fs::metadata(env.file(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f} is {mode:o}");
    }
}

#[test]
fn files_changed_after_rapport_read_them_are_never_overwritten() {
    use rapport::app::App;
    use rapport::app::keymap::Keymap;
    use rapport::config::Config;
    use rapport::tui::dispatch;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    let key = |c: KeyCode| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let env = Env::new();
    sample(&env);
    let store = Store::new(env.data());
    let today = rapport::domain::parse_date(common::TODAY).unwrap();
    let config = Config::default();
    let mut app = App::new(
        config.clone(),
        Keymap::new(&config.keys).unwrap(),
        today,
        store.load().unwrap(),
        None,
    );

    // 1. Same-size edit, same second: an editor changes Dana's org.
    let path = env.file("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace("Lee Family Law", "Lee Family Lab");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, &edited).unwrap();
    // The window, not yet reloaded, logs a gesture for the selected partner.
    dispatch(&mut app, &store, &key(KeyCode::Char('2')));
    dispatch(&mut app, &store, &key(KeyCode::Char('l')));
    dispatch(&mut app, &store, &key(KeyCode::Enter));
    assert!(std::fs::read_to_string(&path).unwrap().contains("Lee Family Lab"));
    assert!(
        app.data
            .book
            .partners
            .iter()
            .any(|p| p.org.as_deref() == Some("Lee Family Lab"))
    );

    // 2. An append from another process, then a write from the window.
    let log = env.file("gestures.jsonl");
    let outside = r#"{"id":"g-OUTSIDE","date":"2026-11-20","contact":"sam-cho","kind":"call","dir":"given"}"#;
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(outside.as_bytes());
    bytes.push(b'\n');
    std::fs::write(&log, &bytes).unwrap();
    dispatch(&mut app, &store, &key(KeyCode::Char('l')));
    dispatch(&mut app, &store, &key(KeyCode::Enter));
    assert!(std::fs::read_to_string(&log).unwrap().contains("g-OUTSIDE"));

    // 3. Editor-style replace (write a new file, rename it over), then an
    // edit from a form opened before it: refused, the outside edit stays.
    dispatch(&mut app, &store, &key(KeyCode::Char('e')));
    let replaced = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Dana Lee", "Dana Lee-Park");
    let tmp = env.data().join("contacts.toml~");
    std::fs::write(&tmp, &replaced).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    dispatch(&mut app, &store, &key(KeyCode::Enter));
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(
        now.contains("Dana Lee-Park"),
        "the outside edit was overwritten:\n{now}"
    );
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        app.data.book.partners.iter().any(|p| p.name == "Dana Lee-Park"),
        "the window shows the file as it is now ({status})"
    );
}

#[test]
fn a_full_disk_changes_nothing_and_says_so() {
    let env = Env::new();
    let disk = env.dir.path().join("small-disk");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&disk)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    let data = disk.join("data");
    let run = |args: &[&str]| env.cmd(args).env("RAPPORT_DATA_DIR", &data).output().unwrap();
    assert!(run(&["add", "Dana Lee", "--org", "Lee Family Law"]).status.success());
    assert!(run(&["log", "dana", "call"]).status.success());
    // Fill the disk, leaving less room than the next change needs.
    let filler = disk.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![b'x'; 4096];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    drop(f);
    let snapshot = || -> Vec<(String, Option<Vec<u8>>)> {
        DATA_FILES
            .iter()
            .map(|n| (n.to_string(), std::fs::read(data.join(n)).ok()))
            .collect()
    };
    let before = snapshot();
    let long = "a long note ".repeat(2000);
    for args in [
        vec!["edit", "dana", "--note", long.as_str()],
        vec!["log", "dana", "meeting", "--note", long.as_str()],
    ] {
        let r = run(&args);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "{args:?} on a full disk: {stderr}");
        assert!(
            stderr.to_lowercase().contains("space"),
            "the message says why: {stderr}"
        );
        assert_eq!(snapshot(), before, "{args:?} changed the files on a full disk");
    }
    std::fs::remove_file(&filler).unwrap();
    assert!(
        run(&["log", "dana", "meeting", "--note", "room again"])
            .status
            .success()
    );
}
