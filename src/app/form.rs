//! Small forms: a list of labelled fields, text or a choice, with one inline
//! error line. Used for logging a gesture, adding and editing a partner,
//! and snoozing.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(Input),
    /// One of a fixed list, changed with ← →, Space, or the first letter.
    Choice {
        options: Vec<String>,
        at: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    /// A short hint shown after the field ("YYYY-MM-DD", "comma-separated").
    pub hint: &'static str,
}

impl Field {
    pub fn text(label: &'static str, value: &str, hint: &'static str) -> Field {
        Field {
            label,
            kind: FieldKind::Text(Input::new(value.to_string())),
            hint,
        }
    }

    pub fn choice(label: &'static str, options: Vec<String>, at: usize) -> Field {
        Field {
            label,
            kind: FieldKind::Choice { options, at },
            hint: "← →",
        }
    }

    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text(i) => i.value().to_string(),
            FieldKind::Choice { options, at } => options.get(*at).cloned().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Edited,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn get(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// Moves the focus to the named field (to point at an error).
    pub fn focus_on(&mut self, label: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.label == label) {
            self.focus = i;
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        match key.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Enter => return FormEvent::Submit,
            KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1) % self.fields.len();
                return FormEvent::Edited;
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
                return FormEvent::Edited;
            }
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::Edited;
        };
        match &mut field.kind {
            FieldKind::Text(input) => {
                input.handle_event(&Event::Key(key));
            }
            FieldKind::Choice { options, at } => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => *at = (*at + 1) % n,
                    KeyCode::Left => *at = (*at + n - 1) % n,
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        // Jump to the next option starting with the letter typed.
                        let c = c.to_ascii_lowercase();
                        if let Some(i) = (1..=n)
                            .map(|d| (*at + d) % n)
                            .find(|&i| options[i].to_ascii_lowercase().starts_with(c))
                        {
                            *at = i;
                        }
                    }
                    _ => {}
                }
            }
        }
        self.error = None;
        FormEvent::Edited
    }
}
