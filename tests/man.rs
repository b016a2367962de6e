//! `rapport man`: one manual page, made from the same clap definition as
//! `--help`, that groff reads without a warning.

mod common;

use common::Env;
use std::io::Write;
use std::process::{Command, Stdio};

fn page() -> String {
    Env::new().ok(&["man"]).stdout
}

#[test]
fn the_page_has_a_title_every_command_and_the_files() {
    let page = page();
    let first = page.lines().next().unwrap_or_default();
    assert!(first.starts_with(".TH RAPPORT 1 "), "first line: {first}");
    for heading in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH FILES",
        ".SH EXAMPLES",
    ] {
        assert!(page.lines().any(|l| l == heading), "no {heading}");
    }
    // Every visible command is listed with its about text, and has its own
    // part with its options; in text roff escapes the dash in merge-file.
    for (name, about) in [
        ("import", "Import partners from a vCard"),
        ("export", "Export partners: vcard"),
        ("queue", "The stay\\-in\\-touch queue"),
        ("query", "Look addresses up for a mail client"),
        ("merge-file", "Merge three versions of a data file"),
        ("man", "Print the manual page"),
    ] {
        let listed = format!("\\fB{}\\fR\n{about}", name.replace('-', "\\-"));
        assert!(page.contains(&listed), "{name} is not listed with its about text");
        assert!(
            page.contains(&format!(".SS \"rapport {name}\"")),
            "{name} has no part of its own"
        );
    }
    assert!(page.contains(".SS \"rapport sync init\""));
    assert!(page.contains("\\fB\\-\\-dry\\-run\\fR"), "import's options are missing");
    assert!(
        page.contains("\\fB\\-\\-no\\-header\\fR"),
        "query's options are missing"
    );
    for file in ["contacts.toml", "gestures.jsonl", "queue.toml", "config.toml"] {
        assert!(page.contains(file), "FILES does not name {file}");
    }
    // The hidden generator stays hidden, and clap's help command is not a
    // command of rapport's.
    assert!(!page.contains("rapport generate"));
    assert!(!page.contains(".SS \"rapport help\""));
    // The roff crate's apostrophe string is defined once, after the title.
    assert_eq!(page.matches(".ds Aq").count(), 2);
}

#[test]
fn groff_reads_the_page_without_a_warning() {
    let present = Command::new("groff")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        // .ci/run installs groff; anywhere else the check is optional.
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "groff is missing on CI (.ci/run installs groff-base)"
        );
        eprintln!("groff is not installed: the page's roff is not checked");
        return;
    }
    let page = page();
    // -ww: every warning; -z: no output, only the checking.
    let mut groff = Command::new("groff")
        .args(["-ww", "-z", "-man"])
        .env_remove("MAN_KEEP_FORMATTING")
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff starts");
    groff
        .stdin
        .take()
        .expect("a pipe")
        .write_all(page.as_bytes())
        .expect("groff reads the page");
    let out = groff.wait_with_output().expect("groff finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "groff failed: {stderr}");
    assert!(stderr.trim().is_empty(), "groff warns:\n{stderr}");
}

/// The man page and the completions the Debian package installs
/// (assets/dist) are what the binary prints: change the command line and
/// this fails until they are made again with
/// `RAPPORT_WRITE_DIST=1 cargo test --test man`.
#[test]
fn the_packaged_man_page_and_completions_are_what_the_binary_prints() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/dist");
    let write = std::env::var_os("RAPPORT_WRITE_DIST").is_some();
    let env = Env::new();
    let mut stale = Vec::new();
    for (file, args) in [
        ("rapport.1", &["man"][..]),
        ("rapport.bash", &["completions", "bash"][..]),
        ("_rapport", &["completions", "zsh"][..]),
        ("rapport.fish", &["completions", "fish"][..]),
    ] {
        let printed = env.ok(args).stdout;
        let path = dist.join(file);
        if write {
            std::fs::write(&path, &printed).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(printed.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "assets/dist/{stale:?} differ from what `rapport man` and `rapport completions` print; \
         RAPPORT_WRITE_DIST=1 cargo test --test man writes them again"
    );
}
