//! Settings from `config.toml`. Every key is optional; `config.example.toml`
//! documents each one with its default. The rules go to the domain as
//! [`Rules`]; the screen's settings and key remaps stay with the app.

use crate::domain::Rules;
use crate::domain::draft::Me;
use serde::Deserialize;
use std::collections::BTreeMap;

/// All settings: the rules the domain follows, the screen's, and key remaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub rules: Rules,
    pub ui: UiConfig,
    /// Key remaps: action name to a list of keys.
    pub keys: BTreeMap<String, Vec<String>>,
    /// `[me]`: who writes the drafts, and your addresses.
    pub me: Me,
    /// Mail to more people than this is no personal touch
    /// (`mail_max_recipients`, default 10).
    pub mail_max_recipients: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Rules::default(),
            ui: UiConfig::default(),
            keys: BTreeMap::new(),
            me: Me::default(),
            mail_max_recipients: 10,
        }
    }
}

/// The `[ui]` table.
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

/// `config.toml` as written: the rules sit at the top level beside `[ui]`
/// and `[keys]`. Read through this flat struct, not `#[serde(flatten)]` into
/// [`Config`], because flatten hides unknown keys from `serde_ignored`.
#[derive(Deserialize)]
#[serde(default)]
struct File {
    default_cadence_days: u32,
    update_after_days: u32,
    owed_window_days: u32,
    follow_up_days: u32,
    quiet_min: u32,
    quiet_after_days: u32,
    date_lead_days: u32,
    one_way_after: u32,
    ask_gift_gap_days: u32,
    gift_limit_per_year: Option<f64>,
    currency: String,
    connector_count: usize,
    connector_min: u32,
    cadence: CadenceFile,
    ui: UiConfig,
    keys: BTreeMap<String, Vec<String>>,
    me: Me,
    mail_max_recipients: usize,
}

/// The `[cadence]` table.
#[derive(Default, Deserialize)]
#[serde(default)]
struct CadenceFile {
    tags: BTreeMap<String, u32>,
}

impl Default for File {
    // The defaults live in `Rules` and `UiConfig`; an empty file gives them.
    fn default() -> Self {
        let Config {
            rules,
            ui,
            keys,
            me,
            mail_max_recipients,
        } = Config::default();
        File {
            default_cadence_days: rules.default_cadence_days,
            update_after_days: rules.update_after_days,
            owed_window_days: rules.owed_window_days,
            follow_up_days: rules.follow_up_days,
            quiet_min: rules.quiet_min,
            quiet_after_days: rules.quiet_after_days,
            date_lead_days: rules.date_lead_days,
            one_way_after: rules.one_way_after,
            ask_gift_gap_days: rules.ask_gift_gap_days,
            gift_limit_per_year: rules.gift_limit_per_year,
            currency: rules.currency,
            connector_count: rules.connector_count,
            connector_min: rules.connector_min,
            cadence: CadenceFile {
                tags: rules.cadence_tags,
            },
            ui,
            keys,
            me,
            mail_max_recipients,
        }
    }
}

impl From<File> for Config {
    fn from(f: File) -> Self {
        Config {
            rules: Rules {
                default_cadence_days: f.default_cadence_days,
                update_after_days: f.update_after_days,
                owed_window_days: f.owed_window_days,
                follow_up_days: f.follow_up_days,
                quiet_min: f.quiet_min,
                quiet_after_days: f.quiet_after_days,
                date_lead_days: f.date_lead_days,
                one_way_after: f.one_way_after,
                ask_gift_gap_days: f.ask_gift_gap_days,
                gift_limit_per_year: f.gift_limit_per_year,
                currency: f.currency,
                connector_count: f.connector_count,
                connector_min: f.connector_min,
                cadence_tags: f.cadence.tags,
            },
            ui: f.ui,
            keys: f.keys,
            me: f.me,
            mail_max_recipients: f.mail_max_recipients,
        }
    }
}

impl Config {
    /// Parses `config.toml` text. Unknown keys do not fail the load: each is
    /// returned by its dotted path so the caller can warn about typos.
    pub fn parse(text: &str) -> Result<(Config, Vec<String>), toml::de::Error> {
        let mut unknown = Vec::new();
        let de = toml::Deserializer::parse(text)?;
        let file: File = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))?;
        Ok((file.into(), unknown))
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
        assert_eq!(c.rules.one_way_after, 5);
        assert_eq!(c.rules.cadence_for(None, &["attorney".into()]), 14);
        assert_eq!(c.rules.cadence_for(Some(0), &["attorney".into()]), 0);
        assert!(!c.ui.mouse);
    }

    #[test]
    fn me_is_read_and_its_unknown_keys_named() {
        let (c, unknown) = Config::parse("[me]\nname = \"Maya Brooks\"\noffer = \"talks\"\nphone = 1\n").unwrap();
        assert_eq!(c.me.name, "Maya Brooks");
        assert_eq!(c.me.offer, "talks");
        assert_eq!(c.me.practice, "");
        assert_eq!(unknown, vec!["me.phone".to_string()]);
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
