//! The partners pane filtered and sorted, search that forgives, and Esc
//! that never quits: driven headless on the demo.

mod common;

use common::tui::{Tui, today};
use rapport::app::{Overlay, Pane};
use rapport::domain::search::Field;
use ratatui::crossterm::event::KeyCode;

fn shown(t: &Tui) -> Vec<String> {
    t.app
        .view
        .partners
        .iter()
        .map(|&i| t.app.data.book.partners[i].name.clone())
        .collect()
}

#[test]
fn esc_on_the_main_screen_never_quits_and_clears_the_filter() {
    let mut t = Tui::demo();
    t.key(KeyCode::Esc);
    assert!(!t.app.quit, "Esc quit the app");
    assert!(t.status().contains("q quits"), "{}", t.status());
    t.keys(":#attorney");
    t.key(KeyCode::Enter);
    assert!(t.app.overlays.is_empty());
    assert!(shown(&t).len() < t.app.view.active);
    t.key(KeyCode::Esc);
    assert!(!t.app.quit);
    assert_eq!(shown(&t).len(), t.app.view.active, "Esc cleared the filter");
    t.key(KeyCode::Char('q'));
    assert!(t.app.quit);
}

#[test]
fn quiet_90_lists_exactly_the_partners_untouched_for_over_90_days() {
    let mut t = Tui::demo();
    let want: Vec<String> = {
        let v = &t.app.view;
        let mut names: Vec<String> = t
            .app
            .data
            .book
            .partners
            .iter()
            .enumerate()
            .filter(|(i, p)| !p.archived && v.touches[*i].is_none_or(|d| (today() - d).num_days() > 90))
            .map(|(_, p)| p.name.clone())
            .collect();
        names.sort_by_key(|n| rapport::domain::text::fold(n));
        names
    };
    assert!(
        !want.is_empty() && want.len() < t.app.view.active,
        "the demo has some quiet partners: {want:?}"
    );
    t.keys(":quiet:90");
    // The pane follows as it is typed.
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Filter(_))));
    assert_eq!(shown(&t), want);
    let screen = t.screen(100, 30);
    assert!(
        screen.contains(&format!("quiet:90 · {} of {}", want.len(), t.app.view.active)),
        "{screen}"
    );
    t.key(KeyCode::Enter);
    assert_eq!(shown(&t), want);
    assert_eq!(t.app.focus, Pane::Partners);
    // `o` then orders them longest untouched first.
    t.key(KeyCode::Char('o'));
    let firsts: Vec<_> = t.app.view.partners.iter().map(|&i| t.app.view.touches[i]).collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "{firsts:?}");
    assert!(t.screen(100, 30).contains("longest untouched first"));
}

#[test]
fn a_bad_filter_says_why_and_esc_puts_back_the_one_before() {
    let mut t = Tui::demo();
    t.keys(":#therapist");
    t.key(KeyCode::Enter);
    let therapists = shown(&t);
    t.keys(":");
    t.key(KeyCode::Backspace);
    t.keys(" stage:friend");
    let screen = t.screen(100, 30);
    assert!(screen.contains("unknown stage"), "{screen}");
    t.key(KeyCode::Enter);
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Filter(_))),
        "Enter on a bad filter keeps the prompt"
    );
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
    assert_eq!(shown(&t), therapists);
}

#[test]
fn search_finds_typos_transliterations_and_notes_and_says_where() {
    let mut t = Tui::demo();
    let first = |t: &Tui| match t.app.overlays.last() {
        Some(Overlay::Search(s)) => s
            .list
            .hits
            .first()
            .map(|h| (t.app.data.book.partners[h.index].name.clone(), h.field)),
        _ => None,
    };
    t.keys("/priay");
    assert_eq!(first(&t).map(|h| h.0).as_deref(), Some("Priya Shah"));
    t.key(KeyCode::Esc);
    t.keys("/mueller");
    assert_eq!(first(&t).map(|h| h.0).as_deref(), Some("Jonas Müller"));
    t.key(KeyCode::Esc);
    t.keys("/vegetarian");
    assert_eq!(first(&t), Some(("Priya Shah".to_string(), Some(Field::Notes))));
    let screen = t.screen(100, 30);
    assert!(screen.contains("notes: ") && screen.contains("Vegetarian"), "{screen}");
}

#[test]
fn g_in_help_goes_to_its_end_and_does_not_close_it() {
    let mut t = Tui::demo();
    t.keys("?G");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Help(_))));
    let screen = t.screen(80, 24);
    assert!(screen.contains("90-day one)."), "the last line shows: {screen}");
}

const SIZES: [(u16, u16); 4] = [(40, 12), (80, 24), (100, 30), (200, 50)];

#[test]
fn four_opens_insights_with_the_months_the_pipeline_and_the_receiver() {
    let mut t = Tui::demo();
    t.keys("4");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Insights(_))));
    let screen = t.screen(100, 30);
    for want in [
        "Referrals by month",
        "Pipeline",
        "Connectors",
        "Gone quiet",
        "Ruth Albers",
        "engaged",
        "thanked within a day",
    ] {
        assert!(screen.contains(want), "Insights lacks {want:?}:\n{screen}");
    }
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("insights_demo_{w}x{h}"), t.screen(w, h));
    }
    t.keys("2");
    assert!(t.app.overlays.is_empty());
    assert_eq!(t.app.focus, Pane::Partners, "2 leaves Insights for the partners");
}

#[test]
fn insights_on_an_empty_book_say_how_to_begin() {
    let mut t = Tui::empty();
    t.keys("4");
    let screen = t.screen(100, 30);
    assert!(
        screen.contains("An empty book") && screen.contains("rapport import"),
        "{screen}"
    );
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("insights_empty_{w}x{h}"), t.screen(w, h));
    }
}

#[test]
fn a_click_on_a_partner_moves_the_filtered_log_to_them() {
    let mut t = Tui::demo();
    t.app.ui.mouse = true;
    t.keys("2f");
    let first = t.app.view.log_for.clone().unwrap();
    t.app.mouse(rapport::app::Mouse::Click {
        pane: Pane::Partners,
        row: Some(3),
    });
    let now = t.app.view.log_for.clone().unwrap();
    assert_ne!(now, first, "the log follows the click");
    let name = t.app.name_of(&now);
    assert!(
        t.screen(100, 30).contains(&format!("Log · {name}")),
        "the title names them"
    );
}

/// `G` in the help goes to its last line, and `k` then moves up at once:
/// keys past the end do not pile up out of sight. The same in a card.
#[test]
fn help_and_card_scroll_back_at_once_from_the_bottom() {
    let mut t = Tui::demo();
    t.keys("?");
    let top = t.screen(100, 20);
    t.keys("G");
    let bottom = t.screen(100, 20);
    assert_ne!(top, bottom, "G did not scroll the help");
    t.keys("jjjjj");
    assert_eq!(t.screen(100, 20), bottom);
    t.keys("k");
    let up = t.screen(100, 20);
    assert_ne!(up, bottom, "k after G did not move the help");
    t.keys("j");
    assert_eq!(t.screen(100, 20), bottom);
    t.key(KeyCode::Esc);

    t.keys("2g");
    t.key(KeyCode::Enter);
    assert!(matches!(t.app.overlays.last(), Some(rapport::app::Overlay::Card(_))));
    let first = t.screen(80, 14);
    for _ in 0..50 {
        t.keys("j");
    }
    let end = t.screen(80, 14);
    assert_ne!(first, end, "j did not scroll the card");
    t.keys("k");
    assert_ne!(
        t.screen(80, 14),
        end,
        "k after scrolling past the end did not move the card"
    );
}

/// Insights scrolls within its figures as they wrap: `G` to the end, and
/// `k` moves up at once after keys past the end.
#[test]
fn insights_scroll_stops_at_the_last_line() {
    let mut t = Tui::demo();
    t.keys("4");
    let top = t.screen(80, 24);
    t.keys("G");
    let bottom = t.screen(80, 24);
    assert_ne!(top, bottom, "G did not scroll the insights");
    t.keys("jjjj");
    assert_eq!(t.screen(80, 24), bottom, "j scrolled past the last line");
    t.keys("k");
    assert_ne!(t.screen(80, 24), bottom, "k after G did not move");
    t.keys("g");
    assert_eq!(t.screen(80, 24), top);
}
