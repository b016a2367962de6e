//! One rule, whatever the door: what you owe a partner, their last touch
//! and their open items read the same on the card (the headless TUI),
//! `show`, the partners pane, `refer`, `stats`, `queue` and `list` — on
//! the demo, and after a gesture logged under a merged-away id arrives
//! from another machine.

mod common;

use common::tui::Tui;
use common::{TODAY, json};
use rapport::config::Config;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// `rapport ARGS` on the data folder `dir`, as the tests' [`common::Env`]
/// runs it: (exit code, stdout, stderr).
fn cli(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let home = dir.join(".home");
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .env("RAPPORT_DATA_DIR", dir)
        .env("RAPPORT_CONFIG", home.join("config.toml"))
        .env("RAPPORT_TODAY", TODAY)
        .env("RAPPORT_LOCK_WAIT_MS", "300")
        .env_remove("RAPPORT_FAIL_AT")
        .env("HOME", &home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// `rapport ARGS --json` on `dir`, insisting on success; stderr too.
fn cli_json(dir: &Path, args: &[&str]) -> (Value, String) {
    let mut args = args.to_vec();
    args.push("--json");
    let (code, out, err) = cli(dir, &args);
    assert_eq!(code, 0, "rapport {args:?} failed: {out}{err}");
    (json(&out), err)
}

/// "you owe 2" / "even" / "they owe 1" as a number: what you owe.
fn owe_in(words: &str) -> Option<i64> {
    let at = |w: &str| words.find(w).map(|i| &words[i + w.len()..]);
    let number = |rest: &str| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse::<i64>().ok();
    if let Some(rest) = at("you owe ") {
        return number(rest);
    }
    if let Some(rest) = at("they owe ") {
        return number(rest).map(|n| -n);
    }
    words.contains("even").then_some(0)
}

/// The lines of the card open on a wide screen, where it stands beside
/// the panes (right of their borders), each wrapped line joined up again.
fn card_lines(t: &mut Tui) -> Vec<String> {
    let screen = t.screen(200, 80);
    let mut out: Vec<String> = Vec::new();
    for row in screen.lines().filter_map(|l| l.rsplit_once("││").map(|(_, r)| r)) {
        let text = row.trim_end().trim_end_matches('│').trim_end();
        match (text.strip_prefix("  "), out.last_mut()) {
            (Some(more), Some(last)) if !more.starts_with(' ') && !more.is_empty() => {
                last.push(' ');
                last.push_str(more);
            }
            _ => out.push(text.trim_start().to_string()),
        }
    }
    out
}

/// What the card of partner `id` says you owe, opened as a user would (the
/// partners pane, the partner selected, Enter), with the card's lines.
fn card_of(t: &mut Tui, id: &str) -> (i64, Vec<String>) {
    t.select(id);
    t.key(KeyCode::Enter);
    assert!(
        matches!(t.app.overlays.last(), Some(rapport::app::Overlay::Card(c)) if c.id == id),
        "Enter opens {id}'s card"
    );
    let lines = card_lines(t);
    t.key(KeyCode::Esc);
    let line = lines
        .iter()
        .find(|l| l.starts_with("Referrals, last 12 months"))
        .unwrap_or_else(|| panic!("{id}'s card has no balance line: {lines:#?}"));
    let owe = owe_in(line).unwrap_or_else(|| panic!("no owe in {line:?}"));
    (owe, lines)
}

/// The partners pane's column for each row, by partner id: `-2` (you owe
/// 2), `=`, `+1`, read off the screen, the pane as tall as the book.
fn pane_column(t: &mut Tui) -> BTreeMap<String, i64> {
    t.keys("2g");
    let screen = t.screen(200, t.app.view.partners.len() as u16 * 3 + 12);
    // The partners pane is right of the queue's: after their two borders.
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.rsplit_once("││").map(|(_, r)| r))
        .collect();
    let mut out = BTreeMap::new();
    for &i in &t.app.view.partners {
        let p = &t.app.data.book.partners[i];
        let row = rows
            .iter()
            .find(|r| {
                r.trim_start_matches(['▶', ' '])
                    .strip_prefix(p.name.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))
            })
            .unwrap_or_else(|| panic!("no row for {}:\n{screen}", p.name));
        // The last cell of the pane: the characters before its border.
        let cell = row.trim_end().trim_end_matches('│').rsplit(' ').next().unwrap();
        let from_their_side = match cell {
            "=" => 0,
            c => c.parse::<i64>().unwrap_or_else(|_| panic!("column {c:?} in {row:?}")),
        };
        out.insert(p.id.clone(), -from_their_side);
    }
    out
}

/// A need that finds partner `p` in `refer`: one of their tags.
fn need_for(p: &Value) -> Option<String> {
    p["tags"].as_array()?.first()?.as_str().map(String::from)
}

#[test]
fn what_you_owe_is_one_number_on_the_card_show_the_pane_refer_and_stats() {
    let mut t = Tui::demo();
    let dir = t.dir.path().to_path_buf();
    let (stats, _) = cli_json(&dir, &["stats"]);
    let (partners, _) = cli_json(&dir, &["list"]);
    let column = pane_column(&mut t);
    let mut seen = BTreeMap::new();
    let mut through_refer = 0;
    for p in partners.as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let (show, _) = cli_json(&dir, &["show", id]);
        let shown = show["balance"]["balance"]["owe"].as_i64().unwrap();
        let (card, _) = card_of(&mut t, id);
        let in_stats = stats["owe_by_partner"][id].as_i64().unwrap_or(0);
        assert_eq!(
            (card, column[id], in_stats),
            (shown, shown, shown),
            "{id}: card, pane, stats against show"
        );
        if let Some(need) = need_for(p) {
            let (hits, _) = cli_json(&dir, &["refer", &need]);
            let hit = hits.as_array().unwrap().iter().find(|h| h["contact"] == id);
            let hit = hit.unwrap_or_else(|| panic!("refer {need:?} does not list {id}"));
            assert_eq!(hit["owe"].as_i64(), Some(shown), "{id}: refer against show");
            assert_eq!(
                owe_in(hit["reason"].as_str().unwrap()),
                Some(shown),
                "{id}: {}",
                hit["reason"]
            );
            through_refer += 1;
        }
        seen.insert(id.to_string(), shown);
    }
    assert!(through_refer >= 20, "refer reached only {through_refer} partners");
    // Priya Shah: three referrals received, one introduction given.
    assert_eq!(seen["priya-shah"], 2);
    assert!(
        seen.values().any(|&n| n < 0) && seen.values().any(|&n| n == 0),
        "{seen:?}"
    );

    // `:owe` keeps exactly those you owe; `o` to "most owed" puts them first.
    t.keys(":owe");
    t.key(KeyCode::Enter);
    let kept: Vec<&str> = t
        .app
        .view
        .partners
        .iter()
        .map(|&i| t.app.data.book.partners[i].id.as_str())
        .collect();
    let owed: Vec<&str> = seen
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut sorted = kept.clone();
    sorted.sort();
    assert_eq!(sorted, owed);
    t.key(KeyCode::Esc);
    t.keys("2");
    while t.app.sort != rapport::domain::filter::Sort::Balance {
        t.keys("o");
    }
    let order: Vec<i64> = t
        .app
        .view
        .partners
        .iter()
        .map(|&i| seen[&t.app.data.book.partners[i].id])
        .collect();
    assert!(order.windows(2).all(|w| w[0] >= w[1]), "most owed first: {order:?}");
}

/// Dana Lee was added twice and merged; a referral logged under her old id
/// then arrives in the log, as a git merge or a Syncthing copy brings it.
fn merged_dana_then_a_gesture_under_the_old_id() -> (tempfile::TempDir, String) {
    let dir = rapport::demo::create(common::tui::today()).unwrap();
    let path = dir.path();
    let (code, out, err) = cli(path, &["add", "Dana Lee", "--stage", "rapport"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("dana-lee-2"), "{out}");
    let (code, out, err) = cli(path, &["merge", "dana-lee", "dana-lee-2"]);
    assert_eq!(code, 0, "{out}{err}");
    let id = "g-01M7ZZZZZZ0ALIASREFERRAL00";
    let line = format!(
        "{{\"id\":\"{id}\",\"date\":\"{TODAY}\",\"contact\":\"dana-lee-2\",\"kind\":\"referral\",\"dir\":\"received\",\"note\":\"X.Y., from the other machine\"}}\n"
    );
    let log = path.join("gestures.jsonl");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str(&line);
    std::fs::write(&log, text).unwrap();
    (dir, id.to_string())
}

#[test]
fn a_gesture_under_a_merged_id_counts_for_the_partner_everywhere() {
    let (dir, referral) = merged_dana_then_a_gesture_under_the_old_id();
    let path = dir.path().to_path_buf();
    let thank = format!("thank:dana-lee:{referral}");
    let mut stderr = String::new();
    let mut run = |args: &[&str]| {
        let (v, err) = cli_json(&path, args);
        stderr.push_str(&err);
        v
    };

    let show = run(&["show", "dana-lee"]);
    let owe = show["balance"]["balance"]["owe"].as_i64().unwrap();
    assert_eq!(
        show["contact"]["last_touch"], TODAY,
        "the new referral is her last touch"
    );
    assert_eq!(show["balance"]["last_touch"], TODAY);
    assert_eq!(show["balance"]["last_touch_kind"], "referral");
    assert!(
        show["gestures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == referral.as_str())
    );
    let open: Vec<&str> = show["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert!(open.contains(&thank.as_str()), "{open:?}");
    let referrals = show["referrals"].as_array().unwrap();
    assert!(referrals.iter().any(|r| r["id"] == referral.as_str()), "{referrals:?}");
    let received = show["balance"]["balance"]["referrals_12m"]["received"]
        .as_i64()
        .unwrap();

    // The same partner without the late arrival: one referral fewer.
    let before = {
        let log = path.join("gestures.jsonl");
        let text = std::fs::read_to_string(&log).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| !l.contains(&referral))
            .map(|l| format!("{l}\n"))
            .collect();
        let other = tempfile::tempdir().unwrap();
        for f in ["contacts.toml", "queue.toml"] {
            if path.join(f).exists() {
                std::fs::copy(path.join(f), other.path().join(f)).unwrap();
            }
        }
        std::fs::write(other.path().join("gestures.jsonl"), kept).unwrap();
        cli_json(other.path(), &["show", "dana-lee"]).0
    };
    assert_eq!(
        before["balance"]["balance"]["referrals_12m"]["received"].as_i64(),
        Some(received - 1)
    );
    assert_eq!(before["balance"]["balance"]["owe"].as_i64(), Some(owe - 1));

    let queue = run(&["queue"]);
    let mine: Vec<&str> = queue
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["contact"] == "dana-lee")
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert!(mine.contains(&thank.as_str()), "{mine:?}");
    let mut shown_open = open.clone();
    shown_open.sort();
    let mut queued = mine.clone();
    queued.sort();
    assert_eq!(queued, shown_open, "queue and show list the same open items");
    assert!(queue.as_array().unwrap().iter().all(|i| i["contact"] != "dana-lee-2"));

    let list = run(&["list"]);
    let rows: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "Dana Lee")
        .collect();
    assert_eq!(rows.len(), 1, "one Dana Lee: {rows:?}");
    assert_eq!(rows[0]["last_touch"], TODAY);

    let refer = run(&["refer", "family law"]);
    let dana = refer
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["contact"] == "dana-lee")
        .unwrap();
    assert_eq!(dana["owe"].as_i64(), Some(owe));

    let stats = run(&["stats"]);
    assert_eq!(stats["owe_by_partner"]["dana-lee"].as_i64(), Some(owe));
    assert!(stats["owe_by_partner"].get("dana-lee-2").is_none());
    let thanks = queue
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "thank")
        .count();
    assert_eq!(stats["thanks_outstanding"].as_u64(), Some(thanks as u64));

    let (code, out, err) = cli(&path, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    stderr.push_str(&out);
    stderr.push_str(&err);
    assert!(
        !stderr.contains("dana-lee-2"),
        "a warning names the merged id:\n{stderr}"
    );

    // The card, in the TUI on the same folder.
    let mut t = Tui::open(dir, Config::default(), None);
    let (on_card, text) = card_of(&mut t, "dana-lee");
    assert_eq!(on_card, owe);
    assert!(
        text.iter().any(|l| l.starts_with("Last touch today (referral)")),
        "{text:#?}"
    );
    let open_line = "Open: thank · today · referral X.Y., from the other machine";
    assert!(text.iter().any(|l| l.starts_with(open_line)), "{text:#?}");
    let column = pane_column(&mut t);
    assert_eq!(column["dana-lee"], owe);
    assert!(t.app.view.items.iter().any(|i| i.key == thank));

    // Thanked from the command line, the item clears and `check` finds the
    // thank-you's `re` (a referral under the old id) one of Dana's.
    let path = t.dir.path();
    let (code, out, err) = cli(path, &["done", &thank]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cli(path, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!format!("{out}{err}").contains("dana-lee-2"), "{out}{err}");
    let (queue, _) = cli_json(path, &["queue"]);
    assert!(queue.as_array().unwrap().iter().all(|i| i["key"] != thank.as_str()));
}

#[test]
fn the_owe_words_read_back() {
    assert_eq!(owe_in("· you owe 12 · trust"), Some(12));
    assert_eq!(owe_in("they owe 1 · rapport"), Some(-1));
    assert_eq!(owe_in("even · reach-out"), Some(0));
    assert_eq!(owe_in("received 0"), None);
}
