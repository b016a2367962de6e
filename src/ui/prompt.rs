//! The partners filter prompt: a box along the bottom of the screen, so
//! the pane it filters stays in view above it.

use super::Theme;
use crate::app::filter::FilterPrompt;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const HINT: &str = "words · #tag · stage:trust · quiet:90 · owe · connector · archived";

pub fn filter(theme: &Theme, f: &mut Frame, p: &FilterPrompt) {
    let area = f.area();
    let h = 4.min(area.height);
    let r = Rect::new(area.x, area.bottom().saturating_sub(h + 1), area.width, h);
    f.render_widget(Clear, r);
    let b = Block::bordered()
        .border_style(theme.focused_border)
        .title(Span::styled(" Filter partners ", theme.title))
        .title_bottom(Line::from(Span::styled(" ⏎ keep · Esc put back ", theme.dim)).right_aligned());
    let inner = b.inner(r);
    f.render_widget(b, r);
    if inner.height == 0 {
        return;
    }
    let width = inner.width.saturating_sub(3) as usize;
    let scroll = p.input.visual_scroll(width);
    let line = Rect::new(inner.x, inner.y, inner.width, 1);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(": ", theme.key),
            Span::raw(safe(p.input.value())),
        ]))
        .scroll((0, scroll as u16)),
        line,
    );
    f.set_cursor_position((
        inner.x + 2 + p.input.visual_cursor().saturating_sub(scroll) as u16,
        inner.y,
    ));
    if inner.height > 1 {
        let second = Rect::new(inner.x, inner.y + 1, inner.width, 1);
        let text = match &p.error {
            Some(e) => Span::styled(safe(e).into_owned(), theme.late),
            None => Span::styled(HINT, theme.dim),
        };
        f.render_widget(Paragraph::new(Line::from(text)), second);
    }
}

/// A one-line input after its label, scrolled so the cursor shows, with
/// the terminal's cursor on it. The label is made safe here.
pub(super) fn labelled_input(theme: &Theme, f: &mut Frame, at: Rect, label: &str, input: &tui_input::Input) {
    let label = safe(label).into_owned();
    let label_w = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
    let value_w = at.width.saturating_sub(label_w + 1) as usize;
    let scroll = input.visual_scroll(value_w);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label, theme.key),
            Span::raw(safe(input.value()).into_owned()),
        ]))
        .scroll((0, scroll as u16)),
        at,
    );
    f.set_cursor_position((
        at.x + label_w + input.visual_cursor().saturating_sub(scroll) as u16,
        at.y,
    ));
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
