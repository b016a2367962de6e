//! `rapport sync init`: makes a data folder that is a git repository merge
//! its files with `rapport merge-file`.

use crate::store::fsio::atomic_write;
use crate::store::paths;
use std::path::Path;
use std::process::Command;

/// The drivers: the name git knows each by, the file it merges, its kind.
pub const DRIVERS: &[(&str, &str, &str)] = &[
    ("rapport-log", paths::GESTURES, "log"),
    ("rapport-contacts", paths::CONTACTS, "contacts"),
    ("rapport-queue", paths::QUEUE, "queue"),
];

/// What belongs to one machine: the lock, the TUI's mark, the undo
/// history, backups, temporary files, the record of merge conflicts.
pub const MACHINE_LOCAL: &[&str] = &[
    ".rapport.lock",
    ".rapport.tui",
    ".rapport-tmp-*",
    "journal.json",
    "backups/",
    crate::store::merge_conflicts::FILE,
];

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git ({e}); is it installed?"))
}

fn git_ok(dir: &Path, args: &[&str]) -> Result<(), String> {
    let out = git(dir, args)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A word for a shell: single-quoted.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The driver command git runs (through the shell) for one kind.
pub fn driver_command(exe: &Path, kind: &str) -> String {
    format!(
        "{} merge-file --kind {kind} --path %P %O %A %B",
        shell_quote(&exe.to_string_lossy())
    )
}

/// Adds to the file each line it does not have yet; true if it changed.
fn ensure_lines(path: &Path, lines: &[String]) -> Result<bool, String> {
    let current = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let have: Vec<&str> = current.lines().map(str::trim).collect();
    let missing: Vec<&String> = lines.iter().filter(|l| !have.contains(&l.as_str())).collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut out = current.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for l in missing {
        out.push_str(l);
        out.push('\n');
    }
    atomic_write(path, out.as_bytes()).map_err(|e| e.to_string())?;
    Ok(true)
}

/// Sets the data folder up; says what it did, a line each. Running it
/// again changes nothing (but a driver's path, when the binary moved).
pub fn init(dir: &Path, make_repo: bool, exe: &Path) -> Result<Vec<String>, String> {
    let mut said = Vec::new();
    if !dir.is_dir() {
        if !make_repo {
            return Err(format!(
                "{} does not exist yet; `rapport sync init --git` makes it, as a git repository",
                dir.display()
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        // A data folder is this user's alone, as the store makes it.
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let inside = git(dir, &["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        if !make_repo {
            return Err(format!(
                "{} is not in a git repository; `rapport sync init --git` makes it one",
                dir.display()
            ));
        }
        git_ok(dir, &["init", "-q"])?;
        said.push(format!("made {} a git repository", dir.display()));
    }
    let attributes: Vec<String> = DRIVERS
        .iter()
        .map(|(driver, file, _)| format!("{file} merge={driver}"))
        .collect();
    if ensure_lines(&dir.join(".gitattributes"), &attributes)? {
        said.push("wrote .gitattributes".into());
    }
    for (driver, file, kind) in DRIVERS {
        git_ok(
            dir,
            &[
                "config",
                &format!("merge.{driver}.name"),
                &format!("rapport's merge of {file}"),
            ],
        )?;
        git_ok(
            dir,
            &["config", &format!("merge.{driver}.driver"), &driver_command(exe, kind)],
        )?;
    }
    said.push(format!("set the merge drivers to {}", exe.display()));
    let ignored: Vec<String> = MACHINE_LOCAL.iter().map(|s| s.to_string()).collect();
    if ensure_lines(&dir.join(".gitignore"), &ignored)? {
        said.push("wrote .gitignore".into());
    }
    Ok(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_command_quotes_the_binary() {
        assert_eq!(
            driver_command(Path::new("/opt/my apps/rapport"), "log"),
            "'/opt/my apps/rapport' merge-file --kind log --path %P %O %A %B"
        );
    }

    #[test]
    fn lines_are_added_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".gitignore");
        std::fs::write(&p, "target").unwrap();
        let lines = vec!["a".to_string(), "target".to_string()];
        assert!(ensure_lines(&p, &lines).unwrap());
        assert!(!ensure_lines(&p, &lines).unwrap());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "target\na\n");
    }
}
