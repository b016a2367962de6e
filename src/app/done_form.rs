//! `D`: done, with the form first. The item's gesture with a note, another
//! kind where more than one fits (a card or a gift for a thank-you), and on
//! an update how the referral turned out — all in the one change `d` makes.

use super::form::{Field, FieldSet, Form, FormEvent};
use super::popup::{Hint, Popup};
use super::{App, Reply};
use crate::domain::change::Change;
use crate::domain::queue::{ItemKind, QueueItem};
use crate::domain::{Kind, Outcome};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneField {
    Kind,
    Note,
    Outcome,
}

impl FieldSet for DoneField {
    const ALL: &'static [Self] = &[DoneField::Kind, DoneField::Note, DoneField::Outcome];
    fn label(self) -> &'static str {
        match self {
            DoneField::Kind => "Kind",
            DoneField::Note => "Note",
            DoneField::Outcome => "How it went",
        }
    }
}

/// The kinds of gesture that can clear an item, its own first.
fn kinds_for(item: &QueueItem) -> Vec<Kind> {
    let mut kinds = match item.kind {
        ItemKind::Thank => vec![Kind::ThankYou, Kind::Card, Kind::Gift],
        ItemKind::Update => vec![Kind::Update],
        ItemKind::Date => vec![Kind::Card, Kind::Gift, Kind::Call, Kind::Message],
        ItemKind::OneWay => vec![Kind::Referral, Kind::Intro],
        ItemKind::ReachOut | ItemKind::FollowUp => vec![Kind::Message, Kind::Call, Kind::Meeting],
        ItemKind::Touch | ItemKind::Quiet => Kind::ALL.to_vec(),
    };
    if let Some(own) = item.logs
        && let Some(i) = kinds.iter().position(|k| *k == own)
    {
        kinds[..=i].rotate_right(1);
    }
    kinds
}

#[derive(Debug, Clone)]
pub struct DoneForm {
    pub item: QueueItem,
    kinds: Vec<Kind>,
    pub form: Form<DoneField>,
}

/// The fields that apply to an item: how an update's referral turned out
/// only on an update, the kind only where more than one fits.
fn fields_for(kinds: &[Kind], item: &QueueItem) -> Vec<DoneField> {
    let mut set = Vec::new();
    if kinds.len() > 1 {
        set.push(DoneField::Kind);
    }
    set.push(DoneField::Note);
    if item.kind == ItemKind::Update {
        set.push(DoneField::Outcome);
    }
    set
}

impl DoneForm {
    pub fn new(app: &App, item: &QueueItem) -> DoneForm {
        let kinds = kinds_for(item);
        let name = app.name_of(&item.contact);
        let referral = item
            .gesture
            .as_deref()
            .and_then(|id| app.data.book.gestures.iter().find(|g| g.id == id));
        let current = referral.and_then(|g| g.outcome);
        let at = Outcome::ALL
            .iter()
            .position(|&o| Some(o) == current.or(Some(Outcome::Pending)))
            .unwrap_or(0);
        // What the item answers comes first, so a narrow title keeps it.
        let about = referral.map(|g| {
            // The note is initials, maybe more: the start of it is enough.
            let initials = g.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|n| {
                if n.chars().count() > 14 {
                    format!("{}…", n.chars().take(13).collect::<String>().trim_end())
                } else {
                    n.to_string()
                }
            });
            let day = crate::domain::short_label(g.date, app.today);
            match initials {
                Some(n) => format!("{n} ({day})"),
                None => format!("the referral of {day}"),
            }
        });
        let title = match (item.kind, &about) {
            (ItemKind::Thank, Some(r)) => format!("Thank-you for {r} · {name}"),
            (ItemKind::Update, Some(r)) => format!("Update on {r} · {name}"),
            _ => format!("Done: {} · {name}", item.kind.as_str()),
        };
        let note_hint = match (item.kind, referral.and_then(|g| g.note.as_deref())) {
            (ItemKind::Thank | ItemKind::Update, Some(n)) => format!("blank: \"for referral {n}\""),
            (ItemKind::Thank | ItemKind::Update, None) => "optional".to_string(),
            (ItemKind::Touch | ItemKind::Quiet | ItemKind::FollowUp | ItemKind::ReachOut, _) => {
                "what you talked about (optional)".to_string()
            }
            _ => "optional".to_string(),
        };
        let set = fields_for(&kinds, item);
        let mut form = Form::of(title, &set, |f| match f {
            DoneField::Kind => Field::choice(kinds.iter().map(|k| k.as_str()), 0),
            DoneField::Note => Field::text("", &note_hint),
            DoneField::Outcome => Field::choice(Outcome::ALL.iter().map(|o| o.as_str()), at),
        });
        // The note is what is usually typed.
        form.focus_on(DoneField::Note);
        DoneForm {
            item: item.clone(),
            kinds,
            form,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        match self.form.handle_key(key, &app.keymap) {
            FormEvent::Cancel => Reply::Close,
            FormEvent::Edited => Reply::Stay,
            FormEvent::Submit => {
                let f = &self.form;
                let kind = self.kinds[f.chosen(DoneField::Kind).min(self.kinds.len() - 1)];
                let note = Some(f.text(DoneField::Note).to_string());
                let outcome = (self.item.kind == ItemKind::Update)
                    .then(|| Outcome::ALL[f.chosen(DoneField::Outcome).min(Outcome::ALL.len() - 1)]);
                Reply::Log(Change::Done {
                    key: self.item.key.clone(),
                    kind: Some(kind),
                    date: app.today,
                    note,
                    outcome,
                })
            }
        }
    }
}

impl Popup for DoneForm {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// Closes when the item left the queue (cleared in another terminal).
    fn follow(self, app: &App) -> Result<Self, String> {
        app.item_still_open(&self.item.key)?;
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
