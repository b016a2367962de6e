//! The effect contract: what the app asks the runtime to do ([`Effect`]),
//! the one result that comes back ([`Landed`]) and what the app makes of
//! it. Every change is the domain's `Change`, made through the store's one
//! `apply`; a change that logs a gesture meets the rules' warnings first.

use super::keymap::Action;
use super::{App, Overlay, View, confirm};
use crate::domain::Gesture;
use crate::domain::change::{Applied, Change};
use crate::domain::done::done_gesture;
use crate::domain::filter::Sort;
use crate::domain::rules::warnings_for;
use crate::store::{Data, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A change made through the store's one `apply`.
    Apply(Change),
    /// Take back the last change (or, with redo, make it again).
    Undo,
    Redo,
    /// Put this text on the clipboard; the result comes back through
    /// [`App::copied`].
    Copy(String),
    /// Let the user edit this text in `$EDITOR`; the result comes back
    /// through [`App::edited`].
    Edit(String),
}

/// What the runtime did, handed back through [`App::apply`].
#[derive(Debug, Clone)]
pub enum Landed {
    /// The gesture was appended to the files and, in place, to the data the
    /// app holds (as its last gesture); nothing else changed.
    Appended(Applied),
    /// Written through the store; the data as read afresh afterwards.
    Written(Applied, Box<Data>),
    /// The last change undone (`redo`: made again), as the journal names
    /// it (`None`: there was nothing to take back); the data read afresh.
    Stepped {
        redo: bool,
        label: Option<String>,
        data: Box<Data>,
    },
    /// The files changed outside this window; the data as read now.
    Reloaded(Box<Data>),
}

impl App {
    /// The one way back from the runtime: what an effect did, or why it
    /// failed; or data read again after a change outside.
    pub fn apply(&mut self, result: Result<Landed, StoreError>) {
        // A reload says nothing of the change asked for, which may still
        // come back after it.
        let asked = self.waiting && !matches!(result, Ok(Landed::Reloaded(_)));
        if asked {
            self.waiting = false;
        }
        match result {
            Ok(Landed::Appended(applied)) => {
                self.keeping_selection(|app| {
                    let filter = app.log_filter_contact();
                    if filter == app.view.log_for {
                        app.view.gesture_added(&app.data, &app.rules, app.today);
                        if !app.filter.is_empty() || app.sort != Sort::Name {
                            app.arrange();
                        }
                    } else {
                        app.view = View::build(&app.data, &app.rules, app.today, filter.as_deref());
                        app.arrange();
                    }
                });
                self.done_with_forms(&applied);
            }
            Ok(Landed::Written(applied, data)) => {
                self.set_data(*data);
                self.done_with_forms(&applied);
            }
            Ok(Landed::Stepped { redo, label, data }) => {
                let before = self.shown();
                self.set_data(*data);
                if label.is_some() {
                    self.go_to_what_came_back(&before, redo);
                }
                let text = match (redo, label) {
                    (false, Some(l)) => format!("Undid: {l} · {} to redo", self.keymap.key_label(Action::Redo)),
                    (true, Some(l)) => format!("Redid: {l} · {} to undo", self.keymap.key_label(Action::Undo)),
                    (false, None) => "Nothing to undo".to_string(),
                    (true, None) => "Nothing to redo".to_string(),
                };
                self.say(text);
            }
            Ok(Landed::Reloaded(data)) => match self.set_data(*data) {
                Some(why) => self.complain(format!("Reloaded: {why}")),
                None => self.say("Reloaded: the files changed on disk"),
            },
            Err(e) if asked => {
                self.overlays.retain(|o| !matches!(o, Overlay::Confirm(_)));
                self.complain(e.to_string());
            }
            // The files changed outside and do not read: the screen keeps
            // what it had.
            Err(e) => self.complain(format!("{e} (showing the last good state)")),
        }
    }

    /// Forms and warnings are done with once their change is made; a card
    /// stays open.
    pub(super) fn done_with_forms(&mut self, applied: &Applied) {
        if applied.changed {
            self.change_made();
        }
        self.overlays.retain(|o| matches!(o, Overlay::Card(_)));
        let mut text = applied.summary.clone();
        for w in &applied.warnings {
            text.push_str(&format!(" · warning: {w}"));
        }
        for n in &applied.notes {
            text.push_str(&format!(" · {n}"));
        }
        if applied.changed {
            text.push_str(&format!(" · {} to undo", self.keymap.key_label(Action::Undo)));
        }
        self.say(text);
    }

    /// A change (or an undo, a redo), unless this window is read-only.
    pub(super) fn mutate(&mut self, effect: Effect) -> Vec<Effect> {
        if let Some(why) = self.read_only {
            self.complain(why.refusal());
            return Vec::new();
        }
        self.waiting = true;
        if matches!(effect, Effect::Apply(_)) {
            self.change_asked();
        }
        vec![effect]
    }

    /// Makes a change that logs a gesture, through the warning popup when
    /// a rule objects to the gesture.
    pub(super) fn log_gesture(&mut self, change: Change) -> Vec<Effect> {
        let warnings = self
            .gesture_of(&change)
            .map(|g| warnings_for(&self.data.book, &self.rules, &g))
            .unwrap_or_default();
        if warnings.is_empty() {
            self.mutate(Effect::Apply(change))
        } else {
            self.overlays
                .push(Overlay::Confirm(confirm::Confirm::new(warnings, change)));
            Vec::new()
        }
    }

    /// The gesture a change would log, as the data on screen has it.
    pub(super) fn gesture_of(&self, change: &Change) -> Option<Gesture> {
        match change {
            Change::Log { gesture } | Change::ReferGiven { gesture } | Change::DraftSent { gesture } => {
                Some(gesture.clone())
            }
            Change::Done {
                key, kind, date, note, ..
            } => {
                let item = self.view.item(key)?;
                // For the rules' warnings: they read the kind, direction and
                // date, never the note that names the referral.
                done_gesture(&[], item, String::new(), *date, *kind, note.clone())
            }
            _ => None,
        }
    }
}
