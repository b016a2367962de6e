//! The partners and what the log says of each, for the commands that need
//! no more: `search`, `list` and `show`. While the cache holds the book they
//! come from its index, and only the partners printed are decoded (and, for
//! `show`, only that partner's gestures), so answering does not read
//! 100,000 gestures. Otherwise, or when a part of the copy does not read
//! back, they come from a full load, with the same results.

use super::{Store, StoreError, cache};
use crate::domain::Rules;
use crate::domain::connectors::{Connector, rank_connectors};
use crate::domain::queue::QueueState;
use crate::domain::search::SearchIndex;
use crate::domain::summary::{Summary, summarize};
use crate::domain::{Book, Gesture, Partner};
use chrono::NaiveDate;

/// Where the partners and their gestures are read from.
enum Source {
    /// The cache, with where each partner's record and gestures lie, and
    /// the store to read instead if the copy turns out damaged.
    Cache {
        reader: Box<cache::Reader>,
        records: Vec<cache::Block>,
        gestures: Vec<[cache::Block; 2]>,
        /// Gestures added to the log since the copy was made.
        added: Vec<Gesture>,
        store: Store,
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

impl Partners {
    /// The last touch of each partner, as [`Book::last_touches`] gives it.
    pub fn last_touches(&self) -> Vec<Option<NaiveDate>> {
        self.summaries.iter().map(Summary::last_touch).collect()
    }

    /// The index of the partner with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.binary_search_by(|x| x.as_str().cmp(id)).ok()
    }

    /// Index of the partner with this id, or of the one a partner with
    /// this id was merged into.
    pub fn position_or_alias(&self, id: &str) -> Option<usize> {
        self.position(id).or_else(|| {
            self.index
                .entries()
                .iter()
                .position(|e| e.aliases.iter().any(|a| a == id))
        })
    }

    /// The connectors, as [`crate::domain::connectors::connectors`] ranks them.
    pub fn connectors(&self, config: &Rules, today: NaiveDate) -> Vec<Connector> {
        let entries = self.index.entries();
        rank_connectors(
            self.ids.iter().zip(entries).map(|(id, e)| (id.as_str(), e.archived)),
            config,
            |i| self.summaries[i].connecting_in_last_year(today),
        )
    }

    /// The partners at these indices, in this order.
    pub fn get(&self, rows: &[usize]) -> Result<Vec<Partner>, StoreError> {
        match &self.source {
            Source::Loaded(book) => Ok(rows.iter().map(|&i| book.partners[i].clone()).collect()),
            Source::Cache {
                reader, records, store, ..
            } => match rows.iter().map(|&i| reader.partner(&records[i])).collect() {
                Some(partners) => Ok(partners),
                None => by_id(&self.ids, &store.load()?.book, rows),
            },
        }
    }

    /// Every partner.
    pub fn all(self) -> Result<Vec<Partner>, StoreError> {
        let book = match self.source {
            Source::Loaded(book) => return Ok(book.partners),
            Source::Cache {
                ref reader, ref store, ..
            } => match reader.partners() {
                Some(partners) => return Ok(partners),
                None => store.load()?.book,
            },
        };
        by_id(&self.ids, &book, &(0..self.ids.len()).collect::<Vec<_>>())
    }

    /// A book of partner `i` and their gestures: all that their ledger
    /// and queue items are computed from.
    pub fn into_book_of(self, i: usize) -> Result<Book, StoreError> {
        let book = match self.source {
            Source::Loaded(book) => book,
            Source::Cache {
                ref reader,
                ref records,
                ref gestures,
                ref added,
                ref store,
            } => {
                let cached = reader.partner(&records[i]).and_then(|p| {
                    let mut mine = reader.gestures_in(&gestures[i])?;
                    mine.extend(added.iter().filter(|g| p.names(&g.contact)).cloned());
                    Some(Book::new(vec![p], mine))
                });
                match cached {
                    Some(book) => return Ok(book),
                    None => store.load()?.book,
                }
            }
        };
        let p = by_id(&self.ids, &book, &[i])?.remove(0);
        let mine = book.gestures.into_iter().filter(|g| p.names(&g.contact)).collect();
        Ok(Book::new(vec![p], mine))
    }
}

/// The partners at these indices of `ids`, found by id in `book`: read
/// from the files when the copy did not read back. The indices still hold,
/// as the files are the ones the copy was made from, unless they changed
/// meanwhile; a partner removed since is then reported.
fn by_id(ids: &[String], book: &Book, rows: &[usize]) -> Result<Vec<Partner>, StoreError> {
    rows.iter()
        .map(|&i| {
            let id = &ids[i];
            book.partner(id).cloned().ok_or_else(|| {
                StoreError::Refused(format!(
                    "{id} left contacts.toml while this command read it; run it again"
                ))
            })
        })
        .collect()
}

impl Store {
    /// The partners' ids, summaries and search index, from the cache when
    /// it holds the book, else from a full load.
    pub fn load_partners(&self) -> Result<Partners, StoreError> {
        let stamps = self.stamps();
        // The copy of these very files, or one made before gestures were
        // added to the log (those then read from the log).
        let copy = match cache::open(&self.dir, &stamps) {
            Some(reader) => Some((reader, Vec::new())),
            // Once the files have settled, the full load below makes the
            // copy again, so the next command reads it directly.
            None if cache::worth_caching(&stamps) => None,
            None => cache::open_grown(&self.dir, &stamps).map(|g| (g.reader, g.added)),
        };
        if let Some((reader, added)) = copy
            && let Some(mut index) = reader.index()
        {
            for g in &added {
                if let Ok(i) = index.ids.binary_search_by(|x| x.as_str().cmp(&g.contact)) {
                    index.summaries[i].add(g);
                }
            }
            let queue = self.load_queue().map_err(|mut v| v.remove(0))?;
            self.notice(reader.warnings());
            return Ok(Partners {
                ids: index.ids,
                summaries: index.summaries,
                index: SearchIndex::from_entries(index.entries),
                queue,
                source: Source::Cache {
                    reader: Box::new(reader),
                    records: index.records,
                    gestures: index.gestures,
                    added,
                    store: self.clone(),
                },
            });
        }
        let data = self.load()?;
        Ok(Partners {
            ids: data.book.partners.iter().map(|p| p.id.clone()).collect(),
            summaries: summarize(&data.book.partners, &data.book.gestures),
            index: SearchIndex::new(&data.book.partners),
            queue: data.queue,
            source: Source::Loaded(data.book),
        })
    }
}
