//! The conflict copies Syncthing leaves beside the data files when two
//! machines changed one file (`contacts.sync-conflict-20261201-101010-
//! ABCDEFG.toml`, `gestures.sync-conflict-….jsonl`). rapport never reads
//! them as data; a load warns about each and `rapport check` lists them.

use super::paths;
use std::path::{Path, PathBuf};

/// The data files Syncthing may make copies of: stem and extension.
const FILES: &[(&str, &str)] = &[
    (paths::CONTACTS, ".toml"),
    (paths::GESTURES, ".jsonl"),
    (paths::QUEUE, ".toml"),
];

/// The data file a conflict copy's name says it is a copy of.
pub fn copy_of(name: &str) -> Option<&'static str> {
    FILES.iter().find_map(|(file, ext)| {
        let stem = file.strip_suffix(ext)?;
        let rest = name.strip_prefix(stem)?.strip_prefix(".sync-conflict-")?;
        (rest.len() > ext.len() && rest.ends_with(ext)).then_some(*file)
    })
}

/// The conflict copies in the data folder, by name.
pub fn find(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| copy_of(n).is_some()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// A warning for each conflict copy in the data folder.
pub fn warnings(dir: &Path) -> Vec<String> {
    find(dir)
        .iter()
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            format!(
                "{}: a conflict copy of {} that Syncthing left; rapport does not read it: merge what it holds into {} and delete it",
                p.display(),
                copy_of(name).unwrap_or_default(),
                copy_of(name).unwrap_or_default()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_are_told_by_name() {
        assert_eq!(
            copy_of("contacts.sync-conflict-20261201-101010-ABCDEFG.toml"),
            Some("contacts.toml")
        );
        assert_eq!(
            copy_of("gestures.sync-conflict-20261201-101010-ABCDEFG.jsonl"),
            Some("gestures.jsonl")
        );
        assert_eq!(
            copy_of("queue.sync-conflict-20261201-101010-X.toml"),
            Some("queue.toml")
        );
        assert_eq!(copy_of("contacts.toml"), None);
        assert_eq!(copy_of("contacts.sync-conflict-.toml.bak"), None);
        assert_eq!(copy_of("gestures.sync-conflict-1.toml"), None);
    }
}
