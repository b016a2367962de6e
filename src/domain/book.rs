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

    /// For every gesture, the index of its partner in `partners`, or
    /// [`NOBODY`] when it names no one in the book. Aligned with `gestures`.
    pub fn owners(&self) -> Vec<u32> {
        owners(&self.partners, &self.gestures)
    }

    /// For every partner, the last touch: the newest gesture either way, or
    /// `since` when there is none. Aligned with `partners`.
    pub fn last_touches(&self) -> Vec<Option<NaiveDate>> {
        let mut newest: Vec<Option<NaiveDate>> = vec![None; self.partners.len()];
        for (g, o) in self.gestures.iter().zip(self.owners()) {
            if let Some(d) = newest.get_mut(o as usize) {
                *d = (*d).max(Some(g.date));
            }
        }
        newest
            .into_iter()
            .zip(&self.partners)
            .map(|(d, p)| d.or(p.since))
            .collect()
    }

    /// A partner's gestures, newest first (ties: later in the log first).
    pub fn gestures_of(&self, id: &str) -> Vec<&Gesture> {
        let mut v: Vec<&Gesture> = self.gestures.iter().filter(|g| g.contact == id).collect();
        v.reverse();
        v.sort_by_key(|g| std::cmp::Reverse(g.date));
        v
    }
}

/// What [`owners`] gives a gesture whose partner is not among the partners.
pub const NOBODY: u32 = u32::MAX;

/// For every gesture, the index of its partner in `partners`, or [`NOBODY`].
pub fn owners(partners: &[Partner], gestures: &[Gesture]) -> Vec<u32> {
    // foldhash rather than the flood-proof default: the ids come from the
    // user's own files, and hashing 100,000 of them is a large part of
    // deriving the panes.
    let mut index: foldhash::HashMap<&str, u32> = HashMap::with_capacity_and_hasher(partners.len(), Default::default());
    for (i, p) in partners.iter().enumerate() {
        index.insert(&p.id, i as u32);
    }
    gestures
        .iter()
        .map(|g| index.get(g.contact.as_str()).copied().unwrap_or(NOBODY))
        .collect()
}
