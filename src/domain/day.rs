//! A day as a person types it, read the same way by the CLI and the TUI:
//! `today`, `yesterday`, `tomorrow`, a weekday (`fri`, `Friday`), a count
//! back or ahead (`3`, `3d`, `-3d`, `+2w`, `1m`), an ISO date, or a day and
//! a month (`5 jan`, `Jan 5`, `5-jan`).

use super::date::parse_date;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which way a day without a year or a sign points: a gesture happened
/// (`Back`: `fri` is the last Friday, `3d` three days ago), a snooze ends
/// (`Ahead`: the next Friday, in three days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Back,
    Ahead,
}

/// What the parser understands, for hints and errors.
pub const DAY_FORMS: &str = "today, yesterday, a weekday, 3d, 2w, 1m, 5 jan or YYYY-MM-DD";

/// Parses `s` as a day, relative to `today`.
pub fn parse_day(s: &str, today: NaiveDate, toward: Toward) -> Result<NaiveDate, String> {
    let t = s.trim().to_lowercase();
    let bad = || format!("'{}' is not a day rapport knows (try {DAY_FORMS})", s.trim());
    match t.as_str() {
        "" => return Err(format!("Give a day: {DAY_FORMS}")),
        "today" | "now" => return Ok(today),
        "yesterday" => return Ok(today - Days::new(1)),
        "tomorrow" => return Ok(today + Days::new(1)),
        _ => {}
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) && t.contains('-') && t.len() >= 8 {
        return parse_date(&t);
    }
    if let Some(w) = weekday(&t) {
        return Ok(nearest_weekday(today, w, toward));
    }
    if let Some(d) = relative(&t, today, toward)? {
        return Ok(d);
    }
    if let Some((day, month)) = day_month(&t) {
        return nearest_day_month(today, day, month, toward).ok_or_else(bad);
    }
    Err(bad())
}

/// The day something happened, as typed: not after today (a typo'd year
/// would move the balance and hide the thank-you a referral asks for).
pub fn happened(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = parse_day(s, today, Toward::Back)?;
    if d > today {
        return Err(after_today(d, today));
    }
    Ok(d)
}

/// Why a day after today is refused for something that happened.
pub fn after_today(d: NaiveDate, today: NaiveDate) -> String {
    format!("{d} is after today ({today}); give the day it happened")
}

fn weekday(t: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    let t = t.trim_end_matches('.');
    NAMES
        .iter()
        .find(|(name, _)| t.len() >= 2 && name.starts_with(t))
        .map(|&(_, w)| w)
}

/// The last `w` before today (`Back`) or the next after it (`Ahead`).
fn nearest_weekday(today: NaiveDate, w: Weekday, toward: Toward) -> NaiveDate {
    let from = today.weekday().num_days_from_monday() as i64;
    let to = w.num_days_from_monday() as i64;
    match toward {
        Toward::Back => today - Days::new(((from - to + 6).rem_euclid(7) + 1) as u64),
        Toward::Ahead => today + Days::new(((to - from + 6).rem_euclid(7) + 1) as u64),
    }
}

/// `3`, `3d`, `-3d`, `+2w`, `1m`, `3 days ago`, `in 2 weeks`: `None` when
/// it is not a count at all.
fn relative(t: &str, today: NaiveDate, toward: Toward) -> Result<Option<NaiveDate>, String> {
    let mut rest = t;
    let mut back = toward == Toward::Back;
    if let Some(r) = rest.strip_prefix('-') {
        (rest, back) = (r, true);
    } else if let Some(r) = rest.strip_prefix('+') {
        (rest, back) = (r, false);
    } else if let Some(r) = rest.strip_prefix("in ") {
        (rest, back) = (r, false);
    }
    if let Some(r) = rest.strip_suffix(" ago") {
        (rest, back) = (r, true);
    }
    let rest = rest.trim();
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    if digits == 0 {
        return Ok(None);
    }
    let Ok(n) = rest[..digits].parse::<u32>() else {
        return Err(format!("'{t}' is too far away"));
    };
    let far = || format!("'{t}' is too far away");
    let shift_days = |days: u64| {
        if back {
            today.checked_sub_days(Days::new(days))
        } else {
            today.checked_add_days(Days::new(days))
        }
    };
    let d = match rest[digits..].trim() {
        "" | "d" | "day" | "days" => shift_days(n.into()),
        "w" | "wk" | "week" | "weeks" => shift_days(u64::from(n) * 7),
        "m" | "mo" | "month" | "months" => {
            if back {
                today.checked_sub_months(Months::new(n))
            } else {
                today.checked_add_months(Months::new(n))
            }
        }
        "y" | "year" | "years" => {
            let m = n.checked_mul(12).ok_or_else(far)?;
            if back {
                today.checked_sub_months(Months::new(m))
            } else {
                today.checked_add_months(Months::new(m))
            }
        }
        // `5 jan` and `5-jan` are a day and a month.
        _ => return Ok(None),
    };
    let d = d.filter(|d| super::date::writable(*d)).ok_or_else(far)?;
    Ok(Some(d))
}

fn month(t: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = t.trim_end_matches('.');
    (t.len() >= 3)
        .then(|| MONTHS.iter().position(|m| m.starts_with(t)))
        .flatten()
        .map(|i| i as u32 + 1)
}

/// `5 jan`, `jan 5`, `5-jan`, `5 january`, `jan. 5th`.
fn day_month(t: &str) -> Option<(u32, u32)> {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    match words.as_slice() {
        [a, b] => match (day(a), month(b), month(a), day(b)) {
            (Some(d), Some(m), ..) | (_, _, Some(m), Some(d)) => Some((d, m)),
            _ => None,
        },
        _ => None,
    }
}

/// The day `day` of `month` nearest to today in the direction asked: this
/// year's or last year's (`Back`, today included), this year's or next
/// year's (`Ahead`, after today).
fn nearest_day_month(today: NaiveDate, day: u32, month: u32, toward: Toward) -> Option<NaiveDate> {
    // 29 Feb comes back only in a leap year: up to eight years away.
    let step = if toward == Toward::Back { -1 } else { 1 };
    let mut candidates = (0..=8).filter_map(|n| NaiveDate::from_ymd_opt(today.year() + step * n, month, day));
    match toward {
        Toward::Back => candidates.find(|d| *d <= today),
        Toward::Ahead => candidates.find(|d| *d > today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    /// 2026-11-20 is a Friday.
    fn back(s: &str) -> String {
        parse_day(s, on("2026-11-20"), Toward::Back)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e)
    }

    fn ahead(s: &str) -> String {
        parse_day(s, on("2026-11-20"), Toward::Ahead)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn words_and_counts() {
        assert_eq!(back("today"), "2026-11-20");
        assert_eq!(back(" Yesterday "), "2026-11-19");
        assert_eq!(ahead("tomorrow"), "2026-11-21");
        assert_eq!(back("3d"), "2026-11-17");
        assert_eq!(back("3"), "2026-11-17");
        assert_eq!(back("-3d"), "2026-11-17");
        assert_eq!(back("3 days ago"), "2026-11-17");
        assert_eq!(back("2w"), "2026-11-06");
        assert_eq!(back("1m"), "2026-10-20");
        assert_eq!(ahead("3"), "2026-11-23");
        assert_eq!(ahead("2w"), "2026-12-04");
        assert_eq!(ahead("in 2 weeks"), "2026-12-04");
        assert_eq!(ahead("1m"), "2026-12-20");
        assert_eq!(ahead("+1y"), "2027-11-20");
        assert!(ahead("99999999999d").contains("too far"));
        assert!(ahead("99999y").contains("too far"));
    }

    #[test]
    fn weekdays_are_the_last_one_back_and_the_next_one_ahead() {
        assert_eq!(back("fri"), "2026-11-13", "today is a Friday: the one before");
        assert_eq!(back("thursday"), "2026-11-19");
        assert_eq!(back("mon"), "2026-11-16");
        assert_eq!(ahead("fri"), "2026-11-27");
        assert_eq!(ahead("Mon"), "2026-11-23");
        assert_eq!(ahead("sat"), "2026-11-21");
    }

    #[test]
    fn what_happened_is_not_after_today() {
        let today = on("2026-11-20");
        assert_eq!(happened("yesterday", today).unwrap().to_string(), "2026-11-19");
        assert!(happened("2027-01-05", today).unwrap_err().contains("after today"));
        assert!(happened("tomorrow", today).unwrap_err().contains("after today"));
    }

    #[test]
    fn iso_and_day_month() {
        assert_eq!(back("2026-11-02"), "2026-11-02");
        assert!(back("2026-02-30").contains("no day 30"));
        assert_eq!(back("5 nov"), "2026-11-05");
        assert_eq!(back("Nov 5"), "2026-11-05");
        assert_eq!(back("5-nov"), "2026-11-05");
        assert_eq!(back("20 nov"), "2026-11-20", "today counts as back");
        assert_eq!(
            back("5 dec"),
            "2025-12-05",
            "a day still ahead this year is last year's"
        );
        assert_eq!(ahead("5 jan"), "2027-01-05");
        assert_eq!(ahead("5 dec"), "2026-12-05");
        assert_eq!(back("29 feb"), "2024-02-29");
        assert!(back("31 feb").contains("not a day"));
        assert!(back("friyay").contains("not a day"));
        assert!(back("").contains("Give a day"));
    }
}
