//! The queue's rules, one test each, and its invariants under proptest.

use super::*;
use crate::domain::partner::LabelledDate;
use crate::domain::testing::{day, g};
use crate::domain::{Direction, Stage, YearlyDate};
use chrono::Days;
use proptest::prelude::*;

/// A partner past reach-out (so no reach-out item), on this cadence.
pub(super) fn partner(id: &str, cadence: Option<u32>) -> Partner {
    Partner {
        cadence_days: cadence,
        stage: Stage::Rapport,
        ..Partner::new(id, id)
    }
}

pub(super) fn keys(items: &[QueueItem]) -> Vec<&str> {
    items.iter().map(|i| i.key.as_str()).collect()
}

pub(super) const TODAY: &str = "2026-11-20";

#[test]
fn a_referral_raises_thank_now_and_update_a_week_later() {
    let c = Rules::default();
    let mut book = Book::new(
        vec![partner("dana", Some(0))],
        vec![g(1, "dana", TODAY, Kind::Referral, Direction::Received)],
    );
    let s = QueueState::default();
    let items = due_items(&book, &s, &c, day(TODAY));
    assert_eq!(keys(&items), ["thank:dana:g-0001"]);
    assert_eq!(items[0].due, day(TODAY));
    assert_eq!(items[0].logs, Some(Kind::ThankYou));

    let later = day("2026-11-27");
    let items = due_items(&book, &s, &c, later);
    assert_eq!(keys(&items), ["thank:dana:g-0001", "update:dana:g-0001"]);
    assert_eq!(items[1].due, later);

    book.gestures
        .push(g(2, "dana", "2026-11-21", Kind::ThankYou, Direction::Given));
    assert_eq!(keys(&due_items(&book, &s, &c, later)), ["update:dana:g-0001"]);
    book.gestures
        .push(g(3, "dana", "2026-11-28", Kind::Update, Direction::Given));
    assert!(due_items(&book, &s, &c, day("2026-11-28")).is_empty());
}

#[test]
fn thanks_given_before_the_referral_do_not_count() {
    let c = Rules::default();
    let book = Book::new(
        vec![partner("dana", Some(0))],
        vec![
            g(1, "dana", "2026-11-01", Kind::Card, Direction::Given),
            g(2, "dana", "2026-11-10", Kind::Referral, Direction::Received),
            g(3, "dana", "2026-11-12", Kind::ThankYou, Direction::Received),
        ],
    );
    let items = due_items(&book, &QueueState::default(), &c, day(TODAY));
    assert_eq!(keys(&items), ["thank:dana:g-0002", "update:dana:g-0002"]);
}

#[test]
fn one_thank_you_answers_one_referral_not_all_of_them() {
    let c = Rules::default();
    let mut book = Book::new(
        vec![partner("dana", Some(0))],
        vec![
            g(1, "dana", "2026-10-01", Kind::Referral, Direction::Received),
            g(2, "dana", "2026-10-05", Kind::Referral, Direction::Received),
            g(3, "dana", "2026-10-09", Kind::Referral, Direction::Received),
            g(4, "dana", "2026-10-10", Kind::Card, Direction::Given),
            g(5, "dana", "2026-10-20", Kind::Update, Direction::Given),
        ],
    );
    let s = QueueState::default();
    let thanks = |b: &Book| {
        let items = due_items(b, &s, &c, day(TODAY));
        let t: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Thank)
            .map(|i| i.key.clone())
            .collect();
        let u = items.iter().filter(|i| i.kind == ItemKind::Update).count();
        (t, u)
    };
    assert_eq!(
        thanks(&book),
        (
            vec!["thank:dana:g-0002".to_string(), "thank:dana:g-0003".to_string()],
            2
        ),
        "the card answers the oldest; the update answers one of three"
    );
    // A thank-you naming the newest answers that one, not the oldest open.
    let mut named = g(6, "dana", "2026-10-21", Kind::ThankYou, Direction::Given);
    named.re = Some("g-0003".into());
    book.gestures.push(named);
    assert_eq!(thanks(&book), (vec!["thank:dana:g-0002".to_string()], 2));
}

#[test]
fn referrals_are_owed_for_owed_window_days_and_no_longer() {
    let mut c = Rules {
        quiet_min: 0,
        ..Rules::default()
    };
    let book = Book::new(
        vec![partner("dana", Some(0))],
        vec![
            g(1, "dana", "2025-11-20", Kind::Referral, Direction::Received), // 365 days before
            g(2, "dana", "2025-11-19", Kind::Referral, Direction::Received), // 366
        ],
    );
    let s = QueueState::default();
    let items = due_items(&book, &s, &c, day(TODAY));
    assert_eq!(keys(&items), ["thank:dana:g-0001", "update:dana:g-0001"]);
    c.owed_window_days = 30;
    assert!(due_items(&book, &s, &c, day(TODAY)).is_empty());
    assert_eq!(due_items(&book, &s, &c, day("2025-12-19")).len(), 4);
    assert_eq!(due_items(&book, &s, &c, day("2025-12-20")).len(), 2);
}

#[test]
fn lateness_is_relative_to_the_cadence() {
    let c = Rules::default();
    let book = Book::new(
        vec![partner("slow", Some(90)), partner("fast", Some(14))],
        vec![
            g(1, "slow", "2026-08-12", Kind::Call, Direction::Given), // 100 days ago
            g(2, "fast", "2026-10-27", Kind::Call, Direction::Received), // 24 days ago
        ],
    );
    let items = due_items(&book, &QueueState::default(), &c, day(TODAY));
    assert_eq!(keys(&items), ["touch:fast", "touch:slow"]);
    assert_eq!(items[0].text, "10d late · every 14d");
}

#[test]
fn any_gesture_resets_the_touch_clock_and_since_stands_in_for_none() {
    let c = Rules::default();
    let mut p = partner("new", None);
    p.since = Some(day("2026-10-01"));
    let mut book = Book::new(vec![p, partner("never", Some(0))], vec![]);
    let s = QueueState::default();
    assert_eq!(keys(&due_items(&book, &s, &c, day(TODAY))), ["touch:new"]);
    book.gestures
        .push(g(1, "new", "2026-11-19", Kind::Message, Direction::Received));
    assert!(due_items(&book, &s, &c, day(TODAY)).is_empty());
}

#[test]
fn tag_cadence_applies_when_the_partner_has_none() {
    let mut c = Rules::default();
    c.cadence_tags.insert("attorney".into(), 14);
    let mut p = partner("dana", None);
    p.tags = vec!["attorney".into()];
    let book = Book::new(vec![p], vec![g(1, "dana", "2026-11-05", Kind::Call, Direction::Given)]);
    let items = due_items(&book, &QueueState::default(), &c, day(TODAY));
    assert_eq!(keys(&items), ["touch:dana"]);
    assert_eq!(items[0].due, day("2026-11-19"));
}

#[test]
fn one_way_after_three_received_and_cleared_by_giving_one() {
    let c = Rules::default();
    let mut book = Book::new(
        vec![partner("priya", Some(0))],
        vec![
            g(1, "priya", "2026-09-01", Kind::Referral, Direction::Received),
            g(2, "priya", "2026-10-01", Kind::Referral, Direction::Received),
            g(3, "priya", "2026-11-01", Kind::Referral, Direction::Received),
        ],
    );
    for (i, d) in ["2026-09-02", "2026-10-02", "2026-11-02"].iter().enumerate() {
        let n = 10 + i as u32;
        book.gestures.push(g(n, "priya", d, Kind::ThankYou, Direction::Given));
        book.gestures
            .push(g(n + 10, "priya", d, Kind::Update, Direction::Given));
    }
    let s = QueueState::default();
    let items = due_items(&book, &s, &c, day(TODAY));
    assert_eq!(keys(&items), ["one-way:priya"]);
    assert_eq!(items[0].text, "3 received · 0 given");
    assert_eq!(items[0].logs, None);

    book.gestures
        .push(g(30, "priya", TODAY, Kind::Referral, Direction::Given));
    assert!(due_items(&book, &s, &c, day(TODAY)).is_empty());
}

#[test]
fn two_received_is_not_yet_one_way() {
    let c = Rules::default();
    let book = Book::new(
        vec![partner("p", Some(0))],
        vec![
            g(1, "p", "2026-11-01", Kind::Referral, Direction::Received),
            g(2, "p", "2026-11-02", Kind::Referral, Direction::Received),
            g(3, "p", "2026-11-03", Kind::Gift, Direction::Given),
            g(4, "p", "2026-11-19", Kind::Update, Direction::Given),
            g(5, "p", "2026-11-03", Kind::Card, Direction::Given),
            g(6, "p", "2026-11-19", Kind::Update, Direction::Given),
        ],
    );
    assert!(due_items(&book, &QueueState::default(), &c, day(TODAY)).is_empty());
}

#[test]
fn birthdays_come_ahead_and_leave_once_a_card_is_sent() {
    let c = Rules::default();
    let mut p = partner("lena", Some(0));
    p.birthday = Some(YearlyDate::parse("11-25").unwrap());
    let mut book = Book::new(vec![p], vec![]);
    let s = QueueState::default();
    assert!(due_items(&book, &s, &c, day("2026-11-14")).is_empty());
    let items = due_items(&book, &s, &c, day("2026-11-15"));
    assert_eq!(keys(&items), ["date:lena:birthday:2026"]);
    assert_eq!(items[0].text, "birthday Wed 25 Nov");
    assert_eq!(items[0].logs, Some(Kind::Card));
    book.gestures
        .push(g(1, "lena", "2026-11-20", Kind::Card, Direction::Given));
    assert!(due_items(&book, &s, &c, day("2026-11-22")).is_empty());
}

#[test]
fn a_leap_day_birthday_falls_on_28_february_and_crosses_new_year() {
    let c = Rules::default();
    let mut p = partner("leap", Some(0));
    p.birthday = Some(YearlyDate::parse("1988-02-29").unwrap());
    p.dates = vec![LabelledDate {
        label: "anniversary".into(),
        date: YearlyDate::parse("01-03").unwrap(),
    }];
    let book = Book::new(vec![p], vec![]);
    let s = QueueState::default();
    let items = due_items(&book, &s, &c, day("2027-02-20"));
    assert_eq!(keys(&items), ["date:leap:birthday:2027"]);
    assert_eq!(items[0].due, day("2027-02-28"));
    assert_eq!(items[0].text, "birthday (39) Sun 28 Feb");
    let items = due_items(&book, &s, &c, day("2028-02-20"));
    assert_eq!(items[0].due, day("2028-02-29"));
    let items = due_items(&book, &s, &c, day("2026-12-28"));
    assert_eq!(keys(&items), ["date:leap:anniversary:2027"]);
}

#[test]
fn snoozes_hide_until_their_date_and_are_not_a_touch() {
    let c = Rules::default();
    let book = Book::new(
        vec![partner("tom", Some(14))],
        vec![g(1, "tom", "2026-10-27", Kind::Call, Direction::Given)],
    );
    let mut s = QueueState::default();
    s.snoozed.insert("touch:tom".into(), day("2026-11-23"));
    assert!(due_items(&book, &s, &c, day(TODAY)).is_empty());
    assert_eq!(keys(&all_items(&book, &c, day(TODAY))), ["touch:tom"]);
    let back = due_items(&book, &s, &c, day("2026-11-23"));
    assert_eq!(keys(&back), ["touch:tom"]);
    assert_eq!(
        back[0].due,
        day("2026-11-10"),
        "the snooze did not move the touch clock"
    );
}

#[test]
fn archived_partners_raise_nothing() {
    let c = Rules::default();
    let mut p = partner("gone", Some(1));
    p.archived = true;
    let book = Book::new(
        vec![p],
        vec![g(1, "gone", "2026-01-01", Kind::Referral, Direction::Received)],
    );
    assert!(all_items(&book, &c, day(TODAY)).is_empty());
}

#[test]
fn the_demo_shows_every_kind_on_any_day() {
    let c = Rules::default();
    for today in ["2026-11-20", "2027-03-01", "2028-02-29", "2030-07-15"] {
        let today = day(today);
        let book = crate::domain::testing::demo(today);
        let items = due_items(&book, &QueueState::default(), &c, today);
        for &kind in ItemKind::ALL {
            assert!(
                items.iter().any(|i| i.kind == kind),
                "no {} item in the demo on {today}",
                kind.as_str()
            );
        }
    }
}

const KINDS: [Kind; 6] = [
    Kind::Referral,
    Kind::ThankYou,
    Kind::Update,
    Kind::Call,
    Kind::Card,
    Kind::Gift,
];

fn arb_book() -> impl Strategy<Value = Book> {
    let partners = prop::collection::vec(
        (
            prop::option::of(0u32..60),
            any::<bool>(),
            prop::option::of((1u32..=12, 1u32..=28)),
        ),
        1..8,
    );
    let gestures = prop::collection::vec((0usize..8, 0i64..200, 0usize..KINDS.len(), any::<bool>()), 0..40);
    (partners, gestures).prop_map(|(ps, gs)| {
        let partners: Vec<Partner> = ps
            .iter()
            .enumerate()
            .map(|(i, (cad, archived, bd))| Partner {
                cadence_days: *cad,
                archived: *archived,
                birthday: bd.map(|(m, d)| YearlyDate {
                    year: None,
                    month: m,
                    day: d,
                }),
                since: Some(day("2026-01-01")),
                ..Partner::new(format!("p{i}"), format!("P {i}"))
            })
            .collect();
        let n = partners.len();
        let gestures = gs
            .iter()
            .enumerate()
            .map(|(j, (who, ago, k, recv))| {
                let mut x = g(
                    j as u32,
                    &format!("p{}", who % n),
                    TODAY,
                    KINDS[*k],
                    if *recv { Direction::Received } else { Direction::Given },
                );
                x.date = day(TODAY) - Days::new(*ago as u64);
                x
            })
            .collect();
        Book::new(partners, gestures)
    })
}

proptest! {
    #[test]
    fn every_due_partner_is_listed_once_and_archived_never(book in arb_book()) {
        let c = Rules::default();
        let today = day(TODAY);
        let items = due_items(&book, &QueueState::default(), &c, today);
        let touches = crate::domain::summary::last_touches(&book);
        for (p, last) in book.partners.iter().zip(touches) {
            let n = items.iter().filter(|i| i.key == format!("touch:{}", p.id)).count();
            let cadence = c.cadence_for(p.cadence_days, &p.tags);
            // Writing to a prospect is the touch.
            let reaching_out = items.iter().any(|i| {
                i.contact == p.id && matches!(i.kind, ItemKind::ReachOut | ItemKind::FollowUp)
            });
            let due = !p.archived && cadence > 0 && !reaching_out
                && last.is_some_and(|l| l + Days::new(cadence.into()) <= today);
            prop_assert_eq!(n, usize::from(due), "{} touch listed {} times", p.id, n);
            if p.archived {
                prop_assert!(items.iter().all(|i| i.contact != p.id));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for i in &items {
            prop_assert!(seen.insert(i.key.clone()), "{} listed twice", i.key);
        }
    }

    #[test]
    fn the_order_does_not_depend_on_file_order(book in arb_book(), seed in any::<u64>()) {
        let c = Rules::default();
        let today = day(TODAY);
        let a = due_items(&book, &QueueState::default(), &c, today);
        let mut shuffled = book.clone();
        // A deterministic shuffle of the log and the partner list.
        let len = shuffled.gestures.len();
        for i in (1..len).rev() {
            let j = (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize;
            shuffled.gestures.swap(i, j);
        }
        shuffled.partners.reverse();
        let shuffled = Book::new(shuffled.partners, shuffled.gestures);
        let b = due_items(&shuffled, &QueueState::default(), &c, today);
        prop_assert_eq!(keys(&a), keys(&b));
        for w in a.windows(2) {
            prop_assert_eq!(order(&w[0], &w[1]), Ordering::Less);
            prop_assert!(
                !(w[0].due > today && w[1].due <= today),
                "{} (not yet due) above {} (due)", w[0].key, w[1].key
            );
        }
    }
}

/// N referrals, then M thanks and K updates, each dated after every
/// referral, some naming distinct referrals and some not, in any log order.
fn arb_answers() -> impl Strategy<Value = (Book, usize, usize, usize)> {
    (1usize..10)
        .prop_flat_map(|n| (Just(n), 0..=n, 0..=n))
        .prop_flat_map(|(n, m, k)| {
            (
                Just(n),
                prop::collection::vec((0u64..40, any::<bool>(), 0usize..3), m),
                prop::collection::vec((0u64..40, any::<bool>()), k),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                prop::collection::vec(0u64..60, n),
                any::<u64>(),
            )
        })
        .prop_map(|(n, thanks, updates, t_targets, u_targets, days, seed)| {
            let start = day("2026-06-01");
            let mut log = Vec::new();
            for (i, d) in days.iter().enumerate() {
                let mut r = g(i as u32, "dana", TODAY, Kind::Referral, Direction::Received);
                r.date = start + Days::new(*d);
                log.push(r);
            }
            let after = start + Days::new(60);
            for (j, (d, named, k)) in thanks.iter().enumerate() {
                let kind = [Kind::ThankYou, Kind::Card, Kind::Gift][*k];
                let mut x = g(100 + j as u32, "dana", TODAY, kind, Direction::Given);
                x.date = after + Days::new(*d);
                x.re = named.then(|| format!("g-{:04}", t_targets[j]));
                log.push(x);
            }
            for (j, (d, named)) in updates.iter().enumerate() {
                let mut x = g(200 + j as u32, "dana", TODAY, Kind::Update, Direction::Given);
                x.date = after + Days::new(*d);
                x.re = named.then(|| format!("g-{:04}", u_targets[j]));
                log.push(x);
            }
            for i in (1..log.len()).rev() {
                let j = (seed.wrapping_mul(i as u64 * 13 + 5) % (i as u64 + 1)) as usize;
                log.swap(i, j);
            }
            let (m, k) = (thanks.len(), updates.len());
            (Book::new(vec![partner("dana", Some(0))], log), n, m, k)
        })
}

proptest! {
    #[test]
    fn n_referrals_m_thanks_and_k_updates_leave_n_minus_m_and_n_minus_k((book, n, m, k) in arb_answers()) {
        let items = due_items(&book, &QueueState::default(), &Rules::default(), day(TODAY));
        let count = |kind| items.iter().filter(|i| i.kind == kind).count();
        prop_assert_eq!(count(ItemKind::Thank), n - m);
        prop_assert_eq!(count(ItemKind::Update), n - k);
        // Each open item is about a referral no named answer claims.
        for i in items.iter().filter(|i| matches!(i.kind, ItemKind::Thank | ItemKind::Update)) {
            let gid = i.gesture.as_deref().unwrap_or_default();
            let claimed = book.gestures.iter().any(|x| {
                x.re.as_deref() == Some(gid)
                    && match i.kind {
                        ItemKind::Thank => x.kind != Kind::Update,
                        _ => x.kind == Kind::Update,
                    }
            });
            prop_assert!(!claimed, "{} is open though a gesture names it", i.key);
        }
    }
}

#[test]
fn a_thank_you_owed_today_comes_before_a_birthday_next_week() {
    let c = Rules::default();
    let mut lena = partner("lena", Some(0));
    lena.birthday = Some(YearlyDate::parse("11-27").unwrap());
    let book = Book::new(
        vec![partner("dana", Some(0)), lena],
        vec![g(1, "dana", TODAY, Kind::Referral, Direction::Received)],
    );
    let s = QueueState::default();
    let items = due_items(&book, &s, &c, day(TODAY));
    assert_eq!(keys(&items), ["thank:dana:g-0001", "date:lena:birthday:2026"]);
    // On the day itself the birthday is due, and as late as a thank-you of
    // that day: by kind, the thank-you first.
    let on = due_items(&book, &s, &c, day("2026-11-27"));
    assert_eq!(on[0].kind, ItemKind::Thank);
    assert!(on.iter().all(|i| i.urgency >= 0.0));
}
