//! Whatever an import takes in, the files it writes read back: a phone
//! whose text holds both quote kinds, or a line break, does not lock the
//! book.

mod common;
use common::Env;

fn import_then_everything_works(env: &Env, name: &str, body: &str, phone: &str) {
    let f = env.dir.path().join(name);
    std::fs::write(&f, body).unwrap();
    let out = env.ok(&["import", f.to_str().unwrap()]);
    assert!(out.stdout.contains("1 added"), "{}{}", out.stdout, out.stderr);
    let list = env.ok(&["list"]);
    assert!(!list.stdout.trim().is_empty(), "{}", list.stdout);
    let check = env.ok(&["check"]);
    assert!(!check.stdout.contains("keys cannot"), "{}", check.stdout);
    // The phone and its type are kept with it: the export gives them back.
    let vcf = env.ok(&["export", "--format", "vcard"]).stdout;
    assert!(vcf.contains(phone), "{vcf}");
    env.ok(&["undo"]);
    assert_eq!(
        common::json(&env.ok(&["list", "--json"]).stdout)
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn a_card_whose_phone_holds_both_quote_kinds_imports_and_the_book_still_opens() {
    let env = Env::new();
    import_then_everything_works(
        &env,
        "tiny.vcf",
        "BEGIN:VCARD\nN:1\nTEL;TYPE=H:5\"'N\n",
        "TYPE=h;VALUE=text:5\"'N",
    );
}

#[test]
fn a_csv_whose_phone_cell_holds_a_line_break_imports_and_the_book_still_opens() {
    let env = Env::new();
    // The cell holds a line break, both quote kinds and a backslash.
    let csv = "First Name,Last Name,Business Phone,Business Fax\nJo,Ng,555 1,\"5\"\"'\\\\\n2\"\n";
    import_then_everything_works(&env, "outlook.csv", csv, "TYPE=work,fax");
}

#[test]
fn a_book_written_by_an_older_version_keeps_its_phone_types_and_moves_them_with_the_phone() {
    let env = Env::new();
    env.write(
        "contacts.toml",
        "schema_version = 1\n\n[[contact]]\nid = \"jo\"\nname = \"Jo\"\nphones = [\"555 1\"]\nstage = \"trust\"\nphone_types = { \"555 1\" = \"work,fax\" }\n",
    );
    assert!(
        env.ok(&["export", "--format", "vcard"])
            .stdout
            .contains("TYPE=work,fax")
    );
    env.ok(&["edit", "jo", "--role", "Coach"]);
    let text = env.read("contacts.toml");
    assert!(text.contains("phone_types = [[\"555 1\", \"work,fax\"]]"), "{text}");
    let backups: Vec<_> = std::fs::read_dir(env.file("backups")).unwrap().flatten().collect();
    assert!(
        backups
            .iter()
            .any(|b| std::fs::read_to_string(b.path()).unwrap().contains("phone_types = {")),
        "the old file is kept in backups/"
    );
    assert!(
        env.ok(&["export", "--format", "vcard"])
            .stdout
            .contains("TYPE=work,fax")
    );
}
