//! The figures behind the Insights pane and `rapport stats`: referrals
//! both ways by month, how the referrals received turned out, and how good
//! a receiver the user is. Pure: the book, the rules and today decide.

use super::answers::answered;
use super::book::NOBODY;
use super::{Book, Direction, Gesture, Kind, Outcome, Rules};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

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
        if g.kind != Kind::Referral || g.dir != Direction::Received || !super::ledger::in_last_year(g.date, today) {
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
    let window = rules.owed_window_days;
    let from = today
        .checked_sub_days(chrono::Days::new(window.into()))
        .unwrap_or(NaiveDate::MIN);
    let mut mine: Vec<Vec<&Gesture>> = vec![Vec::new(); book.partners.len()];
    for (g, o) in book.gestures.iter().zip(book.owners()) {
        if o != NOBODY {
            mine[o as usize].push(g);
        }
    }
    let (mut to_thanks, mut to_update) = (Vec::new(), Vec::new());
    let mut r = Receiver::default();
    let mut within_a_day = 0;
    for gestures in &mut mine {
        gestures.sort_by_key(|g| g.date);
        for a in answered(gestures, window) {
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
