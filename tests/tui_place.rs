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
