//! The stay-in-touch queue: a pure function of the book, the snoozes, the
//! rules and today.
//!
//! | kind    | raised when                                                        |
//! |---------|--------------------------------------------------------------------|
//! | thank   | a referral received with no thank-you, gift or card given since    |
//! | update  | `update_after_days` after a referral, with no update given since   |
//! | touch   | last touch + cadence ≤ today                                       |
//! | date    | a birthday or yearly date within `date_lead_days`                  |
//! | one-way | `one_way_after` referrals received since the last one given        |
//!
//! Items are ordered by lateness relative to each item's own allowance, so a
//! touch ten days late on a 14-day cadence outranks one ten days late on a
//! 90-day cadence.

use super::date::YearlyDate;
use super::text::slug;
use super::{Book, Direction, Gesture, Kind, Partner, Rules};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What `queue.toml` holds: snoozed item keys and the day they come back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueState {
    pub snoozed: BTreeMap<String, NaiveDate>,
}

impl QueueState {
    /// True while a snooze hides the item: its date is still to come.
    pub fn hides(&self, key: &str, today: NaiveDate) -> bool {
        self.snoozed.get(key).is_some_and(|&until| until > today)
    }
}

/// The kinds of queue item, in the order they are listed when equally late.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, strum::IntoStaticStr, strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ItemKind {
    Thank,
    Update,
    Date,
    Touch,
    OneWay,
}

impl ItemKind {
    /// Every kind of item, in their order when equally late.
    pub const ALL: &'static [ItemKind] = <ItemKind as strum::VariantArray>::VARIANTS;

    /// The name that starts the item's key: `thank`, `one-way`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The gesture `done` logs for this kind; one-way items log nothing.
    pub fn logs(self) -> Option<Kind> {
        match self {
            ItemKind::Thank => Some(Kind::ThankYou),
            ItemKind::Update => Some(Kind::Update),
            ItemKind::Date => Some(Kind::Card),
            ItemKind::Touch => Some(Kind::Call),
            ItemKind::OneWay => None,
        }
    }
}

/// One thing to do for one partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    /// Stable across runs: `thank:<id>:<gesture-id>`, `touch:<id>`, …
    pub key: String,
    pub kind: ItemKind,
    /// The partner's id.
    pub contact: String,
    pub due: NaiveDate,
    /// One line for the queue, e.g. `10d late · every 14d`.
    pub text: String,
    /// The referral a thank or update item is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gesture: Option<String>,
    /// The gesture `done` logs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs: Option<Kind>,
    /// Lateness relative to the item's allowance: 0 when it falls due, 1 when
    /// it is a whole allowance late. Only the order it gives is meaningful.
    #[serde(skip)]
    pub urgency: f64,
}

/// Days a thank-you may wait before it counts as one allowance late: it
/// should go out the day the referral arrives.
pub const THANK_ALLOWANCE: u32 = 1;
/// Days a one-way relationship may wait before it counts as one allowance
/// late: it is a slow drift, not today's chore.
pub const ONE_WAY_ALLOWANCE: u32 = 90;

/// The items due today that no snooze hides, most urgent first.
pub fn due_items(book: &Book, state: &QueueState, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let mut items = all_items(book, rules, today);
    items.retain(|i| !state.hides(&i.key, today));
    items
}

/// Every item raised today, snoozed or not, most urgent first. `done` and
/// `snooze` look keys up here, so a snoozed item can still be cleared.
pub fn all_items(book: &Book, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    items_by_partner(book, &ByPartner::new(book), rules, today)
}

/// Every item raised today, snoozed or not, most urgent first, from the
/// book's gestures already grouped by partner.
pub fn items_by_partner(book: &Book, by_partner: &ByPartner, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let mut items = Vec::new();
    for (i, p) in book.partners.iter().enumerate() {
        raise_items(p, by_partner.of(i), rules, today, &mut items);
    }
    items.sort_by(order);
    items
}

/// Adds partner `p`'s items, given their gestures oldest first, to `out`
/// unsorted (snoozes ignored); none for an archived partner. Sorting
/// everyone's items with [`order`] gives the queue.
pub fn raise_items(p: &Partner, gestures: &[&Gesture], rules: &Rules, today: NaiveDate, out: &mut Vec<QueueItem>) {
    if !p.archived {
        items_for(p, gestures, rules, today, out);
    }
}

/// The items for one partner, most urgent first (snoozes ignored).
pub fn items_of(book: &Book, id: &str, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let Some(p) = book.partner(id) else {
        return Vec::new();
    };
    let mut gestures: Vec<&Gesture> = book.gestures.iter().filter(|g| g.contact == id).collect();
    gestures.sort_by_key(|g| g.date);
    partner_items(p, &gestures, rules, today)
}

/// The items for partner `p` given their gestures, oldest first; most
/// urgent first (snoozes ignored). None for an archived partner.
pub fn partner_items(p: &Partner, gestures: &[&Gesture], rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let mut items = Vec::new();
    raise_items(p, gestures, rules, today, &mut items);
    items.sort_by(order);
    items
}

/// The total order of the queue: most urgent first, then by kind, due date
/// and key. Keys are unique, so no two items compare equal.
pub fn order(a: &QueueItem, b: &QueueItem) -> Ordering {
    b.urgency
        .total_cmp(&a.urgency)
        .then(a.kind.cmp(&b.kind))
        .then(a.due.cmp(&b.due))
        .then_with(|| a.key.cmp(&b.key))
}

/// Every partner's gestures, aligned with `book.partners`, oldest first
/// (stable, so same-day gestures keep their log order), in one block: the
/// queue, the connectors, the last touches and the balances all read the
/// same grouping, made once.
pub struct ByPartner<'a> {
    /// Partner i's gestures are `gestures[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    gestures: Vec<&'a Gesture>,
}

impl<'a> ByPartner<'a> {
    pub fn new(book: &'a Book) -> ByPartner<'a> {
        let owners = book.owners();
        let mut starts = vec![0usize; book.partners.len() + 1];
        for &o in &owners {
            if let Some(n) = starts.get_mut(o as usize + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let Some(first) = book.gestures.first() else {
            return ByPartner {
                starts,
                gestures: Vec::new(),
            };
        };
        // Each partner's gestures in log order, then sorted by date (stable).
        let mut next = starts.clone();
        let mut gestures = vec![first; starts[book.partners.len()]];
        for (g, &o) in book.gestures.iter().zip(&owners) {
            if let Some(at) = next.get_mut(o as usize) {
                gestures[*at] = g;
                *at += 1;
            }
        }
        for w in starts.windows(2) {
            gestures[w[0]..w[1]].sort_by_key(|g| g.date);
        }
        ByPartner { starts, gestures }
    }

    /// Partner i's gestures, oldest first.
    pub fn of(&self, i: usize) -> &[&'a Gesture] {
        &self.gestures[self.starts[i]..self.starts[i + 1]]
    }
}

fn urgency(today: NaiveDate, start: NaiveDate, allowance: u32) -> f64 {
    (today - start).num_days() as f64 / f64::from(allowance.max(1))
}

/// "today", "tomorrow", "3d late", "in 4d".
pub fn lateness(today: NaiveDate, due: NaiveDate) -> String {
    match (today - due).num_days() {
        0 => "due today".into(),
        1 => "1d late".into(),
        n if n > 1 => format!("{n}d late"),
        -1 => "due tomorrow".into(),
        n => format!("due in {}d", -n),
    }
}

fn about(g: &Gesture) -> String {
    match g.note.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => format!("referral {n}"),
        _ => format!("referral of {}", g.date.format("%-d %b")),
    }
}

fn received_when(today: NaiveDate, date: NaiveDate) -> String {
    match (today - date).num_days() {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n}d ago"),
    }
}

fn is_thanks(g: &Gesture) -> bool {
    g.dir == Direction::Given && matches!(g.kind, Kind::ThankYou | Kind::Gift | Kind::Card)
}

/// `gestures` is the partner's log, oldest first.
fn items_for(p: &Partner, gestures: &[&Gesture], rules: &Rules, today: NaiveDate, out: &mut Vec<QueueItem>) {
    // Only what has happened by today counts; a gesture dated ahead waits.
    let past = &gestures[..gestures.partition_point(|g| g.date <= today)];
    let (mut last_thanks, mut last_update, mut last_given_referral) = (None, None, None);
    for g in past {
        if is_thanks(g) {
            last_thanks = last_thanks.max(Some(g.date));
        } else if g.is(Kind::Update, Direction::Given) {
            last_update = last_update.max(Some(g.date));
        } else if g.is(Kind::Referral, Direction::Given) {
            last_given_referral = last_given_referral.max(Some(g.date));
        }
    }

    let mut since_given = 0u32;
    let mut one_way_from = None;
    for g in past.iter().filter(|g| g.is(Kind::Referral, Direction::Received)) {
        if last_thanks.is_none_or(|d| d < g.date) {
            out.push(QueueItem {
                key: format!("thank:{}:{}", p.id, g.id),
                kind: ItemKind::Thank,
                contact: p.id.clone(),
                due: g.date,
                text: format!("{} · {}", received_when(today, g.date), about(g)),
                gesture: Some(g.id.clone()),
                logs: ItemKind::Thank.logs(),
                urgency: urgency(today, g.date, THANK_ALLOWANCE),
            });
        }
        let due = g.date + Days::new(rules.update_after_days.into());
        if due <= today && last_update.is_none_or(|d| d < g.date) {
            out.push(QueueItem {
                key: format!("update:{}:{}", p.id, g.id),
                kind: ItemKind::Update,
                contact: p.id.clone(),
                due,
                text: format!("{} · say how {} went", lateness(today, due), about(g)),
                gesture: Some(g.id.clone()),
                logs: ItemKind::Update.logs(),
                urgency: urgency(today, due, rules.update_after_days),
            });
        }
        if last_given_referral.is_none_or(|d| d < g.date) {
            since_given += 1;
            if since_given == rules.one_way_after.max(1) {
                one_way_from = Some(g.date);
            }
        }
    }

    if let Some(due) = one_way_from {
        let text = if last_given_referral.is_none() {
            format!("{since_given} received · 0 given")
        } else {
            format!("{since_given} received since you last sent one")
        };
        out.push(QueueItem {
            key: format!("one-way:{}", p.id),
            kind: ItemKind::OneWay,
            contact: p.id.clone(),
            due,
            text,
            gesture: None,
            logs: None,
            urgency: urgency(today, due, ONE_WAY_ALLOWANCE),
        });
    }

    let cadence = rules.cadence_for(p.cadence_days, &p.tags);
    // The newest gesture either way is the last touch; `since` stands in
    // when there is none.
    let last_touch = past.last().map(|g| g.date).or(p.since);
    if let Some(last) = last_touch.filter(|_| cadence > 0) {
        let due = last + Days::new(cadence.into());
        if due <= today {
            out.push(QueueItem {
                key: format!("touch:{}", p.id),
                kind: ItemKind::Touch,
                contact: p.id.clone(),
                due,
                text: format!("{} · every {cadence}d", lateness(today, due)),
                gesture: None,
                logs: ItemKind::Touch.logs(),
                urgency: urgency(today, due, cadence),
            });
        }
    }

    let yearly = p
        .birthday
        .iter()
        .map(|b| ("birthday", b))
        .chain(p.dates.iter().map(|d| (d.label.as_str(), &d.date)));
    for (label, date) in yearly {
        date_item(p, label, date, gestures, rules, today, out);
    }
}

/// A yearly date is raised `date_lead_days` ahead and stays until a card or
/// gift is given, or until as many days after the date have passed.
fn date_item(
    p: &Partner,
    label: &str,
    date: &YearlyDate,
    gestures: &[&Gesture],
    rules: &Rules,
    today: NaiveDate,
    out: &mut Vec<QueueItem>,
) {
    let lead = rules.date_lead_days;
    for year in [today.year() - 1, today.year(), today.year() + 1] {
        let on = date.in_year(year);
        let start = on - Days::new(lead.into());
        let end = on + Days::new(lead.max(1).into());
        if today < start || today > end {
            continue;
        }
        let sent = gestures
            .iter()
            .any(|g| g.dir == Direction::Given && matches!(g.kind, Kind::Card | Kind::Gift) && g.date >= start);
        if sent {
            continue;
        }
        let label_slug = match slug(label) {
            s if s.is_empty() => "date".to_string(),
            s => s,
        };
        let mut what = label.trim().to_string();
        if what.is_empty() {
            what = "yearly date".into();
        }
        if let Some(born) = date.year.filter(|_| label == "birthday") {
            let age = year - born;
            if age > 0 && age < 130 {
                what = format!("birthday ({age})");
            }
        }
        let day = on.format("%a %-d %b");
        let text = match (on - today).num_days() {
            0 => format!("{what} today, {day}"),
            n if n < 0 => format!("{what} was {day}"),
            _ => format!("{what} {day}"),
        };
        out.push(QueueItem {
            key: format!("date:{}:{label_slug}:{year}", p.id),
            kind: ItemKind::Date,
            contact: p.id.clone(),
            due: on,
            text,
            gesture: None,
            logs: ItemKind::Date.logs(),
            urgency: urgency(today, start, lead),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::partner::LabelledDate;
    use crate::domain::testing::{day, g};
    use proptest::prelude::*;

    fn partner(id: &str, cadence: Option<u32>) -> Partner {
        Partner {
            cadence_days: cadence,
            ..Partner::new(id, id)
        }
    }

    fn keys(items: &[QueueItem]) -> Vec<&str> {
        items.iter().map(|i| i.key.as_str()).collect()
    }

    const TODAY: &str = "2026-11-20";

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
            let touches = book.last_touches();
            for (p, last) in book.partners.iter().zip(touches) {
                let n = items.iter().filter(|i| i.key == format!("touch:{}", p.id)).count();
                let cadence = c.cadence_for(p.cadence_days, &p.tags);
                let due = !p.archived && cadence > 0
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
            }
        }
    }
}
