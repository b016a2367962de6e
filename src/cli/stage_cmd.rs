//! Accepting the stage a partner's log suggests (`edit --accept-stage`).

use super::{Failure, Outcome};
use crate::domain::Book;
use crate::domain::stage::{Suggestion, suggest_for};
use chrono::NaiveDate;

/// The suggestion to accept for partner `i`, or why there is none: nothing
/// is changed then, and the command fails (exit 1).
pub fn accepted(book: &Book, i: usize, today: NaiveDate) -> Outcome<Suggestion> {
    let p = &book.partners[i];
    suggest_for(book, &p.id, today).ok_or_else(|| {
        Failure::Data(format!(
            "{}: no stage to accept — the log shows nothing past {} yet; nothing was changed",
            p.name, p.stage
        ))
    })
}
