//! `rapport query`: the address lookup mutt (`query_command`) and aerc
//! (`address-book-cmd`) run, read back as they read it.

mod common;

use common::Env;

/// What mutt makes of query output: the first line is a message, each
/// other line `email<TAB>name<TAB>other`.
fn as_mutt_reads(out: &str) -> (String, Vec<(String, String, String)>) {
    let mut lines = out.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let rows = lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "three tab-separated fields: {l:?}");
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect();
    (header, rows)
}

fn book() -> Env {
    let env = Env::new();
    env.ok(&[
        "add",
        "Jonas Müller",
        "--org",
        "Müller Steuerberatung",
        "--email",
        "jonas@mueller.example",
    ]);
    env.ok(&[
        "add",
        "Dana Lee",
        "--org",
        "Lee Family Law",
        "--email",
        "dana@example.org",
        "--email",
        "dana.lee@court.example",
    ]);
    env.ok(&["add", "Tab\tName", "--email", "tab@example.org"]);
    env
}

#[test]
fn muller_finds_jonas_in_the_format_mutt_reads() {
    let env = book();
    let r = env.ok(&["query", "muller"]);
    let (header, rows) = as_mutt_reads(&r.stdout);
    assert!(header.contains("1 address"), "{header}");
    assert_eq!(
        rows,
        vec![(
            "jonas@mueller.example".to_string(),
            "Jonas Müller".to_string(),
            "Müller Steuerberatung".to_string()
        )]
    );
}

#[test]
fn every_address_of_a_partner_is_a_line_and_part_of_an_address_finds_them() {
    let env = book();
    let (_, rows) = as_mutt_reads(&env.ok(&["query", "dana"]).stdout);
    let emails: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(emails, vec!["dana@example.org", "dana.lee@court.example"]);
    let (_, rows) = as_mutt_reads(&env.ok(&["query", "court.example"]).stdout);
    assert_eq!(rows.len(), 2, "found through the address: {rows:?}");
}

#[test]
fn no_header_is_for_aerc_and_no_match_exits_1() {
    let env = book();
    let r = env.ok(&["query", "--no-header", "muller"]);
    assert!(r.stdout.starts_with("jonas@mueller.example\t"), "{}", r.stdout);
    let none = env.run(&["query", "zzzz"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(
        none.stdout.is_empty() && none.stderr.contains("no partner"),
        "{}",
        none.stderr
    );
}

#[test]
fn a_tab_in_a_stored_name_cannot_split_the_columns() {
    let env = book();
    let (_, rows) = as_mutt_reads(&env.ok(&["query", "tab"]).stdout);
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].1.contains('\t'));
}
