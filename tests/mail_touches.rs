//! `rapport import MAIL --touches`: messages to and from partners logged
//! from a maildir, an mbox, one message or standard input, once each, as
//! one undoable change. The real binary on real temporary folders, and the
//! mail of other projects' test suites when ../shared is beside the repo.

mod common;

use common::{Env, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

const ME: &str = "maya@brooks.example";

fn setup() -> Env {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("config.toml"),
        format!("[me]\nname = \"Maya Brooks\"\nemails = [\"{ME}\"]\n"),
    )
    .unwrap();
    env.ok(&[
        "add",
        "Dana Lee",
        "--email",
        "Dana@LeeLaw.example",
        "--since",
        "2026-01-01",
    ]);
    env.ok(&["add", "Sam Cho", "--email", "sam@cho.example", "--since", "2026-01-01"]);
    env
}

fn message(from: &str, to: &str, date: &str, id: &str, subject: &str, extra: &str) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\n{extra}\r\nHello.\r\n"
    )
}

/// A maildir beside the data folder holding these messages, one file each
/// (some in `new`, some in `cur`, one in a Maildir++ subfolder).
fn maildir(env: &Env, messages: &[String]) -> PathBuf {
    let root = env.dir.path().join("Mail");
    for (n, m) in messages.iter().enumerate() {
        let dir = match n % 3 {
            0 => root.join("new"),
            1 => root.join("cur"),
            _ => root.join(".Clients").join("cur"),
        };
        std::fs::create_dir_all(&dir).unwrap();
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(dir.parent().unwrap().join(sub)).unwrap();
        }
        std::fs::write(dir.join(format!("17000000{n:02}.M1P1.host:2,S")), m).unwrap();
    }
    root
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// (date, contact, dir, note) of every message in the log, sorted.
fn messages(env: &Env) -> Vec<(String, String, String, String)> {
    let mut out: Vec<_> = env
        .read("gestures.jsonl")
        .lines()
        .map(json)
        .filter(|g| g["kind"] == "message")
        .map(|g| {
            let s = |k: &str| g[k].as_str().unwrap_or("").to_string();
            (s("date"), s("contact"), s("dir"), s("note"))
        })
        .collect();
    out.sort();
    out
}

fn row(date: &str, contact: &str, dir: &str, note: &str) -> (String, String, String, String) {
    (date.into(), contact.into(), dir.into(), note.into())
}

#[test]
fn a_maildir_logs_mail_to_and_from_partners_once_and_undo_takes_it_back() {
    let env = setup();
    let mail = maildir(
        &env,
        &[
            message(
                &format!("Maya <{ME}>"),
                "Dana Lee <dana@leelaw.example>, sam@cho.example",
                "Mon, 16 Nov 2026 10:00:00 +0000",
                "m1@brooks",
                "Coffee next week?",
                "",
            ),
            message(
                "dana@leelaw.example",
                ME,
                "Tue, 17 Nov 2026 08:00:00 +0000",
                "d1@leelaw",
                "Re: Coffee next week?",
                "In-Reply-To: <m1@brooks>\r\nReferences: <m1@brooks>\r\n",
            ),
            // The same thread on the same day from Dana: no second gesture.
            message(
                "dana@leelaw.example",
                ME,
                "Tue, 17 Nov 2026 09:00:00 +0000",
                "d2@leelaw",
                "Re: Coffee next week?",
                "References: <m1@brooks> <d1@leelaw>\r\n",
            ),
            message(
                "news@leelaw.example",
                ME,
                "Tue, 17 Nov 2026 09:00:00 +0000",
                "n1@leelaw",
                "Newsletter",
                "List-Id: <news.leelaw.example>\r\n",
            ),
            message(
                "dana@leelaw.example",
                ME,
                "Wed, 18 Nov 2026 09:00:00 +0000",
                "ooo@leelaw",
                "Out of office",
                "Auto-Submitted: auto-replied\r\n",
            ),
            message(
                "stranger@else.example",
                ME,
                "Wed, 18 Nov 2026 09:00:00 +0000",
                "s1@else",
                "Hi",
                "",
            ),
        ],
    );
    let dry = env.ok(&["import", arg(&mail), "--touches", "--dry-run"]);
    assert!(dry.stdout.contains("Dry run"), "{}", dry.stdout);
    assert!(messages(&env).is_empty(), "a dry run writes nothing");

    let r = env.ok(&["import", arg(&mail), "--touches"]);
    assert!(
        r.stdout.contains("Matched 4 messages with 2 partners in 6 messages"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("1 mailing list") && r.stdout.contains("1 auto-reply"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 with no partner"), "{}", r.stdout);
    assert_eq!(
        messages(&env),
        [
            row("2026-11-16", "dana-lee", "given", "Coffee next week?"),
            row("2026-11-16", "sam-cho", "given", "Coffee next week?"),
            row("2026-11-17", "dana-lee", "received", "Re: Coffee next week?"),
        ]
    );
    let again = env.ok(&["import", arg(&mail), "--touches"]);
    assert!(again.stdout.contains("0 new; 4 already logged"), "{}", again.stdout);
    assert_eq!(messages(&env).len(), 3, "a second import adds nothing");

    // The touches count: Sam's reach-out is answered by the message given.
    let queue = env.ok(&["queue", "--json"]).stdout;
    assert!(!queue.contains("reach-out:sam-cho"), "{queue}");
    let show = env.ok(&["show", "dana"]).stdout;
    assert!(show.contains("Last e-mail 3 days ago (received)"), "{show}");

    env.ok(&["undo"]);
    assert!(messages(&env).is_empty(), "undo takes the whole import back");
}

#[test]
fn one_message_on_standard_input_is_logged_as_mutt_pipes_it() {
    let env = setup();
    let text = message(
        "Sam Cho <SAM@cho.example>",
        ME,
        "Thu, 19 Nov 2026 16:00:00 -0500",
        "s9@cho",
        "Thanks for\r\n the referral \u{1b}[2J",
        "",
    );
    let mut child = env
        .cmd(&["import", "-", "--touches"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(!stdout.contains('\u{1b}'), "no escape reaches the terminal: {stdout:?}");
    // 16:00 at -05:00 is 21:00 UTC: the 19th in any zone west of +03.
    let got = messages(&env);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("sam-cho", "received"));
    assert_eq!(got[0].3, "Thanks for the referral [2J");
}

#[test]
fn an_mbox_with_from_lines_in_bodies_is_read_message_by_message() {
    let env = setup();
    let one = message(
        ME,
        "dana@leelaw.example",
        "Mon, 16 Nov 2026 10:00:00 +0000",
        "a@b",
        "One",
        "",
    );
    let two = message(
        ME,
        "sam@cho.example",
        "Mon, 16 Nov 2026 11:00:00 +0000",
        "c@d",
        "Two",
        "",
    );
    let mbox = format!(
        "From maya@brooks.example Mon Nov 16 10:00:00 2026\n{one}>From the body, quoted\n\nFrom maya@brooks.example Mon Nov 16 11:00:00 2026\n{two}\n"
    );
    let path = env.dir.path().join("sent.mbox");
    std::fs::write(&path, mbox).unwrap();
    let r = env.ok(&["import", arg(&path), "--touches", "--json"]);
    let j = json(&r.stdout);
    assert_eq!(j["messages"], 2, "{j}");
    assert_eq!(j["new"].as_array().unwrap().len(), 2, "{j}");
    assert_eq!(messages(&env).len(), 2);
}

#[test]
fn since_leaves_older_mail_out_and_too_many_recipients_is_no_touch() {
    let env = setup();
    let crowd: Vec<String> = (0..12).map(|n| format!("p{n}@list.example")).collect();
    let mail = maildir(
        &env,
        &[
            message(
                ME,
                "dana@leelaw.example",
                "Mon, 02 Mar 2026 10:00:00 +0000",
                "old@b",
                "Old",
                "",
            ),
            message(
                ME,
                &format!("dana@leelaw.example, {}", crowd.join(", ")),
                "Mon, 16 Nov 2026 10:00:00 +0000",
                "crowd@b",
                "Season's greetings",
                "",
            ),
        ],
    );
    let r = env.ok(&["import", arg(&mail), "--touches", "--since", "2026-06-01"]);
    assert!(r.stdout.contains("1 before --since"), "{}", r.stdout);
    assert!(r.stdout.contains("1 too many recipients"), "{}", r.stdout);
    assert!(messages(&env).is_empty());
    let bad = env.run(&["import", arg(&mail), "--touches", "--since", "soon"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}

#[test]
fn a_file_that_is_neither_calendar_nor_mail_is_refused_in_one_sentence() {
    let env = setup();
    let path = env.dir.path().join("cards.vcf");
    std::fs::write(&path, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n").unwrap();
    let before = env.snapshot();
    let r = env.run(&["import", arg(&path), "--touches"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("neither a calendar") && r.stderr.contains("nothing was imported"),
        "{}",
        r.stderr
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_mail_of_other_projects_imports_without_a_crash() {
    let Some(fixtures) = common::fixtures() else {
        eprintln!("skipped: ../shared/fixtures is not beside the repo");
        return;
    };
    let env = setup();
    let mail = fixtures.join("mail");
    let r = env.run(&["import", arg(&mail.join("maildir")), "--touches", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("messages read from maildir"), "{}", r.stdout);
    for file in common::files_under(&mail.join("eml"), &["eml"]) {
        let r = env.run(&["import", arg(&file), "--touches", "--dry-run"]);
        assert!(
            r.code == 0 || r.code == 1,
            "{}: exit {}: {}",
            file.display(),
            r.code,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}: {}", file.display(), r.stderr);
        assert!(!r.stdout.contains('\u{1b}'), "{}", file.display());
    }
}
