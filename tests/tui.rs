//! The TUI driven headless: the real app state, the real keymap and the real
//! store on temporary files, keys fed one by one through the same dispatch
//! the terminal loop uses, frames drawn into a ratatui TestBackend.

mod common;

use common::tui::{Tui, lines};

use rapport::app::{Landed, Overlay, Pane, ReadOnly};
use rapport::config::Config;
use rapport::domain::Kind;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

#[test]
fn morning_triage_j_j_d_clears_the_third_item_and_u_brings_it_back() {
    let mut t = Tui::demo();
    let log = t.path("gestures.jsonl");
    let before = std::fs::read(&log).unwrap();
    let third = t.app.view.items[2].clone();
    assert_eq!(third.kind.as_str(), "touch");
    let name = t.app.name_of(&third.contact);

    t.keys("jjd");
    let after = lines(&log);
    let new = after.last().unwrap();
    assert_eq!(after.len(), before.iter().filter(|&&b| b == b'\n').count() + 1);
    assert_eq!(new["contact"], third.contact.as_str());
    assert_eq!(new["kind"], "call");
    assert_eq!(new["dir"], "given");
    assert_eq!(new["date"], common::TODAY);
    assert!(
        t.app.view.items.iter().all(|i| i.key != third.key),
        "the item left the queue"
    );
    assert_eq!(t.status(), format!("Logged call to {name} · u to undo"));
    assert!(t.screen(100, 30).contains(&format!("Logged call to {name}")));

    t.keys("u");
    assert_eq!(
        std::fs::read(&log).unwrap(),
        before,
        "undo restores the log byte for byte"
    );
    assert!(t.app.view.items.iter().any(|i| i.key == third.key));
    assert!(t.status().starts_with("Undid"), "{}", t.status());

    t.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(lines(&log).len(), after.len(), "Ctrl-R redoes");
}

#[test]
fn call_prep_slash_dana_enter_shows_her_card() {
    let mut t = Tui::demo();
    t.keys("/dana");
    let searching = t.screen(100, 30);
    assert!(searching.contains("/ dana"), "{searching}");
    t.key(KeyCode::Enter);
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Card(c)) if c.id == "dana-lee"));
    let card = t.screen(100, 30);
    for want in [
        "Dana Lee ★",
        "+1 555 0100",
        "dana@example.org",
        "stage: trust",
        "Spouse Sam; kids Ava and Leo.",
        "Referrals, last 12 months: received",
        "Open: thank",
        "Next: appreciate",
    ] {
        assert!(card.contains(want), "the card lacks {want:?}:\n{card}");
    }
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty(), "Esc closes the card");
    assert!(!t.app.quit, "and does not quit");
}

/// The hits of an open search popup, as the names of their partners.
fn hit_names(t: &Tui) -> Vec<String> {
    let Some(Overlay::Search(s)) = t.app.overlays.last() else {
        panic!("the search popup is not open");
    };
    s.list
        .hits
        .iter()
        .map(|h| t.app.data.book.partners[h.index].name.clone())
        .collect()
}

#[test]
fn a_reload_while_searching_keeps_the_hits_on_the_right_partners() {
    let mut t = Tui::demo();
    t.keys("/");
    t.key(KeyCode::Down);
    t.key(KeyCode::Down);
    t.key(KeyCode::Down);
    let Some(Overlay::Search(s)) = t.app.overlays.last() else {
        panic!("no search popup");
    };
    let picked = t.app.data.book.partners[s.list.hits[s.list.sel].index].clone();

    // Half the book is removed by hand, every partner before the picked
    // one among them, so every index the popup held now points elsewhere.
    let path = t.path("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let before = t.app.data.book.partners.len();
    let gone: Vec<String> = t
        .app
        .data
        .book
        .partners
        .iter()
        .take(15)
        .map(|p| p.name.clone())
        .collect();
    let mut kept = String::new();
    for (n, chunk) in text.split("[[contact]]").enumerate() {
        let removed = n > 0 && n <= 15 && !chunk.contains(&format!("id = \"{}\"", picked.id));
        if n > 0 && !removed {
            kept.push_str("[[contact]]");
        }
        if !removed {
            kept.push_str(chunk);
        }
    }
    std::fs::write(&path, kept).unwrap();
    assert!(
        rapport::tui::follow_outside_changes(&mut t.app, &t.store),
        "the change is seen"
    );
    assert!(t.app.data.book.partners.len() <= before - 14, "the book shrank");

    let names = hit_names(&t);
    for name in &gone {
        if *name != picked.name {
            assert!(
                !names.contains(name),
                "{name} was removed but is still a hit: {names:?}"
            );
        }
    }
    let screen = t.screen(100, 30);
    assert!(
        screen.contains(&format!("▶{}", picked.name)),
        "the selection stays on {}:\n{screen}",
        picked.name
    );
    t.key(KeyCode::Enter);
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Card(c)) if c.id == picked.id),
        "Enter opens {}'s card",
        picked.name
    );
    assert!(t.screen(100, 30).contains(&picked.name));
}

#[test]
fn search_is_live_accent_insensitive_and_esc_restores_the_view() {
    let mut t = Tui::demo();
    t.keys("2");
    assert_eq!(t.app.focus, Pane::Partners);
    t.keys("jjj");
    let sel = Pane::ALL.map(|p| t.app.selected(p));
    let partner = t.app.selected_contact();
    t.keys("/muller");
    let s = t.screen(100, 30);
    assert!(s.contains("Jonas Müller"), "{s}");
    assert!(
        !s.contains("Dana Lee ★  Lee"),
        "the list is filtered as the user types:\n{s}"
    );
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
    assert_eq!(
        Pane::ALL.map(|p| t.app.selected(p)),
        sel,
        "Esc restores the previous view"
    );
    assert_eq!(t.app.selected_contact(), partner);
    assert_eq!(t.app.focus, Pane::Partners);
}

#[test]
fn marking_the_thank_you_card_as_sent() {
    let mut t = Tui::demo();
    let first = t.app.view.items[0].clone();
    assert_eq!(first.kind.as_str(), "thank");
    assert_eq!(first.contact, "dana-lee");
    t.keys("d");
    let log = lines(&t.path("gestures.jsonl"));
    let new = log.last().unwrap();
    assert_eq!(new["kind"], "thank-you");
    assert_eq!(new["dir"], "given");
    assert_eq!(new["contact"], "dana-lee");
    assert_eq!(new["date"], common::TODAY);
    assert!(t.app.view.items.iter().all(|i| i.key != first.key));
    assert_eq!(t.status(), "Logged thank-you to Dana Lee · u to undo");
    assert_eq!(t.app.view.thanks_owed, 0);
}

#[test]
fn snooze_hides_the_item_and_writes_no_gesture() {
    let mut t = Tui::demo();
    let log_before = std::fs::read(t.path("gestures.jsonl")).unwrap();
    let first = t.app.view.items[0].key.clone();
    t.keys("s");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Snooze(_))));
    t.key(KeyCode::Enter);
    assert!(t.app.overlays.is_empty(), "{}", t.status());
    assert!(t.app.view.items.iter().all(|i| i.key != first));
    assert!(std::fs::read_to_string(t.path("queue.toml")).unwrap().contains(&first));
    assert_eq!(std::fs::read(t.path("gestures.jsonl")).unwrap(), log_before);
    t.keys("u");
    assert!(t.app.view.items.iter().any(|i| i.key == first));
}

#[test]
fn logging_a_gesture_through_the_form() {
    let mut t = Tui::demo();
    t.keys("2"); // partners; the first is Andrés Castillo
    let who = t.app.selected_contact().unwrap();
    t.keys("l");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::LogForm(_))));
    let form = t.screen(100, 30);
    assert!(form.contains("Log a gesture"), "{form}");
    assert!(form.contains(common::TODAY), "the date defaults to today:\n{form}");
    t.key(KeyCode::Enter);
    let log = lines(&t.path("gestures.jsonl"));
    assert_eq!(log.last().unwrap()["contact"], who.as_str());
    assert!(t.status().starts_with("Logged"), "{}", t.status());
}

#[test]
fn an_ask_right_after_a_gift_asks_for_confirmation_before_saving() {
    let mut t = Tui::demo();
    // A gift yesterday, logged from another terminal.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["log", "walter-brandt", "gift", "--date", "2026-11-19", "--value", "20"])
        .env("RAPPORT_DATA_DIR", t.dir.path())
        .env("RAPPORT_TODAY", common::TODAY)
        .env("RAPPORT_CONFIG", t.dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    t.app.apply(Ok(Landed::Reloaded(Box::new(t.store.load().unwrap()))));
    let pos = t
        .app
        .view
        .partners
        .iter()
        .position(|&i| t.app.data.book.partners[i].id == "walter-brandt");
    t.keys("2");
    for _ in 0..pos.unwrap() {
        t.keys("j");
    }
    assert_eq!(t.app.selected_contact().as_deref(), Some("walter-brandt"));
    let before = std::fs::read(t.path("gestures.jsonl")).unwrap();
    t.keys("l");
    // Kind is the first field: step the choice to "ask".
    for _ in 0..20 {
        if t.screen(100, 30).contains("‹ ask ›") {
            break;
        }
        t.key(KeyCode::Right);
    }
    assert!(t.screen(100, 30).contains("‹ ask ›"));
    t.key(KeyCode::Enter);
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Confirm(_))));
    let s = t.screen(100, 30);
    assert!(s.contains("gift yesterday"), "the warning says why:\n{s}");
    assert_eq!(
        std::fs::read(t.path("gestures.jsonl")).unwrap(),
        before,
        "nothing saved yet"
    );
    t.key(KeyCode::Esc);
    assert_eq!(std::fs::read(t.path("gestures.jsonl")).unwrap(), before, "cancelled");
}

#[test]
fn adding_a_partner_validates_inline() {
    let mut t = Tui::demo();
    let contacts = std::fs::read(t.path("contacts.toml")).unwrap();
    t.keys("a");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::PartnerForm(_))));
    t.key(KeyCode::Enter);
    let s = t.screen(100, 30);
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::PartnerForm(_))),
        "an empty name is refused"
    );
    assert!(s.to_lowercase().contains("name"), "{s}");
    assert_eq!(std::fs::read(t.path("contacts.toml")).unwrap(), contacts);
    t.keys("Zoë Ng");
    t.key(KeyCode::Enter);
    assert!(t.app.overlays.is_empty(), "{}", t.status());
    let text = std::fs::read_to_string(t.path("contacts.toml")).unwrap();
    assert!(text.contains("id = \"zoe-ng\"\nname = \"Zoë Ng\""), "{text}");
    t.keys("u");
    assert_eq!(std::fs::read(t.path("contacts.toml")).unwrap(), contacts);
}

#[test]
fn a_read_only_window_writes_nothing_and_says_so() {
    let mut t = Tui::demo_with(Config::default(), Some(ReadOnly::OtherWindow));
    let before = std::fs::read(t.path("gestures.jsonl")).unwrap();
    let s = t.screen(100, 30);
    assert!(s.contains("READ-ONLY"), "{s}");
    t.keys("d");
    t.keys("2l");
    t.key(KeyCode::Enter);
    assert_eq!(std::fs::read(t.path("gestures.jsonl")).unwrap(), before);
    assert!(t.status().to_lowercase().contains("read-only"), "{}", t.status());
}

#[test]
fn remapped_keys_work_and_show_in_the_hints_and_help() {
    let mut config = Config::default();
    config.keys.insert("done".into(), vec!["z".into()]);
    let mut t = Tui::demo_with(config, None);
    let s = t.screen(100, 30);
    assert!(s.contains("z done"), "the hint bar follows the keymap:\n{s}");
    let n = t.app.view.items.len();
    t.keys("d");
    assert_eq!(t.app.view.items.len(), n, "d is no longer done");
    t.keys("z");
    assert_eq!(t.app.view.items.len(), n - 1);
    t.keys("?");
    let help = t.screen(100, 30);
    assert!(help.lines().any(|l| l.contains("z ") && l.contains("Done")), "{help}");
}

#[test]
fn quit_keys() {
    let mut t = Tui::demo();
    t.keys("?");
    t.key(KeyCode::Esc);
    assert!(!t.app.quit, "Esc closes the popup first");
    t.key(KeyCode::Esc);
    assert!(!t.app.quit, "and never quits");
    t.key(KeyCode::Char('q'));
    assert!(t.app.quit);
    let mut t = Tui::demo();
    t.keys("/da");
    t.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(t.app.quit, "Ctrl-C always quits");
}

#[test]
fn mouse_clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut t = Tui::demo();
    t.screen(100, 30);
    let click = |x, y| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The partners pane is on the right; row 2 is its first entry.
    t.event(click(70, 4));
    assert_eq!(t.app.focus, Pane::Partners);
    assert_eq!(t.app.selected(Pane::Partners), 2);
    t.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 70,
        row: 4,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(t.app.selected(Pane::Partners) > 2);
}

#[test]
fn the_main_screen_at_100_by_30() {
    let mut t = Tui::demo();
    insta::assert_snapshot!("main_100x30", t.screen(100, 30));
}

#[test]
fn the_partner_card_at_100_by_30() {
    let mut t = Tui::demo();
    t.keys("/dana");
    t.key(KeyCode::Enter);
    insta::assert_snapshot!("card_100x30", t.screen(100, 30));
}

#[test]
fn a_narrow_terminal_stacks_to_one_pane_with_tabs() {
    let mut t = Tui::demo();
    let s = t.screen(40, 12);
    assert!(s.contains("1 Queue"), "{s}");
    insta::assert_snapshot!("narrow_40x12", s);
    t.keys("2");
    assert!(t.screen(40, 12).contains("Partners (34)"));
}

#[test]
fn tiny_terminals_get_a_message_not_a_panic() {
    let mut t = Tui::demo();
    for (w, h) in [(10, 3), (1, 1), (29, 8), (30, 7), (0, 0), (200, 2), (2, 200)] {
        let s = t.screen(w, h);
        if w >= 10 && h >= 3 {
            assert!(s.contains("rapport"), "{w}×{h}:\n{s}");
        }
    }
    let s = t.screen(60, 6);
    assert!(s.contains("needs a terminal of at least"), "{s}");
    // Popups at the smallest size that draws.
    t.keys("/a");
    t.screen(30, 8);
    t.key(KeyCode::Enter);
    t.screen(30, 8);
    t.keys("?");
    t.screen(30, 8);
}

#[test]
fn wide_names_keep_the_columns_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let contacts = "schema_version = 1\n\n\
        [[contact]]\nid = \"a\"\nname = \"王伟\"\norg = \"北京律所\"\nstage = \"trust\"\nsince = 2026-11-01\n\n\
        [[contact]]\nid = \"b\"\nname = \"Zoë 🎉 Party\"\norg = \"Emoji Org\"\nstage = \"trust\"\nsince = 2026-11-01\n\n\
        [[contact]]\nid = \"c\"\nname = \"Plain Name\"\norg = \"Plain Org\"\nstage = \"trust\"\nsince = 2026-11-01\n";
    std::fs::write(dir.path().join("contacts.toml"), contacts).unwrap();
    let mut t = Tui::open(dir, Config::default(), None);
    let s = t.screen(100, 30);
    // Each partner row's org column starts at the same display column.
    let cols: Vec<usize> = ["北京律所", "Emoji Org", "Plain Org"]
        .iter()
        .map(|org| {
            let line = s
                .lines()
                .find(|l| l.contains(org))
                .unwrap_or_else(|| panic!("{org} missing:\n{s}"));
            let at = line.find(org).unwrap();
            unicode_width::UnicodeWidthStr::width(&line[..at])
        })
        .collect();
    assert!(cols.windows(2).all(|w| w[0] == w[1]), "columns drift: {cols:?}\n{s}");
    // And every line is exactly as wide as the screen.
    for l in s.lines() {
        assert_eq!(unicode_width::UnicodeWidthStr::width(l), 100, "{l}");
    }
}

#[test]
fn an_empty_book_opens_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tui::open(dir, Config::default(), None);
    let s = t.screen(100, 30);
    assert!(s.contains("nothing due"), "{s}");
    t.keys("jjdkGgl");
    t.key(KeyCode::Enter);
    t.screen(100, 30);
}

/// Every pane and overlay, at a normal size and a small one.
#[test]
fn snapshots_of_every_pane_and_overlay() {
    type Setup = fn(&mut Tui);
    let screens: [(&str, Setup); 11] = [
        ("queue", |_| {}),
        ("partners", |t| t.keys("2j")),
        ("log", |t| t.keys("3")),
        ("log_filtered", |t| t.keys("2jjjjj3f")),
        ("search", |t| t.keys("/an")),
        ("card", |t| {
            t.keys("/dana");
            t.key(KeyCode::Enter);
        }),
        ("help", |t| t.keys("?")),
        ("log_form", |t| t.keys("l")),
        ("partner_form", |t| t.keys("2e")),
        ("snooze", |t| t.keys("jjs")),
        ("confirm", |t| {
            // An ask logged the day after a gift to the same partner.
            t.keys("2l");
            for _ in 0..Kind::ALL.len() {
                if t.screen(100, 30).contains("‹ gift ›") {
                    break;
                }
                t.key(KeyCode::Right);
            }
            t.key(KeyCode::Enter);
            t.keys("l");
            for _ in 0..Kind::ALL.len() {
                if t.screen(100, 30).contains("‹ ask ›") {
                    break;
                }
                t.key(KeyCode::Right);
            }
            t.key(KeyCode::Enter);
            assert!(matches!(t.app.overlays.last(), Some(Overlay::Confirm(_))));
        }),
    ];
    for (name, setup) in screens {
        for (w, h) in [(100, 30), (40, 12)] {
            let mut t = Tui::demo();
            t.screen(w, h);
            setup(&mut t);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.screen(w, h));
        }
    }
}

#[test]
fn scrolling_to_the_end_shows_the_last_rows_selected() {
    let mut t = Tui::demo();
    t.keys("3G");
    let s = t.screen(100, 30);
    let last = t.app.view.log.len() - 1;
    assert_eq!(t.app.selected(Pane::Log), last);
    let oldest = &t.app.data.book.gestures[t.app.view.log[last]];
    let marked = s
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_else(|| panic!("no selection:\n{s}"));
    assert!(
        marked.contains(&oldest.date.format("%d %b").to_string()),
        "{marked}\n{s}"
    );
    t.keys("2G");
    let s = t.screen(100, 30);
    assert!(s.lines().any(|l| l.contains('▶') && l.contains("Zoë Kowalczyk")), "{s}");
}

#[test]
fn help_wraps_on_a_narrow_screen_and_scrolls_to_its_last_line() {
    let mut t = Tui::demo();
    t.keys("?");
    let top = t.screen(40, 12);
    // Every description is whole: the words wrap under their column.
    assert!(top.contains("gesture (thank → thank-"), "{top}");
    assert!(!top.contains("queue item's gesture"), "not cut at the edge:\n{top}");
    t.keys(&"j".repeat(200));
    let bottom = t.screen(40, 12);
    assert!(bottom.contains("= even."), "the last line shows:\n{bottom}");
    assert!(
        bottom.contains("The partners pane: the name"),
        "and the lines above it:\n{bottom}"
    );
}
