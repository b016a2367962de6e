//! The store's writes: never from the cache, and the quick log only while
//! every data file is as it was read.

use super::{Store, cache, contacts, log, new_gesture, paths};
use crate::domain::{Direction, Kind, Partner};
use chrono::NaiveDate;
use std::fs;
use std::path::Path;

/// Puts a copy of the book in the cache that differs from the files (a
/// partner's phones and notes, the first gesture), with the files' stamps,
/// once they have settled; checks that a plain load would use it.
fn forge(store: &Store) {
    std::thread::sleep(cache::SETTLED + std::time::Duration::from_millis(200));
    let mut data = store.load_fresh().unwrap();
    let p = &mut data.book.partners[0];
    p.phones.clear();
    p.notes = Some("from the copy".into());
    data.book.gestures.remove(0);
    cache::write(
        &store.dir,
        &data.stamps(),
        &data.book.partners,
        &data.book.gestures,
        &[],
    );
    assert_eq!(store.load().unwrap().book, data.book, "the forged copy serves reads");
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

/// Asserts equal text, showing only the first line that differs.
fn same(got: &str, want: &str, what: &str) {
    let first = got.lines().zip(want.lines()).find(|(a, b)| a != b);
    assert!(got == want, "{what}: first difference (got, want) {first:?}");
}

#[test]
fn changes_and_undo_take_nothing_from_the_cache() {
    let d = tempfile::tempdir().unwrap();
    cache::TEST_FOLDER.set(Some(d.path().join("cache")));
    let dir = d.path().join("data");
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let book = crate::domain::testing::book(1000, 10_000, today);
    fs::create_dir_all(&dir).unwrap();
    super::write_book(&dir, &book.partners, &book.gestures).unwrap();
    let store = Store::new(&dir);
    let (contacts_then, log_then) = (read(&dir, paths::CONTACTS), read(&dir, paths::GESTURES));
    let mut partners: Vec<Partner> = store.load_fresh().unwrap().book.partners;
    assert!(
        !partners[0].phones.is_empty(),
        "the partner the copy garbles has phones"
    );

    forge(&store);
    let g = new_gesture(&partners[0].id, Kind::Call, Direction::Given, today, None);
    store
        .change(|data| {
            data.book.partners[0].org = Some("Edited Org".into());
            data.book.gestures.push(g.clone());
            Ok::<_, super::StoreError>(((), "Edited".into()))
        })
        .unwrap();
    partners[0].org = Some("Edited Org".into());
    same(
        &read(&dir, paths::CONTACTS),
        &contacts::render(&partners),
        "only the org changed",
    );
    let logged = format!("{log_then}{}\n", log::render_line(&g));
    same(&read(&dir, paths::GESTURES), &logged, "one line added, none lost");

    forge(&store);
    assert!(store.undo().unwrap().is_some());
    same(&read(&dir, paths::CONTACTS), &contacts_then, "undone from the files");
    same(&read(&dir, paths::GESTURES), &log_then, "the logged line undone");
}

#[test]
fn the_quick_log_declines_once_any_data_file_changed() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::new(d.path());
    let add = |data: &mut super::Data| {
        data.book.insert(Partner::new("dana", "Dana"));
        Ok::<_, super::StoreError>(((), "Added Dana".into()))
    };
    store.change(add).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let call = || new_gesture("dana", Kind::Call, Direction::Given, today, None);
    let mut data = store.load().unwrap();
    assert_eq!(data.stamps(), store.stamps(), "the files are as read");
    assert!(store.append_gesture(&mut data, &call(), "Logged".into()).unwrap());
    assert_eq!(data.stamps(), store.stamps(), "the stamps taken again after appending");
    assert!(store.append_gesture(&mut data, &call(), "Logged".into()).unwrap());
    // queue.toml written outside, whatever it says: not the files `data` holds.
    fs::write(d.path().join(paths::QUEUE), "").unwrap();
    assert_ne!(data.stamps(), store.stamps());
    assert!(!store.append_gesture(&mut data, &call(), "Logged".into()).unwrap());
    let mut data = store.load().unwrap();
    assert!(store.append_gesture(&mut data, &call(), "Logged".into()).unwrap());
    assert_eq!(store.load_fresh().unwrap().book.gestures.len(), 3);
}
