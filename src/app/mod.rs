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
pub mod pick;
pub mod popup;
pub mod read_only;
pub mod refer;
pub mod scroll;
pub mod search;
pub mod snooze;
pub mod stage;
mod view;

use crate::config::{Config, UiConfig};
use crate::domain::change::{Applied, Change, Refusal};
use crate::domain::done::done_gesture;
use crate::domain::filter::{Filter, Sort};
use crate::domain::ledger::warnings_for;
use crate::domain::queue::{ItemKind, QueueItem};
use crate::domain::{Gesture, Partner};
use crate::store::{Data, StoreError};
use chrono::NaiveDate;
use keymap::{Action, Keymap};
pub use popup::{Overlay, Popup, Reply};
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

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A change made through the store's one `apply`.
    Apply(Change),
    /// Take back the last change (or, with redo, make it again).
    Undo,
    Redo,
    /// Put this text on the clipboard; the result comes back through
    /// [`App::copied`].
    Copy(String),
    /// Let the user edit this text in `$EDITOR`; the result comes back
    /// through [`App::edited`].
    Edit(String),
}

/// What the runtime did, handed back through [`App::apply`].
#[derive(Debug, Clone)]
pub enum Landed {
    /// The gesture was appended to the files and, in place, to the data the
    /// app holds (as its last gesture); nothing else changed.
    Appended(Applied),
    /// Written through the store; the data as read afresh afterwards.
    Written(Applied, Box<Data>),
    /// The last change undone (`redo`: made again), as the journal names
    /// it (`None`: there was nothing to take back); the data read afresh.
    Stepped {
        redo: bool,
        label: Option<String>,
        data: Box<Data>,
    },
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
    pub fn apply(&mut self, result: Result<Landed, StoreError>) {
        // A reload says nothing of the change asked for, which may still
        // come back after it.
        let asked = self.waiting && !matches!(result, Ok(Landed::Reloaded(_)));
        if asked {
            self.waiting = false;
        }
        match result {
            Ok(Landed::Appended(applied)) => {
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
                self.done_with_forms(&applied);
            }
            Ok(Landed::Written(applied, data)) => {
                self.set_data(*data);
                self.done_with_forms(&applied);
            }
            Ok(Landed::Stepped { redo, label, data }) => {
                self.set_data(*data);
                let text = match (redo, label) {
                    (false, Some(l)) => format!("Undid: {l} · {} to redo", self.keymap.key_label(Action::Redo)),
                    (true, Some(l)) => format!("Redid: {l} · {} to undo", self.keymap.key_label(Action::Undo)),
                    (false, None) => "Nothing to undo".to_string(),
                    (true, None) => "Nothing to redo".to_string(),
                };
                self.say(text);
            }
            Ok(Landed::Reloaded(data)) => match self.set_data(*data) {
                Some(why) => self.complain(format!("Reloaded: {why}")),
                None => self.say("Reloaded: the files changed on disk"),
            },
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
    fn done_with_forms(&mut self, applied: &Applied) {
        self.overlays.retain(|o| matches!(o, Overlay::Card(_)));
        let mut text = applied.summary.clone();
        for w in &applied.warnings {
            text.push_str(&format!(" · warning: {w}"));
        }
        for n in &applied.notes {
            text.push_str(&format!(" · {n}"));
        }
        if applied.changed {
            text.push_str(&format!(" · {} to undo", self.keymap.key_label(Action::Undo)));
        }
        self.say(text);
    }

    /// Replaces the data, keeping the selection on the same queue item and
    /// partner where they still exist, and the popups on what they show.
    fn set_data(&mut self, data: Data) -> Option<String> {
        self.keeping_selection(|app| {
            app.data = data;
            app.rebuild_view();
        })
    }

    /// Why a popup about partner `id` closes.
    fn gone(&self, id: &str) -> String {
        format!("{id} is no longer in contacts.toml; the popup about them closed")
    }

    /// The partner a popup is about, or why it closes.
    fn partner_still_here(&self, id: &str) -> Result<&Partner, String> {
        self.data.book.partner(id).ok_or_else(|| self.gone(id))
    }

    /// The queue item a popup is about, looked up again by key, or why it
    /// closes: it was cleared (or snoozed) meanwhile.
    fn item_still_open(&self, key: &str) -> Result<&QueueItem, String> {
        self.view.items.iter().find(|i| i.key == key).ok_or_else(|| {
            let what = key.split(':').next().unwrap_or("queue");
            let id = key.split(':').nth(1).unwrap_or_default();
            Refusal::Cleared(format!("That {what} item for {}", self.name_of(id))).to_string()
        })
    }

    /// Runs `change` on the data and the view, then puts the selection back
    /// on the same queue item and partner where they still exist, and lets
    /// each popup follow; a popup about something gone closes, and the
    /// first one to close says why.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut App)) -> Option<String> {
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
        let mut closed = None;
        for o in overlays {
            match o.follow(self) {
                Ok(o) => self.overlays.push(o),
                Err(why) => closed = closed.or(Some(why)),
            }
        }
        closed
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

    /// A change (or an undo, a redo), unless this window is read-only.
    fn mutate(&mut self, effect: Effect) -> Vec<Effect> {
        if let Some(why) = self.read_only {
            self.complain(why.refusal());
            return Vec::new();
        }
        self.waiting = true;
        vec![effect]
    }

    /// Makes a change that logs a gesture, through the warning popup when
    /// a rule objects to the gesture.
    fn log_gesture(&mut self, change: Change) -> Vec<Effect> {
        let warnings = self
            .gesture_of(&change)
            .map(|g| warnings_for(&self.data.book, &self.rules, &g))
            .unwrap_or_default();
        if warnings.is_empty() {
            self.mutate(Effect::Apply(change))
        } else {
            self.overlays
                .push(Overlay::Confirm(confirm::Confirm::new(warnings, change)));
            Vec::new()
        }
    }

    /// The gesture a change would log, as the data on screen has it.
    fn gesture_of(&self, change: &Change) -> Option<Gesture> {
        match change {
            Change::Log { gesture } | Change::ReferGiven { gesture } | Change::DraftSent { gesture } => {
                Some(gesture.clone())
            }
            Change::Done {
                key, kind, date, note, ..
            } => {
                let item = self.view.items.iter().find(|i| &i.key == key)?;
                done_gesture(&self.data.book, item, String::new(), *date, *kind, note.clone())
            }
            _ => None,
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
        let reply = top.keys(key, self);
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
            Reply::Open(id) => {
                self.overlays.pop();
                if let Some(row) = self.row_of(&id) {
                    self.sel[1] = row;
                }
                self.overlays.push(Overlay::Card(card::Card::new(id)));
            }
            Reply::Log(g) => return self.log_gesture(g),
            Reply::Emit(c) => return self.mutate(Effect::Apply(c)),
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
            // The popups' own keys: the main screen never looks them up.
            Action::Close
            | Action::MarkSent
            | Action::Copy
            | Action::EditText
            | Action::NextTemplate
            | Action::Pick
            | Action::Prev
            | Action::Next
            | Action::Save
            | Action::Cancel
            | Action::NextField
            | Action::PrevField
            | Action::NextChoice
            | Action::PrevChoice
            | Action::NewLine
            | Action::Yes
            | Action::No => {}
            Action::Undo => return self.mutate(Effect::Undo),
            Action::Redo => return self.mutate(Effect::Redo),
        }
        Vec::new()
    }

    /// The queue item `d` and `s` work on, or why there is none.
    fn queue_item_for(&mut self, a: Action) -> Option<QueueItem> {
        if self.focus != Pane::Queue {
            self.complain(format!(
                "{} works on queue items: press {} for the queue",
                self.keymap.key_label(a),
                self.keymap.key_label(Action::FocusQueue)
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
        match done_gesture(&self.data.book, &item, String::new(), self.today, None, None) {
            Some(_) if item.kind == ItemKind::Update => {
                let popup = outcome::OutcomeChoice::for_item(self, &item);
                self.overlays.push(Overlay::Outcome(popup));
                Vec::new()
            }
            // The first message, or the follow-up: written before it is sent.
            Some(_) if matches!(item.kind, ItemKind::ReachOut | ItemKind::FollowUp) => {
                match draft::DraftPopup::for_item(self, &item) {
                    Some(d) => {
                        self.overlays.push(Overlay::Draft(Box::new(d)));
                        Vec::new()
                    }
                    None => self.log_gesture(done_change(&item.key, self.today)),
                }
            }
            Some(_) => self.log_gesture(done_change(&item.key, self.today)),
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

/// Done on the queue item `key` with its own gesture, today: the domain
/// checks again that the item is still open.
pub fn done_change(key: &str, today: NaiveDate) -> Change {
    Change::Done {
        key: key.to_string(),
        kind: None,
        date: today,
        note: None,
        outcome: None,
    }
}
