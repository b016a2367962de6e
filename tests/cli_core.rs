//! The core command line, run as a user would: the real binary on
//! temporary data folders.

mod common;
use common::{Env, json};
use std::os::unix::fs::PermissionsExt;

#[test]
fn add_log_show_round_trip_reads_as_the_design_says() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--org", "Lee Family Law", "--tag", "attorney"]);
    let r = env.ok(&["log", "dana", "referral", "--received", "--note", "M.O."]);
    assert!(r.stdout.contains("Logged referral from Dana Lee"), "{}", r.stdout);

    let show = json(&env.ok(&["show", "dana", "--json"]).stdout);
    assert_eq!(show["contact"]["id"], "dana-lee");
    assert_eq!(show["contact"]["name"], "Dana Lee");
    assert_eq!(show["contact"]["org"], "Lee Family Law");
    let g = &show["gestures"][0];
    assert_eq!(g["kind"], "referral");
    assert_eq!(g["dir"], "received");
    assert_eq!(g["note"], "M.O.");
    assert_eq!(g["date"], common::TODAY);
    assert!(show["balance"].is_object());
    assert!(show["open"].is_array());

    let contacts = env.read("contacts.toml");
    assert!(contacts.starts_with("schema_version = 1\n"), "{contacts}");
    assert!(
        contacts.contains(
            "[[contact]]\nid = \"dana-lee\"\nname = \"Dana Lee\"\norg = \"Lee Family Law\"\ntags = [\"attorney\"]\n"
        ),
        "{contacts}"
    );
    let log = env.read("gestures.jsonl");
    assert_eq!(log.lines().count(), 1);
    let line = json(log.lines().next().unwrap());
    assert!(line["id"].as_str().unwrap().starts_with("g-"));
    assert_eq!(line["contact"], "dana-lee");

    for f in ["contacts.toml", "gestures.jsonl"] {
        let mode = std::fs::metadata(env.file(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
}

#[test]
fn contacts_file_is_sorted_by_id_and_diffs_cleanly() {
    let env = Env::new();
    for n in ["Zoë Brandt", "Amir Haddad", "Mei Chen"] {
        env.ok(&["add", n]);
    }
    let ids: Vec<String> = env
        .read("contacts.toml")
        .lines()
        .filter_map(|l| l.strip_prefix("id = ").map(String::from))
        .collect();
    assert_eq!(ids, ["\"amir-haddad\"", "\"mei-chen\"", "\"zoe-brandt\""]);
    let before = env.read("contacts.toml");
    env.ok(&["edit", "mei", "--role", "Therapist"]);
    let after = env.read("contacts.toml");
    let changed: Vec<_> = after.lines().filter(|l| !before.lines().any(|b| b == *l)).collect();
    assert_eq!(changed, ["role = \"Therapist\""]);
}

#[test]
fn search_ignores_accents_and_ambiguous_who_lists_candidates() {
    let env = Env::new();
    for n in ["Jonas Müller", "Angela Ruiz", "Andrés Castillo", "Dana Lee"] {
        env.ok(&["add", n]);
    }
    let hits = json(&env.ok(&["search", "muller", "--json"]).stdout);
    assert_eq!(hits[0]["name"], "Jonas Müller");

    let r = env.run(&["show", "an"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("Angela Ruiz (angela-ruiz)") && r.stderr.contains("Andrés Castillo (andres-castillo)"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "one sentence: {}", r.stderr);
}

#[test]
fn ids_are_never_reused() {
    let env = Env::new();
    env.ok(&["add", "Sam Cho"]);
    env.ok(&["log", "sam", "call"]);
    // Removing the partner by hand does not free the id: the log still names it.
    env.write("contacts.toml", "schema_version = 1\n");
    let r = env.ok(&["add", "Sam Cho"]);
    assert!(r.stdout.contains("(sam-cho-2)"), "{}", r.stdout);
}

#[test]
fn archive_hides_and_undo_brings_back() {
    let env = Env::new();
    env.ok(&["add", "Tom Reyes"]);
    env.ok(&["archive", "tom"]);
    assert_eq!(json(&env.ok(&["list", "--json"]).stdout).as_array().unwrap().len(), 0);
    assert_eq!(
        json(&env.ok(&["list", "--archived", "--json"]).stdout)
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.ok(&["undo"]);
    assert_eq!(json(&env.ok(&["list", "--json"]).stdout)[0]["id"], "tom-reyes");
}

#[test]
fn every_command_has_help_and_completions_generate() {
    let env = Env::new();
    for c in [
        "add",
        "edit",
        "archive",
        "list",
        "show",
        "search",
        "log",
        "queue",
        "done",
        "snooze",
        "stats",
        "undo",
        "redo",
        "check",
        "paths",
        "outcome",
        "completions",
    ] {
        let r = env.ok(&[c, "--help"]);
        assert!(r.stdout.contains("Usage: rapport"), "{c}: {}", r.stdout);
    }
    for sh in ["bash", "zsh", "fish"] {
        let r = env.ok(&["completions", sh]);
        assert!(r.stdout.contains("rapport"), "{sh}");
    }
}

#[test]
fn paths_follow_the_overrides() {
    let env = Env::new();
    let p = json(&env.ok(&["paths", "--json"]).stdout);
    assert_eq!(p["data_dir"], env.data().to_str().unwrap());
    assert_eq!(p["contacts"], env.file("contacts.toml").to_str().unwrap());
}

#[test]
fn unknown_config_key_is_a_warning_that_names_it() {
    let env = Env::new();
    std::fs::write(env.dir.path().join("config.toml"), "default_cadance_days = 10\n").unwrap();
    let r = env.ok(&["list"]);
    assert!(
        r.stderr.contains("unknown setting `default_cadance_days`"),
        "{}",
        r.stderr
    );
}

#[test]
fn demo_never_touches_the_users_files() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee"]);
    let before = env.snapshot();
    let r = env.ok(&["--demo", "log", "dana", "call"]);
    assert!(r.stdout.contains("Logged call to Dana Lee"), "{}", r.stdout);
    let list = json(&env.ok(&["--demo", "list", "--json"]).stdout);
    assert!(list.as_array().unwrap().len() >= 25);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn unsnooze_shows_the_item_again_and_undo_hides_it_once_more() {
    let env = Env::new();
    env.ok(&["add", "Sam Cho", "--since", "2026-01-01"]);
    env.ok(&["snooze", "reach-out:sam-cho", "--days", "7"]);
    assert!(!env.ok(&["queue"]).stdout.contains("Sam Cho"));
    let r = env.ok(&["unsnooze", "sam"]);
    assert!(
        r.stdout.contains("Lifted the snooze on reach-out:sam-cho for Sam Cho"),
        "{}",
        r.stdout
    );
    assert!(env.ok(&["queue"]).stdout.contains("Sam Cho"));
    let again = env.run(&["unsnooze", "sam"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("nothing snoozed matches 'sam'"),
        "{}",
        again.stderr
    );
    env.ok(&["undo"]);
    assert!(
        !env.ok(&["queue"]).stdout.contains("Sam Cho"),
        "undo puts the snooze back"
    );
}

#[test]
fn a_gesture_dated_after_today_is_refused_unless_it_is_said_to_be_planned() {
    let env = Env::new();
    env.add_dana();
    let before = env.snapshot();
    let r = env.run(&["log", "dana", "referral", "--received", "--date", "2027-01-05"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--date 2027-01-05 is after today"), "{}", r.stderr);
    assert!(r.stderr.contains("--future"), "{}", r.stderr);
    assert_eq!(env.snapshot(), before, "nothing was logged");
    env.ok(&[
        "log",
        "dana",
        "meeting",
        "--date",
        "2026-11-27",
        "--future",
        "--note",
        "planned lunch",
    ]);
    assert!(env.read("gestures.jsonl").contains("planned lunch"));
}

#[test]
fn dates_are_read_as_the_tui_reads_them_words_weekdays_and_counts() {
    // Today is Friday 20 November 2026.
    let env = Env::new();
    env.add_dana();
    env.ok(&["log", "dana", "call", "--date", "yesterday", "--note", "one"]);
    env.ok(&["log", "dana", "call", "--date", "mon", "--note", "two"]);
    env.ok(&["log", "dana", "call", "--date", "2w", "--note", "three"]);
    env.ok(&["log", "dana", "call", "--date", "5 nov", "--note", "four"]);
    let dates: Vec<String> = common::tui::lines(&env.file("gestures.jsonl"))
        .iter()
        .map(|g| format!("{} {}", g["note"].as_str().unwrap(), g["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dates,
        [
            "one 2026-11-19",
            "two 2026-11-16",
            "three 2026-11-06",
            "four 2026-11-05"
        ]
    );
    let r = env.run(&["log", "dana", "call", "--date", "tomorrow"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("2026-11-21 is after today"), "{}", r.stderr);
    let r = env.run(&["log", "dana", "call", "--date", "someday"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("'someday' is not a day"), "{}", r.stderr);

    env.ok(&["log", "dana", "referral", "--received", "--note", "J.M."]);
    let queue = json(&env.ok(&["queue", "--json"]).stdout);
    let key = queue[0]["key"].as_str().unwrap().to_string();
    env.ok(&["snooze", &key, "--until", "fri"]);
    let snoozed = env.ok(&["queue", "--snoozed", "--json"]).stdout;
    assert!(snoozed.contains("2026-11-27"), "the next Friday: {snoozed}");
    // `show` lists it with its day.
    let card = env.ok(&["show", "dana"]).stdout;
    assert!(card.contains("Snoozed until Fri 27 Nov: thank"), "{card}");
    let r = env.run(&["snooze", "dana", "--days", "4294967295"]);
    assert_eq!(r.code, 2, "a count too large is an error, not a panic: {}", r.stderr);
    assert!(r.stderr.contains("too far ahead"), "{}", r.stderr);
}

#[test]
fn one_of_a_thing_is_said_in_the_singular() {
    let env = Env::new();
    env.add_dana();
    let check = env.ok(&["check"]).stdout;
    assert!(check.starts_with("ok: 1 partner, 0 gestures, 0 snoozes"), "{check}");
    env.ok(&["log", "dana", "referral", "--received"]);
    let check = env.ok(&["check"]).stdout;
    assert!(check.starts_with("ok: 1 partner, 1 gesture, 0 snoozes"), "{check}");
}
