//! The stay-in-touch queue: a pure function of the book, the snoozes, the
//! rules and today.
//!
//! | kind    | raised when                                                        |
//! |---------|--------------------------------------------------------------------|
//! | thank   | a referral received in `owed_window_days` that no thank-you, gift  |
//! |         | or card given answers (see [`crate::domain::answers`])             |
//! | update  | the same referral, `update_after_days` later, that no update given |
//! |         | answers                                                            |
//! | touch   | last touch + cadence ≤ today                                       |
//! | date    | a birthday or yearly date within `date_lead_days`                  |
//! | one-way | `one_way_after` referrals received since the last one given        |
//! | reach-out | a partner at stage reach-out to whom nothing was ever given      |
//! | follow-up | a message, intro or invite given to a partner still at reach-out,|
//! |         | with nothing received from them for `follow_up_days`               |
//! | quiet   | a regular source (`quiet_min` referrals in the 12 months up to     |
//! |         | their last) silent for `quiet_after_days` or twice their usual gap |
//!
//! A partner with a reach-out or follow-up item has no touch item: writing
//! to them is the touch.
//!
//! Items are ordered by lateness relative to each item's own allowance, so a
//! touch ten days late on a 14-day cadence outranks one ten days late on a
//! 90-day cadence.

mod outreach;
#[cfg(test)]
mod outreach_tests;
mod raise;
#[cfg(test)]
mod tests;

pub use raise::{about, lateness};

use super::history::History;
use super::{Book, Gesture, Kind, Partner, Rules};
use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What `queue.toml` holds: snoozed item keys and the day they come back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueState {
    pub snoozed: BTreeMap<String, NaiveDate>,
    /// Keys of the file this version does not know (a newer rapport's),
    /// kept as they were read and written back with the snoozes.
    pub extra: toml::Table,
}

impl QueueState {
    /// True when there is nothing to write: no snooze and no kept key.
    pub fn is_empty(&self) -> bool {
        self.snoozed.is_empty() && self.extra.is_empty()
    }

    /// True while a snooze hides the item: its date is still to come.
    pub fn hides(&self, key: &str, today: NaiveDate) -> bool {
        self.snoozed.get(key).is_some_and(|&until| until > today)
    }

    /// `items` parted into those that show today and those a snooze hides
    /// (with the day each comes back), each in the order given.
    pub fn part(&self, items: Vec<QueueItem>, today: NaiveDate) -> (Vec<QueueItem>, Vec<Snoozed>) {
        let mut shown = Vec::with_capacity(items.len());
        let mut hidden = Vec::new();
        for item in items {
            match self.snoozed.get(&item.key) {
                Some(&until) if until > today => hidden.push(Snoozed { item, until }),
                _ => shown.push(item),
            }
        }
        (shown, hidden)
    }
}

/// An item a snooze hides, and the day it shows again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snoozed {
    #[serde(flatten)]
    pub item: QueueItem,
    pub until: NaiveDate,
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
    FollowUp,
    ReachOut,
    Touch,
    Quiet,
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
            ItemKind::ReachOut | ItemKind::FollowUp => Some(Kind::Message),
            ItemKind::Quiet => Some(Kind::Call),
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
    items_by_partner(book, &History::new(book), rules, today)
}

/// Every item raised today, snoozed or not, most urgent first, from the
/// book's histories, grouped once.
pub fn items_by_partner(book: &Book, history: &History, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let mut items = Vec::new();
    for (i, p) in book.partners.iter().enumerate() {
        raise_items(p, history.of(i), rules, today, &mut items);
    }
    items.sort_by(order);
    items
}

/// Adds partner `p`'s items, given their gestures oldest first, to `out`
/// unsorted (snoozes ignored); none for an archived partner. Sorting
/// everyone's items with [`order`] gives the queue.
pub fn raise_items(p: &Partner, gestures: &[&Gesture], rules: &Rules, today: NaiveDate, out: &mut Vec<QueueItem>) {
    if !p.archived {
        raise::items_for(p, gestures, rules, today, out);
    }
}

/// The items for one partner, from their history (aliases included), most
/// urgent first (snoozes ignored).
pub fn items_of(book: &Book, id: &str, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let Some(p) = book.partner(id) else {
        return Vec::new();
    };
    partner_items(p, &book.history(id), rules, today)
}

/// The items for partner `p` given their gestures, oldest first; most
/// urgent first (snoozes ignored). None for an archived partner.
pub fn partner_items(p: &Partner, gestures: &[&Gesture], rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let mut items = Vec::new();
    raise_items(p, gestures, rules, today, &mut items);
    items.sort_by(order);
    items
}

/// The queue's order in one sentence, for the help and the README.
pub const ORDER: &str = "What is due comes before what is not yet due (a thank-you owed today before a birthday next week); within each, the item latest relative to its own allowance comes first (ten days late on a 14-day cadence before ten days late on a 90-day one).";

/// The total order of the queue, as [`ORDER`] says: due before not yet due
/// (an item's urgency is below zero exactly until its due date), then most
/// urgent first, then by kind, due date and key. Keys are unique, so no two
/// items compare equal.
pub fn order(a: &QueueItem, b: &QueueItem) -> Ordering {
    let not_due = |i: &QueueItem| i.urgency < 0.0;
    not_due(a)
        .cmp(&not_due(b))
        .then(b.urgency.total_cmp(&a.urgency))
        .then(a.kind.cmp(&b.kind))
        .then(a.due.cmp(&b.due))
        .then_with(|| a.key.cmp(&b.key))
}
