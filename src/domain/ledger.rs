//! Reciprocity with one partner: what flows each way, what you owe, and
//! the one thing to do next, as the card and `show` tell it.

use super::date::in_last_year;
use super::queue::{ItemKind, QueueItem};
use super::summary::Summary;
use super::{Book, Direction, Gesture, Kind, Outcome, Rules, Stage};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Gestures one way and the other.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Counts {
    pub given: u32,
    pub received: u32,
}

impl Counts {
    /// Counts one more gesture this way.
    pub fn add(&mut self, dir: Direction) {
        match dir {
            Direction::Given => self.given += 1,
            Direction::Received => self.received += 1,
        }
    }
}

/// A partner's exchange, counted both ways.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Balance {
    pub referrals_12m: Counts,
    pub referrals_all: Counts,
    pub intros_12m: Counts,
    /// Every kind, last 12 months; kinds with no gesture are left out.
    pub by_kind_12m: BTreeMap<String, Counts>,
    pub by_kind_all: BTreeMap<String, Counts>,
    /// What you owe them ([`Summary::owe`]): referrals and introductions
    /// received minus given, last 12 months; below zero, they owe you.
    pub owe: i64,
    /// Referrals received from them that became work.
    pub engaged: u32,
}

impl Balance {
    /// One line for the card: referrals and introductions both ways over
    /// the last 12 months, and what you owe.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "Referrals, last 12 months: received {} · given {}",
            self.referrals_12m.received, self.referrals_12m.given
        );
        if self.intros_12m != Counts::default() {
            out.push_str(&format!(
                " · intros received {} · given {}",
                self.intros_12m.received, self.intros_12m.given
            ));
        }
        out.push_str(" · ");
        out.push_str(&owe_words(self.owe));
        out
    }
}

/// "you owe 2" / "even" / "they owe 1": what you owe, in words.
pub fn owe_words(owe: i64) -> String {
    match owe {
        0 => "even".to_string(),
        n if n > 0 => format!("you owe {n}"),
        n => format!("they owe {}", -n),
    }
}

/// Everything the partner card needs beyond the partner itself.
#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    pub contact: String,
    pub last_touch: Option<NaiveDate>,
    /// None when the last touch is the `since` date, not a gesture.
    pub last_touch_kind: Option<Kind>,
    pub days_since: Option<i64>,
    pub cadence_days: u32,
    pub balance: Balance,
    pub connector: bool,
    pub next_action: String,
}

/// What flowed each way in `gestures` (one partner's), all time and over
/// the 12 months that end `today`.
pub fn balance(gestures: &[&Gesture], today: NaiveDate) -> Balance {
    let mut b = Balance::default();
    for g in gestures {
        let recent = in_last_year(g.date, today);
        b.by_kind_all.entry(g.kind.as_str().to_string()).or_default().add(g.dir);
        if recent {
            b.by_kind_12m.entry(g.kind.as_str().to_string()).or_default().add(g.dir);
        }
        match g.kind {
            Kind::Referral => {
                b.referrals_all.add(g.dir);
                if recent {
                    b.referrals_12m.add(g.dir);
                }
                if g.dir == Direction::Received && g.outcome == Some(Outcome::Engaged) {
                    b.engaged += 1;
                }
            }
            Kind::Intro if recent => b.intros_12m.add(g.dir),
            _ => {}
        }
    }
    let mut summary = Summary::default();
    gestures.iter().for_each(|g| summary.add(g));
    b.owe = summary.owe(today);
    b
}

/// The ledger for partner `id`, from their history (aliases included).
/// `open` is the queue (any partners' items; this partner's are picked
/// out); `connector` whether they are one.
pub fn ledger(book: &Book, rules: &Rules, today: NaiveDate, id: &str, open: &[QueueItem], connector: bool) -> Ledger {
    ledger_from(book, &book.history(id), rules, today, id, open, connector)
}

/// As [`ledger`], from partner `id`'s history already read (oldest first),
/// so one card reads the log once.
pub fn ledger_from(
    book: &Book,
    gestures: &[&Gesture],
    rules: &Rules,
    today: NaiveDate,
    id: &str,
    open: &[QueueItem],
    connector: bool,
) -> Ledger {
    let partner = book.partner(id);
    let mut summary = partner.map(Summary::of).unwrap_or_default();
    gestures.iter().for_each(|g| summary.add(g));
    // The last touch as the panes and `list` have it: the newest gesture.
    let last_touch = summary.last_touch();
    let last_touch_kind = gestures.last().map(|g| g.kind);
    let cadence_days = partner.map_or(rules.default_cadence_days, |p| {
        rules.cadence_for(p.cadence_days, &p.tags)
    });
    let mine: Vec<&QueueItem> = open.iter().filter(|i| i.contact == id).collect();
    let balance = balance(gestures, today);
    let stage = partner.map(|p| p.stage).unwrap_or_default();
    Ledger {
        contact: id.to_string(),
        last_touch,
        last_touch_kind,
        days_since: last_touch.map(|d| (today - d).num_days()),
        cadence_days,
        next_action: next_action(&mine, &balance, stage, last_touch, cadence_days),
        balance,
        connector,
    }
}

/// The one thing to do next for a partner, in plain words.
fn next_action(
    open: &[&QueueItem],
    balance: &Balance,
    stage: Stage,
    last_touch: Option<NaiveDate>,
    cadence: u32,
) -> String {
    let first = |kind| open.iter().find(|i| i.kind == kind);
    if first(ItemKind::Thank).is_some() {
        return "appreciate — send a thank-you card".into();
    }
    if first(ItemKind::Update).is_some() {
        return "close the loop — tell them how the referral went".into();
    }
    if let Some(d) = first(ItemKind::Date) {
        return format!("mail a card — {}", d.text);
    }
    if first(ItemKind::ReachOut).is_some() {
        return "reach out — write a first message: their name, the clients you share, a coffee".into();
    }
    if first(ItemKind::FollowUp).is_some() {
        return "follow up — a short second note, or a call".into();
    }
    if first(ItemKind::Quiet).is_some() {
        return "reconnect — a coffee, not an ask".into();
    }
    if first(ItemKind::OneWay).is_some() {
        return "give back — send a referral or an introduction their way".into();
    }
    if first(ItemKind::Touch).is_some() {
        return "get in touch — a call or a coffee".into();
    }
    if balance.owe > 0 {
        let s = if balance.owe == 1 { "" } else { "s" };
        return format!(
            "give back when you can — you owe {} referral{s} or introduction{s}",
            balance.owe
        );
    }
    let next = match (last_touch, cadence) {
        (_, 0) => String::new(),
        (Some(d), c) => format!(
            " · next touch by {}",
            (d + chrono::Days::new(c.into())).format("%-d %b")
        ),
        (None, _) => String::new(),
    };
    let step = match stage {
        Stage::ReachOut => "build rapport — suggest a coffee",
        Stage::Rapport => "look for mutual benefit — ask who their ideal client is",
        Stage::MutualBenefit => "build trust — follow through on what you offered",
        Stage::Trust => "keep it warm — share something useful",
    };
    format!("{step}{next}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use crate::domain::queue::{QueueState, due_items};
    use crate::domain::testing::{day, g};

    fn book(gestures: Vec<Gesture>) -> Book {
        Book::new(
            vec![Partner::new("dana", "Dana Lee"), Partner::new("sam", "Sam Cho")],
            gestures,
        )
    }

    #[test]
    fn balance_counts_both_ways_in_and_out_of_the_year() {
        let today = day("2026-11-20");
        let mut engaged = g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received);
        engaged.outcome = Some(Outcome::Engaged);
        let gs = [
            engaged,
            g(2, "dana", "2026-10-01", Kind::Referral, Direction::Received),
            g(3, "dana", "2025-11-20", Kind::Referral, Direction::Given),
            g(4, "dana", "2025-11-21", Kind::Intro, Direction::Given),
            g(5, "dana", "2026-06-01", Kind::Call, Direction::Given),
        ];
        let refs: Vec<&Gesture> = gs.iter().collect();
        let b = balance(&refs, today);
        assert_eq!(b.referrals_12m, Counts { given: 0, received: 2 });
        assert_eq!(b.referrals_all, Counts { given: 1, received: 2 });
        assert_eq!(b.intros_12m, Counts { given: 1, received: 0 });
        assert_eq!(b.owe, 1, "two received, one intro given");
        assert_eq!(b.engaged, 1);
        assert_eq!(b.by_kind_12m["call"], Counts { given: 1, received: 0 });
    }

    #[test]
    fn the_ledger_suggests_the_next_thing_to_do() {
        let c = Rules::default();
        let today = day("2026-11-20");
        let b = book(vec![g(1, "dana", "2026-11-19", Kind::Referral, Direction::Received)]);
        let open = due_items(&b, &QueueState::default(), &c, today);
        let l = ledger(&b, &c, today, "dana", &open, false);
        assert_eq!(l.days_since, Some(1));
        assert_eq!(l.last_touch_kind, Some(Kind::Referral));
        assert_eq!(l.next_action, "appreciate — send a thank-you card");
        assert_eq!(
            l.balance.summary(),
            "Referrals, last 12 months: received 1 · given 0 · you owe 1"
        );
    }

    #[test]
    fn what_is_owed_counts_intros_and_only_the_last_twelve_months() {
        let today = day("2026-11-20");
        let mut dana = Partner::new("dana", "Dana Lee");
        dana.aliases = vec!["dana-2".into()];
        let b = Book::new(
            vec![dana],
            vec![
                g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
                g(2, "dana-2", "2026-10-01", Kind::Referral, Direction::Received),
                g(3, "dana", "2026-09-01", Kind::Intro, Direction::Given),
                g(4, "dana", "2025-09-01", Kind::Referral, Direction::Received),
            ],
        );
        let l = ledger(&b, &Rules::default(), today, "dana", &[], false);
        assert_eq!(
            l.balance.owe, 1,
            "two received (one under the merged id), one intro given; last year's aside"
        );
        assert_eq!(l.last_touch, Some(day("2026-11-01")));
        assert!(l.balance.summary().ends_with(" · you owe 1"), "{}", l.balance.summary());
    }
}
