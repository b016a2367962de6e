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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;

    fn dana() -> Partner {
        let mut p = Partner::new("dana-lee", "Dana Lee");
        p.phones = vec!["+1 555 0100".into()];
        p
    }

    #[test]
    fn fields_changed_on_different_sides_are_both_taken() {
        let base = dana();
        let mut ours = dana();
        ours.phones = vec!["+1 555 0101".into()];
        let mut theirs = dana();
        theirs.notes = Some("Spouse Sam".into());
        let (p, c) = merge_partner(&base, &ours, &theirs);
        assert!(c.is_empty());
        assert_eq!(p.phones, ["+1 555 0101"]);
        assert_eq!(p.notes.as_deref(), Some("Spouse Sam"));
    }

    #[test]
    fn a_field_both_changed_keeps_ours_and_is_recorded() {
        let base = dana();
        let mut ours = dana();
        ours.phones = vec!["+1 555 0101".into()];
        let mut theirs = dana();
        theirs.phones = vec!["+1 555 0199".into()];
        let (p, c) = merge_partner(&base, &ours, &theirs);
        assert_eq!(p.phones, ["+1 555 0101"]);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].field.as_str(), c[0].theirs.as_str()),
            ("phones", "[\"+1 555 0199\"]")
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let mut both = dana();
        both.org = Some("Lee Family Law".into());
        let (p, c) = merge_partner(&dana(), &both, &both);
        assert!(c.is_empty());
        assert_eq!(p, both);
    }

    #[test]
    fn archived_on_one_side_is_archived() {
        let mut theirs = dana();
        theirs.archived = true;
        theirs.archived_reason = Some("not a fit".into());
        let mut ours = dana();
        ours.tags = vec!["attorney".into()];
        let (p, c) = merge_partner(&dana(), &ours, &theirs);
        assert!(c.is_empty());
        assert!(p.archived);
        assert_eq!(p.archived_reason.as_deref(), Some("not a fit"));
        assert_eq!(p.tags, ["attorney"]);
    }

    #[test]
    fn unknown_keys_merge_key_by_key() {
        let mut base = dana();
        base.extra.insert("pronouns".into(), "she/her".into());
        let mut ours = base.clone();
        ours.extra.insert("fax".into(), "555".into());
        let mut theirs = base.clone();
        theirs.extra.remove("pronouns");
        let (p, c) = merge_partner(&base, &ours, &theirs);
        assert!(c.is_empty());
        assert_eq!(p.extra.keys().collect::<Vec<_>>(), ["fax"]);
    }

    #[test]
    fn partners_added_removed_and_kept() {
        let amy = Partner::new("amy", "Amy");
        let bo = Partner::new("bo", "Bo");
        let cy = Partner::new("cy", "Cy");
        let mut cy2 = cy.clone();
        cy2.notes = Some("moved".into());
        // bo removed on ours, unchanged on theirs: removed. cy removed on
        // theirs, changed on ours: kept as changed. dana added on theirs.
        let base = [amy.clone(), bo.clone(), cy.clone()];
        let ours = [amy.clone(), cy2.clone()];
        let theirs = [amy.clone(), bo, dana()];
        let (ps, c) = merge_partners(&base, &ours, &theirs);
        assert_eq!(ps, [amy, cy2, dana()]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].contact, "cy");
    }

    #[test]
    fn a_partner_added_on_both_sides_merges_field_by_field() {
        let mut ours = dana();
        ours.org = Some("Lee Law".into());
        let mut theirs = dana();
        theirs.notes = Some("met at the bar dinner".into());
        let (ps, c) = merge_partners(&[], &[ours], &[theirs]);
        assert!(c.is_empty(), "{c:?}");
        assert_eq!(ps[0].org.as_deref(), Some("Lee Law"));
        assert_eq!(ps[0].notes.as_deref(), Some("met at the bar dinner"));
    }
}
