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

mod hostile {
    //! Arbitrary text in every field the data files hold: what is written
    //! reads back the same, and the store refuses nothing of it.
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use rapport::domain::partner::LabelledDate;
    use rapport::domain::queue::QueueState;
    use rapport::domain::{Direction, Gesture, Kind, Partner, Stage, YearlyDate};
    use rapport::store::{Store, StoreError};

    /// Quotes of both kinds and three in a row, line breaks, CR, tabs,
    /// every control character, bidi marks, and a 10,000-character run.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("\"\"\"".to_string()),
            Just("'''".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("\r\n".to_string()),
            Just("\t".to_string()),
            Just("\\".to_string()),
            Just("\u{202e}\u{2066}\u{200f}".to_string()),
            Just("\u{feff}".to_string()),
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
            Just("\u{7f}\u{85}\u{2028}".to_string()),
            "\\PC{0,6}",
            "[a-zA-Z =#\\[\\]{},.]{0,6}",
        ];
        prop_oneof![
            8 => proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat()),
            1 => Just("x\"'".repeat(3_334)),
        ]
    }

    fn some_text() -> impl Strategy<Value = String> {
        text().prop_filter("not blank", |s| !s.trim().is_empty())
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (1990i32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn partner(id: String) -> impl Strategy<Value = Partner> {
        let lists = (
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..2),
        );
        let texts = (
            some_text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
        );
        // Keys carried through from elsewhere (a restore, a newer version).
        let extra = proptest::collection::btree_map(some_text(), text(), 0..3);
        let dates = proptest::collection::vec((text(), 1u32..=12, 1u32..=28), 0..2);
        (Just(id), texts, lists, extra, dates, 0usize..4, any::<bool>()).prop_map(
            |(
                id,
                (name, org, role, clientele, notes, benefit, uid, reason),
                (emails, phones, tags, aliases),
                extra,
                dates,
                stage,
                archived,
            )| {
                let mut p = Partner::new(id, name);
                p.org = org;
                p.role = role;
                p.clientele = clientele;
                p.notes = notes;
                p.benefit = benefit;
                p.uid = uid;
                p.archived = archived;
                p.archived_reason = reason;
                p.emails = emails;
                p.tags = tags;
                p.aliases = aliases;
                p.stage = Stage::ALL[stage];
                // A phone's type lives with it, whatever the phone's text.
                if let Some(first) = phones.first() {
                    p.extra.insert(
                        "phone_types".into(),
                        toml::Value::Array(vec![toml::Value::Array(vec![
                            toml::Value::String(first.clone()),
                            toml::Value::String("work".into()),
                        ])]),
                    );
                }
                p.phones = phones;
                for (k, v) in extra {
                    p.extra.entry(k).or_insert(toml::Value::String(v));
                }
                p.dates = dates
                    .into_iter()
                    .map(|(label, month, day)| LabelledDate {
                        label,
                        date: YearlyDate { year: None, month, day },
                    })
                    .collect();
                p
            },
        )
    }

    fn gesture(contact: String) -> impl Strategy<Value = Gesture> {
        (
            date(),
            0usize..14,
            any::<bool>(),
            proptest::option::of(text()),
            proptest::collection::btree_map(some_text(), text(), 0..3),
        )
            .prop_map(move |(date, kind, received, note, extra)| {
                let dir = if received {
                    Direction::Received
                } else {
                    Direction::Given
                };
                let mut g = rapport::store::new_gesture(&contact, Kind::ALL[kind], dir, date, None);
                g.note = note;
                g.extra = extra
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect();
                g
            })
    }

    fn book() -> impl Strategy<Value = (Vec<Partner>, Vec<Gesture>, QueueState)> {
        let partners = (partner("ana".into()), partner("bo-2".into()));
        let gestures = (
            proptest::collection::vec(gesture("ana".into()), 0..3),
            proptest::collection::vec(gesture("bo-2".into()), 0..2),
        );
        let snoozes = proptest::collection::btree_map(some_text(), date(), 0..3);
        (partners, gestures, snoozes).prop_map(|((a, b), (mut ga, gb), snoozed)| {
            ga.extend(gb);
            let queue = QueueState {
                snoozed,
                ..Default::default()
            };
            (vec![a, b], ga, queue)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn whatever_text_a_field_holds_the_files_read_back_the_same((partners, gestures, queue) in book()) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::new(dir.path());
            store
                .change(|d| {
                    d.book.partners = partners.clone();
                    d.book.gestures = gestures.clone();
                    d.queue = queue.clone();
                    Ok::<_, StoreError>(((), "hostile text".to_string()))
                })
                .unwrap_or_else(|e| panic!("the store refused: {e}"));
            let back = store.load().unwrap_or_else(|e| panic!("the files do not read back: {e}"));
            prop_assert_eq!(&back.book.partners, &partners);
            prop_assert_eq!(&back.book.gestures, &gestures);
            prop_assert_eq!(&back.queue.snoozed, &queue.snoozed);
            // And once more through a change that touches one of each.
            store
                .change(|d| {
                    d.book.partners[1].notes = partners[0].notes.clone();
                    Ok::<_, StoreError>(((), "again".to_string()))
                })
                .unwrap_or_else(|e| panic!("the store refused: {e}"));
            let again = store.load().unwrap();
            prop_assert_eq!(&again.book.partners[1].notes, &partners[0].notes);
            prop_assert_eq!(&again.book.partners[0], &partners[0]);
        }
    }
}
