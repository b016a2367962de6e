//! The copy's own tests: every field round trips, damage anywhere is a
//! miss that removes the copy, one partner reads alone.

use super::*;
use crate::domain::{Direction, Kind};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// A generated book with every kind of field filled somewhere,
/// unknown keys (a nested TOML datetime among them) included.
fn sample() -> (Vec<Partner>, Vec<Gesture>) {
    let g = crate::domain::testing::book(30, 200, today());
    let (mut partners, mut gestures) = (g.partners, g.gestures);
    partners.sort_by(|a, b| a.id.cmp(&b.id));
    let tea = toml::Value::String("oolong".into());
    partners[0].extra.insert("favourite_tea".into(), tea);
    let kids = toml::from_str("a = 1\nwhen = 2024-03-05").unwrap();
    partners[1].extra.insert("kids".into(), toml::Value::Table(kids));
    partners[2].uid = Some("urn:uuid:1".into());
    gestures[0]
        .extra
        .insert("mood".into(), serde_json::json!({"x": [1, 2.5, null]}));
    gestures[1].value = Some(12.34);
    gestures[2].contact = "nobody-we-know".into();
    (partners, gestures)
}

/// `sample`'s copy, as folder "/data", in a file of its own.
fn copy() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (partners, gestures) = sample();
    let bytes = encode("/data", [None, None], 7, &partners, &gestures, &["a warning".into()]).unwrap();
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("book.bin");
    fs::write(&path, &bytes).unwrap();
    (d, path, bytes)
}

#[test]
fn round_trips_every_field_and_reads_one_partner_alone() {
    let (partners, gestures) = sample();
    let (_d, path, _) = copy();
    let r = Reader::open(&path, "/data").expect("opens");
    let book = r.book().expect("decodes");
    assert_eq!(
        (book.partners.as_slice(), book.gestures.as_slice()),
        (&partners[..], &gestures[..])
    );
    assert_eq!(book.warnings, ["a warning"]);
    let ix = r.index().expect("the index");
    assert_eq!(ix.summaries, summarize(&partners, &gestures));
    assert_eq!(ix.entries, SearchIndex::new(&partners).entries());
    for (i, p) in partners.iter().enumerate() {
        assert_eq!(ix.ids[i], p.id);
        assert_eq!(r.partner(&ix.records[i]).as_ref(), Some(p));
        let mine: Vec<Gesture> = gestures.iter().filter(|g| g.contact == p.id).cloned().collect();
        assert_eq!(r.gestures_in(&ix.gestures[i]), Some(mine), "the gestures of {}", p.id);
    }
    assert_eq!(
        r.gestures_in(&ix.gestures[partners.len()]),
        Some(vec![gestures[2].clone()])
    );
}

/// Reads every part the ways the store does; `None` if any is a miss.
fn every_part(path: &Path) -> Option<()> {
    let r = Reader::open(path, "/data")?;
    let ix = r.index()?;
    ix.records.iter().try_for_each(|b| r.partner(b).map(drop))?;
    ix.gestures.iter().try_for_each(|b| r.gestures_in(b).map(drop))?;
    r.book().map(drop)
}

#[test]
fn damage_anywhere_is_a_miss_and_removes_the_copy() {
    let (_d, path, bytes) = copy();
    assert!(every_part(&path).is_some(), "the sound copy reads");
    assert!(Reader::open(&path, "/other").is_none(), "another folder's");
    let n = bytes.len();
    let mut spoiled: Vec<Vec<u8>> = [0, 20, 30, 200, n / 3, n / 2, n - 9, n - 1]
        .into_iter()
        .map(|at| {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            bad
        })
        .collect();
    spoiled.extend([bytes[..n - 1].to_vec(), [&bytes[..], b"x"].concat(), Vec::new()]);
    for (i, bad) in spoiled.iter().enumerate() {
        fs::write(&path, bad).unwrap();
        assert!(every_part(&path).is_none(), "spoiled copy {i} reads");
        assert!(!path.exists(), "spoiled copy {i} is left in place");
    }
}

#[test]
fn small_or_fresh_books_are_not_cached() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join(paths::CONTACTS), "schema_version = 1\n").unwrap();
    assert!(!worth_caching(&Stamps::of(d.path())), "small");
    fs::write(d.path().join(paths::GESTURES), vec![b'\n'; MIN_BYTES as usize]).unwrap();
    assert!(!worth_caching(&Stamps::of(d.path())), "just written");
}

#[test]
fn a_log_that_only_grew_reads_the_copy_and_the_added_lines() {
    let d = tempfile::tempdir().unwrap();
    TEST_FOLDER.set(Some(d.path().join("cache")));
    let data_dir = d.path().join("data");
    let book = crate::domain::testing::book(1000, 10_000, today());
    fs::create_dir_all(&data_dir).unwrap();
    super::super::write_book(&data_dir, &book.partners, &book.gestures).unwrap();
    let store = super::super::Store::new(&data_dir);
    let data = store.load_fresh().unwrap();
    write(&data_dir, &data.stamps(), &data.book.partners, &data.book.gestures, &[]);
    let grown = || open_grown(&data_dir, &store.stamps()).and_then(Grown::book);
    assert!(grown().is_none(), "nothing added: the ordinary copy serves");

    let log_path = data_dir.join(paths::GESTURES);
    let sound = fs::read(&log_path).unwrap();
    let append = |text: &str| {
        let mut f = fs::OpenOptions::new().append(true).open(&log_path).unwrap();
        std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    };
    let id = &data.book.partners[3].id;
    let g = super::super::new_gesture(id, Kind::Call, Direction::Given, today(), None);
    let line = format!("{}\n", super::super::log::render_line(&g));
    append(&line);
    let got = grown().expect("the copy and the added line");
    let fresh = store.load_fresh().unwrap();
    assert_eq!((got.partners, got.gestures.last()), (fresh.book.partners, Some(&g)));
    assert_eq!(got.gestures, fresh.book.gestures);

    // A bad or torn added line: the full parse must report it.
    append("{not json}\n");
    assert!(grown().is_none(), "a bad added line");
    fs::write(&log_path, [&sound[..], b"{\"id\":\"g-1\",\"da"].concat()).unwrap();
    assert!(grown().is_none(), "a torn added line");
    // A byte changed within the part the copy holds, then a line added.
    let mut changed = sound.clone();
    let at = changed.iter().position(|&b| b == b'c').unwrap();
    changed[at] = b'C';
    fs::write(&log_path, [&changed[..], line.as_bytes()].concat()).unwrap();
    assert!(grown().is_none(), "the cached part changed");
    // contacts.toml changed (its times, as a rewrite in the same clock
    // tick could keep the rest): a miss whatever the log did.
    fs::write(&log_path, [&sound[..], line.as_bytes()].concat()).unwrap();
    let mut st = store.stamps();
    assert!(open_grown(&data_dir, &st).is_some());
    st.contacts = st.contacts.map(|s| Stamp {
        mtime: (s.mtime.0, s.mtime.1 + 1),
        ..s
    });
    assert!(open_grown(&data_dir, &st).is_none(), "contacts.toml changed");
    assert!(
        d.path().join("cache").read_dir().unwrap().count() == 1,
        "no miss removed the copy"
    );
}
