//! The TUI's reach-out keys driven headless, as tests/tui.rs drives the
//! rest: `w` (the draft and its checks; `s` marks it sent, `u` undoes; `c`
//! copies; `e` edits) and `r` (refer a client out as you type).

mod common;

use common::tui::Tui;

use rapport::app::Overlay;
use ratatui::crossterm::event::KeyCode;

#[test]
fn w_shows_the_draft_with_its_checks_s_logs_a_message_and_u_undoes_it() {
    let mut t = Tui::demo_as_shipped();
    t.select("lena-ortiz");
    t.keys("w");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Draft(_))));
    let s = t.screen(100, 40);
    assert!(s.contains("Draft to Lena Ortiz · first"), "{s}");
    assert!(s.contains("Hi Lena,"), "{s}");
    assert!(s.contains("expecting parents"), "{s}");
    assert!(s.contains("✔ addressed by name"), "{s}");
    assert!(s.contains("✔ giving before asking"), "{s}");
    assert!(!s.contains('✘'), "{s}");
    assert!(
        s.contains("mailto:lena.ortiz@example.org?subject=The%20families"),
        "{s}"
    );
    assert!(s.contains("s sent · c copy · e edit"), "{s}");

    t.keys("c");
    assert!(
        t.status().starts_with("Copied the draft to the clipboard (OSC 52)"),
        "{}",
        t.status()
    );
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Draft(_))),
        "copying keeps the draft open"
    );

    let before = t.log().len();
    t.keys("s");
    let log = t.log();
    assert_eq!(log.len(), before + 1);
    let g = log.last().unwrap();
    assert_eq!(g["contact"], "lena-ortiz");
    assert_eq!(g["kind"], "message");
    assert_eq!(g["dir"], "given");
    assert_eq!(g["note"], "sent: The families we both see");
    assert!(t.app.overlays.is_empty(), "the draft closes once sent");
    assert!(t.status().starts_with("Logged message to Lena Ortiz"), "{}", t.status());

    t.keys("u");
    assert_eq!(t.log().len(), before, "{}", t.status());
    assert!(t.status().starts_with("Undid"), "{}", t.status());
}

#[test]
fn t_tries_the_next_template_and_a_thank_you_names_the_client_by_initials_only() {
    let mut t = Tui::demo_as_shipped();
    t.select("dana-lee");
    t.keys("wt");
    let s = t.screen(100, 40);
    assert!(s.contains("Draft to Dana Lee · follow-up"), "{s}");
    t.keys("t");
    let s = t.screen(100, 40);
    assert!(s.contains("· thank-you"), "{s}");
    assert!(s.contains("on 19 November (M.O.)"), "initials only: {s}");
    assert!(!s.contains("M.O., custody"), "{s}");
}

#[test]
fn r_ranks_partners_as_the_need_is_typed_and_logs_the_referral_picked() {
    let mut t = Tui::demo_as_shipped();
    t.keys("r");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Refer(_))));
    t.keys("estate");
    let s = t.screen(100, 30);
    assert!(s.contains("What does the client need? estate"), "{s}");
    t.keys(" planner");
    let s = t.screen(100, 30);
    let rosa = s.find("Rosa Delgado (Delgado Elder & Estate Law)").expect(&s);
    let hannah = s.find("Hannah Weiss (Weiss Estate Law)").expect(&s);
    assert!(rosa < hannah, "the one you owe first: {s}");
    assert!(s.contains("you owe 2 · rapport · never referred to them"), "{s}");

    t.key(KeyCode::Enter);
    let s = t.screen(100, 30);
    assert!(
        s.contains("Referral to Rosa Delgado, note (initials are enough):"),
        "{s}"
    );
    let before = t.log().len();
    t.keys("J.P.");
    t.key(KeyCode::Enter);
    let log = t.log();
    assert_eq!(log.len(), before + 1, "{}", t.status());
    let g = log.last().unwrap();
    assert_eq!(
        (&g["contact"], &g["kind"], &g["dir"], &g["note"]),
        (
            &serde_json::json!("rosa-delgado"),
            &serde_json::json!("referral"),
            &serde_json::json!("given"),
            &serde_json::json!("J.P.")
        )
    );
    assert!(t.app.overlays.is_empty());
    assert!(
        t.status().starts_with("Logged referral to Rosa Delgado"),
        "{}",
        t.status()
    );
    // The balance moved: Rosa is owed one less.
    t.keys("r");
    t.keys("estate planning");
    let s = t.screen(100, 30);
    assert!(s.contains("you owe 1 · rapport · last referral to them today"), "{s}");
    t.key(KeyCode::Esc);
    t.keys("u");
    assert_eq!(t.log().len(), before);
}

#[test]
fn r_with_no_match_says_so_and_esc_steps_back() {
    let mut t = Tui::demo_as_shipped();
    t.keys("r");
    let s = t.screen(100, 30);
    assert!(s.contains("Type a need"), "{s}");
    t.keys("llama grooming");
    let s = t.screen(100, 30);
    assert!(s.contains("No active partner matches"), "{s}");
    t.key(KeyCode::Enter);
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Refer(r)) if r.picked.is_none()));
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
}

/// The draft scrolls within its text on a short screen, and `k` moves at
/// once after `j` past the end.
#[test]
fn the_draft_scrolls_no_further_than_its_last_line() {
    let mut t = Tui::demo();
    t.select("nadia-rahman");
    t.keys("w");
    let top = t.screen(90, 14);
    t.keys("j");
    let down = t.screen(90, 14);
    assert_ne!(top, down, "j did not scroll a draft taller than the screen");
    for _ in 0..60 {
        t.keys("j");
    }
    let end = t.screen(90, 14);
    t.keys("k");
    assert_ne!(t.screen(90, 14), end, "k after j past the end did not move");
}
