//! Helpers for running the real binary against temporary data folders.
#![allow(dead_code)]

pub mod tui;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-20";

/// A temporary data folder and a way to run `rapport` on it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.data().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        std::fs::create_dir_all(self.data()).unwrap();
        std::fs::write(self.file(name), bytes).unwrap();
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).unwrap_or_default()
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rapport"));
        c.args(args)
            .env("RAPPORT_DATA_DIR", self.data())
            .env("RAPPORT_CONFIG", self.dir.path().join("config.toml"))
            .env("RAPPORT_TODAY", TODAY)
            .env("RAPPORT_LOCK_WAIT_MS", "300")
            .env_remove("RAPPORT_FAIL_AT")
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd(args).output().unwrap())
    }

    /// Runs and insists on success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(r.code, 0, "rapport {args:?} failed: {}{}", r.stdout, r.stderr);
        r
    }

    /// Adds Dana Lee on no cadence and at stage trust, so only referral
    /// items show for her.
    pub fn add_dana(&self) {
        self.ok(&[
            "add",
            "Dana Lee",
            "--org",
            "Lee Family Law",
            "--cadence",
            "0",
            "--stage",
            "trust",
        ]);
    }

    /// Every file in the data folder (recursively) with its bytes, less the
    /// empty lock file a writer creates.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        walk(&self.data(), &self.data(), &mut out);
        out
    }
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == ".rapport.lock") {
            continue;
        }
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// For a test that needs a tool from outside (tmux): false, after saying
/// it skipped, when the tool is missing; under `CI=true`, where `.ci/run`
/// installs it, a missing tool fails the test instead of hiding it.
pub fn have_tool(name: &str, present: bool) -> bool {
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{name} is missing under CI=true; .ci/run installs it"
        );
        eprintln!("skipped: {name} is not installed");
    }
    present
}

/// The shared third-party fixtures, if they are beside the repo and
/// `RAPPORT_HIDE_SHARED` does not hide them.
pub fn fixtures() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    (p.is_dir() && std::env::var_os("RAPPORT_HIDE_SHARED").is_none()).then_some(p)
}

/// Every file under `root` (its folders too) whose extension is one of
/// `exts` (ignoring case), sorted.
pub fn files_under(root: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A data folder made read-only for a test (its files 0444, its folders
/// 0555), and how to run rapport so that those modes bind it: as we are,
/// or, when we are root (who writes regardless), as the user nobody
/// through `setpriv`, with the folder given to nobody so only its mode
/// stops the writes. Dropping it gives the folder back, writable, so the
/// temporary folder can be removed.
pub struct ReadOnlyFolder {
    dir: PathBuf,
    /// What goes before the binary on a command line; empty when the modes
    /// already bind us.
    pub prefix: Vec<String>,
}

const NOBODY: &[&str] = &["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

impl ReadOnlyFolder {
    /// Makes `dir` read-only. `open` are folders rapport must pass through
    /// to reach it and its config (made 0755 when it runs as nobody). None
    /// when the modes bind no one we can run as: the test should skip.
    pub fn make(dir: &Path, open: &[&Path]) -> Option<ReadOnlyFolder> {
        set_modes(dir, 0o444, 0o555);
        let mut folder = ReadOnlyFolder {
            dir: dir.to_path_buf(),
            prefix: Vec::new(),
        };
        // No libc: ask the system by trying.
        let probe = dir.join(".rapport-probe");
        if std::fs::File::create(&probe).is_err() {
            return Some(folder);
        }
        let _ = std::fs::remove_file(&probe);
        let runs = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if !runs(NOBODY[0], &[&NOBODY[1..], &["true"]].concat()) {
            return None;
        }
        if !runs("chown", &["-R", "65534:65534", &dir.display().to_string()]) {
            return None;
        }
        for p in open {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        folder.prefix = NOBODY.iter().map(|s| s.to_string()).collect();
        Some(folder)
    }

    /// The prefix as one line of shell, for a script.
    pub fn shell_prefix(&self) -> String {
        self.prefix.join(" ")
    }

    /// `c`, run the way the folder binds it.
    pub fn wrap(&self, c: Command) -> Command {
        let Some((program, args)) = self.prefix.split_first() else {
            return c;
        };
        let mut w = Command::new(program);
        w.args(args).arg(c.get_program()).args(c.get_args());
        for (k, v) in c.get_envs() {
            match v {
                Some(v) => w.env(k, v),
                None => w.env_remove(k),
            };
        }
        w
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        set_modes(&self.dir, 0o600, 0o700);
    }
}

/// Every file under `dir` (dot files too) gets `file`, every folder `folder`.
fn set_modes(dir: &Path, file: u32, folder: u32) {
    use std::os::unix::fs::PermissionsExt;
    // Open the folder first so its entries can be listed and changed.
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            set_modes(&p, file, folder);
        } else {
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(file));
        }
    }
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(folder));
}
