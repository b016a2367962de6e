//! Import and export through the real binary: every third-party vCard and
//! CSV fixture in `../shared/fixtures/`, our own fixtures for what those
//! miss, round trips, the iCalendar export read by an independent parser,
//! and malformed files that must change nothing.

mod common;

use common::{Env, Run, json};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");
const OURS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn ours(name: &str) -> String {
    format!("{OURS}/{name}")
}

/// The shared fixtures, or `None` (with a note) when the folder is absent
/// or `RAPPORT_HIDE_SHARED` is set (how CI runs the suite as a fresh clone
/// without them would).
fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(SHARED);
    if p.is_dir() && std::env::var_os("RAPPORT_HIDE_SHARED").is_none() {
        Some(p)
    } else {
        eprintln!("note: {SHARED} is absent; the third-party fixture checks are skipped");
        None
    }
}

fn no_panic(r: &Run, what: &str) {
    assert!(!r.stderr.contains("panicked"), "{what} panicked: {}", r.stderr);
}

/// `rapport import FILE --dry-run --json` on an empty data folder.
fn dry_run(path: &str) -> Value {
    let env = Env::new();
    let r = env.run(&["import", path, "--dry-run", "--json"]);
    no_panic(&r, path);
    assert_eq!(r.code, 0, "import {path} failed: {}{}", r.stdout, r.stderr);
    assert!(env.snapshot().is_empty(), "a dry run wrote files for {path}");
    json(&r.stdout)
}

/// The contacts an import report adds, by name.
fn added(report: &Value) -> BTreeMap<String, Value> {
    report["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap().to_string(), a["contact"].clone()))
        .collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// What one contact must look like: name, birthday, e-mails (all of them).
struct Want {
    name: &'static str,
    birthday: Option<&'static str>,
    emails: &'static [&'static str],
}

const fn w(name: &'static str, birthday: Option<&'static str>, emails: &'static [&'static str]) -> Want {
    Want { name, birthday, emails }
}

/// Expected results, read off the fixture files by hand: file, contacts
/// added, cards or rows skipped, and some contacts in detail.
fn expectations() -> Vec<(&'static str, usize, usize, Vec<Want>)> {
    vec![
        (
            "mangstadt+ez-vcard/John_Doe_ANDROID.vcf",
            6,
            0, // two cards with only an e-mail are named after it
            vec![
                w("Ñ Ñ Ñ Ñ Ñ", None, &[]),
                w("Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", None, &[]),
                w("Ñ Ñ Ñ Ñ", None, &["bob@company.com"]),
                w("ÑÑÑÑ", None, &["henry@company.com"]),
            ],
        ),
        (
            "mangstadt+ez-vcard/John_Doe_EVOLUTION.vcf",
            1,
            0,
            vec![w(
                "Mr. John Richter, James Doe Sr.",
                Some("1980-03-22"),
                &["john.doe@ibm.com"],
            )],
        ),
        (
            "mangstadt+ez-vcard/John_Doe_GMAIL.vcf",
            1,
            0,
            vec![w(
                "Mr. John Richter, James Doe Sr.",
                Some("1980-03-22"),
                &["john.doe@ibm.com"],
            )],
        ),
        (
            "mangstadt+ez-vcard/John_Doe_MS_OUTLOOK.vcf",
            1,
            0,
            vec![w(
                "Mr. John Richter James Doe Sr.",
                Some("1980-03-22"),
                &["john.doe@ibm.cm"],
            )],
        ),
        (
            "mangstadt+ez-vcard/John_Doe_IPHONE.vcf",
            1,
            0,
            vec![w(
                "Mr. John Richter James Doe Sr.",
                Some("2012-06-06"),
                &["john.doe@ibm.com"],
            )],
        ),
        (
            "mangstadt+ez-vcard/outlook-2003.vcf",
            1,
            0,
            vec![w("John Doe III", Some("1980-03-21"), &["jdoe@hotmail.com"])],
        ),
        (
            "mangstadt+ez-vcard/gmail-single2.vcf",
            1,
            0,
            vec![w(
                "VCard Test",
                Some("1912-06-23"),
                &[
                    "email@example.com",
                    "homeemail@example.com",
                    "workemail@example.com",
                    "otheremail@example.com",
                    "customcategory@example.com",
                ],
            )],
        ),
        (
            "mangstadt+ez-vcard/rfc6350-example.vcf",
            1,
            0,
            vec![w("Simon Perreault", Some("02-03"), &["simon.perreault@viagenie.ca"])],
        ),
        (
            "mangstadt+ez-vcard/issue114.vcf",
            1,
            0,
            vec![w("Dummy, Dummy", None, &["dummy.dummy@dummy.com"])],
        ),
        (
            "CyanogenMod+android_frameworks_opt_vcard/v21_japanese_2.vcf",
            1,
            0,
            vec![w("安藤 ロイド 1", None, &[])],
        ),
        (
            "CyanogenMod+android_frameworks_opt_vcard/v40_sort_as.vcf",
            1,
            0,
            vec![w("安藤 ロイド", None, &[])],
        ),
        (
            "CyanogenMod+android_frameworks_opt_vcard/v21_complicated.vcf",
            1,
            0,
            vec![w(
                "Joe Due",
                Some("1980-01-01"),
                &["forrestgump@walladalla.com", "cell@example.com"],
            )],
        ),
        (
            "CyanogenMod+android_frameworks_opt_vcard/v21_invalid_comment_line.vcf",
            1,
            0,
            vec![w("Conference Call", None, &[])],
        ),
        (
            "CyanogenMod+android_frameworks_opt_vcard/v21_nest.vcf",
            3,
            0,
            vec![w("parent", None, &[]), w("nest1", None, &[]), w("nest2", None, &[])],
        ),
        (
            "kewisch+ical.js/vcard.vcf",
            1,
            0,
            vec![w("J. Doe", Some("02-03"), &["jqpublic@xyz.example.com"])],
        ),
        (
            "kewisch+ical.js/vcard3.vcf",
            1,
            0,
            vec![w(
                "Mr. John Q. Public, Esq.",
                Some("1996-04-15"),
                &["jqpublic@xyz.dom1.com", "jdoe@isp.net", "jane_doe@abc.com"],
            )],
        ),
        (
            "stalwartlabs+calcard/rfc.vcf",
            5,
            2, // two KIND:group lists (the two cards with only an e-mail are named after it)
            vec![
                w(
                    "Taro Yamada",
                    Some("1996-04-15"),
                    &["jqpublic@xyz.example.com", "jdoe@example.com"],
                ),
                w("J. Doe", None, &["jdoe@example.com", "ceo@example.com"]),
                w("John Doe", None, &[]),
                w("Simon Perreault", Some("02-03"), &["simon.perreault@viagenie.ca"]),
            ],
        ),
        (
            "mozilla+releases-comm-central/dos_vcard_addressbook.vcf",
            1,
            0,
            vec![w("Name Surname", None, &["example@gmail.com"])],
        ),
        (
            "mozilla+releases-comm-central/export.vcf",
            2,
            0,
            vec![
                w("contact number one", None, &["contact1@invalid"]),
                w("contact number two", None, &["contact2@invalid"]),
            ],
        ),
        (
            "mozilla+releases-comm-central/v4-uri-jpeg.vcf",
            1,
            0,
            vec![w("URI JPEG, version 4.0", None, &[])],
        ),
        (
            "labeldekho+linkedin-network-intelligence/Connections.csv",
            10,
            0,
            vec![
                w("Alice Johnson", None, &["alice.johnson@techcorp.com"]),
                w("Carol Davis", None, &[]),
                w("Jack Anderson", None, &["jack.a@openai.com"]),
            ],
        ),
        (
            "sondreb+people/google.csv",
            5,
            0, // a row with only an e-mail is named after it
            vec![
                w("John Doe", None, &[]),
                w("Norway Doe", None, &["mail@hotmail.com"]),
                w("John Cruickshank", None, &[]),
            ],
        ),
        (
            "sondreb+people/outlook.csv",
            2,
            0,
            vec![w("Larsen", None, &[]), w("Svein Heimdal", None, &[])],
        ),
        (
            "mozilla+releases-comm-central/export.csv",
            2,
            0,
            vec![
                w("contact number one", None, &["contact1@invalid"]),
                w("contact number two", None, &["contact2@invalid"]),
            ],
        ),
        (
            "mozilla+releases-comm-central/shiftjis_addressbook.csv",
            1,
            0,
            vec![w("名無しの権兵衛", None, &["名無しの権兵衛@host.invalid"])],
        ),
        (
            "mozilla+releases-comm-central/utf16_addressbook.csv",
            1,
            0,
            vec![w("John Doe", None, &["johndoe@host.invalid"])],
        ),
        (
            "mozilla+releases-comm-central/csv_semicolon.csv",
            2,
            0,
            vec![
                w("John Doe", None, &["john@doe.invalid"]),
                w("Jane Doe", None, &["jane@doe.invalid"]),
            ],
        ),
    ]
}

fn check_wants(file: &str, report: &Value, wants: &[Want]) {
    let got = added(report);
    for want in wants {
        let c = got
            .get(want.name)
            .unwrap_or_else(|| panic!("{file}: no partner named {:?}; got {:?}", want.name, got.keys()));
        assert_eq!(
            c["birthday"].as_str(),
            want.birthday,
            "{file}: birthday of {}",
            want.name
        );
        assert_eq!(strs(&c["emails"]), want.emails, "{file}: emails of {}", want.name);
        if !file.ends_with("Connections.csv") {
            // LinkedIn's "Connected On" is the `since` of its contacts.
            assert_eq!(
                c["since"].as_str(),
                Some(common::TODAY),
                "{file}: since of {}",
                want.name
            );
        }
    }
}

#[test]
fn every_shared_vcard_and_csv_fixture_imports() {
    let Some(root) = shared() else { return };
    let files = common::files_under(&root, &["vcf", "csv"]);
    assert!(files.len() >= 25, "expected the shared fixtures, found {files:?}");
    let wants = expectations();
    for path in &files {
        let rel = path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        let report = dry_run(path.to_str().unwrap());
        let names: Vec<&str> = report["added"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.trim().is_empty()), "{rel}: {names:?}");
        let skipped = report["skipped"].as_array().unwrap();
        if rel.ends_with(".vcf") {
            // Every card is accounted for: imported (perhaps merged with an
            // earlier card of the same person) or skipped with a reason.
            let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).to_ascii_uppercase();
            let cards = text
                .lines()
                .filter(|l| l.trim().trim_start_matches('\u{feff}') == "BEGIN:VCARD")
                .count();
            let sources: usize = report["added"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["sources"].as_array().unwrap().len())
                .sum();
            assert_eq!(sources + skipped.len(), cards, "{rel}: {report}");
        }
        for s in skipped {
            let reason = s["reason"].as_str().unwrap();
            let source = s["source"].as_str().unwrap();
            assert!(
                source.starts_with("card ") || source.starts_with("row "),
                "{rel}: {source}"
            );
            assert!(source.contains("(line "), "{rel}: {source}");
            assert!(!reason.is_empty());
        }
        let Some((_, n_added, n_skipped, want)) = wants.iter().find(|(f, ..)| *f == rel) else {
            panic!("{rel}: a new fixture; add what it should yield to expectations()");
        };
        assert_eq!(names.len(), *n_added, "{rel}: added {names:?}");
        assert_eq!(skipped.len(), *n_skipped, "{rel}: skipped {skipped:?}");
        check_wants(&rel, &report, want);
    }
    // Every expectation names a file that is there.
    for (f, ..) in &wants {
        assert!(root.join(f).is_file(), "{f} is missing");
    }
}

#[test]
fn shared_fixture_details() {
    let Some(root) = shared() else { return };
    let at = |f: &str| root.join(f).to_string_lossy().into_owned();

    let r = dry_run(&at("mangstadt+ez-vcard/John_Doe_ANDROID.vcf"));
    let c = &added(&r)["ÑÑÑÑ"];
    assert_eq!(c["org"], "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ");
    assert_eq!(strs(&c["phones"]), ["55556666"]);
    assert!(added(&r).contains_key("john.doe@company.com"), "named after the e-mail");

    let r = dry_run(&at("mangstadt+ez-vcard/John_Doe_EVOLUTION.vcf"));
    let c = &added(&r)["Mr. John Richter, James Doe Sr."];
    assert_eq!(c["uid"], "477343c8e6bf375a9bac1f96a5000837");
    assert_eq!(c["org"], "IBM");
    assert!(c["notes"].as_str().unwrap().starts_with("THIS SOFTWARE IS PROVIDED BY"));

    let r = dry_run(&at("mangstadt+ez-vcard/rfc6350-example.vcf"));
    let c = &added(&r)["Simon Perreault"];
    assert_eq!(strs(&c["phones"]), ["+1-418-656-9254;ext=102", "+1-418-262-6501"]);
    assert_eq!(c["org"], "Viagenie");
    assert_eq!(c["dates"][0]["label"], "anniversary");
    assert_eq!(c["dates"][0]["date"], "2009-08-08");

    let r = dry_run(&at("CyanogenMod+android_frameworks_opt_vcard/v40_sort_as.vcf"));
    assert_eq!(added(&r)["安藤 ロイド"]["org"], "グーグル");

    let r = dry_run(&at(
        "CyanogenMod+android_frameworks_opt_vcard/v21_invalid_comment_line.vcf",
    ));
    let notes = added(&r)["Conference Call"]["notes"].as_str().unwrap().to_string();
    assert!(
        notes.contains("(sharp ->#<- sharp)") && notes.contains("must NOT be ignored"),
        "{notes}"
    );
    assert!(!notes.contains("must be ignored"), "{notes}");

    let r = dry_run(&at("stalwartlabs+calcard/rfc.vcf"));
    let skipped: Vec<String> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}: {}", s["source"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    assert!(added(&r).contains_key("john@example.com"), "named after the e-mail");
    assert!(
        skipped.iter().any(|s| s.starts_with("card 6 (line 101): a group")),
        "{skipped:?}"
    );
    let j_doe = &r["added"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "J. Doe")
        .unwrap();
    assert_eq!(
        j_doe["sources"].as_array().unwrap().len(),
        2,
        "both J. Doe cards share a UID"
    );
    let notes: Vec<&str> = r["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["reason"].as_str().unwrap())
        .collect();
    assert!(
        notes.is_empty() || notes.iter().all(|n| n.contains("not a date")),
        "{notes:?}"
    );

    let r = dry_run(&at("labeldekho+linkedin-network-intelligence/Connections.csv"));
    let alice = &added(&r)["Alice Johnson"];
    assert_eq!(alice["org"], "TechCorp");
    assert_eq!(alice["role"], "CTO");
    assert_eq!(added(&r)["Carol Davis"]["org"], "BigCo");

    let r = dry_run(&at("sondreb+people/google.csv"));
    let norway = &added(&r)["Norway Doe"];
    assert_eq!(
        strs(&norway["tags"]),
        ["Restored from Samsung - SM-G950F"],
        "system groups are dropped"
    );
    assert_eq!(strs(&norway["phones"]), ["+47 111111"]);
    assert!(
        r["skipped"].as_array().unwrap().is_empty(),
        "a row with only an e-mail is named after it"
    );

    let r = dry_run(&at("sondreb+people/outlook.csv"));
    assert_eq!(strs(&added(&r)["Larsen"]["phones"]), ["+47 466 88 000"]);

    let r = dry_run(&at("mozilla+releases-comm-central/export.csv"));
    let two = &added(&r)["contact number two"];
    assert_eq!(two["role"], "\"worker\"");
    assert_eq!(two["notes"], "here's some unicode text…");

    let r = dry_run(&at("mozilla+releases-comm-central/shiftjis_addressbook.csv"));
    assert_eq!(r["encoding"], "Shift_JIS");
    let r = dry_run(&at("mozilla+releases-comm-central/utf16_addressbook.csv"));
    assert_eq!(r["encoding"], "UTF-16LE");
}

#[test]
fn our_csv_fixtures_cover_charsets_delimiters_and_layouts() {
    let r = dry_run(&ours("semicolon_bom.csv"));
    let jonas = &added(&r)["Jonas Müller"];
    assert_eq!(jonas["birthday"], "1980-03-22");
    assert_eq!(jonas["org"], "Müller Steuerberatung");
    assert_eq!(jonas["role"], "Steuerberater");
    assert_eq!(jonas["notes"], "Frau Anna; Tochter Lea");
    assert_eq!(strs(&jonas["tags"]), ["Steuer"]);
    assert_eq!(added(&r)["Élodie Brunet"]["birthday"], "02-29");

    let r = dry_run(&ours("utf16be.csv"));
    assert_eq!(r["encoding"], "UTF-16BE");
    let zoe = &added(&r)["Zoë Ångström"];
    assert_eq!(strs(&zoe["emails"]), ["zoe@example.se"]);
    assert_eq!(zoe["org"], "Ångström & Co");
    assert_eq!(added(&r)["Wang Wei 王伟"]["org"], "北京律师事务所");

    let r = dry_run(&ours("windows1252.csv"));
    assert_eq!(r["encoding"], "windows-1252");
    let rene = &added(&r)["René Dupré"];
    assert_eq!(rene["org"], "Dupré Conseil");
    assert_eq!(strs(&rene["tags"]), ["coach", "référent"]);
    assert_eq!(rene["notes"], "Aime le café — 5 € le ticket");
    assert_eq!(rene["birthday"], "1975-08-14");
    assert_eq!(added(&r)["María Núñez"]["birthday"], "04-15");

    let r = dry_run(&ours("google_new.csv"));
    let priya = &added(&r)["Priya Shah"];
    assert_eq!(
        strs(&priya["emails"]),
        ["priya@shahcpa.com", "p.shah@gmail.com", "priya.home@example.com"]
    );
    assert_eq!(strs(&priya["tags"]), ["Accountants"]);
    assert_eq!(strs(&priya["phones"]), ["+1 555 0133"]);
    assert_eq!(priya["role"], "Partner");
    assert_eq!(priya["birthday"], "11-25");
    assert!(
        r["skipped"].as_array().unwrap().is_empty(),
        "a row with only an e-mail is named after it"
    );

    let r = dry_run(&ours("google_legacy.csv"));
    let lena = &added(&r)["Lena Ortiz"];
    assert_eq!(lena["org"], "Birth Center");
    assert_eq!(lena["role"], "Director");
    assert_eq!(lena["birthday"], "1984-06-30");
    assert_eq!(strs(&lena["tags"]), ["Birth workers"]);

    let r = dry_run(&ours("linkedin_current.csv"));
    let tom = &added(&r)["Tom Reyes"];
    assert_eq!(strs(&tom["emails"]), ["tom@reyes-law.com"]);
    assert_eq!(tom["org"], "Reyes Law");
    assert_eq!(tom["role"], "Managing Partner");
    assert_eq!(added(&r)["Sam Cho"]["role"], "Financial Adviser");
    assert_eq!(tom["since"], "2021-02-03", "since is Connected On (issue 16)");
}

#[test]
fn legacy_charset_vcard() {
    let r = dry_run(&ours("latin1.vcf"));
    let j = &added(&r)["Jürgen Grün"];
    assert_eq!(j["org"], "Grün € Söhne");
    assert_eq!(j["role"], "Makler");
    assert_eq!(j["birthday"], "03-22");
    assert_eq!(j["notes"], "Frau Brünhild\nHund Bello");
    assert_eq!(strs(&j["tags"]), ["Makler", "Empfehler"]);
    assert_eq!(j["dates"][0]["label"], "anniversary");
    assert_eq!(j["dates"][0]["date"], "2001-09-08");
}

fn partners(env: &Env) -> Vec<Value> {
    let r = env.ok(&["list", "--archived", "--json"]);
    json(&r.stdout).as_array().unwrap().clone()
}

/// Partner objects without what depends on the book around them.
fn comparable(list: &[Value]) -> Vec<Value> {
    let mut v: Vec<Value> = list
        .iter()
        .map(|p| {
            let mut p = p.clone();
            let o = p.as_object_mut().unwrap();
            o.remove("connector");
            o.remove("last_touch");
            // A vCard has no `since`: an import sets it to the file's
            // connection date (LinkedIn) or the day of the import.
            o.remove("since");
            p
        })
        .collect();
    v.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    v
}

#[test]
fn import_export_import_gives_the_same_partners_and_no_duplicates() {
    let env = Env::new();
    let mut files: Vec<String> = ["latin1.vcf", "windows1252.csv", "google_new.csv", "semicolon_bom.csv"]
        .iter()
        .map(|f| ours(f))
        .collect();
    let shared = shared();
    if let Some(root) = &shared {
        for f in [
            "mangstadt+ez-vcard/John_Doe_ANDROID.vcf",
            "mangstadt+ez-vcard/rfc6350-example.vcf",
            "stalwartlabs+calcard/rfc.vcf",
            "kewisch+ical.js/vcard3.vcf",
            "mozilla+releases-comm-central/export.vcf",
            "labeldekho+linkedin-network-intelligence/Connections.csv",
        ] {
            files.push(root.join(f).to_string_lossy().into_owned());
        }
    }
    for f in &files {
        env.ok(&["import", f]);
    }
    env.ok(&[
        "add",
        "Dana Lee",
        "--note",
        "Line one\nline two; with, commas\\",
        "--birthday",
        "02-29",
    ]);
    env.ok(&["add", "Dana Lee", "--email", "dana2@example.org"]);
    let first = comparable(&partners(&env));
    // Our own files alone give a handful; the third-party ones many more.
    let least = if shared.is_some() { 10 } else { 5 };
    assert!(first.len() >= least, "{} partners", first.len());

    let out = env.dir.path().join("all.vcf");
    env.ok(&["export", "--format", "vcard", "-o", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(text.ends_with("END:VCARD\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), first.len());
    assert!(text.contains("BDAY:--0229\r\n"), "year-less birthday as --MMDD");
    assert!(text.contains("UID:urn:rapport:dana-lee-2\r\n"));

    // Into an empty folder: the same partners.
    let other = Env::new();
    let r = other.ok(&["import", out.to_str().unwrap(), "--json"]);
    let report = json(&r.stdout);
    assert_eq!(report["added"].as_array().unwrap().len(), first.len(), "{report}");
    assert_eq!(comparable(&partners(&other)), first);

    // Into the same folder: everything matches, nothing is added or changed.
    let before = env.snapshot();
    let r = env.ok(&["import", out.to_str().unwrap(), "--json"]);
    let report = json(&r.stdout);
    assert_eq!(report["added"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["updated"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["unchanged"].as_array().unwrap().len(), first.len());
    assert_eq!(env.snapshot(), before, "an import with nothing new writes nothing");

    // Importing the original files again neither duplicates nor changes anyone.
    for f in &files {
        let r = env.ok(&["import", f, "--json"]);
        let report = json(&r.stdout);
        assert!(report["added"].as_array().unwrap().is_empty(), "{f}: {report}");
        assert!(report["updated"].as_array().unwrap().is_empty(), "{f}: {report}");
    }
    assert_eq!(comparable(&partners(&env)), first);
}

#[test]
fn vdir_export_writes_one_private_file_per_partner() {
    let env = Env::new();
    env.ok(&[
        "add",
        "Dana Lee",
        "--email",
        "dana@example.org",
        "--birthday",
        "1980-04-15",
    ]);
    env.ok(&["add", "Sam Cho"]);
    env.ok(&["add", "Gone Person"]);
    let dir = env.dir.path().join("book/contacts");
    let d = dir.to_str().unwrap();
    env.ok(&["export", "--format", "vdir", "-o", d]);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["dana-lee.vcf", "gone-person.vcf", "sam-cho.vcf"]);
    let dana = dir.join("dana-lee.vcf");
    assert_eq!(std::fs::metadata(&dana).unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&dana).unwrap();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    assert!(text.contains("BDAY:19800415\r\n"));

    env.ok(&["archive", "gone-person"]);
    let r = env.ok(&["export", "--format", "vdir", "-o", d]);
    assert!(
        r.stderr.contains("0 written, 2 unchanged, 1 archived removed"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("gone-person.vcf").exists());

    // Each file imports back onto its partner.
    let r = env.ok(&["import", dana.to_str().unwrap(), "--json"]);
    assert_eq!(json(&r.stdout)["unchanged"][0]["id"], "dana-lee");

    let r = env.run(&["export", "--format", "vdir"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("-o DIR"));
}

#[test]
fn ics_export_parses_in_a_calendar_library_with_one_yearly_event_per_birthday() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--birthday", "1980-04-15", "--cadence", "0"]);
    env.ok(&["add", "Leap Baby", "--birthday", "02-29", "--cadence", "0"]);
    env.ok(&["add", "Zoë Yearless", "--birthday", "12-01", "--cadence", "0"]);
    env.ok(&[
        "add",
        "No Birthday",
        "--since",
        "2026-10-01",
        "--cadence",
        "30",
        "--stage",
        "rapport",
    ]);
    env.ok(&["import", &ours("latin1.vcf")]); // a birthday and an anniversary
    env.ok(&["log", "dana-lee", "referral", "--received", "--note", "M.O."]);
    let r = env.ok(&["export", "--format", "ics"]);
    let text = r.stdout;

    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the export parses");
    let prop = |c: &icalendar::parser::Component, name: &str| c.find_prop(name).map(|p| p.val.as_str().to_string());
    let events: Vec<_> = cal.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    let todos: Vec<_> = cal.components.iter().filter(|c| c.name.as_str() == "VTODO").collect();

    let birthdays: BTreeMap<String, (String, String)> = events
        .iter()
        .filter_map(|e| {
            let uid = prop(e, "UID")?;
            uid.starts_with("birthday-")
                .then(|| (uid, (prop(e, "DTSTART").unwrap(), prop(e, "RRULE").unwrap())))
        })
        .collect();
    let want: BTreeMap<String, (String, String)> = [
        ("birthday-dana-lee@rapport", "19800415", "FREQ=YEARLY"),
        ("birthday-jurgen-grun@rapport", "20000322", "FREQ=YEARLY"),
        (
            "birthday-leap-baby@rapport",
            "20000229",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        ),
        ("birthday-zoe-yearless@rapport", "20001201", "FREQ=YEARLY"),
    ]
    .into_iter()
    .map(|(u, d, r)| (u.to_string(), (d.to_string(), r.to_string())))
    .collect();
    assert_eq!(birthdays, want, "one yearly event per birthday");
    for e in &events {
        assert!(prop(e, "SUMMARY").is_some() && prop(e, "DTSTAMP").is_some());
        assert_eq!(e.find_prop("DTSTART").unwrap().params[0].key.as_str(), "VALUE");
    }
    assert!(
        events
            .iter()
            .any(|e| prop(e, "UID").as_deref() == Some("date-jurgen-grun-anniversary@rapport")),
        "yearly dates are events too"
    );
    assert_eq!(events.len(), 5);

    let todo_uids: Vec<String> = todos.iter().map(|t| prop(t, "UID").unwrap()).collect();
    assert!(
        todo_uids
            .iter()
            .any(|u| u.starts_with("thank:dana-lee:") && u.ends_with("@rapport")),
        "{todo_uids:?}"
    );
    assert!(
        todo_uids.contains(&"touch:no-birthday@rapport".to_string()),
        "{todo_uids:?}"
    );
    // Zoë's birthday (1 Dec) is raised within the next 30 days.
    assert!(
        todo_uids.contains(&"date:zoe-yearless:birthday:2026@rapport".to_string()),
        "{todo_uids:?}"
    );
    for t in &todos {
        let due = prop(t, "DUE").unwrap();
        assert!(due.as_str() <= "20261220", "{due} is within 30 days of 2026-11-20");
    }

    // Stable: a second export is byte for byte the same.
    assert_eq!(env.ok(&["export", "--format", "ics"]).stdout, text);
}

#[test]
fn json_export_holds_everything() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--email", "dana@example.org"]);
    env.ok(&["log", "dana-lee", "call", "--date", "2026-09-01"]);
    env.ok(&["add", "Old Friend"]);
    env.ok(&["archive", "old-friend"]);
    env.ok(&["snooze", "touch:dana-lee", "--days", "3"]);
    let out = env.dir.path().join("backup.json");
    env.ok(&["export", "--format", "json", "-o", out.to_str().unwrap()]);
    let v = json(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(v["format"], "rapport-export");
    assert_eq!(v["contacts"].as_array().unwrap().len(), 2, "archived partners too");
    assert_eq!(v["gestures"][0]["kind"], "call");
    assert_eq!(v["snoozes"]["touch:dana-lee"], "2026-11-23");
}

#[test]
fn a_malformed_file_names_the_card_or_row_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--email", "dana@example.org"]);
    let before = env.snapshot();
    assert!(!before.is_empty());

    // A card cut short is read with a warning (tests/interop_round_two.rs);
    // an END with no BEGIN still refuses the file.
    let bad = env.dir.path().join("no_begin.vcf");
    std::fs::write(&bad, "FN:A\r\nEND:VCARD\r\n").unwrap();
    let r = env.run(&["import", bad.to_str().unwrap()]);
    no_panic(&r, "no_begin.vcf");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("no_begin.vcf: line 2: END:VCARD without a BEGIN:VCARD"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was imported"));
    assert_eq!(r.stderr.lines().count(), 1, "one clear message: {}", r.stderr);
    assert_eq!(env.snapshot(), before);

    // An e-mail column alone is enough (Outlook's e-mail-only export);
    // neither a name nor an e-mail column is not.
    let no_name = env.dir.path().join("no_name_column.csv");
    std::fs::write(&no_name, "phone,org\n+1 555 0100,Lee Family Law\n").unwrap();
    let r = env.run(&["import", no_name.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no_name_column.csv: no column holds a name"),
        "{}",
        r.stderr
    );
    assert_eq!(env.snapshot(), before);

    let r = env.run(&["import", &ours("unclosed_quote.csv")]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("unclosed_quote.csv: line 3: a quoted field opens here"),
        "{}",
        r.stderr
    );
    assert_eq!(env.snapshot(), before);

    let r = env.run(&["import", "/nonexistent/contacts.vcf"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("could not read /nonexistent/contacts.vcf"),
        "{}",
        r.stderr
    );

    let r = env.run(&["import", &ours("malformed.vcf"), "--format", "xml"]);
    assert_eq!(r.code, 2, "a bad flag is a usage error");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_import_is_one_undoable_change_and_dry_run_writes_nothing() {
    let env = Env::new();
    env.ok(&["add", "Tom Reyes", "--phone", "+1 555 0199"]);
    let before = env.snapshot();
    let r = env.ok(&["import", &ours("linkedin_current.csv"), "--dry-run"]);
    assert!(r.stdout.contains("nothing was written"), "{}", r.stdout);
    assert_eq!(env.snapshot(), before);

    let r = env.ok(&["import", &ours("linkedin_current.csv"), "--tag", "linkedin"]);
    assert!(
        r.stdout
            .starts_with("Imported 2 partners from linkedin_current.csv: 1 added, 1 updated"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("updated    Tom Reyes (tom-reyes): org, role, emails, tags"),
        "{}",
        r.stdout
    );
    let tom = partners(&env).into_iter().find(|p| p["id"] == "tom-reyes").unwrap();
    assert_eq!(
        strs(&tom["phones"]),
        ["+1 555 0199"],
        "fields the import lacks are kept"
    );
    assert_eq!(strs(&tom["tags"]), ["linkedin"]);
    let r = env.ok(&["undo"]);
    assert!(
        r.stdout.contains("Imported 2 partners from linkedin_current.csv"),
        "{}",
        r.stdout
    );
    assert_eq!(
        env.read("contacts.toml"),
        String::from_utf8(before[Path::new("contacts.toml")].clone()).unwrap()
    );
}

fn any_vcard_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("BEGIN:VCARD".to_string()),
        Just("END:VCARD".to_string()),
        Just("VERSION:2.1".to_string()),
        Just("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=".to_string()),
        Just("BDAY:--13-45".to_string()),
        Just("BDAY;VALUE=date:".to_string()),
        Just("PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ".to_string()),
        Just(" folded".to_string()),
        "[A-Z;=:\\-\\\\,\"]{0,20}",
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// No input makes the importers panic.
    #[test]
    fn importers_never_panic(lines in proptest::collection::vec(any_vcard_line(), 0..30), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = lines.join("\r\n");
        for input in [text.as_bytes(), bytes.as_slice()] {
            let _ = rapport::interop::parse(rapport::interop::ImportFormat::Vcard, input);
            let _ = rapport::interop::parse(rapport::interop::ImportFormat::Csv, input);
        }
        let csv = lines.join(",").replace("BEGIN:VCARD", "name");
        let _ = rapport::interop::parse(rapport::interop::ImportFormat::Csv, csv.as_bytes());
    }
}
