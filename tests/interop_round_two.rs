//! Interop, round two (issue 16): each finding from real exports of other
//! projects, on a small file written here that reproduces it.

mod common;

use common::{Env, json};
use serde_json::Value;

/// Writes an import file beside (not inside) the data folder.
fn input(env: &Env, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = env.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn import_json(env: &Env, path: &str) -> Value {
    json(&env.ok(&["import", path, "--json"]).stdout)
}

fn contact(env: &Env, id: &str) -> Value {
    json(&env.ok(&["show", id, "--json"]).stdout)["contact"].clone()
}

fn ids(env: &Env) -> Vec<String> {
    let list = json(&env.ok(&["list", "--json"]).stdout);
    let arr = list.as_array().cloned().unwrap_or_default();
    arr.iter()
        .map(|p| p["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn bare_quoted_printable_parameter_is_decoded() {
    let env = Env::new();
    let f = input(
        &env,
        "phone.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;QUOTED-PRINTABLE:Br=C3=BCning;Anna\r\nTEL;CELL:+49 30 1\r\nEND:VCARD\r\n",
    );
    let r = import_json(&env, &f);
    assert_eq!(r["added"][0]["name"], "Anna Brüning", "{r}");
    assert_eq!(r["added"][0]["id"], "anna-bruning");
    assert_eq!(r["encoding"], "UTF-8");
}

#[test]
fn quoted_printable_without_charset_is_utf8_when_it_is_and_says_so_when_not() {
    let env = Env::new();
    let f = input(
        &env,
        "polish.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ma=C5=82gorzata W=C3=B3jcik\r\nEND:VCARD\r\n",
    );
    let r = import_json(&env, &f);
    assert_eq!(r["added"][0]["name"], "Małgorzata Wójcik", "{r}");
    assert_eq!(r["encoding"], "UTF-8");
    // Latin-1 bytes, no CHARSET: windows-1252, and the report says so.
    let f = input(
        &env,
        "latin.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ren=E9 M=FCller\r\nEND:VCARD\r\n",
    );
    let r = import_json(&env, &f);
    assert_eq!(r["added"][0]["name"], "René Müller", "{r}");
    assert_eq!(r["encoding"], "windows-1252");
    assert!(r["notes"].to_string().contains("windows-1252"), "{r}");
}

#[test]
fn birthday_in_1604_has_no_year() {
    let env = Env::new();
    let f = input(
        &env,
        "cardbook.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nBDAY:1604-03-22\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", &f]);
    assert_eq!(contact(&env, "ana-ruiz")["birthday"], "03-22");
    let ics = env.ok(&["export", "--format", "ics"]).stdout;
    assert!(!ics.contains("1604"), "{ics}");
}

fn exported(env: &Env) -> String {
    env.ok(&["export", "--format", "vcard"]).stdout
}

#[test]
fn export_keeps_n_phone_types_and_label_case() {
    let env = Env::new();
    let f = input(
        &env,
        "book.vcf",
        concat!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;1;Mr.;Sr.\r\nFN:John Doe\r\n",
            "TEL;TYPE=WORK,FAX:+1 555 0101\r\nTEL;TYPE=CELL:+1 555 0102\r\n",
            "item1.X-ABDATE:2010-06-01\r\nitem1.X-ABLabel:First Met\r\n",
            "item2.X-ABDATE:2012-06-01\r\nitem2.X-ABLabel:_$!<Other>!$_\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Apple Computer AG\r\nORG:Apple Computer AG\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Lee Family Law\r\nEND:VCARD\r\n",
        ),
    );
    env.ok(&["import", &f]);
    let out = exported(&env);
    assert!(out.contains("\r\nN:Doe;John;1;Mr.;Sr.\r\n"), "{out}");
    assert!(!out.contains("N:AG"), "{out}");
    assert!(!out.contains("N:Law"), "{out}");
    assert!(out.contains("TEL;TYPE=work,fax;VALUE=text:+1 555 0101"), "{out}");
    assert!(out.contains("TEL;TYPE=cell;VALUE=text:+1 555 0102"), "{out}");
    assert!(out.contains("X-ABLabel:First Met"), "{out}");
    assert!(out.contains("X-ABLabel:Other"), "{out}");
    // No warning about the keys kept for the export.
    let check = env.run(&["check"]);
    assert!(
        !check.stdout.contains("unknown key") && !check.stderr.contains("unknown key"),
        "{}",
        check.stdout
    );
    // And the export read back into an empty folder is the same.
    let again = Env::new();
    let f2 = input(&again, "back.vcf", &out);
    again.ok(&["import", &f2]);
    assert_eq!(exported(&again), out);
}

#[test]
fn a_name_without_n_is_split_sensibly() {
    let env = Env::new();
    env.ok(&["add", "Dr. Ludwig van Beethoven Jr."]);
    let out = exported(&env);
    assert!(out.contains("\r\nN:van Beethoven;Ludwig;;Dr.;Jr.\r\n"), "{out}");
    let _ = ids(&env);
}

#[test]
fn a_card_missing_its_end_does_not_refuse_the_file() {
    let env = Env::new();
    let f = input(
        &env,
        "cut.vcf",
        concat!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:First One\r\n",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Second One\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Third One\r\nEND:VCARD\r\n",
        ),
    );
    let r = env.ok(&["import", &f]);
    assert!(
        r.stdout.contains("BEGIN:VCARD at line 1 has no matching END:VCARD"),
        "{}",
        r.stdout
    );
    assert_eq!(ids(&env), ["first-one", "second-one", "third-one"]);
}

#[test]
fn a_contact_with_only_an_e_mail_is_named_after_it() {
    let env = Env::new();
    let f = input(
        &env,
        "mail.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:kim@example.org\r\nEND:VCARD\r\n",
    );
    let r = import_json(&env, &f);
    assert_eq!(r["added"][0]["name"], "kim@example.org", "{r}");
}
