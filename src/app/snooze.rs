//! Snoozing a queue item: a number of days (the preset, a week, is
//! replaced by what is typed), weeks or months (`2w`, `1m`), or a date.

use super::Reply;
use super::form::{Field, FieldSet, Form, FormEvent};
use super::popup::{Hint, Popup};
use crate::domain::change::Change;
use crate::domain::day::{Toward, parse_day};
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
    /// A snooze over a year long was asked about: Enter again on the same
    /// day makes it.
    asked: Option<NaiveDate>,
}

impl Snooze {
    pub fn new(item: &QueueItem, name: &str) -> Snooze {
        let title = format!("Snooze {} · {name}", item.kind.as_str());
        Snooze {
            key: item.key.clone(),
            form: Form::new(title, |_| Field::preset("7", "days, 2w, 1m, fri, 5 jan, YYYY-MM-DD")),
            asked: None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &super::App) -> Reply {
        let today = app.today;
        match self.form.handle_key(key, &app.keymap) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => match until(self.form.text(SnoozeField::HowLong), today) {
                Ok(until) if until > today + Days::new(LONG_SNOOZE_DAYS) && self.asked != Some(until) => {
                    self.asked = Some(until);
                    let save = app.keymap.key_label(crate::app::keymap::Action::Save);
                    self.form.error = Some(format!(
                        "Until {}, over a year away? {save} again: yes",
                        crate::domain::day_label(until, today)
                    ));
                    Reply::Stay
                }
                Ok(until) => Reply::Emit(Change::Snooze {
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

/// How long, as typed: a number of days, `2w`, `1m`, a weekday, `5 jan`
/// or a date (see [`crate::domain::day`]); it must end after today.
fn until(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    if s.trim().trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ') == "0" {
        return Err("Snooze for at least one day".into());
    }
    let until = parse_day(s, today, Toward::Ahead)?;
    if until <= today {
        return Err("Pick a day after today".into());
    }
    Ok(until)
}

/// A snooze longer than this asks first: it is more often a typo than a
/// plan.
const LONG_SNOOZE_DAYS: u64 = 366;

impl super::App {
    /// What the unsnooze key lifts: on the queue pane showing `:snoozed`,
    /// the selected item; else the soonest back of the partner the card
    /// (`card`) or the focused pane shows. `Err` says why there is none.
    pub(super) fn unsnooze_change(&self, card: Option<&str>) -> Result<Change, String> {
        let key = |k: &str| Change::Unsnooze { key: k.to_string() };
        if card.is_none() && self.focus == super::Pane::Queue && self.view.showing_snoozed {
            return self
                .selected_item()
                .map(|i| key(&i.key))
                .ok_or_else(|| "Nothing is snoozed".to_string());
        }
        let id = card.map(str::to_string).or_else(|| self.selected_contact());
        let Some(id) = id else {
            return Err("Select a partner first".into());
        };
        (self.view.snoozed.iter())
            .filter(|s| s.item.contact == id)
            .min_by_key(|s| s.until)
            .map(|s| key(&s.item.key))
            .ok_or_else(|| format!("Nothing of {}'s is snoozed (:snoozed lists what is)", self.name_of(&id)))
    }
}

impl Popup for Snooze {
    fn keys(&mut self, key: KeyEvent, app: &super::App) -> Reply {
        self.handle_key(key, app)
    }
    /// Closes when the item left the queue (cleared in another terminal).
    fn follow(self, app: &super::App) -> Result<Self, String> {
        app.item_still_open(&self.key)?;
        Ok(self)
    }
    fn paste(&mut self, text: &str, _: &super::App) -> Reply {
        self.form.paste(text);
        Reply::Stay
    }
    fn unsaved(&self) -> bool {
        self.form.dirty
    }
    fn hints(&self, _: &super::App) -> Vec<Hint> {
        super::popup::FORM_HINTS.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;

    #[test]
    fn days_weeks_months_and_dates() {
        let today = parse_date("2026-11-20").unwrap();
        let d = |s: &str| until(s, today).map(|d| d.to_string());
        assert_eq!(d("14").unwrap(), "2026-12-04");
        assert_eq!(d("2w").unwrap(), "2026-12-04");
        assert_eq!(d("1m").unwrap(), "2026-12-20");
        assert_eq!(d("3 days").unwrap(), "2026-11-23");
        assert_eq!(d("2027-01-05").unwrap(), "2027-01-05");
        assert!(d("0").unwrap_err().contains("at least one day"));
        assert!(d("2026-11-20").unwrap_err().contains("after today"));
        assert_eq!(d("fri").unwrap(), "2026-11-27");
        assert_eq!(d("5 jan").unwrap(), "2027-01-05");
        assert!(d("0d").unwrap_err().contains("at least one day"));
        assert!(d("3x").unwrap_err().contains("not a day"));
    }
}
