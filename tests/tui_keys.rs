//! A `[keys]` remap shows everywhere: the status line, the hint bar, the
//! help, every popup's footer and the words popups say, all written from
//! the keymap and its contexts.

mod common;

use common::tui::Tui;
use rapport::config::Config;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn remapped(keys: &[(&str, &str)]) -> Tui {
    let mut config = Config::default();
    for (action, key) in keys {
        config.keys.insert(action.to_string(), vec![key.to_string()]);
    }
    Tui::demo_with(config, None)
}

/// Every line of the help, scrolled through a page at a time.
fn whole_help(t: &mut Tui) -> Vec<String> {
    t.keys("?");
    let mut seen = Vec::new();
    for _ in 0..40 {
        for l in t.screen(100, 30).lines() {
            if !seen.iter().any(|s: &String| s == l) {
                seen.push(l.to_string());
            }
        }
        t.key(KeyCode::PageDown);
    }
    t.key(KeyCode::Esc);
    seen
}

#[test]
fn with_undo_on_z_the_status_the_hints_and_the_help_all_say_z() {
    let mut t = remapped(&[("undo", "z")]);
    let main = t.screen(100, 30);
    assert!(main.contains("z undo"), "the hint bar:\n{main}");
    t.keys("d");
    assert_eq!(t.status(), "Logged thank-you to Dana Lee · z to undo");
    assert!(t.screen(100, 30).contains("· z to undo"));
    t.keys("u");
    assert_eq!(t.log().len(), 366, "u no longer undoes");
    t.keys("z");
    assert!(
        t.status()
            .starts_with("Undid: Logged thank-you to Dana Lee · Ctrl-r to redo"),
        "{}",
        t.status()
    );
    t.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(
        t.status()
            .starts_with("Redid: Logged thank-you to Dana Lee · z to undo"),
        "{}",
        t.status()
    );

    let help = whole_help(&mut t);
    let undo: Vec<&String> = help.iter().filter(|l| l.contains("(undo)")).collect();
    assert!(!undo.is_empty(), "{help:#?}");
    for row in undo {
        assert!(row.contains("│z "), "the help's undo row names z: {row}");
    }

    // The archive popup says how it is undone, with the user's key.
    t.select("sam-cho");
    t.keys("x");
    let archive = t.screen(100, 30);
    assert!(archive.contains("stays. z"), "{archive}");
    t.key(KeyCode::Esc);

    for screen in [main, archive, help.join("\n")] {
        for stale in ["u to undo", "u undo", "u undoes", "stays. u"] {
            assert!(!screen.contains(stale), "{stale:?} is still shown:\n{screen}");
        }
    }
}

#[test]
fn a_remap_in_a_popup_context_moves_its_footer_and_its_key() {
    let mut t = remapped(&[("cancel", "Ctrl-g"), ("pick", "Ctrl-o"), ("yes", "j")]);
    t.keys("/");
    let search = t.screen(100, 30);
    assert!(search.contains("Ctrl-o open · ↑↓ move · Ctrl-g cancel"), "{search}");
    t.key(KeyCode::Esc);
    assert!(!t.app.overlays.is_empty(), "Esc no longer cancels the search");
    t.keys("dana");
    t.key(KeyCode::Enter);
    assert!(
        matches!(t.app.overlays.last(), Some(rapport::app::Overlay::Search(_))),
        "Enter no longer picks"
    );
    t.key_with(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert!(matches!(t.app.overlays.last(), Some(rapport::app::Overlay::Card(c)) if c.id == "dana-lee"));

    // A form takes the remapped cancel too, and says it on its second ask.
    t.keys("l");
    t.keys("x");
    t.key_with(KeyCode::Char('g'), KeyModifiers::CONTROL);
    let form = t.screen(100, 30);
    assert!(form.contains("Discard what you typed? Ctrl-g: yes"), "{form}");
    assert!(form.contains("Ctrl-g cancel"), "the form's footer:\n{form}");
}
