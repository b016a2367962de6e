//! The quick way to log one gesture: when the files are exactly as the
//! caller last read them, the new line is appended and the undo journal
//! updated without reading the book again, so logging costs the same at
//! 100 gestures as at 100,000. Anything unexpected (a file changed outside,
//! a torn last line, an old schema to upgrade) leaves the work to
//! [`Store::change`], which reads everything afresh.

use super::journal::{Entry, FileMark, Mark, Op, Pending, Step};
use super::{Data, Store, StoreError, fsio, log, paths, roll_back};
use crate::domain::Gesture;
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

impl Store {
    /// Appends `g` to gestures.jsonl and records it in the undo journal as
    /// `label`, exactly as [`Store::change`] would for the same gesture, if
    /// the files are still as `data` was read: every data file with the
    /// stamps `data` holds (so the snoozes on disk are the ones `data`
    /// holds, without reading queue.toml), no torn last line or old schema
    /// to deal with, the partner in the book and the log ending with a
    /// whole line. Then `data` gets the gesture at the end of its log and
    /// the files' new stamps, and the answer is true. Otherwise nothing is
    /// written and the answer is false: the caller goes through
    /// [`Store::change`] instead.
    pub fn append_gesture(&self, data: &mut Data, g: &Gesture, label: String) -> Result<bool, StoreError> {
        let _lock = self.lock()?;
        fsio::sweep_temp_files(&self.dir);
        let path = self.path(paths::GESTURES);
        let as_read = data.torn_tail.is_none()
            && data.old_schema.is_none()
            && data.book.partner(&g.contact).is_some()
            && self.stamps() == data.stamps
            && ends_with_whole_line(&path)
            && !data.book.gestures.iter().any(|x| crate::domain::book::same_id(&x.id, &g.id))
            // Syncthing's conflict copies are merged by a full change.
            && super::conflict_copies::find(&self.dir).is_empty();
        if !as_read {
            return Ok(false);
        }
        let line = log::render_line(g);
        super::read_back::gesture(g, &line)?;
        let line = line + "\n";
        let mut journal = self.journal_for_change(&super::write::backup_stamp())?;
        let len = fs::metadata(fsio::real_path(&path)).map(|m| m.len()).ok();
        journal.pending = Some(Pending {
            step: Step::Record {
                entry: Entry {
                    label,
                    ops: vec![Op::Gesture {
                        id: g.id.clone(),
                        before: None,
                        after: Some(line.trim_end().to_string()),
                    }],
                },
            },
            files: vec![FileMark {
                file: paths::GESTURES.to_string(),
                before: len.map_or(Mark::Absent, |n| Mark::tail(n, b"")),
                after: Mark::tail(len.unwrap_or(0) + line.len() as u64, line.as_bytes()),
            }],
        });
        // The journal first, so a crash before the append leaves nothing
        // to undo, and one after it leaves the gesture undoable.
        let mut restore = vec![fsio::Restore::bytes_of(&self.path(paths::JOURNAL))];
        self.write_journal(&journal).map_err(|e| roll_back(e, &restore))?;
        restore.push(fsio::Restore::len_of(&path));
        if let Err(e) = fsio::append(&path, line.as_bytes()) {
            return Err(roll_back(e, &restore));
        }
        data.book.gestures.push(g.clone());
        // Taken under the lock, so a change another process makes after
        // this one still shows as a change.
        data.stamps = self.stamps();
        Ok(true)
    }
}

/// True if the log is missing, empty, or ends with a newline: only its
/// last byte is read.
fn ends_with_whole_line(path: &Path) -> bool {
    let mut f = match File::open(fsio::real_path(path)) {
        Ok(f) => f,
        Err(e) => return e.kind() == std::io::ErrorKind::NotFound,
    };
    let mut last = [0u8; 1];
    match f.seek(SeekFrom::End(0)) {
        Ok(0) => true,
        Ok(_) => f.seek(SeekFrom::End(-1)).is_ok() && f.read_exact(&mut last).is_ok() && last[0] == b'\n',
        Err(_) => false,
    }
}
