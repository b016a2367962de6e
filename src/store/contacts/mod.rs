//! `contacts.toml`: one `[[contact]]` table per partner, written sorted by id
//! with a stable key order so the file diffs cleanly under git.

mod fields;
mod render;
#[cfg(test)]
mod tests;

pub(crate) use fields::value_of;
pub(crate) use render::is_table;
pub(crate) use render::{kept_plain, kept_tables, key};
pub use render::{quote, render, render_partner_body, render_with};

use crate::domain::Partner;
use fields::{at, partner_from};
use std::collections::HashMap;
use toml::de::DeTable;

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
    /// Top-level keys and tables this version does not know (a newer
    /// rapport's), kept as they were read.
    pub extra: toml::Table,
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
            other => match value_of(value) {
                Ok(v) => {
                    out.extra.insert(other.to_string(), v);
                    out.warnings.push(Problem {
                        offset: key.span().start,
                        message: format!("unknown top-level key `{other}` (kept as it is)"),
                    });
                }
                Err(m) => problems.push(at(value, m)),
            },
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

/// The file that replaces `current` (the text on disk now, if any): the
/// partners as [`render`] writes them, and every top-level key and table of
/// `current` this version does not know, kept. They are taken from the file
/// being replaced rather than carried with the book, so no copy of the
/// book (the cache) can drop them.
pub fn rewrite(partners: &[Partner], current: Option<&str>) -> String {
    let extra = current.map(kept_top_level).unwrap_or_default();
    render_with(partners, &extra)
}

/// The top-level items of `text` this version does not know. Only the part
/// before the first contact can hold top-level keys; unless a line opens
/// some other table, that part is all that is parsed. Anything less clear
/// (another table, a head that does not parse alone) parses the whole.
fn kept_top_level(text: &str) -> toml::Table {
    let mut head = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t == "[[contact]]" {
            head.get_or_insert(at);
        } else if t.starts_with('[') && !t.starts_with("[contact.") && !t.starts_with("[[contact.") {
            head = None;
            break;
        }
        at += line.len();
    }
    head.and_then(|end| parse_whole(&text[..end]).ok())
        .or_else(|| parse(text).ok())
        .map(|f| f.extra)
        .unwrap_or_default()
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
