//! A gesture: one logged exchange of value with a partner.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use strum::VariantArray;

/// What kind of gesture it was.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    Referral,
    ThankYou,
    Update,
    Gift,
    Meeting,
    Call,
    Message,
    Intro,
    Share,
    Invite,
    Favor,
    Card,
    Ask,
    Other,
}

impl Kind {
    /// Every kind, in the order lists and pickers show them.
    pub const ALL: &'static [Kind] = <Kind as VariantArray>::VARIANTS;

    /// The name as the log writes it: `thank-you`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The list of kinds for messages: `referral, thank-you, …`.
    pub fn names() -> String {
        Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
    }
}

impl FromStr for Kind {
    type Err = String;
    /// A kind's name in any case, or one of a few everyday spellings.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        let t = match t.as_str() {
            "thanks" | "thank" | "thankyou" => "thank-you",
            "favour" => "favor",
            "introduction" => "intro",
            other => other,
        };
        by_name(t).ok_or_else(|| format!("unknown gesture kind '{s}' (expected one of {})", Kind::names()))
    }
}

/// Which way the value flowed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Direction {
    /// From you to them (the default).
    #[default]
    Given,
    /// From them to you.
    Received,
}

impl Direction {
    /// Both directions, given first.
    pub const ALL: &'static [Direction] = <Direction as VariantArray>::VARIANTS;

    /// `given` or `received`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// `→` for given, `←` for received.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Given => "→",
            Direction::Received => "←",
        }
    }
}

impl FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        by_name(s.trim()).ok_or_else(|| format!("unknown direction '{s}' (expected given or received)"))
    }
}

/// How a referral turned out.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Outcome {
    Engaged,
    Declined,
    Pending,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: &'static [Outcome] = <Outcome as VariantArray>::VARIANTS;

    /// `engaged`, `declined` or `pending`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        by_name(s.trim()).ok_or_else(|| format!("unknown outcome '{s}' (expected engaged, declined or pending)"))
    }
}

/// The variant named exactly `name`. The `FromStr` impls wrap it rather than
/// derive `EnumString`, so their messages can list what is expected.
pub(super) fn by_name<T>(name: &str) -> Option<T>
where
    T: VariantArray + Copy + Into<&'static str>,
{
    T::VARIANTS.iter().copied().find(|&v| v.into() == name)
}

/// One line of the gesture log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gesture {
    /// Unique and never reused, so logs from two machines merge by id.
    pub id: String,
    pub date: NaiveDate,
    /// The partner's id.
    pub contact: String,
    pub kind: Kind,
    pub dir: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Money value (gifts), in the configured currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// How a referral received turned out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The id of the referral this gesture answers (a thank-you, card, gift
    /// or update for that one referral). Absent: it answers the oldest open
    /// referral of the partner on or before its date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub re: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Gesture {
    /// True if it is a gesture of this kind, this way.
    pub fn is(&self, kind: Kind, dir: Direction) -> bool {
        self.kind == kind && self.dir == dir
    }

    /// True for a referral or an introduction, either way: what "owe"
    /// counts (see [`crate::domain::summary::Summary::owe`]).
    pub fn is_exchange(&self) -> bool {
        matches!(self.kind, Kind::Referral | Kind::Intro)
    }

    /// True for a referral or an introduction received: what makes a
    /// partner a connector.
    pub fn is_connecting(&self) -> bool {
        self.is_exchange() && self.dir == Direction::Received
    }

    /// "thank-you to Dana Lee" / "referral from Dana Lee", with `name` the
    /// partner's.
    pub fn describe(&self, name: &str) -> String {
        match self.dir {
            Direction::Given => format!("{} to {name}", self.kind),
            Direction::Received => format!("{} from {name}", self.kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Stage;

    /// The names strum gives must be the ones serde writes to the files.
    fn same_as_serde<T: Serialize + Copy + Into<&'static str>>(all: &[T]) {
        for &v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), v.into());
        }
    }

    #[test]
    fn names_match_the_files_and_parse_back() {
        same_as_serde(Kind::ALL);
        same_as_serde(Direction::ALL);
        same_as_serde(Outcome::ALL);
        same_as_serde(Stage::ALL);
        for &k in Kind::ALL {
            assert_eq!(k.to_string().parse(), Ok(k));
        }
        assert_eq!(" Favour ".parse(), Ok(Kind::Favor));
        assert_eq!(Stage::MutualBenefit.to_string(), "mutual-benefit");
        assert_eq!("received ".parse(), Ok(Direction::Received));
        assert_eq!(
            "won".parse::<Outcome>(),
            Err("unknown outcome 'won' (expected engaged, declined or pending)".to_string())
        );
    }
}
