//! The referral lifecycle through the real binary: one thank-you and one
//! update per referral, the outcome with the update, reaching out, following
//! up, noticing a source gone quiet, and the command line around them.

mod common;

use common::{Env, json};
use serde_json::Value;

fn queue_at(env: &Env, today: &str) -> Vec<Value> {
    let out = env
        .cmd(&["queue", "--json"])
        .env("RAPPORT_TODAY", today)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    json(&String::from_utf8_lossy(&out.stdout)).as_array().unwrap().clone()
}

fn queue(env: &Env) -> Vec<Value> {
    queue_at(env, common::TODAY)
}

fn of_kind(items: &[Value], kind: &str) -> Vec<String> {
    items
        .iter()
        .filter(|i| i["kind"] == kind)
        .map(|i| i["key"].as_str().unwrap().to_string())
        .collect()
}

fn log_lines(env: &Env) -> Vec<Value> {
    env.read("gestures.jsonl").lines().map(json).collect()
}

#[test]
fn three_referrals_from_one_partner_and_done_on_one_thank_leaves_two() {
    let env = Env::new();
    env.add_dana();
    for (d, n) in [("2026-11-02", "A.B."), ("2026-11-09", "C.D."), ("2026-11-16", "E.F.")] {
        env.ok(&["log", "dana", "referral", "--received", "--date", d, "--note", n]);
    }
    let thanks = of_kind(&queue(&env), "thank");
    assert_eq!(thanks.len(), 3, "{thanks:?}");
    let middle = &thanks[1];
    env.ok(&["done", middle]);
    let left = of_kind(&queue(&env), "thank");
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(!left.contains(middle));
    let logged = log_lines(&env).pop().unwrap();
    assert_eq!(logged["kind"], "thank-you");
    let referral = middle.rsplit(':').next().unwrap();
    assert_eq!(logged["re"], referral, "the thank-you names the referral it answers");

    // A thank-you logged by hand answers the oldest one still open.
    env.ok(&["log", "dana", "thank-you"]);
    let left = of_kind(&queue(&env), "thank");
    assert_eq!(left, [thanks[2].clone()]);
}

#[test]
fn check_reports_a_re_that_names_no_referral_of_that_partner() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["add", "Sam Cho", "--cadence", "0"]);
    env.ok(&["log", "sam", "referral", "--received"]);
    let sams = log_lines(&env)[0]["id"].as_str().unwrap().to_string();
    let line = format!(
        r#"{{"id":"g-x1","date":"2026-11-20","contact":"dana-lee","kind":"thank-you","dir":"given","re":"{sams}"}}"#
    );
    let mut text = env.read("gestures.jsonl");
    text.push_str(&line);
    text.push('\n');
    env.write("gestures.jsonl", &text);
    let r = env.run(&["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let col = line.find("\"re\"").unwrap() + 1;
    assert!(
        r.stderr.contains(&format!("gestures.jsonl:2:{col}: `re` names {sams}")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("not from dana-lee"), "{}", r.stderr);
}

#[test]
fn done_on_an_update_with_an_outcome_sets_it_and_undo_takes_back_both() {
    let env = Env::new();
    env.add_dana();
    env.ok(&[
        "log",
        "dana",
        "referral",
        "--received",
        "--date",
        "2026-11-01",
        "--note",
        "M.O.",
    ]);
    env.ok(&["log", "dana", "thank-you", "--date", "2026-11-01"]);
    let update = of_kind(&queue(&env), "update");
    assert_eq!(update.len(), 1);
    let before = env.snapshot();

    let bad = env.run(&["done", &update[0], "--outcome", "maybe"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("engaged, declined or pending"), "{}", bad.stderr);
    assert_eq!(env.snapshot(), before, "nothing written");

    let shown = env.ok(&["show", "dana"]).stdout;
    assert!(
        shown.contains("Open referral: 1 Nov 2026 · M.O. · outcome not known yet · update owed"),
        "{shown}"
    );

    let done = env.ok(&["done", &update[0], "--outcome", "engaged"]);
    assert!(done.stdout.contains("engaged"), "{}", done.stdout);
    let log = log_lines(&env);
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["outcome"], "engaged");
    assert_eq!(log[2]["kind"], "update");
    assert_eq!(log[2]["re"], log[0]["id"]);
    assert!(of_kind(&queue(&env), "update").is_empty());
    let shown: Value = json(&env.ok(&["show", "dana", "--json"]).stdout);
    assert_eq!(
        shown["referrals"],
        serde_json::json!([]),
        "thanked, updated, engaged: nothing open"
    );

    env.ok(&["undo"]);
    let log = log_lines(&env);
    assert_eq!(log.len(), 2, "the update is gone");
    assert!(log[0].get("outcome").is_none(), "and so is the outcome");
    assert_eq!(of_kind(&queue(&env), "update"), update);
}

#[test]
fn outcome_help_lists_its_values() {
    let env = Env::new();
    let help = env.ok(&["outcome", "--help"]).stdout;
    assert!(help.contains("engaged, declined, pending"), "{help}");
}

#[test]
fn a_new_partner_at_reach_out_is_in_the_queue_until_the_first_message() {
    let env = Env::new();
    env.ok(&["add", "Lena Ortiz", "--stage", "reach-out"]);
    let items = queue(&env);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["kind"], "reach-out");
    assert_eq!(items[0]["key"], "reach-out:lena-ortiz");
    assert_eq!(items[0]["contact"], "lena-ortiz");
    env.ok(&["done", "reach-out:lena-ortiz"]);
    assert_eq!(log_lines(&env)[0]["kind"], "message");
    assert!(queue(&env).is_empty());
}

#[test]
fn a_message_with_ten_quiet_days_after_it_raises_a_follow_up() {
    let env = Env::new();
    env.ok(&["add", "Lena Ortiz", "--stage", "reach-out", "--since", "2026-11-01"]);
    env.ok(&["log", "lena", "message", "--date", "2026-11-10", "--note", "first note"]);
    assert!(queue_at(&env, "2026-11-19").is_empty(), "nine days");
    let items = queue(&env);
    assert_eq!(of_kind(&items, "follow-up").len(), 1, "{items:?}");
    assert_eq!(items[0]["due"], "2026-11-20");
    env.ok(&["log", "lena", "message", "--received", "--note", "coffee Tuesday?"]);
    assert!(queue(&env).is_empty());
}

#[test]
fn four_referrals_last_year_and_none_for_five_months_is_a_quiet_item() {
    let env = Env::new();
    env.add_dana();
    for d in ["2025-12-20", "2026-02-01", "2026-03-15", "2026-06-15"] {
        env.ok(&["log", "dana", "referral", "--received", "--date", d]);
        env.ok(&["log", "dana", "thank-you", "--date", d]);
        env.ok(&["log", "dana", "update", "--date", d]);
        env.ok(&["log", "dana", "referral", "--date", d]); // given back: not one-way
    }
    let items = queue(&env);
    assert_eq!(of_kind(&items, "quiet").len(), 1, "{items:?}");
    assert_eq!(items.len(), 1, "{items:?}");
    env.ok(&["done", items[0]["key"].as_str().unwrap()]);
    assert_eq!(log_lines(&env).last().unwrap()["kind"], "call");
    assert!(queue(&env).is_empty());
}

#[test]
fn done_takes_a_who_with_one_open_item_or_any_unambiguous_prefix() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["add", "Sam Cho", "--cadence", "0", "--stage", "rapport"]);
    env.ok(&["log", "dana", "referral", "--received", "--note", "M.O."]);
    let r = env.ok(&["done", "dana"]);
    assert!(r.stdout.contains("Logged thank-you to Dana Lee"), "{}", r.stdout);
    assert!(queue(&env).is_empty());

    // Two open items: WHO and a short prefix list them, exit 2.
    env.ok(&["log", "dana", "referral", "--received", "--note", "A.B."]);
    env.ok(&["log", "dana", "referral", "--received", "--note", "C.D."]);
    let before = env.snapshot();
    for arg in ["dana", "thank:dana", "th"] {
        let r = env.run(&["done", arg]);
        assert_eq!(r.code, 2, "{arg}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("thank:dana-lee:"), "{arg}: {}", r.stderr);
    }
    assert_eq!(env.snapshot(), before, "nothing written");
    let key = of_kind(&queue(&env), "thank")[0].clone();
    let prefix = &key[..key.len() - 4];
    env.ok(&["done", prefix]);
    // The same key again: cleared already, exit 1, nothing logged twice.
    let lines = log_lines(&env).len();
    let again = env.run(&["done", &key]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("already done"), "{}", again.stderr);
    assert_eq!(log_lines(&env).len(), lines);
    // Sam has nothing open.
    assert_eq!(env.run(&["done", "sam"]).code, 1);
}

#[test]
fn queue_snoozed_lists_what_is_snoozed_and_until_when() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["log", "dana", "referral", "--received", "--note", "M.O."]);
    assert!(env.ok(&["queue", "--snoozed"]).stdout.contains("Nothing is snoozed"));
    env.ok(&["snooze", "dana", "--days", "3"]);
    assert!(queue(&env).is_empty());
    let text = env.ok(&["queue", "--snoozed"]).stdout;
    assert!(text.contains("until Mon 23 Nov"), "{text}");
    assert!(text.contains("Dana Lee"), "{text}");
    let v = json(&env.ok(&["queue", "--snoozed", "--json"]).stdout);
    assert_eq!(v[0]["until"], "2026-11-23");
    assert_eq!(v[0]["item"]["kind"], "thank");
    assert!(v[0]["key"].as_str().unwrap().starts_with("thank:dana-lee:"));
}

#[test]
fn archive_keeps_a_reason_and_restore_takes_a_who() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["archive", "dana", "--reason", "not a fit"]);
    assert!(env.read("contacts.toml").contains("archived_reason = \"not a fit\""));
    assert!(env.ok(&["show", "dana-lee"]).stdout.contains("(archived: not a fit)"));
    let r = env.ok(&["archive", "--restore", "dana"]);
    assert!(r.stdout.contains("Restored Dana Lee"), "{}", r.stdout);
    let text = env.read("contacts.toml");
    assert!(!text.contains("archived"), "{text}");
    assert_eq!(
        env.run(&["archive", "--restore", "dana"]).code,
        2,
        "no archived partner matches"
    );
}

#[test]
fn a_partner_never_touched_shows_as_never() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--stage", "trust"]);
    let list = env.ok(&["list"]).stdout;
    assert!(list.contains("never"), "{list}");
    assert!(!list.contains("today"), "{list}");
    env.ok(&["log", "dana", "call"]);
    assert!(env.ok(&["list"]).stdout.contains("today"));
}
