//! Snoozing a queue item: a number of days (the preset, a week, is
//! replaced by what is typed), weeks or months (`2w`, `1m`), or a date.

use super::Reply;
use super::form::{Field, FieldSet, Form, FormEvent};
use super::popup::{Hint, Popup};
use crate::domain::change::Change;
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
            form: Form::new(title, |_| {
                Field::preset("7", "days (1, 3, 7, 30), 2w, 1m, or YYYY-MM-DD")
            }),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &super::App) -> Reply {
        let today = app.today;
        match self.form.handle_key(key, &app.keymap) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => match until(self.form.text(SnoozeField::HowLong), today) {
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

/// "7" (days), "2w" (weeks), "1m" (months) or a date, which must be
/// after today.
fn until(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = s.trim().to_lowercase();
    if let Ok(d) = parse_date(&s) {
        return if d <= today {
            Err("Pick a day after today".into())
        } else {
            Ok(d)
        };
    }
    let (number, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) if i > 0 => (&s[..i], s[i..].trim()),
        _ => (s.as_str(), ""),
    };
    let until = match (number.parse::<u32>(), unit) {
        (Ok(0), _) => return Err("Snooze for at least one day".into()),
        (Ok(n), "" | "d" | "day" | "days") => today + Days::new(n.into()),
        (Ok(n), "w" | "week" | "weeks") => today + Days::new(u64::from(n) * 7),
        (Ok(n), "m" | "month" | "months") => today
            .checked_add_months(chrono::Months::new(n))
            .ok_or("That is too far ahead")?,
        (Ok(_), other) => return Err(format!("'{other}': give days, w for weeks or m for months")),
        (Err(_), _) => parse_date(&s)?,
    };
    if until <= today {
        return Err("Pick a day after today".into());
    }
    Ok(until)
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
    fn hints(&self, _: &super::App) -> Vec<Hint> {
        super::popup::FORM_HINTS.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(d("3y").unwrap_err().contains("weeks"));
    }
}
