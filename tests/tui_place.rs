//! The TUI keeps your place and your words, driven headless on the demo:
//! a paste is text, never keys; the cursor stays with its item.

mod common;

use common::tui::Tui;
use rapport::app::Overlay;
use rapport::domain::queue::ItemKind;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

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

fn overlay_names(t: &Tui) -> Vec<String> {
    t.app
        .overlays
        .iter()
        .map(|o| format!("{o:?}").split('(').next().unwrap_or_default().to_string())
        .collect()
}

fn ctrl_c(t: &mut Tui) {
    t.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
}

#[test]
fn ctrl_c_in_a_form_with_input_asks_and_the_answer_is_not_typed() {
    let mut t = Tui::demo();
    t.keys("a");
    ctrl_c(&mut t);
    assert!(t.app.quit, "nothing typed: nothing to lose, Ctrl-C quits");
    let mut t = Tui::demo();
    t.keys("aAnn");
    ctrl_c(&mut t);
    assert!(!t.app.quit, "a form with input does not quit");
    let asked = t.screen(40, 12);
    assert!(asked.contains("Discard what you typed?"), "{asked}");
    assert!(asked.contains("Esc: yes"), "the question fits at 40 columns:\n{asked}");
    t.keys("5");
    match t.app.overlays.last() {
        Some(Overlay::PartnerForm(f)) => assert_eq!(
            f.form.text(rapport::app::partner_form::PartnerField::Name),
            "Ann",
            "the key that answers no is not typed"
        ),
        other => panic!("the form closed: {other:?}"),
    }
    ctrl_c(&mut t);
    assert!(!t.app.quit, "it asks again");
    ctrl_c(&mut t);
    assert!(t.app.quit, "a second Ctrl-C in a row quits");
    let mut t = Tui::demo();
    t.keys("aAnn");
    ctrl_c(&mut t);
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty(), "Ctrl-C, then Esc: discarded");
    assert!(!t.app.quit);
    ctrl_c(&mut t);
    assert!(t.app.quit, "on the main screen Ctrl-C quits");
}

#[test]
fn ctrl_c_under_a_question_goes_to_the_form_below_it() {
    let mut t = Tui::demo();
    // A card over the log form: Ctrl-C closes what is above the form that
    // holds input, and the form asks.
    t.keys("l");
    t.key(KeyCode::Tab);
    t.key(KeyCode::Tab);
    t.key(KeyCode::Tab);
    t.keys("met for lunch");
    t.event(Event::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
    ctrl_c(&mut t);
    assert!(!t.app.quit);
    assert_eq!(overlay_names(&t), ["LogForm"]);
    assert!(t.screen(100, 30).contains("Discard what you typed?"));
}

#[test]
fn esc_on_a_draft_edited_in_the_editor_asks_first() {
    let mut t = Tui::demo();
    t.select("hannah-weiss");
    t.keys("w");
    assert_eq!(overlay_names(&t), ["Draft"]);
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty(), "a draft not edited closes at once");
    t.keys("w");
    t.app
        .edited(Ok("Subject: Lunch?\n\nHi Hannah, lunch next week?".into()));
    t.key(KeyCode::Esc);
    assert_eq!(overlay_names(&t), ["Draft"]);
    assert!(
        t.status().starts_with("Discard the draft you edited?"),
        "{}",
        t.status()
    );
    t.keys("j");
    assert_eq!(t.status(), "Kept the draft");
    ctrl_c(&mut t);
    assert!(!t.app.quit, "Ctrl-C asks too");
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
    assert_eq!(t.status(), "Discarded the edited draft");
}

#[test]
fn a_date_after_today_is_refused_in_the_log_form_and_yesterday_is_a_date() {
    let mut t = Tui::demo();
    t.select("dana-lee");
    let n = t.log().len();
    t.keys("l");
    t.key(KeyCode::Tab);
    t.key(KeyCode::Tab);
    t.keys("2027-01-05");
    t.key(KeyCode::Enter);
    assert_eq!(t.log().len(), n, "nothing logged");
    let s = t.screen(100, 30);
    assert!(s.contains("2027-01-05 is after today (2026-11-20)"), "{s}");
    for _ in 0..10 {
        t.key(KeyCode::Backspace);
    }
    t.keys("yesterday");
    t.key(KeyCode::Enter);
    assert_eq!(t.log().len(), n + 1, "{}", t.status());
    assert_eq!(t.log()[n]["date"], "2026-11-19");
    t.keys("l");
    t.key(KeyCode::Tab);
    t.key(KeyCode::Tab);
    t.keys("mon");
    t.key(KeyCode::Enter);
    assert_eq!(
        t.log()[n + 1]["date"],
        "2026-11-16",
        "the Monday before Friday the 20th"
    );
}

/// The demo with a second referral from Dana (P.L., three days ago): two
/// open thank-yous.
fn dana_with_two_thank_yous() -> Tui {
    let dir = rapport::demo::create(common::tui::today()).unwrap();
    let line = r#"{"id":"g-test-second-referral","date":"2026-11-17","contact":"dana-lee","kind":"referral","dir":"received","note":"P.L."}"#;
    let path = dir.path().join("gestures.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(line);
    text.push('\n');
    std::fs::write(&path, text).unwrap();
    Tui::open(dir, rapport::config::Config::default(), None)
}

const THREE_SIZES: [(u16, u16); 3] = [(40, 12), (80, 24), (100, 30)];

#[test]
fn the_done_form_names_the_referral_it_answers_and_only_the_fields_that_apply() {
    let mut t = dana_with_two_thank_yous();
    let thanks: Vec<String> = (t.app.view.items.iter())
        .filter(|i| i.contact == "dana-lee" && i.kind == ItemKind::Thank)
        .map(|i| i.key.clone())
        .collect();
    assert_eq!(thanks.len(), 2, "two open thank-yous");
    let row = t
        .app
        .view
        .items
        .iter()
        .position(|i| i.key.ends_with("g-test-second-referral"))
        .unwrap();
    t.app.select(rapport::app::Pane::Queue, row);
    t.keys("D");
    let s = t.screen(100, 30);
    assert!(s.contains("Thank-you for P.L. (17 Nov) · Dana Lee"), "{s}");
    assert!(s.contains(r#"blank: "for referral P.L.""#), "{s}");
    assert!(!s.contains("How it went"), "{s}");
    for (w, h) in THREE_SIZES {
        insta::assert_snapshot!(format!("done_two_thanks_{w}x{h}"), t.screen(w, h));
    }
    t.key(KeyCode::Enter);
    let g = t.log().last().cloned().unwrap();
    assert_eq!(g["re"], "g-test-second-referral", "it answers the referral it names");
    assert_eq!(g["note"], "for referral P.L.");

    // A touch: no outcome, no referral in the hint.
    let row = t.app.view.items.iter().position(|i| i.kind == ItemKind::Touch).unwrap();
    t.app.select(rapport::app::Pane::Queue, row);
    t.keys("D");
    let s = t.screen(100, 30);
    assert!(s.contains("Done: touch"), "{s}");
    assert!(!s.contains("How it went"), "{s}");
    let note = s.lines().find(|l| l.contains("│Note")).unwrap();
    assert!(
        note.contains("what you talked about") && !note.contains("referral"),
        "{s}"
    );
}

#[test]
fn a_snooze_shows_on_the_card_in_the_snoozed_queue_and_z_lifts_it() {
    let mut t = Tui::demo();
    t.keys("1g");
    let key = selected_key(&t);
    assert!(key.starts_with("thank:dana-lee:"), "{key}");
    t.keys("s");
    t.key(KeyCode::Enter);
    assert!(!t.app.view.items.iter().any(|i| i.key == key), "snoozed for a week");
    t.select("dana-lee");
    t.key(KeyCode::Enter);
    let card = t.screen(100, 30);
    assert!(card.contains("Snoozed until Fri 27 Nov: thank · "), "{card}");
    assert!(card.contains("z unsnooze"), "the card's footer names the key:\n{card}");
    for (w, h) in THREE_SIZES {
        insta::assert_snapshot!(format!("card_snoozed_{w}x{h}"), t.screen(w, h));
    }
    t.key(KeyCode::Esc);

    // `:snoozed`: the queue lists what is snoozed, with its day.
    t.keys(":snoozed");
    t.key(KeyCode::Enter);
    let s = t.screen(100, 30);
    assert!(s.contains("Queue · snoozed (1)"), "{s}");
    assert!(s.contains("until 27 Nov"), "{s}");
    assert!(s.contains("Partners · snoozed · 1 of 34"), "{s}");
    t.keys("1z");
    assert!(t.status().starts_with("Lifted the snooze"), "{}", t.status());
    assert!(t.screen(100, 30).contains("Queue · nothing snoozed"));
    t.key(KeyCode::Esc);
    assert!(t.app.view.items.iter().any(|i| i.key == key), "back in the queue");
    t.keys("u");
    assert!(t.status().starts_with("Undid"), "{}", t.status());
    assert!(!t.app.view.items.iter().any(|i| i.key == key), "undo snoozes it again");
}

#[test]
fn the_smaller_points_stage_words_help_columns_mail_search_w_on_the_card() {
    let mut t = Tui::demo();
    // The pane's short stage words filter.
    t.keys(":stage:mutual");
    t.key(KeyCode::Enter);
    assert!(
        t.status().is_empty() || !t.status().contains("unknown"),
        "{}",
        t.status()
    );
    let s = t.screen(100, 30);
    assert!(s.contains("Partners · stage:mutual ·"), "{s}");
    t.key(KeyCode::Esc);
    // The help says what the columns mean.
    t.keys("?G");
    let help = t.screen(100, 30);
    assert!(
        help.contains("-5 you owe") && help.contains("+1 they owe you one"),
        "{help}"
    );
    t.key(KeyCode::Esc);
    // An e-mail address finds its partner.
    t.keys("/dana@exa");
    match t.app.overlays.last() {
        Some(Overlay::Search(s)) => {
            let top = s.list.selected().expect("a hit");
            assert_eq!(t.app.data.book.partners[top.index].id, "dana-lee");
        }
        other => panic!("{other:?}"),
    }
    t.key(KeyCode::Enter);
    // w writes from the card.
    t.keys("w");
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Draft(d)) if d.contact == "dana-lee"),
        "{:?}",
        overlay_names(&t)
    );
}

#[test]
fn at_80_columns_the_reasons_have_room_and_the_card_leaves_the_status_line() {
    let mut t = Tui::demo();
    let s = t.screen(80, 24);
    let row = s.lines().find(|l| l.contains("Tom Reyes")).unwrap();
    assert!(row.contains("10d late · every 14d"), "{row}");
    t.keys("/dana");
    t.key(KeyCode::Enter);
    for (w, h) in [(100, 30), (80, 24)] {
        let s = t.screen(w, h);
        let last = s.lines().last().unwrap();
        assert!(
            !last.contains('└'),
            "the card stops above the last row at {w}×{h}:\n{s}"
        );
        assert!(last.contains("e edit"), "{s}");
    }
}

#[test]
fn insights_at_40_columns_tell_the_bars_apart_without_colour() {
    let mut t = Tui::demo();
    t.keys("4");
    let s = t.screen(40, 12);
    assert!(s.contains("received (left)"), "{s}");
    let wide = t.screen(100, 30);
    assert!(
        wide.contains("received (left)") && wide.contains("given (right)"),
        "{wide}"
    );
    // One-column bars carry no numbers to run together.
    let bars: Vec<&str> = (s.lines())
        .take_while(|l| !l.contains("Pipeline"))
        .filter(|l| l.contains('█'))
        .collect();
    assert!(!bars.is_empty(), "{s}");
    assert!(bars.iter().all(|l| !l.chars().any(|c| c.is_ascii_digit())), "{s}");
}

#[test]
fn a_partner_is_added_with_whom_they_serve_and_their_address_in_four_tabs() {
    let mut t = Tui::demo();
    t.keys("aAnn Reyes");
    for field in [
        "Reyes Law",
        "estate attorney",
        "retirees and their families",
        "ann@reyes.law",
    ] {
        t.key(KeyCode::Tab);
        t.keys(field);
    }
    t.key(KeyCode::Enter);
    assert!(t.status().starts_with("Added Ann Reyes"), "{}", t.status());
    let p = t.app.data.book.partner("ann-reyes").expect("added");
    assert_eq!(p.org.as_deref(), Some("Reyes Law"));
    assert_eq!(p.role.as_deref(), Some("estate attorney"));
    assert_eq!(p.clientele.as_deref(), Some("retirees and their families"));
    assert_eq!(p.emails, ["ann@reyes.law"]);
}
