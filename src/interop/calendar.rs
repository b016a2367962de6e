//! Reading an iCalendar file for `rapport import CAL.ics --touches`: the
//! past occurrences of its events, each with who attended.
//!
//! Content lines (RFC 5545 unfolding, parameters, escaped text) are read by
//! the `icalendar` crate's parser; recurrence rules are expanded by the
//! `rrule` crate. Around them sits what rapport needs: occurrences on or
//! before `today` only (a rule with no COUNT or UNTIL stops there), with
//! cancelled ones (STATUS:CANCELLED, an EXDATE, a cancelled RECURRENCE-ID
//! override) left out, and moved or changed ones taken from their override.
//!
//! Times are read as written: a date, a floating time and a `TZID` time
//! give the wall-clock date the file shows; a UTC (`Z`) time is turned into
//! a date in the time zone the caller passes (the user's local one). A rule
//! is expanded on those wall-clock times, so a weekly 9:00 meeting stays a
//! 9:00 meeting across a change of daylight saving time.

use super::{FormatError, Skip, charset};
use crate::domain::date;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use icalendar::parser::{Component, Property};
use std::collections::{HashMap, HashSet};

/// More occurrences of one event than this are not read (an hourly rule
/// started decades ago); the event gets a note.
const MAX_OCCURRENCES: u16 = u16::MAX;

/// Components nested deeper than this (a real calendar nests three:
/// VCALENDAR, VEVENT, VALARM) are refused before they are parsed, which
/// recurses once per level.
const MAX_DEPTH: usize = 32;

/// One person on an occurrence, as the file names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The address, lower-cased, without `mailto:`.
    pub email: String,
    /// `PARTSTAT=DECLINED`: they said they would not come.
    pub declined: bool,
}

/// One past occurrence of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Names this occurrence for good: the event's UID, and for a
    /// recurring event `UID/` and the occurrence's original start as the
    /// file writes it (`UID/20261103T090000`), so a second import of the
    /// same file finds it again.
    pub source: String,
    /// The start date, as the user's calendar shows it.
    pub date: NaiveDate,
    pub summary: Option<String>,
    /// The attendees, and the organizer: a partner who sent the invitation
    /// met you as surely as one who accepted it, and some calendars
    /// (Outlook's) do not list the organizer among the attendees.
    pub people: Vec<Attendee>,
}

/// What a calendar file held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Past occurrences, in file order, cancelled ones left out.
    pub occurrences: Vec<Occurrence>,
    /// Events that could not be read (a start that is not a date, a rule
    /// the expander refuses), and why.
    pub skipped: Vec<Skip>,
}

/// True when the file's first line is `BEGIN:VCALENDAR`.
pub fn looks_like_calendar(bytes: &[u8]) -> bool {
    let head = charset::decode_whole(&bytes[..bytes.len().min(4096)]).0;
    head.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.trim_start_matches('\u{feff}').eq_ignore_ascii_case("BEGIN:VCALENDAR"))
}

/// A start, end of a rule, or excluded date as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum When {
    Date(NaiveDate),
    /// Floating or with a TZID: the wall-clock time as written.
    Local(NaiveDateTime),
    Utc(NaiveDateTime),
}

impl When {
    fn parse(value: &str, date_only: bool) -> Option<When> {
        let v = value.trim();
        if date_only || v.len() == 8 {
            return NaiveDate::parse_from_str(v, "%Y%m%d")
                .ok()
                .filter(|&d| date::writable(d))
                .map(When::Date);
        }
        let (v, utc) = match v.strip_suffix(['Z', 'z']) {
            Some(rest) => (rest, true),
            None => (v, false),
        };
        let t = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S")
            .ok()
            .filter(|t| date::writable(t.date()))?;
        Some(if utc { When::Utc(t) } else { When::Local(t) })
    }

    fn naive(self) -> NaiveDateTime {
        match self {
            When::Date(d) => d.and_time(NaiveTime::MIN),
            When::Local(t) | When::Utc(t) => t,
        }
    }

    /// The same kind of value at another wall-clock time.
    fn with(self, t: NaiveDateTime) -> When {
        match self {
            When::Date(_) => When::Date(t.date()),
            When::Local(_) => When::Local(t),
            When::Utc(_) => When::Utc(t),
        }
    }

    fn local_date<Tz: TimeZone>(self, zone: &Tz) -> NaiveDate {
        match self {
            When::Date(d) => d,
            When::Local(t) => t.date(),
            When::Utc(t) => zone.from_utc_datetime(&t).naive_local().date(),
        }
    }

    /// As the file would write it, for sources.
    fn key(self) -> String {
        match self {
            When::Date(d) => d.format("%Y%m%d").to_string(),
            When::Local(t) => t.format("%Y%m%dT%H%M%S").to_string(),
            When::Utc(t) => t.format("%Y%m%dT%H%M%SZ").to_string(),
        }
    }

    /// True when an EXDATE or RECURRENCE-ID `self` names the occurrence
    /// starting at `at`: the same time, or the same date when one of them
    /// is a date or they are of different kinds (a UTC EXDATE on a TZID
    /// event, read without its zone).
    fn names(self, at: When) -> bool {
        match (self, at) {
            (When::Local(a), When::Local(b)) | (When::Utc(a), When::Utc(b)) => a == b,
            _ => self.naive().date() == at.naive().date(),
        }
    }
}

fn props<'a, 'b>(c: &'b Component<'a>, name: &'b str) -> impl Iterator<Item = &'b Property<'a>> {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn prop<'a, 'b>(c: &'b Component<'a>, name: &str) -> Option<&'b Property<'a>> {
    c.properties.iter().find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a Property<'_>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

fn value(c: &Component<'_>, name: &str) -> Option<String> {
    prop(c, name)
        .map(|p| p.val.as_str().trim().to_string())
        .filter(|v| !v.is_empty())
}

fn is_date_only(p: &Property<'_>) -> bool {
    param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
}

fn when(p: &Property<'_>) -> Option<When> {
    When::parse(p.val.as_str(), is_date_only(p))
}

/// Every value of every `name` property (EXDATE and RDATE take lists); a
/// period (`start/end`) counts by its start.
fn whens(c: &Component<'_>, name: &str) -> Vec<When> {
    props(c, name)
        .flat_map(|p| {
            let date_only = is_date_only(p);
            p.val
                .as_str()
                .split(',')
                .filter_map(|v| When::parse(v.split('/').next().unwrap_or(v), date_only))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn cancelled(c: &Component<'_>) -> bool {
    value(c, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
}

fn people(c: &Component<'_>) -> Vec<Attendee> {
    let mut out: Vec<Attendee> = Vec::new();
    for p in props(c, "ATTENDEE").chain(props(c, "ORGANIZER")) {
        let Some(email) = super::email(p.val.as_str()) else {
            continue;
        };
        let email = email.to_lowercase();
        let declined = p.name.as_str().eq_ignore_ascii_case("ATTENDEE")
            && param(p, "PARTSTAT").is_some_and(|s| s.eq_ignore_ascii_case("DECLINED"));
        match out.iter_mut().find(|a| a.email == email) {
            // Listed twice (as organizer and attendee): declined only if
            // every line says so.
            Some(a) => a.declined &= declined,
            None => out.push(Attendee { email, declined }),
        }
    }
    out
}

fn summary(c: &Component<'_>) -> Option<String> {
    value(c, "SUMMARY").and_then(|s| super::non_empty(&s))
}

/// Every VEVENT, however deep in VCALENDARs, in file order.
fn events<'a, 'b>(list: &'b [Component<'a>], out: &mut Vec<&'b Component<'a>>) {
    for c in list {
        if c.name.as_str().eq_ignore_ascii_case("VEVENT") {
            out.push(c);
        } else if c.name.as_str().eq_ignore_ascii_case("VCALENDAR") {
            events(&c.components, out);
        }
    }
}

/// Reads the past occurrences of every event in an iCalendar file: those
/// starting on or before `today` in `zone`.
pub fn past_occurrences<Tz: TimeZone>(bytes: &[u8], today: NaiveDate, zone: &Tz) -> Result<Calendar, FormatError> {
    let (text, _) = charset::decode_whole(bytes);
    let text = text.trim_start_matches('\u{feff}');
    // Blank lines (between two calendars pasted into one file, at the end)
    // are not content lines; the parser would stop at them.
    let unfolded = icalendar::parser::unfold(text);
    let lines: Vec<&str> = unfolded.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut depth = 0usize;
    for (n, l) in lines.iter().enumerate() {
        let l = l.trim();
        let starts = |p: &str| l.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        if starts("BEGIN:") {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(FormatError::new(
                    None,
                    format!(
                        "this iCalendar file nests components more than {MAX_DEPTH} deep (line {} of it, unfolded); no calendar does, so nothing was read",
                        n + 1
                    ),
                ));
            }
        } else if starts("END:") {
            depth = depth.saturating_sub(1);
        }
    }
    // The parser reads one VCALENDAR at a time, so each is read apart.
    let mut chunks: Vec<(usize, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if chunks.is_empty() || l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR") {
            chunks.push((i, String::new()));
        }
        if let Some((_, c)) = chunks.last_mut() {
            c.push_str(l);
            // CRLF, as RFC 5545 writes it: the parser looks for "\r\n"
            // first, and on bare "\n" lines that search runs to the end of
            // the text for every property (quadratic on a large export).
            c.push_str("\r\n");
        }
    }
    let mut roots = Vec::new();
    for (first, chunk) in &chunks {
        let parsed = icalendar::parser::read_calendar_simple(chunk).map_err(|e| {
            let line = first + chunk[..chunk.len() - e.input.len()].lines().count() + 1;
            let ends = chunk.lines().any(|l| l.trim().eq_ignore_ascii_case("END:VCALENDAR"));
            let why = if ends {
                format!("line {line} of it, unfolded and without blank lines, is not an iCalendar content line")
            } else {
                "a calendar in it has no END:VCALENDAR; is it cut short?".to_string()
            };
            FormatError::new(None, format!("this iCalendar file could not be read ({why})"))
        })?;
        roots.extend(parsed);
    }
    let mut list = Vec::new();
    events(&roots, &mut list);

    let mut cal = Calendar::default();
    // Overrides (RECURRENCE-ID) by UID, each with the start it replaces.
    let mut overrides: HashMap<String, Vec<(When, &Component<'_>)>> = HashMap::new();
    let mut masters = Vec::new();
    for (i, e) in list.iter().enumerate() {
        let uid = value(e, "UID");
        match (prop(e, "RECURRENCE-ID").and_then(when), uid) {
            (Some(at), Some(uid)) => overrides.entry(uid).or_default().push((at, *e)),
            _ => masters.push((i, *e)),
        }
    }
    let mut used: HashSet<(String, When)> = HashSet::new();
    for (i, e) in masters {
        let at = || format!("event {} ({})", i + 1, value(e, "SUMMARY").unwrap_or_default());
        let Some(start) = prop(e, "DTSTART").and_then(when) else {
            cal.skipped.push(Skip {
                source: at(),
                reason: "its start (DTSTART) is missing or not a date".into(),
            });
            continue;
        };
        // An event without a UID is named by its start and title.
        let uid = value(e, "UID").unwrap_or_else(|| format!("{} {}", start.key(), summary(e).unwrap_or_default()));
        let recurring = prop(e, "RRULE").is_some() || prop(e, "RDATE").is_some();
        if cancelled(e) {
            // A cancelled series takes its overrides with it.
            for (at, _) in overrides.get(&uid).into_iter().flatten() {
                used.insert((uid.clone(), *at));
            }
            continue;
        }
        let starts = if recurring {
            match expand(e, start, today) {
                Ok(s) => s,
                Err(reason) => {
                    cal.skipped.push(Skip { source: at(), reason });
                    continue;
                }
            }
        } else {
            vec![start]
        };
        let mine = overrides.get(&uid).map(Vec::as_slice).unwrap_or_default();
        // Found by the date they name (an override names its occurrence by
        // time, or by date), so thousands of them cost no more than one.
        let mut by_date: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
        for (n, (at, _)) in mine.iter().enumerate() {
            by_date.entry(at.naive().date()).or_default().push(n);
        }
        for s in starts {
            let source = if recurring {
                format!("{uid}/{}", s.key())
            } else {
                uid.clone()
            };
            let found = (by_date.get(&s.naive().date()).into_iter().flatten())
                .map(|&n| &mine[n])
                .find(|(at, _)| at.names(s));
            let (c, start) = match found {
                Some((at, o)) => {
                    used.insert((uid.clone(), *at));
                    (*o, prop(o, "DTSTART").and_then(when).unwrap_or(s))
                }
                None => (e, s),
            };
            push(&mut cal, c, source, start, today, zone);
        }
    }
    // Overrides whose series is not in the file, or whose original start
    // the rule does not give (moved in from beyond today): each its own.
    for (uid, list) in &overrides {
        for (at, o) in list {
            if used.contains(&(uid.clone(), *at)) {
                continue;
            }
            let start = prop(o, "DTSTART").and_then(when).unwrap_or(*at);
            push(&mut cal, o, format!("{uid}/{}", at.key()), start, today, zone);
        }
    }
    Ok(cal)
}

fn push<Tz: TimeZone>(cal: &mut Calendar, c: &Component<'_>, source: String, start: When, today: NaiveDate, zone: &Tz) {
    let date = start.local_date(zone);
    if cancelled(c) || date > today {
        return;
    }
    cal.occurrences.push(Occurrence {
        source,
        date,
        summary: summary(c),
        people: people(c),
    });
}

/// The starts of a recurring event up to a day past `today` (a UTC time
/// may fall on the next local date), EXDATEs left out, RDATEs added.
fn expand(e: &Component<'_>, start: When, today: NaiveDate) -> Result<Vec<When>, String> {
    let utc = |t: NaiveDateTime| rrule::Tz::UTC.from_utc_datetime(&t);
    let end = today
        .checked_add_days(Days::new(2))
        .unwrap_or(today)
        .and_time(NaiveTime::MIN);
    let mut starts: Vec<NaiveDateTime> = Vec::new();
    for p in props(e, "RRULE") {
        let text = p.val.as_str();
        // UNTIL is read here, so a date, a floating time and a UTC one are
        // all taken as the wall-clock bound they write.
        let mut until = None;
        let rest: Vec<&str> = text
            .split(';')
            .filter(|part| match part.split_once('=') {
                // The calendar every other part already assumes (RFC 7529).
                Some((k, v))
                    if k.trim().eq_ignore_ascii_case("RSCALE") && v.trim().eq_ignore_ascii_case("GREGORIAN") =>
                {
                    false
                }
                Some((k, v)) if k.trim().eq_ignore_ascii_case("UNTIL") => {
                    until = When::parse(v, false);
                    false
                }
                _ => !part.trim().is_empty(),
            })
            .collect();
        let rule: rrule::RRule<rrule::Unvalidated> = rest
            .join(";")
            .parse()
            .map_err(|e| format!("its repeat rule {text} cannot be read ({e})"))?;
        let rule = match until {
            Some(When::Date(d)) => rule.until(utc(d.and_hms_opt(23, 59, 59).unwrap_or_default())),
            Some(u) => rule.until(utc(u.naive())),
            None => rule,
        };
        let set = rule
            .build(utc(start.naive()))
            .map_err(|e| format!("its repeat rule {text} cannot be used ({e})"))?;
        let found = set.before(utc(end)).all(MAX_OCCURRENCES);
        if found.dates.len() >= usize::from(MAX_OCCURRENCES) {
            return Err(format!(
                "its repeat rule {text} gives more than {MAX_OCCURRENCES} occurrences"
            ));
        }
        starts.extend(found.dates.iter().map(|d| d.naive_utc()));
    }
    if prop(e, "RRULE").is_none() {
        starts.push(start.naive());
    }
    starts.extend(whens(e, "RDATE").into_iter().map(|w| w.naive()).filter(|t| *t < end));
    starts.sort();
    starts.dedup();
    // By date, as the overrides: an EXDATE names its occurrence by time
    // or by date.
    let mut exdates: HashMap<NaiveDate, Vec<When>> = HashMap::new();
    for x in whens(e, "EXDATE") {
        exdates.entry(x.naive().date()).or_default().push(x);
    }
    Ok(starts
        .into_iter()
        .map(|t| start.with(t))
        .filter(|s| !(exdates.get(&s.naive().date()).into_iter().flatten()).any(|x| x.names(*s)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn read(body: &str, today: &str) -> Calendar {
        let text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n");
        past_occurrences(text.as_bytes(), d(today), &Utc).unwrap()
    }

    fn sources(c: &Calendar) -> Vec<(String, NaiveDate)> {
        c.occurrences.iter().map(|o| (o.source.clone(), o.date)).collect()
    }

    #[test]
    fn a_single_event_with_folded_lines_and_escapes() {
        let c = read(
            "BEGIN:VEVENT\r\nUID:a1\r\nDTSTART;TZID=Europe/Paris:20261103T120000\r\nSUMMARY:Lunch at Rossi\\, \r\n then coffee\r\nATTENDEE;CN=\"Lee, Dana\";PARTSTAT=ACCEPTED:MAILTO:Dana@Example.COM\r\nORGANIZER:mailto:me@x.org\r\nEND:VEVENT\r\n",
            "2026-11-20",
        );
        assert_eq!(c.occurrences.len(), 1);
        let o = &c.occurrences[0];
        assert_eq!((o.source.as_str(), o.date), ("a1", d("2026-11-03")));
        assert_eq!(o.summary.as_deref(), Some("Lunch at Rossi, then coffee"));
        assert_eq!(o.people[0].email, "dana@example.com");
        assert!(!o.people[0].declined);
        assert_eq!(o.people[1].email, "me@x.org");
    }

    #[test]
    fn future_and_cancelled_events_are_left_out() {
        let c = read(
            "BEGIN:VEVENT\r\nUID:f\r\nDTSTART;VALUE=DATE:20261121\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\nSTATUS:CANCELLED\r\nDTSTART:20261101T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:t\r\nDTSTART;VALUE=DATE:20261120\r\nEND:VEVENT\r\n",
            "2026-11-20",
        );
        assert_eq!(sources(&c), vec![("t".to_string(), d("2026-11-20"))]);
    }

    #[test]
    fn utc_times_fall_on_the_local_date() {
        let text =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20261103T230000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let plus2 = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        let c = past_occurrences(text.as_bytes(), d("2026-11-20"), &plus2).unwrap();
        assert_eq!(c.occurrences[0].date, d("2026-11-04"));
    }

    #[test]
    fn a_weekly_rule_with_an_exdate_and_overrides() {
        let c = read(
            "BEGIN:VEVENT\r\nUID:w\r\nDTSTART:20261028T090000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\nEXDATE:20261104T090000\r\nSUMMARY:Weekly\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID:20261111T090000\r\nDTSTART:20261112T090000\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID:20261118T090000\r\nDTSTART:20261118T090000\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n",
            "2026-11-20",
        );
        assert_eq!(
            sources(&c),
            vec![
                ("w/20261028T090000".to_string(), d("2026-10-28")),
                ("w/20261111T090000".to_string(), d("2026-11-12")),
            ]
        );
        assert_eq!(c.occurrences[1].summary.as_deref(), Some("Moved"));
    }

    #[test]
    fn an_endless_rule_stops_at_today_and_until_counts() {
        let c = read(
            "BEGIN:VEVENT\r\nUID:m\r\nDTSTART;VALUE=DATE:19650423\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261102T090000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261111\r\nEND:VEVENT\r\n",
            "2026-11-20",
        );
        let yearly = c.occurrences.iter().filter(|o| o.source.starts_with("m/")).count();
        assert_eq!(yearly, 2026 - 1965 + 1, "every year from 1965 to this one");
        let b: Vec<NaiveDate> = c
            .occurrences
            .iter()
            .filter(|o| o.source.starts_with("b/"))
            .map(|o| o.date)
            .collect();
        assert_eq!(
            b,
            vec![d("2026-11-02"), d("2026-11-04"), d("2026-11-09"), d("2026-11-11")]
        );
    }

    #[test]
    fn monthly_and_yearly_rules_with_interval_and_byday() {
        let c = read(
            "BEGIN:VEVENT\r\nUID:q\r\nDTSTART:20260106T100000\r\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261114\r\nRRULE:FREQ=DAILY;INTERVAL=3\r\nRDATE;VALUE=DATE:20261101,20261102\r\nEXDATE;VALUE=DATE:20261117\r\nEND:VEVENT\r\n",
            "2026-11-20",
        );
        let dates = |p: &str| -> Vec<NaiveDate> {
            c.occurrences
                .iter()
                .filter(|o| o.source.starts_with(p))
                .map(|o| o.date)
                .collect()
        };
        assert_eq!(
            dates("q/"),
            [
                "2026-01-06",
                "2026-03-03",
                "2026-05-05",
                "2026-07-07",
                "2026-09-01",
                "2026-11-03"
            ]
            .map(d)
        );
        assert_eq!(
            dates("d/"),
            ["2026-11-01", "2026-11-02", "2026-11-14", "2026-11-20"].map(d)
        );
    }

    #[test]
    fn declined_attendees_are_marked_and_bad_events_skipped() {
        let c = read(
            "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261101T090000\r\nATTENDEE;PARTSTAT=DECLINED:mailto:a@b.c\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:y\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:z\r\nDTSTART:20261101T090000\r\nRRULE:FREQ=FORTNIGHTLY\r\nEND:VEVENT\r\n",
            "2026-11-20",
        );
        assert!(c.occurrences[0].people[0].declined);
        assert_eq!(c.skipped.len(), 2, "{:?}", c.skipped);
    }

    #[test]
    fn recognises_a_calendar() {
        assert!(looks_like_calendar(b"\xef\xbb\xbf\r\nbegin:vcalendar\r\n"));
        assert!(!looks_like_calendar(b"BEGIN:VCARD\r\n"));
    }
}
