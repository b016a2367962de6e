//! Stage suggestions: when the log shows a partner has moved on, the next
//! stage, offered and never set on its own.
//!
//! What the log shows of each stage:
//!
//! - **rapport**: a first meeting either way, or a call both ways (one
//!   given and one received), ever;
//! - **mutual-benefit**: a referral given and a referral received, both in
//!   the 12 months that end today;
//! - **trust**: a year of mutual referrals: a referral given and one
//!   received in each half of those 12 months (the six months that end
//!   today, and the six before them).
//!
//! Each later stage's evidence is more than the earlier ones', so it holds
//! for them too: a reach-out partner with referrals both ways is offered
//! mutual-benefit at once, not rapport first and then mutual-benefit. The
//! suggestion is the furthest stage the log shows, only when that is past
//! the partner's stage: a suggestion never moves a partner back, and an
//! archived partner gets none. Gestures after `today` do not count.

use super::date::year_start;
use super::{Book, Direction, Gesture, Kind, Partner, Stage};
use chrono::{Months, NaiveDate};

/// The stage the log suggests for a partner, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// The partner's stage now.
    pub from: Stage,
    /// The stage the log shows.
    pub to: Stage,
    /// What in the log shows it, in a few words: "a meeting logged".
    pub why: &'static str,
}

impl Suggestion {
    /// "Stage: rapport → mutual-benefit?", as the card and `show` say it.
    pub fn line(&self) -> String {
        format!("Stage: {} → {}? ({})", self.from, self.to, self.why)
    }
}

/// The stage `p`'s log suggests, if it is past the one they are at.
/// `gestures` are theirs, in any order; `today` decides the 12 months.
pub fn suggest(p: &Partner, gestures: &[&Gesture], today: NaiveDate) -> Option<Suggestion> {
    if p.archived {
        return None;
    }
    let (to, why) = shown_by(gestures, today)?;
    (to > p.stage).then_some(Suggestion { from: p.stage, to, why })
}

/// The suggestion for the partner with this id in `book`, from their
/// history there (aliases included).
pub fn suggest_for(book: &Book, id: &str, today: NaiveDate) -> Option<Suggestion> {
    let p = book.partner(id)?;
    suggest(p, &book.history(id), today)
}

/// The furthest stage the log shows, with why; `None` when it shows
/// nothing past reach-out.
pub fn shown_by(gestures: &[&Gesture], today: NaiveDate) -> Option<(Stage, &'static str)> {
    let past: Vec<&Gesture> = gestures.iter().copied().filter(|g| g.date <= today).collect();
    let start = year_start(today);
    // The recent half of the 12 months starts the day after this.
    let half = today.checked_sub_months(Months::new(6)).unwrap_or(NaiveDate::MIN);
    let both_ways = |from: NaiveDate, to: NaiveDate| {
        let referral = |dir| {
            past.iter()
                .any(|g| g.is(Kind::Referral, dir) && g.date >= from && g.date <= to)
        };
        referral(Direction::Given) && referral(Direction::Received)
    };
    if both_ways(start, half) && both_ways(half + chrono::Days::new(1), today) {
        return Some((Stage::Trust, "referrals both ways in each half of the last 12 months"));
    }
    if both_ways(start, today) {
        return Some((Stage::MutualBenefit, "referrals both ways in the last 12 months"));
    }
    if past.iter().any(|g| g.kind == Kind::Meeting) {
        return Some((Stage::Rapport, "a meeting logged"));
    }
    let call = |dir| past.iter().any(|g| g.is(Kind::Call, dir));
    if call(Direction::Given) && call(Direction::Received) {
        return Some((Stage::Rapport, "calls both ways"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{day, g};
    use Direction::{Given, Received};
    use Kind::{Call, Meeting, Message, Referral};

    const TODAY: &str = "2026-11-20";

    fn at(stage: Stage) -> Partner {
        let mut p = Partner::new("dana", "Dana Lee");
        p.stage = stage;
        p
    }

    /// The suggestion for a partner at `stage` with these gestures
    /// (date, kind, direction), today being [`TODAY`].
    fn suggested(stage: Stage, log: &[(&str, Kind, Direction)]) -> Option<Stage> {
        let gs: Vec<Gesture> = log
            .iter()
            .enumerate()
            .map(|(n, &(d, k, dir))| g(n as u32, "dana", d, k, dir))
            .collect();
        let refs: Vec<&Gesture> = gs.iter().collect();
        suggest(&at(stage), &refs, day(TODAY)).map(|s| s.to)
    }

    #[test]
    fn nothing_logged_suggests_nothing() {
        for &s in Stage::ALL {
            assert_eq!(suggested(s, &[]), None);
        }
        // A message is reaching out, not rapport yet.
        assert_eq!(suggested(Stage::ReachOut, &[("2026-11-01", Message, Given)]), None);
    }

    #[test]
    fn a_meeting_either_way_is_rapport() {
        for dir in [Given, Received] {
            assert_eq!(
                suggested(Stage::ReachOut, &[("2020-01-01", Meeting, dir)]),
                Some(Stage::Rapport)
            );
        }
        // Today counts; tomorrow has not happened yet.
        assert_eq!(
            suggested(Stage::ReachOut, &[("2026-11-20", Meeting, Given)]),
            Some(Stage::Rapport)
        );
        assert_eq!(suggested(Stage::ReachOut, &[("2026-11-21", Meeting, Given)]), None);
    }

    #[test]
    fn a_call_counts_only_both_ways() {
        assert_eq!(suggested(Stage::ReachOut, &[("2026-11-01", Call, Given)]), None);
        assert_eq!(suggested(Stage::ReachOut, &[("2026-11-01", Call, Received)]), None);
        assert_eq!(
            suggested(
                Stage::ReachOut,
                &[("2026-11-01", Call, Given), ("2026-11-20", Call, Received)]
            ),
            Some(Stage::Rapport)
        );
        assert_eq!(
            suggested(
                Stage::ReachOut,
                &[("2026-11-01", Call, Given), ("2026-11-21", Call, Received)]
            ),
            None
        );
    }

    #[test]
    fn never_back_and_never_the_same_stage() {
        let met = [("2026-11-01", Meeting, Given)];
        assert_eq!(suggested(Stage::Rapport, &met), None);
        assert_eq!(suggested(Stage::Trust, &met), None);
        let mut p = at(Stage::ReachOut);
        p.archived = true;
        let gs = [g(1, "dana", "2026-11-01", Meeting, Given)];
        assert_eq!(suggest(&p, &[&gs[0]], day(TODAY)), None);
    }

    #[test]
    fn referrals_both_ways_within_twelve_months_are_mutual_benefit() {
        // The 12 months that end 20 Nov 2026 start on 21 Nov 2025.
        let first_day = [("2025-11-21", Referral, Given), ("2026-11-20", Referral, Received)];
        assert_eq!(suggested(Stage::Rapport, &first_day), Some(Stage::MutualBenefit));
        let a_day_early = [("2025-11-20", Referral, Given), ("2026-11-20", Referral, Received)];
        assert_eq!(suggested(Stage::Rapport, &a_day_early), None);
        let one_way = [("2026-01-01", Referral, Received), ("2026-11-20", Referral, Received)];
        assert_eq!(suggested(Stage::Rapport, &one_way), None);
        // From reach-out, the furthest stage the log shows.
        assert_eq!(suggested(Stage::ReachOut, &first_day), Some(Stage::MutualBenefit));
        assert_eq!(suggested(Stage::ReachOut, &a_day_early), None);
    }

    #[test]
    fn a_year_of_mutual_referrals_is_trust() {
        // The older half runs 21 Nov 2025 – 20 May 2026; the recent half
        // 21 May – 20 Nov 2026.
        let year = |older_given: &'static str, recent_received: &'static str| {
            vec![
                (older_given, Referral, Given),
                ("2026-01-10", Referral, Received),
                ("2026-09-01", Referral, Given),
                (recent_received, Referral, Received),
            ]
        };
        assert_eq!(
            suggested(Stage::MutualBenefit, &year("2025-11-21", "2026-05-21")),
            Some(Stage::Trust)
        );
        // A day before the 12 months: the older half has nothing given.
        assert_eq!(suggested(Stage::MutualBenefit, &year("2025-11-20", "2026-05-21")), None);
        // On the last day of the older half: the recent one has nothing received.
        assert_eq!(suggested(Stage::MutualBenefit, &year("2025-11-21", "2026-05-20")), None);
        // Still both ways in the 12 months: mutual-benefit for a rapport partner.
        assert_eq!(
            suggested(Stage::Rapport, &year("2025-11-20", "2026-05-21")),
            Some(Stage::MutualBenefit)
        );
        assert_eq!(
            suggested(Stage::ReachOut, &year("2025-11-21", "2026-05-21")),
            Some(Stage::Trust)
        );
    }

    #[test]
    fn the_line_says_from_and_to() {
        let gs = [g(1, "dana", "2026-11-01", Meeting, Received)];
        let s = suggest(&at(Stage::ReachOut), &[&gs[0]], day(TODAY)).unwrap();
        assert_eq!(s.line(), "Stage: reach-out → rapport? (a meeting logged)");
    }
}
