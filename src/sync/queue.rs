//! `queue.toml`: per key, the later snooze. A snooze one side removed (the
//! item was done) and the other left as it was is removed; keys this
//! version does not know merge key by key, ours when both changed.

use super::{Inputs, MergeError, Merged};
pub use crate::domain::merge::merge_states;
use crate::domain::queue::QueueState;
use crate::store::StoreError;
use crate::store::queue_file::{parse, render};
use std::path::Path;

pub fn merge(inputs: &Inputs) -> Result<Merged, MergeError> {
    let mut problems: Vec<StoreError> = Vec::new();
    let mut side = |(path, text): (&Path, &str)| {
        parse(text).unwrap_or_else(|ps| {
            problems.extend(ps.into_iter().map(|p| StoreError::at(path, text, p.offset, p.message)));
            QueueState::default()
        })
    };
    let (base, ours, theirs) = (side(inputs.base), side(inputs.ours), side(inputs.theirs));
    if !problems.is_empty() {
        return Err(MergeError::Parse(problems));
    }
    Ok(Merged {
        text: render(&merge_states(&base, &ours, &theirs)),
        conflicts: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> QueueState {
        parse(text).unwrap()
    }

    #[test]
    fn the_later_snooze_per_key() {
        let base = q("[snoozed]\n\"touch:a\" = 2026-12-01\n\"touch:b\" = 2026-12-01\n");
        let ours = q("[snoozed]\n\"touch:a\" = 2026-12-09\n\"touch:b\" = 2026-12-20\n");
        let theirs = q("[snoozed]\n\"touch:a\" = 2026-12-05\n\"touch:c\" = 2026-12-03\n");
        let out = render(&merge_states(&base, &ours, &theirs));
        // b: removed on theirs but changed on ours, so kept.
        assert_eq!(
            out,
            "[snoozed]\n\"touch:a\" = 2026-12-09\n\"touch:b\" = 2026-12-20\n\"touch:c\" = 2026-12-03\n"
        );
        let out = render(&merge_states(&base, &base, &theirs));
        assert_eq!(out, "[snoozed]\n\"touch:a\" = 2026-12-05\n\"touch:c\" = 2026-12-03\n");
    }

    #[test]
    fn unknown_keys_are_kept() {
        let base = q("");
        let ours = q("later = 3\n[snoozed]\n");
        let theirs = q("[snoozed]\n\n[future]\nx = \"y\"\n");
        let out = merge_states(&base, &ours, &theirs);
        assert_eq!(out.extra.len(), 2);
    }
}
