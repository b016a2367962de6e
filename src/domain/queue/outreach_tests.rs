//! The reach-out, follow-up and quiet items, each around its boundary day.

use super::tests::{TODAY, keys, partner};
use super::*;
use crate::domain::testing::{day, g};
use crate::domain::{Direction, Stage};

#[test]
fn a_prospect_never_written_to_has_a_reach_out_item_until_a_message_goes_out() {
    let c = Rules::default();
    let mut p = partner("lena", None);
    p.stage = Stage::ReachOut;
    p.since = Some(day("2026-11-20"));
    let mut book = Book::new(vec![p], vec![]);
    let s = QueueState::default();
    assert!(
        due_items(&book, &s, &c, day("2026-11-19")).is_empty(),
        "not before she was added"
    );
    let items = due_items(&book, &s, &c, day(TODAY));
    assert_eq!(keys(&items), ["reach-out:lena"]);
    assert_eq!(items[0].logs, Some(Kind::Message));
    // Forty days on, still no touch item beside it: writing is the touch.
    assert_eq!(keys(&due_items(&book, &s, &c, day("2026-12-30"))), ["reach-out:lena"]);
    // Something received is not something given.
    book.gestures
        .push(g(1, "lena", "2026-11-21", Kind::Message, Direction::Received));
    assert_eq!(keys(&due_items(&book, &s, &c, day("2026-11-22"))), ["reach-out:lena"]);
    book.gestures
        .push(g(2, "lena", "2026-11-22", Kind::Call, Direction::Given));
    assert!(due_items(&book, &s, &c, day("2026-11-22")).is_empty());
    // At another stage, no reach-out item.
    let mut q = partner("tom", Some(0));
    q.stage = Stage::Rapport;
    let other = Book::new(vec![q], vec![]);
    assert!(due_items(&other, &s, &c, day(TODAY)).is_empty());
}

#[test]
fn a_message_with_no_answer_for_follow_up_days_raises_a_follow_up() {
    let c = Rules::default();
    let mut p = partner("lena", Some(0));
    p.stage = Stage::ReachOut;
    let mut book = Book::new(
        vec![p],
        vec![g(1, "lena", "2026-11-10", Kind::Message, Direction::Given)],
    );
    let s = QueueState::default();
    assert!(
        due_items(&book, &s, &c, day("2026-11-19")).is_empty(),
        "nine days: not yet"
    );
    let items = due_items(&book, &s, &c, day(TODAY));
    assert_eq!(keys(&items), ["follow-up:lena:g-0001"]);
    assert_eq!(items[0].due, day(TODAY));
    assert_eq!(items[0].text, "due today · no answer to your message of 10 Nov");
    // Following up with another message starts the wait again.
    book.gestures.push(g(2, "lena", TODAY, Kind::Message, Direction::Given));
    assert!(due_items(&book, &s, &c, day("2026-11-29")).is_empty());
    assert_eq!(
        keys(&due_items(&book, &s, &c, day("2026-11-30"))),
        ["follow-up:lena:g-0002"]
    );
    // An answer clears it, and at stage rapport there is none.
    book.gestures
        .push(g(3, "lena", "2026-11-25", Kind::Message, Direction::Received));
    assert!(due_items(&book, &s, &c, day("2026-11-30")).is_empty());
    book.gestures.pop();
    book.partners[0].stage = Stage::Rapport;
    assert!(due_items(&book, &s, &c, day("2026-11-30")).is_empty());
}

#[test]
fn a_regular_source_silent_for_quiet_after_days_raises_a_quiet_item() {
    let c = Rules::default();
    let mut book = Book::new(
        vec![partner("dana", Some(0))],
        vec![
            g(1, "dana", "2026-01-10", Kind::Referral, Direction::Received),
            g(2, "dana", "2026-02-10", Kind::Referral, Direction::Received),
            g(3, "dana", "2026-03-10", Kind::Referral, Direction::Received),
            g(4, "dana", "2026-04-10", Kind::Referral, Direction::Received),
        ],
    );
    for (n, d) in ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10"]
        .iter()
        .enumerate()
    {
        book.gestures
            .push(g(10 + n as u32, "dana", d, Kind::ThankYou, Direction::Given));
        book.gestures
            .push(g(20 + n as u32, "dana", d, Kind::Update, Direction::Given));
    }
    let s = QueueState::default();
    let quiet = |b: &Book, d: &str| -> Vec<QueueItem> {
        let mut items = due_items(b, &s, &c, day(d));
        items.retain(|i| i.kind == ItemKind::Quiet);
        items
    };
    // Usual gap about 31 days, doubled 62: the 120 days rule.
    assert!(quiet(&book, "2026-08-07").is_empty(), "119 days");
    let items = quiet(&book, "2026-08-08");
    assert_eq!(keys(&items), ["quiet:dana:g-0004"]);
    assert_eq!(items[0].logs, Some(Kind::Call));
    assert_eq!(items[0].text, "no referral since 10 Apr (120d) · usually every 31d");
    // A call from that day clears it; one before does not.
    book.gestures
        .push(g(30, "dana", "2026-08-07", Kind::Call, Direction::Given));
    assert_eq!(quiet(&book, "2026-08-08").len(), 1);
    book.gestures
        .push(g(31, "dana", "2026-08-08", Kind::Meeting, Direction::Received));
    assert!(quiet(&book, "2026-08-08").is_empty());
    book.gestures.truncate(book.gestures.len() - 2);
    // A new referral makes a new last one: the old key is gone.
    book.gestures
        .push(g(40, "dana", "2026-08-20", Kind::Referral, Direction::Received));
    assert!(quiet(&book, "2026-08-21").is_empty());
}

#[test]
fn a_slow_source_goes_quiet_only_after_twice_their_usual_gap() {
    let c = Rules::default();
    // One referral every 100 days: quiet after 200, not 120.
    let book = Book::new(
        vec![partner("sam", Some(0))],
        vec![
            g(1, "sam", "2025-06-01", Kind::Referral, Direction::Received),
            g(2, "sam", "2025-09-09", Kind::Referral, Direction::Received),
            g(3, "sam", "2025-12-18", Kind::Referral, Direction::Received),
        ],
    );
    let quiet = |d: &str| all_items(&book, &c, day(d)).iter().any(|i| i.kind == ItemKind::Quiet);
    assert!(!quiet("2026-07-05"), "199 days");
    assert!(quiet("2026-07-06"), "200 days");
    // Fewer than quiet_min in the year up to the last: not a regular source.
    let mut c2 = c.clone();
    c2.quiet_min = 4;
    assert!(
        all_items(&book, &c2, day("2026-07-06"))
            .iter()
            .all(|i| i.kind != ItemKind::Quiet)
    );
    c2.quiet_min = 0;
    assert!(
        all_items(&book, &c2, day("2026-07-06"))
            .iter()
            .all(|i| i.kind != ItemKind::Quiet)
    );
}
