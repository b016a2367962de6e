//! How the copy holds partners, gestures and summaries. serde's remote
//! derive builds each from these fields, so a field added to the type and
//! not here fails to compile rather than being forgotten.

use crate::domain::partner::LabelledDate;
use crate::domain::summary::Summary;
use crate::domain::{Direction, Gesture, Kind, Outcome, Partner, Stage, YearlyDate};
use chrono::{Datelike, NaiveDate};
use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer, ser};

#[derive(Serialize, Deserialize)]
#[serde(remote = "Partner")]
struct PartnerDef {
    id: String,
    name: String,
    org: Option<String>,
    role: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    tags: Vec<String>,
    stage: Stage,
    cadence_days: Option<u32>,
    birthday: Option<YearlyDate>,
    dates: Vec<LabelledDate>,
    clientele: Option<String>,
    notes: Option<String>,
    benefit: Option<String>,
    #[serde(with = "opt_day")]
    since: Option<NaiveDate>,
    uid: Option<String>,
    aliases: Vec<String>,
    archived: bool,
    archived_reason: Option<String>,
    #[serde(with = "toml_text")]
    extra: toml::Table,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Gesture")]
struct GestureDef {
    id: String,
    #[serde(with = "day")]
    date: NaiveDate,
    contact: String,
    kind: Kind,
    dir: Direction,
    note: Option<String>,
    value: Option<f64>,
    outcome: Option<Outcome>,
    re: Option<String>,
    #[serde(with = "json_text")]
    extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Summary")]
struct SummaryDef {
    #[serde(with = "opt_day")]
    last_gesture: Option<NaiveDate>,
    #[serde(with = "opt_day")]
    since: Option<NaiveDate>,
    #[serde(with = "days")]
    connecting: Vec<NaiveDate>,
    #[serde(with = "days")]
    giving: Vec<NaiveDate>,
}

#[derive(Serialize)]
pub(super) struct PartnerOut<'a>(#[serde(with = "PartnerDef")] pub(super) &'a Partner);
#[derive(Deserialize)]
pub(super) struct PartnerIn(#[serde(with = "PartnerDef")] pub(super) Partner);
/// A gesture with its place in the log.
#[derive(Serialize, Clone)]
pub(super) struct GestureOut<'a>(pub(super) u32, #[serde(with = "GestureDef")] pub(super) &'a Gesture);
#[derive(Deserialize)]
pub(super) struct GestureIn(pub(super) u32, #[serde(with = "GestureDef")] pub(super) Gesture);

fn no_day<E: de::Error>() -> E {
    E::custom("no such day")
}

/// Dates as days from the common era: a number, not text to parse.
mod day {
    use super::*;
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        d.num_days_from_ce().serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        NaiveDate::from_num_days_from_ce_opt(i32::deserialize(d)?).ok_or_else(no_day)
    }
}

mod opt_day {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        d.map(|d| d.num_days_from_ce()).serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let n = Option::<i32>::deserialize(d)?;
        n.map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(no_day))
            .transpose()
    }
}

mod days {
    use super::*;
    pub fn serialize<S: Serializer>(v: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|d| d.num_days_from_ce()))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        let v = Vec::<i32>::deserialize(d)?;
        v.into_iter()
            .map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(no_day))
            .collect()
    }
}

pub(super) mod summaries {
    use super::*;
    #[derive(Serialize)]
    struct Out<'a>(#[serde(with = "SummaryDef")] &'a Summary);
    #[derive(Deserialize)]
    struct In(#[serde(with = "SummaryDef")] Summary);
    pub fn serialize<S: Serializer>(v: &[Summary], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(Out))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Summary>, D::Error> {
        Ok(Vec::<In>::deserialize(d)?.into_iter().map(|s| s.0).collect())
    }
}

/// Unknown keys as TOML text: postcard is not self-describing, and a
/// `toml::Table` needs a format that is. They are rare: none is one byte.
mod toml_text {
    use super::*;
    pub fn serialize<S: Serializer>(t: &toml::Table, s: S) -> Result<S::Ok, S::Error> {
        let text = (!t.is_empty()).then(|| toml::to_string(t)).transpose();
        text.map_err(ser::Error::custom)?.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<toml::Table, D::Error> {
        let text = Option::<&str>::deserialize(d)?;
        text.map_or(Ok(toml::Table::new()), |t| toml::from_str(t).map_err(de::Error::custom))
    }
}

/// Unknown fields of a gesture as JSON text, for the same reason.
mod json_text {
    use super::*;
    type Map = serde_json::Map<String, serde_json::Value>;
    pub fn serialize<S: Serializer>(m: &Map, s: S) -> Result<S::Ok, S::Error> {
        let text = (!m.is_empty()).then(|| serde_json::to_string(m)).transpose();
        text.map_err(ser::Error::custom)?.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map, D::Error> {
        let text = Option::<&str>::deserialize(d)?;
        text.map_or(Ok(Map::new()), |t| serde_json::from_str(t).map_err(de::Error::custom))
    }
}
