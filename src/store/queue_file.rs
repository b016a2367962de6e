//! `queue.toml`: snoozes, keyed by queue-item key.
//!
//! ```toml
//! [snoozed]
//! "touch:dana-lee" = 2026-12-01
//! ```

use super::contacts::{Problem, quote};
use crate::domain::parse_date;
use crate::domain::queue::QueueState;
use toml::de::{DeTable, DeValue};

pub fn parse(text: &str) -> Result<QueueState, Vec<Problem>> {
    let mut state = QueueState::default();
    if text.trim().is_empty() {
        return Ok(state);
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
        if key.get_ref().as_ref() != "snoozed" {
            problems.push(Problem {
                offset: key.span().start,
                message: format!("unknown key `{}`", key.get_ref()),
            });
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
                    state.snoozed.insert(k.get_ref().to_string(), d);
                }
                Err(m) => problems.push(Problem {
                    offset: v.span().start,
                    message: m,
                }),
            }
        }
    }
    if problems.is_empty() { Ok(state) } else { Err(problems) }
}

pub fn render(state: &QueueState) -> String {
    let mut out = String::from("[snoozed]\n");
    for (k, d) in &state.snoozed {
        out.push_str(&quote(k));
        out.push_str(" = ");
        out.push_str(&d.format("%Y-%m-%d").to_string());
        out.push('\n');
    }
    out
}
