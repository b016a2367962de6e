//! Duplicates: one person exported by two apps becomes one partner when a
//! phone or e-mail says so, is listed when only the name and organisation
//! agree, and `rapport merge` makes two partners one (issue 16).

mod common;

use common::{Env, json};
use serde_json::Value;

fn input(env: &Env, name: &str, text: &str) -> String {
    let p = env.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn card(uid: &str, name: &str, extra: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\n{extra}END:VCARD\r\n")
}

fn ids(env: &Env) -> Vec<String> {
    let list = json(&env.ok(&["list", "--json"]).stdout);
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

fn contact(env: &Env, who: &str) -> Value {
    json(&env.ok(&["show", who, "--json"]).stdout)["contact"].clone()
}

#[test]
fn two_apps_uids_for_one_person_with_a_shared_phone_are_one_partner() {
    let env = Env::new();
    let google = input(
        &env,
        "google.vcf",
        &card("google-1", "Dana Lee", "TEL;TYPE=CELL:+1 555 010 0100\r\n"),
    );
    let apple = input(
        &env,
        "apple.vcf",
        &card(
            "apple-9",
            "Dana Lee",
            "TEL:(555) 010-0100\r\nEMAIL:dana@leelaw.example\r\n",
        ),
    );
    env.ok(&["import", &google]);
    let r = json(&env.ok(&["import", &apple, "--json"]).stdout);
    assert_eq!(r["added"].as_array().unwrap().len(), 0, "{r}");
    assert_eq!(ids(&env), ["dana-lee"]);
    assert_eq!(contact(&env, "dana-lee")["emails"][0], "dana@leelaw.example");
    // Imported again: still one.
    env.ok(&["import", &google]);
    env.ok(&["import", &apple]);
    assert_eq!(ids(&env), ["dana-lee"]);
}

#[test]
fn the_same_name_and_org_with_different_uids_is_listed_then_merged_by_hand() {
    let env = Env::new();
    let a = input(
        &env,
        "work.vcf",
        &card("work-1", "Dana Lee", "ORG:Lee Family Law\r\nTEL:+1 555 0100\r\n"),
    );
    let b = input(
        &env,
        "home.vcf",
        &card(
            "home-7",
            "Dana Lee",
            "ORG:Lee Family Law\r\nEMAIL:dana@home.example\r\nNOTE:Spouse Sam\r\n",
        ),
    );
    env.ok(&["import", &a]);
    env.ok(&["log", "dana-lee", "referral", "--received", "--date", "2026-11-02"]);
    let r = env.ok(&["import", &b]);
    assert!(r.stdout.contains("duplicate?"), "{}", r.stdout);
    assert!(r.stdout.contains("same name and organisation"), "{}", r.stdout);
    assert!(r.stdout.contains("rapport merge dana-lee dana-lee-2"), "{}", r.stdout);
    let j = json(&env.ok(&["import", &b, "--json", "--dry-run"]).stdout);
    assert_eq!(
        j["likely_duplicates"],
        serde_json::json!([]),
        "a re-import matches by UID: {j}"
    );
    assert_eq!(ids(&env), ["dana-lee", "dana-lee-2"]);
    // `check` names them too, long after the import; it is not a problem.
    let r = env.ok(&["check"]);
    assert!(
        r.stderr.contains("look like one person (same name and organisation)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("rapport merge dana-lee dana-lee-2"), "{}", r.stderr);
    env.ok(&["log", "dana-lee-2", "referral", "--received", "--date", "2026-11-05"]);
    let queue = json(&env.ok(&["queue", "--json"]).stdout);
    let key = queue
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_string())
        .find(|k| k.contains(":dana-lee-2"))
        .expect("an item for the second Dana");
    env.ok(&["snooze", &key, "--until", "2026-12-24"]);

    let r = env.ok(&["merge", "dana-lee", "dana-lee-2"]);
    assert!(r.stdout.contains("1 gesture moved"), "{}", r.stdout);
    assert_eq!(ids(&env), ["dana-lee"]);
    let dana = contact(&env, "dana-lee");
    assert_eq!(dana["emails"][0], "dana@home.example", "{dana}");
    assert_eq!(dana["notes"], "Spouse Sam", "{dana}");
    assert_eq!(dana["aliases"][0], "dana-lee-2", "{dana}");
    let shown = json(&env.ok(&["show", "dana-lee-2", "--json"]).stdout);
    assert_eq!(shown["contact"]["id"], "dana-lee");
    assert_eq!(shown["gestures"].as_array().unwrap().len(), 2, "{shown}");
    let moved = key.replace(":dana-lee-2", ":dana-lee");
    assert!(env.read("queue.toml").contains(&moved), "{}", env.read("queue.toml"));
    // The old id names her in commands and in exports made before.
    env.ok(&["log", "dana-lee-2", "thank-you", "--date", "2026-11-06"]);
    let log = common::tui::lines(&env.file("gestures.jsonl"));
    assert!(log.iter().all(|g| g["contact"] == "dana-lee"), "{log:?}");
    let old = input(
        &env,
        "old.vcf",
        &card("urn:rapport:dana-lee-2", "Dana Lee", "TEL:+1 555 0199\r\n"),
    );
    env.ok(&["import", &old]);
    assert_eq!(ids(&env), ["dana-lee"]);
    // A new partner never takes the old id.
    env.ok(&["add", "Dana Lee", "--org", "Elsewhere"]);
    assert!(!ids(&env).contains(&"dana-lee-2".to_string()), "{:?}", ids(&env));

    // One change: undo (of the add, the import, the log, then the merge)
    // brings both back.
    for _ in 0..4 {
        env.ok(&["undo"]);
    }
    assert_eq!(ids(&env), ["dana-lee", "dana-lee-2"]);
    assert_eq!(contact(&env, "dana-lee-2")["notes"], "Spouse Sam");
}

#[test]
fn merge_refuses_one_partner_twice_and_unknown_names() {
    let env = Env::new();
    env.add_dana();
    let before = env.snapshot();
    let r = env.run(&["merge", "dana-lee", "dana"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("both Dana Lee"), "{}", r.stderr);
    let r = env.run(&["merge", "dana-lee", "nobody-at-all"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(env.snapshot(), before);
}
