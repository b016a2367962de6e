//! The relationship engine through the real binary: the queue, done, snooze,
//! the rules' warnings, connectors, stats, outcome, undo and redo.

mod common;

use common::Env;
use proptest::prelude::*;
use serde_json::Value;

fn queue(env: &Env, today: &str) -> Vec<Value> {
    let out = env
        .cmd(&["queue", "--json"])
        .env("RAPPORT_TODAY", today)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn keys(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i["key"].as_str().unwrap().to_string()).collect()
}

fn gestures(env: &Env) -> Vec<Value> {
    env.read("gestures.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_referral_raises_thank_today_and_update_a_week_later() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["log", "dana", "referral", "--received", "--note", "M.O., custody"]);
    let gid = gestures(&env)[0]["id"].as_str().unwrap().to_string();

    let items = queue(&env, "2026-11-20");
    assert_eq!(keys(&items), [format!("thank:dana-lee:{gid}")]);
    assert_eq!(items[0]["kind"], "thank");
    assert_eq!(items[0]["contact"], "dana-lee");
    assert_eq!(items[0]["due"], "2026-11-20");
    assert!(items[0]["text"].as_str().unwrap().contains("M.O."));

    assert_eq!(queue(&env, "2026-11-26").len(), 1, "no update before a week has passed");
    let week = queue(&env, "2026-11-27");
    assert_eq!(
        keys(&week),
        [format!("thank:dana-lee:{gid}"), format!("update:dana-lee:{gid}")]
    );
    assert_eq!(week[1]["due"], "2026-11-27");

    let done = env.ok(&["done", &format!("thank:dana-lee:{gid}")]);
    assert!(done.stdout.contains("thank-you"), "{}", done.stdout);
    let log = gestures(&env);
    assert_eq!(log.len(), 2);
    assert_eq!(log[1]["kind"], "thank-you");
    assert_eq!(log[1]["dir"], "given");
    assert_eq!(log[1]["date"], "2026-11-20");
    assert_eq!(keys(&queue(&env, "2026-11-20")), Vec::<String>::new());
    assert_eq!(
        keys(&queue(&env, "2026-11-30")),
        [format!("update:dana-lee:{gid}")],
        "the update stays until an update is given"
    );
    env.ok(&["log", "dana", "update", "--note", "first meeting went well"]);
    assert!(queue(&env, "2026-11-30").is_empty());
}

#[test]
fn a_short_cadence_a_little_late_outranks_a_long_one_later() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Slow Partner",
        "--cadence",
        "90",
        "--since",
        "2025-01-01",
        "--stage",
        "rapport",
    ]);
    env.ok(&[
        "add",
        "Fast Partner",
        "--cadence",
        "14",
        "--since",
        "2025-01-01",
        "--stage",
        "rapport",
    ]);
    env.ok(&["log", "slow", "call", "--date", "2026-08-12"]); // 100 days before
    env.ok(&["log", "fast", "call", "--received", "--date", "2026-10-27"]); // 24 days before
    let items = queue(&env, "2026-11-20");
    assert_eq!(keys(&items), ["touch:fast-partner", "touch:slow-partner"]);
    assert_eq!(items[0]["due"], "2026-11-10");
}

#[test]
fn three_referrals_received_and_none_given_is_one_way_until_one_is_given() {
    let env = Env::new();
    env.ok(&["add", "Priya Shah", "--cadence", "0", "--stage", "rapport"]);
    for d in ["2026-09-01", "2026-10-01", "2026-11-01"] {
        env.ok(&["log", "priya", "referral", "--received", "--date", d]);
        env.ok(&["log", "priya", "thank-you", "--date", d]);
        env.ok(&["log", "priya", "update", "--date", d]);
    }
    let items = queue(&env, "2026-11-20");
    assert_eq!(keys(&items), ["one-way:priya-shah"]);
    let refused = env.run(&["done", "one-way:priya-shah"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("referral"), "{}", refused.stderr);

    env.ok(&["log", "priya", "referral", "--note", "K.T., estate plan"]);
    assert!(queue(&env, "2026-11-20").is_empty());
    let stats: Value = serde_json::from_str(&env.ok(&["stats", "--json"]).stdout).unwrap();
    assert_eq!(stats["one_way"], serde_json::json!([]));
    assert_eq!(stats["referrals_12m"]["received"], 3);
    assert_eq!(stats["referrals_12m"]["given"], 1);
}

#[test]
fn an_ask_two_days_after_a_gift_warns_and_eight_days_after_does_not() {
    let env = Env::new();
    env.add_dana();
    env.ok(&[
        "log",
        "dana",
        "gift",
        "--date",
        "2026-11-10",
        "--value",
        "40",
        "--note",
        "flowers",
    ]);
    let soon = env.ok(&[
        "log",
        "dana",
        "ask",
        "--date",
        "2026-11-12",
        "--note",
        "intro to a judge",
    ]);
    assert!(soon.stderr.contains("gift 2 days ago"), "{}", soon.stderr);
    let later = env.ok(&["log", "dana", "ask", "--date", "2026-11-18"]);
    assert!(!later.stderr.contains("gift"), "{}", later.stderr);
    assert_eq!(gestures(&env).len(), 3, "warned gestures are still logged");
}

#[test]
fn a_gift_over_the_yearly_cap_warns_in_the_configured_currency() {
    let env = Env::new();
    std::fs::write(
        env.dir.path().join("config.toml"),
        "gift_limit_per_year = 100\ncurrency = \"EUR\"\n",
    )
    .unwrap();
    env.add_dana();
    let first = env.ok(&["log", "dana", "gift", "--value", "60", "--date", "2026-03-01"]);
    assert_eq!(first.stderr, "");
    let second = env.ok(&["log", "dana", "gift", "--value", "45"]);
    assert!(second.stderr.contains("105.00 EUR"), "{}", second.stderr);
    assert!(second.stderr.contains("100.00 EUR"), "{}", second.stderr);
}

#[test]
fn snoozing_hides_until_the_date_and_leaves_the_touch_clock_alone() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Tom Reyes",
        "--cadence",
        "14",
        "--since",
        "2026-01-01",
        "--stage",
        "rapport",
    ]);
    env.ok(&["log", "tom", "call", "--date", "2026-10-27"]);
    let before = env.read("gestures.jsonl");
    env.ok(&["snooze", "touch:tom-reyes", "--days", "3"]);
    assert_eq!(env.read("gestures.jsonl"), before, "a snooze is not a touch");
    assert!(env.read("queue.toml").contains("touch:tom-reyes"));
    assert!(queue(&env, "2026-11-22").is_empty());
    let back = queue(&env, "2026-11-23");
    assert_eq!(keys(&back), ["touch:tom-reyes"]);
    assert_eq!(back[0]["due"], "2026-11-10");

    let bad = env.run(&["snooze", "touch:nobody", "--days", "3"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("touch:nobody"), "{}", bad.stderr);
}

#[test]
fn done_on_a_touch_can_log_another_kind() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Tom Reyes",
        "--cadence",
        "14",
        "--since",
        "2026-01-01",
        "--stage",
        "rapport",
    ]);
    env.ok(&["done", "touch:tom-reyes", "--kind", "meeting", "--note", "coffee"]);
    let log = gestures(&env);
    assert_eq!(log[0]["kind"], "meeting");
    assert_eq!(log[0]["note"], "coffee");
    assert!(queue(&env, "2026-11-20").is_empty());
}

#[test]
fn birthdays_come_ten_days_ahead_and_done_sends_a_card() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Lena Ortiz",
        "--cadence",
        "0",
        "--birthday",
        "11-25",
        "--stage",
        "rapport",
    ]);
    let items = queue(&env, "2026-11-20");
    assert_eq!(keys(&items), ["date:lena-ortiz:birthday:2026"]);
    assert_eq!(items[0]["due"], "2026-11-25");
    assert!(queue(&env, "2026-11-14").is_empty());
    env.ok(&["done", "date:lena-ortiz:birthday:2026"]);
    assert_eq!(gestures(&env)[0]["kind"], "card");
    assert!(queue(&env, "2026-11-20").is_empty());
}

#[test]
fn connectors_are_marked_in_list_show_and_search() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["add", "Sam Cho", "--cadence", "0", "--stage", "rapport"]);
    env.ok(&["log", "dana", "referral", "--received", "--date", "2026-10-01"]);
    env.ok(&["log", "dana", "intro", "--received", "--date", "2026-10-05"]);
    let list = env.ok(&["list"]).stdout;
    let dana_line = list.lines().find(|l| l.contains("Dana Lee")).unwrap();
    assert!(dana_line.contains('★'), "{list}");
    assert!(!list.lines().find(|l| l.contains("Sam Cho")).unwrap().contains('★'));
    let show: Value = serde_json::from_str(&env.ok(&["show", "dana", "--json"]).stdout).unwrap();
    assert_eq!(show["balance"]["connector"], true);
    let search: Value = serde_json::from_str(&env.ok(&["search", "lee", "--json"]).stdout).unwrap();
    assert_eq!(search[0]["connector"], true);
    assert!(env.ok(&["show", "dana"]).stdout.contains("connector"));
}

#[test]
fn outcomes_are_logged_set_later_and_counted_in_stats() {
    let env = Env::new();
    env.add_dana();
    env.ok(&[
        "log",
        "dana",
        "referral",
        "--received",
        "--outcome",
        "engaged",
        "--note",
        "A.B.",
    ]);
    env.ok(&["log", "dana", "referral", "--received", "--note", "C.D."]);
    let second = gestures(&env)[1]["id"].as_str().unwrap().to_string();
    assert_eq!(gestures(&env)[0]["outcome"], "engaged");
    env.ok(&["outcome", &second, "declined"]);
    assert_eq!(gestures(&env)[1]["outcome"], "declined");
    let stats: Value = serde_json::from_str(&env.ok(&["stats", "--json"]).stdout).unwrap();
    assert_eq!(stats["engaged_by_partner"]["dana-lee"], 1);
    assert_eq!(stats["thanks_outstanding"], 2);
    assert!(env.ok(&["stats"]).stdout.contains("Thank-yous outstanding: 2"));
}

#[test]
fn show_is_a_call_prep_card() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Dana Lee",
        "--org",
        "Lee Family Law",
        "--phone",
        "+1 555 0100",
        "--stage",
        "trust",
        "--note",
        "Spouse Sam; kids Ava and Leo.",
    ]);
    env.ok(&[
        "log",
        "dana",
        "meeting",
        "--date",
        "2026-11-02",
        "--note",
        "coffee at Blue Door",
    ]);
    env.ok(&[
        "log",
        "dana",
        "referral",
        "--received",
        "--date",
        "2026-11-18",
        "--note",
        "M.O.",
    ]);
    let card = env.ok(&["show", "dana"]).stdout;
    for want in [
        "+1 555 0100",
        "stage: trust",
        "Spouse Sam",
        "Last touch 2 days ago (referral)",
        "received 1 · given 0",
        "Open: thank",
        "Next: appreciate",
        "coffee at Blue Door",
    ] {
        assert!(card.contains(want), "the card lacks {want:?}:\n{card}");
    }
}

#[test]
fn undo_and_redo_survive_a_restart() {
    let env = Env::new();
    env.add_dana();
    env.ok(&["log", "dana", "referral", "--received"]);
    let gid = gestures(&env)[0]["id"].as_str().unwrap().to_string();
    let before = env.snapshot();
    env.ok(&["done", &format!("thank:dana-lee:{gid}")]);
    assert_eq!(gestures(&env).len(), 2);
    // Each command is its own process: the journal is on disk.
    let undo = env.ok(&["undo"]);
    assert!(undo.stdout.contains("thank-you"), "{}", undo.stdout);
    assert_eq!(gestures(&env).len(), 1);
    assert_eq!(queue(&env, "2026-11-20").len(), 1);
    env.ok(&["redo"]);
    assert_eq!(gestures(&env).len(), 2);
    env.ok(&["undo"]);
    let after = env.snapshot();
    let data = |s: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        s.iter()
            .filter(|(p, _)| p.ends_with("contacts.toml") || p.ends_with("gestures.jsonl"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(data(&before), data(&after));
}

#[test]
fn nothing_to_undo_says_so() {
    let env = Env::new();
    let r = env.ok(&["undo"]);
    assert!(r.stdout.contains("Nothing to undo"), "{}", r.stdout);
    assert!(env.snapshot().is_empty(), "nothing was written");
}

/// The data files, without the journal and backups undo itself keeps.
fn data_files(env: &Env) -> Vec<(String, Option<Vec<u8>>)> {
    ["contacts.toml", "gestures.jsonl", "queue.toml"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(env.file(f)).ok()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever the queue holds, `done` or `snooze` on any item then `undo`
    /// gives back the files byte for byte.
    #[test]
    fn done_or_snooze_then_undo_restores_the_files(
        refs in prop::collection::vec((0usize..3, 0u32..40), 1..5),
        pick in any::<prop::sample::Index>(),
        snooze in any::<bool>(),
    ) {
        let env = Env::new();
        let names = ["Dana Lee", "Sam Cho", "Tom Reyes"];
        for n in names {
            env.ok(&["add", n, "--cadence", "21", "--since", "2026-09-01"]);
        }
        for (who, ago) in &refs {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() - chrono::Days::new((*ago).into());
            let id = names[*who].to_lowercase().replace(' ', "-");
            env.ok(&["log", &id, "referral", "--received", "--date", &date.to_string(), "--note", "Zoë \"Z\" 王"]);
        }
        let items = queue(&env, common::TODAY);
        prop_assume!(!items.is_empty());
        let item = &items[pick.index(items.len())];
        let key = item["key"].as_str().unwrap();
        let before = data_files(&env);
        if snooze || item["kind"] == "one-way" {
            env.ok(&["snooze", key, "--days", "5"]);
        } else {
            env.ok(&["done", key]);
        }
        prop_assert_ne!(&data_files(&env), &before);
        env.ok(&["undo"]);
        prop_assert_eq!(data_files(&env), before);
    }
}
