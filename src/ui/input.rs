//! The one input line: a label, then what is typed, scrolled so the cursor
//! shows, with the terminal's cursor on it. Search, the filter, merge,
//! refer, the archive reason and every one-line field of a form type into
//! it.

use super::Theme;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// How a line looks beyond its text.
#[derive(Debug, Clone, Copy)]
pub struct Look<'a> {
    /// The style of what is typed (a form's preset shows as selected).
    pub value: Style,
    /// Dim words in place of an empty value, or after it where they fit.
    pub hint: &'a str,
    /// The terminal's cursor is on this line.
    pub cursor: bool,
}

impl Default for Look<'_> {
    fn default() -> Self {
        Look {
            value: Style::new(),
            hint: "",
            cursor: true,
        }
    }
}

/// Draws `input` after `label` (made safe here) on the first row of `at`.
pub fn input_line(theme: &Theme, f: &mut Frame, at: Rect, label: &str, input: &tui_input::Input) {
    input_line_as(theme, f, at, label, input, Look::default());
}

/// As [`input_line`], looking as `look` says.
pub fn input_line_as(theme: &Theme, f: &mut Frame, at: Rect, label: &str, input: &tui_input::Input, look: Look) {
    if at.height == 0 {
        return;
    }
    let at = Rect { height: 1, ..at };
    let label = safe(label).into_owned();
    let label_w = UnicodeWidthStr::width(label.as_str()) as u16;
    let value_w = at.width.saturating_sub(label_w + 1) as usize;
    let scroll = input.visual_scroll(value_w);
    let value = safe(input.value()).into_owned();
    let mut spans = Vec::new();
    if !label.is_empty() {
        spans.push(Span::styled(label, theme.key));
    }
    let hint = look.hint;
    if value.is_empty() && !hint.is_empty() {
        spans.push(Span::styled(hint.to_string(), theme.dim));
    } else {
        let used = UnicodeWidthStr::width(value.as_str());
        spans.push(Span::styled(value, look.value));
        // The hint after the value, where there is room.
        if !hint.is_empty() && scroll == 0 && used + 2 + UnicodeWidthStr::width(hint) <= value_w {
            spans.push(Span::styled(format!("  {hint}"), theme.dim));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)).scroll((0, scroll as u16)), at);
    if look.cursor {
        f.set_cursor_position((
            at.x + label_w + input.visual_cursor().saturating_sub(scroll) as u16,
            at.y,
        ));
    }
}
