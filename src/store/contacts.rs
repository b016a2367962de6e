//! `contacts.toml`: one `[[contact]]` table per partner, written sorted by id
//! with a stable key order so the file diffs cleanly under git.

use crate::domain::partner::LabelledDate;
use crate::domain::{Partner, Stage, YearlyDate, parse_date};
use std::collections::HashMap;
use std::fmt::Write as _;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// The schema this version reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

/// A problem at a byte offset of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

/// What a contacts file holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactsFile {
    pub schema_version: i64,
    pub partners: Vec<Partner>,
    /// Unknown keys, kept but worth telling the user about.
    pub warnings: Vec<Problem>,
}

/// Parses the whole file. Returns every problem found, not just the first,
/// so `rapport check` can list them all. The partners come sorted by id.
pub fn parse(text: &str) -> Result<ContactsFile, Vec<Problem>> {
    match parse_in_chunks(text) {
        Some(file) => Ok(file),
        None => parse_whole(text),
    }
}

/// Files smaller than this are parsed in one piece.
const CHUNKED_FROM: usize = 256 * 1024;
/// How many contacts each piece of a large file holds.
const CHUNK: usize = 256;

/// Parses a large file a few hundred contacts at a time. The TOML parser
/// first lists every token and event of the document it is given, about
/// ten times the size of the text, so 10,000 contacts in one piece would
/// take some 60 MB for a moment; in pieces, a few hundred KB.
///
/// Used only where the pieces must mean what the whole means: the file
/// splits at lines that are exactly `[[contact]]`, every other line that
/// starts with `[` opens a table of the current contact, and nothing
/// before the first contact mentions contacts. A split inside a multi-line
/// string leaves the piece before it unterminated, which is a problem. On
/// any problem, or ids repeated across pieces, it gives up (`None`) and
/// the whole file is parsed in one piece, so messages and positions are
/// exactly those of a whole parse.
fn parse_in_chunks(text: &str) -> Option<ContactsFile> {
    if text.len() < CHUNKED_FROM {
        return None;
    }
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if t == "[[contact]]" {
            starts.push(at);
        } else if t.starts_with('[') && !t.starts_with("[contact.") && !t.starts_with("[[contact.") {
            return None;
        }
        at += line.len();
    }
    let first = *starts.first()?;
    let head = &text[..first];
    if head.contains("contact") {
        return None;
    }
    let mut out = parse_whole(head).ok()?;
    if out.schema_version > SCHEMA_VERSION || !out.partners.is_empty() {
        return None;
    }
    let mut bounds: Vec<usize> = starts.iter().step_by(CHUNK).copied().collect();
    bounds.push(text.len());
    let pieces: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    // The pieces are independent: the later half on a second thread.
    let parse_all = |pieces: &[(usize, usize)]| -> Option<Vec<(usize, ContactsFile)>> {
        pieces
            .iter()
            .map(|&(from, end)| parse_whole(&text[from..end]).ok().map(|f| (from, f)))
            .collect()
    };
    let (early, late) = pieces.split_at(pieces.len() / 2);
    let (early, late) = std::thread::scope(|s| {
        let late = s.spawn(|| parse_all(late));
        (
            parse_all(early),
            late.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    for (from, piece) in early?.into_iter().chain(late?) {
        out.partners.extend(piece.partners);
        out.warnings.extend(piece.warnings.into_iter().map(|w| Problem {
            offset: w.offset + from,
            message: w.message,
        }));
    }
    out.partners.sort_by(|a, b| a.id.cmp(&b.id));
    if out.partners.windows(2).any(|w| w[0].id == w[1].id) {
        return None;
    }
    Some(out)
}

fn parse_whole(text: &str) -> Result<ContactsFile, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(vec![Problem {
            offset: 0,
            message: "the file is empty; a contacts file starts with `schema_version = 1` (restore it from backups/ or delete it to start afresh)".into(),
        }]);
    }
    let root = DeTable::parse(text).map_err(|e| {
        vec![Problem {
            offset: e.span().map_or(0, |s| s.start),
            message: clean_toml_message(e.message()),
        }]
    })?;
    let root = root.into_inner();
    let mut problems = Vec::new();
    // A file without the key predates versioning: schema 0.
    let mut out = ContactsFile {
        schema_version: 0,
        ..Default::default()
    };

    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "schema_version" => match value
                .get_ref()
                .as_integer()
                .and_then(|i| i.as_str().parse::<i64>().ok())
            {
                Some(v) => out.schema_version = v,
                None => problems.push(at(value, "`schema_version` must be a whole number")),
            },
            "contact" => {}
            other => out.warnings.push(Problem {
                offset: key.span().start,
                message: format!("unknown top-level key `{other}` is ignored"),
            }),
        }
    }
    // A newer file is refused before anything else is looked at.
    if out.schema_version > SCHEMA_VERSION {
        return Ok(out);
    }

    let Some(contacts) = root.get("contact") else {
        return Ok(out);
    };
    let Some(array) = contacts.get_ref().as_array() else {
        return Err(vec![at(contacts, "`contact` must be a list of [[contact]] tables")]);
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in array.iter() {
        let Some(table) = item.get_ref().as_table() else {
            problems.push(at(item, "each contact must be a [[contact]] table"));
            continue;
        };
        if let Some(idv) = table.get("id")
            && let Some(id) = idv.get_ref().as_str()
        {
            if let Some(first) = seen.get(id) {
                let (line, _) = super::error::line_col(text, *first);
                problems.push(Problem {
                    offset: idv.span().start,
                    message: format!("duplicate id \"{id}\" (first used on line {line}); ids must be unique"),
                });
            } else {
                seen.insert(id.to_string(), idv.span().start);
            }
        }
        match partner_from(table, item.span().start, &mut out.warnings) {
            Ok(p) => out.partners.push(p),
            Err(mut e) => problems.append(&mut e),
        }
    }
    if problems.is_empty() {
        out.partners.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    } else {
        problems.sort_by_key(|p| p.offset);
        Err(problems)
    }
}

/// toml's messages sometimes run over several lines; keep the first.
fn clean_toml_message(m: &str) -> String {
    m.lines()
        .next()
        .unwrap_or("invalid TOML")
        .trim()
        .trim_end_matches('.')
        .to_string()
}

fn at(v: &Spanned<DeValue<'_>>, message: impl Into<String>) -> Problem {
    Problem {
        offset: v.span().start,
        message: message.into(),
    }
}

fn text_field(key: &str, v: &Spanned<DeValue<'_>>) -> Result<String, Problem> {
    v.get_ref()
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| at(v, format!("`{key}` must be a string, not {}", type_name(v.get_ref()))))
}

fn list_field(key: &str, v: &Spanned<DeValue<'_>>) -> Result<Vec<String>, Problem> {
    // A single string is accepted where a list is expected.
    if let Some(s) = v.get_ref().as_str() {
        return Ok(vec![s.to_string()]);
    }
    let Some(arr) = v.get_ref().as_array() else {
        return Err(at(
            v,
            format!("`{key}` must be a list of strings, not {}", type_name(v.get_ref())),
        ));
    };
    arr.iter().map(|e| text_field(key, e)).collect()
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn partner_from(table: &DeTable<'_>, start: usize, warnings: &mut Vec<Problem>) -> Result<Partner, Vec<Problem>> {
    let mut p = Partner::default();
    let mut problems = Vec::new();
    let mut push = |r: Result<(), Problem>| {
        if let Err(e) = r {
            problems.push(e)
        }
    };
    for (key, v) in table.iter() {
        let k = key.get_ref().as_ref();
        let r: Result<(), Problem> = (|| {
            match k {
                "id" => p.id = text_field(k, v)?,
                "name" => p.name = text_field(k, v)?,
                "org" => p.org = Some(text_field(k, v)?),
                "role" => p.role = Some(text_field(k, v)?),
                "clientele" => p.clientele = Some(text_field(k, v)?),
                "notes" => p.notes = Some(text_field(k, v)?),
                "uid" => p.uid = Some(text_field(k, v)?),
                "emails" => p.emails = list_field(k, v)?,
                "phones" => p.phones = list_field(k, v)?,
                "tags" => p.tags = list_field(k, v)?,
                "stage" => p.stage = text_field(k, v)?.parse::<Stage>().map_err(|m| at(v, m))?,
                "cadence_days" => {
                    let n = v
                        .get_ref()
                        .as_integer()
                        .and_then(|i| i.as_str().parse::<i64>().ok())
                        .ok_or_else(|| {
                            at(
                                v,
                                format!(
                                    "`cadence_days` must be a whole number of days, not {}",
                                    type_name(v.get_ref())
                                ),
                            )
                        })?;
                    let n = u32::try_from(n).map_err(|_| at(v, "`cadence_days` must be 0 or more"))?;
                    p.cadence_days = Some(n);
                }
                "birthday" => p.birthday = Some(yearly(k, v)?),
                "since" => {
                    let s = match v.get_ref() {
                        DeValue::Datetime(d) => d.to_string(),
                        DeValue::String(s) => s.to_string(),
                        other => {
                            return Err(at(
                                v,
                                format!("`since` must be a date like 2024-03-05, not {}", type_name(other)),
                            ));
                        }
                    };
                    p.since = Some(parse_date(&s).map_err(|m| at(v, format!("`since`: {m}")))?);
                }
                "archived" => {
                    p.archived = v
                        .get_ref()
                        .as_bool()
                        .ok_or_else(|| at(v, "`archived` must be true or false"))?
                }
                "dates" => {
                    let arr = v.get_ref().as_array().ok_or_else(|| {
                        at(
                            v,
                            "`dates` must be a list like [{ label = \"anniversary\", date = \"06-01\" }]",
                        )
                    })?;
                    for e in arr.iter() {
                        let t = e.get_ref().as_table().ok_or_else(|| {
                            at(e, "each entry of `dates` must be a table like { label = \"anniversary\", date = \"06-01\" }")
                        })?;
                        let label = t.get("label").map(|l| text_field("label", l)).transpose()?;
                        let date = t.get("date").map(|d| yearly("date", d)).transpose()?;
                        match (label, date) {
                            (Some(label), Some(date)) => p.dates.push(LabelledDate { label, date }),
                            _ => return Err(at(e, "each entry of `dates` needs a `label` and a `date`")),
                        }
                    }
                }
                _ => {
                    let value = toml::Value::deserialize_from(v.clone()).map_err(|m| at(v, m))?;
                    warnings.push(Problem {
                        offset: key.span().start,
                        message: format!("unknown key `{k}` (kept as it is)"),
                    });
                    p.extra.insert(k.to_string(), value);
                }
            }
            Ok(())
        })();
        push(r);
    }
    if p.id.trim().is_empty() {
        problems.push(Problem {
            offset: start,
            message: "a contact has no `id`".into(),
        });
    } else if p.id.trim() != p.id || p.id.contains(char::is_whitespace) {
        let off = table.get("id").map_or(start, |v| v.span().start);
        problems.push(Problem {
            offset: off,
            message: format!("id \"{}\" must not contain spaces", p.id),
        });
    }
    if p.name.trim().is_empty() {
        let off = table.get("name").map_or(start, |v| v.span().start);
        problems.push(Problem {
            offset: off,
            message: format!("contact \"{}\" has an empty name", p.id),
        });
    }
    if problems.is_empty() { Ok(p) } else { Err(problems) }
}

fn yearly(key: &str, v: &Spanned<DeValue<'_>>) -> Result<YearlyDate, Problem> {
    let s = match v.get_ref() {
        DeValue::String(s) => s.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        other => {
            return Err(at(
                v,
                format!(
                    "`{key}` must be a date like \"04-15\" or \"1980-04-15\", not {}",
                    type_name(other)
                ),
            ));
        }
    };
    YearlyDate::parse(&s).map_err(|m| at(v, format!("`{key}`: {m}")))
}

trait FromSpanned: Sized {
    fn deserialize_from(v: Spanned<DeValue<'_>>) -> Result<Self, String>;
}

impl FromSpanned for toml::Value {
    fn deserialize_from(v: Spanned<DeValue<'_>>) -> Result<Self, String> {
        use serde::Deserialize;
        toml::Value::deserialize(ValueDeserializer::from(v)).map_err(|e| e.message().to_string())
    }
}

/// Writes the whole file: schema version first, then partners sorted by id,
/// keys in a fixed order, empty fields left out.
pub fn render(partners: &[Partner]) -> String {
    let mut sorted: Vec<&Partner> = partners.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::with_capacity(partners.len() * 300 + 32);
    let _ = writeln!(out, "schema_version = {SCHEMA_VERSION}");
    for p in sorted {
        out.push_str("\n[[contact]]\n");
        render_partner_body(&mut out, p);
    }
    out
}

/// The body of one `[[contact]]` table (used for the file and the undo
/// journal).
pub fn render_partner_body(out: &mut String, p: &Partner) {
    let mut kv = |k: &str, v: String| {
        out.push_str(k);
        out.push_str(" = ");
        out.push_str(&v);
        out.push('\n');
    };
    kv("id", quote(&p.id));
    kv("name", quote(&p.name));
    if let Some(v) = &p.org {
        kv("org", quote(v));
    }
    if let Some(v) = &p.role {
        kv("role", quote(v));
    }
    for (k, list) in [("emails", &p.emails), ("phones", &p.phones), ("tags", &p.tags)] {
        if !list.is_empty() {
            kv(
                k,
                format!("[{}]", list.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")),
            );
        }
    }
    kv("stage", quote(p.stage.as_str()));
    if let Some(c) = p.cadence_days {
        kv("cadence_days", c.to_string());
    }
    if let Some(b) = &p.birthday {
        kv("birthday", quote(&b.to_string()));
    }
    if !p.dates.is_empty() {
        let items: Vec<String> = p
            .dates
            .iter()
            .map(|d| {
                format!(
                    "{{ label = {}, date = {} }}",
                    quote(&d.label),
                    quote(&d.date.to_string())
                )
            })
            .collect();
        kv("dates", format!("[{}]", items.join(", ")));
    }
    if let Some(v) = &p.clientele {
        kv("clientele", quote(v));
    }
    if let Some(v) = &p.notes {
        kv("notes", quote(v));
    }
    if let Some(d) = p.since {
        kv("since", d.format("%Y-%m-%d").to_string());
    }
    if let Some(v) = &p.uid {
        kv("uid", quote(v));
    }
    if p.archived {
        kv("archived", "true".into());
    }
    for (k, v) in &p.extra {
        kv(&key(k), inline_value(v));
    }
}

/// A TOML basic string with every needed escape.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn key(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        k.to_string()
    } else {
        quote(k)
    }
}

fn inline_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => {
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline_value(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        toml::Value::Array(a) => format!("[{}]", a.iter().map(inline_value).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"schema_version = 1

[[contact]]
id = "dana-lee"
name = "Dana Lee"
org = "Lee Family Law"
emails = ["dana@example.org"]
tags = ["attorney"]
stage = "rapport"
cadence_days = 30
birthday = "04-15"
since = 2024-03-05
favourite_tea = "oolong"
"#;

    #[test]
    fn parses_and_renders_back_identically() {
        let f = parse(SAMPLE).unwrap();
        assert_eq!(f.partners.len(), 1);
        let p = &f.partners[0];
        assert_eq!(p.org.as_deref(), Some("Lee Family Law"));
        assert_eq!(p.stage, Stage::Rapport);
        assert_eq!(p.extra.get("favourite_tea").and_then(|v| v.as_str()), Some("oolong"));
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(render(&f.partners), SAMPLE);
    }

    #[test]
    fn reports_every_problem_with_its_position() {
        let text = "schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\ncadence_days = \"often\"\nbirthday = \"02-30\"\n[[contact]]\nid = \"a\"\nname = \"\"\n";
        let problems = parse(text).unwrap_err();
        let msgs: Vec<String> = problems
            .iter()
            .map(|p| {
                let (l, c) = super::super::error::line_col(text, p.offset);
                format!("{l}:{c}: {}", p.message)
            })
            .collect();
        assert!(
            msgs[0].starts_with("5:16: `cadence_days` must be a whole number"),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("6:12:") && m.contains("no such month and day")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("8:6: duplicate id \"a\" (first used on line 3)")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("empty name")), "{msgs:?}");
    }

    #[test]
    fn impossible_toml_date_is_reported_where_it_is() {
        let problems =
            parse("schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\nsince = 2026-02-30\n").unwrap_err();
        let (l, c) = super::super::error::line_col(
            "schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\nsince = 2026-02-30\n",
            problems[0].offset,
        );
        assert_eq!(l, 5);
        assert!(c >= 9, "{c}");
        assert!(problems[0].message.contains("invalid date"), "{}", problems[0].message);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let problems = parse("schema_version = 1\n[[contact]\nid = 1").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].offset >= 19);
    }

    /// A rendered book of `n` partners, over the size parsed in pieces.
    fn large(n: usize) -> String {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let text = render(&crate::domain::testing::book(n, 0, today).partners);
        assert!(text.len() >= CHUNKED_FROM, "{} bytes", text.len());
        text
    }

    #[test]
    fn a_large_file_parsed_in_pieces_is_the_whole_file() {
        let text = large(1200);
        let pieces = parse_in_chunks(&text).expect("a file rapport wrote splits");
        assert_eq!(Ok(pieces), parse_whole(&text));
    }

    #[test]
    fn pieces_give_way_to_the_whole_file_where_they_could_differ() {
        let text = large(1200);
        let at = text.match_indices("[[contact]]").nth(700).unwrap().0;
        let middle = text[at..].find("name = ").unwrap() + at;
        let cases = [
            // A contact split inside a multi-line string.
            text.replacen("name = ", "notes = \"\"\"\n[[contact]]\nid = \"x\"\n\"\"\"\nname = ", 1),
            // A syntax error late in the file: the same position either way.
            format!("{}name = = 1\n{}", &text[..middle], &text[middle..]),
            // The same id in two pieces.
            text.replacen(
                "[[contact]]\n",
                "[[contact]]\nid = \"dup\"\nname = \"A\"\n[[contact]]\n",
                1,
            ) + "[[contact]]\nid = \"dup\"\nname = \"B\"\n",
            // A top-level table after the contacts.
            format!("{text}[other]\nx = 1\n"),
            // Contacts given before the first table.
            format!("contact = []\n{text}"),
            // Sound, with a line that looks like a split inside a note.
            format!("{text}[[contact]]\nid = \"zz\"\nname = \"Z\"\nnotes = \"\"\"\n[[contact]]\n\"\"\"\n"),
        ];
        for (n, case) in cases.iter().enumerate() {
            let whole = parse_whole(case);
            assert_eq!(whole.is_ok(), n == 3 || n == 5, "case {n}: {:?}", whole.as_ref().err());
            assert_eq!(parse(case), whole, "case {n}");
        }
    }
}
