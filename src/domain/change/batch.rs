//! A batch: what an import, a restore or a calendar brings, put in place
//! as one change.

use super::{Applied, Refusal, settle};
use crate::domain::queue::QueueState;
use crate::domain::{Book, Gesture, Partner};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What an import, a restore or a calendar adds, as found against the book
/// it was read with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    /// The journal's name for it ("Imported 3 partners from cards.vcf").
    pub label: String,
    /// Each partner as it was (`None`: new) and as it is to be. A partner
    /// that changed since is refused rather than overwritten.
    pub partners: Vec<(Option<Partner>, Partner)>,
    /// Gestures to add; an empty id is given one. One whose id is in the log
    /// already is left out.
    pub gestures: Vec<Gesture>,
    /// Snoozes to set, keeping the later date where one is set already.
    pub snoozes: BTreeMap<String, NaiveDate>,
}

impl Batch {
    /// What turned `before` into `after` (the book and its snoozes), as a
    /// batch named `label`: the partners added or changed, the gestures
    /// added and the snoozes set. An importer works on a copy of the book;
    /// this is the change its work comes to.
    pub fn between(label: String, before: (&Book, &QueueState), after: (&Book, &QueueState)) -> Batch {
        let partners = after
            .0
            .partners
            .iter()
            .filter_map(|p| {
                let was = before.0.partner(&p.id);
                (was != Some(p)).then(|| (was.cloned(), p.clone()))
            })
            .collect();
        let known: std::collections::HashSet<&str> = before.0.gestures.iter().map(|g| g.id.as_str()).collect();
        let gestures = after
            .0
            .gestures
            .iter()
            .filter(|g| g.id.is_empty() || !known.contains(g.id.as_str()))
            .cloned()
            .collect();
        let snoozes = after
            .1
            .snoozed
            .iter()
            .filter(|(k, d)| before.1.snoozed.get(*k) != Some(*d))
            .map(|(k, d)| (k.clone(), *d))
            .collect();
        Batch {
            label,
            partners,
            gestures,
            snoozes,
        }
    }
}

/// Puts the batch `b` in place; a partner changed since it was made is
/// refused rather than overwritten.
pub(super) fn apply(
    book: &mut Book,
    queue: &mut QueueState,
    b: Batch,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Applied, Refusal> {
    for (before, after) in &b.partners {
        let now = book.partner(&after.id);
        if now != before.as_ref() {
            return Err(Refusal::Stale(after.name.clone()));
        }
    }
    let mut changed = false;
    for (before, after) in b.partners {
        changed |= before.as_ref() != Some(&after);
        match book.position(&after.id) {
            Some(i) => book.partners[i] = after,
            None => book.insert(after),
        }
    }
    let known: std::collections::HashSet<String> = book.gestures.iter().map(|g| g.id.clone()).collect();
    for g in b.gestures {
        if g.id.is_empty() || !known.contains(&g.id) {
            book.gestures.push(settle(g, new_id));
            changed = true;
        }
    }
    for (key, until) in b.snoozes {
        let e = queue.snoozed.entry(key).or_insert(until);
        if *e < until {
            *e = until;
        }
        changed = true;
    }
    Ok(Applied {
        summary: b.label.clone(),
        label: b.label,
        changed,
        ..Applied::default()
    })
}
