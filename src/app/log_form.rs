//! Logging a gesture for a partner: kind, direction, date, note, value.

use super::form::{Field, FieldSet, Form, FormEvent};
use super::popup::{Hint, Popup};
use super::{App, Pane, Reply};
use crate::domain::change::Change;
use crate::domain::day::happened;
use crate::domain::queue::ItemKind;
use crate::domain::{Direction, Gesture, Kind};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogField {
    Kind,
    Direction,
    Date,
    Note,
    Value,
}

impl FieldSet for LogField {
    const ALL: &'static [Self] = &[
        LogField::Kind,
        LogField::Direction,
        LogField::Date,
        LogField::Note,
        LogField::Value,
    ];
    fn label(self) -> &'static str {
        match self {
            LogField::Kind => "Kind",
            LogField::Direction => "Direction",
            LogField::Date => "Date",
            LogField::Note => "Note",
            LogField::Value => "Value",
        }
    }
}

const DIRECTIONS: [Direction; 2] = [Direction::Given, Direction::Received];

#[derive(Debug, Clone)]
pub struct LogForm {
    /// The partner's id.
    pub contact: String,
    pub form: Form<LogField>,
}

impl LogForm {
    /// The form for `contact`; from their queue item it starts on the
    /// item's own gesture (a one-way item: a referral given), else on a
    /// call.
    pub fn new(app: &App, contact: &str) -> LogForm {
        let kind = match (app.focus, app.selected_item()) {
            (Pane::Queue, Some(i)) if i.contact == contact => i.logs.unwrap_or(match i.kind {
                ItemKind::OneWay => Kind::Referral,
                _ => Kind::Call,
            }),
            _ => Kind::Call,
        };
        let at = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let today = app.today.to_string();
        let form = Form::new(format!("Log a gesture · {}", app.name_of(contact)), |f| match f {
            LogField::Kind => Field::choice(Kind::ALL.iter().map(|k| k.as_str()), at),
            LogField::Direction => Field::choice(DIRECTIONS.iter().map(|d| d.as_str()), 0),
            LogField::Date => Field::preset(&today, "or yesterday, fri, 3d, 5 nov"),
            LogField::Note => Field::area("", "initials are enough"),
            LogField::Value => Field::text("", "gifts: amount"),
        });
        LogForm {
            contact: contact.to_string(),
            form,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        match self.form.handle_key(key, &app.keymap) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => match self.gesture(app.today) {
                Ok(g) => Reply::Log(Change::Log { gesture: g }),
                Err((field, e)) => {
                    self.form.fail(field, e);
                    Reply::Stay
                }
            },
        }
    }

    /// The gesture the form describes, or the field that is wrong and why.
    fn gesture(&self, today: chrono::NaiveDate) -> Result<Gesture, (LogField, String)> {
        let f = &self.form;
        let kind = Kind::ALL[f.chosen(LogField::Kind).min(Kind::ALL.len() - 1)];
        let dir = DIRECTIONS[f.chosen(LogField::Direction).min(1)];
        let date = happened(f.text(LogField::Date), today).map_err(|e| (LogField::Date, e))?;
        let value = match f.text(LogField::Value).trim() {
            "" => None,
            v => Some(
                v.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .ok_or((LogField::Value, format!("'{v}' is not an amount")))?,
            ),
        };
        let note = Some(f.text(LogField::Note).to_string());
        let mut g = crate::store::new_gesture(&self.contact, kind, dir, date, note);
        g.value = value;
        Ok(g)
    }
}

impl Popup for LogForm {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// Closes when the partner is gone.
    fn follow(self, app: &App) -> Result<Self, String> {
        app.partner_still_here(&self.contact)?;
        Ok(self)
    }
    fn paste(&mut self, text: &str, _: &super::App) -> Reply {
        self.form.paste(text);
        Reply::Stay
    }
    fn unsaved(&self) -> bool {
        self.form.dirty
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        super::popup::FORM_HINTS.to_vec()
    }
}
