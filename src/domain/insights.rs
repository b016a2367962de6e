//! The figures behind the Insights pane: referrals both ways by month and
//! how the referrals received turned out. Pure: the book and today decide.

use super::{Book, Direction, Kind, Outcome};
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
}
