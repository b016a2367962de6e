//! The TUI keeps your place and your words, driven headless on the demo:
//! a paste is text, never keys; the cursor stays with its item.

mod common;

use common::tui::Tui;
use rapport::app::Overlay;
use ratatui::crossterm::event::{Event, KeyCode};

#[test]
fn a_paste_on_the_main_screen_or_into_search_fires_no_key() {
    let mut t = Tui::demo();
    let n = t.log().len();
    t.event(Event::Paste("dq\nu".into()));
    assert!(!t.app.quit, "q in a paste does not quit");
    assert!(t.app.overlays.is_empty());
    assert_eq!(t.log().len(), n, "d in a paste logs nothing");
    t.keys("/");
    t.event(Event::Paste("dana\nlee".into()));
    match t.app.overlays.last() {
        Some(Overlay::Search(s)) => assert_eq!(s.list.input.value(), "dana lee"),
        other => panic!("search closed: {other:?}"),
    }
    t.key(KeyCode::Esc);
    t.keys("l");
    t.key(KeyCode::Tab);
    t.key(KeyCode::Tab);
    t.event(Event::Paste("2026-11-19\r\n".into()));
    t.key(KeyCode::Enter);
    let g = t.log().last().cloned().unwrap();
    assert_eq!(g["date"], "2026-11-19", "the paste replaced the preset date");
}

/// The demo with Ruth Albers due for a touch as well as quiet: one call
/// clears both of her items.
fn ruth_with_two_items() -> Tui {
    let dir = rapport::demo::create(common::tui::today()).unwrap();
    let path = dir.path().join("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("id = \"ruth-albers\"").unwrap();
    let end = at + text[at..].find("cadence_days = 90").unwrap();
    let text = format!(
        "{}cadence_days = 7{}",
        &text[..end],
        &text[end + "cadence_days = 90".len()..]
    );
    std::fs::write(&path, text).unwrap();
    Tui::open(dir, rapport::config::Config::default(), None)
}

fn selected_key(t: &Tui) -> String {
    t.app.selected_item().map(|i| i.key.clone()).unwrap_or_default()
}

#[test]
fn after_d_then_u_the_cursor_is_on_the_item_that_came_back_even_when_d_cleared_two() {
    let mut t = ruth_with_two_items();
    let rows: Vec<usize> = (t.app.view.items.iter().enumerate())
        .filter(|(_, i)| i.contact == "ruth-albers")
        .map(|(n, _)| n)
        .collect();
    assert_eq!(rows.len(), 2, "Ruth has a touch and a quiet item");
    // The lower of the two, so the other comes back above it.
    let row = rows[1];
    t.keys("1g");
    for _ in 0..row {
        t.key(KeyCode::Char('j'));
    }
    let key = selected_key(&t);
    let n = t.log().len();
    t.keys("d");
    assert_eq!(t.log().len(), n + 1, "{}", t.status());
    let first = t.log()[n].clone();
    assert!(
        !t.app.view.items.iter().any(|i| i.contact == "ruth-albers"),
        "one call cleared both"
    );
    t.keys("u");
    assert!(t.status().starts_with("Undid"), "{}", t.status());
    assert_eq!(selected_key(&t), key, "the cursor is on the item d was pressed on");
    t.keys("d");
    assert!(
        t.app.overlays.is_empty(),
        "no draft or form opened: {:?}",
        t.app.overlays
    );
    let again = t.log().last().cloned().unwrap();
    assert_eq!((&again["contact"], &again["kind"]), (&first["contact"], &first["kind"]));
}

#[test]
fn after_redo_the_log_is_on_the_gesture_that_came_back_and_a_sort_goes_to_the_top() {
    let mut t = Tui::demo();
    t.keys("1gd");
    let id = t.log().last().unwrap()["id"].as_str().unwrap().to_string();
    t.keys("u");
    t.keys("3G");
    t.key_with(KeyCode::Char('r'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    assert!(t.status().starts_with("Redid"), "{}", t.status());
    let row = t.app.selected(rapport::app::Pane::Log);
    let shown = t.app.view.log[row];
    assert_eq!(
        t.app.data.book.gestures[shown].id, id,
        "the log is on the gesture redone"
    );
    // The selected gesture stays selected when another is logged.
    let touch = (t.app.view.items.iter())
        .position(|i| i.key.starts_with("touch:"))
        .expect("a touch is due");
    t.keys("1g");
    for _ in 0..touch {
        t.key(KeyCode::Char('j'));
    }
    let n = t.log().len();
    t.keys("d");
    assert_eq!(t.log().len(), n + 1, "{}", t.status());
    t.keys("3");
    let row = t.app.selected(rapport::app::Pane::Log);
    assert_eq!(t.app.data.book.gestures[t.app.view.log[row]].id, id);
    t.keys("2G");
    assert!(
        t.app.selected(rapport::app::Pane::Partners) > 0,
        "{:?} {}",
        t.app.focus,
        t.status()
    );
    t.keys("o");
    assert_eq!(
        t.app.selected(rapport::app::Pane::Partners),
        0,
        "a new order starts at its top"
    );
}

#[test]
fn after_a_change_made_in_a_form_u_puts_the_cursor_back_on_its_item() {
    let mut t = Tui::demo();
    t.keys("1g");
    let key = selected_key(&t);
    assert!(key.starts_with("thank:"), "{key}");
    t.keys("Dcard");
    t.key(KeyCode::Up);
    t.key(KeyCode::Right);
    t.key(KeyCode::Enter);
    assert!(t.status().starts_with("Logged card"), "{}", t.status());
    assert_ne!(selected_key(&t), key);
    t.keys("u");
    assert!(t.status().starts_with("Undid"), "{}", t.status());
    assert_eq!(selected_key(&t), key, "back on the thank-you");
}
