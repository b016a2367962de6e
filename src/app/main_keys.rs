//! The main screen's keys: each through the keymap to an action, or to
//! the top popup when one is open.

use super::keymap::Action;
use super::{App, Effect, Overlay, Pane, Reply};
use super::{card, done_form, filter, help, insights, log_form, partner_form, search};
use crate::domain::filter::Filter;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

impl App {
    /// Handles one terminal event (mouse events come through [`App::mouse`]).
    pub fn handle_event(&mut self, event: &Event) -> Vec<Effect> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(*k),
            Event::Paste(text) => {
                let mut overlays = std::mem::take(&mut self.overlays);
                let reply = match overlays.last_mut() {
                    Some(top) => top.paste(text, self),
                    // The main screen types nothing: a paste is not keys.
                    None => Reply::Stay,
                };
                self.overlays = overlays;
                self.answer(reply)
            }
            Event::Resize(w, h) => {
                self.screen = Rect::new(0, 0, *w, *h);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Ctrl-C quits, unless a popup holds unsaved input: the popups
        // above it close and it asks, as its cancel key does; a second
        // Ctrl-C in a row quits all the same.
        if super::form::is_interrupt(&key) {
            let unsaved = self.overlays.iter().rposition(|o| o.unsaved());
            match unsaved.filter(|_| !std::mem::take(&mut self.interrupted)) {
                Some(at) => {
                    self.overlays.truncate(at + 1);
                    self.interrupted = true;
                }
                None => {
                    self.quit = true;
                    return Vec::new();
                }
            }
        } else {
            self.interrupted = false;
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
                // A new order starts at its top.
                self.select(Pane::Partners, 0);
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
                self.select(Pane::Log, 0);
            }
            Action::Done => return self.done(),
            Action::DoneWithForm => {
                if let Some(item) = self.queue_item_for(Action::DoneWithForm) {
                    let popup = done_form::DoneForm::new(self, &item);
                    self.overlays.push(Overlay::DoneForm(popup));
                }
            }
            Action::Snooze => self.open_snooze(),
            Action::Unsnooze => match self.unsnooze_change(None) {
                Ok(change) => return self.mutate(super::Effect::Apply(change)),
                Err(why) => self.complain(why),
            },
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
}
