//! The parsed-book cache, through the real binary: a book large enough to
//! be cached answers `search`, `show` and `list` exactly as with the cache
//! off, before and after a change.

mod common;

use common::Env;
use std::path::PathBuf;
use std::time::Duration;

struct Cached {
    env: Env,
    cache: PathBuf,
}

impl Cached {
    fn new() -> Cached {
        let env = Env::new();
        let cache = env.dir.path().join("cache");
        let data = env.data();
        // About 2 MB: over the size under which books are not cached.
        env.ok(&[
            "generate",
            "--contacts",
            "1500",
            "--gestures",
            "15000",
            "--seed",
            "7",
            "--data-dir",
            data.to_str().unwrap(),
        ]);
        Cached { env, cache }
    }

    /// stdout, stderr and exit code, with the cache on or off.
    fn run(&self, args: &[&str], cache: bool) -> (String, String, i32) {
        let dir = if cache { self.cache.as_os_str() } else { "".as_ref() };
        let out = self.env.cmd(args).env("RAPPORT_CACHE_DIR", dir).output().unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
            out.status.code().unwrap_or(-1),
        )
    }

    /// Runs `args` twice with the cache (filling it, then reading it) and
    /// once without; all three must agree.
    fn same(&self, args: &[&str]) -> String {
        let off = self.run(args, false);
        let fill = self.run(args, true);
        let hit = self.run(args, true);
        assert_eq!(fill, off, "rapport {args:?}, filling the cache");
        assert_eq!(hit, off, "rapport {args:?}, from the cache");
        off.0
    }

    fn copies(&self) -> usize {
        std::fs::read_dir(&self.cache).map(|d| d.count()).unwrap_or(0)
    }
}

/// The cache trusts only files left alone for two seconds.
fn settle() {
    std::thread::sleep(Duration::from_millis(2300));
}

#[test]
fn search_show_and_list_answer_the_same_from_the_cache() {
    let c = Cached::new();
    settle();
    let found = c.same(&["search", "müller", "--json"]);
    assert_eq!(c.copies(), 1, "the book was cached");
    let hits: serde_json::Value = serde_json::from_str(&found).unwrap();
    let id = hits[0]["id"].as_str().expect("someone is called Müller").to_string();
    c.same(&["search", "law", "--json"]);
    c.same(&["search", "mllr"]);
    c.same(&["search", "nobody-has-this-name"]);
    let shown = c.same(&["show", &id, "--json"]);
    assert!(shown.contains("\"gestures\""), "{shown}");
    c.same(&["show", &id]);
    // Several match: the same failure and candidates either way.
    let (_, err, code) = c.run(&["show", "a"], true);
    assert_eq!(code, 2, "{err}");
    c.same(&["show", "a"]);
    c.same(&["list", "--json"]);
    c.same(&["list", "--tag", "attorney"]);
}

#[test]
fn a_change_is_seen_at_once_with_the_cache_on() {
    let c = Cached::new();
    settle();
    let found = c.same(&["search", "müller", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&found).unwrap();
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let (out, err, code) = c.run(&["log", &id, "thank-you", "--note", "cached-book marker"], true);
    assert_eq!(code, 0, "{out}{err}");
    let shown = c.same(&["show", &id, "--json"]);
    assert!(shown.contains("cached-book marker"), "the new gesture shows at once");
    // The partner's last touch is today's gesture in the lists too.
    let listed = c.same(&["search", "müller", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(hits[0]["last_touch"], common::TODAY, "{listed}");
    c.same(&["list", "--json"]);
    // Once the files settle the cache is made again, and still agrees.
    settle();
    let again = c.same(&["show", &id, "--json"]);
    assert_eq!(again, shown);
    // contacts.toml changed while the log did not: the same again.
    let (out, err, code) = c.run(&["edit", &id, "--org", "Edited Org"], true);
    assert_eq!(code, 0, "{out}{err}");
    let shown = c.same(&["show", &id, "--json"]);
    assert!(shown.contains("Edited Org"), "{shown}");
    c.same(&["queue", "--json"]);
    c.same(&["search", "edited", "--json"]);
}

#[test]
fn a_log_changed_or_spoiled_outside_reads_as_with_the_cache_off() {
    let c = Cached::new();
    settle();
    let found = c.same(&["search", "müller", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&found).unwrap();
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let log = c.env.file("gestures.jsonl");
    let original = std::fs::read_to_string(&log).unwrap();
    // A note changed by hand early in the log, and a line added at the end.
    let first = original.lines().next().unwrap();
    let edited = first.replacen("\"date\"", "\"note\":\"edited by hand\",\"date\"", 1);
    let last = original.lines().last().unwrap();
    let added = last.replacen("\"id\":\"g-", "\"id\":\"g-added-", 1);
    std::fs::write(
        &log,
        format!("{}\n{added}\n", original.replacen(first, &edited, 1).trim_end()),
    )
    .unwrap();
    let shown = c.same(&["queue", "--json"]);
    assert!(!shown.is_empty());
    c.same(&["show", &id, "--json"]);
    // A line that is not JSON added at the end: the same error either way.
    std::fs::write(&log, format!("{original}{{not json}}\n")).unwrap();
    let (_, err, code) = c.run(&["show", &id, "--json"], true);
    assert_eq!(code, c.run(&["show", &id, "--json"], false).2);
    assert!(err.contains("gestures.jsonl:"), "{err}");
    c.same(&["show", &id, "--json"]);
}

#[test]
fn a_damaged_copy_is_never_an_error_and_is_made_again() {
    let c = Cached::new();
    settle();
    let found = c.same(&["search", "müller", "--json"]);
    let hit = &common::json(&found)[0];
    let (id, name) = (hit["id"].as_str().unwrap(), hit["name"].as_str().unwrap());
    let copy = std::fs::read_dir(&c.cache).unwrap().next().unwrap().unwrap().path();
    let good = std::fs::read(&copy).unwrap();
    // The partner's record is the one place that holds their name unfolded.
    let record = good.windows(name.len()).position(|w| w == name.as_bytes()).unwrap() + 1;
    let flipped = |at: usize| {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        bad
    };
    let commands: [&[&str]; 4] = [
        &["list", "--json"],
        &["search", "müller", "--json"],
        &["show", id, "--json"],
        &["queue", "--json"],
    ];
    for (what, at) in [
        ("the middle of the copy", good.len() / 2),
        ("the partner's record", record),
    ] {
        for args in commands {
            std::fs::write(&copy, flipped(at)).unwrap();
            let off = c.run(args, false);
            assert_eq!(off.2, 0, "{args:?}: {}", off.1);
            assert_eq!(c.run(args, true), off, "rapport {args:?} with {what} damaged");
            // Either the command never read the damaged part, or it threw
            // the copy away and made it again.
            let now = std::fs::read(&copy).unwrap();
            assert!(now == good || now == flipped(at), "rapport {args:?} left a bad copy");
        }
        assert_eq!(std::fs::read(&copy).unwrap(), good, "{what}: made again by the last");
    }

    // A change reads the files, whatever the copy holds.
    std::fs::write(&copy, flipped(record)).unwrap();
    let before = c.env.read("contacts.toml");
    let (out, err, code) = c.run(&["edit", id, "--org", "Edited Org"], true);
    assert_eq!(code, 0, "{out}{err}");
    let after = c.env.read("contacts.toml");
    let changed: Vec<_> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert!(matches!(changed[..], [(_, "org = \"Edited Org\"")]), "{changed:?}");
    // Once the files settle, the copy is made again, as from scratch.
    settle();
    c.same(&["queue", "--json"]);
    let fresh = c.env.dir.path().join("fresh-cache");
    let run = c
        .env
        .cmd(&["queue", "--json"])
        .env("RAPPORT_CACHE_DIR", &fresh)
        .output()
        .unwrap();
    assert!(run.status.success());
    let made = std::fs::read_dir(&fresh).unwrap().next().unwrap().unwrap().path();
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(made).unwrap());
}
