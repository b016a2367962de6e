//! The runtime: the terminal, the synchronous loop (draw, wait for a key or
//! a tick, update, perform the effects, draw again) and the one watch on
//! the files. The only module that sees the app, the UI and the store
//! together. Also the terminal's care: restore on exit, panic, SIGTERM,
//! SIGHUP, SIGINT and SIGQUIT; mouse on request.

mod effects;
mod outside;

pub use effects::{dispatch, perform};

use crate::app::keymap::Keymap;
use crate::app::{App, Landed, ReadOnly};
use crate::config::Config;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Marks a running TUI: held for the window's life, so a second window on
/// the same data opens read-only. The kernel frees it if rapport dies.
const TUI_MARK: &str = ".rapport.tui";

/// How long the loop waits for a key before it looks at the files again.
const TICK: Duration = Duration::from_millis(250);

/// How often a settled book's cache copy is checked.
const CACHE_EVERY: Duration = Duration::from_millis(500);

/// Why the TUI could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The `[keys]` of config.toml do not make a keymap.
    #[error("{path}: {message}")]
    Keymap { path: String, message: String },
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
    #[error("could not watch for signals: {0}")]
    Signals(std::io::Error),
}

/// This window's claim on the data: the mark held, or why it writes
/// nothing (another window holds the mark; the folder cannot be written,
/// so no mark can be made there and no change could be saved either).
fn claim_window(store: &Store) -> Result<Result<File, ReadOnly>, StoreError> {
    if !store.dir.exists() {
        std::fs::create_dir_all(&store.dir).map_err(|e| StoreError::io(&store.dir, "create", e))?;
    }
    match store.check_writable() {
        Ok(()) => {}
        Err(StoreError::ReadOnly { .. }) => return Ok(Err(ReadOnly::FolderNotWritable)),
        Err(e) => return Err(e),
    }
    let path = store.path(TUI_MARK);
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| StoreError::io(&path, "open", e))?;
    match f.try_lock() {
        Ok(()) => Ok(Ok(f)),
        Err(TryLockError::WouldBlock) => Ok(Err(ReadOnly::OtherWindow)),
        Err(TryLockError::Error(e)) => Err(StoreError::io(&path, "lock", e)),
    }
}

/// A test seam, only in debug builds: with `RAPPORT_PANIC_KEY=x`, pressing
/// x panics, so the tests can check that a panic leaves the terminal usable.
#[cfg(debug_assertions)]
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
fn watch_terminal(stop: Arc<AtomicBool>, scratch: Option<std::path::PathBuf>) {
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
            let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
            ratatui::restore();
        }
        // `exit` skips the destructors: a temporary data folder goes now.
        if let Some(dir) = scratch {
            let _ = std::fs::remove_dir_all(dir);
        }
        std::process::exit(0);
    });
}

/// Opens the TUI on the store's data. `config_file` names where the
/// settings came from, for a keymap error. `scratch`: a temporary data
/// folder (the demo's) to remove if the terminal goes away and the process
/// leaves without its destructors.
pub fn run(
    store: &Store,
    config: &Config,
    config_file: &Path,
    today: NaiveDate,
    scratch: Option<&Path>,
) -> Result<(), TuiError> {
    let keymap = Keymap::new(&config.keys).map_err(|message| TuiError::Keymap {
        path: config_file.display().to_string(),
        message,
    })?;
    let data = store.load()?;
    let mark = claim_window(store)?;
    let mut app = App::new(config.clone(), keymap, today, data, mark.as_ref().err().copied());
    let (templates, problem) = load_templates(config_file);
    app.templates = templates;
    if let Some(e) = problem {
        app.status = Some(crate::app::Status {
            text: format!("warning: {e}; that template is left out"),
            error: true,
        });
    }

    let stop = Arc::new(AtomicBool::new(false));
    // Ctrl-C in raw mode is a key, not a signal; these come from `kill`,
    // a closing window or a logout, and all end the loop the same way, so
    // the terminal is put back.
    // SIGUSR1, SIGUSR2 and SIGALRM end a process by default too: the same.
    use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM] {
        signal_hook::flag::register(sig, Arc::clone(&stop)).map_err(TuiError::Signals)?;
    }

    watch_terminal(Arc::clone(&stop), scratch.map(Path::to_path_buf));
    let mut terminal = ratatui::init();
    // A paste comes as one piece of text, never as keys (a line break in
    // it would otherwise be Enter).
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let mouse = config.ui.mouse;
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    // ratatui's hook restores raw mode and the main screen; mouse reporting
    // and bracketed paste must be switched off too, or the shell fills with
    // codes.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if mouse {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
        }
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
    let result = event_loop(&mut terminal, &mut app, store, &stop);
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    drop(mark);
    result
}

/// The draft templates by name: the user's own (beside the config file)
/// in place of the built-in ones they share a name with, and besides them;
/// one that does not read is left out, and the first such problem returned.
fn load_templates(config_file: &Path) -> (Vec<crate::domain::draft::Template>, Option<StoreError>) {
    let dir = crate::store::templates::dir_for(config_file);
    let mut out = Vec::new();
    let mut problem = None;
    for name in crate::store::templates::names(&dir) {
        match crate::store::templates::load(&dir, &name) {
            Ok(t) => out.extend(t),
            Err(e) => {
                problem.get_or_insert(e);
            }
        }
    }
    (out, problem)
}

/// Reads the files again if they are not the ones the app's data was read
/// from (every data file's size, times and inode, compared with the stamps
/// taken with that data). True if they had changed.
pub fn follow_outside_changes(app: &mut App, store: &Store) -> bool {
    if store.stamps() == app.data.stamps() {
        return false;
    }
    match store.load() {
        Ok(d) => app.apply(Ok(Landed::Reloaded(Box::new(d)))),
        Err(e) => app.apply(Err(e)),
    }
    true
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &Store,
    stop: &AtomicBool,
) -> Result<(), TuiError> {
    let mut last_cache_check = Instant::now();
    // The files as they were when the cache was last made again: a book
    // that cannot be cached (a torn line, say) is not parsed over and over.
    let mut refreshed_for = None;
    let theme = crate::ui::Theme::from_env(&app.ui.theme);
    loop {
        if std::mem::take(&mut app.repaint) {
            // Back from the editor: what is on the screen is not what
            // ratatui last drew.
            terminal.clear()?;
        }
        terminal.draw(|f| crate::ui::draw(app, &theme, f))?;
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if event::poll(TICK)? {
            let ev = event::read()?;
            #[cfg(debug_assertions)]
            panic_if_asked(&ev);
            // A key pressed on the main screen just after the files changed
            // was meant for what the screen showed, which is no longer so:
            // the screen is brought up to date and the key not used, so
            // `d` never acts on an item that was cleared elsewhere. In a
            // popup, typing goes on.
            let stale = follow_outside_changes(app, store);
            if stale && app.overlays.is_empty() && matches!(ev, event::Event::Key(_)) {
                if let Some(s) = &mut app.status
                    && !s.error
                {
                    s.text.push_str("; press the key again");
                }
            } else {
                dispatch(app, store, &ev);
            }
        } else {
            follow_outside_changes(app, store);
        }
        if last_cache_check.elapsed() >= CACHE_EVERY {
            last_cache_check = Instant::now();
            // Once the files have settled after a change, a second thread
            // makes the cache's copy of the book again, so the next start
            // reads it rather than parsing the files.
            let now = store.stamps();
            if refreshed_for.as_ref() != Some(&now) && store.cache_is_stale() {
                refreshed_for = Some(now);
                let store = store.clone();
                std::thread::spawn(move || drop(store.load()));
            }
        }
    }
}
