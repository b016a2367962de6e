//! The one place rapport writes files: atomic replace, durable append, the
//! backups kept before a replace, and a seam that tests use to make the Nth
//! write, fsync or rename fail (in debug builds only).

use super::error::StoreError;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// How many backups of each file `backups/` keeps.
pub const BACKUPS_KEPT: usize = 10;

/// Steps that can be made to fail on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Write,
    Fsync,
    Rename,
}

// The fault seam is for tests, which run debug builds (the binary's too):
// a release build compiles none of it, and `checkpoint` is a no-op there.
#[cfg(debug_assertions)]
use fault::checkpoint;
#[cfg(debug_assertions)]
pub use fault::{Fault, fault_from_env, inject_fault};

#[cfg(not(debug_assertions))]
#[inline]
fn checkpoint(_: Step) -> io::Result<()> {
    Ok(())
}

#[cfg(debug_assertions)]
mod fault {
    use super::Step;
    use std::io;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};

    impl Step {
        fn name(self) -> &'static str {
            match self {
                Step::Write => "write",
                Step::Fsync => "fsync",
                Step::Rename => "rename",
            }
        }
    }

    /// A planned failure: the `n`th (1-based) operation of `step` fails.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Fault {
        pub step: Step,
        pub n: u64,
    }

    static FAULT: Mutex<Option<Fault>> = Mutex::new(None);
    static COUNTS: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];
    /// Steps of any kind so far, and the one at which the process kills
    /// itself (0: none): `RAPPORT_FAIL_AT=kill:N`.
    static ALL: AtomicU64 = AtomicU64::new(0);
    static KILL_AT: AtomicU64 = AtomicU64::new(0);

    /// Makes the `n`th write, fsync or rename from now on fail (tests only).
    /// `RAPPORT_FAIL_AT=rename:1` does the same for the binary.
    pub fn inject_fault(fault: Option<Fault>) {
        for c in &COUNTS {
            c.store(0, Ordering::SeqCst);
        }
        *FAULT.lock().unwrap_or_else(|e| e.into_inner()) = fault;
    }

    /// Reads `RAPPORT_FAIL_AT`: `write:N`, `fsync:N` or `rename:N` make
    /// that step fail; `kill:N` sends the process SIGKILL as it starts its
    /// Nth write, fsync or rename of any kind, as a crash would.
    pub fn fault_from_env() {
        let Ok(spec) = std::env::var("RAPPORT_FAIL_AT") else {
            return;
        };
        let Some((step, n)) = spec.split_once(':') else { return };
        if step == "kill" {
            KILL_AT.store(n.parse().unwrap_or(0), Ordering::SeqCst);
            return;
        }
        let step = match step {
            "write" => Step::Write,
            "fsync" => Step::Fsync,
            "rename" => Step::Rename,
            _ => return,
        };
        if let Ok(n) = n.parse() {
            inject_fault(Some(Fault { step, n }));
        }
    }

    pub(super) fn checkpoint(step: Step) -> io::Result<()> {
        let all = ALL.fetch_add(1, Ordering::SeqCst) + 1;
        if KILL_AT.load(Ordering::SeqCst) == all {
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGKILL);
        }
        let i = step as usize;
        let count = COUNTS[i].fetch_add(1, Ordering::SeqCst) + 1;
        let fault = *FAULT.lock().unwrap_or_else(|e| e.into_inner());
        match fault {
            Some(f) if f.step == step && f.n == count => Err(io::Error::other(format!(
                "injected failure at {} #{count}",
                step.name()
            ))),
            _ => Ok(()),
        }
    }
}

fn write_all(f: &mut File, bytes: &[u8]) -> io::Result<()> {
    checkpoint(Step::Write)?;
    f.write_all(bytes)
}

fn sync(f: &File) -> io::Result<()> {
    checkpoint(Step::Fsync)?;
    f.sync_all()
}

fn rename(from: &Path, to: &Path) -> io::Result<()> {
    checkpoint(Step::Rename)?;
    fs::rename(from, to)
}

/// The file a write to `path` should land in: a symlink is followed, so a
/// dotfile manager's link stays a link.
pub fn real_path(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    let d = File::open(dir)?;
    checkpoint(Step::Fsync)?;
    d.sync_all()
}

/// Temporary files rapport makes start with this, so a later start can
/// sweep ones a crash left behind.
pub const TEMP_PREFIX: &str = ".rapport-tmp-";

/// Replaces `path` with `bytes` all at once: a temporary file in the same
/// folder, fsync, rename over the old one, fsync the folder. On any error the
/// old file is untouched and the temporary file is removed. A new file gets
/// mode 0600; an existing one keeps its mode.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = real_path(path);
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mode = fs::metadata(&target)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0o600);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{name}."))
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(&target, "create a temporary file beside", e))?;
    let (mut file, tmp_path) = tmp.into_parts();
    // From here the TempPath removes the temporary file on every error path.
    let result = (|| {
        write_all(&mut file, bytes).map_err(|e| StoreError::io(&target, "write", e))?;
        sync(&file).map_err(|e| StoreError::io(&target, "fsync", e))?;
        // Some umasks narrow the mode given at creation; set it exactly.
        fs::set_permissions(&tmp_path, fs::Permissions::from_mode(mode))
            .map_err(|e| StoreError::io(&target, "set permissions of", e))?;
        rename(&tmp_path, &target).map_err(|e| StoreError::io(&target, "replace", e))
    })();
    match result {
        Ok(()) => {
            // Renamed: nothing left to remove.
            std::mem::forget(tmp_path);
            sync_dir(dir).map_err(|e| StoreError::io(dir, "fsync folder", e))
        }
        Err(e) => {
            drop(tmp_path);
            Err(e)
        }
    }
}

/// Appends bytes (whole lines) to `path` in one write, then fsyncs. Creates
/// the file with mode 0600 if needed. If the write fails, the file is cut
/// back to its old length so no partial line is left.
pub fn append(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = real_path(path);
    let existed = target.exists();
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&target)
        .map_err(|e| StoreError::io(&target, "open", e))?;
    let old_len = f.metadata().map_err(|e| StoreError::io(&target, "read", e))?.len();
    let result = write_all(&mut f, bytes)
        .map_err(|e| StoreError::io(&target, "append to", e))
        .and_then(|()| sync(&f).map_err(|e| StoreError::io(&target, "fsync", e)));
    if let Err(e) = result {
        let _ = f.set_len(old_len);
        let _ = f.sync_all();
        return Err(e);
    }
    if !existed && let Some(dir) = target.parent() {
        sync_dir(dir).map_err(|e| StoreError::io(dir, "fsync folder", e))?;
    }
    Ok(())
}

/// Removes a file (a missing one is fine) and syncs its folder.
pub fn remove(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(path, "remove", e)),
    }
    if let Some(dir) = path.parent() {
        sync_dir(dir).map_err(|e| StoreError::io(dir, "sync", e))?;
    }
    Ok(())
}

/// Cuts `path` back to `len` bytes, durably (used by undo of an append and
/// to set aside a torn last line).
pub fn truncate(path: &Path, len: u64) -> Result<(), StoreError> {
    let target = real_path(path);
    let f = OpenOptions::new()
        .write(true)
        .open(&target)
        .map_err(|e| StoreError::io(&target, "open", e))?;
    f.set_len(len).map_err(|e| StoreError::io(&target, "truncate", e))?;
    sync(&f).map_err(|e| StoreError::io(&target, "fsync", e))
}

/// How to put a file back as it was before a change began, should a later
/// step of the same change fail.
#[derive(Debug)]
pub enum Restore {
    /// Its old bytes, or `None` if it did not exist.
    Bytes(PathBuf, Option<Vec<u8>>),
    /// It was only appended to: cut it back to this length.
    Len(PathBuf, u64),
}

impl Restore {
    /// Remembers `path` as it is now.
    pub fn bytes_of(path: &Path) -> Restore {
        Restore::Bytes(path.to_path_buf(), fs::read(real_path(path)).ok())
    }

    /// Remembers the length of `path` before an append (a missing file is 0
    /// long and is removed again).
    pub fn len_of(path: &Path) -> Restore {
        match fs::metadata(real_path(path)) {
            Ok(m) => Restore::Len(path.to_path_buf(), m.len()),
            Err(_) => Restore::Bytes(path.to_path_buf(), None),
        }
    }

    /// Puts the file back as it was remembered; a file that already is (a
    /// step that failed before it changed anything) is left alone.
    pub fn apply(&self) -> Result<(), StoreError> {
        if self.holds() {
            return Ok(());
        }
        match self {
            Restore::Bytes(path, Some(b)) => atomic_write(path, b),
            Restore::Bytes(path, None) if path.is_symlink() => truncate(path, 0),
            Restore::Bytes(path, None) => remove(path),
            Restore::Len(path, n) => truncate(path, *n),
        }
    }
}

impl Restore {
    /// True if the file is as remembered.
    fn holds(&self) -> bool {
        match self {
            Restore::Bytes(path, Some(b)) => fs::read(real_path(path)).is_ok_and(|now| now == *b),
            Restore::Bytes(path, None) => {
                matches!(fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound)
            }
            Restore::Len(path, n) => fs::metadata(real_path(path)).is_ok_and(|m| m.len() == *n),
        }
    }

    /// The file this puts back.
    pub fn path(&self) -> &Path {
        match self {
            Restore::Bytes(p, _) | Restore::Len(p, _) => p,
        }
    }
}

/// Moves `path` into `backups_dir` as `NAME.SUFFIX`, so a fresh one can be
/// started without losing it. A missing file has nothing to set aside.
pub fn set_aside(path: &Path, backups_dir: &Path, suffix: &str) -> Result<(), StoreError> {
    if !path.exists() {
        return Ok(());
    }
    ensure_backups_dir(backups_dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dest = backups_dir.join(format!("{name}.{suffix}"));
    rename(path, &dest).map_err(|e| StoreError::io(path, "set aside", e))?;
    for dir in [backups_dir, path.parent().unwrap_or(Path::new("."))] {
        sync_dir(dir).map_err(|e| StoreError::io(dir, "fsync folder", e))?;
    }
    Ok(())
}

fn ensure_backups_dir(backups_dir: &Path) -> Result<(), StoreError> {
    if !backups_dir.exists() {
        fs::create_dir_all(backups_dir).map_err(|e| StoreError::io(backups_dir, "create", e))?;
        let _ = fs::set_permissions(backups_dir, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Copies the current `path` into `backups_dir` as `NAME.STAMP` and keeps
/// only the newest [`BACKUPS_KEPT`] copies of that file. A missing file has
/// nothing to back up.
pub fn backup(path: &Path, backups_dir: &Path, stamp: &str) -> Result<(), StoreError> {
    let target = real_path(path);
    let Ok(bytes) = fs::read(&target) else { return Ok(()) };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ensure_backups_dir(backups_dir)?;
    let mut dest = backups_dir.join(format!("{name}.{stamp}"));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = backups_dir.join(format!("{name}.{stamp}-{n}"));
    }
    atomic_write(&dest, &bytes)?;
    prune_backups(backups_dir, &name);
    Ok(())
}

/// The backups of file `name`, oldest first.
pub fn backups_of(backups_dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!("{name}.");
    let mut v: Vec<PathBuf> = fs::read_dir(backups_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect();
    v.sort();
    v
}

fn prune_backups(backups_dir: &Path, name: &str) {
    let all = backups_of(backups_dir, name);
    if all.len() > BACKUPS_KEPT {
        for old in &all[..all.len() - BACKUPS_KEPT] {
            let _ = fs::remove_file(old);
        }
    }
}

/// Removes temporary files a crash left behind in the data folder `dir`
/// and in its `backups/` (a backup copy is written atomically too, so a
/// kill mid-copy leaves its temporary file there). Called under the write
/// lock, so no temporary file swept is one still being written.
pub fn sweep_temp_files(dir: &Path) {
    for folder in [dir.to_path_buf(), dir.join(super::paths::BACKUPS)] {
        for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_creates_0600_and_keeps_existing_mode() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.toml");
        atomic_write(&p, b"one").unwrap();
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn writes_through_a_symlink() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real.toml");
        let link = d.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        atomic_write(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn the_sweep_reaches_backups_but_not_other_files() {
        let d = tempfile::tempdir().unwrap();
        let b = d.path().join(super::super::paths::BACKUPS);
        fs::create_dir_all(&b).unwrap();
        let left = [
            d.path().join(".rapport-tmp-contacts.toml.a1B2c3"),
            b.join(".rapport-tmp-contacts.toml.2026-01-01T00-00-00.x9Y8z7"),
        ];
        let kept = [
            d.path().join("contacts.toml"),
            b.join("contacts.toml.2026-01-01T00-00-00"),
        ];
        for p in left.iter().chain(&kept) {
            fs::write(p, "x").unwrap();
        }
        sweep_temp_files(d.path());
        for p in &left {
            assert!(!p.exists(), "{} was not swept", p.display());
        }
        for p in &kept {
            assert!(p.exists(), "{} was swept", p.display());
        }
    }

    #[test]
    fn backups_keep_the_newest_ten() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.toml");
        let b = d.path().join("backups");
        for i in 0..13 {
            fs::write(&p, format!("v{i}")).unwrap();
            backup(&p, &b, &format!("2026-01-01T00-00-{i:02}")).unwrap();
        }
        let kept = backups_of(&b, "c.toml");
        assert_eq!(kept.len(), BACKUPS_KEPT);
        assert_eq!(fs::read_to_string(kept.last().unwrap()).unwrap(), "v12");
    }
}
