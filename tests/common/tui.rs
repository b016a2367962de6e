//! A headless TUI for tests: the real app state, the real keymap and the
//! real store on temporary files, keys fed one by one through the same
//! dispatch the terminal loop uses, frames drawn into a ratatui TestBackend.
#![allow(dead_code)]

use chrono::NaiveDate;
use rapport::app::App;
use rapport::app::ReadOnly;
use rapport::app::keymap::Keymap;
use rapport::config::Config;
use rapport::store::Store;
use rapport::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};

pub fn today() -> NaiveDate {
    rapport::domain::parse_date(super::TODAY).unwrap()
}

pub struct Tui {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub app: App,
}

impl Tui {
    /// The bundled demo, in a temporary folder.
    pub fn demo() -> Tui {
        Tui::demo_with(Config::default(), None)
    }

    pub fn demo_with(config: Config, read_only: Option<ReadOnly>) -> Tui {
        let dir = rapport::demo::create(today()).unwrap();
        Tui::open(dir, config, read_only)
    }

    /// The demo with the demo's own config (its `[me]`), as `--demo` runs.
    pub fn demo_as_shipped() -> Tui {
        let (config, _) = Config::parse(rapport::demo::CONFIG).unwrap();
        Tui::demo_with(config, None)
    }

    /// An empty data folder.
    pub fn empty() -> Tui {
        Tui::open(tempfile::tempdir().unwrap(), Config::default(), None)
    }

    pub fn open(dir: tempfile::TempDir, config: Config, read_only: Option<ReadOnly>) -> Tui {
        let store = Store::new(dir.path());
        let data = store.load().unwrap();
        let keymap = Keymap::new(&config.keys).unwrap();
        let app = App::new(config, keymap, today(), data, read_only);
        Tui { dir, store, app }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn event(&mut self, e: Event) {
        rapport::tui::dispatch(&mut self.app, &self.store, &e);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    pub fn key_with(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.event(Event::Key(KeyEvent::new(code, mods)));
    }

    /// Types each char as a key press.
    pub fn keys(&mut self, s: &str) {
        for c in s.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key_with(KeyCode::Char(c), mods);
        }
    }

    pub fn screen(&mut self, w: u16, h: u16) -> String {
        self.app.screen = Rect::new(0, 0, w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| rapport::ui::draw(&self.app, &Theme::mono(), f)).unwrap();
        buffer_text(t.backend().buffer())
    }

    pub fn status(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    /// The log's lines as JSON.
    pub fn log(&self) -> Vec<serde_json::Value> {
        lines(&self.path("gestures.jsonl"))
    }

    /// Selects partner `id` in the partners pane, with the keys a user
    /// would press.
    pub fn select(&mut self, id: &str) {
        self.keys("2g");
        let row = self
            .app
            .view
            .partners
            .iter()
            .position(|&i| self.app.data.book.partners[i].id == id)
            .unwrap();
        for _ in 0..row {
            self.key(KeyCode::Char('j'));
        }
        assert_eq!(self.app.focus, rapport::app::Pane::Partners);
        assert_eq!(self.app.selected_contact().as_deref(), Some(id));
    }
}

/// The screen as lines of text; a wide char's trailing cell is skipped so
/// the text reads as the terminal shows it.
pub fn buffer_text(b: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut skip = 0;
        for x in 0..b.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = b[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

/// The log's lines as JSON.
pub fn lines(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
