//! Errors from the data files. Each one names the file, and where it can,
//! the line and column, in one sentence.

use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A file that does not parse; line and column are 1-based.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// A file that parses but breaks a rule that has no single position.
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },

    #[error("could not {action} {}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },

    #[error(
        "{} has schema_version {found}, newer than this rapport understands ({supported}); upgrade rapport (nothing was changed)",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error(
        "another rapport is writing to this data folder (lock {} is held); nothing was changed, try again",
        path.display()
    )]
    Locked { path: PathBuf },

    /// The data folder cannot be written: its permissions, or a read-only
    /// mount. Said before anything is touched.
    #[error(
        "the data folder {} cannot be written ({}); nothing was changed",
        dir.display(),
        why_not_writable(source)
    )]
    ReadOnly {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{}", .0)]
    Refused(String),

    /// A change the rules would not make (the item was cleared meanwhile,
    /// the partner changed since); nothing was written.
    #[error(transparent)]
    Refusal(#[from] crate::domain::change::Refusal),
}

fn why_not_writable(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "a read-only file system".into(),
        _ => e.to_string(),
    }
}

impl StoreError {
    pub fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// A parse error at a byte offset of `text`.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, offset);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Line and column of the first invalid byte, for files that are not UTF-8.
pub fn utf8_error(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> StoreError {
    let good = &bytes[..e.valid_up_to()];
    let text = std::str::from_utf8(good).unwrap_or_default();
    StoreError::at(path, text, text.len(), "invalid UTF-8 (rapport's files are UTF-8 text)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_chars() {
        let t = "ab\ncdé f";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, t.find('f').unwrap()), (2, 5));
    }
}
