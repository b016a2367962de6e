//! The conflict copies Syncthing leaves beside the data files when two
//! machines changed one file (`contacts.sync-conflict-20261201-101010-
//! ABCDEFG.toml`, `gestures.sync-conflict-….jsonl`). A load warns about
//! each; the next change merges them into the files (after a backup of
//! both) and removes them; `rapport check` lists any left.
//!
//! A copy comes with no common ancestor, so the partners merge against
//! this machine's backups of contacts.toml (see
//! [`crate::domain::merge::base_from_history`]): where the copy and the
//! file differ, the value the history shows as older gives way. The log
//! merges as the union by gesture id, the snoozes keep the later date.

use super::{Data, StoreError, contacts, fsio, log, paths, queue_file, read_text};
use crate::domain::Book;
use crate::domain::merge::{self, Conflict};
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
                "{}: a conflict copy of {} that Syncthing left; the next change merges it into {} (after a backup) and removes it",
                p.display(),
                copy_of(name).unwrap_or_default(),
                copy_of(name).unwrap_or_default()
            )
        })
        .collect()
}

/// What merging the conflict copies into the data makes of it.
pub(super) struct Merging {
    /// The data with every readable copy merged in.
    pub data: Data,
    /// The copies merged, to back up and remove once the data is written.
    pub merged: Vec<PathBuf>,
    /// The data files they were copies of.
    pub targets: Vec<&'static str>,
    /// Fields of partners both versions changed that the history could
    /// not settle (the file's value was kept), for `rapport check`.
    pub conflicts: Vec<Conflict>,
    /// A sentence for each copy that could not be merged (it is left).
    pub problems: Vec<String>,
}

/// This machine's earlier versions of contacts.toml, oldest first: its
/// backups that parse.
fn history(dir: &Path) -> Vec<Vec<crate::domain::Partner>> {
    fsio::backups_of(&dir.join(paths::BACKUPS), paths::CONTACTS)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| contacts::parse(&t).ok())
        .map(|f| f.partners)
        .collect()
}

/// Merges each conflict copy in `dir` into `data`; `None` when there are
/// none. A copy that does not parse, or was written by a newer rapport, is
/// left where it is, with a sentence saying why.
pub(super) fn merge_into(dir: &Path, data: &Data) -> Option<Merging> {
    let copies = find(dir);
    if copies.is_empty() {
        return None;
    }
    let mut m = Merging {
        data: data.clone(),
        merged: Vec::new(),
        targets: Vec::new(),
        conflicts: Vec::new(),
        problems: Vec::new(),
    };
    let mut past = None;
    for path in copies {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(target) = copy_of(name) else { continue };
        let text = match read_text(&path) {
            Ok(Some(t)) => t,
            Ok(None) => continue,
            Err(e) => {
                m.problems.push(format!("{e}; the conflict copy was left as it is"));
                continue;
            }
        };
        let not_merged = |what: String| {
            format!(
                "{}: {what}; the conflict copy was not merged and is left as it is",
                path.display()
            )
        };
        let (partners, gestures) = (&m.data.book.partners, &m.data.book.gestures);
        match target {
            paths::CONTACTS => match contacts::parse(&text) {
                Ok(f) if f.schema_version > contacts::SCHEMA_VERSION => {
                    m.problems.push(not_merged(format!(
                        "written by a newer rapport (schema {})",
                        f.schema_version
                    )));
                    continue;
                }
                Ok(f) => {
                    let past = past.get_or_insert_with(|| history(dir));
                    let (ps, mut c) = merge::merge_partners_two_way(partners, &f.partners, past);
                    m.data.book = Book::new(ps, gestures.clone());
                    m.conflicts.append(&mut c);
                }
                Err(ps) => {
                    let e = StoreError::at(&path, &text, ps[0].offset, ps[0].message.clone());
                    m.problems
                        .push(format!("{e}; the conflict copy was not merged and is left as it is"));
                    continue;
                }
            },
            paths::GESTURES => match log::parse(&text) {
                Ok(f) => {
                    let gs = merge::merge_logs_two_way(gestures, &f.gestures);
                    m.data.book = Book::new(partners.clone(), gs);
                }
                Err(ps) => {
                    m.problems.push(not_merged(format!(
                        "line {}, column {}: {}",
                        ps[0].line, ps[0].column, ps[0].message
                    )));
                    continue;
                }
            },
            _ => match queue_file::parse(&text) {
                Ok(q) => m.data.queue = merge::merge_states(&Default::default(), &m.data.queue, &q),
                Err(ps) => {
                    let e = StoreError::at(&path, &text, ps[0].offset, ps[0].message.clone());
                    m.problems
                        .push(format!("{e}; the conflict copy was not merged and is left as it is"));
                    continue;
                }
            },
        }
        if !m.targets.contains(&target) {
            m.targets.push(target);
        }
        m.merged.push(path);
    }
    Some(m)
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
