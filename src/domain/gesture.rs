//! A gesture: one logged exchange of value with a partner.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of gesture it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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
    pub const ALL: [Kind; 14] = [
        Kind::Referral,
        Kind::ThankYou,
        Kind::Update,
        Kind::Gift,
        Kind::Meeting,
        Kind::Call,
        Kind::Message,
        Kind::Intro,
        Kind::Share,
        Kind::Invite,
        Kind::Favor,
        Kind::Card,
        Kind::Ask,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Referral => "referral",
            Kind::ThankYou => "thank-you",
            Kind::Update => "update",
            Kind::Gift => "gift",
            Kind::Meeting => "meeting",
            Kind::Call => "call",
            Kind::Message => "message",
            Kind::Intro => "intro",
            Kind::Share => "share",
            Kind::Invite => "invite",
            Kind::Favor => "favor",
            Kind::Card => "card",
            Kind::Ask => "ask",
            Kind::Other => "other",
        }
    }

    /// The list of kinds for messages: `referral, thank-you, …`.
    pub fn names() -> String {
        Kind::ALL.map(Kind::as_str).join(", ")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        let t = match t.as_str() {
            "thanks" | "thank" | "thankyou" => "thank-you",
            "favour" => "favor",
            "introduction" => "intro",
            other => other,
        };
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| format!("unknown gesture kind '{s}' (expected one of {})", Kind::names()))
    }
}

/// Which way the value flowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// From you to them (the default).
    #[default]
    Given,
    /// From them to you.
    Received,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Given => "given",
            Direction::Received => "received",
        }
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
        match s.trim() {
            "given" => Ok(Direction::Given),
            "received" => Ok(Direction::Received),
            _ => Err(format!("unknown direction '{s}' (expected given or received)")),
        }
    }
}

/// How a referral turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Engaged,
    Declined,
    Pending,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Engaged => "engaged",
            Outcome::Declined => "declined",
            Outcome::Pending => "pending",
        }
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "engaged" => Ok(Outcome::Engaged),
            "declined" => Ok(Outcome::Declined),
            "pending" => Ok(Outcome::Pending),
            _ => Err(format!("unknown outcome '{s}' (expected engaged, declined or pending)")),
        }
    }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Gesture {
    pub fn is(&self, kind: Kind, dir: Direction) -> bool {
        self.kind == kind && self.dir == dir
    }
}
