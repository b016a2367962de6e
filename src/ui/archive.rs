//! The archive popup (`x`): a reason to type, or "Restore NAME?".

use super::Theme;
use crate::app::archive::Archive;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(theme: &Theme, f: &mut Frame, p: &Archive) {
    let name = safe(&p.partner.name).into_owned();
    let (title, footer, lines) = if p.restoring() {
        let why = match &p.partner.archived_reason {
            Some(r) => format!("Archived: {}", safe(r)),
            None => "Archived, no reason given".to_string(),
        };
        (
            format!(" Restore {name}? "),
            " y restore · n keep archived ",
            vec![
                Line::from(why),
                Line::from(Span::styled("They come back to the panes and the queue.", theme.dim)),
            ],
        )
    } else {
        (
            format!(" Archive {name} "),
            " ⏎ archive · Esc cancel ",
            vec![
                Line::from("Why? (optional, e.g. not a fit)"),
                Line::from(""),
                Line::from(Span::styled(
                    "They leave the panes and the queue; their history stays. u undoes; :archived lists them.",
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
    let r = area.centered(Constraint::Length(width), Constraint::Length(height));
    f.render_widget(Clear, r);
    let b = Block::bordered()
        .border_style(theme.focused_border)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(Span::styled(footer, theme.dim)).right_aligned());
    let inner = b.inner(r);
    f.render_widget(b, r);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    if p.restoring() || inner.height < 2 {
        return;
    }
    // The reason, on the line under the question.
    let row = Rect::new(inner.x, inner.y + 1, inner.width, 1);
    let width = row.width.saturating_sub(3) as usize;
    let scroll = p.reason.visual_scroll(width);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", theme.key),
            Span::raw(safe(p.reason.value())),
        ]))
        .scroll((0, scroll as u16)),
        row,
    );
    f.set_cursor_position((
        row.x + 2 + p.reason.visual_cursor().saturating_sub(scroll) as u16,
        row.y,
    ));
}
