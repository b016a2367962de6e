//! The synchronous loop: draw, wait for a key (or a tick), update, perform
//! the effects through the store, draw again. Also the terminal's care:
//! restore on exit, panic, SIGTERM and SIGHUP; mouse on request.

use super::{App, Effect, Mutation};
use crate::cli::{Ctx, Failure, Outcome};
use crate::domain::text::unique_slug;
use crate::store::{Data, Store, StoreError};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::fs::{File, OpenOptions, TryLockError};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Marks a running TUI: held for the window's life, so a second window on
/// the same data opens read-only. The kernel frees it if rapport dies.
const TUI_MARK: &str = ".rapport.tui";

/// How often the files are checked for outside changes.
const WATCH_EVERY: Duration = Duration::from_millis(500);

fn claim_window(store: &Store) -> Result<Option<File>, StoreError> {
    if !store.dir.exists() {
        std::fs::create_dir_all(&store.dir).map_err(|e| StoreError::io(&store.dir, "create", e))?;
    }
    let path = store.path(TUI_MARK);
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::io(&path, "open", e))?;
    match f.try_lock() {
        Ok(()) => Ok(Some(f)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(StoreError::io(&path, "lock", e)),
    }
}

/// What a performed mutation leaves to do, with what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Performed {
    /// The gesture was appended to the files and, in place, to the data the
    /// app holds (as its last gesture); nothing else changed.
    Appended(String),
    /// Written through the store on freshly read files: the app's data must
    /// be read again.
    Written(String),
}

impl Performed {
    pub fn text(&self) -> &str {
        match self {
            Performed::Appended(t) | Performed::Written(t) => t,
        }
    }
}

/// Performs one mutation under the store's lock and returns what to tell
/// the user. `data` is what the app shows. A gesture logged while the files
/// are still as `data` was read is simply appended, and `data` updated in
/// place; every other change is made on freshly read files, and leaves
/// `data` as it was.
pub fn perform(store: &Store, today: chrono::NaiveDate, data: &mut Data, m: Mutation) -> Result<Performed, String> {
    if let Mutation::Log { gesture } = &m
        && let Some(name) = data.book.partner(&gesture.contact).map(|p| p.name.clone())
    {
        let text = format!("Logged {}", crate::cli::describe(gesture, &name));
        let said = format!("{text} · u to undo");
        if store.append_gesture(data, gesture, text).map_err(|e| e.to_string())? {
            return Ok(Performed::Appended(said));
        }
    }
    perform_afresh(store, today, m).map(Performed::Written)
}

/// Performs one mutation under the store's lock, on freshly read files.
fn perform_afresh(store: &Store, today: chrono::NaiveDate, m: Mutation) -> Result<String, String> {
    let name_in = |d: &Data, id: &str| d.book.partner(id).map(|p| p.name.clone());
    let r: Result<String, StoreError> = match m {
        Mutation::Log { gesture } => store.change(|d| {
            let name = name_in(d, &gesture.contact).ok_or_else(|| {
                StoreError::Refused(format!(
                    "{} is no longer in contacts.toml; nothing was logged",
                    gesture.contact
                ))
            })?;
            let text = format!("Logged {}", crate::cli::describe(&gesture, &name));
            d.book.gestures.push(gesture);
            Ok::<_, StoreError>((format!("{text} · u to undo"), text))
        }),
        Mutation::Snooze { key, until } => store.change(|d| {
            d.queue.snoozed.insert(key.clone(), until);
            let text = format!("Snoozed until {}", until.format("%a %-d %b"));
            Ok::<_, StoreError>((format!("{text} · u to undo"), format!("{text} ({key})")))
        }),
        Mutation::Add(mut p) => store.change(|d| {
            p.id = unique_slug(&p.name, |s| d.book.id_taken(s));
            p.since = p.since.or(Some(today));
            let text = format!("Added {}", p.name);
            d.book.insert(*p);
            Ok::<_, StoreError>((format!("{text} · u to undo"), text))
        }),
        Mutation::Edit { before, after } => store.change(|d| {
            let i = d.book.position(&before.id).ok_or_else(|| {
                StoreError::Refused(format!(
                    "{} is no longer in contacts.toml; nothing was changed",
                    before.name
                ))
            })?;
            if d.book.partners[i] != *before {
                return Err(StoreError::Refused(format!(
                    "{} was changed on disk while you edited; reloaded it, nothing was written: edit again",
                    before.name
                )));
            }
            let text = format!("Edited {}", after.name);
            d.book.partners[i] = *after;
            Ok((format!("{text} · u to undo"), text))
        }),
        Mutation::Undo => store.undo().map(|l| match l {
            Some(l) => format!("Undid: {l} · Ctrl-R to redo"),
            None => "Nothing to undo".to_string(),
        }),
        Mutation::Redo => store.redo().map(|l| match l {
            Some(l) => format!("Redid: {l}"),
            None => "Nothing to redo".to_string(),
        }),
    };
    r.map_err(|e| e.to_string())
}

/// Hands one terminal event to the app and performs the changes it asks
/// for through the store, each on disk before the app is told it is done.
pub fn dispatch(app: &mut App, store: &Store, ev: &event::Event) {
    if let event::Event::Resize(w, h) = ev {
        app.screen = ratatui::layout::Rect::new(0, 0, *w, *h);
    }
    for effect in app.handle_event(ev) {
        let Effect::Apply(m) = effect;
        let r = match perform(store, app.today, &mut app.data, m) {
            Ok(Performed::Appended(text)) => {
                app.gesture_logged(text);
                continue;
            }
            Ok(Performed::Written(text)) => store.load().map(|d| (text, d)).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        if r.is_err() {
            // Whatever happened on disk, show what is there now.
            if let Ok(d) = store.load() {
                app.set_data(d);
            }
        }
        app.applied(r);
    }
}

/// A test seam: with `RAPPORT_PANIC_KEY=x`, pressing x panics, so the tests
/// can check that a panic leaves the terminal usable.
fn panic_if_asked(ev: &event::Event) {
    if let event::Event::Key(k) = ev
        && let event::KeyCode::Char(c) = k.code
        && std::env::var("RAPPORT_PANIC_KEY").is_ok_and(|v| v.starts_with(c))
    {
        panic!("RAPPORT_PANIC_KEY: panicking on request");
    }
}

/// Ends the process if the terminal goes away (the window closed, the ssh
/// link dropped) or a signal asked to stop and the loop did not manage to:
/// reading from a hung-up terminal can block for good, and a TUI with no
/// terminal must not linger. Every change is already on disk before it is
/// shown, so leaving here loses nothing.
fn watch_terminal(stop: Arc<AtomicBool>) {
    use std::io::IsTerminal;
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(300));
            if !std::io::stdout().is_terminal() || stop.load(Ordering::Relaxed) {
                break;
            }
        }
        // Give the loop a moment to finish on its own first.
        std::thread::sleep(Duration::from_secs(1));
        if std::io::stdout().is_terminal() {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            ratatui::restore();
        }
        std::process::exit(0);
    });
}

/// Opens the TUI on the context's data.
pub fn run(ctx: &Ctx) -> Outcome {
    let keymap = super::keymap::Keymap::new(&ctx.config.keys)
        .map_err(|m| Failure::Data(format!("{}: {m}", ctx.paths.config_file.display())))?;
    let data = ctx.store.load()?;
    let mark = claim_window(&ctx.store)?;
    let mut app = App::new(ctx.config.clone(), keymap, ctx.today, data, mark.is_none());

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|e| Failure::Data(format!("could not watch for signals: {e}")))?;
    }

    watch_terminal(Arc::clone(&stop));
    let mut terminal = ratatui::init();
    let mouse = ctx.config.ui.mouse;
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
        // ratatui's hook restores raw mode and the main screen; mouse
        // reporting must be switched off too, or the shell fills with codes.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    }
    let result = event_loop(&mut terminal, &mut app, &ctx.store, &stop);
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    drop(mark);
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, store: &Store, stop: &AtomicBool) -> Outcome {
    let mut seen = store.stamps();
    let mut last_watch = Instant::now();
    // The files as they were when the cache was last made again: a book
    // that cannot be cached (a torn line, say) is not parsed over and over.
    let mut refreshed_for = None;
    let theme = crate::ui::Theme::from_env(&app.config.ui.theme);
    loop {
        terminal
            .draw(|f| crate::ui::draw(app, &theme, f))
            .map_err(|e| Failure::Data(format!("could not draw: {e}")))?;
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if event::poll(Duration::from_millis(250)).map_err(|e| Failure::Data(format!("terminal: {e}")))? {
            let ev = event::read().map_err(|e| Failure::Data(format!("terminal: {e}")))?;
            panic_if_asked(&ev);
            if let event::Event::Resize(w, h) = ev {
                app.screen = ratatui::layout::Rect::new(0, 0, w, h);
            }
            dispatch(app, store, &ev);
            seen = store.stamps();
        }
        if last_watch.elapsed() >= WATCH_EVERY {
            last_watch = Instant::now();
            // Once the files have settled after a change, a second thread
            // makes the cache's copy of the book again, so the next start
            // reads it rather than parsing the files.
            let now = store.stamps();
            if refreshed_for.as_ref() != Some(&now) && store.cache_is_stale() {
                refreshed_for = Some(now);
                let store = store.clone();
                std::thread::spawn(move || drop(store.load()));
            }
            if now != seen {
                seen = now;
                match store.load() {
                    Ok(d) => {
                        app.set_data(d);
                        app.status = Some(super::Status {
                            text: "Reloaded: the files changed on disk".into(),
                            error: false,
                        });
                    }
                    Err(e) => {
                        app.status = Some(super::Status {
                            text: format!("{e} (showing the last good state)"),
                            error: true,
                        });
                    }
                }
            }
        }
    }
}
