//! The partners and what the log says of each, for the commands that need
//! no more: `search`, `list` and `show`. While the cache holds the book they
//! come from its summaries and search index, and only the partners printed
//! are decoded (and, for `show`, only that partner's gestures), so answering
//! does not read 100,000 gestures. Otherwise they come from a full load,
//! with the same results.

use super::{Store, StoreError, cache};
use crate::domain::Rules;
use crate::domain::book::owners;
use crate::domain::ledger::{Connector, counts_as_connecting, in_last_year, rank_connectors};
use crate::domain::queue::QueueState;
use crate::domain::search::SearchIndex;
use crate::domain::{Book, Gesture, Partner};
use chrono::NaiveDate;

/// What the log says of one partner, and the day they were added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// The date of their latest gesture.
    pub last_gesture: Option<NaiveDate>,
    /// The day they were added.
    pub since: Option<NaiveDate>,
    /// The dates of the referrals and introductions received from them.
    pub connecting: Vec<NaiveDate>,
}

/// Each partner's gestures (indices into `gestures`, in log order), with
/// one group more at the end for gestures naming no known partner; and each
/// partner's summary.
pub fn summarize(partners: &[Partner], gestures: &[Gesture]) -> (Vec<Vec<usize>>, Vec<Summary>) {
    let mut groups = vec![Vec::new(); partners.len() + 1];
    let mut summaries: Vec<Summary> = partners
        .iter()
        .map(|p| Summary {
            since: p.since,
            ..Summary::default()
        })
        .collect();
    for (n, (g, owner)) in gestures.iter().zip(owners(partners, gestures)).enumerate() {
        match summaries.get_mut(owner as usize) {
            Some(s) => {
                groups[owner as usize].push(n);
                s.add(g);
            }
            None => groups[partners.len()].push(n),
        }
    }
    (groups, summaries)
}

/// Where the partners and their gestures are read from.
enum Source {
    /// The cache, with where each partner's record and gestures lie.
    Cache {
        reader: Box<cache::Reader>,
        records: Vec<cache::Block>,
        gestures: Vec<cache::Block>,
        /// Gestures added to the log since the copy was made.
        added: Vec<Gesture>,
    },
    Loaded(Book),
}

/// Every partner's id (in id order, as in [`Book`]), summary and search
/// entry; the partners themselves are read when asked for.
pub struct Partners {
    pub ids: Vec<String>,
    pub summaries: Vec<Summary>,
    pub index: SearchIndex,
    pub queue: QueueState,
    source: Source,
}

fn unreadable() -> StoreError {
    StoreError::Refused("the cached copy of the book could not be read back; run the command again".into())
}

impl Summary {
    /// The newest gesture either way, or else the day they were added, as
    /// [`Book::last_touches`] gives it.
    pub fn last_touch(&self) -> Option<NaiveDate> {
        self.last_gesture.or(self.since)
    }

    /// Counts one more gesture of theirs.
    fn add(&mut self, g: &Gesture) {
        self.last_gesture = self.last_gesture.max(Some(g.date));
        if counts_as_connecting(g) {
            self.connecting.push(g.date);
        }
    }
}

impl Partners {
    /// The last touch of each partner, as [`Book::last_touches`] gives it.
    pub fn last_touches(&self) -> Vec<Option<NaiveDate>> {
        self.summaries.iter().map(Summary::last_touch).collect()
    }

    /// The index of the partner with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.binary_search_by(|x| x.as_str().cmp(id)).ok()
    }

    /// The connectors, as [`crate::domain::ledger::connectors`] ranks them.
    pub fn connectors(&self, config: &Rules, today: NaiveDate) -> Vec<Connector> {
        let entries = self.index.entries();
        rank_connectors(
            self.ids.iter().zip(entries).map(|(id, e)| (id.as_str(), e.archived)),
            config,
            |i| {
                self.summaries[i]
                    .connecting
                    .iter()
                    .filter(|&&d| in_last_year(d, today))
                    .count() as u32
            },
        )
    }

    /// The partners at these indices, in this order.
    pub fn get(&self, rows: &[usize]) -> Result<Vec<Partner>, StoreError> {
        rows.iter()
            .map(|&i| match &self.source {
                Source::Cache { reader, records, .. } => reader.partner(&records[i]).ok_or_else(unreadable),
                Source::Loaded(book) => Ok(book.partners[i].clone()),
            })
            .collect()
    }

    /// Every partner.
    pub fn all(self) -> Result<Vec<Partner>, StoreError> {
        match self.source {
            Source::Cache { reader, .. } => reader.partners().ok_or_else(unreadable),
            Source::Loaded(book) => Ok(book.partners),
        }
    }

    /// A book of partner `i` and their gestures: all that their ledger
    /// and queue items are computed from.
    pub fn into_book_of(self, i: usize) -> Result<Book, StoreError> {
        let p = self.get(&[i])?.remove(0);
        let gestures = match self.source {
            Source::Cache {
                reader,
                gestures,
                added,
                ..
            } => {
                let mut mine = reader.gestures_in(&gestures[i]).ok_or_else(unreadable)?;
                mine.extend(added.into_iter().filter(|g| g.contact == p.id));
                mine
            }
            Source::Loaded(book) => book.gestures.into_iter().filter(|g| g.contact == p.id).collect(),
        };
        Ok(Book::new(vec![p], gestures))
    }
}

impl Store {
    /// The partners' ids, summaries and search index, from the cache when
    /// it holds the book, else from a full load.
    pub fn load_partners(&self) -> Result<Partners, StoreError> {
        let stamps = cache::stamps(&self.dir);
        // The copy of these very files, or one made before gestures were
        // added to the log (those then read from the log).
        let copy = match cache::open(&self.dir, &stamps) {
            Some(reader) => Some((reader, Vec::new())),
            // Once the files have settled, the full load below makes the
            // copy again, so the next command reads it directly.
            None if cache::worth_caching(&stamps) => None,
            None => cache::open_grown(&self.dir, &stamps).and_then(|g| {
                let added = g.added()?;
                Some((g.reader, added))
            }),
        };
        if let Some((reader, added)) = copy
            && let Some((mut summaries, records, gestures)) = reader.summaries()
            && let Some((ids, index)) = reader.search()
            && summaries.len() == ids.len()
        {
            for g in &added {
                if let Ok(i) = ids.binary_search_by(|x| x.as_str().cmp(&g.contact)) {
                    summaries[i].add(g);
                }
            }
            let queue = self.load_queue().map_err(|mut v| v.remove(0))?;
            self.notice(&reader.warnings);
            return Ok(Partners {
                ids,
                summaries,
                index,
                queue,
                source: Source::Cache {
                    reader: Box::new(reader),
                    records,
                    gestures,
                    added,
                },
            });
        }
        let data = self.load()?;
        let (_, summaries) = summarize(&data.book.partners, &data.book.gestures);
        Ok(Partners {
            ids: data.book.partners.iter().map(|p| p.id.clone()).collect(),
            summaries,
            index: SearchIndex::new(&data.book.partners),
            queue: data.queue,
            source: Source::Loaded(data.book),
        })
    }
}
