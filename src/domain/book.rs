//! The book: every partner and every gesture, as loaded.

use super::{Gesture, Partner};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Book {
    /// Sorted by id.
    pub partners: Vec<Partner>,
    /// In file order (appended, so roughly by entry time).
    pub gestures: Vec<Gesture>,
}

impl Book {
    pub fn new(mut partners: Vec<Partner>, gestures: Vec<Gesture>) -> Self {
        partners.sort_by(|a, b| a.id.cmp(&b.id));
        Book { partners, gestures }
    }

    /// Index of the partner with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.partners.binary_search_by(|p| p.id.as_str().cmp(id)).ok()
    }

    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.position(id).map(|i| &self.partners[i])
    }

    /// Inserts keeping the id order.
    pub fn insert(&mut self, p: Partner) {
        let at = self
            .partners
            .binary_search_by(|q| q.id.cmp(&p.id))
            .unwrap_or_else(|i| i);
        self.partners.insert(at, p);
    }

    /// True if `id` was ever used: by a partner (archived too) or by the log.
    /// Ids are never reused, so a partner removed by hand keeps theirs.
    pub fn id_taken(&self, id: &str) -> bool {
        self.position(id).is_some() || self.gestures.iter().any(|g| g.contact == id)
    }

    /// For every partner, the last touch: the newest gesture either way, or
    /// `since` when there is none. Aligned with `partners`.
    pub fn last_touches(&self) -> Vec<Option<NaiveDate>> {
        let mut by_id: HashMap<&str, NaiveDate> = HashMap::with_capacity(self.partners.len());
        for g in &self.gestures {
            let e = by_id.entry(g.contact.as_str()).or_insert(g.date);
            if g.date > *e {
                *e = g.date;
            }
        }
        self.partners
            .iter()
            .map(|p| by_id.get(p.id.as_str()).copied().or(p.since))
            .collect()
    }

    /// A partner's gestures, newest first (ties: later in the log first).
    pub fn gestures_of(&self, id: &str) -> Vec<&Gesture> {
        let mut v: Vec<&Gesture> = self.gestures.iter().filter(|g| g.contact == id).collect();
        v.reverse();
        v.sort_by_key(|g| std::cmp::Reverse(g.date));
        v
    }

    /// Every gesture, newest first.
    pub fn gestures_newest_first(&self) -> Vec<&Gesture> {
        let mut v: Vec<&Gesture> = self.gestures.iter().rev().collect();
        v.sort_by_key(|g| std::cmp::Reverse(g.date));
        v
    }
}
