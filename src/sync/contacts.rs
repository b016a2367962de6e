//! `contacts.toml`: partner by partner and field by field against the base.
//!
//! A partner added on one side is kept; removed on one side and unchanged
//! on the other, removed; removed on one side and changed on the other,
//! kept as changed (and recorded). A field one side changed is that change
//! (archiving is a field: archived on one side is archived); a field both
//! changed differently keeps ours and is recorded for `rapport check`.
//! Keys this version does not know, the partner's and the file's, merge
//! the same way, key by key.

use super::{Inputs, MergeError, Merged};
use crate::domain::merge::merge_table;
pub use crate::domain::merge::{merge_partner, merge_partners};
use crate::store::StoreError;
use crate::store::contacts::{ContactsFile, SCHEMA_VERSION, parse, render_with};
use std::path::Path;

fn file_of(path: &Path, text: &str) -> Result<ContactsFile, Vec<StoreError>> {
    if text.trim().is_empty() {
        // No such file on this side (git gives an empty one).
        return Ok(ContactsFile {
            schema_version: SCHEMA_VERSION,
            ..Default::default()
        });
    }
    parse(text).map_err(|ps| {
        ps.into_iter()
            .map(|p| StoreError::at(path, text, p.offset, p.message))
            .collect()
    })
}

pub fn merge(inputs: &Inputs) -> Result<Merged, MergeError> {
    let mut problems = Vec::new();
    let mut side = |(path, text): (&Path, &str)| {
        file_of(path, text).unwrap_or_else(|mut e| {
            problems.append(&mut e);
            ContactsFile::default()
        })
    };
    let (base, ours, theirs) = (side(inputs.base), side(inputs.ours), side(inputs.theirs));
    if !problems.is_empty() {
        return Err(MergeError::Parse(problems));
    }
    for ((path, _), f) in [(inputs.base, &base), (inputs.ours, &ours), (inputs.theirs, &theirs)] {
        if f.schema_version > SCHEMA_VERSION {
            return Err(MergeError::Refused(format!(
                "{}: written by a newer rapport (schema {}, this one reads {SCHEMA_VERSION}); merge it with that version",
                path.display(),
                f.schema_version
            )));
        }
    }
    let (partners, conflicts) = merge_partners(&base.partners, &ours.partners, &theirs.partners);
    // Top-level keys of a newer version: key by key, ours when both changed.
    let extra = merge_table(&base.extra, &ours.extra, &theirs.extra, &mut Vec::new());
    Ok(Merged {
        text: render_with(&partners, &extra),
        conflicts,
    })
}
