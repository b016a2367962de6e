//! Every screen a practitioner sees, at four terminal sizes: 40×12 (a
//! split pane), 80×24, 100×30 and 200×50. Snapshots, reviewed by eye when
//! they change.

mod common;

use common::tui::Tui;
use rapport::domain::queue::ItemKind;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 4] = [(40, 12), (80, 24), (100, 30), (200, 50)];

fn snap_all(t: &mut Tui, name: &str) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.screen(w, h));
    }
}

/// The demo partner with the most gestures.
fn busiest(t: &Tui) -> String {
    let book = &t.app.data.book;
    book.partners
        .iter()
        .max_by_key(|p| book.gestures.iter().filter(|g| g.contact == p.id).count())
        .unwrap()
        .name
        .clone()
}

#[test]
fn the_main_screen() {
    snap_all(&mut Tui::demo(), "main");
}

#[test]
fn the_partners_pane_filtered() {
    let mut t = Tui::demo();
    t.keys(":quiet:30 #attorney");
    t.key(KeyCode::Enter);
    snap_all(&mut t, "filtered");
}

#[test]
fn the_card_of_the_busiest_partner() {
    let mut t = Tui::demo();
    let name = busiest(&t);
    t.keys(&format!("/{name}"));
    t.key(KeyCode::Enter);
    assert!(t.screen(100, 30).contains(&name));
    snap_all(&mut t, "card_busiest");
    // Scrolled to its end, the head is still in view.
    t.keys(&"j".repeat(60));
    let s = t.screen(80, 24);
    assert!(s.contains("stage: ") && s.contains("Open: "), "{s}");
}

#[test]
fn the_snooze_form() {
    let mut t = Tui::demo();
    t.keys("s");
    snap_all(&mut t, "snooze");
}

#[test]
fn the_done_form_on_an_update() {
    let mut t = Tui::demo();
    let row = t
        .app
        .view
        .items
        .iter()
        .position(|i| i.kind == ItemKind::Update)
        .unwrap();
    t.app.select(rapport::app::Pane::Queue, row);
    t.keys("D");
    snap_all(&mut t, "done_update");
}

#[test]
fn the_empty_book() {
    let mut t = Tui::empty();
    let s = t.screen(100, 30);
    assert!(
        s.contains("a to add") || s.contains("rapport import"),
        "an empty book says how to begin:\n{s}"
    );
    snap_all(&mut t, "empty");
}
