//! The stage a partner's log suggests (see `domain::stage`): shown on the
//! card and accepted with one key (`S`).

use super::{App, Effect};
use crate::domain::change::Change;
use crate::domain::stage::{Suggestion, suggest_for};

/// What the log suggests for partner `id`, with why; `None` when it shows
/// nothing past their stage.
pub fn suggestion(app: &App, id: &str) -> Option<Suggestion> {
    suggest_for(&app.data.book, id, app.today)
}

/// The change that accepts the suggestion for partner `id`, or why there
/// is none.
pub fn accept(app: &App, id: &str) -> Result<Change, String> {
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
    Ok(Change::AcceptStage {
        id: id.to_string(),
        to: s.to,
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
            Ok(c) => self.mutate(Effect::Apply(c)),
            Err(why) => {
                self.complain(why);
                Vec::new()
            }
        }
    }
}
