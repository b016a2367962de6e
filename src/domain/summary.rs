//! What the log says of each partner, in one pass: the numbers the lists,
//! the panes, the queue and the cache all need, derived the same way
//! everywhere: the last touch, what you owe, the connecting dates.

use super::book::owners;
use super::date::count_in_last_year;
use super::{Book, Direction, Gesture, Partner};
use chrono::NaiveDate;

/// One partner's gestures, summed up. Nothing in it depends on today, so
/// it can be kept (the cache does) and counted on gesture by gesture.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// The date of their latest gesture, either way.
    pub last_gesture: Option<NaiveDate>,
    /// The day they were added.
    pub since: Option<NaiveDate>,
    /// The dates of the referrals and introductions received from them,
    /// oldest first: what ranks the connectors (see
    /// [`crate::domain::connectors::rank_connectors`]).
    pub connecting: Vec<NaiveDate>,
    /// The dates of the referrals and introductions given to them, oldest
    /// first.
    pub giving: Vec<NaiveDate>,
}

impl Summary {
    /// A partner with no gestures yet.
    pub fn of(p: &Partner) -> Summary {
        Summary {
            since: p.since,
            ..Summary::default()
        }
    }

    /// The summary of partner `p` with these gestures of theirs.
    pub fn of_gestures<'a>(p: &Partner, gestures: impl IntoIterator<Item = &'a Gesture>) -> Summary {
        let mut s = Summary::of(p);
        gestures.into_iter().for_each(|g| s.add(g));
        s
    }

    /// The newest gesture either way, or else the day they were added, as
    /// [`last_touches`] gives it.
    pub fn last_touch(&self) -> Option<NaiveDate> {
        self.last_gesture.or(self.since)
    }

    /// What you owe them: the referrals and introductions received from
    /// them minus those given to them, over the 12 months that end `today`.
    /// Below zero, they owe you. The one rule behind the card, `show`, the
    /// partners pane's column (the same number from their side), `o` most
    /// owed, the `owe` filter, `refer`, Insights and `stats`.
    pub fn owe(&self, today: NaiveDate) -> i64 {
        i64::from(count_in_last_year(&self.connecting, today)) - i64::from(count_in_last_year(&self.giving, today))
    }

    /// The referrals and introductions received from them in the 12 months
    /// that end `today`: what ranks the connectors.
    pub fn connecting_in_last_year(&self, today: NaiveDate) -> u32 {
        count_in_last_year(&self.connecting, today)
    }

    /// Counts one more gesture of theirs, in any order.
    pub fn add(&mut self, g: &Gesture) {
        self.last_gesture = self.last_gesture.max(Some(g.date));
        if g.is_exchange() {
            let dates = match g.dir {
                Direction::Received => &mut self.connecting,
                Direction::Given => &mut self.giving,
            };
            // Kept in date order, so the summary is the same whatever
            // order the gestures are counted in.
            let at = dates.partition_point(|&d| d <= g.date);
            dates.insert(at, g.date);
        }
    }
}

/// For every partner of `book`, the last touch: the newest gesture either
/// way (under an id merged into them too), or `since` when there is none.
/// Aligned with `book.partners`.
pub fn last_touches(book: &Book) -> Vec<Option<NaiveDate>> {
    summarize(&book.partners, &book.gestures)
        .iter()
        .map(Summary::last_touch)
        .collect()
}

/// Each partner's summary, aligned with `partners`; gestures naming no one
/// among them are left out.
pub fn summarize(partners: &[Partner], gestures: &[Gesture]) -> Vec<Summary> {
    let mut out: Vec<Summary> = partners.iter().map(Summary::of).collect();
    for (g, owner) in gestures.iter().zip(owners(partners, gestures)) {
        if let Some(s) = out.get_mut(owner as usize) {
            s.add(g);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn g(contact: &str, date: NaiveDate, kind: Kind, dir: Direction) -> Gesture {
        Gesture {
            id: format!("g-{contact}-{date}-{kind}"),
            date,
            contact: contact.into(),
            kind,
            dir,
            note: None,
            value: None,
            outcome: None,
            re: None,
            extra: Default::default(),
        }
    }

    #[test]
    fn sums_up_each_partners_gestures() {
        let mut dana = Partner::new("dana", "Dana");
        dana.since = Some(day(1));
        let partners = vec![dana, Partner::new("eli", "Eli")];
        let gestures = vec![
            g("dana", day(5), Kind::Referral, Direction::Given),
            g("dana", day(3), Kind::Referral, Direction::Received),
            g("dana", day(4), Kind::Intro, Direction::Received),
            g("dana", day(6), Kind::Referral, Direction::Given),
            g("nobody", day(9), Kind::Referral, Direction::Given),
        ];
        let s = summarize(&partners, &gestures);
        assert_eq!(
            s[0],
            Summary {
                last_gesture: Some(day(6)),
                since: Some(day(1)),
                connecting: vec![day(3), day(4)],
                giving: vec![day(5), day(6)],
            }
        );
        assert_eq!(s[0].owe(day(20)), 0, "two received, two given");
        assert_eq!(s[0].owe(day(5)), 1, "on the 5th, one given yet");
        assert_eq!(s[1], Summary::default());
        assert_eq!(s[1].last_touch(), None);
        assert_eq!(s[0].last_touch(), Some(day(6)));
        let mut fresh = Summary::of(&partners[0]);
        assert_eq!(fresh.last_touch(), Some(day(1)), "no gesture: the day they were added");
        fresh.add(&gestures[1]);
        assert_eq!((fresh.owe(day(20)), fresh.last_touch()), (1, Some(day(3))));
    }
}
