//! Raising one partner's items: the rules of the table in `mod.rs`.

use super::outreach::{outreach_item, quiet_item};
use super::{ItemKind, ONE_WAY_ALLOWANCE, QueueItem, THANK_ALLOWANCE};
use crate::domain::answers::answered;
use crate::domain::date::YearlyDate;
use crate::domain::text::slug;
use crate::domain::{Direction, Gesture, Kind, Partner, Rules};
use chrono::{Datelike, Days, NaiveDate};

/// Days late over the allowance: 0 when the item falls due, 1 when it is
/// a whole allowance late, below 0 before it is due.
pub(super) fn urgency(today: NaiveDate, start: NaiveDate, allowance: u32) -> f64 {
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

/// "referral M.O.", or "referral of 3 Nov" when it has no note.
pub fn about(g: &Gesture) -> String {
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

/// `gestures` is the partner's log, oldest first.
pub(super) fn items_for(p: &Partner, gestures: &[&Gesture], rules: &Rules, today: NaiveDate, out: &mut Vec<QueueItem>) {
    // Only what has happened by today counts; a gesture dated ahead waits.
    let past = &gestures[..gestures.partition_point(|g| g.date <= today)];
    let last_given_referral = past
        .iter()
        .filter(|g| g.is(Kind::Referral, Direction::Given))
        .map(|g| g.date)
        .max();

    // Each referral is owed its own thank-you and update, while it is
    // within the window.
    let owed_from = today
        .checked_sub_days(Days::new(rules.owed_window_days.into()))
        .unwrap_or(NaiveDate::MIN);
    for a in answered(past, rules.owed_window_days)
        .iter()
        .filter(|a| a.referral.date >= owed_from)
    {
        let g = a.referral;
        if a.thanked.is_none() {
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
        if due <= today && a.updated.is_none() {
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
    }

    let mut since_given = 0u32;
    let mut one_way_from = None;
    for g in past.iter().filter(|g| g.is(Kind::Referral, Direction::Received)) {
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

    // Writing to a prospect is the touch: while a reach-out or follow-up
    // item stands, no touch item asks the same.
    let outreach = outreach_item(p, past, rules, today);
    let cadence = if outreach.is_some() {
        0
    } else {
        rules.cadence_for(p.cadence_days, &p.tags)
    };
    out.extend(outreach);
    out.extend(quiet_item(p, past, rules, today));
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
        let day = super::super::day_label(on, today);
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
            // Below zero until the day itself: not yet due.
            urgency: urgency(today, on, lead),
        });
    }
}
