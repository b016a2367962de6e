//! The archive popup (`x`): a reason to type, or "Restore NAME?".

use super::Theme;
use super::frame::{boxed, popup};
use super::input::input_line;
use crate::app::App;
use crate::app::archive::Archive;
use crate::app::keymap::Action;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, p: &Archive, footer: String) {
    let name = safe(&p.partner.name).into_owned();
    let (title, lines) = if p.restoring() {
        let why = match &p.partner.archived_reason {
            Some(r) => format!("Archived: {}", safe(r)),
            None => "Archived, no reason given".to_string(),
        };
        (
            format!("Restore {name}?"),
            vec![
                Line::from(why),
                Line::from(Span::styled("They come back to the panes and the queue.", theme.dim)),
            ],
        )
    } else {
        (
            format!("Archive {name}"),
            vec![
                Line::from("Why? (optional, e.g. not a fit)"),
                Line::from(""),
                Line::from(Span::styled(
                    format!(
                        "They leave the panes and the queue; their history stays. {} undoes; {}archived lists them.",
                        app.keymap.key_label(Action::Undo),
                        app.keymap.key_label(Action::Filter)
                    ),
                    theme.dim,
                )),
            ],
        )
    };
    let area = f.area();
    let width = 60.min(area.width);
    // As tall as its lines wrap to, within the screen.
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| textwrap::wrap(&l.to_string(), inner_w).len().max(1))
        .sum();
    let height = (rows as u16 + 2).min(area.height);
    let r = popup(f, width, height);
    let b = boxed(title, footer, theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    if p.restoring() || inner.height < 2 {
        return;
    }
    // The reason, on the line under the question.
    let row = Rect::new(inner.x, inner.y + 1, inner.width, 1);
    input_line(theme, f, row, "> ", &p.reason);
}
