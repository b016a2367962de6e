//! The partners pane's filter prompt, `:`: the pane follows each key as it
//! is typed; Enter keeps the filter, Esc puts back the one before.

use super::keymap::Action;
use super::popup::{Hint, Popup};
use super::{App, Reply};
use crate::domain::filter::Filter;
use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone)]
pub struct FilterPrompt {
    pub input: Input,
    /// The filter when the prompt opened, for Esc.
    before: Filter,
    /// Why what is typed is not a filter yet.
    pub error: Option<String>,
}

impl FilterPrompt {
    pub fn new(app: &App) -> FilterPrompt {
        FilterPrompt {
            input: Input::new(app.filter.text.clone()),
            before: app.filter.clone(),
            error: None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        match key {
            _ if app.keymap.is(Action::Cancel, &key) => Reply::Filter {
                filter: self.before.clone(),
                close: true,
            },
            _ if app.keymap.is(Action::Save, &key) => match Filter::parse(self.input.value()) {
                Ok(filter) => Reply::Filter { filter, close: true },
                Err(_) => Reply::Stay,
            },
            _ => {
                let before = self.input.value().to_string();
                self.input.handle_event(&Event::Key(key));
                self.typed(&before)
            }
        }
    }

    /// Pasted text, typed into the filter as text.
    pub fn paste(&mut self, text: &str) -> Reply {
        let before = self.input.value().to_string();
        super::form::paste_into(&mut self.input, text, false);
        self.typed(&before)
    }

    /// The filter as it reads now, if the text changed from `before`.
    fn typed(&mut self, before: &str) -> Reply {
        if self.input.value() == before {
            return Reply::Stay;
        }
        match Filter::parse(self.input.value()) {
            Ok(filter) => {
                self.error = None;
                Reply::Filter { filter, close: false }
            }
            Err(e) => {
                self.error = Some(e);
                Reply::Stay
            }
        }
    }
}

impl Popup for FilterPrompt {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// The filter is the main screen's: it follows by itself.
    fn follow(self, _: &App) -> Result<Self, String> {
        Ok(self)
    }
    fn paste(&mut self, text: &str, _: &App) -> Reply {
        FilterPrompt::paste(self, text)
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        vec![(&[Action::Save], "keep"), (&[Action::Cancel], "put back")]
    }
}
