//! The partners pane's filter and sort: `:` then words, `#tag`,
//! `stage:trust`, `quiet:90` (no touch in 90 days), `owe` (you owe them:
//! [`Summary::owe`] above zero), `connector`, `snoozed`, `archived`; `o` cycles the
//! sort. Pure: the partner, what the log says of them and today decide.

use super::search::Field;
use super::summary::Summary;
use super::text::fold;
use super::{Partner, Stage};
use chrono::NaiveDate;
use std::str::FromStr;

/// A parsed filter: every term must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// What was typed, as typed: the pane's title shows it.
    pub text: String,
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    /// A word in the name or any searchable field (folded).
    Word(String),
    Tag(String),
    Stage(Stage),
    /// No touch in this many days.
    Quiet(i64),
    Owe,
    Connector,
    Archived,
    /// Partners with an item a snooze hides; the queue pane shows those
    /// items.
    Snoozed,
}

/// What a filter needs to know of a partner beyond the partner.
pub struct Facts<'a> {
    pub summary: &'a Summary,
    pub connector: bool,
    /// A snooze hides one of their items.
    pub snoozed: bool,
}

impl Filter {
    /// Parses what was typed; an unknown `key:` or a bad value is an error
    /// that says what is allowed.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let mut terms = Vec::new();
        for word in text.split_whitespace() {
            let lower = word.to_lowercase();
            let term = if let Some(tag) = word.strip_prefix('#') {
                Term::Tag(fold(tag))
            } else if let Some((key, value)) = lower.split_once(':') {
                match key {
                    "stage" => Term::Stage(Stage::from_str(value)?),
                    "quiet" => Term::Quiet(
                        value
                            .parse()
                            .ok()
                            .filter(|&n: &i64| n >= 0)
                            .ok_or_else(|| format!("quiet:{value}: give a number of days, as in quiet:90"))?,
                    ),
                    "tag" => Term::Tag(fold(value)),
                    _ => {
                        return Err(format!(
                            "unknown filter '{key}:' (use words, #tag, stage:S, quiet:DAYS, owe, connector, snoozed or archived)"
                        ));
                    }
                }
            } else {
                match lower.as_str() {
                    "owe" => Term::Owe,
                    "connector" | "connectors" => Term::Connector,
                    "archived" => Term::Archived,
                    "snoozed" | "snooze" => Term::Snoozed,
                    _ => Term::Word(fold(word)),
                }
            };
            terms.push(term);
        }
        Ok(Filter {
            text: text.trim().to_string(),
            terms,
        })
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True if the filter asks for archived partners (who are otherwise
    /// never listed).
    pub fn wants_archived(&self) -> bool {
        self.terms.contains(&Term::Archived)
    }

    /// True if the filter asks for what is snoozed: the queue pane shows
    /// the items a snooze hides.
    pub fn wants_snoozed(&self) -> bool {
        self.terms.contains(&Term::Snoozed)
    }

    /// True if the partner passes every term.
    pub fn keeps(&self, p: &Partner, facts: &Facts, today: NaiveDate) -> bool {
        if p.archived != self.wants_archived() {
            return false;
        }
        self.terms.iter().all(|t| match t {
            Term::Word(w) => {
                fold(&p.name).contains(w.as_str())
                    || [Field::Org, Field::Role, Field::Tags, Field::Clientele, Field::Notes]
                        .iter()
                        .filter_map(|f| f.text(p))
                        .any(|text| fold(&text).contains(w.as_str()))
            }
            Term::Tag(tag) => p.tags.iter().any(|t| fold(t) == *tag),
            Term::Stage(s) => p.stage == *s,
            Term::Quiet(days) => facts
                .summary
                .last_touch()
                .is_none_or(|d| (today - d).num_days() > *days),
            Term::Owe => facts.summary.owe(today) > 0,
            Term::Connector => facts.connector,
            Term::Snoozed => facts.snoozed,
            Term::Archived => true,
        })
    }
}

/// How the partners pane is ordered; `o` moves to the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Name,
    /// Longest untouched first: who to call.
    LastTouch,
    /// Those you owe most first ([`Summary::owe`]).
    Balance,
    /// Most referrals and introductions received first.
    Received,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::LastTouch,
            Sort::LastTouch => Sort::Balance,
            Sort::Balance => Sort::Received,
            Sort::Received => Sort::Name,
        }
    }

    /// How the pane's title names the order.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "by name",
            Sort::LastTouch => "longest untouched first",
            Sort::Balance => "most owed first",
            Sort::Received => "most referrals first",
        }
    }

    /// Orders rows (already in name order, which breaks every tie) by this
    /// sort; `summary(i)` is what the log says of row `i`'s partner, and
    /// `today` ends the 12 months what you owe is counted over.
    pub fn arrange<'a>(self, rows: &mut [usize], summary: impl Fn(usize) -> &'a Summary, today: NaiveDate) {
        match self {
            Sort::Name => {}
            Sort::LastTouch => rows.sort_by_key(|&i| summary(i).last_touch()),
            Sort::Balance => rows.sort_by_key(|&i| std::cmp::Reverse(summary(i).owe(today))),
            Sort::Received => rows.sort_by_key(|&i| std::cmp::Reverse(summary(i).connecting.len())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        super::super::parse_date(s).unwrap()
    }

    #[test]
    fn every_term_must_hold() {
        let mut p = Partner::new("dana-lee", "Dana Lee");
        p.tags = vec!["Attorney".into()];
        p.stage = Stage::Trust;
        p.notes = Some("Loves the Gujarati place".into());
        let summary = Summary {
            last_gesture: Some(day("2026-07-01")),
            connecting: vec![day("2026-03-01"), day("2026-04-01")],
            ..Summary::default()
        };
        let facts = Facts {
            summary: &summary,
            connector: false,
            snoozed: false,
        };
        let today = day("2026-11-20");
        let keeps = |f: &str| Filter::parse(f).unwrap().keeps(&p, &facts, today);
        assert!(keeps(""));
        assert!(keeps("#attorney stage:trust"));
        assert!(keeps("quiet:90 owe gujarati"));
        assert!(!keeps("quiet:200"), "142 days is not over 200");
        assert!(!keeps("connector"));
        assert!(!keeps("archived"));
        assert!(!keeps("#therapist"));
        assert!(Filter::parse("stage:friend").unwrap_err().contains("reach-out"));
        // The words the partners pane shows.
        assert!(keeps("stage:tru"));
        assert!(!keeps("stage:mutual"));
        assert!(Filter::parse("stage:reach").is_ok());
        assert!(
            Filter::parse("stage:r").unwrap_err().contains("unknown stage"),
            "reach-out or rapport"
        );
        assert!(!keeps("snoozed"));
        assert!(Filter::parse("snoozed").unwrap().wants_snoozed());
        assert!(Filter::parse("quiet:soon").unwrap_err().contains("quiet:90"));
        assert!(Filter::parse("color:red").unwrap_err().contains("unknown filter"));
    }

    #[test]
    fn sorts_keep_name_order_on_ties() {
        let s = [
            Summary {
                last_gesture: Some(day("2026-05-01")),
                ..Summary::default()
            },
            Summary {
                last_gesture: Some(day("2026-01-01")),
                connecting: vec![day("2026-01-01"); 3],
                ..Summary::default()
            },
            Summary {
                last_gesture: Some(day("2026-05-01")),
                // Received and given alike: even.
                connecting: vec![day("2026-02-01")],
                giving: vec![day("2026-03-01")],
                ..Summary::default()
            },
        ];
        let today = day("2026-11-20");
        let mut rows = vec![0, 1, 2];
        Sort::LastTouch.arrange(&mut rows, |i| &s[i], today);
        assert_eq!(rows, vec![1, 0, 2]);
        let mut rows = vec![0, 1, 2];
        Sort::Balance.arrange(&mut rows, |i| &s[i], today);
        assert_eq!(rows, vec![1, 0, 2]);
        assert_eq!(Sort::Received.next(), Sort::Name);
    }
}
