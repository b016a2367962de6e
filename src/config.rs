//! Settings from `config.toml`. Every key is optional; `config.example.toml`
//! documents each one with its default.

use serde::Deserialize;
use std::collections::BTreeMap;

/// All settings. Plain data: the domain reads it, the store loads it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Days between touches for partners with no cadence of their own and no
    /// tag cadence.
    pub default_cadence_days: u32,
    /// Days after a referral received that the update item comes due.
    pub update_after_days: u32,
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
    pub cadence: CadenceConfig,
    pub ui: UiConfig,
    /// Key remaps: action name to a list of keys.
    pub keys: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct CadenceConfig {
    /// Cadence by tag; the shortest matching tag wins.
    pub tags: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct UiConfig {
    pub mouse: bool,
    /// `default` or `mono`.
    pub theme: String,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig {
            mouse: true,
            theme: "default".into(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            default_cadence_days: 30,
            update_after_days: 7,
            date_lead_days: 10,
            one_way_after: 3,
            ask_gift_gap_days: 7,
            gift_limit_per_year: None,
            currency: "USD".into(),
            connector_count: 3,
            connector_min: 2,
            cadence: CadenceConfig::default(),
            ui: UiConfig::default(),
            keys: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Parses `config.toml` text. Unknown keys do not fail the load: each is
    /// returned by its dotted path so the caller can warn about typos.
    pub fn parse(text: &str) -> Result<(Config, Vec<String>), toml::de::Error> {
        let mut unknown = Vec::new();
        let de = toml::Deserializer::parse(text)?;
        let config = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))?;
        Ok((config, unknown))
    }

    /// The cadence in days for a partner: their own, else the shortest of
    /// their tags' cadences, else the default. 0 means never due.
    pub fn cadence_for(&self, own: Option<u32>, tags: &[String]) -> u32 {
        own.or_else(|| tags.iter().filter_map(|t| self.cadence.tags.get(t).copied()).min())
            .unwrap_or(self.default_cadence_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional_and_unknown_keys_are_named() {
        let (c, unknown) = Config::parse("").unwrap();
        assert_eq!(c, Config::default());
        let (c, unknown2) = Config::parse("default_cadence_dayz = 3\none_way_after = 5\n[cadence.tags]\nattorney = 14\n[ui]\nmouse = false\ncolour = 1\n").unwrap();
        assert!(unknown.is_empty());
        assert_eq!(
            unknown2,
            vec!["default_cadence_dayz".to_string(), "ui.colour".to_string()]
        );
        assert_eq!(c.one_way_after, 5);
        assert_eq!(c.cadence_for(None, &["attorney".into()]), 14);
        assert_eq!(c.cadence_for(Some(0), &["attorney".into()]), 0);
        assert!(!c.ui.mouse);
    }

    #[test]
    fn the_example_file_documents_every_key_with_its_default() {
        let (c, unknown) = Config::parse(include_str!("../config.example.toml")).unwrap();
        assert!(
            unknown.is_empty(),
            "the example names keys rapport does not know: {unknown:?}"
        );
        assert_eq!(c, Config::default(), "the example's values must be the defaults");
    }
}
