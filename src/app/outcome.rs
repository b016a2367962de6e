//! Done on an update item: how did the referral turn out? One choice —
//! engaged, declined or pending — logged with the update in one change.

use super::Reply;
use super::form::{Field, FieldSet, Form, FormEvent};
use super::popup::{Hint, Popup};
use crate::domain::Outcome;
use crate::domain::change::Change;
use crate::domain::queue::{QueueItem, about};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeField {
    Outcome,
}

impl FieldSet for OutcomeField {
    const ALL: &'static [Self] = &[OutcomeField::Outcome];
    fn label(self) -> &'static str {
        "How it went"
    }
}

#[derive(Debug, Clone)]
pub struct OutcomeChoice {
    /// The update item's key: the domain checks again that it is open.
    pub key: String,
    /// The partner it is about.
    pub contact: String,
    /// The day the update is logged on.
    pub date: NaiveDate,
    pub form: Form<OutcomeField>,
}

impl OutcomeChoice {
    /// The choice for the update item `item`, about `what` ("referral
    /// M.O.") from `name`, starting on the outcome the referral has
    /// (pending when none).
    fn new(item: &QueueItem, date: NaiveDate, name: &str, what: &str, current: Option<Outcome>) -> OutcomeChoice {
        let at = Outcome::ALL
            .iter()
            .position(|&o| Some(o) == current)
            .or_else(|| Outcome::ALL.iter().position(|&o| o == Outcome::Pending))
            .unwrap_or(0);
        let options = Outcome::ALL.iter().map(|o| o.as_str());
        OutcomeChoice {
            key: item.key.clone(),
            contact: item.contact.clone(),
            date,
            form: Form::new(format!("Update {name} · {what}"), |_| {
                Field::choice(options.clone(), at)
            }),
        }
    }

    /// The choice for the update item `item`, named after its referral as
    /// the app's data has it.
    pub fn for_item(app: &super::App, item: &QueueItem) -> OutcomeChoice {
        let referral = item
            .gesture
            .as_deref()
            .and_then(|r| app.data.book.gestures.iter().find(|x| x.id == r));
        let what = referral.map_or_else(|| "the referral".to_string(), about);
        let current = referral.and_then(|r| r.outcome);
        OutcomeChoice::new(item, app.today, &app.name_of(&item.contact), &what, current)
    }

    /// The outcome chosen now.
    pub fn chosen(&self) -> Outcome {
        Outcome::ALL[self.form.chosen(OutcomeField::Outcome).min(Outcome::ALL.len() - 1)]
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &super::App) -> Reply {
        match self.form.handle_key(key, &app.keymap) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => Reply::Emit(Change::Done {
                key: self.key.clone(),
                kind: None,
                date: self.date,
                note: None,
                outcome: Some(self.chosen()),
            }),
        }
    }
}

impl Popup for OutcomeChoice {
    fn keys(&mut self, key: KeyEvent, app: &super::App) -> Reply {
        self.handle_key(key, app)
    }
    /// Closes when the update item left the queue.
    fn follow(self, app: &super::App) -> Result<Self, String> {
        app.item_still_open(&self.key)?;
        Ok(self)
    }
    fn unsaved(&self) -> bool {
        self.form.dirty
    }
    fn hints(&self, _: &super::App) -> Vec<Hint> {
        super::popup::FORM_HINTS.to_vec()
    }
}
