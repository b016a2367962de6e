//! The rules the queue and the ledger follow: cadences, allowances, limits.
//!
//! Plain data with the defaults `config.example.toml` documents. The config
//! file is read elsewhere; the domain only ever sees these numbers.

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

#[cfg(test)]
mod tests {
    use super::*;

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
