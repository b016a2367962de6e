//! A popup open on a queue item while another terminal clears that item:
//! the window logs nothing twice and says why, whether the change comes
//! back refused or the window reads the files again first.

mod common;

use common::tui::Tui;
use rapport::app::{Landed, Overlay, confirm::Confirm, done_change};
use rapport::domain::queue::QueueItem;
use ratatui::crossterm::event::KeyCode;

/// Dana Lee's thank item, the demo's first.
fn thank_item(t: &Tui) -> QueueItem {
    let item = t.app.view.items[0].clone();
    assert_eq!((item.kind.as_str(), item.contact.as_str()), ("thank", "dana-lee"));
    item
}

/// `rapport done KEY` run by the real binary on the same data folder.
fn done_elsewhere(t: &Tui, key: &str) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["done", key])
        .env("RAPPORT_DATA_DIR", t.dir.path())
        .env("RAPPORT_TODAY", common::TODAY)
        .env("RAPPORT_CONFIG", t.dir.path().join("none.toml"))
        .env_remove("RAPPORT_FAIL_AT")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The thank-yous in the log for the referral the item is about.
fn thanks_for(t: &Tui, item: &QueueItem) -> usize {
    t.log()
        .iter()
        .filter(|g| g["kind"] == "thank-you" && g["re"].as_str() == item.gesture.as_deref())
        .count()
}

fn assert_cleared_once(t: &Tui, item: &QueueItem) {
    assert_eq!(thanks_for(t, item), 1, "one thank-you, logged in the other terminal");
    let status = t.status();
    assert!(
        status.contains("was already cleared") && status.contains("nothing was logged twice"),
        "{status}"
    );
    assert!(t.app.status.as_ref().unwrap().error);
    assert!(t.app.overlays.is_empty(), "the popup closed: {:?}", t.app.overlays);
}

#[test]
fn enter_in_the_done_form_after_another_terminal_logged_the_thank_you_logs_nothing() {
    let mut t = Tui::demo();
    let item = thank_item(&t);
    t.keys("D");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::DoneForm(_))));
    done_elsewhere(&t, &item.key);
    t.keys("card");
    t.key(KeyCode::Enter);
    assert_cleared_once(&t, &item);
    assert!(
        t.app.view.items.iter().all(|i| i.key != item.key),
        "the window shows the files"
    );
}

#[test]
fn enter_in_the_snooze_popup_after_the_item_was_cleared_sets_no_snooze() {
    let mut t = Tui::demo();
    let item = thank_item(&t);
    t.keys("s");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Snooze(_))));
    done_elsewhere(&t, &item.key);
    let queue = std::fs::read(t.path("queue.toml")).unwrap_or_default();
    t.key(KeyCode::Enter);
    assert_cleared_once(&t, &item);
    assert_eq!(
        std::fs::read(t.path("queue.toml")).unwrap_or_default(),
        queue,
        "no snooze set"
    );
}

#[test]
fn yes_to_a_warning_about_an_item_cleared_meanwhile_logs_nothing() {
    let mut t = Tui::demo();
    let item = thank_item(&t);
    let warning = vec!["a rule objects".to_string()];
    let confirm = Confirm::new(warning, done_change(&item.key, t.app.today));
    t.app.overlays.push(Overlay::Confirm(confirm));
    done_elsewhere(&t, &item.key);
    t.keys("y");
    assert_cleared_once(&t, &item);
}

#[test]
fn a_popup_on_an_item_closes_when_the_window_reads_it_cleared() {
    for open in ["D", "s"] {
        let mut t = Tui::demo();
        let item = thank_item(&t);
        t.keys(open);
        assert_eq!(t.app.overlays.len(), 1, "{open}");
        done_elsewhere(&t, &item.key);
        // What the terminal loop does when it sees the files change.
        let data = t.store.load().unwrap();
        t.app.apply(Ok(Landed::Reloaded(Box::new(data))));
        assert!(t.app.overlays.is_empty(), "{open}: the popup closed");
        let status = t.status();
        assert!(
            status.starts_with("Reloaded: That thank item for Dana Lee was already cleared"),
            "{open}: {status}"
        );
        // Enter now reaches the main screen, which logs nothing.
        t.key(KeyCode::Enter);
        assert_eq!(thanks_for(&t, &item), 1, "{open}");
    }
}

#[test]
fn the_selection_stays_on_the_same_partner_and_item_when_others_come_and_go() {
    let mut t = Tui::demo();
    t.select("sam-cho");
    let row = t.app.selected(rapport::app::Pane::Partners);
    // Another terminal clears the queue's first item and adds a partner
    // who sorts before Sam.
    let first = thank_item(&t);
    t.keys("1j");
    let item = t.app.selected_item().unwrap().key.clone();
    done_elsewhere(&t, &first.key);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["add", "Aaron Abel"])
        .env("RAPPORT_DATA_DIR", t.dir.path())
        .env("RAPPORT_TODAY", common::TODAY)
        .env("RAPPORT_CONFIG", t.dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let data = t.store.load().unwrap();
    t.app.apply(Ok(Landed::Reloaded(Box::new(data))));
    assert_eq!(
        t.app.selected_item().map(|i| i.key.as_str()),
        Some(item.as_str()),
        "the same item"
    );
    assert_eq!(t.app.selected(rapport::app::Pane::Queue), 0, "a row up");
    t.keys("2");
    assert_eq!(t.app.selected_contact().as_deref(), Some("sam-cho"), "the same partner");
    assert_eq!(t.app.selected(rapport::app::Pane::Partners), row + 1, "a row down");
}
