//! The search popup: `/`, a few letters, Enter opens the card. Its hits
//! follow a reload by the partners' ids, never by where they stood.

use super::pick::{PickList, Picked};
use super::popup::{Hint, Popup};
use super::{App, Reply};
use crate::domain::search::Hit;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone)]
pub struct Search {
    /// Each hit's index is into the book as it is now.
    pub list: PickList<Hit>,
    /// The id of the partner under the selection, which a reload keeps.
    picked: Option<String>,
}

impl Search {
    pub fn new(app: &App) -> Search {
        let mut s = Search {
            list: PickList::new(),
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
        let hits = app.view.index.search(self.list.input.value(), &app.view.touches);
        self.list.set_hits(hits);
    }

    fn select(&mut self, sel: usize, app: &App) {
        self.list.select(sel);
        self.picked = self.list.selected().and_then(|h| Self::id_of(app, h)).map(String::from);
    }

    /// After the book changed: the same query on the new book, the
    /// selection on the same partner if they are still found.
    pub fn follow(&mut self, app: &App) {
        self.run(app);
        let at = self
            .picked
            .as_deref()
            .and_then(|id| self.list.hits.iter().position(|h| Self::id_of(app, h) == Some(id)));
        self.select(at.unwrap_or(0), app);
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let picked = self.list.keys(key, &app.keymap);
        self.picked_reply(picked, app)
    }

    fn picked_reply(&mut self, picked: Picked, app: &App) -> Reply {
        match picked {
            Picked::Cancel => Reply::Close,
            Picked::Pick => match self.list.selected().and_then(|h| Self::id_of(app, h)) {
                Some(id) => Reply::Open(id.to_string()),
                None => Reply::Stay,
            },
            Picked::Moved => {
                self.select(self.list.sel, app);
                Reply::Stay
            }
            Picked::Typed => {
                self.run(app);
                self.select(0, app);
                Reply::Stay
            }
            Picked::Stay => Reply::Stay,
        }
    }
}

impl Popup for Search {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    fn follow(mut self, app: &App) -> Result<Self, String> {
        Search::follow(&mut self, app);
        Ok(self)
    }
    fn paste(&mut self, text: &str, app: &App) -> Reply {
        let picked = self.list.paste(text);
        self.picked_reply(picked, app)
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        super::popup::list_hints("open")
    }
}
