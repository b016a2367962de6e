//! Logging from the TUI while the files are as the window read them: the
//! line is appended without reading the book again, and the window's panes
//! are updated for the one partner. When anything changed on disk in the
//! meantime, the ordinary way (read everything afresh) is taken, so nothing
//! made outside is lost or overwritten.
//!
//! The tests here share the process-wide fault seam of `fsio`, so they run
//! one at a time.

mod common;

use chrono::NaiveDate;
use rapport::app::Landed;
use rapport::app::keymap::Keymap;
use rapport::app::{App, View};
use rapport::config::Config;
use rapport::domain::change::Change;
use rapport::domain::{Direction, Gesture, Kind};
use rapport::store::StoreError;
use rapport::store::fsio;
#[cfg(debug_assertions)]
use rapport::store::fsio::{Fault, Step};
use rapport::store::journal::{Entry, Op};
use rapport::store::{Data, Store, log};
use rapport::tui::{dispatch, perform};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn today() -> NaiveDate {
    rapport::domain::parse_date(common::TODAY).unwrap()
}

struct Window {
    dir: tempfile::TempDir,
    store: Store,
    app: App,
}

impl Window {
    /// The bundled demo in a temporary folder, open in a window.
    fn demo() -> Window {
        let dir = rapport::demo::create(today()).unwrap();
        let store = Store::new(dir.path());
        let config = Config::default();
        let keymap = Keymap::new(&config.keys).unwrap();
        let app = App::new(config, keymap, today(), store.load().unwrap(), None);
        Window { dir, store, app }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_default()
    }

    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let e = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            dispatch(&mut self.app, &self.store, &e);
        }
    }

    fn status(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    /// Logs a call to `who` the way the window does, with the window's data.
    fn log_call(&mut self, who: &str) -> (Gesture, Result<Landed, StoreError>) {
        let g = rapport::store::new_gesture(who, Kind::Call, Direction::Given, today(), Some("quick".into()));
        let c = Change::Log { gesture: g.clone() };
        let rules = self.app.rules.clone();
        (g, perform(&self.store, &rules, today(), &mut self.app.data, c))
    }

    /// The panes as the window shows them equal the panes made afresh
    /// from the files.
    fn assert_shows_the_files(&self) {
        let fresh = self.store.load_fresh().unwrap();
        assert_eq!(self.app.data.book, fresh.book, "the window holds what the files hold");
        assert_eq!(self.app.data.queue, fresh.queue);
        let v = &self.app.view;
        let w = View::build(&fresh, &self.app.rules, today(), v.log_for.as_deref());
        assert_eq!(v.items, w.items);
        assert_eq!(v.touches, w.touches);
        assert_eq!(v.connectors, w.connectors);
        assert_eq!(v.partners, w.partners);
        assert_eq!(v.summaries, w.summaries);
        assert_eq!(v.log, w.log);
        assert_eq!(v.thanks_owed, w.thanks_owed);
    }
}

fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

fn journal(dir: &Path) -> rapport::store::journal::Journal {
    Store::new(dir).read_journal().unwrap()
}

#[test]
fn done_appends_the_line_and_the_journal_entry_and_u_takes_it_back() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    let before = w.read("gestures.jsonl");
    let first = w.app.view.items[0].clone();
    assert_eq!((first.kind.as_str(), first.contact.as_str()), ("thank", "dana-lee"));
    let gestures = w.app.data.book.gestures.len();

    w.keys("d");
    assert_eq!(w.status(), "Logged thank-you to Dana Lee · u to undo");
    let after = w.read("gestures.jsonl");
    assert!(after.starts_with(&before), "only appended");
    let line = last_line(&after);
    assert_eq!(after.len(), before.len() + line.len() + 1);
    let logged = log::parse_line(&line).unwrap();
    assert_eq!((logged.contact.as_str(), logged.kind), ("dana-lee", Kind::ThankYou));
    assert_eq!(w.app.data.book.gestures.len(), gestures + 1);
    assert_eq!(w.app.data.book.gestures.last(), Some(&logged));
    let entry = journal(w.dir.path()).undo.pop().unwrap();
    assert_eq!(
        entry,
        Entry {
            label: "Logged thank-you to Dana Lee".into(),
            ops: vec![Op::Gesture {
                id: logged.id.clone(),
                before: None,
                after: Some(line),
            }],
        }
    );
    assert!(
        w.app.view.items.iter().all(|i| i.key != first.key),
        "the item left the queue"
    );
    w.assert_shows_the_files();

    w.keys("u");
    assert!(w.status().starts_with("Undid: Logged thank-you"), "{}", w.status());
    assert_eq!(w.read("gestures.jsonl"), before, "undo restores the log byte for byte");
    assert!(w.app.view.items.iter().any(|i| i.key == first.key));
    w.assert_shows_the_files();
}

#[test]
fn the_quick_way_is_taken_again_and_again_while_nothing_changes_outside() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    for who in ["dana-lee", "sam-cho", "dana-lee"] {
        let (g, done) = w.log_call(who);
        assert!(matches!(done, Ok(Landed::Appended(_))), "{done:?}");
        assert_eq!(last_line(&w.read("gestures.jsonl")), log::render_line(&g));
        w.app.apply(done);
        w.assert_shows_the_files();
    }
    assert_eq!(journal(w.dir.path()).undo.len(), 3);
}

#[test]
fn the_quick_way_writes_exactly_what_the_ordinary_way_writes() {
    let _one = one_at_a_time();
    let quick = rapport::demo::create(today()).unwrap();
    let plain = rapport::demo::create(today()).unwrap();
    let g = rapport::store::new_gesture("sam-cho", Kind::Gift, Direction::Given, today(), Some("  book ".into()));
    let label = "Logged a gift to Sam Cho".to_string();

    let store = Store::new(quick.path());
    let mut data = store.load().unwrap();
    assert!(store.append_gesture(&mut data, &g, label.clone()).unwrap());
    Store::new(plain.path())
        .change(|d| {
            d.book.gestures.push(g.clone());
            Ok::<_, rapport::store::StoreError>(((), label.clone()))
        })
        .unwrap();
    for name in ["gestures.jsonl", "contacts.toml", "journal.json"] {
        assert_eq!(
            std::fs::read(quick.path().join(name)).unwrap(),
            std::fs::read(plain.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_gesture_another_process_appended_is_kept_and_shown() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    let outside = r#"{"id":"g-OUTSIDE","date":"2026-11-20","contact":"sam-cho","kind":"call","dir":"given"}"#;
    let mut bytes = w.read("gestures.jsonl");
    bytes.extend_from_slice(outside.as_bytes());
    bytes.push(b'\n');
    std::fs::write(w.path("gestures.jsonl"), &bytes).unwrap();

    w.keys("d");
    assert_eq!(w.status(), "Logged thank-you to Dana Lee · u to undo");
    let text = String::from_utf8(w.read("gestures.jsonl")).unwrap();
    assert!(
        text.starts_with(std::str::from_utf8(&bytes).unwrap()),
        "the outside line stays"
    );
    assert!(
        w.app.data.book.gestures.iter().any(|g| g.id == "g-OUTSIDE"),
        "and is shown"
    );
    w.assert_shows_the_files();
    // The ordinary way was taken: a second log is quick again.
    let (_, done) = w.log_call("dana-lee");
    assert!(matches!(done, Ok(Landed::Appended(_))), "{done:?}");
}

#[test]
fn a_partner_removed_by_hand_is_not_logged_to() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    let before = w.read("gestures.jsonl");
    let contacts = String::from_utf8(w.read("contacts.toml")).unwrap();
    let start = contacts.find("id = \"dana-lee\"").unwrap();
    let start = contacts[..start].rfind("[[contact]]").unwrap();
    let end = contacts[start + 1..]
        .find("[[contact]]")
        .map_or(contacts.len(), |e| start + 1 + e);
    let edited = format!("{}{}", &contacts[..start], &contacts[end..]);
    std::fs::write(w.path("contacts.toml"), &edited).unwrap();

    // `d` on Dana's thank-you, in a window that has not seen the edit.
    assert_eq!(w.app.view.items[0].contact, "dana-lee");
    w.keys("d");
    assert_eq!(
        w.status(),
        "dana-lee is no longer in contacts.toml; nothing was changed"
    );
    assert!(w.app.status.as_ref().unwrap().error);
    assert_eq!(w.read("gestures.jsonl"), before, "nothing was logged");
    assert_eq!(w.read("contacts.toml"), edited.as_bytes(), "the edit stays");
    assert!(
        w.app.data.book.partner("dana-lee").is_none(),
        "the window shows the edit"
    );
    w.assert_shows_the_files();
}

#[test]
fn a_snooze_set_outside_is_kept_and_shown() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    let key = w.app.view.items[1].key.clone();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["snooze", &key, "--days", "3"])
        .env("RAPPORT_DATA_DIR", w.dir.path())
        .env("RAPPORT_TODAY", common::TODAY)
        .env("RAPPORT_CONFIG", w.dir.path().join("none.toml"))
        .env_remove("RAPPORT_FAIL_AT")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    w.keys("d");
    assert!(w.status().starts_with("Logged"), "{}", w.status());
    assert!(
        w.app.view.items.iter().all(|i| i.key != key),
        "the outside snooze shows"
    );
    w.assert_shows_the_files();
}

#[test]
fn a_log_without_a_final_newline_gets_one_the_ordinary_way() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    let mut bytes = w.read("gestures.jsonl");
    assert_eq!(bytes.pop(), Some(b'\n'));
    std::fs::write(w.path("gestures.jsonl"), &bytes).unwrap();
    w.app.apply(Ok(Landed::Reloaded(Box::new(w.store.load().unwrap()))));

    let (g, done) = w.log_call("sam-cho");
    assert!(matches!(done, Ok(Landed::Written(..))), "{done:?}");
    let mut want = bytes.clone();
    want.push(b'\n');
    want.extend_from_slice(log::render_line(&g).as_bytes());
    want.push(b'\n');
    assert_eq!(w.read("gestures.jsonl"), want);
}

#[test]
fn a_torn_last_line_is_set_aside_the_ordinary_way() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    let good = w.read("gestures.jsonl");
    let mut bytes = good.clone();
    bytes.extend_from_slice(br#"{"id":"g-TORN","da"#);
    std::fs::write(w.path("gestures.jsonl"), &bytes).unwrap();
    w.app.apply(Ok(Landed::Reloaded(Box::new(w.store.load().unwrap()))));

    let (g, done) = w.log_call("sam-cho");
    assert!(matches!(done, Ok(Landed::Written(..))), "{done:?}");
    let mut want = good;
    want.extend_from_slice(log::render_line(&g).as_bytes());
    want.push(b'\n');
    assert_eq!(w.read("gestures.jsonl"), want);
    let torn = std::fs::read_to_string(w.path("gestures.jsonl.torn")).unwrap();
    assert_eq!(torn, "{\"id\":\"g-TORN\",\"da\n");
}

// The fault seam exists only in debug builds.
#[cfg(debug_assertions)]
#[test]
fn a_failure_at_any_write_fsync_or_rename_on_the_quick_way_changes_nothing() {
    let _one = one_at_a_time();
    let mut w = Window::demo();
    for step in [Step::Write, Step::Fsync, Step::Rename] {
        for n in 1.. {
            let files = ["gestures.jsonl", "journal.json"].map(|f| w.read(f));
            let shown: Data = w.app.data.clone();
            fsio::inject_fault(Some(Fault { step, n }));
            let (_, done) = w.log_call("sam-cho");
            fsio::inject_fault(None);
            match done {
                Ok(Landed::Appended(_)) => {
                    assert!(n > 1, "{step:?}: the quick way made no such step");
                    break;
                }
                Ok(Landed::Written(a, _)) => panic!("{step:?}:{n} went the ordinary way: {}", a.summary),
                Ok(Landed::Reloaded(_) | Landed::Stepped { .. }) => panic!("{step:?}:{n}: perform never reloads"),
                Err(e) => {
                    assert!(e.to_string().contains("injected failure"), "{step:?}:{n}: {e}");
                    assert_eq!(
                        ["gestures.jsonl", "journal.json"].map(|f| w.read(f)),
                        files,
                        "{step:?}:{n}"
                    );
                    assert_eq!(
                        w.app.data.book, shown.book,
                        "{step:?}:{n}: the window still shows the files"
                    );
                    let temp = std::fs::read_dir(w.dir.path())
                        .unwrap()
                        .flatten()
                        .any(|e| e.file_name().to_string_lossy().starts_with(fsio::TEMP_PREFIX));
                    assert!(!temp, "{step:?}:{n} left a temporary file");
                    // As the window does after a failure: read the files again.
                    w.app.apply(Ok(Landed::Reloaded(Box::new(w.store.load().unwrap()))));
                }
            }
            assert!(n < 20, "{step:?} never stopped failing");
        }
    }
}
