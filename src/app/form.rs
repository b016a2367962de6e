//! Typed forms: each form names its fields with an enum of its own
//! ([`FieldSet`]), so a value is read as `form.text(LogField::Note)` and a
//! misspelt field does not compile. A field is text or a choice; the form
//! keeps one inline error line and the field it points at.
//!
//! Forms forgive: a preset value (today's date, a week's snooze) is
//! replaced by the first letter typed into it, and Esc on a form with
//! input asks before throwing it away.

use super::keymap::{Action, Keymap};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// The fields of one form, in the order they are shown.
pub trait FieldSet: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn label(self) -> &'static str;
}

#[derive(Debug, Clone)]
pub enum Field {
    /// Free text, with a short hint shown after it ("YYYY-MM-DD").
    /// `preset`: the value is a suggestion the first char typed replaces.
    /// `rows`: how many rows it shows; more than one wraps its text and
    /// takes new lines (Alt-Enter or Ctrl-J).
    Text {
        input: Input,
        hint: String,
        preset: bool,
        rows: u16,
    },
    /// One of a fixed list, changed with ← →, Space, or the first letter.
    Choice { options: Vec<String>, at: usize },
}

impl Field {
    pub fn text(value: &str, hint: impl Into<String>) -> Field {
        Field::Text {
            input: Input::new(value.to_string()),
            hint: hint.into(),
            preset: false,
            rows: 1,
        }
    }

    /// A text field of several rows that wraps, for notes: Alt-Enter or
    /// Ctrl-J starts a new line.
    pub fn area(value: &str, hint: impl Into<String>) -> Field {
        Field::Text {
            input: Input::new(value.to_string()),
            hint: hint.into(),
            preset: false,
            rows: 3,
        }
    }

    /// How many rows the field takes in its form.
    pub fn height(&self) -> u16 {
        match self {
            Field::Text { rows, .. } => *rows,
            Field::Choice { .. } => 1,
        }
    }

    /// A text field holding a suggestion: typing replaces it, moving the
    /// cursor keeps it for editing.
    pub fn preset(value: &str, hint: impl Into<String>) -> Field {
        Field::Text {
            input: Input::new(value.to_string()),
            hint: hint.into(),
            preset: true,
            rows: 1,
        }
    }

    pub fn choice(options: impl IntoIterator<Item = impl Into<String>>, at: usize) -> Field {
        Field::Choice {
            options: options.into_iter().map(Into::into).collect(),
            at,
        }
    }

    fn handle_key(&mut self, key: KeyEvent, keys: &Keymap) {
        match self {
            Field::Text { input, preset, .. } => {
                if std::mem::take(preset) {
                    match key.code {
                        KeyCode::Char(_) if !key.modifiers.contains(KeyModifiers::CONTROL) => input.reset(),
                        KeyCode::Backspace | KeyCode::Delete => {
                            input.reset();
                            return;
                        }
                        _ => {}
                    }
                }
                input.handle_event(&Event::Key(key));
            }
            Field::Choice { options, at } => {
                let n = options.len().max(1);
                match key.code {
                    _ if keys.is(Action::NextChoice, &key) => *at = (*at + 1) % n,
                    _ if keys.is(Action::PrevChoice, &key) => *at = (*at + n - 1) % n,
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
    }
}

/// Pasted text as a field takes it: a line break (`\r\n`, `\r` or `\n`)
/// kept in a field of several rows and a space in a one-line field, a tab
/// a space, every other control character dropped.
pub fn pasted(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Types pasted text into a line of input at its cursor, as text: no
/// character of it is a key.
pub fn paste_into(input: &mut Input, text: &str, multiline: bool) {
    for c in pasted(text, multiline).chars() {
        input.handle(tui_input::InputRequest::InsertChar(c));
    }
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Edited,
    Submit,
    Cancel,
}

/// Ctrl-C: quits on the main screen; in a popup that holds what was
/// typed, it asks first.
pub fn is_interrupt(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// The question before what was typed is thrown away; it fits a popup at
/// 40 columns.
pub fn discard_question(keys: &Keymap) -> String {
    format!(
        "Discard what you typed? {}: yes · any other key: no",
        keys.key_label(Action::Cancel)
    )
}

#[derive(Debug, Clone)]
pub struct Form<F: FieldSet> {
    pub title: String,
    /// One per field shown (`set`), in that order.
    fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// Something was typed or chosen since the form opened.
    pub dirty: bool,
    /// Esc was pressed once on a dirty form: a second one discards.
    discarding: bool,
    /// The fields shown: `F::ALL`, or those of it that apply.
    set: Vec<F>,
}

impl<F: FieldSet> Form<F> {
    /// A form with `field(f)` for each of its fields.
    pub fn new(title: impl Into<String>, field: impl FnMut(F) -> Field) -> Form<F> {
        Form::of(title, F::ALL, field)
    }

    /// A form of only the fields in `set` (those that apply), in that
    /// order; the others read as empty.
    pub fn of(title: impl Into<String>, set: &[F], field: impl FnMut(F) -> Field) -> Form<F> {
        Form {
            title: title.into(),
            fields: set.iter().copied().map(field).collect(),
            focus: 0,
            error: None,
            dirty: false,
            discarding: false,
            set: set.to_vec(),
        }
    }

    fn at(&self, f: F) -> Option<usize> {
        self.set.iter().position(|x| *x == f)
    }

    /// True if the form shows field `f`.
    pub fn has(&self, f: F) -> bool {
        self.at(f).is_some()
    }

    /// Puts the focus on field `f`, if the form shows it.
    pub fn focus_on(&mut self, f: F) {
        if let Some(i) = self.at(f) {
            self.focus = i;
        }
    }

    /// The text of a text field ("" for a choice or a field not shown).
    pub fn text(&self, f: F) -> &str {
        match self.at(f).map(|i| &self.fields[i]) {
            Some(Field::Text { input, .. }) => input.value(),
            _ => "",
        }
    }

    /// The index of the option chosen in a choice field (0 for text, or a
    /// field not shown).
    pub fn chosen(&self, f: F) -> usize {
        match self.at(f).map(|i| &self.fields[i]) {
            Some(Field::Choice { at, .. }) => *at,
            _ => 0,
        }
    }

    /// Shows `message` and moves the focus to the field it is about.
    pub fn fail(&mut self, f: F, message: impl Into<String>) {
        self.error = Some(message.into());
        self.focus_on(f);
    }

    /// Each field with its label and whether it has the focus, in order.
    pub fn rows(&self) -> impl Iterator<Item = (&'static str, &Field, bool)> {
        self.set
            .iter()
            .zip(&self.fields)
            .enumerate()
            .map(|(i, (f, field))| (f.label(), field, i == self.focus))
    }

    /// Pasted text goes into the focused field as text (see [`pasted`]);
    /// a choice takes none of it. A preset is replaced.
    pub fn paste(&mut self, text: &str) {
        let Some(Field::Text {
            input, preset, rows, ..
        }) = self.fields.get_mut(self.focus)
        else {
            return;
        };
        if std::mem::take(preset) {
            input.reset();
        }
        paste_into(input, text, *rows > 1);
        self.discarding = false;
        self.error = None;
        self.dirty = true;
    }

    pub fn handle_key(&mut self, key: KeyEvent, keys: &Keymap) -> FormEvent {
        let n = self.fields.len();
        // Ctrl-C reaches a form only when it holds what was typed (else it
        // quits): it asks, as Esc does.
        if keys.is(Action::Cancel, &key) || is_interrupt(&key) {
            if !self.dirty || self.discarding {
                return FormEvent::Cancel;
            }
            self.discarding = true;
            self.error = Some(discard_question(keys));
            return FormEvent::Edited;
        }
        // Any other key answers "no": it keeps what was typed, and does
        // nothing else.
        if std::mem::take(&mut self.discarding) {
            self.error = None;
            return FormEvent::Edited;
        }
        // A new line in a field of several rows.
        let newline = keys.is(Action::NewLine, &key);
        if newline && let Some(Field::Text { input, rows, .. }) = self.fields.get_mut(self.focus) {
            if *rows > 1 {
                input.handle(tui_input::InputRequest::InsertChar('\n'));
                self.dirty = true;
            }
            return FormEvent::Edited;
        }
        if keys.is(Action::Save, &key) {
            return FormEvent::Submit;
        }
        if keys.is(Action::NextField, &key) {
            self.focus = (self.focus + 1) % n;
            return FormEvent::Edited;
        }
        if keys.is(Action::PrevField, &key) {
            self.focus = (self.focus + n - 1) % n;
            return FormEvent::Edited;
        }
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.handle_key(key, keys);
            self.error = None;
            self.dirty = true;
        }
        FormEvent::Edited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Test {
        Name,
        Colour,
    }

    impl FieldSet for Test {
        const ALL: &'static [Self] = &[Test::Name, Test::Colour];
        fn label(self) -> &'static str {
            match self {
                Test::Name => "Name",
                Test::Colour => "Colour",
            }
        }
    }

    fn keys() -> Keymap {
        Keymap::new(&Default::default()).unwrap()
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn fields_are_read_by_their_name_and_choices_jump_by_letter() {
        let mut f: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::text("Ann", ""),
            Test::Colour => Field::choice(["red", "green", "blue"], 0),
        });
        f.handle_key(key(KeyCode::Char('e')), &keys());
        assert_eq!(f.text(Test::Name), "Anne");
        assert_eq!(f.handle_key(key(KeyCode::Tab), &keys()), FormEvent::Edited);
        f.handle_key(key(KeyCode::Char('b')), &keys());
        assert_eq!(f.chosen(Test::Colour), 2);
        f.handle_key(key(KeyCode::Right), &keys());
        assert_eq!(f.chosen(Test::Colour), 0, "choices wrap around");
        f.fail(Test::Name, "no");
        assert_eq!((f.focus, f.error.as_deref()), (0, Some("no")));
        f.handle_key(key(KeyCode::Char('x')), &keys());
        assert_eq!(f.error, None, "typing clears the error");
        assert_eq!(f.handle_key(key(KeyCode::Enter), &keys()), FormEvent::Submit);
        assert_eq!(
            f.handle_key(key(KeyCode::Esc), &keys()),
            FormEvent::Edited,
            "input: Esc asks first"
        );
        assert!(f.error.as_deref().unwrap().contains("Discard"));
        assert_eq!(f.handle_key(key(KeyCode::Esc), &keys()), FormEvent::Cancel);
        let mut clean: Form<Test> = Form::new("t", |_| Field::text("", ""));
        assert_eq!(
            clean.handle_key(key(KeyCode::Esc), &keys()),
            FormEvent::Cancel,
            "nothing typed: Esc closes"
        );
    }

    #[test]
    fn the_discard_question_takes_its_answer_and_ctrl_c_asks_too() {
        let mut f: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::text("", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        f.handle_key(key(KeyCode::Char('5')), &keys());
        f.handle_key(key(KeyCode::Esc), &keys());
        assert!(f.error.as_deref().unwrap().starts_with("Discard"));
        assert_eq!(f.handle_key(key(KeyCode::Char('x')), &keys()), FormEvent::Edited);
        assert_eq!(f.text(Test::Name), "5", "the answer is not typed into the field");
        assert_eq!(f.error, None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(f.handle_key(ctrl_c, &keys()), FormEvent::Edited, "Ctrl-C asks");
        assert!(f.error.as_deref().unwrap().starts_with("Discard"));
        assert_eq!(f.handle_key(ctrl_c, &keys()), FormEvent::Cancel, "twice: discarded");
    }

    #[test]
    fn a_field_of_several_rows_takes_new_lines() {
        let mut f: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::area("first", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        f.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT), &keys());
        f.handle_key(key(KeyCode::Char('x')), &keys());
        f.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), &keys());
        f.handle_key(key(KeyCode::Char('y')), &keys());
        assert_eq!(f.text(Test::Name), "first\nx\ny");
        assert_eq!(
            f.handle_key(key(KeyCode::Enter), &keys()),
            FormEvent::Submit,
            "Enter still saves"
        );
    }

    #[test]
    fn a_paste_is_text_with_its_lines_kept_only_where_the_field_has_rows() {
        let mut f: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::text("", ""),
            Test::Colour => Field::choice(["red", "green"], 0),
        });
        f.paste("Met for lunch.\r\nhe said yes\u{7}\tq");
        assert_eq!(f.text(Test::Name), "Met for lunch. he said yes q");
        assert_eq!(f.focus, 0, "no Tab, no Enter: the paste stays in the field");
        f.focus = 1;
        f.paste("green");
        assert_eq!(f.chosen(Test::Colour), 0, "a choice takes no paste");
        let mut a: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::area("", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        a.paste("one\ntwo\n\u{1b}[Athree");
        assert_eq!(a.text(Test::Name), "one\ntwo\n[Athree");
        let mut p: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::preset("2026-11-20", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        p.paste("yesterday");
        assert_eq!(p.text(Test::Name), "yesterday", "a paste replaces a preset");
    }

    #[test]
    fn typing_replaces_a_preset_and_moving_keeps_it() {
        let mut f: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::preset("7", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        f.handle_key(key(KeyCode::Char('1')), &keys());
        f.handle_key(key(KeyCode::Char('4')), &keys());
        assert_eq!(f.text(Test::Name), "14");
        let mut g: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::preset("2026-11-20", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        g.handle_key(key(KeyCode::Backspace), &keys());
        assert_eq!(g.text(Test::Name), "", "Backspace clears the preset");
        let mut e: Form<Test> = Form::new("t", |t| match t {
            Test::Name => Field::preset("2026-11-20", ""),
            Test::Colour => Field::choice(["red"], 0),
        });
        e.handle_key(key(KeyCode::Left), &keys());
        e.handle_key(key(KeyCode::Backspace), &keys());
        assert_eq!(
            e.text(Test::Name),
            "2026-11-0",
            "after a cursor move it is edited, not replaced"
        );
    }
}
