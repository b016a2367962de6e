//! The TUI's state and its one entry point for change: `update(&mut App,
//! input) -> Vec<Effect>`. `update` never touches a file or the terminal;
//! the loop in `run` performs the effects and hands the result back.

pub mod form;
pub mod keymap;
pub mod run;
mod view;

use crate::config::Config;
use crate::domain::ledger::warnings_for;
use crate::domain::queue::{ItemKind, QueueItem};
use crate::domain::search::Hit;
use crate::domain::{Direction, Gesture, Kind, Partner, Stage, YearlyDate, parse_date};
use crate::store::Data;
use chrono::{Days, NaiveDate};
use form::{Field, Form, FormEvent};
use keymap::{Action, Keymap};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;
pub use view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Queue,
    Partners,
    Log,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Queue, Pane::Partners, Pane::Log];
    fn index(self) -> usize {
        match self {
            Pane::Queue => 0,
            Pane::Partners => 1,
            Pane::Log => 2,
        }
    }
}

/// What the user is doing in a popup. Keys go to the top one first.
#[derive(Debug, Clone)]
pub enum Overlay {
    Search {
        input: Input,
        hits: Vec<Hit>,
        sel: usize,
    },
    Card {
        id: String,
        scroll: u16,
    },
    Help {
        scroll: u16,
    },
    LogForm {
        contact: String,
        form: Form,
    },
    PartnerForm {
        editing: Option<Box<Partner>>,
        form: Form,
    },
    Snooze {
        key: String,
        form: Form,
    },
    /// Rule warnings shown before a gesture is saved.
    Confirm {
        warnings: Vec<String>,
        then: Box<Mutation>,
    },
}

/// A change to the data, performed by the loop through the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Mutation {
    Log {
        gesture: Gesture,
    },
    Snooze {
        key: String,
        until: NaiveDate,
    },
    Add(Box<Partner>),
    /// `before` is what the form started from: if the partner changed on
    /// disk meanwhile, the edit is refused rather than overwrite it.
    Edit {
        before: Box<Partner>,
        after: Box<Partner>,
    },
    Undo,
    Redo,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Apply(Mutation),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub config: Config,
    pub today: NaiveDate,
    pub keymap: Keymap,
    pub data: Data,
    pub view: View,
    pub focus: Pane,
    /// Selected row in each pane.
    pub sel: [usize; 3],
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    /// Another rapport window has this data open: nothing is written.
    pub read_only: bool,
    /// The log shows only the selected partner's gestures.
    pub log_filter: bool,
    pub quit: bool,
    /// The last frame's size, for mouse hit-testing.
    pub screen: Rect,
}

impl App {
    pub fn new(config: Config, keymap: Keymap, today: NaiveDate, data: Data, read_only: bool) -> App {
        let view = View::build(&data, &config, today, None);
        // What the load met (a torn last line, an old schema) is said once.
        let status = data.warnings.first().map(|w| Status {
            text: match data.warnings.len() {
                1 => format!("warning: {w}"),
                n => format!("warning: {w} (and {} more: rapport check)", n - 1),
            },
            error: true,
        });
        App {
            config,
            today,
            keymap,
            data,
            view,
            focus: Pane::Queue,
            sel: [0; 3],
            overlays: Vec::new(),
            status,
            read_only,
            log_filter: false,
            quit: false,
            screen: Rect::new(0, 0, 100, 30),
        }
    }

    /// Replaces the data (after a write or an outside edit), keeping the
    /// selection on the same queue item and partner where they still exist.
    pub fn set_data(&mut self, data: Data) {
        self.keeping_selection(|app| {
            app.data = data;
            app.rebuild_view();
        });
    }

    /// Called by the loop when the gesture it logged is already the last in
    /// `data` (the store appended it in place, nothing else having changed):
    /// the panes are updated for that one partner rather than derived again.
    pub fn gesture_logged(&mut self, text: String) {
        self.keeping_selection(|app| {
            let filter = if app.log_filter { app.selected_contact() } else { None };
            if filter == app.view.log_for {
                app.view.gesture_added(&app.data, &app.config, app.today);
            } else {
                app.view = View::build(&app.data, &app.config, app.today, filter.as_deref());
            }
        });
        self.overlays.retain(|o| matches!(o, Overlay::Card { .. }));
        self.say(text);
    }

    /// Runs `change` on the data and the view, then puts the selection back
    /// on the same queue item and partner where they still exist.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut App)) {
        let item_key = self.selected_item().map(|i| i.key.clone());
        let partner = self
            .view
            .partners
            .get(self.sel[1])
            .map(|&i| self.data.book.partners[i].id.clone());
        change(self);
        if let Some(k) = item_key
            && let Some(i) = self.view.items.iter().position(|it| it.key == k)
        {
            self.sel[0] = i;
        }
        if let Some(id) = partner
            && let Some(i) = self
                .view
                .partners
                .iter()
                .position(|&i| self.data.book.partners[i].id == id)
        {
            self.sel[1] = i;
        }
        self.clamp();
        // A card on a partner that no longer exists closes.
        let book = &self.data.book;
        self.overlays.retain(|o| match o {
            Overlay::Card { id, .. } | Overlay::LogForm { contact: id, .. } => book.partner(id).is_some(),
            _ => true,
        });
    }

    fn rebuild_view(&mut self) {
        let filter = if self.log_filter { self.selected_contact() } else { None };
        self.view = View::build(&self.data, &self.config, self.today, filter.as_deref());
    }

    fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Queue => self.view.items.len(),
            Pane::Partners => self.view.partners.len(),
            Pane::Log => self.view.log.len(),
        }
    }

    fn clamp(&mut self) {
        for p in Pane::ALL {
            let n = self.len(p);
            let s = &mut self.sel[p.index()];
            *s = if n == 0 { 0 } else { (*s).min(n - 1) };
        }
    }

    pub fn selected(&self, pane: Pane) -> usize {
        self.sel[pane.index()]
    }

    pub fn selected_item(&self) -> Option<&QueueItem> {
        self.view.items.get(self.sel[0])
    }

    /// The partner the focused pane points at.
    pub fn selected_contact(&self) -> Option<String> {
        match self.focus {
            Pane::Queue => self.selected_item().map(|i| i.contact.clone()),
            Pane::Partners => self
                .view
                .partners
                .get(self.sel[1])
                .map(|&i| self.data.book.partners[i].id.clone()),
            Pane::Log => self
                .view
                .log
                .get(self.sel[2])
                .map(|&i| self.data.book.gestures[i].contact.clone()),
        }
    }

    pub fn name_of(&self, id: &str) -> String {
        self.data
            .book
            .partner(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// A mutation, unless this window is read-only.
    fn mutate(&mut self, m: Mutation) -> Vec<Effect> {
        if self.read_only {
            self.complain("Read-only: another rapport window has this data open; nothing was changed");
            return Vec::new();
        }
        vec![Effect::Apply(m)]
    }

    /// Logs a gesture, through the warning popup when a rule objects.
    fn log_gesture(&mut self, gesture: Gesture) -> Vec<Effect> {
        let warnings = warnings_for(&self.data.book, &self.config.rules, &gesture);
        if warnings.is_empty() {
            self.mutate(Mutation::Log { gesture })
        } else {
            self.overlays.push(Overlay::Confirm {
                warnings,
                then: Box::new(Mutation::Log { gesture }),
            });
            Vec::new()
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) -> Vec<Effect> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(*k),
            Event::Mouse(m) if self.config.ui.mouse => {
                self.handle_mouse(m.kind, Position::new(m.column, m.row));
                Vec::new()
            }
            Event::Resize(w, h) => {
                self.screen = Rect::new(0, 0, *w, *h);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return Vec::new();
        }
        if !self.overlays.is_empty() {
            return self.overlay_key(key);
        }
        self.status = None;
        match self.keymap.action_for(&key) {
            Some(a) => self.act(a),
            None => Vec::new(),
        }
    }

    fn move_by(&mut self, delta: isize) {
        let n = self.len(self.focus);
        if n == 0 {
            return;
        }
        let s = &mut self.sel[self.focus.index()];
        *s = (*s as isize + delta).clamp(0, n as isize - 1) as usize;
        if self.log_filter && self.focus != Pane::Log {
            self.rebuild_view();
            self.clamp();
        }
    }

    fn page(&self) -> isize {
        (self.screen.height as isize / 3).max(1)
    }

    /// What a key in the main screen does.
    pub fn act(&mut self, a: Action) -> Vec<Effect> {
        match a {
            Action::Quit => self.quit = true,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.focus = Pane::ALL[(self.focus.index() + 1) % 3],
            Action::PrevPane => self.focus = Pane::ALL[(self.focus.index() + 2) % 3],
            Action::FocusQueue => self.focus = Pane::Queue,
            Action::FocusPartners => self.focus = Pane::Partners,
            Action::FocusLog => self.focus = Pane::Log,
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Search => {
                let hits = self.view.index.search("", &self.view.touches);
                self.overlays.push(Overlay::Search {
                    input: Input::default(),
                    hits,
                    sel: 0,
                });
            }
            Action::Open => match self.selected_contact() {
                Some(id) => self.overlays.push(Overlay::Card { id, scroll: 0 }),
                None => self.complain("Nothing selected"),
            },
            Action::FilterLog => {
                self.log_filter = !self.log_filter;
                self.rebuild_view();
                self.sel[2] = 0;
                self.clamp();
            }
            Action::Done => return self.done(),
            Action::Snooze => self.open_snooze(),
            Action::Log => match self.selected_contact() {
                Some(id) => self.open_log_form(&id),
                None => self.complain("Select a partner first"),
            },
            Action::Add => self.open_partner_form(None),
            Action::Edit => match self
                .selected_contact()
                .and_then(|id| self.data.book.partner(&id).cloned())
            {
                Some(p) => self.open_partner_form(Some(p)),
                None => self.complain("Select a partner first"),
            },
            Action::Undo => return self.mutate(Mutation::Undo),
            Action::Redo => return self.mutate(Mutation::Redo),
        }
        Vec::new()
    }

    fn done(&mut self) -> Vec<Effect> {
        if self.focus != Pane::Queue {
            self.complain(format!(
                "{} works on queue items: press 1 for the queue",
                self.keymap.key_label(Action::Done)
            ));
            return Vec::new();
        }
        let Some(item) = self.selected_item().cloned() else {
            self.complain("The queue is empty");
            return Vec::new();
        };
        let Some(kind) = item.logs else {
            self.complain(format!(
                "A one-way item clears when you give {} a referral ({} to log one), or snooze it",
                self.name_of(&item.contact),
                self.keymap.key_label(Action::Log)
            ));
            return Vec::new();
        };
        let note = match (item.kind, &item.gesture) {
            (ItemKind::Thank | ItemKind::Update, Some(gid)) => self
                .data
                .book
                .gestures
                .iter()
                .find(|g| &g.id == gid)
                .and_then(|g| g.note.as_ref())
                .map(|n| format!("for referral {n}")),
            _ => None,
        };
        let g = crate::store::new_gesture(&item.contact, kind, Direction::Given, self.today, note);
        self.log_gesture(g)
    }

    fn open_snooze(&mut self) {
        if self.focus != Pane::Queue {
            self.complain(format!(
                "{} works on queue items: press 1 for the queue",
                self.keymap.key_label(Action::Snooze)
            ));
            return;
        }
        let Some(item) = self.selected_item() else {
            self.complain("The queue is empty");
            return;
        };
        let title = format!("Snooze {} · {}", item.kind.as_str(), self.name_of(&item.contact));
        let form = Form::new(title, vec![Field::text("How long", "7", "days, or a date YYYY-MM-DD")]);
        self.overlays.push(Overlay::Snooze {
            key: item.key.clone(),
            form,
        });
    }

    fn open_log_form(&mut self, contact: &str) {
        // From a queue item, the form starts on the item's own gesture.
        let kind = match (self.focus, self.selected_item()) {
            (Pane::Queue, Some(i)) if i.contact == contact => i.logs.unwrap_or(Kind::Call),
            _ => Kind::Call,
        };
        let kinds: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
        let at = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let form = Form::new(
            format!("Log a gesture · {}", self.name_of(contact)),
            vec![
                Field::choice("Kind", kinds, at),
                Field::choice("Direction", vec!["given".into(), "received".into()], 0),
                Field::text("Date", &self.today.to_string(), "YYYY-MM-DD"),
                Field::text("Note", "", "initials are enough"),
                Field::text("Value", "", "gifts: amount"),
            ],
        );
        self.overlays.push(Overlay::LogForm {
            contact: contact.to_string(),
            form,
        });
    }

    fn open_partner_form(&mut self, p: Option<Partner>) {
        let blank = Partner::default();
        let q = p.as_ref().unwrap_or(&blank);
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        let stages: Vec<String> = Stage::ALL.iter().map(|s| s.as_str().to_string()).collect();
        let at = Stage::ALL.iter().position(|s| *s == q.stage).unwrap_or(0);
        let title = match &p {
            Some(p) => format!("Edit {}", p.name),
            None => "Add a partner".to_string(),
        };
        let form = Form::new(
            title,
            vec![
                Field::text("Name", &q.name, ""),
                Field::text("Org", &s(&q.org), ""),
                Field::text("Role", &s(&q.role), ""),
                Field::text("Phones", &q.phones.join(", "), "comma-separated"),
                Field::text("Emails", &q.emails.join(", "), "comma-separated"),
                Field::text("Tags", &q.tags.join(", "), "comma-separated"),
                Field::choice("Stage", stages, at),
                Field::text(
                    "Cadence",
                    &q.cadence_days.map(|c| c.to_string()).unwrap_or_default(),
                    "days; blank: default",
                ),
                Field::text(
                    "Birthday",
                    &q.birthday.map(|b| b.to_string()).unwrap_or_default(),
                    "MM-DD or YYYY-MM-DD",
                ),
                Field::text("Clientele", &s(&q.clientele), ""),
                Field::text("Notes", &s(&q.notes), "family, causes, hobbies"),
            ],
        );
        self.overlays.push(Overlay::PartnerForm {
            editing: p.map(Box::new),
            form,
        });
    }

    fn overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(top) = self.overlays.pop() else {
            return Vec::new();
        };
        match top {
            Overlay::Help { scroll } => match self.keymap.action_for(&key) {
                Some(Action::Down) => self.overlays.push(Overlay::Help {
                    scroll: scroll.saturating_add(1),
                }),
                Some(Action::Up) => self.overlays.push(Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                Some(Action::PageDown) => self.overlays.push(Overlay::Help {
                    scroll: scroll.saturating_add(10),
                }),
                Some(Action::PageUp) => self.overlays.push(Overlay::Help {
                    scroll: scroll.saturating_sub(10),
                }),
                Some(Action::Top) => self.overlays.push(Overlay::Help { scroll: 0 }),
                _ => {}
            },
            Overlay::Card { id, scroll } => match self.keymap.action_for(&key) {
                Some(Action::Quit) => {}
                Some(Action::Down) => self.overlays.push(Overlay::Card {
                    id,
                    scroll: scroll.saturating_add(1),
                }),
                Some(Action::Up) => self.overlays.push(Overlay::Card {
                    id,
                    scroll: scroll.saturating_sub(1),
                }),
                Some(Action::Log) => {
                    self.overlays.push(Overlay::Card { id: id.clone(), scroll });
                    self.open_log_form(&id);
                }
                Some(Action::Edit) => {
                    self.overlays.push(Overlay::Card { id: id.clone(), scroll });
                    if let Some(p) = self.data.book.partner(&id).cloned() {
                        self.open_partner_form(Some(p));
                    }
                }
                _ => self.overlays.push(Overlay::Card { id, scroll }),
            },
            Overlay::Search {
                mut input,
                mut hits,
                mut sel,
            } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(h) = hits.get(sel) {
                        let id = self.data.book.partners[h.index].id.clone();
                        if let Some(row) = self.view.partners.iter().position(|&i| i == h.index) {
                            self.sel[1] = row;
                        }
                        self.overlays.push(Overlay::Card { id, scroll: 0 });
                    } else {
                        self.overlays.push(Overlay::Search { input, hits, sel });
                    }
                }
                KeyCode::Down | KeyCode::Tab => {
                    sel = (sel + 1).min(hits.len().saturating_sub(1));
                    self.overlays.push(Overlay::Search { input, hits, sel });
                }
                KeyCode::Up | KeyCode::BackTab => {
                    sel = sel.saturating_sub(1);
                    self.overlays.push(Overlay::Search { input, hits, sel });
                }
                KeyCode::Char('n') | KeyCode::Char('j') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    sel = (sel + 1).min(hits.len().saturating_sub(1));
                    self.overlays.push(Overlay::Search { input, hits, sel });
                }
                KeyCode::Char('p') | KeyCode::Char('k') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    sel = sel.saturating_sub(1);
                    self.overlays.push(Overlay::Search { input, hits, sel });
                }
                _ => {
                    let before = input.value().to_string();
                    input.handle_event(&Event::Key(key));
                    if input.value() != before {
                        hits = self.view.index.search(input.value(), &self.view.touches);
                        sel = 0;
                    }
                    self.overlays.push(Overlay::Search { input, hits, sel });
                }
            },
            Overlay::Confirm { warnings, then } => match key.code {
                KeyCode::Char('y') | KeyCode::Enter => return self.mutate(*then),
                KeyCode::Char('n') | KeyCode::Esc => self.say("Cancelled; nothing was logged"),
                _ => self.overlays.push(Overlay::Confirm { warnings, then }),
            },
            Overlay::Snooze { key: item, mut form } => match form.handle_key(key) {
                FormEvent::Cancel => {}
                FormEvent::Edited => self.overlays.push(Overlay::Snooze { key: item, form }),
                FormEvent::Submit => match self.snooze_until(&form.get("How long")) {
                    Ok(until) => return self.mutate(Mutation::Snooze { key: item, until }),
                    Err(e) => {
                        form.error = Some(e);
                        self.overlays.push(Overlay::Snooze { key: item, form });
                    }
                },
            },
            Overlay::LogForm { contact, mut form } => match form.handle_key(key) {
                FormEvent::Cancel => {}
                FormEvent::Edited => self.overlays.push(Overlay::LogForm { contact, form }),
                FormEvent::Submit => match self.gesture_from(&contact, &form) {
                    Ok(g) => {
                        // The card under the form stays open.
                        return self.log_gesture(g);
                    }
                    Err((field, e)) => {
                        form.error = Some(e);
                        form.focus_on(field);
                        self.overlays.push(Overlay::LogForm { contact, form });
                    }
                },
            },
            Overlay::PartnerForm { editing, mut form } => match form.handle_key(key) {
                FormEvent::Cancel => {}
                FormEvent::Edited => self.overlays.push(Overlay::PartnerForm { editing, form }),
                FormEvent::Submit => match partner_from(&form, editing.as_deref()) {
                    Ok(p) => {
                        let m = match editing {
                            Some(before) => Mutation::Edit {
                                before,
                                after: Box::new(p),
                            },
                            None => Mutation::Add(Box::new(p)),
                        };
                        return self.mutate(m);
                    }
                    Err((field, e)) => {
                        form.error = Some(e);
                        form.focus_on(field);
                        self.overlays.push(Overlay::PartnerForm { editing, form });
                    }
                },
            },
        }
        Vec::new()
    }

    fn snooze_until(&self, s: &str) -> Result<NaiveDate, String> {
        let s = s.trim();
        let until = match s.parse::<u32>() {
            Ok(0) => return Err("Snooze for at least one day".into()),
            Ok(n) => self.today + Days::new(n.into()),
            Err(_) => parse_date(s)?,
        };
        if until <= self.today {
            return Err("Pick a day after today".into());
        }
        Ok(until)
    }

    fn gesture_from(&self, contact: &str, form: &Form) -> Result<Gesture, (&'static str, String)> {
        let kind: Kind = form.get("Kind").parse().map_err(|e| ("Kind", e))?;
        let dir: Direction = form.get("Direction").parse().map_err(|e| ("Direction", e))?;
        let date = parse_date(&form.get("Date")).map_err(|e| ("Date", e))?;
        let value = match form.get("Value").trim() {
            "" => None,
            v => Some(
                v.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .ok_or(("Value", format!("'{v}' is not an amount")))?,
            ),
        };
        let mut g = crate::store::new_gesture(contact, kind, dir, date, Some(form.get("Note")));
        g.value = value;
        Ok(g)
    }

    fn handle_mouse(&mut self, kind: MouseEventKind, at: Position) {
        if !self.overlays.is_empty() {
            return;
        }
        let areas = crate::ui::layout_for(self.screen, self.focus);
        let Some((pane, rect)) = areas.panes().into_iter().find(|(_, r)| r.contains(at)) else {
            return;
        };
        match kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let row = at.y.saturating_sub(rect.y + 1) as usize;
                let first = crate::ui::first_visible(self.selected(pane), rect.height.saturating_sub(2) as usize);
                let n = self.len(pane);
                if row + first < n {
                    self.sel[pane.index()] = row + first;
                }
            }
            MouseEventKind::ScrollDown => {
                self.focus = pane;
                self.move_by(3);
            }
            MouseEventKind::ScrollUp => {
                self.focus = pane;
                self.move_by(-3);
            }
            _ => {}
        }
    }

    /// Called by the loop with what a mutation did.
    pub fn applied(&mut self, result: Result<(String, Data), String>) {
        match result {
            Ok((text, data)) => {
                self.set_data(data);
                // Forms and warnings are done with; a card stays open.
                self.overlays.retain(|o| matches!(o, Overlay::Card { .. }));
                self.say(text);
            }
            Err(e) => {
                self.overlays.retain(|o| !matches!(o, Overlay::Confirm { .. }));
                self.complain(e);
            }
        }
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A partner from the add/edit form, or the field that is wrong and why.
fn partner_from(form: &Form, editing: Option<&Partner>) -> Result<Partner, (&'static str, String)> {
    let name = form.get("Name").split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(("Name", "The name must not be empty".into()));
    }
    let opt = |l: &str| Some(form.get(l).trim().to_string()).filter(|s| !s.is_empty());
    let cadence = match form.get("Cadence").trim() {
        "" => None,
        c => Some(
            c.parse::<u32>()
                .map_err(|_| ("Cadence", format!("'{c}' is not a number of days")))?,
        ),
    };
    let birthday = match form.get("Birthday").trim() {
        "" => None,
        b => Some(YearlyDate::parse(b).map_err(|e| ("Birthday", e))?),
    };
    let stage: Stage = form.get("Stage").parse().map_err(|e| ("Stage", e))?;
    let mut p = editing.cloned().unwrap_or_default();
    p.name = name;
    p.org = opt("Org");
    p.role = opt("Role");
    p.phones = split_list(&form.get("Phones"));
    p.emails = split_list(&form.get("Emails"));
    p.tags = split_list(&form.get("Tags"));
    p.stage = stage;
    p.cadence_days = cadence;
    p.birthday = birthday;
    p.clientele = opt("Clientele");
    p.notes = opt("Notes");
    Ok(p)
}
