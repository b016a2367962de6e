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

#[test]
fn an_ics_file_gets_one_sentence_saying_what_it_is() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee"]);
    let before = env.snapshot();
    let f = input(
        &env,
        "meetings.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let r = env.run(&["import", &f]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("this is an iCalendar file"), "{}", r.stderr);
    assert!(!r.stderr.contains("no column"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn rapport_s_own_json_export_restores_byte_for_byte_and_undoes_in_one_step() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--email", "dana@example.org", "--birthday", "04-15"]);
    env.ok(&["add", "Sam Cho", "--org", "Cho CPA"]);
    env.ok(&["log", "dana-lee", "call", "--date", "2026-09-01", "--note", "custody"]);
    env.ok(&["snooze", "touch:dana-lee", "--days", "3"]);
    let backup = env.dir.path().join("backup.json");
    env.ok(&["export", "--format", "json", "-o", backup.to_str().unwrap()]);

    let fresh = Env::new();
    fresh.ok(&["add", "Placeholder"]);
    fresh.ok(&["archive", "placeholder"]);
    let empty = Env::new();
    let r = empty.ok(&["import", backup.to_str().unwrap()]);
    assert!(r.stdout.contains("2 partners added"), "{}", r.stdout);
    assert_eq!(empty.read("contacts.toml"), env.read("contacts.toml"));
    assert_eq!(empty.read("gestures.jsonl"), env.read("gestures.jsonl"));
    assert!(empty.read("queue.toml").contains("touch:dana-lee"));
    // Again: nothing new.
    let r = empty.ok(&["import", backup.to_str().unwrap()]);
    assert!(r.stdout.contains("0 partners added (2 already here)"), "{}", r.stdout);
    // Into a folder with data: merged, and one undo takes it back.
    let before = fresh.read("contacts.toml");
    fresh.ok(&["import", backup.to_str().unwrap()]);
    assert!(fresh.read("contacts.toml").contains("dana-lee"));
    fresh.ok(&["undo"]);
    assert_eq!(fresh.read("contacts.toml"), before);
}

#[test]
fn a_vdir_folder_imports_every_vcf_in_it() {
    let env = Env::new();
    let dir = env.dir.path().join("contacts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann One\r\nEND:VCARD\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Two\r\nEND:VCARD\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a card").unwrap();
    let r = import_json(&env, dir.to_str().unwrap());
    assert_eq!(r["added"].as_array().unwrap().len(), 2, "{r}");
    assert_eq!(r["added"][0]["sources"][0], "a.vcf card 1 (line 1)");
    assert_eq!(ids(&env), ["ann-one", "ben-two"]);
}

#[test]
fn outlook_csv_with_only_e_mail_addresses_and_typed_phones() {
    let env = Env::new();
    let f = input(
        &env,
        "outlook.csv",
        "E-mail Address\r\nkim@example.org\r\nlee@example.org\r\n",
    );
    let r = import_json(&env, &f);
    assert_eq!(r["added"].as_array().unwrap().len(), 2, "{r}");
    assert_eq!(r["added"][0]["name"], "kim@example.org");
    let f = input(
        &env,
        "phones.csv",
        "First Name,Last Name,Business Phone,Business Fax,Pager,Assistant's Phone\r\nJo,Ng,555 1,555 2,555 3,555 4\r\n",
    );
    env.ok(&["import", &f]);
    let c = contact(&env, "jo-ng");
    assert_eq!(
        c["phones"],
        serde_json::json!(["555 1", "555 2", "555 3", "555 4"]),
        "{c}"
    );
    let out = env.ok(&["export", "--format", "vcard"]).stdout;
    assert!(out.contains("TEL;TYPE=work,fax;VALUE=text:555 2"), "{out}");
    assert!(out.contains("TEL;TYPE=pager;VALUE=text:555 3"), "{out}");
}

#[test]
fn linkedin_connected_on_becomes_since_and_dates_are_read_day_first_per_file() {
    let env = Env::new();
    let f = input(
        &env,
        "Connections.csv",
        "Notes:\r\n\"When exporting...\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAna,Ruiz,,,Acme,CTO,15 Jan 2023\r\n",
    );
    env.ok(&["import", &f]);
    assert_eq!(contact(&env, "ana-ruiz")["since"], "2023-01-15");
    let f = input(
        &env,
        "uk.csv",
        "Name,Birthday\r\nAmy Bell,03/04/1980\r\nCal Dunn,20/02/1992\r\n",
    );
    env.ok(&["import", &f]);
    assert_eq!(contact(&env, "amy-bell")["birthday"], "1980-04-03");
    assert_eq!(contact(&env, "cal-dunn")["birthday"], "1992-02-20");
    // Without a day-first date in the file, month first as Outlook writes.
    let f = input(&env, "us.csv", "Name,Birthday\r\nEve Fox,03/04/1980\r\n");
    env.ok(&["import", &f]);
    assert_eq!(contact(&env, "eve-fox")["birthday"], "1980-03-04");
}

/// A vCard file of `n` distinct people, as a phone's export would hold.
pub fn many_cards(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-{i}\r\nN:Person{i};Given;;;\r\nFN:Given Person{i}\r\nEMAIL:p{i}@example.org\r\nTEL;TYPE=CELL:+1 555 {i:06}\r\nEND:VCARD\r\n"
        ));
    }
    s
}

#[test]
fn ten_thousand_cards_import_in_linear_time() {
    let env = Env::new();
    let f = input(&env, "big.vcf", many_cards(10_000));
    let start = std::time::Instant::now();
    let r = env.ok(&["import", &f]);
    let first = start.elapsed();
    assert!(r.stdout.contains("10000 added"), "{}", r.stdout);
    let start = std::time::Instant::now();
    let r = env.ok(&["import", &f]);
    let again = start.elapsed();
    assert!(r.stdout.contains("10000 unchanged"), "{}", r.stdout);
    // A debug build; quadratic matching took minutes here.
    assert!(first.as_secs() < 30 && again.as_secs() < 30, "{first:?} then {again:?}");
}

/// Every vCard and CSV file of the shared fixtures: imported, exported as
/// vCard, and that export imported into an empty folder gives the same
/// contacts.toml byte for byte: names, N as imported, phone types, date
/// labels, `since`, no partner twice.
#[test]
fn the_shared_fixtures_round_trip_through_a_vcard_export() {
    let Some(dir) = common::fixtures() else {
        eprintln!("../shared/fixtures is not here: skipped");
        return;
    };
    let files = common::files_under(&dir, &["vcf", "csv"]);
    assert!(!files.is_empty());
    let mut checked = 0;
    for f in &files {
        let first = Env::new();
        if first.run(&["import", &f.display().to_string()]).code != 0 || !first.file("contacts.toml").exists() {
            continue;
        }
        let out = first.dir.path().join("out.vcf");
        first.ok(&["export", "--format", "vcard", "-o", &out.display().to_string()]);
        let second = Env::new();
        second.ok(&["import", &out.display().to_string()]);
        assert_eq!(
            second.read("contacts.toml"),
            first.read("contacts.toml"),
            "{} did not come back the same through a vCard export",
            f.display()
        );
        // And again on top of itself: nothing new, nothing twice.
        let r = json(&second.ok(&["import", &out.display().to_string(), "--json"]).stdout);
        assert_eq!(r["added"], serde_json::json!([]), "{}: {r}", f.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixtures imported");
}

#[test]
fn a_renamed_partner_exports_the_new_name_in_n() {
    let env = Env::new();
    let f = input(
        &env,
        "doe.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;1;Mr.;Sr.\r\nFN:Mr. John 1 Doe Sr.\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", &f]);
    let id = ids(&env).remove(0);
    let out = env.dir.path().join("out.vcf");
    env.ok(&["export", "--format", "vcard", "-o", &out.display().to_string()]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("N:Doe;John;1;Mr.;Sr."));
    env.ok(&["edit", &id, "--name", "Jane Roe"]);
    env.ok(&["export", "--format", "vcard", "-o", &out.display().to_string()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("FN:Jane Roe") && text.contains("N:Roe;Jane;;;"), "{text}");
}

#[test]
fn a_phone_keeps_its_type_when_written_another_way() {
    let env = Env::new();
    let f = input(
        &env,
        "fax.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nTEL;TYPE=WORK,FAX:(555) 010-0199\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", &f]);
    env.ok(&["edit", "ana-ruiz", "--phone", "+1 555 010 0199"]);
    let out = env.dir.path().join("out.vcf");
    env.ok(&["export", "--format", "vcard", "-o", &out.display().to_string()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.to_ascii_lowercase().contains("tel;type=work,fax"), "{text}");
}

/// A large import at the default stage says what it does to the queue;
/// `--stage` sets the stage of the partners added (and only theirs).
#[test]
fn an_import_can_set_the_stage_of_the_partners_it_adds() {
    let env = Env::new();
    env.add_dana();
    let mut csv = String::from("First Name,Last Name,E-mail Address\nDana,Lee,dana@lee.example\n");
    for i in 0..24 {
        csv.push_str(&format!("Person{i},Test,p{i}@x.example\n"));
    }
    let f = input(&env, "people.csv", &csv);
    let r = env.ok(&["import", &f, "--dry-run"]);
    assert!(r.stdout.contains("24 added at reach-out"), "{}", r.stdout);
    assert!(r.stdout.contains("--stage rapport"), "{}", r.stdout);
    let r = env.ok(&["import", &f, "--stage", "rapport"]);
    assert!(!r.stdout.contains("added at reach-out"), "{}", r.stdout);
    let list = json(&env.ok(&["list", "--json"]).stdout);
    let stages: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["stage"].as_str().unwrap()))
        .collect();
    assert_eq!(stages.len(), 25);
    assert!(stages.contains(&("dana-lee", "trust")), "{stages:?}");
    assert_eq!(stages.iter().filter(|(_, s)| *s == "rapport").count(), 24, "{stages:?}");
    let queue = json(&env.ok(&["queue", "--json"]).stdout);
    assert!(
        !queue.as_array().unwrap().iter().any(|i| i["kind"] == "reach-out"),
        "{queue}"
    );
    let r = env.run(&["import", &f, "--stage", "someday"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}
