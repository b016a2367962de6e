// STUB
use super::queue::{QueueItem, QueueState};
use super::{Book, Gesture, Kind};
use crate::config::Config;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
#[derive(Debug, Clone, Serialize, Default)]
pub struct Counts {
    pub given: u32,
    pub received: u32,
}
#[derive(Debug, Clone, Serialize, Default)]
pub struct Balance {
    pub referrals_12m: Counts,
    pub referrals_all: Counts,
    pub intros_12m: Counts,
    pub by_kind_12m: BTreeMap<String, Counts>,
    pub by_kind_all: BTreeMap<String, Counts>,
    pub balance: i64,
    pub engaged: u32,
}
#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    pub contact: String,
    pub last_touch: Option<NaiveDate>,
    pub last_touch_kind: Option<Kind>,
    pub days_since: Option<i64>,
    pub cadence_days: u32,
    pub balance: Balance,
    pub connector: bool,
    pub next_action: String,
}
#[derive(Debug, Clone, Serialize)]
pub struct Connector {
    pub contact: String,
    pub score: u32,
}
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub by_stage: BTreeMap<String, u32>,
    pub referrals_12m: Counts,
    pub connectors: Vec<Connector>,
    pub one_way: Vec<String>,
    pub thanks_outstanding: u32,
    pub engaged_by_partner: BTreeMap<String, u32>,
    pub partners: u32,
}
pub fn ledger(_b: &Book, _c: &Config, _t: NaiveDate, _id: &str, _o: &[QueueItem], _cn: &[Connector]) -> Ledger {
    todo!()
}
pub fn connectors(_b: &Book, _c: &Config, _t: NaiveDate) -> Vec<Connector> {
    todo!()
}
pub fn warnings_for(_b: &Book, _c: &Config, _g: &Gesture) -> Vec<String> {
    todo!()
}
pub fn stats(_b: &Book, _s: &QueueState, _c: &Config, _t: NaiveDate) -> Stats {
    todo!()
}
