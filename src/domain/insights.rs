//! The figures behind the Insights pane and `rapport stats`: the pipeline,
//! referrals both ways by month, the connectors, what you owe whom, how the
//! referrals received turned out, and how good a receiver the user is.
//! Pure: the book, the rules and today decide.

use super::answers::answered;
use super::connectors::{Connector, rank_connectors};
use super::date::in_last_year;
use super::history::History;
use super::ledger::Counts;
use super::queue::{ItemKind, QueueState, due_items};
use super::{Book, Direction, Kind, Outcome, Rules};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// What you owe each active partner (below zero, what they owe you;
    /// see [`crate::domain::summary::Summary::owe`]); partners you are even
    /// with are left out.
    pub owe_by_partner: BTreeMap<String, i64>,
    /// How the referrals received in the last 12 months turned out.
    pub outcomes: Outcomes,
    /// Referrals both ways in each of the last twelve calendar months.
    pub by_month: Vec<Month>,
    /// How soon referrals were thanked and updated.
    pub receiver: Receiver,
}

/// The practice at a glance, as `rapport stats` and the Insights pane
/// show it. Each partner's gestures are theirs under ids merged into them
/// too.
pub fn stats(book: &Book, state: &QueueState, rules: &Rules, today: NaiveDate) -> Stats {
    let history = History::new(book);
    let items = due_items(book, state, rules, today);
    let mut by_stage: BTreeMap<String, u32> = super::Stage::ALL.iter().map(|s| (s.as_str().to_string(), 0)).collect();
    let mut partners = 0;
    let mut referrals_12m = Counts::default();
    let mut engaged_by_partner = BTreeMap::new();
    let mut owe_by_partner = BTreeMap::new();
    let summaries = history.summaries(book);
    for (i, p) in book.partners.iter().enumerate() {
        let mine = history.of(i);
        for g in mine.iter().filter(|g| g.kind == Kind::Referral) {
            if in_last_year(g.date, today) {
                referrals_12m.add(g.dir);
            }
            if g.dir == Direction::Received && g.outcome == Some(Outcome::Engaged) {
                *engaged_by_partner.entry(p.id.clone()).or_insert(0) += 1;
            }
        }
        if p.archived {
            continue;
        }
        partners += 1;
        *by_stage.entry(p.stage.as_str().to_string()).or_default() += 1;
        let owe = summaries[i].owe(today);
        if owe != 0 {
            owe_by_partner.insert(p.id.clone(), owe);
        }
    }
    let mut one_way: Vec<String> = items
        .iter()
        .filter(|i| i.kind == ItemKind::OneWay)
        .map(|i| i.contact.clone())
        .collect();
    one_way.sort();
    let ids = book.partners.iter().map(|p| (p.id.as_str(), p.archived));
    Stats {
        partners,
        by_stage,
        referrals_12m,
        connectors: rank_connectors(ids, rules, |i| summaries[i].connecting_in_last_year(today)),
        one_way,
        thanks_outstanding: items.iter().filter(|i| i.kind == ItemKind::Thank).count() as u32,
        engaged_by_partner,
        owe_by_partner,
        outcomes: outcomes(book, today),
        by_month: referrals_by_month(book, today),
        receiver: receiver_of(&history, rules, today),
    }
}

/// What you owe each partner in `owe_by_partner` (see
/// [`crate::domain::summary::Summary::owe`]), those you owe most first
/// (ties by id); partners who owe you are left out.
pub fn most_owed(owe_by_partner: &BTreeMap<String, i64>) -> Vec<(&str, i64)> {
    let mut out: Vec<(&str, i64)> = owe_by_partner
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(id, n)| (id.as_str(), *n))
        .collect();
    out.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
    out
}

/// Referrals in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Month {
    /// Its first day.
    pub start: NaiveDate,
    pub received: u32,
    pub given: u32,
}

/// The referrals received and given in each of the twelve calendar months
/// ending with today's, oldest first (months with none included).
pub fn referrals_by_month(book: &Book, today: NaiveDate) -> Vec<Month> {
    let this = today.with_day(1).unwrap_or(today);
    let mut months: Vec<Month> = (0..12u32)
        .rev()
        .map(|back| Month {
            start: this.checked_sub_months(Months::new(back)).unwrap_or(this),
            received: 0,
            given: 0,
        })
        .collect();
    let first = months[0].start;
    for g in book.gestures.iter().filter(|g| g.kind == Kind::Referral) {
        if g.date < first || g.date > today {
            continue;
        }
        let at = months.partition_point(|m| m.start <= g.date) - 1;
        match g.dir {
            Direction::Received => months[at].received += 1,
            Direction::Given => months[at].given += 1,
        }
    }
    months
}

/// How the referrals received in the last 12 months turned out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    pub engaged: u32,
    pub declined: u32,
    pub pending: u32,
    /// No outcome recorded yet.
    pub unknown: u32,
}

impl Outcomes {
    pub fn total(&self) -> u32 {
        self.engaged + self.declined + self.pending + self.unknown
    }
}

/// The outcomes of the referrals received in the 365 days up to today.
pub fn outcomes(book: &Book, today: NaiveDate) -> Outcomes {
    let mut o = Outcomes::default();
    for g in book.gestures.iter() {
        if g.kind != Kind::Referral || g.dir != Direction::Received || !in_last_year(g.date, today) {
            continue;
        }
        match g.outcome {
            Some(Outcome::Engaged) => o.engaged += 1,
            Some(Outcome::Declined) => o.declined += 1,
            Some(Outcome::Pending) => o.pending += 1,
            None => o.unknown += 1,
        }
    }
    o
}

/// How good a receiver the user is, over the referrals received in the
/// last `owed_window_days`: how soon each was thanked and updated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Receiver {
    /// Referrals received in the window.
    pub referrals: u32,
    /// Median days from a referral to its thank-you, among those thanked.
    pub median_days_to_thanks: Option<f64>,
    /// Median days from a referral to its update, among those updated.
    pub median_days_to_update: Option<f64>,
    /// The share (0 to 1) thanked on the day or the day after.
    pub thanked_within_a_day: Option<f64>,
    /// Referrals in the window that no thank-you, gift or card answers.
    pub never_thanked: u32,
}

/// The receiver figures: each partner's referrals matched to their answers
/// by the one rule the queue uses.
pub fn receiver(book: &Book, rules: &Rules, today: NaiveDate) -> Receiver {
    receiver_of(&History::new(book), rules, today)
}

fn receiver_of(history: &History, rules: &Rules, today: NaiveDate) -> Receiver {
    let window = rules.owed_window_days;
    let from = today
        .checked_sub_days(chrono::Days::new(window.into()))
        .unwrap_or(NaiveDate::MIN);
    let (mut to_thanks, mut to_update) = (Vec::new(), Vec::new());
    let mut r = Receiver::default();
    let mut within_a_day = 0;
    for i in 0..history.len() {
        for a in answered(history.of(i), window) {
            if a.referral.date < from || a.referral.date > today {
                continue;
            }
            r.referrals += 1;
            match a.thanked {
                Some(t) => {
                    let days = (t.date - a.referral.date).num_days().max(0);
                    to_thanks.push(days);
                    if days <= 1 {
                        within_a_day += 1;
                    }
                }
                None => r.never_thanked += 1,
            }
            if let Some(u) = a.updated {
                to_update.push((u.date - a.referral.date).num_days().max(0));
            }
        }
    }
    r.median_days_to_thanks = median(&mut to_thanks);
    r.median_days_to_update = median(&mut to_update);
    r.thanked_within_a_day = (r.referrals > 0).then(|| f64::from(within_a_day) / f64::from(r.referrals));
    r
}

/// The median; of an even count, the mean of the middle two.
fn median(v: &mut [i64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use crate::domain::testing::{day, g};

    #[test]
    fn twelve_months_ending_with_this_one_each_counted_both_ways() {
        let mut r = g(1, "dana", "2026-11-02", Kind::Referral, Direction::Received);
        r.outcome = Some(Outcome::Engaged);
        let book = Book::new(
            vec![Partner::new("dana", "Dana Lee")],
            vec![
                r,
                g(2, "dana", "2026-11-20", Kind::Referral, Direction::Received),
                g(3, "dana", "2025-12-01", Kind::Referral, Direction::Given),
                g(4, "dana", "2025-11-30", Kind::Referral, Direction::Given),
                g(5, "dana", "2026-11-10", Kind::Call, Direction::Given),
            ],
        );
        let months = referrals_by_month(&book, day("2026-11-20"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].start, day("2025-12-01"));
        assert_eq!((months[0].received, months[0].given), (0, 1), "30 Nov 2025 is outside");
        assert_eq!((months[11].received, months[11].given), (2, 0));
        let o = outcomes(&book, day("2026-11-20"));
        assert_eq!((o.engaged, o.unknown, o.total()), (1, 1, 2));
    }

    #[test]
    fn receiver_figures_count_each_referral_once() {
        let book = Book::new(
            vec![Partner::new("dana", "Dana Lee"), Partner::new("sam", "Sam Cho")],
            vec![
                g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
                g(2, "dana", "2026-11-02", Kind::ThankYou, Direction::Given),
                g(3, "dana", "2026-11-05", Kind::Referral, Direction::Received),
                g(4, "dana", "2026-11-09", Kind::Card, Direction::Given),
                g(5, "dana", "2026-11-12", Kind::Update, Direction::Given),
                g(6, "sam", "2026-11-15", Kind::Referral, Direction::Received),
                g(7, "sam", "2024-01-15", Kind::Referral, Direction::Received),
            ],
        );
        let r = receiver(&book, &Rules::default(), day("2026-11-20"));
        assert_eq!(r.referrals, 3, "the one of 2024 is outside the window");
        assert_eq!(r.never_thanked, 1);
        assert_eq!(r.median_days_to_thanks, Some(2.5), "1 and 4 days");
        assert_eq!(r.median_days_to_update, Some(11.0), "the update answers the oldest");
        assert_eq!(r.thanked_within_a_day, Some(1.0 / 3.0));
        assert_eq!(median(&mut []), None);
    }
}
