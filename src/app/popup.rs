//! The popup protocol. Each popup is a unit in a file of its own: it owns
//! its state and answers the [`Popup`] contract — its keys (a [`Reply`]),
//! how it follows new data (`follow`, which every popup must answer: an
//! item popup looks its item up again by key and closes, saying why, when
//! it is gone) and the hints of its footer, written from the keymap. The
//! app drives the top one; this file is the only list of them.

use super::Effect;
use super::keymap::Action;
use super::{App, Pane};
use super::{archive, card, confirm, done_form, draft, filter, help, insights, log_form, merge, outcome};
use super::{partner_form, refer, search, snooze};
use crate::domain::Partner;
use crate::domain::change::{Change, Refusal};
use crate::domain::filter::Filter;
use crate::domain::queue::QueueItem;
use ratatui::crossterm::event::KeyEvent;

/// What a popup asks for after a key.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Handled; the popup stays.
    Stay,
    /// Handled; the popup stays, and the status line says what is wrong.
    Complain(String),
    /// Handled; the popup stays, and the status line says this.
    Tell(String),
    /// The popup closes.
    Close,
    /// The popup closes, and the status line says why.
    CloseSaying(String),
    /// Another popup opens on top of this one.
    Push(Overlay),
    /// Open this partner's card in place of the popup, selecting them in
    /// the partners pane.
    Open(String),
    /// A change that logs a gesture, made through the rules' warnings
    /// first.
    Log(Change),
    /// A change to make; forms stay open until it is made.
    Emit(Change),
    /// The popup closes and this pane takes the focus.
    Focus(Pane),
    /// The partners pane's filter, as typed so far; `close` when done.
    Filter { filter: Filter, close: bool },
    /// Copy this text to the clipboard (the runtime writes OSC 52).
    Copy(String),
    /// Open this text in `$EDITOR`; it comes back through [`App::edited`].
    Edit(String),
}

/// A group of actions and the word the footer shows for them
/// (`(&[Action::Save], "save")` → "⏎ save").
pub type Hint = (&'static [Action], &'static str);

/// What every popup answers.
pub trait Popup: Sized {
    /// What a key does.
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply;
    /// The popup after the data changed (a change made, a reload); `Err`
    /// says why it closes: what it is about is gone.
    fn follow(self, app: &App) -> Result<Self, String>;
    /// The keys its footer names, in order.
    fn hints(&self, app: &App) -> Vec<Hint>;
    /// Pasted text (bracketed paste): text for the field that has the
    /// focus, never keys. A popup with nothing to type into ignores it.
    fn paste(&mut self, _text: &str, _app: &App) -> Reply {
        Reply::Stay
    }
    /// True while the popup holds what the user typed or edited and has
    /// not saved: Ctrl-C then asks (through the popup's own cancel key)
    /// instead of quitting.
    fn unsaved(&self) -> bool {
        false
    }
}

impl<P: Popup> Popup for Box<P> {
    fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
        (**self).keys(key, app)
    }
    fn follow(self, app: &App) -> Result<Self, String> {
        (*self).follow(app).map(Box::new)
    }
    fn hints(&self, app: &App) -> Vec<Hint> {
        (**self).hints(app)
    }
    fn paste(&mut self, text: &str, app: &App) -> Reply {
        (**self).paste(text, app)
    }
    fn unsaved(&self) -> bool {
        (**self).unsaved()
    }
}

/// The footer of every form: save, next field, cancel.
pub const FORM_HINTS: [Hint; 3] = [
    (&[Action::Save], "save"),
    (&[Action::NextField], "next"),
    (&[Action::Cancel], "cancel"),
];

/// The footer of a pick-list, with what a pick does.
pub fn list_hints(pick: &'static str) -> Vec<Hint> {
    vec![
        (&[Action::Pick], pick),
        (&[Action::Prev, Action::Next], "move"),
        (&[Action::Cancel], "cancel"),
    ]
}

macro_rules! overlays {
    ($($(#[$doc:meta])* $name:ident($ty:ty),)*) => {
        /// The popups, top last. Keys go to the top one.
        #[derive(Debug, Clone)]
        pub enum Overlay {
            $($(#[$doc])* $name($ty),)*
        }

        impl Overlay {
            pub(super) fn keys(&mut self, key: KeyEvent, app: &App) -> Reply {
                match self {
                    $(Overlay::$name(p) => Popup::keys(p, key, app),)*
                }
            }

            /// Follows a change of the data the popup shows: `Err` says
            /// why the popup closes, for the status line.
            pub(super) fn follow(self, app: &App) -> Result<Overlay, String> {
                match self {
                    $(Overlay::$name(p) => Popup::follow(p, app).map(Overlay::$name),)*
                }
            }

            pub(super) fn paste(&mut self, text: &str, app: &App) -> Reply {
                match self {
                    $(Overlay::$name(p) => Popup::paste(p, text, app),)*
                }
            }

            pub(super) fn unsaved(&self) -> bool {
                match self {
                    $(Overlay::$name(p) => Popup::unsaved(p),)*
                }
            }

            /// The keys the popup's footer names.
            pub fn hints(&self, app: &App) -> Vec<Hint> {
                match self {
                    $(Overlay::$name(p) => Popup::hints(p, app),)*
                }
            }
        }
    };
}

overlays! {
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

impl App {
    /// Does what the top popup asked for.
    pub(super) fn answer(&mut self, reply: Reply) -> Vec<Effect> {
        match reply {
            Reply::Stay => {}
            Reply::Complain(text) => self.complain(text),
            Reply::Tell(text) => self.say(text),
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
                    self.select(Pane::Partners, row);
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

    /// Why a popup about partner `id` closes.
    pub(super) fn gone(&self, id: &str) -> String {
        format!("{id} is no longer in contacts.toml; the popup about them closed")
    }

    /// The partner a popup is about, or why it closes.
    pub(super) fn partner_still_here(&self, id: &str) -> Result<&Partner, String> {
        self.data.book.partner(id).ok_or_else(|| self.gone(id))
    }

    /// The queue item a popup is about, looked up again by key, or why it
    /// closes: it was cleared (or snoozed) meanwhile.
    pub(super) fn item_still_open(&self, key: &str) -> Result<&QueueItem, String> {
        self.view.item(key).ok_or_else(|| {
            let what = key.split(':').next().unwrap_or("queue");
            let id = key.split(':').nth(1).unwrap_or_default();
            Refusal::Cleared(format!("That {what} item for {}", self.name_of(id))).to_string()
        })
    }
}
