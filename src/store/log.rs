//! `gestures.jsonl`: the gesture log, one JSON object per line, appended.
//! Fields a line has that this version does not know are kept.

use crate::domain::{Direction, Gesture, Kind, Outcome, parse_date};
use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::fmt;

/// A problem on one line (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What the log holds.
#[derive(Debug, Clone, Default)]
pub struct LogFile {
    pub gestures: Vec<Gesture>,
    /// A last line cut short by a crash mid-append: not a gesture, set aside.
    pub torn_tail: Option<TornTail>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    /// Byte offset where the torn line starts (the good part's length).
    pub offset: usize,
    pub line: usize,
    pub text: String,
}

/// Parses the log. A last line with no newline that does not parse is a torn
/// append and is set aside; any other bad line is an error. Every bad line
/// is reported, not just the first.
pub fn parse(text: &str) -> Result<LogFile, Vec<LineProblem>> {
    let mut out = LogFile {
        gestures: Vec::with_capacity(text.len() / 110 + 1),
        torn_tail: None,
    };
    let mut problems = Vec::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate().peekable();
    while let Some((i, raw)) = lines.next() {
        let start = offset;
        offset += raw.len();
        let complete = raw.ends_with('\n');
        let line = raw.trim_end_matches(['\n', '\r']);
        // A byte-order mark that an editor put at the start of the file is
        // not part of the first gesture.
        let line = if i == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line) {
            Ok(g) => out.gestures.push(g),
            Err(p) if !complete && lines.peek().is_none() => {
                let _ = p;
                out.torn_tail = Some(TornTail {
                    offset: start,
                    line: i + 1,
                    text: line.to_string(),
                });
            }
            Err((column, message)) => problems.push(LineProblem {
                line: i + 1,
                column,
                message,
            }),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Parses one line; on error gives the column and a message.
pub fn parse_line(line: &str) -> Result<Gesture, (usize, String)> {
    serde_json::from_str::<Record>(line).map(|r| r.0).map_err(|e| {
        let msg = e.to_string();
        // serde_json appends " at line L column C"; the position is reported apart.
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m)
            .to_string();
        let msg = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("the line is not a valid JSON object ({msg})")
            }
            _ => msg,
        };
        (e.column().max(1), msg)
    })
}

/// One gesture as a log line (no newline).
pub fn render_line(g: &Gesture) -> String {
    serde_json::to_string(g).expect("a gesture always serializes")
}

struct Record(Gesture);

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a gesture object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut id = None;
        let mut date = None;
        let mut contact = None;
        let mut kind = None;
        let mut dir = None;
        let mut note = None;
        let mut value = None;
        let mut outcome = None;
        let mut re = None;
        let mut extra = serde_json::Map::new();
        // Keys and the short enum-like values are borrowed from the line, not
        // copied: a log of 100,000 lines would otherwise make a million small
        // strings only to compare and drop them.
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            match key.as_ref() {
                "id" => id = Some(map.next_value::<String>()?),
                "date" => {
                    let Text(s) = map.next_value()?;
                    date = Some(date_of(&s).map_err(de::Error::custom)?);
                }
                "contact" => contact = Some(map.next_value::<String>()?),
                "kind" => {
                    let Text(s) = map.next_value()?;
                    kind = Some(kind_of(&s).map_err(de::Error::custom)?);
                }
                "dir" => {
                    let Text(s) = map.next_value()?;
                    dir = Some(s.parse::<Direction>().map_err(de::Error::custom)?);
                }
                "note" => note = map.next_value::<Option<String>>()?,
                "value" => {
                    let v: Option<f64> = map.next_value()?;
                    if let Some(x) = v
                        && !x.is_finite()
                    {
                        return Err(de::Error::custom("`value` must be a finite number"));
                    }
                    value = v;
                }
                "outcome" => {
                    let s: Option<Text> = map.next_value()?;
                    outcome = s
                        .map(|s| s.0.parse::<Outcome>())
                        .transpose()
                        .map_err(de::Error::custom)?;
                }
                "re" => re = map.next_value::<Option<String>>()?,
                other => {
                    let v: serde_json::Value = map.next_value()?;
                    extra.insert(other.to_string(), v);
                }
            }
        }
        let missing = |f: &str| de::Error::custom(format!("the gesture has no `{f}`"));
        let id: String = id.ok_or_else(|| missing("id"))?;
        if id.trim().is_empty() {
            return Err(de::Error::custom("the gesture has an empty `id`"));
        }
        Ok(Record(Gesture {
            id,
            date: date.ok_or_else(|| missing("date"))?,
            contact: contact.ok_or_else(|| missing("contact"))?,
            kind: kind.ok_or_else(|| missing("kind"))?,
            dir: dir.unwrap_or_default(),
            note,
            value,
            outcome,
            re,
            extra,
        }))
    }
}

/// A string from the line: borrowed when it has no escapes, so reading it
/// allocates nothing. (serde's own `Cow<str>` always copies.)
struct Text<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v)))
    }
}

/// `parse_date`, with a quick path for the `YYYY-MM-DD` every line has;
/// anything else (and every error) goes the usual way.
fn date_of(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10) {
        let n = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
        if let Some(d) = NaiveDate::from_ymd_opt(n(0..4) as i32, n(5..7), n(8..10)) {
            return Ok(d);
        }
    }
    parse_date(s)
}

/// A kind as rapport writes it, or whatever else `Kind::from_str` accepts.
fn kind_of(s: &str) -> Result<Kind, String> {
    match Kind::ALL.iter().copied().find(|k| k.as_str() == s) {
        Some(k) => Ok(k),
        None => s.parse(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"id":"g-1","date":"2026-11-20","contact":"dana-lee","kind":"referral","dir":"received","note":"M.O., custody","mood":"great"}"#;

    #[test]
    fn a_byte_order_mark_at_the_start_is_not_part_of_the_first_line() {
        let f = parse(&format!("\u{feff}{LINE}\n{LINE}\n")).unwrap();
        assert_eq!(f.gestures.len(), 2);
        assert_eq!(f.gestures[0], f.gestures[1]);
        // Anywhere else it is still an error, with its place.
        let bad = parse(&format!("{LINE}\n\u{feff}{LINE}\n")).unwrap_err();
        assert_eq!(bad[0].line, 2);
        // A torn last line keeps its byte offset in the file as it is.
        let torn = parse(&format!("\u{feff}{LINE}\n{{\"id\"")).unwrap();
        assert_eq!(torn.torn_tail.unwrap().offset, 3 + LINE.len() + 1);
    }

    #[test]
    fn keeps_unknown_fields_and_renders_them_back() {
        let g = parse_line(LINE).unwrap();
        assert_eq!(g.kind, Kind::Referral);
        assert_eq!(g.extra.get("mood").and_then(|v| v.as_str()), Some("great"));
        assert_eq!(render_line(&g), LINE);
    }

    #[test]
    fn re_is_a_field_of_its_own_and_written_only_when_set() {
        let line =
            r#"{"id":"g-2","date":"2026-11-21","contact":"dana-lee","kind":"thank-you","dir":"given","re":"g-1"}"#;
        let g = parse_line(line).unwrap();
        assert_eq!(g.re.as_deref(), Some("g-1"));
        assert!(g.extra.is_empty(), "re is not an unknown field");
        assert_eq!(render_line(&g), line);
        let plain = parse_line(LINE).unwrap();
        assert_eq!(plain.re, None);
        assert!(!render_line(&plain).contains("\"re\""));
        let e = parse_line(&line.replace(r#""g-1""#, "7")).unwrap_err();
        assert!(e.1.contains("expected a string"), "{}", e.1);
    }

    #[test]
    fn torn_last_line_is_set_aside() {
        let text = format!("{LINE}\n{{\"id\":\"g-2\",\"da");
        let f = parse(&text).unwrap();
        assert_eq!(f.gestures.len(), 1);
        assert_eq!(f.torn_tail.as_ref().unwrap().offset, LINE.len() + 1);
    }

    #[test]
    fn bad_line_in_the_middle_is_an_error_with_position() {
        let bad = LINE.replace("referral", "bribe");
        let text = format!("{LINE}\n{bad}\n{LINE}\n");
        let e = parse(&text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 2);
        assert!(
            e[0].message.contains("unknown gesture kind 'bribe'"),
            "{}",
            e[0].message
        );
        assert!(e[0].column > 1);
    }

    #[test]
    fn quick_paths_agree_with_the_full_parsers() {
        for s in [
            "2026-11-20",
            "2024-02-29",
            "0001-01-01",
            "9999-12-31",
            " 2026-11-20",
            "+026-11-20",
        ] {
            assert_eq!(date_of(s), parse_date(s), "{s}");
        }
        for s in ["2026-02-30", "2026-13-01", "2026-1-01", "20261120", "2026-11-2x", ""] {
            assert!(date_of(s).is_err(), "{s}");
            assert_eq!(date_of(s), parse_date(s), "{s}");
        }
        for &k in Kind::ALL {
            assert_eq!(kind_of(k.as_str()), Ok(k));
        }
        assert_eq!(kind_of("Thanks"), Ok(Kind::ThankYou));
        assert!(kind_of("bribe").is_err());
    }

    #[test]
    fn escaped_keys_and_values_still_read() {
        let line = r#"{"id":"g-1","d\u0061te":"2026-11-20","contact":"dana-lee","kind":"c\u0061ll","note":"a \"quoted\" note"}"#;
        let g = parse_line(line).unwrap();
        assert_eq!(g.kind, Kind::Call);
        assert_eq!(g.note.as_deref(), Some("a \"quoted\" note"));
        let e = parse_line(r#"{"id":"g-1","date":20261120,"contact":"x","kind":"call"}"#).unwrap_err();
        assert!(e.1.contains("expected a string"), "{}", e.1);
    }

    #[test]
    fn impossible_date_is_an_error() {
        let bad = LINE.replace("2026-11-20", "2026-02-30");
        let e = parse(&format!("{bad}\n")).unwrap_err();
        assert!(e[0].message.contains("no day 30"), "{}", e[0].message);
    }
}
