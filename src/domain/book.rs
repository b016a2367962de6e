//! The book: every partner and every gesture, as loaded.

use super::{Gesture, Partner, YearlyDate};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Every partner and every gesture: what the queue, the ledger and the
/// panes are derived from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Book {
    /// Sorted by id.
    pub partners: Vec<Partner>,
    /// In file order (appended, so roughly by entry time).
    pub gestures: Vec<Gesture>,
}

impl Book {
    /// A book of these partners (sorted here by id) and this log.
    pub fn new(mut partners: Vec<Partner>, gestures: Vec<Gesture>) -> Self {
        partners.sort_by(|a, b| a.id.cmp(&b.id));
        Book { partners, gestures }
    }

    /// Index of the partner with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.partners.binary_search_by(|p| p.id.as_str().cmp(id)).ok()
    }

    /// Index of the partner with this id, or of the one a partner with
    /// this id was merged into.
    pub fn position_or_alias(&self, id: &str) -> Option<usize> {
        self.position(id)
            .or_else(|| self.partners.iter().position(|p| p.aliases.iter().any(|a| a == id)))
    }

    /// The partner with this id.
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
        self.position_or_alias(id).is_some() || self.gestures.iter().any(|g| g.contact == id)
    }

    /// For every gesture, the index of its partner in `partners`, or
    /// [`NOBODY`] when it names no one in the book. Aligned with `gestures`.
    pub fn owners(&self) -> Vec<u32> {
        owners(&self.partners, &self.gestures)
    }

    /// A partner's history: their gestures, oldest first (ties: log order),
    /// those logged under an id merged into them included, as [`owners`]
    /// gives them. What every rule about one partner reads.
    pub fn history(&self, id: &str) -> Vec<&Gesture> {
        let aliases = self.partner(id).map(|p| p.aliases.as_slice()).unwrap_or_default();
        // An alias that is also a partner's own id names that partner.
        let theirs = |g: &Gesture| {
            same_id(&g.contact, id) || (aliases.contains(&g.contact) && self.position(&g.contact).is_none())
        };
        let mut v: Vec<&Gesture> = self.gestures.iter().filter(|g| theirs(g)).collect();
        v.sort_by_key(|g| g.date);
        v
    }

    /// A partner's gestures, newest first (ties: later in the log first):
    /// their [`Book::history`] the other way round.
    pub fn gestures_of(&self, id: &str) -> Vec<&Gesture> {
        let mut v = self.history(id);
        v.reverse();
        v
    }

    /// Moves every date by the same number of days so that the newest
    /// gesture falls on `newest`: the gestures, `since`, birthdays and
    /// yearly dates. A yearly date moves as its day in the newest gesture's
    /// year does; a leap-day one stays on 29 February. A book with no
    /// gestures stays as it is. The demo uses this to look recent on any day.
    pub fn move_dates_to(&mut self, newest: NaiveDate) {
        let Some(latest) = self.gestures.iter().map(|g| g.date).max() else {
            return;
        };
        let offset = chrono::Duration::days(newest.signed_duration_since(latest).num_days());
        let shift = |d: NaiveDate| d.checked_add_signed(offset).unwrap_or(d);
        let shift_yearly = |y: YearlyDate| {
            if (y.month, y.day) == (2, 29) {
                return y; // a leap-day birthday stays one
            }
            let base = y.in_year(latest.year());
            let moved = shift(base);
            YearlyDate {
                year: y.year.map(|yr| yr + moved.year() - base.year()),
                month: moved.month(),
                day: moved.day(),
            }
        };
        for p in &mut self.partners {
            p.since = p.since.map(shift);
            p.birthday = p.birthday.map(shift_yearly);
            for d in &mut p.dates {
                d.date = shift_yearly(d.date);
            }
        }
        for g in &mut self.gestures {
            g.date = shift(g.date);
        }
    }
}

/// What [`owners`] gives a gesture whose partner is not among the partners.
pub const NOBODY: u32 = u32::MAX;

/// `a == b`, quicker when most of the ids compared differ: ids of one
/// length and one last character are rare, so the whole comparison (a call
/// of its own) is mostly skipped. What a scan of the whole log for one id
/// spends its time on.
pub fn same_id(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// For every gesture, the index of its partner in `partners`, or [`NOBODY`].
pub fn owners(partners: &[Partner], gestures: &[Gesture]) -> Vec<u32> {
    // foldhash rather than the flood-proof default: the ids come from the
    // user's own files, and hashing 100,000 of them is a large part of
    // deriving the panes.
    let mut index: foldhash::HashMap<&str, u32> = HashMap::with_capacity_and_hasher(partners.len(), Default::default());
    for (i, p) in partners.iter().enumerate() {
        for a in &p.aliases {
            index.entry(a).or_insert(i as u32);
        }
    }
    // An id in use wins over an alias that names it too.
    for (i, p) in partners.iter().enumerate() {
        index.insert(&p.id, i as u32);
    }
    gestures
        .iter()
        .map(|g| index.get(g.contact.as_str()).copied().unwrap_or(NOBODY))
        .collect()
}
