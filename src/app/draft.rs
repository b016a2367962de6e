//! `w`: the outreach draft for a partner, with its checks. `s` marks it
//! sent (a `message` given, undoable), `c` copies it (OSC 52), `e` opens
//! it in `$EDITOR`, `t` tries the next template.

use super::keymap::{Action, Context};
use super::popup::{Hint, Popup};
use super::{App, Overlay, Reply};
use crate::domain::change::Change;
use crate::domain::draft::checks::{Known, Verdict, check};
use crate::domain::draft::{DEFAULT_TEMPLATE, Draft, Facts, Template, first_name};
use crate::domain::{Direction, Kind};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone)]
pub struct DraftPopup {
    pub contact: String,
    /// Which of the app's templates.
    pub template: usize,
    pub draft: Draft,
    pub verdicts: Vec<Verdict>,
    /// The text was changed in the editor: another template would lose it.
    pub edited: bool,
    pub scroll: super::scroll::Scroll,
    /// Esc was pressed on an edited draft: a second one throws it away.
    pub discarding: bool,
}

/// The built-in templates, parsed (they always parse: a test proves it).
pub fn default_templates() -> Vec<Template> {
    crate::domain::draft::DEFAULT_TEMPLATES
        .iter()
        .filter_map(|(n, t)| Template::parse(n, &format!("built-in template {n}"), t).ok())
        .collect()
}

impl DraftPopup {
    /// The draft for partner `id` from the default template, if the app
    /// has it (else its first).
    pub fn new(app: &App, id: &str) -> Option<DraftPopup> {
        let at = app
            .templates
            .iter()
            .position(|t| t.name == DEFAULT_TEMPLATE)
            .unwrap_or(0);
        let mut p = DraftPopup {
            contact: id.to_string(),
            template: at,
            draft: Draft {
                template: String::new(),
                to: String::new(),
                email: None,
                subject: String::new(),
                body: String::new(),
            },
            verdicts: Vec::new(),
            edited: false,
            scroll: Default::default(),
            discarding: false,
        };
        p.fill(app)?;
        Some(p)
    }

    /// The draft `d` offers for a reach-out item (the first message) or a
    /// follow-up item (the follow-up template, when there is one).
    pub fn for_item(app: &App, item: &crate::domain::queue::QueueItem) -> Option<DraftPopup> {
        let mut p = DraftPopup::new(app, &item.contact)?;
        if item.kind == crate::domain::queue::ItemKind::FollowUp
            && let Some(at) = app.templates.iter().position(|t| t.name == "follow-up")
        {
            p.template = at;
            p.fill(app)?;
        }
        Some(p)
    }

    fn fill(&mut self, app: &App) -> Option<()> {
        let partner = app.data.book.partner(&self.contact)?;
        let t = app.templates.get(self.template)?;
        self.draft = t.fill(&Facts::new(&app.data.book, partner, &app.me, app.today));
        self.recheck(app);
        Some(())
    }

    /// Runs the checks again on the draft as it stands.
    pub fn recheck(&mut self, app: &App) {
        let partner = app.data.book.partner(&self.contact);
        let known = Known {
            first_name: partner.map(|p| first_name(&p.name)),
            their_clientele: partner.and_then(|p| p.clientele.as_deref()),
            me: (!app.me.is_empty()).then_some(&app.me),
        };
        self.verdicts = check(&self.draft.to_string(), &known);
    }

    /// Takes the text back from the editor: a first line `Subject: …` is
    /// the subject, the rest the body.
    pub fn set_text(&mut self, text: &str, app: &App) {
        let text = text.trim_start_matches('\n');
        match text.split_once('\n') {
            Some((first, rest)) if first.starts_with("Subject:") => {
                self.draft.subject = first["Subject:".len()..].trim().to_string();
                self.draft.body = rest.trim_start_matches('\n').to_string();
            }
            _ => {
                self.draft.subject.clear();
                self.draft.body = text.to_string();
            }
        }
        self.edited = true;
        self.recheck(app);
    }

    pub fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        let action = app.keymap.action_in(Context::Draft, &key);
        let closing = matches!(action, Some(Action::Close | Action::Quit)) || super::form::is_interrupt(&key);
        // What was written in the editor is not thrown away on one key.
        if std::mem::take(&mut self.discarding) {
            return if closing {
                Reply::CloseSaying("Discarded the edited draft".into())
            } else {
                Reply::Tell("Kept the draft".into())
            };
        }
        if closing && self.edited {
            self.discarding = true;
            return Reply::Complain(format!(
                "Discard the draft you edited? {}: yes · any other key: no",
                app.keymap.key_label(Action::Close)
            ));
        }
        if self.scroll.follow(action) {
            return Reply::Stay;
        }
        match action {
            _ if closing => Reply::Close,
            Some(Action::MarkSent) => {
                let subject = if self.draft.subject.is_empty() {
                    "outreach message".to_string()
                } else {
                    self.draft.subject.clone()
                };
                let g = crate::store::new_gesture(
                    &self.contact,
                    Kind::Message,
                    Direction::Given,
                    app.today,
                    Some(format!("sent: {subject}")),
                );
                Reply::Log(Change::DraftSent { gesture: g })
            }
            Some(Action::Copy) => Reply::Copy(self.draft.to_string()),
            Some(Action::EditText) => Reply::Edit(self.draft.to_string()),
            Some(Action::NextTemplate) if !self.edited && !app.templates.is_empty() => {
                self.template = (self.template + 1) % app.templates.len();
                self.scroll.top();
                self.fill(app);
                Reply::Stay
            }
            _ => Reply::Stay,
        }
    }

    /// After the data changed: the partner still there keeps the draft
    /// (redone from the template unless it was edited).
    pub fn follow(mut self, app: &App) -> Option<DraftPopup> {
        app.data.book.partner(&self.contact)?;
        if self.edited {
            self.recheck(app);
        } else {
            self.fill(app)?;
        }
        Some(self)
    }
}

impl App {
    /// `w`: the draft for the selected partner.
    pub(super) fn open_draft(&mut self) {
        match self.selected_contact() {
            Some(id) => match DraftPopup::new(self, &id) {
                Some(d) => self.overlays.push(Overlay::Draft(Box::new(d))),
                None => self.complain("No template to write from"),
            },
            None => self.complain("Select a partner first"),
        }
    }

    /// What copying to the clipboard did.
    pub fn copied(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => self.say("Copied the draft to the clipboard (OSC 52); paste it into your mail"),
            Err(e) => self.complain(format!("Could not copy the draft: {e}")),
        }
    }

    /// The text back from the editor, for the draft on top.
    pub fn edited(&mut self, result: Result<String, String>) {
        self.repaint = true;
        let mut overlays = std::mem::take(&mut self.overlays);
        match (result, overlays.last_mut()) {
            (Ok(text), Some(Overlay::Draft(d))) => {
                d.set_text(&text, self);
                self.say("Edited the draft; the checks ran again");
            }
            (Ok(_), _) => {}
            (Err(e), _) => self.complain(format!("Could not edit the draft: {e}")),
        }
        self.overlays = overlays;
    }
}

impl Popup for DraftPopup {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        self.handle_key(key, app)
    }
    /// Closes when the partner is gone.
    fn follow(self, app: &App) -> Result<Self, String> {
        let id = self.contact.clone();
        app.partner_still_here(&id)?;
        DraftPopup::follow(self, app).ok_or_else(|| app.gone(&id))
    }
    fn unsaved(&self) -> bool {
        self.edited
    }
    fn hints(&self, _: &App) -> Vec<Hint> {
        vec![
            (&[Action::MarkSent], "sent"),
            (&[Action::Copy], "copy"),
            (&[Action::EditText], "edit"),
            (&[Action::NextTemplate], "template"),
            (&[Action::Down, Action::Up], "scroll"),
            (&[Action::Close], ""),
        ]
    }
}
