//! Reaching out and referring out, through the real binary: what's in it
//! for a partner (`benefit`), drafts and their checks, and `refer`.

mod common;
use common::{Env, json};

#[test]
fn benefit_is_set_shown_and_cleared_from_the_command_line() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Dana Lee",
        "--clientele",
        "divorcing parents",
        "--benefit",
        "overflow custody cases; a speaker for her bar section",
        "--note",
        "Kids Ava and Leo.",
    ]);
    let contacts = env.read("contacts.toml");
    assert!(
        contacts.contains(
            "notes = \"Kids Ava and Leo.\"\nbenefit = \"overflow custody cases; a speaker for her bar section\"\n"
        ),
        "{contacts}"
    );
    let show = env.ok(&["show", "dana"]).stdout;
    assert!(
        show.contains("What's in it for them: overflow custody cases; a speaker for her bar section"),
        "{show}"
    );
    let j = json(&env.ok(&["show", "dana", "--json"]).stdout);
    assert_eq!(
        j["contact"]["benefit"],
        "overflow custody cases; a speaker for her bar section"
    );

    env.ok(&["edit", "dana", "--benefit", "a talk for her clients"]);
    assert!(
        env.ok(&["show", "dana"])
            .stdout
            .contains("What's in it for them: a talk for her clients")
    );
    env.ok(&["edit", "dana", "--benefit", ""]);
    assert!(!env.read("contacts.toml").contains("benefit"));
    assert!(!env.ok(&["show", "dana"]).stdout.contains("in it for them"));
}

#[test]
fn demo_partners_carry_a_benefit_printed_safely() {
    let env = Env::new();
    let show = env.ok(&["--demo", "show", "dana-lee"]).stdout;
    assert!(show.contains("What's in it for them: "), "{show}");
    env.ok(&["add", "Eve", "--benefit", "x\u{1b}[2Jy"]);
    let show = env.ok(&["show", "eve"]).stdout;
    assert!(show.contains("x\\u{1b}[2Jy"), "{show}");
}
