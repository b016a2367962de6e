//! Adding or editing a partner.

use super::Reply;
use super::form::{Field, FieldSet, Form, FormEvent};
use super::keymap::Keymap;
use super::popup::{Hint, Popup};
use crate::domain::change::Change;
use crate::domain::{Book, Partner, Rules, Stage, YearlyDate};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerField {
    Name,
    Org,
    Role,
    Phones,
    Emails,
    Tags,
    Stage,
    Cadence,
    Birthday,
    Clientele,
    Benefit,
    Notes,
}

impl FieldSet for PartnerField {
    /// What a new partner is added with comes first: who they are, whom
    /// they serve, how to reach them; the rest after.
    const ALL: &'static [Self] = &[
        PartnerField::Name,
        PartnerField::Org,
        PartnerField::Role,
        PartnerField::Clientele,
        PartnerField::Emails,
        PartnerField::Phones,
        PartnerField::Tags,
        PartnerField::Stage,
        PartnerField::Cadence,
        PartnerField::Birthday,
        PartnerField::Benefit,
        PartnerField::Notes,
    ];
    fn label(self) -> &'static str {
        match self {
            PartnerField::Name => "Name",
            PartnerField::Org => "Org",
            PartnerField::Role => "Role",
            PartnerField::Phones => "Phones",
            PartnerField::Emails => "Emails",
            PartnerField::Tags => "Tags",
            PartnerField::Stage => "Stage",
            PartnerField::Cadence => "Cadence",
            PartnerField::Birthday => "Birthday",
            PartnerField::Clientele => "Clientele",
            PartnerField::Benefit => "For them",
            PartnerField::Notes => "Notes",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PartnerForm {
    /// The partner as the form found them; `None` when adding.
    pub editing: Option<Box<Partner>>,
    pub form: Form<PartnerField>,
    /// The name already in rapport that a first Enter warned about: a
    /// second Enter adds the new partner all the same.
    warned: Option<String>,
}

impl PartnerForm {
    /// The form for `p` (or a new partner), its cadence hint naming the
    /// default that a blank cadence gets under `rules`.
    pub fn new(p: Option<Partner>, rules: &Rules) -> PartnerForm {
        let blank = Partner::default();
        let q = p.as_ref().unwrap_or(&blank);
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        let at = Stage::ALL.iter().position(|s| *s == q.stage).unwrap_or(0);
        let title = match &p {
            Some(p) => format!("Edit {}", p.name),
            None => "Add a partner".to_string(),
        };
        let form = Form::new(title, |f| match f {
            PartnerField::Name => Field::text(&q.name, ""),
            PartnerField::Org => Field::text(&s(&q.org), ""),
            PartnerField::Role => Field::text(&s(&q.role), ""),
            PartnerField::Phones => Field::text(&q.phones.join(", "), "comma-separated"),
            PartnerField::Emails => Field::text(&q.emails.join(", "), "comma-separated"),
            PartnerField::Tags => Field::text(&q.tags.join(", "), "comma-separated"),
            PartnerField::Stage => Field::choice(Stage::ALL.iter().map(|s| s.as_str()), at),
            PartnerField::Cadence => Field::text(
                &q.cadence_days.map(|c| c.to_string()).unwrap_or_default(),
                format!(
                    "days; blank: {} (the default{})",
                    rules.cadence_for(None, &q.tags),
                    if rules.cadence_tags.is_empty() {
                        ""
                    } else {
                        " for their tags"
                    }
                ),
            ),
            PartnerField::Birthday => Field::text(
                &q.birthday.map(|b| b.to_string()).unwrap_or_default(),
                "MM-DD or YYYY-MM-DD",
            ),
            PartnerField::Clientele => Field::text(&s(&q.clientele), ""),
            PartnerField::Benefit => Field::text(&s(&q.benefit), "what's in it for them"),
            PartnerField::Notes => Field::area(&s(&q.notes), "family, causes, hobbies"),
        });
        PartnerForm {
            editing: p.map(Box::new),
            form,
            warned: None,
        }
    }

    /// `book` is what a new name is checked against.
    pub fn handle_key(&mut self, key: KeyEvent, book: &Book, keys: &Keymap) -> Reply {
        match self.form.handle_key(key, keys) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => match self.partner() {
                Ok(p) if self.editing.is_none() && self.warned.as_deref() != Some(p.name.as_str()) => {
                    let same =
                        crate::domain::identity::same_as(&book.partners, &crate::domain::identity::Marks::of(&p));
                    match same.first().map(|f| &book.partners[f.index]) {
                        Some(q) => {
                            self.warned = Some(p.name.clone());
                            let archived = if q.archived { ", archived" } else { "" };
                            self.form.fail(
                                PartnerField::Name,
                                format!(
                                    "{} is already in rapport ({}{archived}): {} again to add another",
                                    q.name,
                                    q.id,
                                    keys.key_label(super::keymap::Action::Save)
                                ),
                            );
                            Reply::Stay
                        }
                        None => Reply::Emit(Change::Add { partner: Box::new(p) }),
                    }
                }
                Ok(p) => Reply::Emit(match &self.editing {
                    Some(before) => Change::Edit {
                        before: before.clone(),
                        after: Box::new(p),
                    },
                    None => Change::Add { partner: Box::new(p) },
                }),
                Err((field, e)) => {
                    self.form.fail(field, e);
                    Reply::Stay
                }
            },
        }
    }

    /// The partner the form describes, or the field that is wrong and why.
    fn partner(&self) -> Result<Partner, (PartnerField, String)> {
        let f = &self.form;
        let name = f
            .text(PartnerField::Name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            return Err((PartnerField::Name, "The name must not be empty".into()));
        }
        let opt = |field| Some(f.text(field).trim().to_string()).filter(|s| !s.is_empty());
        let list = |field| split_list(f.text(field));
        let cadence = match f.text(PartnerField::Cadence).trim() {
            "" => None,
            c => Some(
                c.parse::<u32>()
                    .map_err(|_| (PartnerField::Cadence, format!("'{c}' is not a number of days")))?,
            ),
        };
        let birthday = match f.text(PartnerField::Birthday).trim() {
            "" => None,
            b => Some(YearlyDate::parse(b).map_err(|e| (PartnerField::Birthday, e))?),
        };
        let stage = Stage::ALL[f.chosen(PartnerField::Stage).min(Stage::ALL.len() - 1)];
        let mut p = self.editing.as_deref().cloned().unwrap_or_default();
        p.name = name;
        p.org = opt(PartnerField::Org);
        p.role = opt(PartnerField::Role);
        p.phones = list(PartnerField::Phones);
        p.emails = list(PartnerField::Emails);
        p.tags = list(PartnerField::Tags);
        p.stage = stage;
        p.cadence_days = cadence;
        p.birthday = birthday;
        p.clientele = opt(PartnerField::Clientele);
        p.benefit = opt(PartnerField::Benefit);
        p.notes = opt(PartnerField::Notes);
        Ok(p)
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

impl Popup for PartnerForm {
    fn keys(&mut self, key: KeyEvent, app: &super::App) -> Reply {
        self.handle_key(key, &app.data.book, &app.keymap)
    }
    /// An edit closes when the partner is gone; a new partner stays.
    fn follow(self, app: &super::App) -> Result<Self, String> {
        if let Some(before) = &self.editing {
            app.partner_still_here(&before.id)?;
        }
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
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn the_form_edits_what_is_in_it_for_them() {
        let mut p = Partner::new("dana-lee", "Dana Lee");
        p.benefit = Some("overflow".into());
        let mut form = PartnerForm::new(Some(p), &Rules::default());
        let book = Book::default();
        let at = PartnerField::ALL
            .iter()
            .position(|f| *f == PartnerField::Benefit)
            .unwrap();
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        for _ in 0..at {
            form.handle_key(key(KeyCode::Tab), &book, &Keymap::new(&Default::default()).unwrap());
        }
        for c in " cases".chars() {
            form.handle_key(key(KeyCode::Char(c)), &book, &Keymap::new(&Default::default()).unwrap());
        }
        match form.handle_key(key(KeyCode::Enter), &book, &Keymap::new(&Default::default()).unwrap()) {
            Reply::Emit(Change::Edit { after, .. }) => assert_eq!(after.benefit.as_deref(), Some("overflow cases")),
            other => panic!("{other:?}"),
        }
    }
}
