//! Stage suggestions through the real binary: `show` says what the log
//! suggests, `edit --accept-stage` takes it, `undo` takes it back.

mod common;

use common::{Env, json};

fn stage_of(env: &Env, who: &str) -> String {
    let v = json(&env.ok(&["show", who, "--json"]).stdout);
    v["contact"]["stage"].as_str().unwrap().to_string()
}

#[test]
fn a_meeting_suggests_rapport_and_accepting_it_is_undoable() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--org", "Lee Family Law"]);
    env.ok(&["log", "dana", "meeting", "--note", "coffee at Blue Door"]);

    let text = env.ok(&["show", "dana"]).stdout;
    assert!(text.contains("Stage: reach-out → rapport?"), "{text}");
    assert!(text.contains("--accept-stage"), "{text}");
    let v = json(&env.ok(&["show", "dana", "--json"]).stdout);
    assert_eq!(v["suggested_stage"], "rapport");
    assert_eq!(v["contact"]["stage"], "reach-out", "a suggestion never sets the stage");

    let r = env.ok(&["edit", "dana", "--accept-stage"]);
    assert!(r.stdout.contains("reach-out → rapport"), "{}", r.stdout);
    assert_eq!(stage_of(&env, "dana"), "rapport");
    assert!(env.read("contacts.toml").contains("stage = \"rapport\""));
    let v = json(&env.ok(&["show", "dana", "--json"]).stdout);
    assert!(v["suggested_stage"].is_null(), "accepted, nothing more to suggest: {v}");
    assert!(!env.ok(&["show", "dana"]).stdout.contains("Stage: "));

    let r = env.ok(&["undo"]);
    assert!(r.stdout.contains("stage reach-out → rapport"), "{}", r.stdout);
    assert_eq!(stage_of(&env, "dana"), "reach-out");
}

#[test]
fn no_movement_no_suggestion_and_nothing_to_accept() {
    let env = Env::new();
    env.ok(&["add", "Sam Cho"]);
    env.ok(&["log", "sam", "message", "--note", "first note"]);
    env.ok(&["log", "sam", "call"]);
    let text = env.ok(&["show", "sam"]).stdout;
    assert!(
        !text.contains("Stage: "),
        "a message and a call one way are not rapport yet:\n{text}"
    );
    let v = json(&env.ok(&["show", "sam", "--json"]).stdout);
    assert!(v["suggested_stage"].is_null());

    let before = env.snapshot();
    let r = env.run(&["edit", "sam", "--accept-stage"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no stage to accept"), "{}", r.stderr);
    assert_eq!(env.snapshot(), before, "nothing was written");

    let r = env.run(&["edit", "sam", "--accept-stage", "--stage", "trust"]);
    assert_eq!(r.code, 2, "one or the other: {}", r.stderr);
}

#[test]
fn referrals_both_ways_suggest_mutual_benefit_from_any_earlier_stage() {
    let env = Env::new();
    env.ok(&["add", "Lena Ortiz", "--stage", "rapport"]);
    env.ok(&["log", "lena", "referral", "--received", "--date", "2026-03-02"]);
    assert!(json(&env.ok(&["show", "lena", "--json"]).stdout)["suggested_stage"].is_null());
    env.ok(&["log", "lena", "referral", "--date", "2026-10-01"]);
    let text = env.ok(&["show", "lena"]).stdout;
    assert!(text.contains("Stage: rapport → mutual-benefit?"), "{text}");
    env.ok(&["edit", "lena", "--accept-stage"]);
    assert_eq!(stage_of(&env, "lena"), "mutual-benefit");
}
