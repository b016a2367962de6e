//! The TUI's state. Keys come in through [`App::handle_event`] and return
//! the changes to make as [`Effect`]s; the runtime (the `tui` module) makes
//! them through the store and hands back one result per effect through
//! [`App::apply`]. Nothing here touches a file or the terminal.
//!
//! One room per job: `popup` (the popup contract and the list of popups,
//! each popup a file of its own), `effect` (what the runtime is asked and
//! what comes back), `selection` (what each pane points at, kept by key and
//! id across reloads), `main_keys` (the main screen's actions), `done`
//! (done, done with the form, snooze), `mouse`.

pub mod archive;
pub mod card;
pub mod confirm;
pub mod done;
pub mod done_form;
pub mod draft;
mod effect;
pub mod filter;
pub mod form;
pub mod help;
pub mod insights;
pub mod keymap;
pub mod log_form;
mod main_keys;
pub mod merge;
mod mouse;
pub mod outcome;
pub mod partner_form;
pub mod pick;
pub mod popup;
pub mod read_only;
pub mod refer;
pub mod scroll;
pub mod search;
mod selection;
pub mod snooze;
pub mod stage;
mod view;

use crate::config::{Config, UiConfig};
use crate::domain::filter::{Filter, Sort};
use crate::store::Data;
use chrono::NaiveDate;
pub use done::done_change;
pub use effect::{Effect, Landed};
use keymap::Keymap;
pub use mouse::Mouse;
pub use popup::{Overlay, Popup, Reply};
use ratatui::layout::Rect;
pub use read_only::ReadOnly;
pub use view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Queue,
    Partners,
    Log,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Queue, Pane::Partners, Pane::Log];
    fn index(self) -> usize {
        match self {
            Pane::Queue => 0,
            Pane::Partners => 1,
            Pane::Log => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub rules: crate::domain::Rules,
    pub ui: UiConfig,
    pub today: NaiveDate,
    pub keymap: Keymap,
    pub data: Data,
    pub view: View,
    pub focus: Pane,
    /// What each pane points at (the queue item by key, the partner by
    /// id); see `selection`.
    sel: selection::Selection,
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    /// Nothing is written, and this says why.
    pub read_only: Option<ReadOnly>,
    /// The log shows only the selected partner's gestures.
    pub log_filter: bool,
    /// What the partners pane shows (`:`), and in what order (`o`).
    pub filter: Filter,
    pub sort: Sort,
    pub quit: bool,
    /// The last frame's size, for paging.
    pub screen: Rect,
    /// A change was asked for and its result has not come back yet.
    waiting: bool,
    /// The last key was a Ctrl-C that asked instead of quitting.
    interrupted: bool,
    /// `[me]`: who writes the drafts.
    pub me: crate::domain::draft::Me,
    /// The draft templates: the built-in ones, unless the runtime loads
    /// the user's own as well.
    pub templates: Vec<crate::domain::draft::Template>,
    /// The screen was left (for an editor): draw all of it again.
    pub repaint: bool,
}

impl App {
    pub fn new(config: Config, keymap: Keymap, today: NaiveDate, data: Data, read_only: Option<ReadOnly>) -> App {
        let Config { rules, ui, me, .. } = config;
        let view = View::build(&data, &rules, today, None);
        // What the load met (a torn last line, an old schema) is said once.
        let status = data.warnings.first().map(|w| Status {
            text: match data.warnings.len() {
                1 => format!("warning: {w}"),
                n => format!("warning: {w} (and {} more: rapport check)", n - 1),
            },
            error: true,
        });
        let mut app = App {
            rules,
            ui,
            today,
            keymap,
            data,
            view,
            focus: Pane::Queue,
            sel: selection::Selection::default(),
            overlays: Vec::new(),
            status,
            read_only,
            log_filter: false,
            filter: Filter::default(),
            sort: Sort::default(),
            quit: false,
            screen: Rect::new(0, 0, 100, 30),
            waiting: false,
            interrupted: false,
            me,
            templates: draft::default_templates(),
            repaint: false,
        };
        app.remember();
        app
    }

    pub fn name_of(&self, id: &str) -> String {
        self.data
            .book
            .partner(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}
