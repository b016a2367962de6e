//! The items that look after a relationship before and after the referrals:
//! reaching out to a new prospect, following up a message that got no
//! answer, and noticing a regular source gone quiet.

use super::raise::{lateness, urgency};
use super::{ItemKind, QueueItem};
use crate::domain::date::year_start;
use crate::domain::{Direction, Gesture, Kind, Partner, Rules, Stage};
use chrono::{Days, NaiveDate};

/// Days a reach-out item may wait before it counts as one allowance late:
/// a first message is worth writing within the month.
pub const REACH_OUT_ALLOWANCE: u32 = 30;

/// True for a gesture that reaches out: a message, introduction or invite
/// given.
fn reaches_out(g: &Gesture) -> bool {
    g.dir == Direction::Given && matches!(g.kind, Kind::Message | Kind::Intro | Kind::Invite)
}

fn short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// The reach-out or follow-up item of a partner at stage reach-out, if they
/// have one. `past` is their log up to today, oldest first.
pub(super) fn outreach_item(p: &Partner, past: &[&Gesture], rules: &Rules, today: NaiveDate) -> Option<QueueItem> {
    if p.stage != Stage::ReachOut {
        return None;
    }
    if !past.iter().any(|g| g.dir == Direction::Given) {
        // Nothing ever given: the first message is still to write.
        let due = p.since.unwrap_or(today);
        return (due <= today).then(|| QueueItem {
            key: format!("reach-out:{}", p.id),
            kind: ItemKind::ReachOut,
            contact: p.id.clone(),
            due,
            text: match p.since {
                Some(d) => format!("write a first message · added {}", short(d)),
                None => "write a first message".into(),
            },
            gesture: None,
            logs: ItemKind::ReachOut.logs(),
            urgency: urgency(today, due, REACH_OUT_ALLOWANCE),
        });
    }
    let sent = past.iter().rev().find(|g| reaches_out(g))?;
    let answered = past.iter().any(|g| g.dir == Direction::Received && g.date >= sent.date);
    let due = sent.date.checked_add_days(Days::new(rules.follow_up_days.into()))?;
    (!answered && due <= today).then(|| QueueItem {
        key: format!("follow-up:{}:{}", p.id, sent.id),
        kind: ItemKind::FollowUp,
        contact: p.id.clone(),
        due,
        text: format!(
            "{} · no answer to your {} of {}",
            lateness(today, due),
            sent.kind,
            short(sent.date)
        ),
        gesture: Some(sent.id.clone()),
        logs: ItemKind::FollowUp.logs(),
        urgency: urgency(today, due, rules.follow_up_days),
    })
}

/// The usual gap between referrals, doubled: twice the median of the days
/// between one and the next (`dates` oldest first). 0 with fewer than two.
fn twice_the_median_gap(dates: &[NaiveDate]) -> u32 {
    let mut gaps: Vec<u32> = dates
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days().max(0) as u32)
        .collect();
    gaps.sort_unstable();
    match gaps.len() {
        0 => 0,
        n if n % 2 == 1 => 2 * gaps[n / 2],
        n => gaps[n / 2 - 1] + gaps[n / 2],
    }
}

/// The quiet item of a regular source gone silent, if they have one: at
/// least `quiet_min` referrals received in the 12 months up to their last
/// one, which is now `quiet_after_days` old or twice their usual gap,
/// whichever is longer. A call or meeting either way from the day it comes
/// due clears it; so does a new referral, which makes a new last one.
/// `past` is their log up to today, oldest first.
pub(super) fn quiet_item(p: &Partner, past: &[&Gesture], rules: &Rules, today: NaiveDate) -> Option<QueueItem> {
    if rules.quiet_min == 0 {
        return None;
    }
    let referrals: Vec<&Gesture> = past
        .iter()
        .copied()
        .filter(|g| g.is(Kind::Referral, Direction::Received))
        .collect();
    // The latest by date, then id: the same whatever order the log is in.
    let last = *referrals
        .iter()
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)))?;
    let from = year_start(last.date);
    let in_year = referrals.iter().filter(|g| g.date >= from).count();
    if in_year < rules.quiet_min as usize {
        return None;
    }
    let dates: Vec<NaiveDate> = referrals.iter().map(|g| g.date).collect();
    let usual = twice_the_median_gap(&dates);
    let wait = rules.quiet_after_days.max(usual);
    let due = last.date.checked_add_days(Days::new(wait.into()))?;
    let talked = past
        .iter()
        .any(|g| g.date >= due && matches!(g.kind, Kind::Call | Kind::Meeting));
    if due > today || talked {
        return None;
    }
    let every = if usual > 0 {
        format!(" · usually every {}d", usual / 2)
    } else {
        String::new()
    };
    Some(QueueItem {
        key: format!("quiet:{}:{}", p.id, last.id),
        kind: ItemKind::Quiet,
        contact: p.id.clone(),
        due,
        text: format!(
            "no referral since {} ({}d){every}",
            short(last.date),
            (today - last.date).num_days()
        ),
        gesture: Some(last.id.clone()),
        logs: ItemKind::Quiet.logs(),
        urgency: urgency(today, due, wait),
    })
}
