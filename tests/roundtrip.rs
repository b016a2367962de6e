//! Saving and reloading arbitrary partners and gestures gets them back
//! identical: unicode, quotes, backslashes and newlines included.

use chrono::NaiveDate;
use proptest::prelude::*;
use rapport::domain::partner::LabelledDate;
use rapport::domain::{Direction, Gesture, Kind, Outcome, Partner, Stage, YearlyDate};
use rapport::store::{Store, contacts, log};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{1,12}",
        "\\PC{1,20}",
        Just("quote \" back\\slash \t tab".to_string()),
        Just("line one\nline two\n\"\"\" triple".to_string()),
        Just("Zoë 王伟 🎉 Müller".to_string()),
        Just("ends with quote\"".to_string()),
        Just("trailing newline\n".to_string()),
        Just("\r\nwindows\r\n".to_string()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn yearly() -> impl Strategy<Value = YearlyDate> {
    (proptest::option::of(1930i32..2020), 1u32..=12, 1u32..=28).prop_map(|(year, month, day)| YearlyDate {
        year,
        month,
        day,
    })
}

fn partner() -> impl Strategy<Value = Partner> {
    (
        (
            "[a-z0-9]{1,8}(-[a-z0-9]{1,5})?",
            text().prop_filter("a name", |s| !s.trim().is_empty()),
        ),
        (proptest::option::of(text()), proptest::option::of(text())),
        (
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
        ),
        (
            0usize..4,
            proptest::option::of(0u32..400),
            proptest::option::of(yearly()),
        ),
        (
            proptest::option::of(text()),
            proptest::option::of(date()),
            any::<bool>(),
        ),
        proptest::collection::vec((text(), yearly()), 0..2),
    )
        .prop_map(
            |(
                (id, name),
                (org, notes),
                (emails, tags),
                (stage, cadence, birthday),
                (clientele, since, archived),
                dates,
            )| {
                Partner {
                    id,
                    name,
                    org,
                    notes,
                    emails,
                    tags,
                    stage: Stage::ALL[stage],
                    cadence_days: cadence,
                    birthday,
                    clientele,
                    since,
                    archived,
                    dates: dates
                        .into_iter()
                        .map(|(label, date)| LabelledDate { label, date })
                        .collect(),
                    ..Partner::default()
                }
            },
        )
}

fn gesture() -> impl Strategy<Value = Gesture> {
    (
        "g-[A-Z0-9]{10}",
        date(),
        "[a-z-]{1,10}",
        0usize..14,
        any::<bool>(),
        proptest::option::of(text()),
        proptest::option::of(0u32..100_000),
        proptest::option::of(0usize..3),
        proptest::option::of("g-[A-Z0-9]{10}"),
    )
        .prop_map(
            |(id, date, contact, kind, received, note, cents, outcome, re)| Gesture {
                id,
                date,
                contact,
                kind: Kind::ALL[kind],
                dir: if received {
                    Direction::Received
                } else {
                    Direction::Given
                },
                note,
                value: cents.map(|c| f64::from(c) / 100.0),
                outcome: outcome.map(|o| [Outcome::Engaged, Outcome::Declined, Outcome::Pending][o]),
                re,
                extra: Default::default(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn partners_round_trip_through_contacts_toml(mut ps in proptest::collection::vec(partner(), 0..6)) {
        ps.sort_by(|a, b| a.id.cmp(&b.id));
        ps.dedup_by(|a, b| a.id == b.id);
        let text = contacts::render(&ps);
        let back = contacts::parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        prop_assert_eq!(back.partners, ps);
        prop_assert_eq!(contacts::render(&contacts::parse(&text).unwrap().partners), text);
    }

    #[test]
    fn gestures_round_trip_through_the_log(gs in proptest::collection::vec(gesture(), 0..8)) {
        let text: String = gs.iter().map(|g| log::render_line(g) + "\n").collect();
        let back = log::parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(back.gestures, gs);
    }
}

#[test]
fn a_saved_book_reloads_identically_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut p = Partner::new("zoe-brandt", "Zoë \"Z\" Brandt");
    p.notes = Some("Kids: Ava\nLeo\\Mia".into());
    let g = Gesture {
        id: "g-1".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        contact: "zoe-brandt".into(),
        kind: Kind::Gift,
        dir: Direction::Given,
        note: Some("flowers 🌷".into()),
        value: Some(45.5),
        outcome: None,
        re: None,
        extra: Default::default(),
    };
    store
        .change(|d| {
            d.book.insert(p.clone());
            d.book.gestures.push(g.clone());
            Ok::<_, rapport::store::StoreError>(((), "test".into()))
        })
        .unwrap();
    let data = store.load().unwrap();
    assert_eq!(data.book.partners, vec![p]);
    assert_eq!(data.book.gestures, vec![g]);
}
