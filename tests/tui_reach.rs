//! The TUI's reach-out keys driven headless, as tests/tui.rs drives the
//! rest: `w` (the draft and its checks; `s` marks it sent, `u` undoes; `c`
//! copies; `e` edits) and `r` (refer a client out as you type).

mod common;

use chrono::NaiveDate;
use rapport::app::keymap::Keymap;
use rapport::app::{App, Overlay, Pane};
use rapport::config::Config;
use rapport::store::Store;
use rapport::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn today() -> NaiveDate {
    rapport::domain::parse_date(common::TODAY).unwrap()
}

struct Tui {
    dir: tempfile::TempDir,
    store: Store,
    app: App,
}

impl Tui {
    /// The demo, with the demo's own [me].
    fn demo() -> Tui {
        let dir = rapport::demo::create(today()).unwrap();
        let (config, _) = Config::parse(rapport::demo::CONFIG).unwrap();
        let store = Store::new(dir.path());
        let data = store.load().unwrap();
        let keymap = Keymap::new(&config.keys).unwrap();
        let app = App::new(config, keymap, today(), data, None);
        Tui { dir, store, app }
    }

    fn key(&mut self, code: KeyCode) {
        let e = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        rapport::tui::dispatch(&mut self.app, &self.store, &e);
    }

    fn keys(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Selects a partner in the partners pane.
    fn select(&mut self, id: &str) {
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
        assert_eq!(self.app.focus, Pane::Partners);
        assert_eq!(self.app.selected_contact().as_deref(), Some(id));
    }

    fn screen(&mut self, w: u16, h: u16) -> String {
        self.app.screen = Rect::new(0, 0, w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| rapport::ui::draw(&self.app, &Theme::mono(), f)).unwrap();
        let b = t.backend().buffer();
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

    fn status(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    fn log(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.dir.path().join("gestures.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

#[test]
fn w_shows_the_draft_with_its_checks_s_logs_a_message_and_u_undoes_it() {
    let mut t = Tui::demo();
    t.select("lena-ortiz");
    t.keys("w");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Draft(_))));
    let s = t.screen(100, 40);
    assert!(s.contains("Draft to Lena Ortiz · first"), "{s}");
    assert!(s.contains("Hi Lena,"), "{s}");
    assert!(s.contains("expecting parents"), "{s}");
    assert!(s.contains("✔ addressed by name"), "{s}");
    assert!(s.contains("✔ giving before asking"), "{s}");
    assert!(!s.contains('✘'), "{s}");
    assert!(
        s.contains("mailto:lena.ortiz@example.org?subject=The%20families"),
        "{s}"
    );
    assert!(s.contains("s sent · c copy · e edit"), "{s}");

    t.keys("c");
    assert!(
        t.status().starts_with("Copied the draft to the clipboard (OSC 52)"),
        "{}",
        t.status()
    );
    assert!(
        matches!(t.app.overlays.last(), Some(Overlay::Draft(_))),
        "copying keeps the draft open"
    );

    let before = t.log().len();
    t.keys("s");
    let log = t.log();
    assert_eq!(log.len(), before + 1);
    let g = log.last().unwrap();
    assert_eq!(g["contact"], "lena-ortiz");
    assert_eq!(g["kind"], "message");
    assert_eq!(g["dir"], "given");
    assert_eq!(g["note"], "sent: The families we both see");
    assert!(t.app.overlays.is_empty(), "the draft closes once sent");
    assert!(t.status().starts_with("Logged message to Lena Ortiz"), "{}", t.status());

    t.keys("u");
    assert_eq!(t.log().len(), before, "{}", t.status());
    assert!(t.status().starts_with("Undid"), "{}", t.status());
}

#[test]
fn t_tries_the_next_template_and_a_thank_you_names_the_client_by_initials_only() {
    let mut t = Tui::demo();
    t.select("dana-lee");
    t.keys("wt");
    let s = t.screen(100, 40);
    assert!(s.contains("Draft to Dana Lee · follow-up"), "{s}");
    t.keys("t");
    let s = t.screen(100, 40);
    assert!(s.contains("· thank-you"), "{s}");
    assert!(s.contains("on 19 November (M.O.)"), "initials only: {s}");
    assert!(!s.contains("M.O., custody"), "{s}");
}

#[test]
fn r_ranks_partners_as_the_need_is_typed_and_logs_the_referral_picked() {
    let mut t = Tui::demo();
    t.keys("r");
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Refer(_))));
    t.keys("estate");
    let s = t.screen(100, 30);
    assert!(s.contains("What does the client need? estate"), "{s}");
    t.keys(" planner");
    let s = t.screen(100, 30);
    let rosa = s.find("Rosa Delgado (Delgado Elder & Estate Law)").expect(&s);
    let hannah = s.find("Hannah Weiss (Weiss Estate Law)").expect(&s);
    assert!(rosa < hannah, "the one you owe first: {s}");
    assert!(s.contains("you owe 2 · rapport · never referred to them"), "{s}");

    t.key(KeyCode::Enter);
    let s = t.screen(100, 30);
    assert!(
        s.contains("Referral to Rosa Delgado, note (initials are enough):"),
        "{s}"
    );
    let before = t.log().len();
    t.keys("J.P.");
    t.key(KeyCode::Enter);
    let log = t.log();
    assert_eq!(log.len(), before + 1, "{}", t.status());
    let g = log.last().unwrap();
    assert_eq!(
        (&g["contact"], &g["kind"], &g["dir"], &g["note"]),
        (
            &serde_json::json!("rosa-delgado"),
            &serde_json::json!("referral"),
            &serde_json::json!("given"),
            &serde_json::json!("J.P.")
        )
    );
    assert!(t.app.overlays.is_empty());
    assert!(
        t.status().starts_with("Logged referral to Rosa Delgado"),
        "{}",
        t.status()
    );
    // The balance moved: Rosa is owed one less.
    t.keys("r");
    t.keys("estate planning");
    let s = t.screen(100, 30);
    assert!(s.contains("you owe 1 · rapport · last referral to them today"), "{s}");
    t.key(KeyCode::Esc);
    t.keys("u");
    assert_eq!(t.log().len(), before);
}

#[test]
fn r_with_no_match_says_so_and_esc_steps_back() {
    let mut t = Tui::demo();
    t.keys("r");
    let s = t.screen(100, 30);
    assert!(s.contains("Type a need"), "{s}");
    t.keys("llama grooming");
    let s = t.screen(100, 30);
    assert!(s.contains("No active partner matches"), "{s}");
    t.key(KeyCode::Enter);
    assert!(matches!(t.app.overlays.last(), Some(Overlay::Refer(r)) if r.picked.is_none()));
    t.key(KeyCode::Esc);
    assert!(t.app.overlays.is_empty());
}
