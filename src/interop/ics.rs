//! iCalendar export: birthdays and yearly dates as all-day yearly events,
//! and the queue items due in the next 30 days as to-dos.
//!
//! UIDs are stable (`birthday-<id>@rapport`, `date-<id>-<label>@rapport`,
//! `<queue key>@rapport`), so a calendar that subscribes to or re-imports
//! the file updates its entries rather than duplicating them.
//!
//! A yearly event starts on the date in its own year, or in 2000 when the
//! year is unknown (a leap year, so 29 February exists). A 29 February date
//! repeats with `BYMONTH=2;BYMONTHDAY=-1`: the last day of February, which
//! is the 28th in other years, as rapport's queue has it.

use super::write::{escape_text, push_line};
use crate::domain::queue::{ItemKind, QueueItem, QueueState, due_items};
use crate::domain::text::slug;
use crate::domain::{Book, Partner, Rules, YearlyDate};
use chrono::{Days, NaiveDate};
use std::collections::HashSet;

/// How far ahead the to-dos reach.
pub const TODO_DAYS: u64 = 30;

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn yearly_event(
    out: &mut String,
    uid: &str,
    summary: &str,
    description: Option<String>,
    date: &YearlyDate,
    stamp: &str,
) {
    let start = date.in_year(date.year.unwrap_or(2000));
    let rule = if date.month == 2 && date.day == 29 {
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    } else {
        "FREQ=YEARLY"
    };
    let mut line = |s: String| push_line(out, &s);
    line("BEGIN:VEVENT".into());
    line(format!("UID:{}", escape_text(uid)));
    line(format!("DTSTAMP:{stamp}"));
    line(format!("DTSTART;VALUE=DATE:{}", ymd(start)));
    line(format!("DTEND;VALUE=DATE:{}", ymd(start + Days::new(1))));
    line(format!("RRULE:{rule}"));
    line(format!("SUMMARY:{}", escape_text(summary)));
    if let Some(d) = description {
        line(format!("DESCRIPTION:{}", escape_text(&d)));
    }
    line("TRANSP:TRANSPARENT".into());
    line("END:VEVENT".into());
}

fn events_for(out: &mut String, p: &Partner, stamp: &str) {
    if let Some(b) = &p.birthday {
        let born = b.year.map(|y| format!("Born {y}."));
        yearly_event(
            out,
            &format!("birthday-{}@rapport", p.id),
            &format!("{}: birthday", p.name),
            born,
            b,
            stamp,
        );
    }
    for d in &p.dates {
        let label = if d.label.trim().is_empty() {
            "yearly date"
        } else {
            d.label.trim()
        };
        yearly_event(
            out,
            &format!("date-{}-{}@rapport", p.id, slug(label)),
            &format!("{}: {label}", p.name),
            d.date.year.map(|y| format!("Since {y}.")),
            &d.date,
            stamp,
        );
    }
}

/// What to do, in words, for a to-do's summary.
fn todo_summary(book: &Book, item: &QueueItem) -> String {
    let name = book
        .partner(&item.contact)
        .map_or(item.contact.as_str(), |p| p.name.as_str());
    let referral = item
        .gesture
        .as_ref()
        .and_then(|gid| book.gestures.iter().find(|g| &g.id == gid))
        .and_then(|g| g.note.as_deref())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    match item.kind {
        ItemKind::Thank => format!("Thank {name} for the referral{referral}"),
        ItemKind::Update => format!("Tell {name} how the referral went{referral}"),
        ItemKind::Touch => format!("Get in touch with {name}"),
        ItemKind::Date => {
            let label = item.key.split(':').nth(2).unwrap_or("date").replace('-', " ");
            format!("Send {name} a card: {label}")
        }
        ItemKind::OneWay => format!("Send {name} a referral: they have sent several, you none since"),
        ItemKind::ReachOut => format!("Write {name} a first message"),
        ItemKind::FollowUp => format!("Follow up with {name}: your message got no answer"),
        ItemKind::Quiet => format!("Call {name}: they used to send referrals and have gone quiet"),
    }
}

/// The queue items due within [`TODO_DAYS`] (and those already late), as
/// the queue would raise them day by day if nothing were logged meanwhile.
/// A snoozed item is due when its snooze ends.
pub fn upcoming(book: &Book, queue: &QueueState, rules: &Rules, today: NaiveDate) -> Vec<QueueItem> {
    let horizon = today + Days::new(TODO_DAYS);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for n in 0..=TODO_DAYS {
        let day = today + Days::new(n);
        for mut item in due_items(book, queue, rules, day) {
            if !seen.insert(item.key.clone()) {
                continue;
            }
            if let Some(&until) = queue.snoozed.get(&item.key)
                && until > item.due
            {
                item.due = until;
            }
            if item.due <= horizon {
                out.push(item);
            }
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.key.cmp(&b.key)));
    out
}

/// The whole calendar. `today` sets DTSTAMP, so the output depends only on
/// the data.
pub fn calendar(book: &Book, queue: &QueueState, rules: &Rules, today: NaiveDate) -> String {
    let stamp = format!("{}T000000Z", ymd(today));
    let mut out = String::new();
    for s in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        concat!("PRODID:-//rapport//rapport ", env!("CARGO_PKG_VERSION"), "//EN"),
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:rapport",
    ] {
        push_line(&mut out, s);
    }
    for p in book.partners.iter().filter(|p| !p.archived) {
        events_for(&mut out, p, &stamp);
    }
    for item in upcoming(book, queue, rules, today) {
        let mut line = |s: String| push_line(&mut out, &s);
        line("BEGIN:VTODO".into());
        line(format!("UID:{}", escape_text(&format!("{}@rapport", item.key))));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DUE;VALUE=DATE:{}", ymd(item.due)));
        line(format!("SUMMARY:{}", escape_text(&todo_summary(book, &item))));
        line(format!(
            "DESCRIPTION:{}",
            escape_text(&format!("Mark it done with: rapport done {}", item.key))
        ));
        line("STATUS:NEEDS-ACTION".into());
        line("END:VTODO".into());
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::partner::LabelledDate;

    fn day(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    #[test]
    fn leap_day_repeats_on_the_last_day_of_february() {
        let mut p = Partner::new("leap", "Leap Day");
        p.birthday = Some(YearlyDate::parse("02-29").unwrap());
        p.dates = vec![LabelledDate {
            label: "Opened the practice".into(),
            date: YearlyDate::parse("2011-05-02").unwrap(),
        }];
        p.cadence_days = Some(0);
        p.stage = crate::domain::Stage::Rapport;
        let book = Book::new(vec![p], Vec::new());
        let cal = calendar(&book, &QueueState::default(), &Rules::default(), day("2026-11-20"));
        assert!(cal.contains("UID:birthday-leap@rapport\r\n"), "{cal}");
        assert!(cal.contains("DTSTART;VALUE=DATE:20000229\r\n"));
        assert!(cal.contains("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n"));
        assert!(cal.contains("UID:date-leap-opened-the-practice@rapport\r\n"));
        assert!(cal.contains("DTSTART;VALUE=DATE:20110502\r\n"));
        assert!(!cal.contains("VTODO"), "no cadence, no dates near: no to-dos");
    }

    #[test]
    fn todos_cover_the_next_30_days_and_snoozes() {
        let mut due_now = Partner::new("now", "Now");
        due_now.since = Some(day("2026-10-01"));
        due_now.cadence_days = Some(30);
        let mut later = Partner::new("later", "Later");
        later.since = Some(day("2026-11-10"));
        later.cadence_days = Some(30);
        let mut far = Partner::new("far", "Far");
        far.since = Some(day("2026-11-19"));
        far.cadence_days = Some(60);
        // Past reach-out, so the touches are theirs alone.
        let mut partners = vec![due_now, later, far];
        partners
            .iter_mut()
            .for_each(|p| p.stage = crate::domain::Stage::Rapport);
        let book = Book::new(partners, Vec::new());
        let mut q = QueueState::default();
        let items = upcoming(&book, &q, &Rules::default(), day("2026-11-20"));
        let got: Vec<(&str, String)> = items.iter().map(|i| (i.key.as_str(), i.due.to_string())).collect();
        assert_eq!(
            got,
            [("touch:now", "2026-10-31".into()), ("touch:later", "2026-12-10".into())]
        );
        q.snoozed.insert("touch:now".into(), day("2026-11-25"));
        let items = upcoming(&book, &q, &Rules::default(), day("2026-11-20"));
        assert_eq!(items[0].key, "touch:now");
        assert_eq!(items[0].due, day("2026-11-25"));
    }
}
