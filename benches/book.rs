//! How long rapport's daily work takes on a large book.
//!
//! Two sizes, made by `rapport generate`'s generator with seed 1 and a fixed
//! today: 1,000 partners with 10,000 gestures, and 10,000 partners with
//! 100,000 gestures. `cargo bench` runs them all; `cargo bench -- load`
//! runs those whose name contains `load`. PERFORMANCE.md has the targets and
//! the figures.
//!
//! divan rather than criterion: it builds in a fraction of the time (its
//! only sizeable dependency, clap, is already ours), which matters on a
//! two-core machine, and its `args` give each size its own row.

use chrono::NaiveDate;
use divan::{Bencher, black_box};
use rapport::app::{App, Pane, keymap::Keymap};
use rapport::config::Config;
use rapport::domain::Rules;
use rapport::domain::connectors::connectors;
use rapport::domain::ledger::ledger;
use rapport::domain::queue::{ItemKind, due_items};
use rapport::domain::search::SearchIndex;
use rapport::domain::summary::last_touches;
use rapport::domain::{Direction, Kind};
use rapport::generate;
use rapport::store::{Data, Store, contacts, log, paths};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// `partners-gestures`.
const SIZES: &[&str] = &["1k-10k", "10k-100k"];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a real date")
}

/// Folders the benches made, removed when they are done.
static MADE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn main() {
    let cache = std::env::temp_dir().join(format!("rapport-bench-cache-{}", std::process::id()));
    // SAFETY: nothing else runs yet; the benches' caches stay out of the
    // user's cache folder.
    unsafe { std::env::set_var("RAPPORT_CACHE_DIR", &cache) };
    MADE.lock().expect("not poisoned").push(cache);
    if let Some(runs) = std::env::var("BENCH_CPU").ok().and_then(|v| v.parse().ok()) {
        cpu::report(runs);
    } else {
        divan::main();
    }
    for dir in MADE.lock().map(|v| v.clone()).unwrap_or_default() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn counts(size: &str) -> (usize, usize) {
    match size {
        "1k-10k" => (1_000, 10_000),
        "10k-100k" => (10_000, 100_000),
        other => panic!("unknown size {other}"),
    }
}

/// A fresh folder holding the generated book of this size.
fn folder(size: &str) -> PathBuf {
    let (c, g) = counts(size);
    let dir = tempfile::Builder::new()
        .prefix("rapport-bench-")
        .tempdir()
        .expect("a temporary folder")
        .keep();
    generate::write(&dir, &generate::book(c, g, 1, today())).expect("the book is written");
    MADE.lock().expect("not poisoned").push(dir.clone());
    dir
}

/// Waits until the files are old enough for the cache to trust them.
fn settle() {
    std::thread::sleep(rapport::store::cache::SETTLED + std::time::Duration::from_millis(200));
}

/// One shared read-only folder per size, and its data as loaded.
struct Book {
    dir: PathBuf,
    data: Data,
}

fn book(size: &str) -> &'static Book {
    static SMALL: OnceLock<Book> = OnceLock::new();
    static LARGE: OnceLock<Book> = OnceLock::new();
    let cell = if size == SIZES[0] { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let dir = folder(size);
        settle();
        // The first load parses and fills the cache; later ones read it.
        let data = Store::new(&dir).load().expect("the generated book loads");
        Book { dir, data }
    })
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("the file was written")
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn app(data: Data) -> App {
    let config = Config::default();
    let keymap = Keymap::new(&config.keys).expect("the default keymap");
    App::new(config, keymap, today(), data, None)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let theme = rapport::ui::Theme::mono();
    terminal
        .draw(|f| rapport::ui::draw(app, &theme, f))
        .expect("a test backend always draws");
}

/// The id of the partner with the most gestures: the slowest `show`.
fn busiest(data: &Data) -> String {
    let mut n: std::collections::HashMap<&str, usize> = Default::default();
    for g in &data.book.gestures {
        *n.entry(g.contact.as_str()).or_default() += 1;
    }
    n.into_iter()
        .max_by_key(|&(id, k)| (k, std::cmp::Reverse(id)))
        .map(|(id, _)| id.to_string())
        .expect("the book has gestures")
}

/// Reading the book as every command and the TUI do, its files unchanged
/// since the last run: from the cache (the small book is below the cache's
/// threshold and is parsed).
#[divan::bench(args = SIZES, max_time = 10)]
fn load(bencher: Bencher, size: &str) {
    let store = Store::new(&book(size).dir);
    bencher.bench(|| store.load().expect("loads"));
}

/// Reading the book by parsing both files (on two threads), as after a change.
#[divan::bench(args = SIZES, max_time = 10)]
fn load_fresh(bencher: Bencher, size: &str) {
    let store = Store::new(&book(size).dir);
    bencher.bench(|| store.load_fresh().expect("loads"));
}

/// contacts.toml alone, text already in memory.
#[divan::bench(args = SIZES, max_time = 10)]
fn parse_contacts(bencher: Bencher, size: &str) {
    let text = read(&book(size).dir, paths::CONTACTS);
    bencher.bench(|| contacts::parse(black_box(&text)).expect("parses"));
}

/// gestures.jsonl alone, text already in memory.
#[divan::bench(args = SIZES, max_time = 10)]
fn parse_log(bencher: Bencher, size: &str) {
    let text = read(&book(size).dir, paths::GESTURES);
    bencher.bench(|| log::parse(black_box(&text)).expect("parses"));
}

/// The stay-in-touch queue for today.
#[divan::bench(args = SIZES, max_time = 10)]
fn queue(bencher: Bencher, size: &str) {
    let data = &book(size).data;
    let rules = Rules::default();
    bencher.bench(|| due_items(&data.book, &data.queue, &rules, today()));
}

/// The ledger of the busiest partner, as `show` computes it: connectors,
/// the queue, then the partner's balance.
#[divan::bench(args = SIZES, max_time = 10)]
fn ledger_of_busiest(bencher: Bencher, size: &str) {
    let data = &book(size).data;
    let rules = Rules::default();
    let id = busiest(data);
    bencher.bench(|| {
        let conns = connectors(&data.book, &rules, today());
        let open: Vec<_> = due_items(&data.book, &data.queue, &rules, today())
            .into_iter()
            .filter(|i| i.contact == id)
            .collect();
        ledger(
            &data.book,
            &rules,
            today(),
            &id,
            &open,
            conns.iter().any(|c| c.contact == id),
        )
    });
}

/// Building the search index (once per change in the TUI, once per `search`).
#[divan::bench(args = SIZES, max_time = 10)]
fn search_index(bencher: Bencher, size: &str) {
    let partners = &book(size).data.book.partners;
    bencher.bench(|| SearchIndex::new(black_box(partners)));
}

/// One keystroke's filter and rank: every word found in the fields.
#[divan::bench(args = SIZES, max_time = 10)]
fn search_words(bencher: Bencher, size: &str) {
    let data = &book(size).data;
    let index = SearchIndex::new(&data.book.partners);
    let touches = last_touches(&data.book);
    bencher.bench(|| index.search(black_box("mar law"), &touches));
}

/// One keystroke's filter and rank when no field holds the words, so the
/// fuzzy matcher runs over everyone.
#[divan::bench(args = SIZES, max_time = 10)]
fn search_fuzzy(bencher: Bencher, size: &str) {
    let data = &book(size).data;
    let index = SearchIndex::new(&data.book.partners);
    let touches = last_touches(&data.book);
    bencher.bench(|| index.search(black_box("mllrx"), &touches));
}

/// One full frame of the main screen (100×30) into a test backend.
#[divan::bench(args = SIZES, max_time = 10)]
fn frame(bencher: Bencher, size: &str) {
    let app = app(book(size).data.clone());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// The TUI's start up to its first frame, less the terminal's own set-up:
/// load the files, derive the panes, draw.
#[divan::bench(args = SIZES, max_time = 10)]
fn first_frame(bencher: Bencher, size: &str) {
    let store = Store::new(&book(size).dir);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    bencher.bench_local(|| {
        let app = app(store.load().expect("loads"));
        draw(&mut terminal, &app);
        app
    });
}

/// One keystroke in the search popup: the key goes through the app (filter
/// and rank over every partner), then the frame is drawn. Keystrokes
/// alternate between typing a letter and deleting it.
#[divan::bench(args = SIZES, max_time = 10)]
fn search_keystroke(bencher: Bencher, size: &str) {
    let b = book(size);
    let store = Store::new(&b.dir);
    let mut app = app(b.data.clone());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    rapport::tui::dispatch(&mut app, &store, &key(KeyCode::Char('/')));
    for c in "mar".chars() {
        rapport::tui::dispatch(&mut app, &store, &key(KeyCode::Char(c)));
    }
    let mut typed = false;
    bencher.bench_local(|| {
        let k = if typed { KeyCode::Backspace } else { KeyCode::Char('t') };
        typed = !typed;
        rapport::tui::dispatch(&mut app, &store, &key(k));
        draw(&mut terminal, &app);
    });
}

/// Call prep as the user types it on the main screen: `/ d a n a Enter`, a
/// frame drawn after every key, ending on the first match's card (whose
/// phone number the frame must show). Each iteration ends with Esc presses
/// that close the card and the search again.
#[divan::bench(args = SIZES, max_time = 10)]
fn call_prep(bencher: Bencher, size: &str) {
    let b = book(size);
    let store = Store::new(&b.dir);
    let mut app = app(b.data.clone());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    bencher.bench_local(|| {
        for k in call_prep_keys() {
            rapport::tui::dispatch(&mut app, &store, &key(k));
            draw(&mut terminal, &app);
        }
        assert_card_shown(&app, &terminal);
        close_overlays(&mut app, &store);
    });
}

/// `/ d a n a Enter`.
fn call_prep_keys() -> Vec<KeyCode> {
    let mut keys: Vec<KeyCode> = "/dana".chars().map(KeyCode::Char).collect();
    keys.push(KeyCode::Enter);
    keys
}

/// The frame shows the card of a partner called Dana, with their phone.
fn assert_card_shown(app: &App, terminal: &Terminal<TestBackend>) {
    let Some(rapport::app::Overlay::Card(rapport::app::card::Card { id, .. })) = app.overlays.last() else {
        panic!("Enter on the search opens the card");
    };
    let p = app.data.book.partner(id).expect("the card's partner exists");
    assert!(p.name.to_lowercase().contains("dana"), "{} is not a Dana", p.name);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    let phone = p.phones.first().expect("the generated Dana has a phone");
    assert!(screen.contains(phone.as_str()), "the card shows {phone}");
}

fn close_overlays(app: &mut App, store: &Store) {
    while !app.overlays.is_empty() {
        rapport::tui::dispatch(app, store, &key(KeyCode::Esc));
    }
}

/// Logging one gesture durably through the store, as the TUI does: under
/// the lock, check that the files are as the app read them, append the line
/// with fsync, record the undo journal. Returns once it is on disk.
#[divan::bench(args = SIZES, max_time = 10)]
fn log_gesture(bencher: Bencher, size: &str) {
    let dir = folder(size);
    let store = Store::new(&dir);
    let mut data = store.load().expect("loads");
    let who = busiest(&data);
    bencher.bench_local(|| log_one(&store, &mut data, &who, Some("bench".into())));
}

/// Logs a call to `who` as the TUI does, insisting on the quick path: the
/// files are only ever changed here, so they are as `data` has them.
fn log_one(store: &Store, data: &mut Data, who: &str, note: Option<String>) {
    let g = rapport::store::new_gesture(who, Kind::Call, Direction::Given, today(), note);
    let change = rapport::domain::change::Change::Log { gesture: g };
    let rules = rapport::domain::Rules::default();
    let done = rapport::tui::perform(store, &rules, today(), data, change);
    assert!(matches!(done, Ok(rapport::app::Landed::Appended(_))), "{done:?}");
}

/// `d` on the first queue item in the TUI, as the user sees it: the gesture
/// is logged durably and the panes are brought up to date (no frame drawn).
/// Each press clears an item, so the samples are bounded.
#[divan::bench(args = SIZES, max_time = 10, sample_count = 100, sample_size = 1)]
fn done_key(bencher: Bencher, size: &str) {
    let dir = folder(size);
    let store = Store::new(&dir);
    let mut app = app(store.load().expect("loads"));
    bencher.bench_local(|| press_done(&mut app, &store));
}

/// `d` on the first queue item that `d` logs at once (a thank, touch,
/// quiet or date item: an update asks for its outcome and a reach-out opens
/// a draft first), until the panes are up to date.
fn press_done(app: &mut App, store: &Store) {
    let row = app
        .view
        .items
        .iter()
        .position(|i| {
            matches!(
                i.kind,
                ItemKind::Thank | ItemKind::Touch | ItemKind::Quiet | ItemKind::Date
            )
        })
        .expect("an item that d logs at once");
    app.select(Pane::Queue, row);
    app.status = None;
    rapport::tui::dispatch(app, store, &key(KeyCode::Char('d')));
    // A rule's warning would open a popup instead of logging: answer it.
    if !app.overlays.is_empty() {
        rapport::tui::dispatch(app, store, &key(KeyCode::Char('y')));
    }
    assert!(app.status.as_ref().is_some_and(|s| !s.error), "{:?}", app.status);
}

/// `BENCH_CPU=N cargo bench --bench book`: each task N times per size, with
/// the median of the thread's CPU time and of the wall time. On a shared,
/// busy machine the CPU time is what a quiet one would show as wall time
/// (for the one-thread tasks); divan's figures are wall times.
mod cpu {
    use super::*;
    use std::time::Instant;

    fn thread_cpu() -> f64 {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid clock id and a valid pointer to a timespec.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn time(name: &str, size: &str, runs: usize, mut f: impl FnMut()) {
        let (mut cpu, mut wall) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let (c, w) = (thread_cpu(), Instant::now());
            f();
            cpu.push(thread_cpu() - c);
            wall.push(w.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "{name:<18} {size:<9} cpu {:>9.3} ms   wall {:>9.3} ms   ({runs} runs)",
            median(cpu),
            median(wall)
        );
    }

    pub fn report(runs: usize) {
        for &size in SIZES {
            let b = book(size);
            let store = Store::new(&b.dir);
            let rules = Rules::default();
            let data = &b.data;
            time("load (cache)", size, runs, || {
                drop(black_box(store.load().expect("loads")))
            });
            time("load_fresh", size, runs, || {
                drop(black_box(store.load_fresh().expect("loads")))
            });
            time("queue", size, runs, || {
                drop(black_box(due_items(&data.book, &data.queue, &rules, today())))
            });
            let id = busiest(data);
            time("ledger_of_busiest", size, runs, || {
                let conns = connectors(&data.book, &rules, today());
                let open: Vec<_> = due_items(&data.book, &data.queue, &rules, today())
                    .into_iter()
                    .filter(|i| i.contact == id)
                    .collect();
                black_box(ledger(
                    &data.book,
                    &rules,
                    today(),
                    &id,
                    &open,
                    conns.iter().any(|c| c.contact == id),
                ));
            });
            time("search_index", size, runs, || {
                drop(black_box(SearchIndex::new(&data.book.partners)))
            });
            let index = SearchIndex::new(&data.book.partners);
            let touches = last_touches(&data.book);
            time("search_words", size, runs, || {
                drop(black_box(index.search("mar law", &touches)))
            });
            time("search_fuzzy", size, runs, || {
                drop(black_box(index.search("mllrx", &touches)))
            });
            let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
            let mut a = app(data.clone());
            time("frame", size, runs, || draw(&mut terminal, &a));
            time("first_frame", size, runs, || {
                let a = app(store.load().expect("loads"));
                draw(&mut terminal, &a);
            });
            rapport::tui::dispatch(&mut a, &store, &key(KeyCode::Char('/')));
            for c in "mar".chars() {
                rapport::tui::dispatch(&mut a, &store, &key(KeyCode::Char(c)));
            }
            let mut typed = false;
            time("search_keystroke", size, runs, || {
                let k = if typed { KeyCode::Backspace } else { KeyCode::Char('t') };
                typed = !typed;
                rapport::tui::dispatch(&mut a, &store, &key(k));
                draw(&mut terminal, &a);
            });
            // Call prep: the whole `/ d a n a Enter`, and the last key
            // alone (Enter and its frame, the card with the phone).
            close_overlays(&mut a, &store);
            let (mut whole, mut last) = (Vec::new(), Vec::new());
            for _ in 0..runs {
                let keys = call_prep_keys();
                let (c0, w0) = (thread_cpu(), Instant::now());
                for (n, &k) in keys.iter().enumerate() {
                    let (c, w) = (thread_cpu(), Instant::now());
                    rapport::tui::dispatch(&mut a, &store, &key(k));
                    draw(&mut terminal, &a);
                    if n + 1 == keys.len() {
                        last.push((thread_cpu() - c, w.elapsed().as_secs_f64() * 1e3));
                    }
                }
                whole.push((thread_cpu() - c0, w0.elapsed().as_secs_f64() * 1e3));
                assert_card_shown(&a, &terminal);
                close_overlays(&mut a, &store);
            }
            for (name, v) in [("call_prep", whole), ("call_prep_enter", last)] {
                println!(
                    "{name:<18} {size:<9} cpu {:>9.3} ms   wall {:>9.3} ms   ({runs} runs)",
                    median(v.iter().map(|x| x.0).collect()),
                    median(v.iter().map(|x| x.1).collect())
                );
            }
            let dir = folder(size);
            let writable = Store::new(&dir);
            let mut shown = writable.load().expect("loads");
            time("log_gesture", size, runs, || log_one(&writable, &mut shown, &id, None));
            let mut d = app(shown);
            time("done_key", size, runs, || press_done(&mut d, &writable));
        }
    }
}
