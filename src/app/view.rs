//! What the panes show, derived from the data once per change rather than
//! once per frame.

use crate::config::Config;
use crate::domain::ledger::connectors;
use crate::domain::queue::{QueueItem, due_items};
use crate::domain::search::SearchIndex;
use crate::domain::text::fold;
use crate::domain::{Direction, Kind};
use crate::store::Data;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

pub struct View {
    pub items: Vec<QueueItem>,
    /// Last touch per partner, aligned with `book.partners`.
    pub touches: Vec<Option<NaiveDate>>,
    pub connectors: HashSet<String>,
    pub index: SearchIndex,
    /// Active partners (indices into `book.partners`) by name.
    pub partners: Vec<usize>,
    /// Referrals given minus received, all time, aligned with `book.partners`.
    pub balance: Vec<i64>,
    /// Gestures shown in the log (indices into `book.gestures`), newest first.
    pub log: Vec<usize>,
    /// The partner the log is filtered to, if any.
    pub log_for: Option<String>,
    pub thanks_owed: usize,
}

impl View {
    pub fn build(data: &Data, config: &Config, today: NaiveDate, log_for: Option<&str>) -> View {
        let book = &data.book;
        let items = due_items(book, &data.queue, config, today);
        let touches = book.last_touches();
        let connectors = connectors(book, config, today).into_iter().map(|c| c.contact).collect();
        let index = SearchIndex::new(&book.partners);
        let mut partners: Vec<usize> = (0..book.partners.len())
            .filter(|&i| !book.partners[i].archived)
            .collect();
        let keys: Vec<String> = book.partners.iter().map(|p| fold(&p.name)).collect();
        partners.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
        let pos: HashMap<&str, usize> = book
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut balance = vec![0i64; book.partners.len()];
        for g in &book.gestures {
            if g.kind == Kind::Referral
                && let Some(&i) = pos.get(g.contact.as_str())
            {
                balance[i] += if g.dir == Direction::Given { 1 } else { -1 };
            }
        }
        let mut log: Vec<usize> = (0..book.gestures.len())
            .filter(|&i| log_for.is_none_or(|c| book.gestures[i].contact == c))
            .collect();
        // Newest first; among the same date, the later line first.
        log.sort_by(|&a, &b| book.gestures[b].date.cmp(&book.gestures[a].date).then(b.cmp(&a)));
        let thanks_owed = items
            .iter()
            .filter(|i| i.kind == crate::domain::queue::ItemKind::Thank)
            .count();
        View {
            items,
            touches,
            connectors,
            index,
            partners,
            balance,
            log,
            log_for: log_for.map(String::from),
            thanks_owed,
        }
    }
}
