//! `merge-conflicts.toml`: the fields of partners both machines changed
//! differently, recorded by `rapport merge-file` or the merge of a Syncthing conflict copy (which
//! kept ours), for
//! `rapport check` to report.
//!
//! Each record carries a fingerprint of the partner as merged; once the
//! partner is edited (by rapport or by hand) the fingerprint no longer
//! matches, the record is settled and no longer reported, and the next
//! merge drops it. The file belongs to the machine that merged (it is in
//! `.gitignore`).

use crate::domain::Partner;
pub use crate::domain::merge::Conflict;
use crate::store::StoreError;
use crate::store::contacts;
use crate::store::fsio::atomic_write;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The file's name in the data folder.
pub const FILE: &str = "merge-conflicts.toml";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Records {
    #[serde(default)]
    conflict: Vec<Conflict>,
}

const HEADER: &str = "# Written by `rapport merge-file`: fields of partners that both machines\n# changed differently. This machine's value was kept; `rapport check`\n# reports each until the partner is edited.\n\n";

/// The fingerprint of a partner as it is written.
pub fn fingerprint(p: &Partner) -> String {
    let text = contacts::render(std::slice::from_ref(p));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

fn read(dir: &Path) -> Vec<Conflict> {
    std::fs::read_to_string(dir.join(FILE))
        .ok()
        .and_then(|t| toml::from_str::<Records>(&t).ok())
        .map(|r| r.conflict)
        .unwrap_or_default()
}

/// Adds the conflicts of a merge to the record, each with the fingerprint
/// of its partner in `merged`, and drops the records that are settled (the
/// partner changed or gone). With nothing left, the file is removed.
pub fn record(dir: &Path, new: &[Conflict], merged: &[Partner]) -> Result<(), StoreError> {
    let path = dir.join(FILE);
    let prints: HashMap<&str, String> = merged.iter().map(|p| (p.id.as_str(), fingerprint(p))).collect();
    let standing = |c: &Conflict| prints.get(c.contact.as_str()).is_some_and(|f| *f == c.partner);
    let mut all: Vec<Conflict> = read(dir)
        .into_iter()
        .filter(|c| standing(c) && !new.iter().any(|n| n.contact == c.contact && n.field == c.field))
        .collect();
    for c in new {
        let mut c = c.clone();
        c.partner = prints.get(c.contact.as_str()).cloned().unwrap_or_default();
        all.push(c);
    }
    if all.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(&path, "remove", e)),
            _ => Ok(()),
        };
    }
    let body = toml::to_string(&Records { conflict: all }).expect("records always serialize");
    atomic_write(&path, format!("{HEADER}{body}").as_bytes())
}

/// The recorded conflicts still standing against the partners now in
/// `contacts.toml`, one line each for `rapport check`.
pub fn standing(dir: &Path) -> Vec<String> {
    let records = read(dir);
    if records.is_empty() {
        return Vec::new();
    }
    let partners = std::fs::read_to_string(dir.join(crate::store::paths::CONTACTS))
        .ok()
        .and_then(|t| contacts::parse(&t).ok())
        .map(|f| f.partners)
        .unwrap_or_default();
    let path = dir.join(crate::store::paths::CONTACTS);
    records
        .iter()
        .filter_map(|c| {
            let p = partners.iter().find(|p| p.id == c.contact)?;
            (fingerprint(p) == c.partner).then(|| {
                format!(
                    "{}: {} ({}): `{}` was changed on both machines; this one's {} was kept, the other had {}; edit the partner to settle it",
                    path.display(),
                    p.name,
                    p.id,
                    c.field,
                    c.kept,
                    c.theirs
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_stands_until_the_partner_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut dana = Partner::new("dana-lee", "Dana Lee");
        std::fs::write(
            dir.path().join("contacts.toml"),
            contacts::render(std::slice::from_ref(&dana)),
        )
        .unwrap();
        let c = Conflict {
            contact: "dana-lee".into(),
            field: "phones".into(),
            kept: "[]".into(),
            theirs: "[\"1\"]".into(),
            partner: String::new(),
        };
        record(dir.path(), std::slice::from_ref(&c), std::slice::from_ref(&dana)).unwrap();
        let lines = standing(dir.path());
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].contains("`phones` was changed on both machines"),
            "{}",
            lines[0]
        );
        dana.notes = Some("edited".into());
        std::fs::write(
            dir.path().join("contacts.toml"),
            contacts::render(std::slice::from_ref(&dana)),
        )
        .unwrap();
        assert!(standing(dir.path()).is_empty());
        // The next merge drops the settled record, and the file with it.
        record(dir.path(), &[], std::slice::from_ref(&dana)).unwrap();
        assert!(!dir.path().join(FILE).exists());
    }
}
