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

/// The bundled demo written into the test's data folder, dates shifted to
/// end the day before the tests' today, as `--demo` has it.
fn demo_env() -> Env {
    let env = Env::new();
    let today = rapport::domain::parse_date(common::TODAY).unwrap();
    let book = rapport::demo::book(today);
    std::fs::create_dir_all(env.data()).unwrap();
    rapport::store::write_book(&env.data(), &book.partners, &book.gestures).unwrap();
    env
}

/// Runs with `input` on standard input.
fn run_with_input(env: &Env, args: &[&str], input: &str) -> common::Run {
    use std::io::Write as _;
    let mut c = env.cmd(args);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    common::Run::from(child.wait_with_output().unwrap())
}

#[test]
fn draft_lena_on_the_demo_names_her_the_clients_and_a_call_and_passes_the_check() {
    let env = Env::new();
    let r = env.ok(&["--demo", "draft", "lena"]);
    let out = &r.stdout;
    assert!(out.contains("Hi Lena,"), "{out}");
    assert!(out.contains("expecting parents"), "her clientele: {out}");
    assert!(out.contains("a 20-minute call or a coffee"), "a call to action: {out}");
    assert!(out.contains("Maya Brooks"), "the demo's own [me]: {out}");
    assert!(!out.contains('{') && !out.contains("[your"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("mailto:lena.ortiz@example.org?subject=")),
        "{out}"
    );
    assert!(r.stderr.is_empty(), "no check fails: {}", r.stderr);

    let check = run_with_input(&env, &["--demo", "draft", "--check", "-", "--to", "lena"], out);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(check.stdout.lines().count(), 7, "{}", check.stdout);
    assert!(check.stdout.lines().all(|l| l.starts_with('✔')), "{}", check.stdout);
    assert!(
        check.stdout.contains("✔ addressed by name: opens with “Hi Lena,”"),
        "{}",
        check.stdout
    );
}

#[test]
fn the_users_own_me_and_templates_win_and_bad_ones_are_named() {
    let env = demo_env();
    std::fs::write(
        env.dir.path().join("config.toml"),
        "[me]\nname = \"Sam Rivera\"\npractice = \"Rivera Counseling\"\n",
    )
    .unwrap();
    let out = env.ok(&["draft", "dana-lee"]).stdout;
    assert!(out.contains("I'm Sam Rivera, of Rivera Counseling."), "{out}");
    assert!(
        out.contains("[whom you serve: set `clientele` under [me] in config.toml]"),
        "an empty placeholder says so: {out}"
    );
    let templates = env.dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("first.txt"),
        "Subject: Coffee?\n\nHi {first_name},\ncoffee soon?\n",
    )
    .unwrap();
    let out = env.ok(&["draft", "dana-lee"]).stdout;
    assert!(out.contains("Subject: Coffee?\n\nHi Dana,\ncoffee soon?"), "{out}");
    std::fs::write(templates.join("mine.txt"), "Hi {first_name},\n\nAbout {benfit}.\n").unwrap();
    let r = env.run(&["draft", "dana-lee", "--template", "mine"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("mine.txt:3:7: unknown placeholder {benfit}"),
        "{}",
        r.stderr
    );
    let r = env.run(&["draft", "dana-lee", "--template", "nope"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no template called 'nope'; there are: first, follow-up, thank-you, update, mine"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_partner_with_no_email_still_gets_a_draft_and_o_writes_it_to_a_file() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Ann Lee",
        "--clientele",
        "new parents",
        "--benefit",
        "overflow cases",
    ]);
    let r = env.ok(&["draft", "ann"]);
    assert!(
        r.stdout.contains("To: Ann Lee (no e-mail address on file)"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("mailto:"), "{}", r.stdout);
    assert!(r.stdout.contains("overflow cases"), "{}", r.stdout);
    let file = env.dir.path().join("ann.txt");
    let w = env.ok(&["draft", "ann", "-o", file.to_str().unwrap()]);
    assert!(w.stdout.contains("Wrote the draft to"), "{}", w.stdout);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("Subject: The families we both see\n\nHi Ann,\n"),
        "{text}"
    );
    let check = env.run(&["draft", "--check", file.to_str().unwrap(), "--to", "ann"]);
    // No [me]: the draft says what is missing, and still reads as a message.
    assert!(check.stdout.contains("✔ addressed by name"), "{}", check.stdout);
}

#[test]
fn check_fails_a_bad_draft_rule_by_rule_with_the_words_that_caused_it() {
    let env = Env::new();
    let bad = "Dear Sir/Madam,\n\nPlease see the attached letter. Referrals are the lifeblood of my practice.\n";
    let r = run_with_input(&env, &["draft", "--check", "-"], bad);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{}", r.stdout);
    assert_eq!(lines[0], "✘ addressed by name: a generic greeting: “Dear Sir”");
    assert!(
        lines[4].starts_with("✘ no attachment") && lines[4].ends_with("“attached”"),
        "{}",
        lines[4]
    );
    assert!(lines[5].contains("“lifeblood of my practice”"), "{}", lines[5]);
    assert!(
        lines[6].starts_with("✘ giving before asking") && lines[6].contains("“Referrals are”"),
        "{}",
        lines[6]
    );
    assert!(r.stderr.contains("the draft fails 7 of 7 checks"), "{}", r.stderr);
    let j = json(&run_with_input(&env, &["draft", "--check", "-", "--json"], bad).stdout);
    assert_eq!(j[0]["check"], "addressed-by-name");
    assert_eq!(j[0]["pass"], false);
    let missing = env.run(&["draft", "--check", "/nonexistent/draft.txt"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("could not read /nonexistent/draft.txt"),
        "{}",
        missing.stderr
    );
    let neither = env.run(&["draft"]);
    assert_eq!(neither.code, 2);
}

#[test]
fn refer_estate_planning_lists_the_estate_attorneys_the_one_you_owe_most_first() {
    let env = Env::new();
    let j = json(&env.ok(&["--demo", "refer", "estate planning", "--json"]).stdout);
    let rows = j.as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["contact"].as_str().unwrap()).collect();
    assert_eq!(ids, ["rosa-delgado", "hannah-weiss"]);
    for r in rows {
        assert!(r["role"].as_str().unwrap().contains("attorney"), "{r}");
    }
    let owes: Vec<i64> = rows.iter().map(|r| r["owe"].as_i64().unwrap()).collect();
    assert!(owes.windows(2).all(|w| w[0] >= w[1]) && owes[0] > owes[1], "{owes:?}");
    assert_eq!(rows[0]["reason"], "you owe 2 · rapport · never referred to them");
    let text = env.ok(&["--demo", "refer", "Estate planner"]).stdout;
    assert!(
        text.contains(" 1. Rosa Delgado (Delgado Elder & Estate Law)   [rosa-delgado]"),
        "{text}"
    );
    assert!(
        text.contains("    you owe 2 · rapport · never referred to them"),
        "{text}"
    );

    let none = env.ok(&["--demo", "refer", "llama grooming"]);
    assert!(none.stdout.is_empty());
    assert!(
        none.stderr
            .contains("no active partner's clientele, role, tags, benefit or notes match 'llama grooming'")
            && none.stderr.contains("`rapport search \"llama grooming\"`"),
        "{}",
        none.stderr
    );
}

#[test]
fn refer_to_logs_the_referral_given_clears_the_one_way_item_and_undoes() {
    let env = demo_env();
    let queue = || json(&env.ok(&["queue", "--json"]).stdout);
    let has_one_way = |q: &serde_json::Value| q.as_array().unwrap().iter().any(|i| i["key"] == "one-way:priya-shah");
    assert!(has_one_way(&queue()));
    let before = env.read("gestures.jsonl").lines().count();
    let r = env.ok(&["refer", "small business", "--to", "priya", "--note", "J.P."]);
    assert!(r.stdout.contains("Logged referral to Priya Shah"), "{}", r.stdout);
    assert!(
        r.stdout.contains("That clears the one-way item for Priya Shah."),
        "{}",
        r.stdout
    );
    let log = env.read("gestures.jsonl");
    assert_eq!(log.lines().count(), before + 1);
    let g = json(log.lines().last().unwrap());
    assert_eq!(
        (g["contact"].as_str(), g["kind"].as_str(), g["dir"].as_str()),
        (Some("priya-shah"), Some("referral"), Some("given"))
    );
    assert_eq!(g["note"], "J.P.");
    assert_eq!(g["date"], common::TODAY);
    assert!(!has_one_way(&queue()), "the one-way item is cleared");
    env.ok(&["undo"]);
    assert_eq!(env.read("gestures.jsonl").lines().count(), before);
    assert!(has_one_way(&queue()));

    env.ok(&["archive", "hannah-weiss"]);
    let snapshot = env.snapshot();
    let r = env.run(&["refer", "estate planning", "--to", "hannah-weiss", "--note", "J.P."]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("Hannah Weiss is archived; `rapport archive --restore hannah-weiss` brings them back"),
        "{}",
        r.stderr
    );
    assert_eq!(env.snapshot(), snapshot, "nothing written");
    let j = json(&env.ok(&["refer", "estate planning", "--json"]).stdout);
    assert_eq!(j.as_array().unwrap().len(), 1, "an archived partner is not offered");
}
