//! Dates as rapport reads them: full dates and yearly dates (birthdays).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A day as a person reads it: "Tue 14 Nov", with the year when it is
/// not today's ("Tue 14 Nov 2028").
pub fn day_label(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

/// A short date: "14 Nov", or "14 Nov 2028" in another year than today's.
pub fn short_label(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

/// The first day of the 12 months that end today.
pub fn year_start(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN) + chrono::Days::new(1)
}

/// True if `date` falls in the 12 months that end `today`.
pub fn in_last_year(date: NaiveDate, today: NaiveDate) -> bool {
    date >= year_start(today) && date <= today
}

/// How many of `dates` (oldest first) fall in the 12 months that end `today`.
pub fn count_in_last_year(dates: &[NaiveDate], today: NaiveDate) -> u32 {
    let from = dates.partition_point(|&d| d < year_start(today));
    let to = dates.partition_point(|&d| d <= today);
    to.saturating_sub(from) as u32
}

/// True if `d` has a year of four digits, as every file rapport writes
/// spells it; an importer keeps no date outside that range.
pub fn writable(d: NaiveDate) -> bool {
    (0..=9999).contains(&d.year())
}

/// Parses a `YYYY-MM-DD` date, rejecting impossible ones like 2026-02-30.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let bad = || format!("'{s}' is not a valid date (expected YYYY-MM-DD)");
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let y: i32 = parts[0].parse().map_err(|_| bad())?;
    let m: u32 = parts[1].parse().map_err(|_| bad())?;
    let d: u32 = parts[2].parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        if (1..=12).contains(&m) {
            format!("'{s}' is not a valid date: month {m} of {y} has no day {d}")
        } else {
            format!("'{s}' is not a valid date: there is no month {m}")
        }
    })
}

/// A date that comes back every year: a birthday, an anniversary.
/// Written `MM-DD`, or `YYYY-MM-DD` when the year is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearlyDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl YearlyDate {
    /// The yearly date `month`-`day` (of `year`, when known), if it is one
    /// that rapport can write and read back: a real day, and a year of four
    /// digits. Every importer builds its dates here.
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<Self> {
        let real = match year {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day).is_some_and(writable),
            // 2000 is a leap year, so 02-29 is accepted without a year.
            None => NaiveDate::from_ymd_opt(2000, month, day).is_some(),
        };
        real.then_some(YearlyDate { year, month, day })
    }

    /// Parses `MM-DD` or `YYYY-MM-DD`. `02-29` is allowed without a year.
    pub fn parse(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [m, d] if m.len() == 2 && d.len() == 2 => {
                let bad = || format!("'{t}' is not a valid date (expected MM-DD or YYYY-MM-DD)");
                let month: u32 = m.parse().map_err(|_| bad())?;
                let day: u32 = d.parse().map_err(|_| bad())?;
                // 2000 is a leap year, so 02-29 is accepted here.
                if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                    return Err(format!("'{t}' is not a valid date: no such month and day"));
                }
                Ok(YearlyDate { year: None, month, day })
            }
            [_, _, _] => {
                let d = parse_date(t)?;
                Ok(YearlyDate {
                    year: Some(d.year()),
                    month: d.month(),
                    day: d.day(),
                })
            }
            _ => Err(format!("'{t}' is not a valid date (expected MM-DD or YYYY-MM-DD)")),
        }
    }

    /// The date this falls on in `year`; 29 February becomes 28 February in
    /// years that have none.
    pub fn in_year(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, 28))
            .expect("month and day were validated when parsed")
    }

    /// The first occurrence on or after `today`.
    pub fn next_on_or_after(&self, today: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(today.year());
        if this_year >= today {
            this_year
        } else {
            self.in_year(today.year() + 1)
        }
    }
}

impl fmt::Display for YearlyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "{:02}-{:02}", self.month, self.day),
        }
    }
}

impl Serialize for YearlyDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearlyDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YearlyDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse_date("2026-02-30").unwrap_err().contains("no day 30"));
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("26-1-1").is_err());
        assert!(YearlyDate::parse("02-30").is_err());
    }

    #[test]
    fn leap_day_falls_on_28_feb_in_other_years() {
        let b = YearlyDate::parse("02-29").unwrap();
        assert_eq!(b.in_year(2027), d("2027-02-28"));
        assert_eq!(b.in_year(2028), d("2028-02-29"));
        assert_eq!(b.next_on_or_after(d("2026-03-01")), d("2027-02-28"));
    }

    #[test]
    fn the_last_year_starts_the_day_after_a_year_ago() {
        let today = d("2026-11-20");
        assert_eq!(year_start(today), d("2025-11-21"));
        assert!(in_last_year(d("2025-11-21"), today) && !in_last_year(d("2025-11-20"), today));
        assert!(!in_last_year(d("2026-11-21"), today), "tomorrow is not in it");
        let dates = [d("2025-11-20"), d("2025-11-21"), d("2026-11-20"), d("2026-11-21")];
        assert_eq!(count_in_last_year(&dates, today), 2);
    }

    #[test]
    fn round_trips_text() {
        for s in ["04-15", "1980-04-15"] {
            assert_eq!(YearlyDate::parse(s).unwrap().to_string(), s);
        }
    }
}
