//! `M` in the TUI: merge the selected partner into another who is the
//! same person, picked from those who look like them or found by typing.

mod common;

use common::tui::Tui;
use rapport::app::Overlay;
use rapport::config::Config;
use ratatui::crossterm::event::KeyCode;

const TWO_DANAS: &str = r#"schema_version = 1

[[contact]]
id = "dana-lee"
name = "Dana Lee"
org = "Lee Family Law"
phones = ["+1 555 010 0100"]
stage = "trust"

[[contact]]
id = "dana-lee-2"
name = "Dana Lee"
emails = ["dana@home.example"]
phones = ["(555) 010-0100"]
stage = "reach-out"

[[contact]]
id = "sam-cho"
name = "Sam Cho"
stage = "rapport"
"#;

fn two_danas() -> Tui {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("contacts.toml"), TWO_DANAS).unwrap();
    std::fs::write(
        dir.path().join("gestures.jsonl"),
        "{\"id\":\"g-1\",\"date\":\"2026-11-02\",\"contact\":\"dana-lee-2\",\"kind\":\"referral\",\"dir\":\"received\"}\n",
    )
    .unwrap();
    Tui::open(dir, Config::default(), None)
}

#[test]
fn m_offers_the_look_alike_first_and_enter_merges_in_one_undoable_change() {
    let mut t = two_danas();
    t.select("dana-lee-2");
    t.keys("M");
    let Some(Overlay::Merge(p)) = t.app.overlays.last() else {
        panic!("M did not open the merge popup: {}", t.status())
    };
    assert_eq!(p.list.hits, [("dana-lee".to_string(), Some("same name and phone"))]);
    let s = t.screen(100, 30);
    assert!(s.contains("Merge Dana Lee (dana-lee-2) into"), "{s}");
    assert!(s.contains("same name and phone"), "{s}");
    t.key(KeyCode::Enter);
    assert!(t.app.overlays.is_empty(), "{:?}", t.app.overlays.last().map(|_| "open"));
    assert!(
        t.status()
            .contains("Merged Dana Lee (dana-lee-2) into Dana Lee (dana-lee)"),
        "{}",
        t.status()
    );
    let book = &t.app.data.book;
    assert_eq!(book.partners.len(), 2);
    let dana = book.partner("dana-lee").unwrap();
    assert_eq!(dana.aliases, ["dana-lee-2"]);
    assert_eq!(dana.emails, ["dana@home.example"]);
    assert!(t.log().iter().all(|g| g["contact"] == "dana-lee"));
    t.keys("u");
    assert_eq!(t.app.data.book.partners.len(), 3, "{}", t.status());
}

#[test]
fn typing_finds_anyone_and_esc_merges_nothing() {
    let mut t = two_danas();
    t.select("sam-cho");
    t.keys("M");
    let s = t.screen(100, 30);
    assert!(s.contains("No one looks like them"), "{s}");
    t.key(KeyCode::Enter);
    assert!(t.status().contains("Type a few letters"), "{}", t.status());
    t.keys("dana");
    let Some(Overlay::Merge(p)) = t.app.overlays.last() else {
        panic!("the popup closed")
    };
    assert_eq!(p.list.hits.len(), 2);
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
    assert_eq!(t.app.data.book.partners.len(), 3);
}
