//! Refer-out: "who do I send this client to?" The active partners whose
//! clientele, role, tags, benefit or notes match the need (accents and word
//! forms folded, so "estate planner" finds "estate planning"), the ones you
//! owe most first, then by stage (trust first), then those you gave to
//! longest ago, so the giving spreads.

use super::history::History;
use super::ledger::owe_words;
use super::summary::Summary;
use super::words::{Word, content_words, same_word, words};
use super::{Book, Direction, Kind, Partner, Stage};
use chrono::NaiveDate;
use serde::Serialize;

/// Where a partner matched the need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// `clientele`, `role`, `tags`, `benefit` or `notes`.
    pub field: &'static str,
    /// That field's text.
    pub text: String,
}

/// One partner to send the client to, with why they rank where they do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Index into the book's partners.
    #[serde(skip)]
    pub index: usize,
    pub contact: String,
    pub name: String,
    /// What you owe them ([`Summary::owe`]): referrals and introductions
    /// received minus given, last 12 months; below zero, they owe you.
    pub owe: i64,
    pub stage: Stage,
    /// The last referral you gave them.
    pub last_given: Option<NaiveDate>,
    pub matched: Vec<Match>,
    /// "you owe 3 · trust · last referral to them 8 months ago".
    pub reason: String,
}

/// The words of a need worth matching: fillers left out, unless that
/// leaves nothing.
fn need_words(need: &str) -> Vec<String> {
    let content = content_words(need);
    if content.is_empty() {
        words(need).into_iter().map(|w| w.folded).collect()
    } else {
        content
    }
}

/// The fields refer-out reads, with their names.
fn fields(p: &Partner) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, v) in [
        ("clientele", &p.clientele),
        ("role", &p.role),
        ("benefit", &p.benefit),
        ("notes", &p.notes),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            out.push((name, v.to_string()));
        }
    }
    if !p.tags.is_empty() {
        out.push(("tags", p.tags.join(", ")));
    }
    out
}

/// Where each need word is found in `p`, or `None` unless every one is.
fn matches(p: &Partner, need: &[String]) -> Option<Vec<Match>> {
    if need.is_empty() {
        return None;
    }
    let fields: Vec<(&'static str, String, Vec<Word>)> = fields(p)
        .into_iter()
        .map(|(n, t)| {
            let w = words(&t);
            (n, t, w)
        })
        .collect();
    let has = |w: &[Word], n: &str| w.iter().any(|x| same_word(n, &x.folded));
    if !need.iter().all(|n| fields.iter().any(|(_, _, w)| has(w, n))) {
        return None;
    }
    Some(
        fields
            .into_iter()
            .filter(|(_, _, w)| need.iter().any(|n| has(w, n)))
            .map(|(field, text, _)| Match { field, text })
            .collect(),
    )
}

/// The active partners who match `need`, best to send to first. Each one's
/// history includes what was logged under ids merged into them.
pub fn rank(book: &Book, need: &str, today: NaiveDate) -> Vec<Candidate> {
    let need = need_words(need);
    let history = History::new(book);
    let mut out: Vec<Candidate> = book
        .partners
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.archived)
        .filter_map(|(index, p)| {
            let matched = matches(p, &need)?;
            let mine = history.of(index);
            let owe = Summary::of_gestures(p, mine.iter().copied()).owe(today);
            let last_given = mine
                .iter()
                .filter(|g| g.is(Kind::Referral, Direction::Given) && g.date <= today)
                .map(|g| g.date)
                .max();
            Some(Candidate {
                index,
                contact: p.id.clone(),
                name: p.name.clone(),
                owe,
                stage: p.stage,
                last_given,
                reason: reason(owe, p.stage, last_given, today),
                matched,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.owe
            .cmp(&a.owe)
            .then(b.stage.cmp(&a.stage))
            .then(a.last_given.cmp(&b.last_given))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Why a candidate ranks where they do, in one line.
pub fn reason(owe: i64, stage: Stage, last_given: Option<NaiveDate>, today: NaiveDate) -> String {
    let owing = owe_words(owe);
    let last = match last_given {
        None => "never referred to them".to_string(),
        Some(d) => format!("last referral to them {}", how_long_ago((today - d).num_days())),
    };
    format!("{owing} · {stage} · {last}")
}

/// "today", "12 days ago", "8 months ago", "2 years ago".
fn how_long_ago(days: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match days {
        d if d <= 0 => "today".into(),
        d if d < 45 => plural(d, "day"),
        d if d < 365 => plural((d as f64 / 30.44).round() as i64, "month"),
        d => plural(d / 365, "year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{day, demo, g};

    #[test]
    fn estate_planner_finds_estate_planning_the_one_you_owe_first() {
        let today = day("2026-11-20");
        let book = demo(today);
        for need in ["estate planning", "Estate planner", "an estate-planning attorney"] {
            let got: Vec<String> = rank(&book, need, today).into_iter().map(|c| c.contact).collect();
            assert_eq!(got, ["rosa-delgado", "hannah-weiss"], "{need}");
        }
        let first = &rank(&book, "estate planning", today)[0];
        assert_eq!(first.owe, 2);
        assert_eq!(first.reason, "you owe 2 · rapport · never referred to them");
        assert!(first.matched.iter().any(|m| m.field == "role"), "{:?}", first.matched);
        assert!(rank(&book, "llama grooming", today).is_empty());
    }

    #[test]
    fn ranked_by_what_you_owe_then_stage_then_the_longest_since_you_gave() {
        let today = day("2026-11-20");
        let mut parts = Vec::new();
        for (id, stage) in [
            ("a", Stage::Rapport),
            ("b", Stage::Trust),
            ("c", Stage::Trust),
            ("d", Stage::ReachOut),
        ] {
            let mut p = Partner::new(id, id.to_uppercase());
            p.clientele = Some("divorcing parents".into());
            p.stage = stage;
            parts.push(p);
        }
        let mut archived = Partner::new("e", "E");
        archived.clientele = Some("divorcing parents".into());
        archived.archived = true;
        parts.push(archived);
        let book = Book::new(
            parts,
            vec![
                g(1, "d", "2026-10-01", Kind::Referral, Direction::Received),
                g(2, "d", "2026-10-02", Kind::Referral, Direction::Received),
                g(3, "b", "2026-09-01", Kind::Referral, Direction::Given),
                g(4, "b", "2026-09-02", Kind::Referral, Direction::Received),
                g(5, "c", "2026-03-01", Kind::Referral, Direction::Given),
                g(6, "c", "2026-03-02", Kind::Referral, Direction::Received),
                g(7, "a", "2024-01-01", Kind::Referral, Direction::Given),
                g(8, "e", "2026-10-01", Kind::Referral, Direction::Received),
            ],
        );
        let got: Vec<(String, String)> = rank(&book, "divorce", today)
            .into_iter()
            .map(|c| (c.contact, c.reason))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "d".to_string(),
                    "you owe 2 · reach-out · never referred to them".to_string()
                ),
                ("c".into(), "even · trust · last referral to them 9 months ago".into()),
                ("b".into(), "even · trust · last referral to them 3 months ago".into()),
                ("a".into(), "even · rapport · last referral to them 2 years ago".into()),
            ]
        );
    }
}
