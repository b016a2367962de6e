//! Output goes where it is pointed and says what it did: `-o -` is
//! standard output, a FIFO or a device is written into and never renamed
//! over, a closed or full stdout after a change never panics and says the
//! change was written, and no file rapport writes carries a control
//! character or a bidi override. FIFOs and devices are made in the test's
//! own temporary folder, never taken from /dev.

mod common;

use common::Env;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Stdio;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// A character device like /dev/null or /dev/full at `path`; false when
/// this user may not make one (not root).
fn mknod_char(path: &Path, major: u32, minor: u32) -> bool {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o600, libc::makedev(major, minor)) == 0 }
}

#[test]
fn dash_is_standard_output_and_a_fifo_is_written_into_not_replaced() {
    let env = Env::new();
    env.add_dana();
    let r = env.ok(&["export", "--format", "vcard", "-o", "-"]);
    assert!(r.stdout.starts_with("BEGIN:VCARD"), "{}", r.stdout);
    assert!(!Path::new("-").exists());

    let fifo = env.dir.path().join("cards.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(&fifo).unwrap().read_to_string(&mut s).unwrap();
            s
        })
    };
    let r = env.ok(&["export", "--format", "vcard", "-o", fifo.to_str().unwrap()]);
    assert!(r.stderr.contains("Exported"), "{}", r.stderr);
    let got = reader.join().unwrap();
    assert!(got.starts_with("BEGIN:VCARD") && got.contains("Dana Lee"), "{got}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO: {kind:?}");
}

#[test]
fn a_device_is_written_into_and_stays_a_device() {
    let env = Env::new();
    env.add_dana();
    let null = env.dir.path().join("null");
    if !mknod_char(&null, 1, 3) {
        eprintln!("skipped: this user may not make a device node");
        return;
    }
    for args in [&["export", "--format", "vcard", "-o"][..], &["draft", "dana", "-o"][..]] {
        let mut a = args.to_vec();
        a.push(null.to_str().unwrap());
        env.ok(&a);
        let kind = std::fs::symlink_metadata(&null).unwrap().file_type();
        assert!(kind.is_char_device(), "{args:?} replaced the device: {kind:?}");
    }
}

#[test]
fn a_change_whose_report_cannot_be_printed_is_still_a_change_and_says_so() {
    let env = Env::new();
    env.add_dana();
    // A pipe whose reader is gone before rapport writes a byte.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = env
        .cmd(&["log", "dana", "call", "--note", "once"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "the change was written: {stderr}");
    assert!(stderr.contains("the change was written; printing failed"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(env.read("gestures.jsonl").matches("once").count(), 1);

    // A read command that cannot print fails, quietly for a closed pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = env
        .cmd(&["list"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));

    let full = env.dir.path().join("full");
    if mknod_char(&full, 1, 7) {
        let f = std::fs::OpenOptions::new().write(true).open(&full).unwrap();
        let out = env
            .cmd(&["log", "dana", "call", "--note", "twice"])
            .stdout(f)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("the change was written; printing failed"), "{stderr}");
        let f = std::fs::OpenOptions::new().write(true).open(&full).unwrap();
        let out = env.cmd(&["list"]).stdout(f).stderr(Stdio::piped()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("printing to standard output failed"), "{stderr}");
    }
}

#[test]
fn drafts_and_cards_written_to_files_carry_no_control_character_or_bidi_override() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Dana Lee",
        "--email",
        "dana@lee.example",
        "--clientele",
        "families\u{1b}[2J in \u{7}transition \u{202e}reversed",
        "--note",
        "likes \u{2066}isolates\u{2069}",
    ]);
    let draft = env.dir.path().join("draft.txt");
    env.ok(&["draft", "dana", "-o", draft.to_str().unwrap()]);
    let cards = env.dir.path().join("cards.vcf");
    env.ok(&["export", "--format", "vcard", "-o", cards.to_str().unwrap()]);
    for file in [&draft, &cards] {
        let text = std::fs::read_to_string(file).unwrap();
        // A vCard's lines end in CRLF; no other CR, nor any other control.
        let bad: Vec<char> = text
            .replace("\r\n", "\n")
            .chars()
            .filter(|&c| rapport::domain::text::is_terminal_control(c))
            .collect();
        assert!(bad.is_empty(), "{} holds {bad:?}", file.display());
    }
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(!text.contains('\r'), "a draft is plain lines");
}
