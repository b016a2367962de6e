//! Archive (`x`) and accepting a suggested stage (`S`) in the TUI, driven
//! headless on the demo, the files asserted.

mod common;

use common::tui::Tui;
use rapport::app::{Overlay, Pane};
use ratatui::crossterm::event::KeyCode;

/// Opens `name`'s card through search, closes it, and focuses the
/// partners pane with them selected.
fn select(t: &mut Tui, name: &str) {
    t.keys("/");
    t.keys(name);
    t.key(KeyCode::Enter);
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Card(_))),
        "{name} not found"
    );
    t.key(KeyCode::Esc);
    t.keys("2");
    assert_eq!(t.app.selected_contact().as_deref(), Some(id_of(t, name).as_str()));
}

fn id_of(t: &Tui, name: &str) -> String {
    t.app
        .data
        .book
        .partners
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
        .clone()
}

/// The `[[contact]]` table of `id` in contacts.toml.
fn table(t: &Tui, id: &str) -> String {
    let text = std::fs::read_to_string(t.path("contacts.toml")).unwrap();
    text.split("[[contact]]")
        .find(|c| c.contains(&format!("id = \"{id}\"")))
        .unwrap_or_default()
        .to_string()
}

fn listed(t: &Tui, id: &str) -> bool {
    t.app
        .view
        .partners
        .iter()
        .any(|&i| t.app.data.book.partners[i].id == id)
}

fn queued(t: &Tui, id: &str) -> bool {
    t.app.view.items.iter().any(|i| i.contact == id)
}

#[test]
fn x_archives_with_a_reason_u_restores_and_the_filter_lists_them() {
    let mut t = Tui::demo();
    select(&mut t, "Dana Lee");
    let id = id_of(&t, "Dana Lee");
    assert!(queued(&t, &id), "the demo's Dana has open items");
    t.keys("x");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Archive(_))));
    let s = t.screen(100, 30);
    assert!(s.contains("Archive Dana Lee"), "{s}");
    t.keys("not a fit");
    t.key(KeyCode::Enter);
    assert!(t.app.overlays.is_empty(), "the popup closes once archived");
    assert_eq!(t.status(), "Archived Dana Lee · u to undo");
    let c = table(&t, &id);
    assert!(c.contains("archived = true"), "{c}");
    assert!(c.contains("archived_reason = \"not a fit\""), "{c}");
    assert!(!listed(&t, &id), "archived partners leave the pane");
    assert!(!queued(&t, &id), "and the queue");

    t.keys("u");
    assert!(t.status().contains("Undid: Archived Dana Lee"), "{}", t.status());
    assert!(!table(&t, &id).contains("archived"), "{}", table(&t, &id));
    assert!(listed(&t, &id) && queued(&t, &id));

    // Archived again, without a reason; the filter `archived` lists them,
    // and x there asks to restore.
    select(&mut t, "Dana Lee");
    t.keys("x");
    t.key(KeyCode::Enter);
    let c = table(&t, &id);
    assert!(c.contains("archived = true") && !c.contains("archived_reason"), "{c}");
    t.keys(":archived");
    t.key(KeyCode::Enter);
    assert!(listed(&t, &id), "`:archived` shows them");
    assert_eq!(t.app.selected_contact().as_deref(), Some(id.as_str()));
    t.keys("x");
    let s = t.screen(100, 30);
    assert!(s.contains("Restore Dana Lee?"), "{s}");
    t.keys("n");
    assert!(table(&t, &id).contains("archived = true"), "n keeps them archived");
    t.keys("x");
    t.keys("y");
    assert_eq!(t.status(), "Restored Dana Lee · u to undo");
    assert!(!table(&t, &id).contains("archived"));
    assert!(!listed(&t, &id), "restored: no longer among the archived");
    t.key(KeyCode::Esc);
    assert!(listed(&t, &id) && queued(&t, &id));
}

#[test]
fn esc_cancels_and_x_works_from_the_queue_and_the_card() {
    let mut t = Tui::demo();
    let before = std::fs::read(t.path("contacts.toml")).unwrap();
    t.keys("1");
    let id = t.app.selected_item().unwrap().contact.clone();
    let name = t.app.name_of(&id);
    t.keys("x");
    t.keys("maybe");
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
    assert_eq!(
        std::fs::read(t.path("contacts.toml")).unwrap(),
        before,
        "Esc wrote nothing"
    );
    assert!(t.status().contains("not archived"), "{}", t.status());

    // From the queue: the selected item's partner.
    t.keys("x");
    t.key(KeyCode::Enter);
    assert_eq!(t.status(), format!("Archived {name} · u to undo"));
    assert!(!queued(&t, &id));
    t.keys("u");
    assert!(queued(&t, &id));

    // From the card.
    t.app.focus = Pane::Partners;
    t.key(KeyCode::Enter);
    let Some(Overlay::Card(card)) = t.app.overlays.last() else {
        panic!("no card")
    };
    let id = card.id.clone();
    t.keys("x");
    t.keys("moved away");
    t.key(KeyCode::Enter);
    assert!(table(&t, &id).contains("archived_reason = \"moved away\""));
    assert!(!listed(&t, &id));
}

#[test]
fn the_card_shows_the_suggested_stage_and_s_accepts_it() {
    let mut t = Tui::demo();
    // The demo's Ben Okafor is at reach-out with a meeting logged.
    select(&mut t, "Ben Okafor");
    let id = id_of(&t, "Ben Okafor");
    assert_eq!(
        rapport::app::stage::suggestion(&t.app, &id).map(|s| s.to),
        Some(rapport::domain::Stage::Rapport)
    );
    t.key(KeyCode::Enter);
    let s = t.screen(100, 30);
    assert!(s.contains("Stage: reach-out → rapport?"), "{s}");
    assert!(s.contains("S accepts"), "{s}");
    t.keys("S");
    assert_eq!(t.status(), "Ben Okafor: stage reach-out → rapport · u to undo");
    assert!(table(&t, &id).contains("stage = \"rapport\""));
    let s = t.screen(100, 30);
    assert!(
        !s.contains("Stage: reach-out"),
        "accepted, the suggestion is gone:\n{s}"
    );
    t.key(KeyCode::Esc);
    t.keys("u");
    assert!(table(&t, &id).contains("stage = \"reach-out\""));

    // On the main screen too; with nothing to suggest, it says so.
    t.keys("S");
    assert!(table(&t, &id).contains("stage = \"rapport\""));
    t.keys("S");
    assert!(t.status().contains("No stage to accept"), "{}", t.status());
}

#[test]
fn snapshots_of_the_archive_and_restore_popups() {
    let mut t = Tui::demo();
    select(&mut t, "Dana Lee");
    t.keys("x");
    t.keys("not a fit");
    for (w, h) in [(40, 12), (100, 30)] {
        insta::assert_snapshot!(format!("archive_{w}x{h}"), t.screen(w, h));
    }
    t.key(KeyCode::Enter);
    t.keys(":archived");
    t.key(KeyCode::Enter);
    t.keys("x");
    for (w, h) in [(40, 12), (100, 30)] {
        insta::assert_snapshot!(format!("restore_{w}x{h}"), t.screen(w, h));
    }
}
