//! The one way data changes: a [`Change`] applied to the files as freshly
//! read under the lock, written whole or not at all.

use super::{Data, Store, StoreError, new_gesture_id};
use crate::domain::Rules;
use crate::domain::change::{Applied, Change, apply};
use chrono::NaiveDate;

impl Store {
    /// Applies `change` to the files as they are now and writes the result
    /// as one undoable change; a refusal writes nothing.
    pub fn apply(&self, change: Change, rules: &Rules, today: NaiveDate) -> Result<Applied, StoreError> {
        self.apply_with(|_| Ok::<_, StoreError>(change), rules, today)
    }

    /// As [`Store::apply`], with the change built from the data as read
    /// under the lock (Syncthing's conflict copies merged in), so a name
    /// the user typed is resolved against what the change will meet.
    /// `build` may refuse; then nothing is written. What the store did
    /// beside stays for [`Store::take_notes`].
    pub fn apply_with<E>(
        &self,
        build: impl FnOnce(&Data) -> Result<Change, E>,
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<Applied, E>
    where
        E: From<StoreError>,
    {
        self.change(|d| {
            let change = build(d)?;
            let a = apply(&mut d.book, &mut d.queue, change, rules, today, &mut new_gesture_id)
                .map_err(StoreError::from)?;
            let label = a.label.clone();
            Ok::<_, E>((a, label))
        })
    }

    /// As [`Store::apply`], for a caller that keeps `data` on screen: a
    /// gesture logged while the files are still as `data` was read is
    /// appended to the log and to `data` in place, and the answer says so
    /// (`true`); anything else is applied afresh (`false`), and `data` is
    /// then out of date.
    pub fn apply_to(
        &self,
        data: &mut Data,
        change: Change,
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<(Applied, bool), StoreError> {
        let quick = match &change {
            Change::Log { gesture } | Change::DraftSent { gesture } => data.book.partner(&gesture.contact).is_some(),
            // `d` on an item the window shows: checked open in `data`, and
            // appended only while the files are still as `data` was read.
            Change::Done { key, outcome: None, .. } => {
                key.split(':').nth(1).is_some_and(|id| data.book.partner(id).is_some())
            }
            _ => false,
        };
        if quick {
            let len = data.book.gestures.len();
            // A refusal here is checked again on the files below.
            if let Ok(a) = apply(
                &mut data.book,
                &mut data.queue,
                change.clone(),
                rules,
                today,
                &mut new_gesture_id,
            ) {
                // The rule said what it does; the append does it, or the
                // full change below does.
                let g = (data.book.gestures.len() == len + 1)
                    .then(|| data.book.gestures.pop())
                    .flatten();
                if let Some(g) = g
                    && self.append_gesture(data, &g, a.label.clone())?
                {
                    return Ok((a, true));
                }
                data.book.gestures.truncate(len);
            }
        }
        self.apply(change, rules, today).map(|a| (a, false))
    }
}
