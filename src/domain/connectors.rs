//! Connectors: the partners who send the most work your way, by referrals
//! and introductions received (see [`Gesture::is_connecting`]) over the
//! last 12 months.

use super::date::in_last_year;
use super::history::History;
use super::{Book, Gesture, Rules};
use chrono::NaiveDate;
use serde::Serialize;

/// A partner who sends work your way, with how much.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Connector {
    pub contact: String,
    /// Referrals and introductions received in the last 12 months.
    pub score: u32,
}

/// True if `g` counts towards making its partner a connector `today`: a
/// referral or introduction received in the last 12 months.
pub fn connects(g: &Gesture, today: NaiveDate) -> bool {
    g.is_connecting() && in_last_year(g.date, today)
}

/// Partners ranked by referrals and introductions received in the last 12
/// months (under ids merged into them too): at least `connector_min`, the
/// top `connector_count`.
pub fn connectors(book: &Book, rules: &Rules, today: NaiveDate) -> Vec<Connector> {
    let history = History::new(book);
    rank_connectors(book.partners.iter().map(|p| (p.id.as_str(), p.archived)), rules, |i| {
        history.of(i).iter().filter(|g| connects(g, today)).count() as u32
    })
}

/// The connectors among partners given as (id, archived), with each one's
/// count of referrals and introductions received in the last 12 months
/// (`score(i)` for the i-th).
pub fn rank_connectors<'a>(
    partners: impl Iterator<Item = (&'a str, bool)>,
    rules: &Rules,
    score: impl Fn(usize) -> u32,
) -> Vec<Connector> {
    let mut out: Vec<Connector> = partners
        .enumerate()
        .filter(|(_, (_, archived))| !archived)
        .map(|(i, (id, _))| Connector {
            contact: id.to_string(),
            score: score(i),
        })
        .filter(|c| c.score > 0 && c.score >= rules.connector_min)
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.contact.cmp(&b.contact)));
    out.truncate(rules.connector_count);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{day, g};
    use crate::domain::{Direction, Kind, Partner};

    #[test]
    fn connectors_rank_by_referrals_and_intros_received_this_year() {
        let mut c = Rules::default();
        let b = Book::new(
            vec![Partner::new("dana", "Dana Lee"), Partner::new("sam", "Sam Cho")],
            vec![
                g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
                g(2, "dana", "2026-10-01", Kind::Intro, Direction::Received),
                g(3, "dana", "2026-09-01", Kind::Referral, Direction::Received),
                g(4, "sam", "2026-11-01", Kind::Referral, Direction::Received),
                g(5, "sam", "2026-10-01", Kind::Referral, Direction::Received),
                g(6, "sam", "2024-10-01", Kind::Referral, Direction::Received),
            ],
        );
        let today = day("2026-11-20");
        let got = connectors(&b, &c, today);
        assert_eq!(
            got,
            vec![
                Connector {
                    contact: "dana".into(),
                    score: 3
                },
                Connector {
                    contact: "sam".into(),
                    score: 2
                },
            ]
        );
        c.connector_count = 1;
        assert_eq!(connectors(&b, &c, today).len(), 1);
        c.connector_count = 3;
        c.connector_min = 3;
        assert_eq!(connectors(&b, &c, today).len(), 1);
    }
}
