//! Reading and writing `contacts.toml`, and parsing a large file in pieces.

use super::*;
use crate::domain::Stage;

const SAMPLE: &str = r#"schema_version = 1

[[contact]]
id = "dana-lee"
name = "Dana Lee"
org = "Lee Family Law"
emails = ["dana@example.org"]
tags = ["attorney"]
stage = "rapport"
cadence_days = 30
birthday = "04-15"
since = 2024-03-05
favourite_tea = "oolong"
"#;

#[test]
fn parses_and_renders_back_identically() {
    let f = parse(SAMPLE).unwrap();
    assert_eq!(f.partners.len(), 1);
    let p = &f.partners[0];
    assert_eq!(p.org.as_deref(), Some("Lee Family Law"));
    assert_eq!(p.stage, Stage::Rapport);
    assert_eq!(p.extra.get("favourite_tea").and_then(|v| v.as_str()), Some("oolong"));
    assert_eq!(f.warnings.len(), 1);
    assert_eq!(render(&f.partners), SAMPLE);
}

#[test]
fn reports_every_problem_with_its_position() {
    let text = "schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\ncadence_days = \"often\"\nbirthday = \"02-30\"\n[[contact]]\nid = \"a\"\nname = \"\"\n";
    let problems = parse(text).unwrap_err();
    let msgs: Vec<String> = problems
        .iter()
        .map(|p| {
            let (l, c) = super::super::error::line_col(text, p.offset);
            format!("{l}:{c}: {}", p.message)
        })
        .collect();
    assert!(
        msgs[0].starts_with("5:16: `cadence_days` must be a whole number"),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("6:12:") && m.contains("no such month and day")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("8:6: duplicate id \"a\" (first used on line 3)")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("empty name")), "{msgs:?}");
}

#[test]
fn impossible_toml_date_is_reported_where_it_is() {
    let problems =
        parse("schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\nsince = 2026-02-30\n").unwrap_err();
    let (l, c) = super::super::error::line_col(
        "schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\nsince = 2026-02-30\n",
        problems[0].offset,
    );
    assert_eq!(l, 5);
    assert!(c >= 9, "{c}");
    assert!(problems[0].message.contains("invalid date"), "{}", problems[0].message);
}

#[test]
fn syntax_error_has_a_position() {
    let problems = parse("schema_version = 1\n[[contact]\nid = 1").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].offset >= 19);
}

/// A rendered book of `n` partners, over the size parsed in pieces.
fn large(n: usize) -> String {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let text = render(&crate::domain::testing::book(n, 0, today).partners);
    assert!(text.len() >= CHUNKED_FROM, "{} bytes", text.len());
    text
}

#[test]
fn a_large_file_parsed_in_pieces_is_the_whole_file() {
    let text = large(1200);
    let pieces = parse_in_chunks(&text).expect("a file rapport wrote splits");
    assert_eq!(Ok(pieces), parse_whole(&text));
}

#[test]
fn pieces_give_way_to_the_whole_file_where_they_could_differ() {
    let text = large(1200);
    let at = text.match_indices("[[contact]]").nth(700).unwrap().0;
    let middle = text[at..].find("name = ").unwrap() + at;
    let cases = [
        // A contact split inside a multi-line string.
        text.replacen("name = ", "notes = \"\"\"\n[[contact]]\nid = \"x\"\n\"\"\"\nname = ", 1),
        // A syntax error late in the file: the same position either way.
        format!("{}name = = 1\n{}", &text[..middle], &text[middle..]),
        // The same id in two pieces.
        text.replacen(
            "[[contact]]\n",
            "[[contact]]\nid = \"dup\"\nname = \"A\"\n[[contact]]\n",
            1,
        ) + "[[contact]]\nid = \"dup\"\nname = \"B\"\n",
        // A top-level table after the contacts.
        format!("{text}[other]\nx = 1\n"),
        // Contacts given before the first table.
        format!("contact = []\n{text}"),
        // Sound, with a line that looks like a split inside a note.
        format!("{text}[[contact]]\nid = \"zz\"\nname = \"Z\"\nnotes = \"\"\"\n[[contact]]\n\"\"\"\n"),
    ];
    for (n, case) in cases.iter().enumerate() {
        let whole = parse_whole(case);
        assert_eq!(whole.is_ok(), n == 3 || n == 5, "case {n}: {:?}", whole.as_ref().err());
        assert_eq!(parse(case), whole, "case {n}");
    }
}

#[test]
fn unknown_top_level_items_are_kept_by_a_rewrite() {
    let text = "schema_version = 1\nfuture = \"x\"\nlist = [1, 2]\n\n[settings]\nmode = \"y\"\n\n[[contact]]\nid = \"a\"\nname = \"A\"\n";
    let f = parse(text).unwrap();
    assert_eq!(f.extra.len(), 3);
    assert!(
        f.warnings.iter().all(|w| w.message.contains("kept as it is")),
        "{:?}",
        f.warnings
    );
    let again = rewrite(&f.partners, Some(text));
    assert!(again.starts_with("schema_version = 1\nfuture = \"x\"\n"), "{again}");
    let back = parse(&again).unwrap();
    assert_eq!((back.partners, back.extra), (f.partners.clone(), f.extra.clone()));
    // Rendering what was kept changes nothing more.
    assert_eq!(rewrite(&f.partners, Some(&again)), again);
    assert_eq!(rewrite(&f.partners, None), render(&f.partners));
}

#[test]
fn a_rewrite_of_a_large_file_keeps_its_top_level_items_wherever_they_are() {
    let text = large(1200);
    let body = text.strip_prefix("schema_version = 1\n").unwrap();
    let partners = parse(&text).unwrap().partners;
    // Keys before the contacts: only the head is read for them.
    let head = format!("schema_version = 1\nfuture = 7\n{body}");
    assert!(rewrite(&partners, Some(&head)).starts_with("schema_version = 1\nfuture = 7\n"));
    // A table after them: the whole file is.
    let tail = format!("{text}\n[later]\nk = true\n");
    let again = rewrite(&partners, Some(&tail));
    assert_eq!(parse(&again).unwrap().extra, parse(&tail).unwrap().extra);
    assert!(
        again.ends_with("[later]\nk = true\n"),
        "{}",
        &again[again.len() - 100..]
    );
    // A note that only looks like a table is not one.
    let note = text.replacen("name = ", "x_note = \"\"\"\n[not-a-table]\n\"\"\"\nname = ", 1);
    let parsed = parse(&note).unwrap();
    assert!(parsed.extra.is_empty());
    assert_eq!(rewrite(&parsed.partners, Some(&note)), render(&parsed.partners));
}

#[test]
fn benefit_is_read_and_written_after_the_notes() {
    let text = "schema_version = 1\n\n[[contact]]\nid = \"dana-lee\"\nname = \"Dana Lee\"\nstage = \"trust\"\nnotes = \"Kids Ava and Leo.\"\nbenefit = \"overflow custody cases\"\nsince = 2024-03-05\n";
    let f = parse(text).unwrap();
    assert_eq!(f.partners[0].benefit.as_deref(), Some("overflow custody cases"));
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    assert_eq!(render(&f.partners), text);
    let bad = parse("schema_version = 1\n[[contact]]\nid = \"a\"\nname = \"A\"\nbenefit = 3\n").unwrap_err();
    assert!(bad[0].message.contains("`benefit` must be a string"), "{bad:?}");
}
