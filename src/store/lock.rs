//! The write lock: held only while a change is written, so two writers never
//! interleave. The kernel drops it when the holder dies, even by SIGKILL.

use super::error::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another to finish before giving up: three
/// seconds; debug builds (tests) read `RAPPORT_LOCK_WAIT_MS`, like the
/// other test seams.
pub fn default_wait() -> Duration {
    let ms = if cfg!(debug_assertions) {
        std::env::var("RAPPORT_LOCK_WAIT_MS").ok().and_then(|v| v.parse().ok())
    } else {
        None
    };
    Duration::from_millis(ms.unwrap_or(3000))
}

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
    pub path: PathBuf,
}

impl WriteLock {
    /// Waits up to `wait` for the lock on `path`, then fails naming it.
    pub fn acquire(path: &Path, wait: Duration) -> Result<WriteLock, StoreError> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| StoreError::io(path, "open the lock file", e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(WriteLock {
                        _file: file,
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io(path, "lock", e)),
            }
        }
    }
}
