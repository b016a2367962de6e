use super::*;
use crate::domain::testing::*;

fn dana() -> (Book, QueueState) {
    let referral = g(1, "dana", "2026-11-18", Kind::Referral, Direction::Received);
    (
        Book::new(vec![Partner::new("dana", "Dana Lee")], vec![referral]),
        QueueState::default(),
    )
}

fn ids() -> impl FnMut() -> String {
    let mut n = 100;
    move || {
        n += 1;
        format!("g-{n}")
    }
}

fn run(book: &mut Book, q: &mut QueueState, c: Change) -> Result<Applied, Refusal> {
    apply(book, q, c, &Rules::default(), day("2026-11-20"), &mut ids())
}

fn done_thank() -> Change {
    Change::Done {
        key: "thank:dana:g-0001".into(),
        kind: None,
        date: day("2026-11-20"),
        note: None,
        outcome: None,
    }
}

#[test]
fn done_logs_the_items_gesture_once_and_then_says_it_was_cleared() {
    let (mut b, mut q) = dana();
    let a = run(&mut b, &mut q, done_thank()).unwrap();
    assert_eq!(a.summary, "Logged thank-you to Dana Lee");
    assert_eq!(a.subject.item.as_deref(), Some("thank:dana:g-0001"));
    let thanks = b.gestures.iter().filter(|g| g.kind == Kind::ThankYou).count();
    assert_eq!(thanks, 1);
    assert_eq!(b.gestures[1].re.as_deref(), Some("g-0001"));
    let again = run(&mut b, &mut q, done_thank()).unwrap_err();
    assert!(matches!(again, Refusal::Cleared(_)), "{again}");
    assert!(again.to_string().contains("already cleared"), "{again}");
    assert_eq!(b.gestures.len(), 2, "nothing logged twice");
}

#[test]
fn an_update_done_with_an_outcome_marks_its_referral() {
    let (mut b, mut q) = dana();
    let c = Change::Done {
        key: "update:dana:g-0001".into(),
        kind: None,
        date: day("2026-11-26"),
        note: None,
        outcome: Some(Outcome::Engaged),
    };
    let a = apply(&mut b, &mut q, c, &Rules::default(), day("2026-11-26"), &mut ids()).unwrap();
    assert!(a.summary.ends_with("the referral is engaged"), "{}", a.summary);
    assert_eq!(b.gestures[0].outcome, Some(Outcome::Engaged));
    // An outcome on a thank item is the wrong request, and changes nothing.
    let (mut b, mut q) = dana();
    let c = Change::Done {
        key: "thank:dana:g-0001".into(),
        kind: None,
        date: day("2026-11-20"),
        note: None,
        outcome: Some(Outcome::Engaged),
    };
    let r = run(&mut b, &mut q, c).unwrap_err();
    assert!(r.is_usage());
    assert_eq!(b.gestures.len(), 1);
}

#[test]
fn an_edit_of_a_partner_changed_meanwhile_is_refused_and_writes_nothing() {
    let (mut b, mut q) = dana();
    let before = b.partners[0].clone();
    b.partners[0].org = Some("Lee Family Law".into());
    let mut after = before.clone();
    after.role = Some("Attorney".into());
    let c = Change::Edit {
        before: Box::new(before),
        after: Box::new(after),
    };
    let kept = b.clone();
    assert!(matches!(run(&mut b, &mut q, c), Err(Refusal::Stale(_))));
    assert_eq!(b, kept);
}

#[test]
fn add_gives_a_fresh_id_and_warns_of_the_same_name_folded_archived_too() {
    let (mut b, mut q) = dana();
    b.partners[0].archived = true;
    let c = Change::Add {
        partner: Box::new(Partner::new("", "dana  LEE")),
    };
    let a = run(&mut b, &mut q, c).unwrap();
    assert_eq!(a.subject.partner.as_deref(), Some("dana-lee"));
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(a.warnings[0].contains("archived"), "{:?}", a.warnings);
    assert_eq!(b.partner("dana-lee").unwrap().since, Some(day("2026-11-20")));
}

#[test]
fn a_snooze_names_the_item_and_unsnooze_lifts_it() {
    let (mut b, mut q) = dana();
    let key = "thank:dana:g-0001".to_string();
    let c = Change::Snooze {
        key: key.clone(),
        until: day("2026-11-27"),
    };
    let a = run(&mut b, &mut q, c).unwrap();
    assert_eq!(a.summary, "Snoozed thank for Dana Lee until Fri 27 Nov");
    assert!(q.snoozed.contains_key(&key));
    run(&mut b, &mut q, Change::Unsnooze { key: key.clone() }).unwrap();
    assert!(q.snoozed.is_empty());
    assert!(run(&mut b, &mut q, Change::Unsnooze { key: key.clone() }).is_err());
    // Once the thank-you is logged, the item is gone: no snooze is set.
    run(&mut b, &mut q, done_thank()).unwrap();
    let c = Change::Snooze {
        key,
        until: day("2026-11-27"),
    };
    assert!(matches!(run(&mut b, &mut q, c), Err(Refusal::Cleared(_))));
    assert!(q.snoozed.is_empty());
}

#[test]
fn a_batch_leaves_out_gestures_already_logged_and_refuses_a_stale_partner() {
    let (mut b, mut q) = dana();
    let old = g(1, "dana", "2026-11-18", Kind::Referral, Direction::Received);
    let mut new = g(0, "dana", "2026-11-19", Kind::Meeting, Direction::Given);
    new.id.clear();
    let batch = Batch {
        label: "Logged 1 meeting".into(),
        gestures: vec![old, new],
        ..Batch::default()
    };
    run(&mut b, &mut q, Change::Batch(Box::new(batch))).unwrap();
    assert_eq!(b.gestures.len(), 2);
    assert_eq!(b.gestures[1].id, "g-101");
    let stale = Batch {
        partners: vec![(None, Partner::new("dana", "Dana Lee"))],
        ..Batch::default()
    };
    let r = run(&mut b, &mut q, Change::Batch(Box::new(stale)));
    assert!(matches!(r, Err(Refusal::Stale(_))));
}
