//! The Insights pane (`4`): the pictures of the practice, over the whole
//! screen below the header. Its figures are worked out when it opens and
//! again when the data changes, never per frame.

use super::keymap::{Action, Context};
use super::popup::{Hint, Popup};
use super::{App, Pane, Reply};
use crate::domain::insights::{Stats, stats};
use crate::domain::queue::ItemKind;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone)]
pub struct Insights {
    pub scroll: super::scroll::Scroll,
    pub stats: Stats,
    /// The partners with a quiet item: (name, the item's text).
    pub quiet: Vec<(String, String)>,
}

impl Insights {
    pub fn new(app: &App) -> Insights {
        let book = &app.data.book;
        Insights {
            scroll: Default::default(),
            stats: stats(book, &app.data.queue, &app.rules, app.today),
            quiet: app
                .view
                .items
                .iter()
                .filter(|i| i.kind == ItemKind::Quiet)
                .map(|i| (app.name_of(&i.contact), i.text.clone()))
                .collect(),
        }
    }

    /// The same pane on changed data.
    pub fn follow(self, app: &App) -> Insights {
        Insights {
            scroll: self.scroll,
            ..Insights::new(app)
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let action = app.keymap.action_in(Context::Card, &key);
        if self.scroll.follow(action) {
            return Reply::Stay;
        }
        match action {
            Some(Action::Close | Action::Quit | Action::FocusInsights) => return Reply::Close,
            Some(Action::FocusQueue) => return Reply::Focus(Pane::Queue),
            Some(Action::FocusPartners) => return Reply::Focus(Pane::Partners),
            Some(Action::FocusLog) => return Reply::Focus(Pane::Log),
            Some(Action::NextPane) => return Reply::Focus(Pane::Queue),
            Some(Action::PrevPane) => return Reply::Focus(Pane::Log),
            Some(Action::Help) => return Reply::Push(super::Overlay::Help(super::help::Help::default())),
            _ => {}
        }
        Reply::Stay
    }
}

impl Popup for Insights {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// The figures made again from the new data.
    fn follow(self, app: &App) -> Result<Self, String> {
        Ok(Insights::follow(self, app))
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        vec![
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::FocusQueue, Action::FocusPartners, Action::FocusLog], "panes"),
            (&[Action::Close], "close"),
        ]
    }
}
