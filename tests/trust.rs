//! Trust: stored text never drives the terminal, ids stay short, and keys
//! this version does not know survive a rewrite.

mod common;

use chrono::NaiveDate;
use common::{Env, json};
use rapport::app::keymap::Keymap;
use rapport::app::{App, Overlay};
use rapport::config::Config;
use rapport::store::Store;
use rapport::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// An OSC 52 sequence that writes "Hello" to the terminal's clipboard.
const OSC52: &str = "Osc52 \u{1b}]52;c;SGVsbG8=\u{7} Clip";
/// A right-to-left override, a bell and an 8-bit CSI.
const MIXED: &str = "Osc52 Mixed \u{202e}evil\u{7} Csi\u{9b}31m";

/// What must never reach a terminal from stored text.
const DANGEROUS: [char; 9] = [
    '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2069}',
];

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| DANGEROUS.contains(c)) {
        panic!("{what} carries {c:?}: {text:?}");
    }
}

/// Runs and insists that neither stdout nor stderr carries a dangerous char.
fn clean_run(env: &Env, args: &[&str]) -> common::Run {
    let r = env.run(args);
    assert_clean(&format!("stdout of {args:?}"), &r.stdout);
    assert_clean(&format!("stderr of {args:?}"), &r.stderr);
    r
}

fn clean_ok(env: &Env, args: &[&str]) -> common::Run {
    let r = clean_run(env, args);
    assert_eq!(r.code, 0, "rapport {args:?} failed: {}{}", r.stdout, r.stderr);
    r
}

#[test]
fn stored_escape_sequences_are_shown_escaped_and_json_keeps_them() {
    let env = Env::new();
    let added = clean_ok(
        &env,
        &[
            "add",
            OSC52,
            "--org",
            "Org \u{1b}[2J",
            "--note",
            "line\u{1b}]0;title\u{7}",
        ],
    );
    assert!(added.stdout.contains("\\u{1b}]52;c;SGVsbG8=\\u{7}"), "{}", added.stdout);
    clean_ok(
        &env,
        &[
            "add",
            MIXED,
            "--tag",
            "t\u{202e}ag",
            "--phone",
            "+1\u{9b}5",
            "--note",
            "over\rwrite",
        ],
    );
    let list = json(&env.ok(&["list", "--json"]).stdout);
    let id_of = |name: &str| {
        let p = list.as_array().unwrap().iter().find(|p| p["name"] == name);
        p.unwrap_or_else(|| panic!("{name:?} not stored as typed: {list}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (osc, mixed) = (&id_of(OSC52), &id_of(MIXED));

    // A referral received with a hostile note: the queue owes a thank-you.
    clean_ok(
        &env,
        &[
            "log",
            osc,
            "referral",
            "--received",
            "--outcome",
            "engaged",
            "--note",
            "M.O. \u{1b}[31m\u{202e}",
        ],
    );
    clean_ok(&env, &["log", mixed, "referral", "--received", "--note", "x\u{9b}y"]);

    let list = clean_ok(&env, &["list"]);
    assert!(list.stdout.contains("Osc52 \\u{1b}]52"), "{}", list.stdout);
    clean_ok(&env, &["list", "--tag", "t\u{202e}ag"]);
    let shown = clean_ok(&env, &["show", osc]);
    assert!(shown.stdout.contains("\\u{1b}[2J"), "{}", shown.stdout);
    clean_ok(&env, &["show", mixed]);
    clean_ok(&env, &["search", "osc52"]);
    let queue = clean_ok(&env, &["queue"]);
    assert!(queue.stdout.contains("Osc52"), "{}", queue.stdout);
    let stats = clean_ok(&env, &["stats"]);
    assert!(stats.stdout.contains("Osc52 \\u{1b}"), "{}", stats.stdout);
    clean_ok(&env, &[]);
    clean_ok(&env, &["edit", osc, "--role", "r\u{1b}"]);
    clean_ok(&env, &["undo"]);
    clean_ok(&env, &["redo"]);
    clean_ok(&env, &["archive", mixed]);
    clean_ok(&env, &["archive", "--restore", mixed]);
    let key = json(&env.ok(&["queue", "--json"]).stdout)[0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    clean_ok(&env, &["snooze", &key, "--days", "2"]);
    clean_ok(&env, &["outcome", mixed, "declined"]);

    // Errors built from stored text: an ambiguous and an unknown WHO.
    let r = clean_run(&env, &["show", "osc52"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("matches 2 partners"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "still one line: {}", r.stderr);
    let r = clean_run(&env, &["show", "qqq\u{1b}]2;zz\u{7}"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = clean_run(&env, &["search", "qqq\u{1b}]2;zz\u{7}"]);
    assert!(r.stderr.contains("no partner matches"), "{}", r.stderr);

    // --json carries the text exactly as stored.
    let v = json(&clean_ok(&env, &["show", osc, "--json"]).stdout);
    assert_eq!(v["contact"]["name"], OSC52);
    assert_eq!(v["contact"]["org"], "Org \u{1b}[2J");
    assert_eq!(v["contact"]["notes"], "line\u{1b}]0;title\u{7}");
    let v = json(&clean_ok(&env, &["show", mixed, "--json"]).stdout);
    assert_eq!(v["contact"]["name"], MIXED);
    assert_eq!(v["contact"]["tags"][0], "t\u{202e}ag");
    assert_eq!(v["contact"]["notes"], "over\rwrite");
    let all = json(&clean_ok(&env, &["search", "mixed", "--json"]).stdout);
    assert_eq!(all[0]["name"], MIXED);
    let q = json(&clean_ok(&env, &["queue", "--json"]).stdout);
    assert!(q.as_array().unwrap().iter().any(|i| i["name"] == MIXED), "{q}");
    // And the file keeps it as typed.
    let stored = env.read("contacts.toml");
    assert!(stored.contains("\\u001B]52;c;SGVsbG8=\\u0007"), "{stored}");
}

#[test]
fn an_imported_hostile_vcard_is_summed_up_safely_and_exported_without_controls() {
    let env = Env::new();
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Osc52 \u{1b}]52;c;SGVsbG8=\u{7} Clip\r\nORG:Evil\u{202e}Corp\u{9b}\r\nNOTE:a\u{1b}[2Jb\r\nEND:VCARD\r\n";
    let file = env.dir.path().join("hostile.vcf");
    std::fs::write(&file, card).unwrap();
    let r = clean_ok(&env, &["import", file.to_str().unwrap()]);
    assert!(r.stdout.contains("added"), "{}", r.stdout);
    let r = clean_ok(&env, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(r.stdout.contains("Dry run"), "{}", r.stdout);
    let v = json(&env.ok(&["list", "--json"]).stdout);
    assert_eq!(v[0]["name"], OSC52);

    for format in ["vcard", "ics"] {
        let out = env.ok(&["export", "--format", format]).stdout;
        let bad = out
            .chars()
            .find(|&c| (c.is_control() && c != '\r' && c != '\n') || c == '\u{7f}');
        assert_eq!(bad, None, "{format} export: {out:?}");
        assert!(!out.replace("\r\n", "").contains('\r'), "{format}: a bare CR");
    }
    let dir = env.dir.path().join("vdir");
    env.ok(&["export", "--format", "vdir", "-o", dir.to_str().unwrap()]);
    for f in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\r' && c != '\n'),
            "{text:?}"
        );
    }
}

fn today() -> NaiveDate {
    rapport::domain::parse_date(common::TODAY).unwrap()
}

/// Every cell of a frame of the TUI, drawn into a TestBackend.
fn frame(app: &mut App, w: u16, h: u16) -> Vec<String> {
    app.screen = Rect::new(0, 0, w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| rapport::ui::draw(app, &Theme::mono(), f)).unwrap();
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol().to_string())
        .collect()
}

fn assert_frame_clean(what: &str, app: &mut App) {
    for (w, h) in [(120, 40), (60, 20)] {
        let cells = frame(app, w, h);
        for (i, sym) in cells.iter().enumerate() {
            if let Some(c) = sym.chars().find(|c| DANGEROUS.contains(c) || c.is_control()) {
                panic!("{what} at {w}x{h}: cell {i} holds {c:?}");
            }
        }
    }
}

fn key(app: &mut App, store: &Store, code: KeyCode) {
    rapport::tui::dispatch(app, store, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, store: &Store, s: &str) {
    for c in s.chars() {
        key(app, store, KeyCode::Char(c));
    }
}

#[test]
fn the_tui_draws_no_control_or_bidi_character_from_stored_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("contacts.toml"),
        r#"schema_version = 1

[[contact]]
id = "mixed"
name = "Osc52 Mixed \u202Eevil\u0007 \r Csi\u009B31m"
org = "Org \u2066x\u2069"
role = "Role \u001B[5m"
emails = ["a\u001B@example.org"]
phones = ["+1\u009B5"]
tags = ["t\u202Eag"]
clientele = "c\u0007"
notes = "first\u001B]0;title\u0007\nsecond\u202E"
since = 2025-01-01

[[contact]]
id = "osc"
name = "Osc52 \u001B]52;c;SGVsbG8=\u0007 Clip \u2067x\u2069"
since = 2025-01-01
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gestures.jsonl"),
        "{\"id\":\"g-1\",\"date\":\"2026-11-18\",\"contact\":\"osc\",\"kind\":\"referral\",\"dir\":\"received\",\"note\":\"M.O. \\u001b[31m\\u202e\"}\n\
         {\"id\":\"g-2\",\"date\":\"2026-11-19\",\"contact\":\"mixed\",\"kind\":\"call\",\"dir\":\"given\",\"note\":\"n\\u009b\\u0007\"}\n",
    )
    .unwrap();
    let store = Store::new(dir.path());
    let config = Config::default();
    let keymap = Keymap::new(&config.keys).unwrap();
    let mut app = App::new(config, keymap, today(), store.load().unwrap(), None);
    assert!(!app.view.items.is_empty(), "the referral owes a thank-you");
    assert_frame_clean("the panes", &mut app);

    keys(&mut app, &store, "/clip");
    assert_frame_clean("the search popup", &mut app);
    key(&mut app, &store, KeyCode::Enter);
    assert!(matches!(app.overlays.last(), Some(Overlay::Card(c)) if c.id == "osc"));
    assert_frame_clean("the card", &mut app);
    key(&mut app, &store, KeyCode::Esc);
    assert!(app.overlays.is_empty());

    // The second partner, by search, and its card with the multi-line notes.
    keys(&mut app, &store, "/mixed");
    key(&mut app, &store, KeyCode::Enter);
    assert!(matches!(app.overlays.last(), Some(Overlay::Card(c)) if c.id == "mixed"));
    let cells = frame(&mut app, 120, 40).concat();
    assert!(cells.contains("second"), "the notes' second line is drawn");
    assert!(
        cells.contains("Mixed \\u{202e}evil"),
        "shown as a visible escape: {cells}"
    );
    assert_frame_clean("the mixed card", &mut app);
    keys(&mut app, &store, "e");
    assert!(matches!(app.overlays.last(), Some(Overlay::PartnerForm(_))));
    assert_frame_clean("the edit form", &mut app);
    key(&mut app, &store, KeyCode::Esc);
    key(&mut app, &store, KeyCode::Esc);
    assert!(app.overlays.is_empty());

    keys(&mut app, &store, "2l");
    assert!(matches!(app.overlays.last(), Some(Overlay::LogForm(_))));
    assert_frame_clean("the log form", &mut app);
    key(&mut app, &store, KeyCode::Esc);
    keys(&mut app, &store, "1s");
    assert!(matches!(app.overlays.last(), Some(Overlay::Snooze(_))));
    assert_frame_clean("the snooze form", &mut app);
    key(&mut app, &store, KeyCode::Esc);
    // The thank-you owed for the referral (a reach-out item may come first).
    let row = app
        .view
        .items
        .iter()
        .position(|i| i.kind == rapport::domain::queue::ItemKind::Thank)
        .unwrap();
    app.select(rapport::app::Pane::Queue, row);
    keys(&mut app, &store, "d");
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        status.contains("Osc52 \u{1b}"),
        "the status quotes the name as stored: {status}"
    );
    assert_frame_clean("the status line", &mut app);
    keys(&mut app, &store, "3");
    assert_frame_clean("the log pane", &mut app);
}

/// A name of 100,000 characters, in words.
fn long_name(word: &str) -> String {
    let mut s = String::new();
    while s.chars().count() < 100_000 {
        s.push_str(word);
        s.push(' ');
    }
    s.truncate(100_000);
    s.trim().to_string()
}

#[test]
fn a_hundred_thousand_character_name_gets_a_short_id_and_exports() {
    let env = Env::new();
    let name = long_name("Bartholomew");
    env.ok(&["add", &name]);
    env.ok(&["add", &name]);
    env.ok(&["add", &"x".repeat(100_000)]);
    env.ok(&["add", "Dana Lee"]);
    let list = json(&env.ok(&["list", "--json"]).stdout);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
    for id in &ids {
        assert!(id.chars().count() <= 48, "{} chars: {id}", id.chars().count());
        assert!(!id.ends_with('-'), "{id}");
    }
    assert!(
        ids.contains(&"bartholomew-bartholomew-bartholomew-bartholomew"),
        "{ids:?}"
    );
    assert!(ids.iter().any(|i| i.ends_with("-2")), "{ids:?}");
    assert!(
        list.as_array().unwrap().iter().any(|p| p["name"] == name.as_str()),
        "the name is kept whole"
    );

    let shown = env.ok(&["show", "bartholomew-bartholomew-bartholomew-bartholomew"]);
    assert!(shown.stdout.contains(&name), "show prints the whole name");

    let dir = env.dir.path().join("vdir");
    let r = env.ok(&["export", "--format", "vdir", "-o", dir.to_str().unwrap()]);
    assert!(r.stderr.contains("4 written"), "{}", r.stderr);
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 4);
    let card = std::fs::read_to_string(dir.join("bartholomew-bartholomew-bartholomew-bartholomew.vcf")).unwrap();
    assert!(
        card.replace("\r\n ", "").contains(&format!("\r\nFN:{name}\r\n")),
        "the card has the whole name"
    );
    let again = env.ok(&["export", "--format", "vdir", "-o", dir.to_str().unwrap()]);
    assert!(again.stderr.contains("0 written, 4 unchanged"), "{}", again.stderr);
}

const WITH_FUTURE_KEYS: &str = r#"schema_version = 1
future_top = "x"
future_list = [1, 2]

[settings_future]
mode = "y"
nested = { depth = 2 }

[[contact]]
id = "dana-lee"
name = "Dana Lee"
since = 2026-01-01
cadence_days = 30
"#;

#[test]
fn unknown_top_level_keys_and_tables_of_contacts_toml_survive_a_rewrite() {
    let env = Env::new();
    env.write("contacts.toml", WITH_FUTURE_KEYS);
    let r = env.ok(&["edit", "dana", "--org", "Lee Family Law"]);
    assert!(r.stderr.contains("future_top"), "still worth a word: {}", r.stderr);
    let after = env.read("contacts.toml");
    let v: toml::Table = toml::from_str(&after).unwrap();
    assert_eq!(v["future_top"].as_str(), Some("x"), "{after}");
    assert_eq!(v["future_list"].as_array().map(Vec::len), Some(2), "{after}");
    assert_eq!(v["settings_future"]["mode"].as_str(), Some("y"), "{after}");
    assert_eq!(v["settings_future"]["nested"]["depth"].as_integer(), Some(2), "{after}");
    assert_eq!(v["contact"][0]["org"].as_str(), Some("Lee Family Law"), "{after}");
    assert!(after.starts_with("schema_version = 1\n"), "{after}");

    // A table after the contacts is just as top-level, and is kept too.
    env.write(
        "contacts.toml",
        format!("{WITH_FUTURE_KEYS}\n[later_table]\nk = true\n"),
    );
    env.ok(&["edit", "dana", "--role", "Attorney"]);
    env.ok(&["undo"]);
    let after = env.read("contacts.toml");
    let v: toml::Table = toml::from_str(&after).unwrap();
    assert_eq!(v["later_table"]["k"].as_bool(), Some(true), "{after}");
    assert_eq!(v["future_top"].as_str(), Some("x"), "{after}");
    assert_eq!(v["contact"].as_array().map(Vec::len), Some(1), "{after}");
    env.ok(&["check"]);
}

#[test]
fn an_unknown_queue_toml_key_is_a_warning_and_survives_a_snooze() {
    let env = Env::new();
    env.write(
        "contacts.toml",
        "schema_version = 1\n\n[[contact]]\nid = \"dana-lee\"\nname = \"Dana Lee\"\nsince = 2026-01-01\ncadence_days = 30\nstage = \"rapport\"\n\n[[contact]]\nid = \"sam-cho\"\nname = \"Sam Cho\"\nsince = 2026-01-01\ncadence_days = 30\nstage = \"rapport\"\n",
    );
    env.write(
        "queue.toml",
        "future_q = \"kept\"\n\n[dismissed_future]\n\"touch:x\" = 2026-12-01\n",
    );
    let r = env.ok(&["queue"]);
    assert!(
        r.stderr.contains("queue.toml") && r.stderr.contains("future_q"),
        "a warning that names the file and the key: {}",
        r.stderr
    );
    assert!(r.stdout.contains("touch:dana-lee"), "{}", r.stdout);
    env.ok(&["snooze", "touch:dana-lee", "--days", "3"]);
    let after = env.read("queue.toml");
    let v: toml::Table = toml::from_str(&after).unwrap();
    assert_eq!(v["future_q"].as_str(), Some("kept"), "{after}");
    assert!(v["dismissed_future"].get("touch:x").is_some(), "{after}");
    assert!(v["snoozed"].get("touch:dana-lee").is_some(), "{after}");
    // Undoing the only snooze leaves no snooze, and still the keys.
    env.ok(&["undo"]);
    let after = env.read("queue.toml");
    assert!(after.contains("future_q"), "{after}");
    env.ok(&["check"]);
}

#[test]
fn kept_top_level_items_survive_a_change_made_from_the_cached_book() {
    let env = Env::new();
    let data = env.data();
    env.ok(&[
        "generate",
        "--contacts",
        "2000",
        "--gestures",
        "3000",
        "--seed",
        "3",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    let text = env.read("contacts.toml");
    let body = text.strip_prefix("schema_version = 1\n").unwrap();
    env.write(
        "contacts.toml",
        format!("schema_version = 1\nfuture_top = \"x\"\n{body}\n[later]\nk = true\n"),
    );
    let cache = env.dir.path().join("cache");
    let run = |args: &[&str]| {
        let r: common::Run = env.cmd(args).env("RAPPORT_CACHE_DIR", &cache).output().unwrap().into();
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r
    };
    // Once the files have settled the book is cached, and the next load
    // (the change's own) reads the copy, not the file.
    std::thread::sleep(rapport::store::cache::SETTLED + std::time::Duration::from_millis(200));
    let list = json(&run(&["list", "--json"]).stdout);
    assert!(
        std::fs::read_dir(&cache).is_ok_and(|d| d.count() > 0),
        "the book was cached"
    );
    let id = list[0]["id"].as_str().unwrap().to_string();
    run(&["edit", &id, "--org", "Changed"]);
    let after: toml::Table = toml::from_str(&env.read("contacts.toml")).unwrap();
    assert_eq!(after["future_top"].as_str(), Some("x"));
    assert_eq!(after["later"]["k"].as_bool(), Some(true));
    assert_eq!(after["contact"].as_array().map(Vec::len), Some(2000));
}

#[test]
fn a_log_that_an_editor_saved_with_a_byte_order_mark_is_read() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee"]);
    env.ok(&["log", "dana", "call", "--note", "first"]);
    let log = env.read("gestures.jsonl");
    env.write("gestures.jsonl", format!("\u{feff}{log}"));
    let shown = env.ok(&["show", "dana", "--json"]);
    assert_eq!(json(&shown.stdout)["gestures"][0]["note"], "first");
    // The next change appends after it and keeps every line.
    env.ok(&["log", "dana", "card"]);
    let after = json(&env.ok(&["show", "dana", "--json"]).stdout);
    assert_eq!(after["gestures"].as_array().map(Vec::len), Some(2));
    env.ok(&["check"]);
}
