//! The partners filter prompt: a box along the bottom of the screen, so
//! the pane it filters stays in view above it.

use super::Theme;
use super::frame::boxed;
use super::input::input_line;
use crate::app::filter::FilterPrompt;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

const HINT: &str = "words · #tag · stage:trust · quiet:90 · owe · connector · archived";

pub fn filter(theme: &Theme, f: &mut Frame, p: &FilterPrompt, footer: String) {
    let area = f.area();
    let h = 4.min(area.height);
    let r = Rect::new(area.x, area.bottom().saturating_sub(h + 1), area.width, h);
    f.render_widget(Clear, r);
    let b = boxed("Filter partners".into(), footer, theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    if inner.height == 0 {
        return;
    }
    input_line(theme, f, inner, ": ", &p.input);
    if inner.height > 1 {
        let second = Rect::new(inner.x, inner.y + 1, inner.width, 1);
        let text = match &p.error {
            Some(e) => Span::styled(safe(e).into_owned(), theme.late),
            None => Span::styled(HINT, theme.dim),
        };
        f.render_widget(Paragraph::new(Line::from(text)), second);
    }
}

/// The choices under a prompt: each a name line and a dim reason line
/// (safe-printed here), the selected one marked; `hint` when there are none.
pub(super) fn choices(
    theme: &Theme,
    f: &mut Frame,
    at: Rect,
    rows: Vec<(String, Option<String>)>,
    sel: usize,
    hint: &str,
) {
    use ratatui::widgets::{List, ListItem, ListState, Wrap};
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(Span::styled(hint.to_string(), theme.dim)).wrap(Wrap { trim: true }),
            at,
        );
        return;
    }
    let items: Vec<ListItem> = rows
        .into_iter()
        .map(|(name, why)| {
            let mut lines = vec![Line::from(Span::styled(safe(&name).into_owned(), theme.title))];
            if let Some(why) = why {
                lines.push(Line::from(Span::styled(format!("  {}", safe(&why)), theme.dim)));
            }
            ListItem::new(lines)
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(sel));
    f.render_stateful_widget(
        List::new(items).highlight_style(theme.selected).highlight_symbol("▶"),
        at,
        &mut state,
    );
}
