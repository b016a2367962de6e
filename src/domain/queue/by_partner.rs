//! Every partner's gestures, grouped once for all that reads them.

use crate::domain::{Book, Gesture};

/// Every partner's gestures, aligned with `book.partners`, oldest first
/// (stable, so same-day gestures keep their log order), in one block: the
/// queue, the connectors, the last touches and the balances all read the
/// same grouping, made once.
pub struct ByPartner<'a> {
    /// Partner i's gestures are `gestures[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    gestures: Vec<&'a Gesture>,
}

impl<'a> ByPartner<'a> {
    /// Groups the book's gestures by partner, in one pass over the log.
    pub fn new(book: &'a Book) -> ByPartner<'a> {
        let owners = book.owners();
        let mut starts = vec![0usize; book.partners.len() + 1];
        for &o in &owners {
            if let Some(n) = starts.get_mut(o as usize + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let Some(first) = book.gestures.first() else {
            return ByPartner {
                starts,
                gestures: Vec::new(),
            };
        };
        // Each partner's gestures in log order, then sorted by date (stable).
        let mut next = starts.clone();
        let mut gestures = vec![first; starts[book.partners.len()]];
        for (g, &o) in book.gestures.iter().zip(&owners) {
            if let Some(at) = next.get_mut(o as usize) {
                gestures[*at] = g;
                *at += 1;
            }
        }
        for w in starts.windows(2) {
            gestures[w[0]..w[1]].sort_by_key(|g| g.date);
        }
        ByPartner { starts, gestures }
    }

    /// Partner i's gestures, oldest first.
    pub fn of(&self, i: usize) -> &[&'a Gesture] {
        &self.gestures[self.starts[i]..self.starts[i + 1]]
    }
}
