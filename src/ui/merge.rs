//! The merge popup (`M`): the partner to keep, picked from those who look
//! like the selected one or found by typing.

use super::Theme;
use super::overlays::{boxed, popup};
use crate::app::App;
use crate::app::merge::MergePopup;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, p: &MergePopup) {
    let r = popup(f, 84, 18);
    let b = boxed(
        format!("Merge {} ({}) into…", safe(&app.name_of(&p.other)), safe(&p.other)),
        " ⏎ merge · ↑↓ move · Esc cancel ",
        theme,
    );
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [prompt, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    super::prompt::labelled_input(theme, f, prompt, "The partner to keep: ", &p.query);
    if p.hits.is_empty() {
        let hint = if p.query.value().trim().is_empty() {
            "No one looks like them (the same name and a phone, e-mail or organisation): type a few letters of the partner to keep."
        } else {
            "No partner matches."
        };
        f.render_widget(
            Paragraph::new(Span::styled(hint, theme.dim)).wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    let items: Vec<ListItem> = p
        .hits
        .iter()
        .filter_map(|(id, why)| {
            let q = app.data.book.partner(id)?;
            let org = q.org.as_deref().map(|o| format!(" · {o}")).unwrap_or_default();
            let mut lines = vec![Line::from(Span::styled(
                safe(&format!("{} ({}){org}", q.name, q.id)).into_owned(),
                theme.title,
            ))];
            if let Some(why) = why {
                lines.push(Line::from(Span::styled(format!("  {why}"), theme.dim)));
            }
            Some(ListItem::new(lines))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(p.sel));
    f.render_stateful_widget(
        List::new(items).highlight_style(theme.selected).highlight_symbol("▶"),
        list,
        &mut state,
    );
}
