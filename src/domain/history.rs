//! Every partner's history: their gestures, those logged under an id merged
//! into them included, grouped once for all that reads them. One partner's
//! alone is [`Book::history`], the same gestures in the same order.

use super::summary::Summary;
use super::{Book, Gesture};

/// Every partner's gestures, aligned with `book.partners`, oldest first
/// (stable, so same-day gestures keep their log order), aliases folded in
/// (as [`Book::owners`] resolves them), in one block: the queue, the
/// connectors, the summaries, refer-out and Insights all read the same
/// grouping, made once.
pub struct History<'a> {
    /// Partner i's gestures are `gestures[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    gestures: Vec<&'a Gesture>,
    /// Each gesture's partner (an index into `book.partners`, or
    /// [`super::book::NOBODY`]), aligned with `book.gestures`.
    owners: Vec<u32>,
}

impl<'a> History<'a> {
    /// Groups the book's gestures by partner, in one pass over the log.
    pub fn new(book: &'a Book) -> History<'a> {
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
            return History {
                starts,
                gestures: Vec::new(),
                owners,
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
        History {
            starts,
            gestures,
            owners,
        }
    }

    /// Each gesture's partner, aligned with `book.gestures`: what finds one
    /// partner's gestures again without reading every gesture.
    pub fn into_owners(self) -> Vec<u32> {
        self.owners
    }

    /// Partner i's gestures, oldest first.
    pub fn of(&self, i: usize) -> &[&'a Gesture] {
        &self.gestures[self.starts[i]..self.starts[i + 1]]
    }

    /// How many partners there are.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True for a book with no partner.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each partner's summary, aligned with `book.partners`.
    pub fn summaries(&self, book: &Book) -> Vec<Summary> {
        book.partners
            .iter()
            .enumerate()
            .map(|(i, p)| Summary::of_gestures(p, self.of(i).iter().copied()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{day, g};
    use crate::domain::{Direction, Kind, Partner};

    #[test]
    fn gestures_under_a_merged_id_are_the_partners_own() {
        let mut dana = Partner::new("dana-lee", "Dana Lee");
        dana.aliases = vec!["dana-lee-2".into(), "sam".into()];
        let book = Book::new(
            vec![dana, Partner::new("sam", "Sam Cho")],
            vec![
                g(1, "dana-lee-2", "2026-11-19", Kind::Referral, Direction::Received),
                g(2, "dana-lee", "2026-11-01", Kind::Call, Direction::Given),
                g(3, "sam", "2026-11-02", Kind::Call, Direction::Given),
                g(4, "nobody", "2026-11-02", Kind::Call, Direction::Given),
            ],
        );
        let h = History::new(&book);
        let ids = |gs: &[&Gesture]| gs.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(h.of(0)), ["g-0002", "g-0001"], "oldest first, the alias's too");
        assert_eq!(
            ids(h.of(0)),
            ids(&book.history("dana-lee")),
            "one partner's history is the same"
        );
        assert_eq!(
            ids(h.of(1)),
            ids(&book.history("sam")),
            "an alias that is someone's id names them"
        );
        let s = &h.summaries(&book)[0];
        assert_eq!((s.last_touch(), s.owe(day("2026-11-20"))), (Some(day("2026-11-19")), 1));
    }
}
