//! One change, two doors: each kind of change made with the keys of the
//! headless TUI on one copy of the demo and with the real binary on
//! another leaves the same data files behind (gesture ids aside).

mod common;

use common::tui::{Tui, lines, today};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The other copy, changed by the command line.
struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: rapport::demo::create(today()).unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(args)
            .env("RAPPORT_DATA_DIR", self.dir.path())
            .env("RAPPORT_CONFIG", self.dir.path().join("no-config.toml"))
            .env("RAPPORT_TODAY", common::TODAY)
            .env_remove("RAPPORT_FAIL_AT")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "rapport {args:?}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    }
}

/// The data files of `dir` with what differs by nature taken out: each
/// gesture's id (made fresh by each door) and the order of unordered
/// things.
fn files(dir: &Path) -> (String, Vec<Value>, String) {
    let contacts = std::fs::read_to_string(dir.join("contacts.toml")).unwrap();
    let log = lines(&dir.join("gestures.jsonl"))
        .into_iter()
        .map(|mut g| {
            g.as_object_mut().unwrap().remove("id");
            g
        })
        .collect();
    let queue = std::fs::read_to_string(dir.join("queue.toml")).unwrap_or_default();
    (contacts, log, queue)
}

fn same(step: &str, t: &Tui, cli: &Cli) {
    let (tc, tl, tq) = files(t.dir.path());
    let (cc, cl, cq) = files(cli.dir.path());
    assert_eq!(tc, cc, "{step}: contacts.toml differs (left: TUI, right: CLI)");
    assert_eq!(
        tl.len(),
        cl.len(),
        "{step}: gestures.jsonl has {} and {} lines",
        tl.len(),
        cl.len()
    );
    for (n, (a, b)) in tl.iter().zip(&cl).enumerate() {
        assert_eq!(
            a,
            b,
            "{step}: gestures.jsonl line {} differs (left: TUI, right: CLI)",
            n + 1
        );
    }
    assert_eq!(tq, cq, "{step}: queue.toml differs (left: TUI, right: CLI)");
}

/// Moves the queue's cursor to the item `key` with the keys a user presses.
fn to_item(t: &mut Tui, key: &str) {
    t.keys("1g");
    let at = t
        .app
        .view
        .items
        .iter()
        .position(|i| i.key == key)
        .unwrap_or_else(|| panic!("{key} is not in the queue"));
    for _ in 0..at {
        t.key(KeyCode::Char('j'));
    }
}

/// The key of the first open item of `kind`.
fn first(t: &Tui, kind: &str) -> String {
    t.app
        .view
        .items
        .iter()
        .find(|i| i.kind.as_str() == kind)
        .unwrap_or_else(|| panic!("the demo has a {kind} item"))
        .key
        .clone()
}

/// The last line of the TUI's log.
fn last(t: &Tui) -> Value {
    t.log().pop().unwrap()
}

fn text(g: &Value, field: &str) -> String {
    g[field].as_str().unwrap_or_default().to_string()
}

#[test]
fn every_change_made_in_the_tui_and_on_the_command_line_leaves_the_same_files() {
    let mut t = Tui::demo();
    let cli = Cli::new();
    same("the two copies", &t, &cli);

    // Log: a call with a note.
    t.select("sam-cho");
    t.keys("l");
    for _ in 0..3 {
        t.key(KeyCode::Tab);
    }
    t.keys("parity call");
    t.key(KeyCode::Enter);
    let g = last(&t);
    assert_eq!(text(&g, "note"), "parity call", "{}", t.status());
    let dir = if text(&g, "dir") == "received" {
        "--received"
    } else {
        "--date"
    };
    let mut args = vec!["log", "sam-cho", g["kind"].as_str().unwrap()];
    if dir == "--received" {
        args.push(dir);
    }
    args.extend(["--note", "parity call"]);
    cli.run(&args);
    same("log", &t, &cli);

    // Done: a thank item cleared with its own gesture.
    let key = first(&t, "thank");
    to_item(&mut t, &key);
    t.keys("d");
    assert!(t.status().starts_with("Logged"), "{}", t.status());
    cli.run(&["done", &key]);
    same("done", &t, &cli);

    // Done with the form: a touch cleared with a note.
    let key = first(&t, "touch");
    to_item(&mut t, &key);
    t.keys("D");
    t.keys("lunch at the deli");
    t.key(KeyCode::Enter);
    let g = last(&t);
    assert_eq!(text(&g, "note"), "lunch at the deli", "{}", t.status());
    let kind = text(&g, "kind");
    cli.run(&["done", &key, "--kind", &kind, "--note", "lunch at the deli"]);
    same("done with the form", &t, &cli);

    // Done on an update: the outcome is set on the referral too.
    let key = first(&t, "update");
    to_item(&mut t, &key);
    t.keys("d");
    t.keys("e");
    t.key(KeyCode::Enter);
    assert!(t.status().contains("engaged"), "{}", t.status());
    cli.run(&["done", &key, "--outcome", "engaged"]);
    same("done on an update", &t, &cli);

    // Snooze: 14 days.
    let key = first(&t, "touch");
    to_item(&mut t, &key);
    t.keys("s14");
    t.key(KeyCode::Enter);
    assert!(t.status().starts_with("Snoozed"), "{}", t.status());
    cli.run(&["snooze", &key, "--days", "14"]);
    same("snooze", &t, &cli);

    // Add, then edit, archive and restore the one added.
    t.keys("aAnn Example");
    t.key(KeyCode::Enter);
    assert!(t.status().starts_with("Added Ann Example"), "{}", t.status());
    cli.run(&["add", "Ann Example"]);
    same("add", &t, &cli);

    t.select("ann-example");
    t.keys("e");
    t.key(KeyCode::Tab);
    t.keys("Example & Co");
    t.key(KeyCode::Enter);
    assert!(t.status().starts_with("Edited Ann Example"), "{}", t.status());
    cli.run(&["edit", "ann-example", "--org", "Example & Co"]);
    same("edit", &t, &cli);

    t.select("ann-example");
    t.keys("x");
    t.keys("not a fit");
    t.key(KeyCode::Enter);
    assert!(t.status().starts_with("Archived Ann Example"), "{}", t.status());
    cli.run(&["archive", "ann-example", "--reason", "not a fit"]);
    same("archive", &t, &cli);

    t.keys("2");
    t.keys(":archived");
    t.key(KeyCode::Enter);
    t.select("ann-example");
    t.keys("x");
    t.keys("y");
    assert!(t.status().starts_with("Restored Ann Example"), "{}", t.status());
    t.key(KeyCode::Esc);
    cli.run(&["archive", "--restore", "ann-example"]);
    same("restore", &t, &cli);

    // Accept the stage the log suggests (the demo's Ben Okafor).
    t.select("ben-okafor");
    t.keys("S");
    assert!(t.status().contains("stage reach-out → rapport"), "{}", t.status());
    cli.run(&["edit", "ben-okafor", "--accept-stage"]);
    same("accept stage", &t, &cli);

    // A second Dana Lee, then merged into the first.
    t.keys("aDana Lee");
    t.key(KeyCode::Enter);
    t.key(KeyCode::Enter);
    cli.run(&["add", "Dana Lee"]);
    same("add a second Dana Lee", &t, &cli);
    t.select("dana-lee-2");
    t.keys("M");
    // Found by typing, whether or not the rule calls them look-alikes.
    t.keys("Lee Family");
    t.key(KeyCode::Enter);
    assert!(
        t.status()
            .contains("Merged Dana Lee (dana-lee-2) into Dana Lee (dana-lee)"),
        "{}",
        t.status()
    );
    cli.run(&["merge", "dana-lee", "dana-lee-2"]);
    same("merge", &t, &cli);

    // Refer a client out: the partner the TUI ranks first.
    t.keys("r");
    t.keys("estate planning");
    t.key(KeyCode::Enter);
    t.keys("J.P.");
    t.key(KeyCode::Enter);
    let g = last(&t);
    assert_eq!(
        (text(&g, "kind"), text(&g, "dir")),
        ("referral".into(), "given".into()),
        "{}",
        t.status()
    );
    let to = text(&g, "contact");
    cli.run(&["refer", "estate planning", "--to", &to, "--note", "J.P."]);
    same("refer", &t, &cli);

    // A draft marked sent: a message given.
    t.select("dana-lee");
    t.keys("w");
    t.keys("s");
    let g = last(&t);
    assert_eq!(text(&g, "kind"), "message", "{}", t.status());
    cli.run(&["log", "dana-lee", "message", "--note", &text(&g, "note")]);
    same("draft sent", &t, &cli);

    // Undo and redo walk the same journal.
    t.keys("u");
    cli.run(&["undo"]);
    same("undo", &t, &cli);
    t.keys("u");
    cli.run(&["undo"]);
    same("a second undo", &t, &cli);
    t.key_with(KeyCode::Char('r'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    cli.run(&["redo"]);
    same("redo", &t, &cli);
}
