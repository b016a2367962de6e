//! Snoozing a queue item: a number of days or a date.

use super::form::{Field, FieldSet, Form, FormEvent};
use super::{Mutation, Reply};
use crate::domain::parse_date;
use crate::domain::queue::QueueItem;
use chrono::{Days, NaiveDate};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozeField {
    HowLong,
}

impl FieldSet for SnoozeField {
    const ALL: &'static [Self] = &[SnoozeField::HowLong];
    fn label(self) -> &'static str {
        "How long"
    }
}

#[derive(Debug, Clone)]
pub struct Snooze {
    /// The queue item's key.
    pub key: String,
    pub form: Form<SnoozeField>,
}

impl Snooze {
    pub fn new(item: &QueueItem, name: &str) -> Snooze {
        let title = format!("Snooze {} · {name}", item.kind.as_str());
        Snooze {
            key: item.key.clone(),
            form: Form::new(title, |_| Field::text("7", "days, or a date YYYY-MM-DD")),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, today: NaiveDate) -> Reply {
        match self.form.handle_key(key) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => match until(self.form.text(SnoozeField::HowLong), today) {
                Ok(until) => Reply::Emit(Mutation::Snooze {
                    key: self.key.clone(),
                    until,
                }),
                Err(e) => {
                    self.form.fail(SnoozeField::HowLong, e);
                    Reply::Stay
                }
            },
        }
    }
}

/// "7" (days) or a date, which must be after today.
fn until(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = s.trim();
    let until = match s.parse::<u32>() {
        Ok(0) => return Err("Snooze for at least one day".into()),
        Ok(n) => today + Days::new(n.into()),
        Err(_) => parse_date(s)?,
    };
    if until <= today {
        return Err("Pick a day after today".into());
    }
    Ok(until)
}
