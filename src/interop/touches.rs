//! A calendar's past occurrences matched to partners by e-mail: the
//! meetings `rapport import CAL.ics --touches` logs.
//!
//! Each logged meeting keeps the occurrence's `source` (see
//! [`Occurrence::source`]) in the gesture's `source` field, and a meeting
//! with that partner and that source already in the log is not logged
//! again: importing the same calendar twice adds nothing. A meeting logged
//! by hand (no source) with that partner on that date counts as the
//! occurrence already logged too, once, so a calendar imported after a year
//! of typing meetings in does not double them.

use super::Skip;
use super::calendar::{Calendar, Occurrence};
use crate::domain::{Book, Direction, Gesture, Kind};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The gesture field that names where an imported gesture came from.
pub const SOURCE: &str = "source";

/// One meeting to log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub date: NaiveDate,
    /// The partner's id.
    pub contact: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source: String,
}

/// What matching a calendar found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Touches {
    /// Meetings not in the log yet, by date.
    pub new: Vec<Meeting>,
    /// Meetings matched that the log already holds.
    pub already_logged: usize,
    /// Partners met, counting those already logged.
    pub partners: usize,
    /// Past occurrences with no partner among their attendees.
    pub no_partner: usize,
    /// Meetings left out because the partner is archived.
    pub archived: usize,
    /// Meetings left out because the partner declined.
    pub declined: usize,
    /// Events that could not be read.
    pub skipped: Vec<Skip>,
    /// The oldest meetings left out: one import logs at most
    /// [`MAX_MEETINGS`].
    pub left_out: usize,
}

/// The most meetings one import logs (an hourly event with a partner,
/// started years ago, would otherwise flood the log); the newest are kept.
pub const MAX_MEETINGS: usize = 10_000;

impl Touches {
    /// Meetings matched, new and already logged.
    pub fn matched(&self) -> usize {
        self.new.len() + self.already_logged
    }
}

/// The gesture's source, when an import set one.
pub fn source_of(g: &Gesture) -> Option<&str> {
    g.extra.get(SOURCE).and_then(|v| v.as_str())
}

/// Matches each occurrence's people to partners by e-mail, ignoring case.
/// One occurrence with two partners is a meeting with each.
pub fn find(book: &Book, cal: Calendar) -> Touches {
    let mut by_email: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in book.partners.iter().enumerate() {
        for e in &p.emails {
            let list = by_email.entry(e.trim().to_lowercase()).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }
    let logged: HashSet<(&str, &str)> = book
        .gestures
        .iter()
        .filter(|g| g.kind == Kind::Meeting)
        .filter_map(|g| source_of(g).map(|s| (g.contact.as_str(), s)))
        .collect();
    // Meetings logged by hand, by partner and date: each stands for one
    // occurrence.
    let mut by_hand: HashMap<(&str, NaiveDate), usize> = HashMap::new();
    for g in book
        .gestures
        .iter()
        .filter(|g| g.kind == Kind::Meeting && source_of(g).is_none())
    {
        *by_hand.entry((g.contact.as_str(), g.date)).or_default() += 1;
    }
    let mut t = Touches {
        skipped: cal.skipped,
        ..Touches::default()
    };
    let mut met = BTreeSet::new();
    let occurrences: Vec<Occurrence> = cal.occurrences;
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    for o in &occurrences {
        let mut any = false;
        for a in &o.people {
            for &i in by_email.get(&a.email).into_iter().flatten() {
                any = true;
                // The same event twice in one file is one meeting.
                if !seen.insert((i, o.source.clone())) {
                    continue;
                }
                let p = &book.partners[i];
                if p.archived {
                    t.archived += 1;
                } else if a.declined {
                    t.declined += 1;
                } else if logged.contains(&(p.id.as_str(), o.source.as_str())) {
                    t.already_logged += 1;
                    met.insert(i);
                } else if let Some(n) = by_hand.get_mut(&(p.id.as_str(), o.date)).filter(|n| **n > 0) {
                    *n -= 1;
                    t.already_logged += 1;
                    met.insert(i);
                } else {
                    met.insert(i);
                    t.new.push(Meeting {
                        date: o.date,
                        contact: p.id.clone(),
                        name: p.name.clone(),
                        note: o.summary.clone(),
                        source: o.source.clone(),
                    });
                }
            }
        }
        if !any {
            t.no_partner += 1;
        }
    }
    t.new
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
    if t.new.len() > MAX_MEETINGS {
        t.left_out = t.new.len() - MAX_MEETINGS;
        t.new.drain(..t.left_out);
    }
    t.partners = met.len();
    t
}

/// The meeting as a gesture to log, with this id.
pub fn gesture(m: &Meeting, id: String) -> Gesture {
    let mut extra = serde_json::Map::new();
    extra.insert(SOURCE.into(), serde_json::Value::String(m.source.clone()));
    Gesture {
        id,
        date: m.date,
        contact: m.contact.clone(),
        kind: Kind::Meeting,
        dir: Direction::Given,
        note: m.note.clone(),
        value: None,
        outcome: None,
        re: None,
        extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::calendar::{Attendee, Occurrence};

    fn partner(id: &str, email: &str, archived: bool) -> crate::domain::Partner {
        let mut p = crate::domain::Partner::new(id, id.to_uppercase());
        p.emails = vec![email.into()];
        p.archived = archived;
        p
    }

    fn occ(source: &str, people: &[(&str, bool)]) -> Occurrence {
        Occurrence {
            source: source.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            summary: Some("Lunch".into()),
            people: people
                .iter()
                .map(|(e, declined)| Attendee {
                    email: e.to_string(),
                    declined: *declined,
                })
                .collect(),
        }
    }

    #[test]
    fn matches_by_email_once_per_partner_and_source() {
        let mut book = Book::new(
            vec![
                partner("dana", "Dana@Example.com", false),
                partner("eli", "eli@x.org", false),
                partner("old", "old@x.org", true),
            ],
            vec![],
        );
        let cal = Calendar {
            occurrences: vec![
                occ("a", &[("dana@example.com", false), ("eli@x.org", false)]),
                occ("b", &[("eli@x.org", true), ("old@x.org", false)]),
                occ("c", &[("nobody@x.org", false)]),
                occ("a", &[("dana@example.com", false)]),
            ],
            skipped: vec![],
        };
        let t = find(&book, cal.clone());
        let got: Vec<(&str, &str)> = t.new.iter().map(|m| (m.contact.as_str(), m.source.as_str())).collect();
        assert_eq!(got, vec![("dana", "a"), ("eli", "a")]);
        assert_eq!((t.declined, t.archived, t.no_partner, t.partners), (1, 1, 1, 2));
        book.gestures
            .extend(t.new.iter().map(|m| gesture(m, format!("g-{}", m.contact))));
        let again = find(&book, cal);
        assert!(again.new.is_empty());
        assert_eq!(again.already_logged, 2);
    }
}
