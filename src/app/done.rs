//! Done routing: `d` on a queue item asks how it turned out (an update),
//! opens the draft (a first message, a follow-up) or logs the item's
//! gesture; `D` opens the form first; `s` snoozes. Each is a `Change`
//! keyed by the item, so the domain checks again that it is still open.

use super::keymap::Action;
use super::{App, Effect, Overlay, Pane, draft, outcome, snooze};
use crate::domain::change::Change;
use crate::domain::done::done_gesture;
use crate::domain::queue::{ItemKind, QueueItem};
use chrono::NaiveDate;

impl App {
    /// The queue item `d` and `s` work on, or why there is none.
    pub(super) fn queue_item_for(&mut self, a: Action) -> Option<QueueItem> {
        if self.focus != Pane::Queue {
            self.complain(format!(
                "{} works on queue items: press {} for the queue",
                self.keymap.key_label(a),
                self.keymap.key_label(Action::FocusQueue)
            ));
            return None;
        }
        let item = self.selected_item().cloned();
        if item.is_none() {
            self.complain("The queue is empty");
        }
        item
    }

    pub(super) fn done(&mut self) -> Vec<Effect> {
        let Some(item) = self.queue_item_for(Action::Done) else {
            return Vec::new();
        };
        // Only whether `d` logs a gesture of its own matters here, not its note.
        match done_gesture(&[], &item, String::new(), self.today, None, None) {
            Some(_) if item.kind == ItemKind::Update => {
                let popup = outcome::OutcomeChoice::for_item(self, &item);
                self.overlays.push(Overlay::Outcome(popup));
                Vec::new()
            }
            // The first message, or the follow-up: written before it is sent.
            Some(_) if matches!(item.kind, ItemKind::ReachOut | ItemKind::FollowUp) => {
                match draft::DraftPopup::for_item(self, &item) {
                    Some(d) => {
                        self.overlays.push(Overlay::Draft(Box::new(d)));
                        Vec::new()
                    }
                    None => self.log_gesture(done_change(&item.key, self.today)),
                }
            }
            Some(_) => self.log_gesture(done_change(&item.key, self.today)),
            None => {
                self.complain(format!(
                    "A one-way item clears when you give {} a referral ({} to log one), or snooze it",
                    self.name_of(&item.contact),
                    self.keymap.key_label(Action::Log)
                ));
                Vec::new()
            }
        }
    }

    pub(super) fn open_snooze(&mut self) {
        if let Some(item) = self.queue_item_for(Action::Snooze) {
            let popup = snooze::Snooze::new(&item, &self.name_of(&item.contact));
            self.overlays.push(Overlay::Snooze(popup));
        }
    }
}

/// Done on the queue item `key` with its own gesture, today: the domain
/// checks again that the item is still open.
pub fn done_change(key: &str, today: NaiveDate) -> Change {
    Change::Done {
        key: key.to_string(),
        kind: None,
        date: today,
        note: None,
        outcome: None,
    }
}
