//! A partner: a contact seen as a referral relationship.

use super::date::YearlyDate;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use strum::VariantArray;

/// Where a relationship stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Stage {
    #[default]
    ReachOut,
    Rapport,
    MutualBenefit,
    Trust,
}

impl Stage {
    /// Every stage, from the first contact to trust.
    pub const ALL: &'static [Stage] = <Stage as VariantArray>::VARIANTS;

    /// The name as `contacts.toml` writes it: `reach-out`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl FromStr for Stage {
    type Err = String;
    /// The full name, or the start of one that no other stage shares
    /// (`mutual`, `reach`: as the partners pane shows them).
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_lowercase();
        if let Some(stage) = super::gesture::by_name(&t) {
            return Ok(stage);
        }
        let mut starting = Stage::ALL
            .iter()
            .filter(|st| !t.is_empty() && st.as_str().starts_with(&t));
        match (starting.next(), starting.next()) {
            (Some(&stage), None) => Ok(stage),
            _ => Err(format!(
                "unknown stage '{s}' (expected reach-out, rapport, mutual-benefit or trust)"
            )),
        }
    }
}

/// Another date that comes back every year, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledDate {
    pub label: String,
    pub date: YearlyDate,
}

/// Keys of a partner's kept extra fields that an import writes on purpose
/// (the vCard's structured name, kind and phone types, for the export;
/// see `interop::extras`): contacts.toml keeps them without a warning.
pub const IMPORT_KEYS: [&str; 3] = ["vcard_n", "vcard_kind", "phone_types"];

/// One partner. Field names follow `contacts.toml`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Partner {
    /// Slug of the name; unique, never reused.
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub stage: Stage,
    /// Days between touches; `None` takes the configured default, 0 is never due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<YearlyDate>,
    /// Other yearly dates (anniversaries, the day they opened their practice).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<LabelledDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clientele: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What's in it for them: what you can offer this partner (overflow
    /// cases, a talk for their group). Drafts and refer-out read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// A stable identifier from the address book it was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// The ids of partners merged into this one (`rapport merge`): they
    /// still name this partner, so old references resolve.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// Why they were archived ("not a fit"), when a reason was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived_reason: Option<String>,
    /// Keys this version does not know, kept so nothing is lost on save.
    #[serde(skip_serializing_if = "toml::Table::is_empty", rename = "extra")]
    pub extra: toml::Table,
}

impl Partner {
    /// A partner with this id and name and nothing else set.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Partner {
            id: id.into(),
            name: name.into(),
            ..Partner::default()
        }
    }

    /// True when `id` is this partner's id or one merged into them.
    pub fn names(&self, id: &str) -> bool {
        self.id == id || self.aliases.iter().any(|a| a == id)
    }

    /// `Name (Org)` or just the name.
    pub fn label(&self) -> String {
        match &self.org {
            Some(org) if !org.is_empty() => format!("{} ({org})", self.name),
            _ => self.name.clone(),
        }
    }
}
