//! The stage a partner's log suggests (see `domain::stage`): shown on the
//! card, offered by the edit form, and accepted with one key (`S`).

use super::{App, Effect, Mutation};
use crate::domain::Stage;
use crate::domain::stage::{Suggestion, suggest_for};

/// What the log suggests for partner `id`, with why; `None` when it shows
/// nothing past their stage.
pub fn suggestion(app: &App, id: &str) -> Option<Suggestion> {
    suggest_for(&app.data.book, id, app.today)
}

/// The stage the log suggests for partner `id`: the edit form starts its
/// stage field there.
pub fn suggested_stage(app: &App, id: &str) -> Option<Stage> {
    suggestion(app, id).map(|s| s.to)
}

/// The change that accepts the suggestion for partner `id`, or why there
/// is none.
pub fn accept(app: &App, id: &str) -> Result<Mutation, String> {
    let p = app
        .data
        .book
        .partner(id)
        .ok_or_else(|| format!("{id} is no longer in contacts.toml"))?;
    let s = suggestion(app, id).ok_or_else(|| {
        format!(
            "No stage to accept: {}'s log shows nothing past {} yet",
            p.name, p.stage
        )
    })?;
    let mut after = p.clone();
    after.stage = s.to;
    Ok(Mutation::Revise {
        text: format!("{}: stage {} → {}", p.name, s.from, s.to),
        before: Box::new(p.clone()),
        after: Box::new(after),
    })
}

impl App {
    /// `S`: the selected partner moves to the stage their log suggests.
    pub(super) fn accept_stage(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_contact() else {
            self.complain("Select a partner first");
            return Vec::new();
        };
        match accept(self, &id) {
            Ok(m) => self.mutate(m),
            Err(why) => {
                self.complain(why);
                Vec::new()
            }
        }
    }
}
