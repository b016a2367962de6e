//! Reciprocity: what flows each way with each partner, who the connectors
//! are, and the rules that warn before a gesture is logged.

use super::queue::{ByPartner, ItemKind, QueueItem, QueueState, due_items};
use super::{Book, Direction, Gesture, Kind, Outcome, Rules};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Gestures one way and the other.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Counts {
    pub given: u32,
    pub received: u32,
}

impl Counts {
    fn add(&mut self, dir: Direction) {
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
    /// Referrals and introductions given minus received, last 12 months:
    /// below zero, you owe them.
    pub balance: i64,
    /// Referrals received from them that became work.
    pub engaged: u32,
}

impl Balance {
    /// One line for the card: referrals and introductions both ways over
    /// the last 12 months, and the balance.
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
        match self.balance {
            0 => out.push_str(" · even"),
            n if n < 0 => out.push_str(&format!(" · you owe {}", -n)),
            n => out.push_str(&format!(" · they owe {n}")),
        }
        out
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

/// A partner who sends work your way, with how much.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Connector {
    pub contact: String,
    /// Referrals and introductions received in the last 12 months.
    pub score: u32,
}

/// The practice at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub partners: u32,
    /// Active partners by stage, every stage listed.
    pub by_stage: BTreeMap<String, u32>,
    pub referrals_12m: Counts,
    pub connectors: Vec<Connector>,
    /// Partners with an open one-way item.
    pub one_way: Vec<String>,
    pub thanks_outstanding: u32,
    /// Referrals received that became work, by partner; partners with none
    /// are left out.
    pub engaged_by_partner: BTreeMap<String, u32>,
    /// How the referrals received in the last 12 months turned out.
    pub outcomes: super::insights::Outcomes,
    /// Referrals both ways in each of the last twelve calendar months.
    pub by_month: Vec<super::insights::Month>,
    /// How soon referrals were thanked and updated.
    pub receiver: super::insights::Receiver,
}

/// The first day of the 12 months that end today.
pub fn year_start(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN) + chrono::Days::new(1)
}

fn in_year(g: &Gesture, today: NaiveDate) -> bool {
    in_last_year(g.date, today)
}

/// What flowed each way in `gestures` (one partner's), all time and over
/// the 12 months that end `today`.
pub fn balance(gestures: &[&Gesture], today: NaiveDate) -> Balance {
    let mut b = Balance::default();
    for g in gestures {
        let recent = in_year(g, today);
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
    b.balance = i64::from(b.referrals_12m.given + b.intros_12m.given)
        - i64::from(b.referrals_12m.received + b.intros_12m.received);
    b
}

/// The ledger for one partner. `open` is the queue (any partners' items;
/// this partner's are picked out); `connector` whether they are one.
pub fn ledger(book: &Book, rules: &Rules, today: NaiveDate, id: &str, open: &[QueueItem], connector: bool) -> Ledger {
    let mut gestures: Vec<&Gesture> = book.gestures.iter().filter(|g| g.contact == id).collect();
    gestures.sort_by_key(|g| g.date);
    let partner = book.partner(id);
    let last = gestures.iter().rev().find(|g| g.date <= today);
    let last_touch = last.map(|g| g.date).or(partner.and_then(|p| p.since));
    let cadence_days = partner.map_or(rules.default_cadence_days, |p| {
        rules.cadence_for(p.cadence_days, &p.tags)
    });
    let mine: Vec<&QueueItem> = open.iter().filter(|i| i.contact == id).collect();
    let balance = balance(&gestures, today);
    let stage = partner.map(|p| p.stage).unwrap_or_default();
    Ledger {
        contact: id.to_string(),
        last_touch,
        last_touch_kind: last.map(|g| g.kind),
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
    stage: super::Stage,
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
    if balance.balance < 0 {
        return format!(
            "give back when you can — you owe {} referral{} or introduction{}",
            -balance.balance,
            if balance.balance == -1 { "" } else { "s" },
            if balance.balance == -1 { "" } else { "s" }
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
        super::Stage::ReachOut => "build rapport — suggest a coffee",
        super::Stage::Rapport => "look for mutual benefit — ask who their ideal client is",
        super::Stage::MutualBenefit => "build trust — follow through on what you offered",
        super::Stage::Trust => "keep it warm — share something useful",
    };
    format!("{step}{next}")
}

/// True for a gesture that counts towards being a connector: a referral or
/// an introduction received.
pub fn counts_as_connecting(g: &Gesture) -> bool {
    g.dir == Direction::Received && matches!(g.kind, Kind::Referral | Kind::Intro)
}

/// True if `g` counts towards making its partner a connector `today`: a
/// referral or introduction received in the last 12 months.
pub fn connects(g: &Gesture, today: NaiveDate) -> bool {
    counts_as_connecting(g) && in_last_year(g.date, today)
}

/// Partners ranked by referrals and introductions received in the last 12
/// months: at least `connector_min`, the top `connector_count`.
pub fn connectors(book: &Book, rules: &Rules, today: NaiveDate) -> Vec<Connector> {
    let by_partner = ByPartner::new(book);
    rank_connectors(book.partners.iter().map(|p| (p.id.as_str(), p.archived)), rules, |i| {
        by_partner.of(i).iter().filter(|g| connects(g, today)).count() as u32
    })
}

/// The connectors among partners given as (id, archived), with each one's
/// count of referrals and introductions received in the last 12 months
/// (`score(i)` for the i-th).
pub fn rank_connectors<'a>(
    partners: impl Iterator<Item = (&'a str, bool)>,
    rules: &Rules,
    score: impl Fn(usize) -> u32,
) -> Vec<Connector> {
    let mut out: Vec<Connector> = partners
        .enumerate()
        .filter(|(_, (_, archived))| !archived)
        .map(|(i, (id, _))| Connector {
            contact: id.to_string(),
            score: score(i),
        })
        .filter(|c| c.score > 0 && c.score >= rules.connector_min)
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.contact.cmp(&b.contact)));
    out.truncate(rules.connector_count);
    out
}

/// True if `date` falls in the 12 months that end `today`.
pub fn in_last_year(date: NaiveDate, today: NaiveDate) -> bool {
    date >= year_start(today) && date <= today
}

fn money(v: f64, currency: &str) -> String {
    format!("{v:.2} {currency}")
}

/// The rules' warnings for a gesture about to be logged (not yet in `book`).
/// Each says why, in plain words. The gesture is logged all the same.
pub fn warnings_for(book: &Book, rules: &Rules, g: &Gesture) -> Vec<String> {
    let name = book.partner(&g.contact).map_or(g.contact.as_str(), |p| p.name.as_str());
    let mut out = Vec::new();
    let mine = || book.gestures.iter().filter(|x| x.contact == g.contact);

    if g.kind == Kind::Ask && g.dir == Direction::Given {
        let gap = i64::from(rules.ask_gift_gap_days);
        let recent = mine()
            .filter(|x| x.dir == Direction::Given && matches!(x.kind, Kind::Gift | Kind::Favor))
            .filter(|x| x.date <= g.date && (g.date - x.date).num_days() <= gap)
            .max_by_key(|x| x.date);
        if let Some(x) = recent {
            let days = (g.date - x.date).num_days();
            let when = super::text::ago_days(days);
            let what = if x.kind == Kind::Gift { "a gift" } else { "a favour" };
            out.push(format!(
                "You gave {name} {what} {when}; asking this soon can make the gift look like a payment. \
                 Keep giving and asking at least {gap} days apart (ask_gift_gap_days)."
            ));
        }
    }

    if g.kind == Kind::Gift
        && g.dir == Direction::Given
        && let (Some(limit), Some(value)) = (rules.gift_limit_per_year, g.value)
    {
        let year = g.date.year();
        let before: f64 = mine()
            .filter(|x| x.is(Kind::Gift, Direction::Given) && x.date.year() == year)
            .filter_map(|x| x.value)
            .sum();
        let total = before + value;
        if total > limit + 1e-9 {
            out.push(format!(
                "Gifts to {name} in {year} now total {}, over the yearly limit of {} (gift_limit_per_year); \
                 a gift should stay a token, not a payment for referrals.",
                money(total, &rules.currency),
                money(limit, &rules.currency)
            ));
        }
    }
    out
}

/// The practice at a glance, as `rapport stats` shows it.
pub fn stats(book: &Book, state: &QueueState, rules: &Rules, today: NaiveDate) -> Stats {
    let items = due_items(book, state, rules, today);
    let mut by_stage: BTreeMap<String, u32> = super::Stage::ALL.iter().map(|s| (s.as_str().to_string(), 0)).collect();
    let mut partners = 0;
    for p in book.partners.iter().filter(|p| !p.archived) {
        partners += 1;
        *by_stage.entry(p.stage.as_str().to_string()).or_default() += 1;
    }
    let mut referrals_12m = Counts::default();
    let mut engaged_by_partner = BTreeMap::new();
    for g in book.gestures.iter().filter(|g| g.kind == Kind::Referral) {
        if in_year(g, today) {
            referrals_12m.add(g.dir);
        }
        if g.dir == Direction::Received && g.outcome == Some(Outcome::Engaged) {
            *engaged_by_partner.entry(g.contact.clone()).or_insert(0) += 1;
        }
    }
    let mut one_way: Vec<String> = items
        .iter()
        .filter(|i| i.kind == ItemKind::OneWay)
        .map(|i| i.contact.clone())
        .collect();
    one_way.sort();
    Stats {
        partners,
        by_stage,
        referrals_12m,
        connectors: connectors(book, rules, today),
        one_way,
        thanks_outstanding: items.iter().filter(|i| i.kind == ItemKind::Thank).count() as u32,
        engaged_by_partner,
        outcomes: super::insights::outcomes(book, today),
        by_month: super::insights::referrals_by_month(book, today),
        receiver: super::insights::receiver(book, rules, today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;

    use crate::domain::testing::{day, g};

    fn book(gestures: Vec<Gesture>) -> Book {
        Book::new(
            vec![Partner::new("dana", "Dana Lee"), Partner::new("sam", "Sam Cho")],
            gestures,
        )
    }

    #[test]
    fn an_ask_right_after_a_gift_warns_and_a_week_later_does_not() {
        let c = Rules::default();
        let b = book(vec![g(1, "dana", "2026-11-10", Kind::Gift, Direction::Given)]);
        let two_days = g(2, "dana", "2026-11-12", Kind::Ask, Direction::Given);
        let w = warnings_for(&b, &c, &two_days);
        assert_eq!(w.len(), 1);
        assert!(w[0].starts_with("You gave Dana Lee a gift 2 days ago"), "{}", w[0]);
        let eight_days = g(3, "dana", "2026-11-18", Kind::Ask, Direction::Given);
        assert!(warnings_for(&b, &c, &eight_days).is_empty());
        let other = g(4, "sam", "2026-11-12", Kind::Ask, Direction::Given);
        assert!(
            warnings_for(&b, &c, &other).is_empty(),
            "only gifts to the same partner count"
        );
    }

    #[test]
    fn a_gift_over_the_yearly_cap_warns() {
        let mut c = Rules::default();
        let mut first = g(1, "dana", "2026-03-01", Kind::Gift, Direction::Given);
        first.value = Some(60.0);
        let mut last_year = g(2, "dana", "2025-12-20", Kind::Gift, Direction::Given);
        last_year.value = Some(90.0);
        let b = book(vec![first, last_year]);
        let mut next = g(3, "dana", "2026-11-20", Kind::Gift, Direction::Given);
        next.value = Some(45.0);
        assert!(warnings_for(&b, &c, &next).is_empty(), "no cap configured");
        c.gift_limit_per_year = Some(100.0);
        let w = warnings_for(&b, &c, &next);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("105.00 USD"), "{}", w[0]);
        assert!(w[0].contains("100.00 USD"), "{}", w[0]);
        next.value = Some(40.0);
        assert!(warnings_for(&b, &c, &next).is_empty(), "exactly at the cap is fine");
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
        assert_eq!(b.balance, -1);
        assert_eq!(b.engaged, 1);
        assert_eq!(b.by_kind_12m["call"], Counts { given: 1, received: 0 });
    }

    #[test]
    fn connectors_rank_by_referrals_and_intros_received_this_year() {
        let mut c = Rules::default();
        let b = book(vec![
            g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
            g(2, "dana", "2026-10-01", Kind::Intro, Direction::Received),
            g(3, "dana", "2026-09-01", Kind::Referral, Direction::Received),
            g(4, "sam", "2026-11-01", Kind::Referral, Direction::Received),
            g(5, "sam", "2026-10-01", Kind::Referral, Direction::Received),
            g(6, "sam", "2024-10-01", Kind::Referral, Direction::Received),
        ]);
        let today = day("2026-11-20");
        let got = connectors(&b, &c, today);
        assert_eq!(
            got,
            vec![
                Connector {
                    contact: "dana".into(),
                    score: 3
                },
                Connector {
                    contact: "sam".into(),
                    score: 2
                },
            ]
        );
        c.connector_count = 1;
        assert_eq!(connectors(&b, &c, today).len(), 1);
        c.connector_count = 3;
        c.connector_min = 3;
        assert_eq!(connectors(&b, &c, today).len(), 1);
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
        let s = stats(&b, &QueueState::default(), &c, today);
        assert_eq!(s.thanks_outstanding, 1);
        assert_eq!(s.partners, 2);
        assert_eq!(s.by_stage["reach-out"], 2);
    }
}
