//! The referral lifecycle in the TUI, driven headless on the bundled demo:
//! the outcome asked with an update, shown in the log pane and the card.

mod common;

use common::tui::Tui;

use rapport::app::Overlay;
use ratatui::crossterm::event::KeyCode;

#[test]
fn d_on_an_update_asks_how_it_went_and_the_log_and_card_show_it() {
    let mut t = Tui::demo();
    let at = t
        .app
        .view
        .items
        .iter()
        .position(|i| i.kind.as_str() == "update")
        .unwrap();
    let item = t.app.view.items[at].clone();
    let referral = item.gesture.clone().unwrap();
    let name = t.app.name_of(&item.contact);

    // The card lists the open referral before anything is done.
    t.keys(&"j".repeat(at));
    t.key(KeyCode::Enter);
    let card = t.screen(100, 40);
    assert!(card.contains("Open referral:"), "{card}");
    assert!(
        card.contains("Open referral: 8 Nov 2026 · D.L., couples in transition · pending"),
        "{card}"
    );
    t.key(KeyCode::Esc);

    let lines_before = t.log().len();
    t.keys("d");
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Outcome(_))),
        "d on an update opens the outcome choice"
    );
    let popup = t.screen(100, 30);
    assert!(popup.contains(&format!("Update {name}")), "{popup}");
    assert!(popup.contains("pending"), "{popup}");
    assert_eq!(t.log().len(), lines_before, "nothing is written before the choice");

    t.keys("e"); // engaged
    t.key(KeyCode::Enter);
    assert!(t.app.overlays.is_empty(), "{:?}", t.app.status);
    let log = t.log();
    assert_eq!(log.len(), lines_before + 1);
    let update = log.last().unwrap();
    assert_eq!(update["kind"], "update");
    assert_eq!(update["re"], referral.as_str());
    let r = log.iter().find(|g| g["id"] == referral.as_str()).unwrap();
    assert_eq!(r["outcome"], "engaged");
    assert!(t.app.view.items.iter().all(|i| i.key != item.key));

    // The log pane shows the outcome on the referral's row.
    t.keys("3");
    let screen = t.screen(140, 60);
    assert!(screen.contains("[engaged]"), "{screen}");

    // One undo takes back the update and the outcome.
    t.keys("u");
    let log = t.log();
    assert_eq!(log.len(), lines_before);
    let r = log.iter().find(|g| g["id"] == referral.as_str()).unwrap();
    assert!(r.get("outcome").is_none() || r["outcome"] != "engaged");
}

#[test]
fn esc_on_the_outcome_choice_logs_nothing() {
    let mut t = Tui::demo();
    let at = t
        .app
        .view
        .items
        .iter()
        .position(|i| i.kind.as_str() == "update")
        .unwrap();
    t.keys(&"j".repeat(at));
    let before = t.log().len();
    t.keys("d");
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
    assert_eq!(t.log().len(), before);
}

/// A gesture logged in the TUI is a change like any other: Syncthing's
/// conflict copy beside the files is merged in first, and removed.
#[test]
fn a_gesture_logged_in_the_tui_merges_a_syncthing_conflict_copy() {
    let mut t = Tui::demo();
    let contacts = std::fs::read_to_string(t.path("contacts.toml")).unwrap();
    let copy = t.path("contacts.sync-conflict-20261201-101010-ABCDEFG.toml");
    let extra = "\n[[contact]]\nid = \"zed-ortiz\"\nname = \"Zed Ortiz\"\nstage = \"rapport\"\n";
    std::fs::write(&copy, format!("{contacts}{extra}")).unwrap();
    let before = t.log().len();
    let id = t.app.data.book.partners[0].id.clone();
    t.select(&id);
    t.key(KeyCode::Char('l'));
    t.key(KeyCode::Enter);
    assert_eq!(t.log().len(), before + 1, "{}", t.status());
    assert!(!copy.exists(), "the conflict copy is still there");
    let now = std::fs::read_to_string(t.path("contacts.toml")).unwrap();
    assert!(now.contains("Zed Ortiz"), "{now}");
    assert!(t.app.data.book.partner("zed-ortiz").is_some());
    assert!(
        t.status().contains("merged Syncthing's conflict copy"),
        "{}",
        t.status()
    );
}
