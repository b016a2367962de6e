//! `queue.toml`: snoozes, keyed by queue-item key.
//!
//! ```toml
//! [snoozed]
//! "touch:dana-lee" = 2026-12-01
//! ```
//!
//! Keys this version does not know (a newer rapport's) are a warning, not
//! an error, and are written back as they were.

use super::contacts::{Problem, is_table, kept_plain, kept_tables, key, value_of};
use crate::domain::parse_date;
use crate::domain::queue::QueueState;
use toml::de::{DeTable, DeValue};

/// What `queue.toml` holds, and what is worth telling the user about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueFile {
    /// The snoozes, and the keys kept for a newer version.
    pub state: QueueState,
    /// Unknown keys, kept but worth a word.
    pub warnings: Vec<Problem>,
}

/// Parses the file; unknown keys are kept in the state and left out of
/// the warnings. See [`parse_file`] for both.
pub fn parse(text: &str) -> Result<QueueState, Vec<Problem>> {
    parse_file(text).map(|f| f.state)
}

/// Parses the file: the snoozes, the unknown keys kept in
/// [`QueueState::extra`], and a warning for each of them.
pub fn parse_file(text: &str) -> Result<QueueFile, Vec<Problem>> {
    let mut out = QueueFile::default();
    if text.trim().is_empty() {
        return Ok(out);
    }
    let root = DeTable::parse(text)
        .map_err(|e| {
            vec![Problem {
                offset: e.span().map_or(0, |s| s.start),
                message: e.message().lines().next().unwrap_or("invalid TOML").to_string(),
            }]
        })?
        .into_inner();
    let mut problems = Vec::new();
    for (key, value) in root.iter() {
        let name = key.get_ref().as_ref();
        if name != "snoozed" {
            match value_of(value) {
                Ok(v) => {
                    out.state.extra.insert(name.to_string(), v);
                    out.warnings.push(Problem {
                        offset: key.span().start,
                        message: format!("unknown key `{name}` (kept as it is)"),
                    });
                }
                Err(m) => problems.push(Problem {
                    offset: value.span().start,
                    message: m,
                }),
            }
            continue;
        }
        let Some(table) = value.get_ref().as_table() else {
            problems.push(Problem {
                offset: value.span().start,
                message: "`snoozed` must be a table of key = date".into(),
            });
            continue;
        };
        for (k, v) in table.iter() {
            let s = match v.get_ref() {
                DeValue::Datetime(d) => d.to_string(),
                DeValue::String(s) => s.to_string(),
                _ => {
                    problems.push(Problem {
                        offset: v.span().start,
                        message: format!("snooze of `{}` must be a date", k.get_ref()),
                    });
                    continue;
                }
            };
            match parse_date(&s) {
                Ok(d) => {
                    out.state.snoozed.insert(k.get_ref().to_string(), d);
                }
                Err(m) => problems.push(Problem {
                    offset: v.span().start,
                    message: m,
                }),
            }
        }
    }
    // In the order of the file, as a reader meets them.
    out.warnings.sort_by_key(|w| w.offset);
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Writes the file: kept plain keys first (TOML wants them before any
/// table), then the snoozes, then kept tables.
pub fn render(state: &QueueState) -> String {
    let (tables, plain): (toml::Table, toml::Table) = state
        .extra
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(_, v)| is_table(v));
    let mut out = String::new();
    if !plain.is_empty() {
        kept_plain(&mut out, &plain);
        out.push('\n');
    }
    out.push_str("[snoozed]\n");
    for (k, d) in &state.snoozed {
        out.push_str(&key(k));
        out.push_str(" = ");
        out.push_str(&d.format("%Y-%m-%d").to_string());
        out.push('\n');
    }
    if !tables.is_empty() {
        out.push('\n');
        kept_tables(&mut out, &tables);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_warnings_and_render_back() {
        let text = "later = 3\n\n[snoozed]\n\"touch:a\" = 2026-12-01\n\n[future]\nx = \"y\"\n";
        let f = parse_file(text).unwrap();
        assert_eq!(f.state.snoozed.len(), 1);
        let msgs: Vec<&str> = f.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "unknown key `later` (kept as it is)",
                "unknown key `future` (kept as it is)"
            ]
        );
        assert_eq!(render(&f.state), text);
        assert_eq!(parse(&render(&f.state)).unwrap(), f.state);
    }
}
