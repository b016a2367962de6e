//! Address books and calendars in and out: vCard and CSV imports, vCard,
//! iCalendar, JSON and vdir exports.
//!
//! Pure conversions between bytes and the domain: reading the file and
//! writing the result is the command's job (`cli::interop_cmd`), so an import
//! is parsed and merged entirely in memory before anything is written.
//!
//! vCard property syntax (unfolding, quoted-printable, CHARSET, escapes,
//! parameters) is read by the `calcard` crate. Around it sits a small
//! pre-pass of our own ([`vcard`]) that does what calcard cannot: decode
//! raw bytes in legacy charsets (calcard takes `&str`), find card boundaries
//! (nested cards, a BEGIN without END) with line numbers for messages, and
//! repair the vCard 3 `--MM-DD` birthday form that calcard reads without the
//! day.

pub mod calendar;
pub mod charset;
pub mod csv_import;
pub mod extras;
pub mod ics;
pub mod mail;
pub mod merge;
pub mod qp;
pub mod restore;
pub mod touches;
pub mod vcard;
pub mod vdir;
pub mod write;

use crate::domain::partner::LabelledDate;
use crate::domain::{Book, Gesture, Partner, YearlyDate};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    Vcard,
    Csv,
}

impl ImportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Vcard => "vcard",
            ImportFormat::Csv => "csv",
        }
    }
}

impl FromStr for ImportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vcard" | "vcf" => Ok(ImportFormat::Vcard),
            "csv" => Ok(ImportFormat::Csv),
            other => Err(format!("unknown import format '{other}' (expected vcard or csv)")),
        }
    }
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Vcard,
    Ics,
    Json,
    Vdir,
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vcard" | "vcf" => Ok(ExportFormat::Vcard),
            "ics" | "ical" | "icalendar" => Ok(ExportFormat::Ics),
            "json" => Ok(ExportFormat::Json),
            "vdir" => Ok(ExportFormat::Vdir),
            other => Err(format!(
                "unknown export format '{other}' (expected vcard, ics, json or vdir)"
            )),
        }
    }
}

/// Guesses the format from the file name, then from the content: anything
/// with a `BEGIN:VCARD` line is a vCard, everything else is read as CSV.
pub fn guess_format(file_name: &str, bytes: &[u8]) -> ImportFormat {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".vcf") || lower.ends_with(".vcard") {
        return ImportFormat::Vcard;
    }
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        return ImportFormat::Csv;
    }
    let head = charset::decode_whole(&bytes[..bytes.len().min(64 * 1024)]).0;
    let is_vcard = head.lines().any(|l| {
        l.trim()
            .trim_start_matches('\u{feff}')
            .eq_ignore_ascii_case("BEGIN:VCARD")
    });
    if is_vcard {
        ImportFormat::Vcard
    } else {
        ImportFormat::Csv
    }
}

/// One sentence naming what a file that is not an address book looks like,
/// for the kinds people try: a calendar, an archive, a spreadsheet, XML.
pub fn sniff_other_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = charset::decode_whole(&bytes[..bytes.len().min(4096)]).0;
    let first = head.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let first = first.trim_start_matches('\u{feff}').to_ascii_uppercase();
    if first == "BEGIN:VCALENDAR" {
        Some(
            "this is an iCalendar file (calendar events), not an address book; for meetings with partners use --touches (rapport imports contacts from vCard, CSV or its own JSON export)",
        )
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(
            "this is a ZIP archive (perhaps a spreadsheet); unpack it, or save the sheet as CSV, and import the file inside",
        )
    } else if first.starts_with("<?XML") {
        Some("this is an XML file; rapport imports contacts from vCard, CSV or its own JSON export")
    } else {
        None
    }
}

/// One contact read from a file, before it is matched against the book.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incoming {
    /// Where it came from, for messages: `card 3 (line 41)`, `row 2 (line 3)`.
    pub source: String,
    pub name: String,
    pub org: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub tags: Vec<String>,
    pub birthday: Option<YearlyDate>,
    pub dates: Vec<LabelledDate>,
    pub notes: Option<String>,
    pub uid: Option<String>,
    /// N's five parts (family, given, additional, prefixes, suffixes) as
    /// the card wrote them, so an export gives them back.
    pub n: Option<Vec<String>>,
    /// An organisation's card rather than a person's.
    pub is_org: bool,
    /// Phones with their TYPE (`fax`, `work,cell`), as written.
    pub phone_types: Vec<(String, String)>,
    /// When the connection began, when the file says (LinkedIn's
    /// "Connected On").
    pub since: Option<NaiveDate>,
}

/// A card or row that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    pub source: String,
    pub reason: String,
}

/// What a file held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub contacts: Vec<Incoming>,
    pub skipped: Vec<Skip>,
    /// Values that were left out of an imported contact (a birthday that is
    /// not a date), worth telling the user.
    pub notes: Vec<Skip>,
    /// The character encoding the file was read in.
    pub encoding: &'static str,
}

/// A file that cannot be imported at all. `at` names the card or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub at: Option<String>,
    pub message: String,
}

impl FormatError {
    pub fn new(at: Option<String>, message: impl Into<String>) -> Self {
        FormatError {
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FormatError {}

/// Reads a whole import file in the given format.
pub fn parse(format: ImportFormat, bytes: &[u8]) -> Result<Parsed, FormatError> {
    match format {
        ImportFormat::Vcard => vcard::parse(bytes),
        ImportFormat::Csv => csv_import::parse(bytes),
    }
}

/// Collapses runs of whitespace to one space and trims.
pub fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Some(cleaned)` unless it is empty.
pub fn non_empty(s: &str) -> Option<String> {
    let c = clean(s);
    (!c.is_empty()).then_some(c)
}

/// An e-mail address as stored: `mailto:` dropped, trimmed; `None` for
/// anything without an `@`.
pub fn email(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(t, |_| &t[7..])
        .trim();
    (t.contains('@') && !t.contains(char::is_whitespace)).then(|| t.to_string())
}

/// A phone number as stored: a `tel:` URI prefix dropped, whitespace cleaned.
pub fn phone(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("tel:"))
        .map_or(t, |_| &t[4..]);
    let t = clean(t);
    t.chars().any(|c| c.is_ascii_digit()).then_some(t)
}

/// Address-book system groups that say nothing about the person.
fn is_system_group(tag: &str) -> bool {
    let f = tag.trim().to_ascii_lowercase();
    f.starts_with("* ")
        || matches!(
            f.as_str(),
            "mycontacts" | "my contacts" | "starred" | "starred in android" | "contacts"
        )
}

/// A tag as stored, or `None` for empty ones and system groups.
pub fn tag(s: &str) -> Option<String> {
    let t = clean(s);
    (!t.is_empty() && !is_system_group(&t)).then_some(t)
}

/// Adds `v` to `list` unless an equal one (ignoring case) is there.
pub fn push_unique(list: &mut Vec<String>, v: String) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(&v)) {
        list.push(v);
    }
}

/// A date as address books write it, read leniently into a yearly date:
/// `YYYY-MM-DD`, `YYYYMMDD`, `--MM-DD`, `--MMDD`, `MM-DD`, `YYYY/MM/DD`,
/// `M/D/YYYY` (Outlook, US order), `D.M.YYYY`, `15 Jan 1980`, and date-times
/// (only the date part counts). Year 0 and Apple's 1604 mean "no year".
/// `None` for anything else, and for Outlook's `0/0/00` (no date).
pub fn parse_loose_date(s: &str) -> Option<YearlyDate> {
    parse_loose_date_in(s, false)
}

/// True for a `D/M/Y` date that cannot be month-first (`20/02/1992`): a
/// file holding one writes its dates day first.
pub fn is_day_first(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('/').collect();
    match parts.as_slice() {
        [a, b, y] if y.len() >= 2 => {
            let (a, b) = (a.trim().parse::<u32>(), b.trim().parse::<u32>());
            matches!((a, b), (Ok(a), Ok(b)) if a > 12 && (1..=12).contains(&b))
        }
        _ => false,
    }
}

/// [`parse_loose_date`], reading `a/b/yyyy` day first when `day_first`.
pub fn parse_loose_date_in(s: &str, day_first: bool) -> Option<YearlyDate> {
    let t = s.trim();
    // A date-time: keep the date part.
    let t = match t.find('T') {
        Some(i)
            if t[..i].ends_with(|c: char| c.is_ascii_digit())
                && t[i + 1..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            &t[..i]
        }
        _ => t,
    };
    let t = t.split_whitespace().collect::<Vec<_>>();
    let t = match t.as_slice() {
        [one] => *one,
        [a, b, c] => return named_month_date(a, b, c),
        [one, _time] => *one,
        _ => return None,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| -> Option<u32> { if digits(s) { s.parse().ok() } else { None } };
    let make = |y: Option<i32>, m: u32, d: u32| -> Option<YearlyDate> {
        YearlyDate::new(y.filter(|&y| y != 0 && y != 1604), m, d)
    };
    if let Some(rest) = t.strip_prefix("--") {
        // --MMDD or --MM-DD
        let rest = rest.replace('-', "");
        if rest.len() == 4 && digits(&rest) {
            return make(None, num(&rest[..2])?, num(&rest[2..])?);
        }
        return None;
    }
    if t.len() == 8 && digits(t) {
        return make(Some(num(&t[..4])? as i32), num(&t[4..6])?, num(&t[6..])?);
    }
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = t.split(sep).collect();
        if parts.len() < 2 || !parts.iter().all(|p| digits(p)) {
            continue;
        }
        return match (sep, parts.as_slice()) {
            (_, [y, m, d]) if y.len() == 4 => make(Some(num(y)? as i32), num(m)?, num(d)?),
            ('-', [m, d]) if m.len() == 2 && d.len() == 2 => make(None, num(m)?, num(d)?),
            ('/', [m, d, y]) => {
                let (m, d) = (num(m)?, num(d)?);
                // Month first, as Outlook writes it, unless the file writes
                // day first or that is impossible.
                let (m, d) = if d <= 12 && (day_first || m > 12) {
                    (d, m)
                } else {
                    (m, d)
                };
                make(full_year(y)?, m, d)
            }
            ('.', [d, m, y]) => make(full_year(y)?, num(m)?, num(d)?),
            _ => None,
        };
    }
    None
}

/// A year from 2 or 4 digits; `Some(None)` for "no year" (0, 00, 0000).
fn full_year(y: &str) -> Option<Option<i32>> {
    let n: i32 = y.parse().ok()?;
    match (y.len(), n) {
        (_, 0) => Some(None),
        (4, n) => Some(Some(n)),
        // Two-digit years: a birthday is in the past.
        (2, n) if n <= 30 => Some(Some(2000 + n)),
        (2, n) => Some(Some(1900 + n)),
        _ => None,
    }
}

/// `15 Jan 1980`.
fn named_month_date(d: &str, m: &str, y: &str) -> Option<YearlyDate> {
    let date = NaiveDate::parse_from_str(&format!("{d} {m} {y}"), "%d %b %Y").ok()?;
    YearlyDate::new(Some(date.year()), date.month(), date.day())
}

/// Everything, for scripts and backups: `rapport export --format json`.
#[derive(Debug, Serialize)]
pub struct Backup<'a> {
    pub format: &'static str,
    pub schema_version: i64,
    pub exported_on: NaiveDate,
    pub contacts: &'a [Partner],
    pub gestures: &'a [Gesture],
    pub snoozes: &'a BTreeMap<String, NaiveDate>,
}

/// The JSON export of the whole data folder.
pub fn backup_json(book: &Book, snoozes: &BTreeMap<String, NaiveDate>, today: NaiveDate) -> String {
    let b = Backup {
        format: "rapport-export",
        schema_version: crate::store::contacts::SCHEMA_VERSION,
        exported_on: today,
        contacts: &book.partners,
        gestures: &book.gestures,
        snoozes,
    };
    let mut s = serde_json::to_string_pretty(&b).expect("partners and gestures always serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yd(s: &str) -> Option<String> {
        parse_loose_date(s).map(|d| d.to_string())
    }

    #[test]
    fn loose_dates() {
        assert_eq!(yd("1980-03-22").as_deref(), Some("1980-03-22"));
        assert_eq!(yd("19800322").as_deref(), Some("1980-03-22"));
        assert_eq!(yd("--0203").as_deref(), Some("02-03"));
        assert_eq!(yd("--02-03").as_deref(), Some("02-03"));
        assert_eq!(yd("02-29").as_deref(), Some("02-29"));
        assert_eq!(yd("1953-10-15T23:10:00Z").as_deref(), Some("1953-10-15"));
        assert_eq!(yd("19531015T231000Z").as_deref(), Some("1953-10-15"));
        assert_eq!(yd("3/22/1980").as_deref(), Some("1980-03-22"));
        assert_eq!(yd("22/3/1980").as_deref(), Some("1980-03-22"));
        assert_eq!(yd("22.03.1980").as_deref(), Some("1980-03-22"));
        assert_eq!(yd("1604-03-22").as_deref(), Some("03-22"));
        assert_eq!(yd("0000-03-22").as_deref(), Some("03-22"));
        assert_eq!(yd("15 Jan 2023").as_deref(), Some("2023-01-15"));
        assert_eq!(yd("1 Oct 1980").as_deref(), Some("1980-10-01"));
        assert_eq!(yd("1980-03-22 00:00:00").as_deref(), Some("1980-03-22"));
        for bad in ["0/0/00", "circa 1800", "", "--1301", "2026-02-30", "--", "T", "12"] {
            assert_eq!(yd(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails_phones_tags() {
        assert_eq!(email(" MAILTO:a@b.c ").as_deref(), Some("a@b.c"));
        assert_eq!(email("ÑÑÑ"), None);
        assert_eq!(
            phone("tel:+1-418-656-9254;ext=102").as_deref(),
            Some("+1-418-656-9254;ext=102")
        );
        assert_eq!(phone("BusinessPhone"), None);
        assert_eq!(tag("* myContacts"), None);
        assert_eq!(tag("My Contacts"), None);
        assert_eq!(tag(" friends ").as_deref(), Some("friends"));
    }

    #[test]
    fn formats_parse_and_guess() {
        assert_eq!("VCARD".parse::<ImportFormat>(), Ok(ImportFormat::Vcard));
        assert!("xml".parse::<ImportFormat>().is_err());
        assert_eq!("ics".parse::<ExportFormat>(), Ok(ExportFormat::Ics));
        assert_eq!(guess_format("a.VCF", b""), ImportFormat::Vcard);
        assert_eq!(guess_format("a.txt", b"\r\nbegin:vcard\r\n"), ImportFormat::Vcard);
        assert_eq!(guess_format("a.txt", b"name,email\n"), ImportFormat::Csv);
    }
}
