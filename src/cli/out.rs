//! Standard output that cannot take the user's trust with it: a closed or
//! full stdout never panics. The first failure is kept, what follows is
//! not attempted, and [`finish`] says what happened, so `run` can tell the
//! user that a change was written even though its report was not.

use std::io::{self, Write};
use std::sync::Mutex;

/// The first error writing to standard output met.
static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// Writes `text` to standard output as it is (no newline added).
pub fn write(text: &str) {
    let mut failed = FAILED.lock().unwrap_or_else(|e| e.into_inner());
    if failed.is_some() {
        return;
    }
    if let Err(e) = io::stdout().lock().write_all(text.as_bytes()) {
        *failed = Some(e);
    }
}

/// Writes `line` and a newline to standard output.
pub fn line(line: &str) {
    let mut text = String::with_capacity(line.len() + 1);
    text.push_str(line);
    text.push('\n');
    write(&text);
}

/// Flushes standard output; the first error any write met, if one did.
pub fn finish() -> Option<io::Error> {
    let mut failed = FAILED.lock().unwrap_or_else(|e| e.into_inner());
    if failed.is_none()
        && let Err(e) = io::stdout().lock().flush()
    {
        *failed = Some(e);
    }
    failed.take()
}

/// Where [`to_path`] put the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `-` or `/dev/stdout`: standard output.
    Stdout,
    /// A FIFO, a terminal or another device, written into.
    Into,
    /// A regular file, replaced all at once (or made, mode 0600).
    Replaced,
}

/// Writes `bytes` where `-o PATH` points: `-` and `/dev/stdout` are
/// standard output; a FIFO, a character device or any other file that is
/// not a regular one is written into, never renamed over; only a regular
/// file (or none yet) is replaced atomically. A folder is refused.
pub fn to_path(path: &std::path::Path, bytes: &[u8]) -> Result<Written, super::Failure> {
    use super::Failure;
    let s = path.as_os_str();
    if s == "-" || s == "/dev/stdout" || s == "/dev/fd/1" || s == "/proc/self/fd/1" {
        write(&String::from_utf8_lossy(bytes));
        return match finish() {
            None => Ok(Written::Stdout),
            Some(e) => Err(Failure::Data(format!("could not write to standard output: {e}"))),
        };
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Failure::Usage(format!(
            "{} is a folder; -o takes a file name",
            path.display()
        ))),
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Failure::Data(format!("could not open {}: {e}", path.display())))?;
            f.write_all(bytes)
                .and_then(|()| f.flush())
                .map_err(|e| Failure::Data(format!("could not write to {}: {e}", path.display())))?;
            Ok(Written::Into)
        }
        _ => {
            crate::store::fsio::atomic_write(path, bytes)?;
            Ok(Written::Replaced)
        }
    }
}
