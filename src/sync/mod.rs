//! Two machines: merging the data files as git's merge driver
//! (`rapport merge-file`), the records of fields both sides changed
//! (`merge-conflicts.toml`, read by `rapport check`), and `rapport sync
//! init`, which makes a data folder that is a git repository use them.
//!
//! Every merge is three-way against the common ancestor (git's %O): what
//! one side changed and the other did not is taken; what both changed the
//! same way is taken once; what both changed differently is settled by the
//! rule of the file (see [`log`], [`contacts`], [`queue`]).

pub mod contacts;
pub mod init;
pub mod log;
pub mod queue;

pub use crate::domain::merge::{Three, three};
use crate::store::StoreError;
use crate::store::fsio::atomic_write;
use crate::store::merge_conflicts as conflicts;
use std::path::{Path, PathBuf};

/// Which data file is being merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Log,
    Contacts,
    Queue,
}

impl FileKind {
    /// The kind a file's name tells: `gestures.jsonl`, `contacts.toml`,
    /// `queue.toml`, and Syncthing's conflict copies of them
    /// (`contacts.sync-conflict-….toml`).
    pub fn from_name(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        let (stem, ext) = match name.split_once('.') {
            Some((s, rest)) => (s, rest.rsplit('.').next().unwrap_or(rest)),
            None => return None,
        };
        match (stem, ext) {
            ("gestures", "jsonl") => Some(FileKind::Log),
            ("contacts", "toml") => Some(FileKind::Contacts),
            ("queue", "toml") => Some(FileKind::Queue),
            _ => None,
        }
    }

    /// `log`, `contacts` or `queue`, as `--kind` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Log => "log",
            FileKind::Contacts => "contacts",
            FileKind::Queue => "queue",
        }
    }
}

/// The outcome of merging one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged file.
    pub text: String,
    /// Fields of partners both sides changed differently: ours was kept.
    pub conflicts: Vec<conflicts::Conflict>,
}

/// Why a merge did not write a result.
#[derive(Debug)]
pub enum MergeError {
    /// One of the files does not parse: exit 2, OURS untouched.
    Parse(Vec<StoreError>),
    /// The files cannot be merged by this version (a newer schema): exit 1,
    /// OURS untouched, for git to show as a conflict.
    Refused(String),
    /// Reading or writing failed: exit 2.
    Io(StoreError),
}

/// The texts of the three versions, with the names to report problems by.
pub struct Inputs<'a> {
    pub base: (&'a Path, &'a str),
    pub ours: (&'a Path, &'a str),
    pub theirs: (&'a Path, &'a str),
}

/// Merges three texts of one kind of file.
pub fn merge_texts(kind: FileKind, inputs: &Inputs) -> Result<Merged, MergeError> {
    match kind {
        FileKind::Log => log::merge(inputs),
        FileKind::Contacts => contacts::merge(inputs),
        FileKind::Queue => queue::merge(inputs),
    }
}

/// What `merge-file` was given.
pub struct MergeRequest {
    pub base: PathBuf,
    pub ours: PathBuf,
    pub theirs: PathBuf,
    pub kind: FileKind,
    /// The folder of the file in the work tree (git's %P), where the
    /// record of conflicts goes; without it, the folder of OURS.
    pub data_dir: PathBuf,
}

/// What `merge-file` did.
#[derive(Debug)]
pub struct MergeReport {
    pub conflicts: Vec<conflicts::Conflict>,
}

fn read(path: &Path) -> Result<String, MergeError> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            MergeError::Parse(vec![crate::store::error::utf8_error(
                path,
                e.as_bytes(),
                e.utf8_error(),
            )])
        }),
        // A side without the file (added on the other only) is empty.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(MergeError::Io(StoreError::io(path, "read", e))),
    }
}

/// Merges BASE, OURS and THEIRS and writes the result to OURS (atomically);
/// fields both sides changed are recorded in the data folder's
/// `merge-conflicts.toml`. On any error OURS is untouched.
pub fn merge_file(req: &MergeRequest) -> Result<MergeReport, MergeError> {
    let (base, ours, theirs) = (read(&req.base)?, read(&req.ours)?, read(&req.theirs)?);
    let inputs = Inputs {
        base: (&req.base, &base),
        ours: (&req.ours, &ours),
        theirs: (&req.theirs, &theirs),
    };
    let merged = merge_texts(req.kind, &inputs)?;
    if merged.text != ours {
        atomic_write(&req.ours, merged.text.as_bytes()).map_err(MergeError::Io)?;
    }
    if req.kind == FileKind::Contacts {
        let partners = crate::store::contacts::parse(&merged.text)
            .map(|f| f.partners)
            .unwrap_or_default();
        conflicts::record(&req.data_dir, &merged.conflicts, &partners).map_err(MergeError::Io)?;
    }
    Ok(MergeReport {
        conflicts: merged.conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_told_from_the_name() {
        let k = |s: &str| FileKind::from_name(Path::new(s));
        assert_eq!(k("data/gestures.jsonl"), Some(FileKind::Log));
        assert_eq!(k("contacts.toml"), Some(FileKind::Contacts));
        assert_eq!(k("queue.toml"), Some(FileKind::Queue));
        assert_eq!(
            k("contacts.sync-conflict-20261201-101010-ABCDEFG.toml"),
            Some(FileKind::Contacts)
        );
        assert_eq!(
            k("gestures.sync-conflict-20261201-101010-ABCDEFG.jsonl"),
            Some(FileKind::Log)
        );
        assert_eq!(k(".merge_file_a1b2c3"), None);
        assert_eq!(k("config.toml"), None);
    }

    #[test]
    fn three_way() {
        let (a, b, c) = (1, 2, 3);
        assert_eq!(three(Some(&a), Some(&a), Some(&b)), Three::Take(Some(&b)));
        assert_eq!(three(Some(&a), Some(&b), Some(&a)), Three::Take(Some(&b)));
        assert_eq!(three(Some(&a), Some(&b), Some(&b)), Three::Take(Some(&b)));
        assert_eq!(three(Some(&a), None, Some(&a)), Three::Take(None));
        assert_eq!(three(Some(&a), Some(&b), Some(&c)), Three::Clash(Some(&b), Some(&c)));
        assert_eq!(three(None, Some(&b), Some(&c)), Three::Clash(Some(&b), Some(&c)));
        assert_eq!(three(Some(&a), None, Some(&c)), Three::Clash(None, Some(&c)));
    }
}
