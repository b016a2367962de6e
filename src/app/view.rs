//! What the panes show, derived from the data once per change rather than
//! once per frame. A gesture logged through the quick path updates only its
//! partner's part (see [`View::gesture_added`]).

use crate::domain::book::NOBODY;
use crate::domain::connectors::{connects, rank_connectors};
use crate::domain::filter::{Facts, Filter, Sort};
use crate::domain::history::History;
use crate::domain::queue::{ItemKind, QueueItem, Snoozed, order, partner_items, raise_items};
use crate::domain::search::SearchIndex;
use crate::domain::summary::Summary;
use crate::domain::text::fold;
use crate::domain::{Book, Gesture, Rules};
use crate::store::Data;
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::HashSet;

pub struct View {
    pub items: Vec<QueueItem>,
    /// The items a snooze hides, in queue order, with the day each shows
    /// again: the card lists a partner's, `:snoozed` shows them all.
    pub snoozed: Vec<Snoozed>,
    /// The queue pane shows the snoozed items (`:snoozed`) instead of
    /// those due.
    pub showing_snoozed: bool,
    /// Each summary's last touch, as the search ranks ties by it.
    pub touches: Vec<Option<NaiveDate>>,
    pub connectors: HashSet<String>,
    pub index: SearchIndex,
    /// The partners pane's rows (indices into `book.partners`): active
    /// partners by name, or as the filter and sort say.
    pub partners: Vec<usize>,
    /// Every partner, archived too, by name: what the filter picks from.
    named: Vec<usize>,
    /// How many partners are not archived.
    pub active: usize,
    /// What the log says of each partner (last touch, what you owe,
    /// connecting dates), aligned with `book.partners`: the same summary
    /// the cache keeps and `list` and `search` read.
    pub summaries: Vec<Summary>,
    /// Gestures shown in the log (indices into `book.gestures`), newest first.
    pub log: Vec<usize>,
    /// The partner the log is filtered to, if any.
    pub log_for: Option<String>,
    pub thanks_owed: usize,
    /// Referrals and introductions received in the last 12 months, aligned
    /// with `book.partners`: what ranks the connectors.
    connecting: Vec<u32>,
    /// Each gesture's partner, aligned with `book.gestures` (see
    /// [`crate::domain::book::owners`]): one partner's history without
    /// reading every gesture.
    owners: Vec<u32>,
}

impl View {
    pub fn build(data: &Data, rules: &Rules, today: NaiveDate, log_for: Option<&str>) -> View {
        let book = &data.book;
        // The search index, the name order and the log need nothing from
        // the rest: on a large book they are made on a second thread.
        let listing = || (SearchIndex::new(&book.partners), by_name(book), log_rows(book, log_for));
        let (queue, (index, named, log)) = if book.gestures.len() + book.partners.len() < ON_TWO_THREADS {
            (Queue::new(data, rules, today), listing())
        } else {
            std::thread::scope(|s| {
                let other = s.spawn(listing);
                let queue = Queue::new(data, rules, today);
                (queue, other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            })
        };
        View {
            thanks_owed: thanks_owed(&queue.items),
            connectors: connectors_of(book, rules, &queue.connecting),
            items: queue.items,
            snoozed: queue.snoozed,
            showing_snoozed: false,
            touches: queue.summaries.iter().map(Summary::last_touch).collect(),
            summaries: queue.summaries,
            index,
            partners: named.iter().copied().filter(|&i| !book.partners[i].archived).collect(),
            active: book.partners.iter().filter(|p| !p.archived).count(),
            named,
            log,
            log_for: log_for.map(String::from),
            connecting: queue.connecting,
            owners: queue.owners,
        }
    }

    /// Brings the view up to date after one gesture was added at the end
    /// of `data`'s log, nothing else having changed since the view was made
    /// from it: only that partner's queue items, last touch, balance and
    /// connector standing, and the gesture's row in the log, are derived
    /// again. The result is what [`View::build`] makes of `data` with this
    /// view's log filter.
    pub fn gesture_added(&mut self, data: &Data, rules: &Rules, today: NaiveDate) {
        let book = &data.book;
        let Some(newest) = book.gestures.len().checked_sub(1) else {
            return;
        };
        let g = &book.gestures[newest];
        if self.log_for.as_deref().is_none_or(|c| logged_for(book, c, &g.contact)) {
            // Newest first, and among the same date the later line first:
            // the new line goes before every other of its date.
            let at = self.log.partition_point(|&j| book.gestures[j].date > g.date);
            self.log.insert(at, newest);
        }
        // Logged under an id merged into a partner, it is theirs.
        let owner = book.position_or_alias(&g.contact);
        let in_step = self.owners.len() == newest;
        if in_step {
            self.owners.push(owner.map_or(NOBODY, |i| i as u32));
        }
        let Some(i) = owner else {
            return;
        };
        let p = &book.partners[i];
        // Their history, as `Book::history` gives it, found through the
        // owners rather than by reading every gesture.
        let mine = if in_step {
            let mut mine: Vec<&Gesture> = (self.owners.iter().enumerate())
                .filter(|&(_, &o)| o == i as u32)
                .map(|(j, _)| &book.gestures[j])
                .collect();
            mine.sort_by_key(|g| g.date);
            mine
        } else {
            self.owners = book.owners();
            book.history(&p.id)
        };

        self.items.retain(|it| it.contact != p.id);
        self.snoozed.retain(|s| s.item.contact != p.id);
        let (shown, hidden) = data.queue.part(partner_items(p, &mine, rules, today), today);
        for item in shown {
            // After every item that sorts before it or equal to it, as a
            // stable sort of the whole queue would place it.
            let at = self.items.partition_point(|x| order(x, &item).is_le());
            self.items.insert(at, item);
        }
        for s in hidden {
            let at = self.snoozed.partition_point(|x| order(&x.item, &s.item).is_le());
            self.snoozed.insert(at, s);
        }
        self.thanks_owed = thanks_owed(&self.items);
        self.summaries[i].add(g);
        self.touches[i] = self.summaries[i].last_touch();
        if connects(g, today) {
            self.connecting[i] += 1;
            self.connectors = connectors_of(book, rules, &self.connecting);
        }
    }
}

impl View {
    /// The queue pane's rows: the items due, or with `:snoozed` those a
    /// snooze hides.
    pub fn queue(&self) -> impl Iterator<Item = &QueueItem> {
        let (due, hidden) = if self.showing_snoozed {
            (0, usize::MAX)
        } else {
            (usize::MAX, 0)
        };
        (self.items.iter().take(due)).chain(self.snoozed.iter().take(hidden).map(|s| &s.item))
    }

    /// How many rows the queue pane has.
    pub fn queue_len(&self) -> usize {
        if self.showing_snoozed {
            self.snoozed.len()
        } else {
            self.items.len()
        }
    }

    /// The item on a row of the queue pane.
    pub fn queue_at(&self, row: usize) -> Option<&QueueItem> {
        if self.showing_snoozed {
            self.snoozed.get(row).map(|s| &s.item)
        } else {
            self.items.get(row)
        }
    }

    /// The item with this key, due or snoozed.
    pub fn item(&self, key: &str) -> Option<&QueueItem> {
        (self.items.iter())
            .chain(self.snoozed.iter().map(|s| &s.item))
            .find(|i| i.key == key)
    }

    /// The partners pane's rows as `filter` and `sort` have them.
    pub fn arrange(&mut self, book: &Book, filter: &Filter, sort: Sort, today: NaiveDate) {
        self.showing_snoozed = filter.wants_snoozed();
        let snoozed: HashSet<&str> = self.snoozed.iter().map(|s| s.item.contact.as_str()).collect();
        let mut rows: Vec<usize> = self
            .named
            .iter()
            .copied()
            .filter(|&i| {
                let facts = Facts {
                    summary: &self.summaries[i],
                    connector: self.connectors.contains(&book.partners[i].id),
                    snoozed: snoozed.contains(book.partners[i].id.as_str()),
                };
                filter.keeps(&book.partners[i], &facts, today)
            })
            .collect();
        sort.arrange(&mut rows, |i| &self.summaries[i], today);
        self.partners = rows;
    }
}

/// A book smaller than this (partners and gestures together) is derived on
/// one thread: a second would cost more to start than it saves.
const ON_TWO_THREADS: usize = 20_000;

/// What is derived from each partner's gestures.
struct Queue {
    items: Vec<QueueItem>,
    snoozed: Vec<Snoozed>,
    summaries: Vec<Summary>,
    connecting: Vec<u32>,
    owners: Vec<u32>,
}

impl Queue {
    fn new(data: &Data, config: &Rules, today: NaiveDate) -> Queue {
        let book = &data.book;
        let history = History::new(book);
        let n = book.partners.len();
        let mut q = Queue {
            items: Vec::new(),
            snoozed: Vec::new(),
            summaries: Vec::with_capacity(n),
            connecting: Vec::with_capacity(n),
            owners: Vec::new(),
        };
        // One pass over each partner's gestures for everything, while they
        // are at hand.
        for (i, p) in book.partners.iter().enumerate() {
            let mine = history.of(i);
            raise_items(p, mine, config, today, &mut q.items);
            let s = Summary::of_gestures(p, mine.iter().copied());
            q.connecting.push(s.connecting_in_last_year(today));
            q.summaries.push(s);
        }
        q.items.sort_by(order);
        (q.items, q.snoozed) = data.queue.part(std::mem::take(&mut q.items), today);
        q.owners = history.into_owners();
        q
    }
}

/// Every partner (indices into `book.partners`) by name, accents and
/// case aside.
fn by_name(book: &Book) -> Vec<usize> {
    let mut partners: Vec<usize> = (0..book.partners.len()).collect();
    let keys: Vec<String> = book.partners.iter().map(|p| fold(&p.name)).collect();
    partners.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    partners
}

fn connectors_of(book: &Book, config: &Rules, connecting: &[u32]) -> HashSet<String> {
    let partners = book.partners.iter().map(|p| (p.id.as_str(), p.archived));
    rank_connectors(partners, config, |i| connecting[i])
        .into_iter()
        .map(|c| c.contact)
        .collect()
}

fn thanks_owed(items: &[QueueItem]) -> usize {
    items.iter().filter(|i| i.kind == ItemKind::Thank).count()
}

/// True if a gesture under `contact` shows in the log filtered to `log_for`:
/// the partner's own, or logged under an id merged into them.
fn logged_for(book: &Book, log_for: &str, contact: &str) -> bool {
    contact == log_for
        || book
            .position(log_for)
            .is_some_and(|i| book.position_or_alias(contact) == Some(i))
}

/// The gestures the log shows (indices into `book.gestures`), newest first;
/// among the same date, the later line first. Filtered to a partner, their
/// history: gestures under ids merged into them too.
fn log_rows(book: &Book, log_for: Option<&str>) -> Vec<usize> {
    let gestures = &book.gestures;
    let owners = log_for.map(|_| book.owners()).unwrap_or_default();
    let target = log_for.and_then(|c| book.position(c)).map(|i| i as u32);
    let mut log: Vec<usize> = (0..gestures.len())
        .filter(|&i| match (log_for, target) {
            (None, _) => true,
            (Some(_), Some(t)) => owners[i] == t,
            (Some(c), None) => gestures[i].contact == c,
        })
        .collect();
    log.sort_unstable_by_key(|&i| (Reverse(gestures[i].date), Reverse(i)));
    log
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::partner::LabelledDate;
    use crate::domain::{Direction, Gesture, Kind, Outcome, Partner, YearlyDate, parse_date};
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    const TODAY: &str = "2026-11-20";
    const IDS: [&str; 4] = ["ana", "ben", "cy", "dee"];

    fn partners() -> Vec<Partner> {
        let mut out: Vec<Partner> = IDS.iter().map(|id| Partner::new(*id, id.to_uppercase())).collect();
        out[0].cadence_days = Some(14);
        out[0].birthday = Some(YearlyDate::parse("11-25").unwrap());
        // A second date with the birthday's key: two items the queue's
        // order cannot tell apart, which must keep the order they came in.
        out[0].dates = vec![LabelledDate {
            label: "Birthday".into(),
            date: YearlyDate::parse("11-25").unwrap(),
        }];
        out[1].cadence_days = Some(30);
        out[1].since = Some(day("2026-01-01"));
        out[2].archived = true;
        out[3].cadence_days = Some(0);
        // Gestures under "gone" (see `book_of`) are dee's: merged into her.
        out[3].aliases = vec!["gone".into()];
        out
    }

    fn gesture(n: usize, contact: &str, date: NaiveDate, kind: Kind, given: bool) -> Gesture {
        Gesture {
            id: format!("g-{n:05}"),
            date,
            contact: contact.into(),
            kind,
            dir: if given { Direction::Given } else { Direction::Received },
            note: n.is_multiple_of(3).then(|| format!("n{n}")),
            value: None,
            outcome: n.is_multiple_of(5).then_some(Outcome::Engaged),
            re: None,
            extra: Default::default(),
        }
    }

    /// Every field but the search index, which is made from the partners
    /// alone and neither side changes them.
    fn assert_same(a: &View, b: &View) {
        assert_eq!(a.items, b.items);
        assert_eq!(a.touches, b.touches);
        assert_eq!(a.connectors, b.connectors);
        assert_eq!(a.partners, b.partners);
        assert_eq!(a.summaries, b.summaries);
        assert_eq!(a.log, b.log);
        assert_eq!(a.log_for, b.log_for);
        assert_eq!(a.thanks_owed, b.thanks_owed);
        assert_eq!(a.connecting, b.connecting);
    }

    /// (contact, days before today, kind, given) for each gesture; past the
    /// partners, contact 4 is "gone" (an id merged into dee) and 5 names
    /// nobody in the book.
    fn arb_gestures() -> impl Strategy<Value = Vec<(usize, i64, usize, bool)>> {
        prop::collection::vec((0..6usize, -3..500i64, 0..Kind::ALL.len(), any::<bool>()), 1..40)
    }

    fn book_of(spec: &[(usize, i64, usize, bool)]) -> Book {
        let today = day(TODAY);
        let gestures = spec
            .iter()
            .enumerate()
            .map(|(n, &(c, ago, k, given))| {
                let contact = IDS.get(c).copied().unwrap_or(if c == 4 { "gone" } else { "nobody" });
                gesture(n, contact, today - chrono::Duration::days(ago), Kind::ALL[k], given)
            })
            .collect();
        Book::new(partners(), gestures)
    }

    proptest! {
        #[test]
        fn adding_one_gesture_matches_a_full_build(
            spec in arb_gestures(),
            filter in prop::option::of(0..5usize),
            snooze in any::<bool>(),
            connector_count in 1..3usize,
        ) {
            let today = day(TODAY);
            let rules = Rules { connector_count, connector_min: 1, ..Rules::default() };
            let config = Config { rules, ..Config::default() };
            let mut data = Data::default();
            data.book = book_of(&spec);
            let added = data.book.gestures.pop().unwrap();
            if snooze {
                data.queue.snoozed.insert(format!("touch:{}", added.contact), today + chrono::Days::new(3));
                data.queue.snoozed.insert(format!("thank:{}:g-00000", added.contact), today + chrono::Days::new(3));
            }
            let log_for = filter.map(|c| IDS.get(c).copied().unwrap_or("gone"));
            let mut view = View::build(&data, &config.rules, today, log_for);
            data.book.gestures.push(added);
            view.gesture_added(&data, &config.rules, today);
            assert_same(&view, &View::build(&data, &config.rules, today, log_for));
        }
    }

    #[test]
    fn a_log_spread_over_centuries_is_still_newest_first() {
        let dates = ["1900-01-01", "2026-11-20", "2026-11-20", "1950-06-01", "2300-01-01"];
        let gestures = dates
            .iter()
            .enumerate()
            .map(|(n, d)| gesture(n, "ana", day(d), Kind::Call, true))
            .collect();
        let book = Book::new(partners(), gestures);
        assert_eq!(log_rows(&book, None), [4, 2, 1, 3, 0]);
        assert_eq!(log_rows(&book, Some("ana")), [4, 2, 1, 3, 0]);
        assert_eq!(log_rows(&book, Some("ben")), Vec::<usize>::new());
    }

    fn assert_agrees_with_the_book_and_the_ledger(data: &Data, config: &Config) {
        let today = day(TODAY);
        let v = View::build(data, &config.rules, today, None);
        assert_eq!(v.touches, crate::domain::summary::last_touches(&data.book));
        let queue = crate::domain::queue::due_items(&data.book, &data.queue, &config.rules, today);
        assert_eq!(v.items, queue);
        let connectors: HashSet<String> = crate::domain::connectors::connectors(&data.book, &config.rules, today)
            .into_iter()
            .map(|c| c.contact)
            .collect();
        assert_eq!(v.connectors, connectors);
        let gestures = &data.book.gestures;
        let mut log: Vec<usize> = (0..gestures.len()).collect();
        log.sort_by(|&a, &b| gestures[b].date.cmp(&gestures[a].date).then(b.cmp(&a)));
        assert_eq!(v.log, log);
        let mut by_name: Vec<usize> = (0..data.book.partners.len())
            .filter(|&i| !data.book.partners[i].archived)
            .collect();
        by_name.sort_by_key(|&i| (fold(&data.book.partners[i].name), i));
        assert_eq!(v.partners, by_name);
    }

    #[test]
    fn the_panes_agree_with_the_book_and_the_ledger() {
        let config = Config {
            rules: Rules {
                connector_min: 1,
                ..Rules::default()
            },
            ..Config::default()
        };
        let spec: Vec<(usize, i64, usize, bool)> = (0..60)
            .map(|n| (n % 5, (n * 37 % 400) as i64, n % Kind::ALL.len(), n % 2 == 0))
            .collect();
        let mut data = Data::default();
        data.book = book_of(&spec);
        assert_agrees_with_the_book_and_the_ledger(&data, &config);
    }

    #[test]
    fn a_book_large_enough_for_two_threads_agrees_too() {
        let mut data = Data::default();
        data.book = crate::domain::testing::book(1_000, ON_TWO_THREADS, day(TODAY));
        assert_agrees_with_the_book_and_the_ledger(&data, &Config::default());
    }
}
