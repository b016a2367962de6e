//! Reading the journal and settling its pending step against the files.
//!
//! The journal is saved before the data files are touched, with the step
//! that is about to happen and the [`Mark`] of each file before and after.
//! Whoever reads it next decides from the files whether the step happened:
//! it did if any file is in its new state (or no longer in its old one); it
//! did not if every file is exactly as it was. A journal that fails to
//! parse is an error for `undo` and `redo`, and is set aside in `backups/`
//! by the next change, which starts a new one.

use super::journal::{FileMark, Journal, Mark};
use super::{Store, StoreError, fsio, paths};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

impl Mark {
    /// The mark of a whole file's bytes.
    pub fn whole(bytes: &[u8]) -> Mark {
        Mark::Whole {
            len: bytes.len() as u64,
            hash: xxh3_64(bytes),
        }
    }

    /// The mark of a file `len` bytes long, of which `tail` are the last.
    pub fn tail(len: u64, tail: &[u8]) -> Mark {
        Mark::Tail {
            len,
            from: len - tail.len() as u64,
            hash: xxh3_64(tail),
        }
    }

    /// The mark of the file at `path` as it is now, or `Absent`.
    pub fn of_file(path: &Path) -> Result<Mark, StoreError> {
        match fs::read(fsio::real_path(path)) {
            Ok(b) => Ok(Mark::whole(&b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Mark::Absent),
            Err(e) => Err(StoreError::io(path, "read", e)),
        }
    }

    /// True if the file at `path` is in this state. A file that cannot be
    /// read is in no state.
    pub fn holds(&self, path: &Path) -> bool {
        let path = fsio::real_path(path);
        match self {
            Mark::Absent => matches!(fs::symlink_metadata(&path), Err(e) if e.kind() == io::ErrorKind::NotFound),
            Mark::Whole { len, hash } => fs::read(&path).is_ok_and(|b| b.len() as u64 == *len && xxh3_64(&b) == *hash),
            Mark::Tail { len, from, hash } => read_from(&path, *len, *from).is_ok_and(|b| xxh3_64(&b) == *hash),
        }
    }
}

/// The bytes of a file from offset `from` on, if it is `len` bytes long.
fn read_from(path: &Path, len: u64, from: u64) -> io::Result<Vec<u8>> {
    let mut f = File::open(path)?;
    if f.metadata()?.len() != len {
        return Err(io::Error::other("another length"));
    }
    f.seek(SeekFrom::Start(from))?;
    let mut b = Vec::with_capacity((len - from) as usize);
    f.read_to_end(&mut b)?;
    Ok(b)
}

impl Store {
    /// The journal, its pending step settled against the files. A missing
    /// journal is an empty one; one that fails to parse is an error naming
    /// its line and column.
    pub fn read_journal(&self) -> Result<Journal, StoreError> {
        let path = self.path(paths::JOURNAL);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Journal::default()),
            Err(e) => return Err(StoreError::io(&path, "read", e)),
        };
        let mut journal: Journal = serde_json::from_slice(&bytes).map_err(|e| {
            // serde_json ends its message with the position, given here first.
            let text = e.to_string();
            let what = text.split(" at line ").next().unwrap_or(&text).to_string();
            StoreError::Parse {
                path: path.clone(),
                line: e.line().max(1),
                column: e.column().max(1),
                message: format!("the undo history does not parse ({what})"),
            }
        })?;
        self.settle(&mut journal);
        Ok(journal)
    }

    /// The journal for a change to add to: as [`Store::read_journal`], but
    /// one that fails to parse is moved into `backups/` (as
    /// `journal.json.STAMP.damaged`) and a new, empty history begins.
    pub(super) fn journal_for_change(&self, stamp: &str) -> Result<Journal, StoreError> {
        match self.read_journal() {
            Err(e @ StoreError::Parse { .. }) => {
                let path = self.path(paths::JOURNAL);
                let suffix = format!("{stamp}.damaged");
                fsio::set_aside(&path, &self.path(paths::BACKUPS), &suffix)?;
                self.notice(&[format!(
                    "{e}: it was moved to {}/{}.{suffix}, and the undo history starts again with this change",
                    paths::BACKUPS,
                    paths::JOURNAL
                )]);
                Ok(Journal::default())
            }
            other => other,
        }
    }

    /// Settles the pending step, if any: it joins the history if it
    /// reached the files, and is dropped if it did not.
    fn settle(&self, journal: &mut Journal) {
        if let Some(p) = journal.pending.take()
            && self.took_place(&p.files)
        {
            journal.take_step(p.step);
        }
    }

    /// True unless every file is still exactly as it was before the step.
    fn took_place(&self, files: &[FileMark]) -> bool {
        files.iter().any(|f| {
            let path = self.path(&f.file);
            (f.after != f.before && f.after.holds(&path)) || !f.before.holds(&path)
        })
    }
}
