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

fn alex_kims(first: &str, second: &str) -> String {
    let cpa = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Kim\r\nORG:Kim CPA\r\nEMAIL:alex@kim-cpa.example\r\nEND:VCARD\r\n";
    let psy = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Kim\r\nEMAIL:akim@therapy.example\r\nEND:VCARD\r\n";
    let card = |which: &str| if which == "cpa" { cpa } else { psy };
    format!("{}{}", card(first), card(second))
}

fn emails_of(env: &Env) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = ids(env)
        .iter()
        .map(|id| {
            contact(env, id)["emails"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn two_people_of_one_name_with_different_e_mails_stay_two_in_either_order() {
    for (first, second) in [("cpa", "psy"), ("psy", "cpa")] {
        let env = Env::new();
        let f = input(&env, "kims.vcf", &alex_kims(first, second));
        let r = env.ok(&["import", &f]);
        assert_eq!(ids(&env), ["alex-kim", "alex-kim-2"], "{}", r.stdout);
        assert_eq!(
            emails_of(&env),
            [
                vec!["akim@therapy.example".to_string()],
                vec!["alex@kim-cpa.example".to_string()]
            ],
            "each keeps only their own address"
        );
        assert!(r.stdout.contains("duplicate?"), "{}", r.stdout);
        assert!(r.stdout.contains("rapport merge alex-kim alex-kim-2"), "{}", r.stdout);
        // The same file again: each card finds its own partner.
        let j = json(&env.ok(&["import", &f, "--json"]).stdout);
        assert_eq!(j["added"].as_array().unwrap().len(), 0, "{j}");
        assert_eq!(ids(&env), ["alex-kim", "alex-kim-2"]);
    }
}

#[test]
fn csv_rows_of_one_name_at_different_companies_stay_two() {
    let env = Env::new();
    let f = input(
        &env,
        "people.csv",
        "First Name,Last Name,Company,Position\nAlex,Kim,Kim CPA,Accountant\nAlex,Kim,Harbor Therapy,Psychologist\n",
    );
    let r = env.ok(&["import", &f]);
    assert_eq!(ids(&env), ["alex-kim", "alex-kim-2"], "{}", r.stdout);
    let orgs: Vec<Value> = ids(&env).iter().map(|id| contact(&env, id)["org"].clone()).collect();
    assert_eq!(orgs, ["Kim CPA", "Harbor Therapy"]);
}

#[test]
fn rapports_own_export_of_two_people_of_one_name_imports_as_two() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Dana Jónsdóttir",
        "--org",
        "Jónsdóttir CPA",
        "--email",
        "dana@cpa.example",
    ]);
    env.ok(&[
        "add",
        "Dana Jónsdóttir",
        "--org",
        "Harbor Therapy",
        "--email",
        "dana@therapy.example",
    ]);
    let out = env.dir.path().join("danas.vcf");
    env.ok(&["export", "--format", "vcard", "--output", &out.display().to_string()]);
    let cards = std::fs::read_to_string(&out).unwrap();
    // The second Dana's card first: order must not matter.
    let (a, b) = cards.split_at(cards.rfind("BEGIN:VCARD").unwrap());
    let fresh = Env::new();
    let f = input(&fresh, "danas.vcf", &format!("{b}{a}"));
    fresh.ok(&["import", &f]);
    assert_eq!(ids(&fresh).len(), 2, "{:?}", ids(&fresh));
    assert_eq!(
        emails_of(&fresh),
        [
            vec!["dana@cpa.example".to_string()],
            vec!["dana@therapy.example".to_string()]
        ]
    );
    fresh.ok(&["import", &f]);
    assert_eq!(ids(&fresh).len(), 2, "a second import adds no one");
}

#[test]
fn a_merge_sticks_when_the_merged_card_is_imported_again() {
    let env = Env::new();
    let a = input(&env, "work.vcf", &card("work-1", "Dana Lee", "ORG:Lee Family Law\r\n"));
    let b = input(
        &env,
        "home.vcf",
        &card("home-7", "Dana Lee", "ORG:Lee Family Law\r\nNOTE:Spouse Sam\r\n"),
    );
    env.ok(&["import", &a]);
    env.ok(&["import", &b]);
    assert_eq!(ids(&env), ["dana-lee", "dana-lee-2"]);
    env.ok(&["merge", "dana-lee", "dana-lee-2"]);
    let j = json(&env.ok(&["import", &b, "--json"]).stdout);
    assert_eq!(j["added"].as_array().unwrap().len(), 0, "{j}");
    assert_eq!(ids(&env), ["dana-lee"]);
}
