//! `rapport import CAL.ics --touches`: meetings logged from a calendar's
//! past events, once each, as one undoable change.

mod common;

use common::{Env, json};
use std::path::{Path, PathBuf};

/// Writes a calendar holding these VEVENT bodies (CRLF line ends) beside
/// the data folder, and returns its path.
fn calendar(env: &Env, name: &str, events: &[&str]) -> PathBuf {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for e in events {
        text.push_str("BEGIN:VEVENT\r\n");
        for line in e.lines().map(str::trim).filter(|l| !l.is_empty()) {
            text.push_str(line);
            text.push_str("\r\n");
        }
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn add(env: &Env, name: &str, email: &str) {
    env.ok(&["add", name, "--email", email, "--cadence", "0"]);
}

/// The log's gestures as JSON values.
fn gestures(env: &Env) -> Vec<serde_json::Value> {
    env.read("gestures.jsonl").lines().map(json).collect()
}

/// (date, contact, source) of every meeting in the log, sorted.
fn meetings(env: &Env) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = gestures(env)
        .iter()
        .filter(|g| g["kind"] == "meeting")
        .map(|g| {
            (
                g["date"].as_str().unwrap().to_string(),
                g["contact"].as_str().unwrap().to_string(),
                g["source"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn m(date: &str, contact: &str, source: &str) -> (String, String, String) {
    (date.into(), contact.into(), source.into())
}

#[test]
fn a_past_event_with_a_partner_is_one_meeting_and_a_future_one_is_none() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    let cal = calendar(
        &env,
        "team.ics",
        &[
            "UID:lunch-1@example.com
             DTSTART:20261103T123000
             SUMMARY:Lunch at Rossi's
             ATTENDEE;CN=Dana;PARTSTAT=ACCEPTED:MAILTO:DANA@EXAMPLE.COM",
            "UID:future-1
             DTSTART;VALUE=DATE:20261201
             SUMMARY:Later
             ATTENDEE:mailto:dana@example.com",
            "UID:solo
             DTSTART:20261104T090000Z
             SUMMARY:Dentist",
        ],
    );
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    assert!(
        r.stdout.contains("Matched 1 meeting with 1 partner in team.ics"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 event with no partner"), "{}", r.stdout);
    let g = gestures(&env);
    assert_eq!(g.len(), 1, "{g:?}");
    assert_eq!(g[0]["kind"], "meeting");
    assert_eq!(g[0]["date"], "2026-11-03");
    assert_eq!(g[0]["contact"], "dana-whitfield");
    assert_eq!(g[0]["source"], "lunch-1@example.com");
    assert_eq!(g[0]["note"], "Lunch at Rossi's");
}

#[test]
fn a_weekly_series_logs_each_past_occurrence_less_exdates_and_cancelled_overrides() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    // Wednesdays from 2026-10-14, six of them: 10-14, 10-21, 10-28, 11-04,
    // 11-11, 11-18; the next would be 11-25, after today (11-20) anyway.
    let cal = calendar(
        &env,
        "weekly.ics",
        &[
            "UID:weekly
             DTSTART;TZID=America/New_York:20261014T090000
             RRULE:FREQ=WEEKLY;COUNT=7
             EXDATE;TZID=America/New_York:20261021T090000
             SUMMARY:Weekly sync
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@example.com",
            // 10-28 moved to the Thursday.
            "UID:weekly
             RECURRENCE-ID;TZID=America/New_York:20261028T090000
             DTSTART;TZID=America/New_York:20261029T090000
             SUMMARY:Weekly sync (moved)
             ATTENDEE:mailto:dana@example.com",
            // 11-11 cancelled.
            "UID:weekly
             RECURRENCE-ID;TZID=America/New_York:20261111T090000
             DTSTART;TZID=America/New_York:20261111T090000
             STATUS:CANCELLED
             SUMMARY:Weekly sync",
        ],
    );
    env.ok(&["import", arg(&cal), "--touches"]);
    assert_eq!(
        meetings(&env),
        vec![
            m("2026-10-14", "dana-whitfield", "weekly/20261014T090000"),
            m("2026-10-29", "dana-whitfield", "weekly/20261028T090000"),
            m("2026-11-04", "dana-whitfield", "weekly/20261104T090000"),
            m("2026-11-18", "dana-whitfield", "weekly/20261118T090000"),
        ]
    );
    let notes: Vec<String> = gestures(&env)
        .iter()
        .map(|g| g["note"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(notes.contains(&"Weekly sync (moved)".to_string()), "{notes:?}");
}

#[test]
fn cancelled_events_and_declining_partners_are_not_meetings() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    add(&env, "Eli Park", "eli@example.org");
    let cal = calendar(
        &env,
        "mixed.ics",
        &[
            "UID:cancelled
             STATUS:CANCELLED
             DTSTART:20261102T100000
             ATTENDEE:mailto:dana@example.com",
            "UID:both
             DTSTART;VALUE=DATE:20261105
             SUMMARY:Board lunch
             ATTENDEE;PARTSTAT=DECLINED:mailto:dana@example.com
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:Eli@Example.org",
            "UID:series
             DTSTART:20261101T100000
             RRULE:FREQ=DAILY;COUNT=3
             STATUS:CANCELLED
             ATTENDEE:mailto:eli@example.org",
        ],
    );
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    assert_eq!(meetings(&env), vec![m("2026-11-05", "eli-park", "both")]);
    assert!(r.stdout.contains("1 declined"), "{}", r.stdout);
}

#[test]
fn one_event_with_two_partners_is_a_meeting_with_each() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    add(&env, "Eli Park", "eli@example.org");
    let cal = calendar(
        &env,
        "two.ics",
        &["UID:pair
           DTSTART:20261110T080000Z
           SUMMARY:Breakfast
           ORGANIZER:mailto:me@example.net
           ATTENDEE:mailto:dana@example.com
           ATTENDEE:mailto:eli@example.org"],
    );
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    assert!(r.stdout.contains("Matched 2 meetings with 2 partners"), "{}", r.stdout);
    assert_eq!(
        meetings(&env),
        vec![
            m("2026-11-10", "dana-whitfield", "pair"),
            m("2026-11-10", "eli-park", "pair"),
        ]
    );
}

#[test]
fn a_second_import_adds_nothing_and_undo_takes_the_whole_batch_back() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    env.ok(&["log", "dana", "call", "--date", "2026-10-01"]);
    let cal = calendar(
        &env,
        "again.ics",
        &["UID:daily
           DTSTART:20261116T090000
           RRULE:FREQ=DAILY
           SUMMARY:Standup
           ATTENDEE:mailto:dana@example.com"],
    );
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    // 11-16 to 11-20 (today): an endless rule stops at today.
    assert!(r.stdout.contains("Matched 5 meetings"), "{}", r.stdout);
    assert_eq!(env.read("gestures.jsonl").lines().count(), 6);

    let before = env.snapshot();
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    assert!(r.stdout.contains("0 new, 5 already logged"), "{}", r.stdout);
    assert_eq!(env.read("gestures.jsonl").lines().count(), 6);
    assert_eq!(before, env.snapshot(), "a second import changed the files");

    let r = env.ok(&["undo"]);
    assert!(r.stdout.contains("again.ics"), "{}", r.stdout);
    let left = gestures(&env);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["kind"], "call");
}

#[test]
fn a_meeting_logged_by_hand_on_that_date_is_not_doubled() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    env.ok(&["log", "dana", "meeting", "--date", "2026-11-03", "--note", "lunch"]);
    let cal = calendar(
        &env,
        "hand.ics",
        &[
            "UID:lunch
             DTSTART:20261103T120000
             ATTENDEE:mailto:dana@example.com",
            "UID:coffee
             DTSTART:20261103T160000
             ATTENDEE:mailto:dana@example.com",
        ],
    );
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    assert!(r.stdout.contains("1 new, 1 already logged"), "{}", r.stdout);
    assert_eq!(gestures(&env).len(), 2);
}

#[test]
fn dry_run_lists_the_meetings_and_writes_nothing() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    let cal = calendar(
        &env,
        "dry.ics",
        &["UID:lunch
           DTSTART:20261103T120000
           SUMMARY:Lunch at Rossi's
           ATTENDEE:mailto:dana@example.com"],
    );
    let before = env.snapshot();
    let r = env.ok(&["import", arg(&cal), "--touches", "--dry-run"]);
    assert_eq!(before, env.snapshot(), "a dry run wrote");
    assert!(r.stdout.contains("nothing was written"), "{}", r.stdout);
    assert!(
        r.stdout.contains("2026-11-03  Dana Whitfield  Lunch at Rossi's"),
        "{}",
        r.stdout
    );

    // A title with a terminal escape in it is stored as written, and
    // printed safely.
    let esc = calendar(
        &env,
        "esc.ics",
        &["UID:esc
           DTSTART:20261104T120000
           SUMMARY:Tea \u{1b}[2J here
           ATTENDEE:mailto:dana@example.com"],
    );
    let r = env.ok(&["import", arg(&esc), "--touches", "--dry-run"]);
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
    assert!(r.stdout.contains("Dana Whitfield  Tea"), "{}", r.stdout);
    let before = env.snapshot();

    let r = env.ok(&["import", arg(&cal), "--touches", "--dry-run", "--json"]);
    let v = json(&r.stdout);
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["matched"], 1);
    assert_eq!(v["new"][0]["contact"], "dana-whitfield");
    assert_eq!(v["new"][0]["source"], "lunch");
    assert_eq!(before, env.snapshot(), "a dry run wrote");
}

#[test]
fn archived_partners_are_skipped_and_counted() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    env.ok(&["archive", "dana"]);
    let cal = calendar(
        &env,
        "old.ics",
        &["UID:old
           DTSTART:20261103T120000
           ATTENDEE:mailto:dana@example.com"],
    );
    let r = env.ok(&["import", arg(&cal), "--touches"]);
    assert!(r.stdout.contains("1 with an archived partner skipped"), "{}", r.stdout);
    assert!(meetings(&env).is_empty());
}

#[test]
fn a_file_that_is_not_a_calendar_is_named_in_one_sentence() {
    let env = Env::new();
    add(&env, "Dana Whitfield", "dana@example.com");
    let path = env.dir.path().join("people.csv");
    std::fs::write(&path, "name,email\nDana,dana@example.com\n").unwrap();
    let before = env.snapshot();
    let r = env.run(&["import", arg(&path), "--touches"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("people.csv is neither a calendar"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert_eq!(before, env.snapshot());

    // And a calendar without --touches says what to do.
    let cal = calendar(&env, "cal.ics", &["UID:x\nDTSTART:20261103T120000"]);
    let r = env.run(&["import", arg(&cal)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("this is an iCalendar file"), "{}", r.stderr);
    assert!(r.stderr.contains("--touches"), "{}", r.stderr);
}

#[test]
fn the_shared_calendars_import_without_failing() {
    let Some(root) = common::fixtures() else {
        eprintln!("note: ../shared/fixtures is absent; the shared calendar checks are skipped");
        return;
    };
    for path in common::files_under(&root, &["ics"]) {
        let env = Env::new();
        let r = env.run(&["import", arg(&path), "--touches"]);
        assert_eq!(r.code, 0, "{}: {}{}", path.display(), r.stdout, r.stderr);
        assert!(
            r.stdout.contains("Matched 0 meetings"),
            "{}: {}",
            path.display(),
            r.stdout
        );
        let r = env.run(&["import", arg(&path), "--touches", "--json"]);
        assert_eq!(r.code, 0, "{}: {}", path.display(), r.stderr);
        assert_eq!(json(&r.stdout)["matched"], 0);
    }
}

#[test]
fn a_calendar_nested_twenty_thousand_deep_is_refused_in_one_sentence() {
    let env = Env::new();
    add(&env, "Dana Lee", "dana@example.org");
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for _ in 0..20_000 {
        text.push_str("BEGIN:VEVENT\r\n");
    }
    for _ in 0..20_000 {
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    let path = env.dir.path().join("deep.ics");
    std::fs::write(&path, text).unwrap();
    let before = env.snapshot();
    let r = env.run(&["import", arg(&path), "--touches"]);
    assert_eq!(r.code, 1, "an error, not a crash: {}", r.stderr);
    assert!(r.stderr.contains("nests components more than 32 deep"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert_eq!(env.snapshot(), before, "nothing written");
}

#[test]
fn twenty_thousand_overrides_of_one_series_are_read_each_once() {
    let env = Env::new();
    add(&env, "Dana Lee", "dana@example.org");
    // A daily series since 1970 with every occurrence overridden (moved an
    // hour later): each override found by its date, not by a scan.
    let mut events = vec![
        "UID:daily\nSUMMARY:stand-up\nDTSTART:19700101T090000\nRRULE:FREQ=DAILY;COUNT=20000\nATTENDEE:mailto:dana@example.org"
            .to_string(),
    ];
    let first = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    for n in 0..20_000u64 {
        let d = (first + chrono::Days::new(n)).format("%Y%m%d");
        events.push(format!(
            "UID:daily\nRECURRENCE-ID:{d}T090000\nDTSTART:{d}T100000\nSUMMARY:stand-up (moved)\nATTENDEE:mailto:dana@example.org"
        ));
    }
    let refs: Vec<&str> = events.iter().map(String::as_str).collect();
    let path = calendar(&env, "overrides.ics", &refs);
    let r = env.ok(&["import", arg(&path), "--touches", "--json"]);
    let out = json(&r.stdout);
    // 20,000 occurrences, each once; one import logs the newest 10,000.
    assert_eq!(out["left_out"], 10_000, "{}", r.stdout);
    assert_eq!(out["new"].as_array().unwrap().len(), 10_000);
    assert!(
        (out["new"].as_array().unwrap().iter()).all(|m| m["note"] == "stand-up (moved)"),
        "every occurrence came from its override"
    );
}

#[test]
fn an_hourly_event_since_2020_logs_at_most_ten_thousand_meetings_and_says_so() {
    let env = Env::new();
    add(&env, "Dana Lee", "dana@example.org");
    let path = calendar(
        &env,
        "hourly.ics",
        &[
            "UID:hourly\nSUMMARY:open line\nDTSTART:20200101T000000Z\nRRULE:FREQ=HOURLY\nATTENDEE:mailto:dana@example.org",
        ],
    );
    let r = env.ok(&["import", arg(&path), "--touches"]);
    assert!(r.stdout.contains("Left out the"), "{}", r.stdout);
    assert!(
        r.stdout.contains("one import logs at most 10000, the newest"),
        "{}",
        r.stdout
    );
    assert_eq!(meetings(&env).len(), 10_000);
    assert!(
        meetings(&env).iter().all(|(d, ..)| d.as_str() > "2025-09-01"),
        "the newest are kept"
    );
}
