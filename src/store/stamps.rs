//! The one detector of changes to the data files: what identifies a version
//! of each file without reading it.
//!
//! A stamp is taken before a file is read and kept with what was read, so
//! "the files now" against "the data I hold" tells whether to read again.
//! The change time is in it because an editor can keep a file's size and
//! modification time; the device and inode because a rename replaces the
//! file without touching the old one's times.

use super::paths;
use serde::{Deserialize, Serialize};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// One version of one file: device, inode, size, and the modification and
/// change times to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub(super) dev: u64,
    pub(super) ino: u64,
    pub(super) len: u64,
    pub(super) mtime: (i64, i64),
    pub(super) ctime: (i64, i64),
}

impl Stamp {
    /// The stamp of the file at `path`, or `None` if it cannot be read
    /// (missing, most often).
    pub fn of(path: &Path) -> Option<Stamp> {
        fs::metadata(path).ok().map(|m| Stamp {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        })
    }

    /// The later of the modification and change times, in seconds since
    /// the epoch.
    pub(super) fn touched(&self) -> f64 {
        let secs = |(s, ns): (i64, i64)| s as f64 + ns as f64 / 1e9;
        secs(self.mtime).max(secs(self.ctime))
    }
}

/// The stamps of every data file (`None`: missing). Equal stamps mean
/// unchanged files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamps {
    pub contacts: Option<Stamp>,
    pub gestures: Option<Stamp>,
    pub queue: Option<Stamp>,
}

impl Stamps {
    /// The stamps of the data files in `dir`: three `stat`s.
    pub fn of(dir: &Path) -> Stamps {
        Stamps {
            contacts: Stamp::of(&dir.join(paths::CONTACTS)),
            gestures: Stamp::of(&dir.join(paths::GESTURES)),
            queue: Stamp::of(&dir.join(paths::QUEUE)),
        }
    }

    /// The stamps of contacts.toml and gestures.jsonl: the book's files.
    pub fn book(&self) -> [Option<Stamp>; 2] {
        [self.contacts, self.gestures]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_rewrite_changes_the_stamps() {
        let d = tempfile::tempdir().unwrap();
        let empty = Stamps::of(d.path());
        assert_eq!(empty, Stamps::default(), "no files: no stamps");
        fs::write(d.path().join(paths::QUEUE), "a").unwrap();
        let one = Stamps::of(d.path());
        assert_ne!(one, empty);
        assert_eq!(Stamps::of(d.path()), one, "nothing changed");
        // The same size and modification time, rewritten: the change time
        // (or the inode) tells.
        let path = d.path().join(paths::QUEUE);
        let mtime = fs::metadata(&path).unwrap().modified().unwrap();
        // Past the file system's clock tick (the racy case is the cache's
        // to avoid, see `cache::SETTLED`).
        std::thread::sleep(std::time::Duration::from_millis(50));
        fs::write(&path, "b").unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        assert_ne!(Stamps::of(d.path()), one);
    }
}
