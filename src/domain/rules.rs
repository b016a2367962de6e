//! The rules the queue and the ledger follow: cadences, allowances, limits,
//! and the warnings they give before a gesture is logged.
//!
//! Plain data with the defaults `config.example.toml` documents. The config
//! file is read elsewhere; the domain only ever sees these numbers.

use super::{Book, Direction, Gesture, Kind};
use chrono::Datelike;
use std::collections::BTreeMap;

/// The settings that decide what the queue raises and what the ledger warns.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Days between touches for partners with no cadence of their own and no
    /// tag cadence.
    pub default_cadence_days: u32,
    /// Days after a referral received that the update item comes due.
    pub update_after_days: u32,
    /// Thank and update items are raised for referrals received at most
    /// this many days ago; older ones are no longer owed.
    pub owed_window_days: u32,
    /// Days without an answer after a first message to a partner still at
    /// reach-out before a follow-up item is raised.
    pub follow_up_days: u32,
    /// Referrals received in the 12 months up to their last one that make a
    /// partner a regular source, whose silence raises a quiet item.
    pub quiet_min: u32,
    /// The shortest silence, in days since their last referral, that raises
    /// a quiet item (longer when their usual gap is longer).
    pub quiet_after_days: u32,
    /// Days ahead of a birthday or yearly date that its item appears.
    pub date_lead_days: u32,
    /// Referrals received with none given before a one-way item is raised.
    pub one_way_after: u32,
    /// An ask within this many days of a gift or favour given warns.
    pub ask_gift_gap_days: u32,
    /// Yearly cap on gift value per partner; absent means no cap.
    pub gift_limit_per_year: Option<f64>,
    /// Currency of gift values, for display.
    pub currency: String,
    /// How many partners carry the connector mark at most.
    pub connector_count: usize,
    /// Referrals plus introductions received in 12 months needed to be a
    /// connector at all.
    pub connector_min: u32,
    /// Cadence by tag (`[cadence.tags]`); the shortest matching tag wins.
    pub cadence_tags: BTreeMap<String, u32>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            default_cadence_days: 30,
            update_after_days: 7,
            owed_window_days: 365,
            follow_up_days: 10,
            quiet_min: 2,
            quiet_after_days: 120,
            date_lead_days: 10,
            one_way_after: 3,
            ask_gift_gap_days: 7,
            gift_limit_per_year: None,
            currency: "USD".into(),
            connector_count: 3,
            connector_min: 2,
            cadence_tags: BTreeMap::new(),
        }
    }
}

impl Rules {
    /// The cadence in days for a partner: their own, else the shortest of
    /// their tags' cadences, else the default. 0 means never due.
    pub fn cadence_for(&self, own: Option<u32>, tags: &[String]) -> u32 {
        own.or_else(|| tags.iter().filter_map(|t| self.cadence_tags.get(t).copied()).min())
            .unwrap_or(self.default_cadence_days)
    }
}

fn money(v: f64, currency: &str) -> String {
    format!("{v:.2} {currency}")
}

/// The rules' warnings for a gesture about to be logged (not yet in `book`).
/// Each says why, in plain words. The gesture is logged all the same.
pub fn warnings_for(book: &Book, rules: &Rules, g: &Gesture) -> Vec<String> {
    let name = book.partner(&g.contact).map_or(g.contact.as_str(), |p| p.name.as_str());
    let mut out = Vec::new();
    // Only an ask or a gift given meets a rule: anything else is logged
    // without reading the partner's history (a thank-you on a large book).
    let asks_or_gives = g.dir == Direction::Given && matches!(g.kind, Kind::Ask | Kind::Gift);
    if !asks_or_gives {
        return Vec::new();
    }
    // Theirs under an id merged into them too.
    let history = book.history(&g.contact);
    let mine = || history.iter().copied();

    if g.kind == Kind::Ask && g.dir == Direction::Given {
        let gap = i64::from(rules.ask_gift_gap_days);
        let recent = mine()
            .filter(|x| x.dir == Direction::Given && matches!(x.kind, Kind::Gift | Kind::Favor))
            .filter(|x| x.date <= g.date && (g.date - x.date).num_days() <= gap)
            .max_by_key(|x| x.date);
        if let Some(x) = recent {
            let days = (g.date - x.date).num_days();
            let when = super::text::ago_days(days);
            let what = if x.kind == Kind::Gift { "a gift" } else { "a favour" };
            out.push(format!(
                "You gave {name} {what} {when}; asking this soon can make the gift look like a payment. \
                 Keep giving and asking at least {gap} days apart (ask_gift_gap_days)."
            ));
        }
    }

    if g.kind == Kind::Gift
        && g.dir == Direction::Given
        && let (Some(limit), Some(value)) = (rules.gift_limit_per_year, g.value)
    {
        let year = g.date.year();
        let before: f64 = mine()
            .filter(|x| x.is(Kind::Gift, Direction::Given) && x.date.year() == year)
            .filter_map(|x| x.value)
            .sum();
        let total = before + value;
        if total > limit + 1e-9 {
            out.push(format!(
                "Gifts to {name} in {year} now total {}, over the yearly limit of {} (gift_limit_per_year); \
                 a gift should stay a token, not a payment for referrals.",
                money(total, &rules.currency),
                money(limit, &rules.currency)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use crate::domain::testing::g;

    fn book(gestures: Vec<Gesture>) -> Book {
        Book::new(
            vec![Partner::new("dana", "Dana Lee"), Partner::new("sam", "Sam Cho")],
            gestures,
        )
    }

    #[test]
    fn an_ask_right_after_a_gift_warns_and_a_week_later_does_not() {
        let c = Rules::default();
        let b = book(vec![g(1, "dana", "2026-11-10", Kind::Gift, Direction::Given)]);
        let two_days = g(2, "dana", "2026-11-12", Kind::Ask, Direction::Given);
        let w = warnings_for(&b, &c, &two_days);
        assert_eq!(w.len(), 1);
        assert!(w[0].starts_with("You gave Dana Lee a gift 2 days ago"), "{}", w[0]);
        let eight_days = g(3, "dana", "2026-11-18", Kind::Ask, Direction::Given);
        assert!(warnings_for(&b, &c, &eight_days).is_empty());
        let other = g(4, "sam", "2026-11-12", Kind::Ask, Direction::Given);
        assert!(
            warnings_for(&b, &c, &other).is_empty(),
            "only gifts to the same partner count"
        );
    }

    #[test]
    fn a_gift_over_the_yearly_cap_warns() {
        let mut c = Rules::default();
        let mut first = g(1, "dana", "2026-03-01", Kind::Gift, Direction::Given);
        first.value = Some(60.0);
        let mut last_year = g(2, "dana", "2025-12-20", Kind::Gift, Direction::Given);
        last_year.value = Some(90.0);
        let b = book(vec![first, last_year]);
        let mut next = g(3, "dana", "2026-11-20", Kind::Gift, Direction::Given);
        next.value = Some(45.0);
        assert!(warnings_for(&b, &c, &next).is_empty(), "no cap configured");
        c.gift_limit_per_year = Some(100.0);
        let w = warnings_for(&b, &c, &next);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("105.00 USD"), "{}", w[0]);
        assert!(w[0].contains("100.00 USD"), "{}", w[0]);
        next.value = Some(40.0);
        assert!(warnings_for(&b, &c, &next).is_empty(), "exactly at the cap is fine");
    }

    #[test]
    fn own_cadence_beats_the_shortest_tag_which_beats_the_default() {
        let mut r = Rules::default();
        r.cadence_tags.insert("attorney".into(), 14);
        r.cadence_tags.insert("vip".into(), 7);
        let tags = ["attorney".to_string(), "vip".to_string()];
        assert_eq!(r.cadence_for(Some(45), &tags), 45);
        assert_eq!(r.cadence_for(None, &tags), 7);
        assert_eq!(r.cadence_for(None, &["other".into()]), 30);
    }
}
