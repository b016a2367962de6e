//! The merge popup (`M`): the partner to keep, picked from those who look
//! like the selected one or found by typing.

use super::Theme;
use super::frame::{boxed, popup};
use super::input::input_line;
use crate::app::App;
use crate::app::merge::MergePopup;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, p: &MergePopup, footer: String) {
    let r = popup(f, 84, 18);
    let b = boxed(
        format!("Merge {} ({}) into…", safe(&app.name_of(&p.other)), safe(&p.other)),
        footer,
        theme,
    );
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [prompt, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    input_line(theme, f, prompt, "The partner to keep: ", &p.list.input);
    let hint = if p.list.query().is_empty() {
        "No one looks like them (the same name and a phone, e-mail or organisation): type a few letters of the partner to keep."
    } else {
        "No partner matches."
    };
    let rows = p
        .list
        .hits
        .iter()
        .filter_map(|(id, why)| {
            let q = app.data.book.partner(id)?;
            let org = q.org.as_deref().map(|o| format!(" · {o}")).unwrap_or_default();
            Some((format!("{} ({}){org}", q.name, q.id), why.map(str::to_string)))
        })
        .collect();
    super::prompt::choices(theme, f, list, rows, p.list.sel, hint);
}
