//! Forms that forgive, driven headless on the demo: presets that typing
//! replaces, `D` with its form, Esc that asks before throwing input away,
//! a warning before a second partner of the same name.

mod common;

use common::tui::{Tui, lines, today};
use rapport::app::Overlay;
use rapport::domain::queue::ItemKind;
use ratatui::crossterm::event::KeyCode;

/// Selects the first queue item of `kind`.
fn select(t: &mut Tui, kind: ItemKind) -> rapport::domain::queue::QueueItem {
    let at = t
        .app
        .view
        .items
        .iter()
        .position(|i| i.kind == kind)
        .expect("the demo has one");
    let row = at;
    t.app.select(rapport::app::Pane::Queue, row);
    t.app.view.items[at].clone()
}

#[test]
fn snooze_with_1_4_enter_is_fourteen_days_and_a_far_date_says_its_year() {
    let mut t = Tui::demo();
    let item = select(&mut t, ItemKind::Touch);
    t.keys("s14");
    t.key(KeyCode::Enter);
    let queue = std::fs::read_to_string(t.path("queue.toml")).unwrap();
    let want = (today() + chrono::Days::new(14)).to_string();
    assert!(queue.contains(&item.key) && queue.contains(&want), "{queue}");
    t.keys("u");
    let item = select(&mut t, ItemKind::Touch);
    t.keys("s2028-11-14");
    t.key(KeyCode::Enter);
    // Over a year away: the form asks first, and nothing is written yet.
    let asked = t.screen(100, 30);
    assert!(asked.contains("Until Tue 14 Nov 2028, over a year away?"), "{asked}");
    let queue = std::fs::read_to_string(t.path("queue.toml")).unwrap_or_default();
    assert!(!queue.contains(&item.key), "nothing snoozed before the answer: {queue}");
    t.key(KeyCode::Enter);
    assert!(t.status().contains("Tue 14 Nov 2028"), "{}", t.status());
    assert!(
        std::fs::read_to_string(t.path("queue.toml"))
            .unwrap()
            .contains(&item.key)
    );
}

#[test]
fn capital_d_on_a_thank_item_logs_a_card_with_its_note() {
    let mut t = Tui::demo();
    let item = select(&mut t, ItemKind::Thank);
    t.keys("D");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::DoneForm(_))));
    t.keys("handwritten, good paper");
    t.key(KeyCode::Up);
    t.key(KeyCode::Right);
    let screen = t.screen(100, 30);
    assert!(screen.contains("‹ card ›"), "{screen}");
    t.key(KeyCode::Enter);
    let log = lines(&t.path("gestures.jsonl"));
    let g = log.last().unwrap();
    assert_eq!(g["kind"], "card");
    assert_eq!(g["note"], "handwritten, good paper");
    assert_eq!(
        g["re"].as_str(),
        item.gesture.as_deref(),
        "it answers the item's referral"
    );
    assert!(t.app.view.items.iter().all(|i| i.key != item.key));
}

#[test]
fn capital_d_on_an_update_sets_the_outcome_with_the_update() {
    let mut t = Tui::demo();
    let item = select(&mut t, ItemKind::Update);
    t.keys("D");
    t.keys("started well");
    t.key(KeyCode::Down);
    t.keys("e");
    t.key(KeyCode::Enter);
    let log = lines(&t.path("gestures.jsonl"));
    let update = log.last().unwrap();
    assert_eq!(update["kind"], "update");
    assert_eq!(update["note"], "started well");
    let referral = log
        .iter()
        .find(|g| g["id"].as_str() == item.gesture.as_deref())
        .unwrap();
    assert_eq!(referral["outcome"], "engaged");
}

#[test]
fn l_on_a_one_way_item_opens_on_a_referral() {
    let mut t = Tui::demo();
    select(&mut t, ItemKind::OneWay);
    t.keys("l");
    let screen = t.screen(100, 30);
    assert!(screen.contains("‹ referral ›"), "{screen}");
}

#[test]
fn esc_on_a_half_filled_form_asks_before_discarding() {
    let mut t = Tui::demo();
    let before = std::fs::read(t.path("contacts.toml")).unwrap();
    t.keys("aAnn Example");
    t.key(KeyCode::Esc);
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::PartnerForm(_))),
        "the form stays"
    );
    assert!(t.screen(100, 30).contains("Discard what you typed?"));
    t.keys("e");
    t.key(KeyCode::Esc);
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty(), "a second Esc discards");
    assert_eq!(
        std::fs::read(t.path("contacts.toml")).unwrap(),
        before,
        "nothing was added"
    );
    // A form with nothing typed closes at once.
    t.keys("a");
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
}

#[test]
fn adding_a_name_already_there_warns_once_then_adds() {
    let mut t = Tui::demo();
    t.keys("aDana Lee");
    t.key(KeyCode::Enter);
    let screen = t.screen(100, 30);
    assert!(screen.contains("Dana Lee is already in rapport (dana-lee)"), "{screen}");
    let n = t.app.data.book.partners.len();
    t.key(KeyCode::Enter);
    assert_eq!(t.app.data.book.partners.len(), n + 1, "the second Enter adds");
    assert!(t.app.data.book.partner("dana-lee-2").is_some());
}

#[test]
fn the_add_form_shows_the_default_cadence_and_at_40_by_12_the_field_typed_into() {
    let mut t = Tui::demo();
    t.keys("a");
    assert!(t.screen(100, 30).contains("blank: 30 (the default"));
    for _ in 0..10 {
        t.key(KeyCode::Tab);
    }
    t.keys("xyzzy notes");
    let screen = t.screen(40, 12);
    assert!(screen.contains("xyzzy"), "the Notes field is in view:\n{screen}");
}

#[test]
fn d_on_a_reach_out_item_offers_the_draft_and_s_sends_it() {
    let mut t = Tui::demo();
    let item = select(&mut t, ItemKind::ReachOut);
    t.keys("d");
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Draft(_))),
        "d shows the first message first"
    );
    let screen = t.screen(100, 30);
    assert!(screen.contains("Draft to"), "{screen}");
    t.keys("s");
    let log = lines(&t.path("gestures.jsonl"));
    let g = log.last().unwrap();
    assert_eq!(
        (g["kind"].as_str(), g["contact"].as_str()),
        (Some("message"), Some(item.contact.as_str()))
    );
    assert!(
        t.app.view.items.iter().all(|i| i.key != item.key),
        "the reach-out item is done"
    );
}

#[test]
fn d_on_a_follow_up_item_offers_the_follow_up_draft() {
    let mut t = Tui::demo();
    select(&mut t, ItemKind::FollowUp);
    t.keys("d");
    let screen = t.screen(100, 30);
    assert!(screen.contains("· follow-up"), "{screen}");
}

#[test]
fn notes_wrap_over_several_rows_and_alt_enter_starts_a_new_line() {
    let mut t = Tui::demo();
    t.keys("aMulti Line");
    use rapport::app::form::FieldSet;
    use rapport::app::partner_form::PartnerField;
    let notes_at = PartnerField::ALL
        .iter()
        .position(|f| *f == PartnerField::Notes)
        .unwrap();
    for _ in 0..notes_at {
        t.key(KeyCode::Tab);
    }
    t.keys("Spouse Sam; kids Ava and Leo; supports the food bank and the animal shelter");
    t.key_with(KeyCode::Enter, ratatui::crossterm::event::KeyModifiers::ALT);
    t.keys("Vegetarian");
    let screen = t.screen(100, 30);
    assert!(
        screen.contains("animal shelter") || screen.contains("shelter"),
        "the end of the long line shows:\n{screen}"
    );
    assert!(screen.contains("Vegetarian"), "{screen}");
    t.key(KeyCode::Enter);
    let p = t
        .app
        .data
        .book
        .partners
        .iter()
        .find(|p| p.name == "Multi Line")
        .expect("added");
    assert_eq!(
        p.notes.as_deref(),
        Some("Spouse Sam; kids Ava and Leo; supports the food bank and the animal shelter\nVegetarian")
    );
    let text = std::fs::read_to_string(t.path("contacts.toml")).unwrap();
    assert!(text.contains("Vegetarian"), "written to the file");
}
