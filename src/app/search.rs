//! The search popup: `/`, a few letters, Enter opens the card. Its hits
//! follow a reload by the partners' ids, never by where they stood.

use super::{App, Reply};
use crate::domain::search::Hit;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone)]
pub struct Search {
    pub input: Input,
    /// Best first; each hit's index is into the book as it is now.
    pub hits: Vec<Hit>,
    pub sel: usize,
    /// The id of the partner under the selection, which a reload keeps.
    picked: Option<String>,
}

impl Search {
    pub fn new(app: &App) -> Search {
        let mut s = Search {
            input: Input::default(),
            hits: Vec::new(),
            sel: 0,
            picked: None,
        };
        s.run(app);
        s
    }

    /// The id of the partner a hit stands for.
    fn id_of<'a>(app: &'a App, h: &Hit) -> Option<&'a str> {
        app.data.book.partners.get(h.index).map(|p| p.id.as_str())
    }

    fn run(&mut self, app: &App) {
        self.hits = app.view.index.search(self.input.value(), &app.view.touches);
    }

    fn select(&mut self, sel: usize, app: &App) {
        self.sel = sel.min(self.hits.len().saturating_sub(1));
        self.picked = self
            .hits
            .get(self.sel)
            .and_then(|h| Self::id_of(app, h))
            .map(String::from);
    }

    /// After the book changed: the same query on the new book, the
    /// selection on the same partner if they are still found.
    pub fn follow(&mut self, app: &App) {
        self.run(app);
        let at = self
            .picked
            .as_deref()
            .and_then(|id| self.hits.iter().position(|h| Self::id_of(app, h) == Some(id)));
        self.select(at.unwrap_or(0), app);
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Reply::Close,
            KeyCode::Enter => {
                return match self.hits.get(self.sel).and_then(|h| Self::id_of(app, h)) {
                    Some(id) => Reply::Open(id.to_string()),
                    None => Reply::Stay,
                };
            }
            KeyCode::Down | KeyCode::Tab => self.select(self.sel + 1, app),
            KeyCode::Char('n' | 'j') if ctrl => self.select(self.sel + 1, app),
            KeyCode::Up | KeyCode::BackTab => self.select(self.sel.saturating_sub(1), app),
            KeyCode::Char('p' | 'k') if ctrl => self.select(self.sel.saturating_sub(1), app),
            _ => {
                let before = self.input.value().to_string();
                self.input.handle_event(&Event::Key(key));
                if self.input.value() != before {
                    self.run(app);
                    self.select(0, app);
                }
            }
        }
        Reply::Stay
    }
}
