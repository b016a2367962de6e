//! Placeholder until the queue engine lands.
use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueState {
    pub snoozed: BTreeMap<String, NaiveDate>,
}
// STUB
use super::Book;
use super::Kind;
use crate::config::Config;
use serde::Serialize;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Thank,
    Update,
    Touch,
    Date,
    OneWay,
}
impl ItemKind {
    pub fn as_str(self) -> &'static str {
        "x"
    }
}
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    pub key: String,
    pub kind: ItemKind,
    pub contact: String,
    pub due: NaiveDate,
    pub text: String,
    pub gesture: Option<String>,
    pub logs: Option<Kind>,
    #[serde(skip)]
    pub urgency: f64,
}
pub fn due_items(_b: &Book, _s: &QueueState, _c: &Config, _t: NaiveDate) -> Vec<QueueItem> {
    todo!()
}
pub fn all_items(_b: &Book, _s: &QueueState, _c: &Config, _t: NaiveDate) -> Vec<QueueItem> {
    todo!()
}
