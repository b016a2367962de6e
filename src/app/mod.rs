//! The TUI's state. Keys come in through [`App::handle_event`] and return
//! the changes to make as [`Effect`]s; the runtime (the `tui` module) makes
//! them through the store and hands back one result per effect through
//! [`App::apply`]. Nothing here touches a file or the terminal.
//!
//! Each popup is a unit in a file of its own (search, card, help, the log
//! and partner forms, snooze, confirm): it owns its state and its keys and
//! answers a key with a [`Reply`].

pub mod archive;
pub mod card;
pub mod confirm;
pub mod done_form;
pub mod draft;
pub mod filter;
pub mod form;
pub mod help;
pub mod insights;
pub mod keymap;
pub mod log_form;
pub mod merge;
pub mod outcome;
pub mod partner_form;
pub mod read_only;
pub mod refer;
pub mod scroll;
pub mod search;
pub mod snooze;
pub mod stage;
mod view;

use crate::config::{Config, UiConfig};
use crate::domain::done::done_gesture;
use crate::domain::filter::{Filter, Sort};
use crate::domain::queue::{ItemKind, QueueItem};
use crate::domain::rules::warnings_for;
use crate::domain::{Gesture, Partner};
use crate::store::{Data, StoreError};
use chrono::NaiveDate;
use keymap::{Action, Keymap};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
pub use read_only::ReadOnly;
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

/// The popups, top last. Keys go to the top one.
#[derive(Debug, Clone)]
pub enum Overlay {
    Search(search::Search),
    Card(card::Card),
    Help(help::Help),
    LogForm(log_form::LogForm),
    PartnerForm(partner_form::PartnerForm),
    Snooze(snooze::Snooze),
    /// How the referral of an update item turned out.
    Outcome(outcome::OutcomeChoice),
    /// Rule warnings shown before a gesture is saved.
    Confirm(confirm::Confirm),
    Filter(filter::FilterPrompt),
    Insights(insights::Insights),
    DoneForm(done_form::DoneForm),
    /// `w`: an outreach draft and its checks.
    Draft(Box<draft::DraftPopup>),
    /// `r`: refer a client out.
    Refer(Box<refer::ReferPopup>),
    /// Archive a partner, with a reason, or restore an archived one.
    Archive(archive::Archive),
    /// `M`: merge the selected partner into another.
    Merge(Box<merge::MergePopup>),
}

/// What a popup asks for after a key.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Handled; the popup stays.
    Stay,
    /// Handled; the popup stays, and the status line says what is wrong.
    Complain(String),
    /// The popup closes.
    Close,
    /// The popup closes, and the status line says why.
    CloseSaying(String),
    /// Another popup opens on top of this one.
    Push(Overlay),
    /// This popup gives way to another.
    Replace(Overlay),
    /// Open this partner's card in place of the popup, selecting them in
    /// the partners pane.
    Open(String),
    /// A gesture to log, through the rules' warnings first.
    Log(Gesture),
    /// A change to make; forms stay open until it is made.
    Emit(Mutation),
    /// The popup closes and this pane takes the focus.
    Focus(Pane),
    /// The partners pane's filter, as typed so far; `close` when done.
    Filter { filter: Filter, close: bool },
    /// Copy this text to the clipboard (the runtime writes OSC 52).
    Copy(String),
    /// Open this text in `$EDITOR`; it comes back through [`App::edited`].
    Edit(String),
}

impl Overlay {
    fn handle_key(&mut self, key: KeyEvent, app: &App) -> Reply {
        match self {
            Overlay::Search(p) => p.handle_key(key, app),
            Overlay::Card(p) => archive::card_key(&key, app, &p.id).unwrap_or_else(|| p.handle_key(key, app)),
            Overlay::Help(p) => p.handle_key(key, app),
            Overlay::LogForm(p) => p.handle_key(key, app),
            Overlay::PartnerForm(p) => p.handle_key(key, &app.data.book),
            Overlay::Snooze(p) => p.handle_key(key, app.today),
            Overlay::Outcome(p) => p.handle_key(key),
            Overlay::Confirm(p) => p.handle_key(key),
            Overlay::Filter(p) => p.handle_key(key),
            Overlay::Insights(p) => p.handle_key(key, app),
            Overlay::DoneForm(p) => p.handle_key(key, app),
            Overlay::Draft(p) => p.handle_key(key, app),
            Overlay::Refer(p) => p.handle_key(key, app),
            Overlay::Archive(p) => p.handle_key(key),
            Overlay::Merge(p) => p.handle_key(key, app),
        }
    }

    /// Follows a change of the data the popup shows. `None`: the popup is
    /// about something that is gone, and closes.
    fn follow(self, app: &App) -> Option<Overlay> {
        match self {
            Overlay::Search(mut p) => {
                p.follow(app);
                Some(Overlay::Search(p))
            }
            Overlay::Insights(p) => Some(Overlay::Insights(p.follow(app))),
            Overlay::Card(p) if app.data.book.partner(&p.id).is_none() => None,
            Overlay::LogForm(p) if app.data.book.partner(&p.contact).is_none() => None,
            Overlay::Outcome(p) if app.data.book.partner(&p.update.contact).is_none() => None,
            Overlay::Draft(p) => p.follow(app).map(|p| Overlay::Draft(Box::new(p))),
            Overlay::Refer(mut p) => {
                p.follow(app);
                Some(Overlay::Refer(p))
            }
            Overlay::Archive(p) if app.data.book.partner(&p.partner.id).is_none() => None,
            Overlay::Merge(p) => p.follow(app).map(|p| Overlay::Merge(Box::new(p))),
            other => Some(other),
        }
    }
}

/// A change to the data, made by the runtime through the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Mutation {
    Log {
        gesture: Gesture,
    },
    /// An update given and the outcome it tells, set on the referral its
    /// `re` names, in one change.
    Update {
        gesture: Gesture,
        outcome: crate::domain::Outcome,
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
    /// An edit one key makes (archive, restore, accept a stage), with what
    /// the status line says of it ("Archived Dana Lee"); refused, as an
    /// edit is, if the partner changed on disk since `before`.
    Revise {
        before: Box<Partner>,
        after: Box<Partner>,
        text: String,
    },
    /// Partner `other` merged into `keep` (`M`), in one change.
    Merge {
        keep: String,
        other: String,
    },
    Undo,
    Redo,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Apply(Mutation),
    /// Put this text on the clipboard; the result comes back through
    /// [`App::copied`].
    Copy(String),
    /// Let the user edit this text in `$EDITOR`; the result comes back
    /// through [`App::edited`].
    Edit(String),
}

/// What the runtime did, handed back through [`App::apply`].
#[derive(Debug, Clone)]
pub enum Change {
    /// The gesture was appended to the files and, in place, to the data the
    /// app holds (as its last gesture); nothing else changed.
    Appended(String),
    /// Written through the store; the data as read afresh afterwards.
    Written(String, Box<Data>),
    /// The files changed outside this window; the data as read now.
    Reloaded(Box<Data>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A click or a turn of the wheel on a pane, as the screen's layout places
/// it (the runtime asks the UI where the pointer is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// A click on `row` of the list (its index in the pane, if there is one).
    Click {
        pane: Pane,
        row: Option<usize>,
    },
    Scroll {
        pane: Pane,
        down: bool,
    },
}

pub struct App {
    pub rules: crate::domain::Rules,
    pub ui: UiConfig,
    pub today: NaiveDate,
    pub keymap: Keymap,
    pub data: Data,
    pub view: View,
    pub focus: Pane,
    /// Selected row in each pane.
    pub sel: [usize; 3],
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    /// Nothing is written, and this says why.
    pub read_only: Option<ReadOnly>,
    /// The log shows only the selected partner's gestures.
    pub log_filter: bool,
    /// What the partners pane shows (`:`), and in what order (`o`).
    pub filter: Filter,
    pub sort: Sort,
    pub quit: bool,
    /// The last frame's size, for paging.
    pub screen: Rect,
    /// A change was asked for and its result has not come back yet.
    waiting: bool,
    /// `[me]`: who writes the drafts.
    pub me: crate::domain::draft::Me,
    /// The draft templates: the built-in ones, unless the runtime loads
    /// the user's own as well.
    pub templates: Vec<crate::domain::draft::Template>,
    /// The screen was left (for an editor): draw all of it again.
    pub repaint: bool,
}

impl App {
    pub fn new(config: Config, keymap: Keymap, today: NaiveDate, data: Data, read_only: Option<ReadOnly>) -> App {
        let Config { rules, ui, me, .. } = config;
        let view = View::build(&data, &rules, today, None);
        // What the load met (a torn last line, an old schema) is said once.
        let status = data.warnings.first().map(|w| Status {
            text: match data.warnings.len() {
                1 => format!("warning: {w}"),
                n => format!("warning: {w} (and {} more: rapport check)", n - 1),
            },
            error: true,
        });
        App {
            rules,
            ui,
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
            filter: Filter::default(),
            sort: Sort::default(),
            quit: false,
            screen: Rect::new(0, 0, 100, 30),
            waiting: false,
            me,
            templates: draft::default_templates(),
            repaint: false,
        }
    }

    /// The one way back from the runtime: what an effect did, or why it
    /// failed; or data read again after a change outside.
    pub fn apply(&mut self, result: Result<Change, StoreError>) {
        // A reload says nothing of the change asked for, which may still
        // come back after it.
        let asked = self.waiting && !matches!(result, Ok(Change::Reloaded(_)));
        if asked {
            self.waiting = false;
        }
        match result {
            Ok(Change::Appended(text)) => {
                self.keeping_selection(|app| {
                    let filter = app.log_filter_contact();
                    if filter == app.view.log_for {
                        app.view.gesture_added(&app.data, &app.rules, app.today);
                        if !app.filter.is_empty() || app.sort != Sort::Name {
                            app.arrange();
                        }
                    } else {
                        app.view = View::build(&app.data, &app.rules, app.today, filter.as_deref());
                        app.arrange();
                    }
                });
                self.done_with_forms(text);
            }
            Ok(Change::Written(text, data)) => {
                self.set_data(*data);
                self.done_with_forms(text);
            }
            Ok(Change::Reloaded(data)) => {
                self.set_data(*data);
                self.say("Reloaded: the files changed on disk");
            }
            Err(e) if asked => {
                self.overlays.retain(|o| !matches!(o, Overlay::Confirm(_)));
                self.complain(e.to_string());
            }
            // The files changed outside and do not read: the screen keeps
            // what it had.
            Err(e) => self.complain(format!("{e} (showing the last good state)")),
        }
    }

    /// Forms and warnings are done with once their change is made; a card
    /// stays open.
    fn done_with_forms(&mut self, text: String) {
        self.overlays.retain(|o| matches!(o, Overlay::Card(_)));
        self.say(text);
    }

    /// Replaces the data, keeping the selection on the same queue item and
    /// partner where they still exist, and the popups on what they show.
    fn set_data(&mut self, data: Data) {
        self.keeping_selection(|app| {
            app.data = data;
            app.rebuild_view();
        });
    }

    /// Runs `change` on the data and the view, then puts the selection back
    /// on the same queue item and partner where they still exist, and lets
    /// each popup follow.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut App)) {
        let item_key = self.selected_item().map(|i| i.key.clone());
        let partner = self.partner_at(self.sel[1]).map(|p| p.id.clone());
        change(self);
        if let Some(k) = item_key
            && let Some(i) = self.view.items.iter().position(|it| it.key == k)
        {
            self.sel[0] = i;
        }
        if let Some(i) = partner.and_then(|id| self.row_of(&id)) {
            self.sel[1] = i;
        }
        self.clamp();
        let overlays = std::mem::take(&mut self.overlays);
        self.overlays = overlays.into_iter().filter_map(|o| o.follow(self)).collect();
    }

    fn log_filter_contact(&self) -> Option<String> {
        if self.log_filter { self.selected_contact() } else { None }
    }

    fn rebuild_view(&mut self) {
        let filter = self.log_filter_contact();
        self.view = View::build(&self.data, &self.rules, self.today, filter.as_deref());
        self.arrange();
    }

    /// Puts the partners pane's rows in line with the filter and the sort.
    fn arrange(&mut self) {
        self.view.arrange(&self.data.book, &self.filter, self.sort, self.today);
    }

    /// A new filter or sort for the partners pane, keeping the selected
    /// partner selected if they are still shown.
    fn rearrange(&mut self, change: impl FnOnce(&mut App)) {
        let partner = self.partner_at(self.sel[1]).map(|p| p.id.clone());
        change(self);
        self.arrange();
        self.sel[1] = partner.and_then(|id| self.row_of(&id)).unwrap_or(0);
        self.clamp();
        if self.log_filter {
            self.rebuild_view();
        }
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

    /// The partner on a row of the partners pane.
    fn partner_at(&self, row: usize) -> Option<&Partner> {
        self.view.partners.get(row).map(|&i| &self.data.book.partners[i])
    }

    /// The row of the partners pane that shows this partner.
    fn row_of(&self, id: &str) -> Option<usize> {
        self.view
            .partners
            .iter()
            .position(|&i| self.data.book.partners[i].id == id)
    }

    /// The partner the focused pane points at.
    pub fn selected_contact(&self) -> Option<String> {
        match self.focus {
            Pane::Queue => self.selected_item().map(|i| i.contact.clone()),
            Pane::Partners => self.partner_at(self.sel[1]).map(|p| p.id.clone()),
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
        if let Some(why) = self.read_only {
            self.complain(why.refusal());
            return Vec::new();
        }
        self.waiting = true;
        vec![Effect::Apply(m)]
    }

    /// Logs a gesture, through the warning popup when a rule objects.
    fn log_gesture(&mut self, gesture: Gesture) -> Vec<Effect> {
        let warnings = warnings_for(&self.data.book, &self.rules, &gesture);
        if warnings.is_empty() {
            self.mutate(Mutation::Log { gesture })
        } else {
            self.overlays.push(Overlay::Confirm(confirm::Confirm {
                warnings,
                then: Box::new(Mutation::Log { gesture }),
            }));
            Vec::new()
        }
    }

    /// Handles one terminal event (mouse events come through [`App::mouse`]).
    pub fn handle_event(&mut self, event: &Event) -> Vec<Effect> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(*k),
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
        let mut overlays = std::mem::take(&mut self.overlays);
        let Some(top) = overlays.last_mut() else {
            self.status = None;
            return match self.keymap.action_for(&key) {
                Some(a) => self.act(a),
                None => Vec::new(),
            };
        };
        let reply = top.handle_key(key, self);
        self.overlays = overlays;
        self.answer(reply)
    }

    /// Does what the top popup asked for.
    fn answer(&mut self, reply: Reply) -> Vec<Effect> {
        match reply {
            Reply::Stay => {}
            Reply::Complain(text) => self.complain(text),
            Reply::Close => {
                self.overlays.pop();
            }
            Reply::CloseSaying(text) => {
                self.overlays.pop();
                self.say(text);
            }
            Reply::Push(o) => self.overlays.push(o),
            Reply::Replace(o) => {
                self.overlays.pop();
                self.overlays.push(o);
            }
            Reply::Open(id) => {
                self.overlays.pop();
                if let Some(row) = self.row_of(&id) {
                    self.sel[1] = row;
                }
                self.overlays.push(Overlay::Card(card::Card::new(id)));
            }
            Reply::Log(g) => return self.log_gesture(g),
            Reply::Emit(m) => return self.mutate(m),
            Reply::Focus(pane) => {
                self.overlays.pop();
                self.focus = pane;
            }
            Reply::Filter { filter, close } => {
                self.rearrange(|app| app.filter = filter);
                if close {
                    self.overlays.pop();
                }
            }
            Reply::Copy(text) => return vec![Effect::Copy(text)],
            Reply::Edit(text) => return vec![Effect::Edit(text)],
        }
        Vec::new()
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
            Action::Clear => {
                if self.filter.is_empty() {
                    self.say(format!("{} quits", self.keymap.key_label(Action::Quit)));
                } else {
                    self.rearrange(|app| app.filter = Filter::default());
                    self.say("Filter cleared");
                }
            }
            Action::Filter => {
                self.focus = Pane::Partners;
                self.overlays.push(Overlay::Filter(filter::FilterPrompt::new(self)));
            }
            Action::Sort => {
                self.focus = Pane::Partners;
                self.rearrange(|app| app.sort = app.sort.next());
                self.say(format!("Partners {}", self.sort.label()));
            }
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
            Action::FocusInsights => self.overlays.push(Overlay::Insights(insights::Insights::new(self))),
            Action::Help => self.overlays.push(Overlay::Help(help::Help::default())),
            Action::Search => self.overlays.push(Overlay::Search(search::Search::new(self))),
            Action::Open => match self.selected_contact() {
                Some(id) => self.overlays.push(Overlay::Card(card::Card::new(id))),
                None => self.complain("Nothing selected"),
            },
            Action::FilterLog => {
                self.log_filter = !self.log_filter;
                self.rebuild_view();
                self.sel[2] = 0;
                self.clamp();
            }
            Action::Done => return self.done(),
            Action::DoneWithForm => {
                if let Some(item) = self.queue_item_for(Action::DoneWithForm) {
                    let popup = done_form::DoneForm::new(self, &item);
                    self.overlays.push(Overlay::DoneForm(popup));
                }
            }
            Action::Snooze => self.open_snooze(),
            Action::Log => match self.selected_contact() {
                Some(id) => self.overlays.push(Overlay::LogForm(log_form::LogForm::new(self, &id))),
                None => self.complain("Select a partner first"),
            },
            Action::Add => self
                .overlays
                .push(Overlay::PartnerForm(partner_form::PartnerForm::new(None, &self.rules))),
            Action::Edit => match self
                .selected_contact()
                .and_then(|id| self.data.book.partner(&id).cloned())
            {
                Some(p) => self.overlays.push(Overlay::PartnerForm(partner_form::PartnerForm::new(
                    Some(p),
                    &self.rules,
                ))),
                None => self.complain("Select a partner first"),
            },
            Action::Write => self.open_draft(),
            Action::Refer => self.overlays.push(Overlay::Refer(Box::default())),
            Action::Archive => self.open_archive(),
            Action::Merge => self.open_merge(),
            Action::AcceptStage => return self.accept_stage(),
            Action::Undo => return self.mutate(Mutation::Undo),
            Action::Redo => return self.mutate(Mutation::Redo),
        }
        Vec::new()
    }

    /// The queue item `d` and `s` work on, or why there is none.
    fn queue_item_for(&mut self, a: Action) -> Option<QueueItem> {
        if self.focus != Pane::Queue {
            self.complain(format!(
                "{} works on queue items: press 1 for the queue",
                self.keymap.key_label(a)
            ));
            return None;
        }
        let item = self.selected_item().cloned();
        if item.is_none() {
            self.complain("The queue is empty");
        }
        item
    }

    fn done(&mut self) -> Vec<Effect> {
        let Some(item) = self.queue_item_for(Action::Done) else {
            return Vec::new();
        };
        let id = crate::store::new_gesture_id();
        match done_gesture(&self.data.book, &item, id, self.today, None, None) {
            Some(g) if item.kind == ItemKind::Update => {
                let popup = outcome::OutcomeChoice::for_item(self, &item, g);
                self.overlays.push(Overlay::Outcome(popup));
                Vec::new()
            }
            // The first message, or the follow-up: written before it is sent.
            Some(g) if matches!(item.kind, ItemKind::ReachOut | ItemKind::FollowUp) => {
                match draft::DraftPopup::for_item(self, &item) {
                    Some(d) => {
                        self.overlays.push(Overlay::Draft(Box::new(d)));
                        Vec::new()
                    }
                    None => self.log_gesture(g),
                }
            }
            Some(g) => self.log_gesture(g),
            None => {
                self.complain(format!(
                    "A one-way item clears when you give {} a referral ({} to log one), or snooze it",
                    self.name_of(&item.contact),
                    self.keymap.key_label(Action::Log)
                ));
                Vec::new()
            }
        }
    }

    fn open_snooze(&mut self) {
        if let Some(item) = self.queue_item_for(Action::Snooze) {
            let popup = snooze::Snooze::new(&item, &self.name_of(&item.contact));
            self.overlays.push(Overlay::Snooze(popup));
        }
    }

    /// A click or wheel turn on a pane; popups take no mouse input.
    pub fn mouse(&mut self, m: Mouse) {
        if !self.ui.mouse || !self.overlays.is_empty() {
            return;
        }
        match m {
            Mouse::Click { pane, row } => {
                self.focus = pane;
                if let Some(row) = row.filter(|&r| r < self.len(pane)) {
                    self.sel[pane.index()] = row;
                    // The filtered log follows the partner clicked.
                    if self.log_filter && pane != Pane::Log {
                        self.rebuild_view();
                        self.clamp();
                    }
                }
            }
            Mouse::Scroll { pane, down } => {
                self.focus = pane;
                self.move_by(if down { 3 } else { -3 });
            }
        }
    }
}
