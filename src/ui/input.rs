//! The one input line: a label, then what is typed, scrolled so the cursor
//! shows, with the terminal's cursor on it. Search, the filter, merge,
//! refer and the archive reason all type into it.

use super::Theme;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Draws `input` after `label` (made safe here) on the first row of `at`.
pub fn input_line(theme: &Theme, f: &mut Frame, at: Rect, label: &str, input: &tui_input::Input) {
    if at.height == 0 {
        return;
    }
    let at = Rect { height: 1, ..at };
    let label = safe(label).into_owned();
    let label_w = UnicodeWidthStr::width(label.as_str()) as u16;
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
