//! The relationship model: partners, gestures, the queue and the ledger.
//!
//! Pure code: no file or terminal IO and no clock. `today` is always a
//! parameter, so every rule can be tested with a fixed date.

pub mod answers;
pub mod book;
pub mod card;
pub mod change;
pub mod connectors;
pub mod date;
pub mod day;
pub mod dedupe;
pub mod done;
pub mod draft;
pub mod filter;
pub mod gesture;
pub mod history;
pub mod identity;
pub mod insights;
pub mod ledger;
pub mod merge;
pub mod partner;
pub mod queue;
pub mod refer;
pub mod rules;
pub mod search;
pub mod stage;
pub mod summary;
pub mod text;
pub mod words;

#[cfg(test)]
pub(crate) mod testing;

pub use book::Book;
pub use date::{YearlyDate, day_label, parse_date, short_label};
pub use gesture::{Direction, Gesture, Kind, Outcome};
pub use partner::{Partner, Stage};
pub use rules::Rules;
