//! Forms in their popup: the log and partner forms, snooze, done and the
//! outcome of an update.

use super::Theme;
use super::frame::{boxed, popup};
use super::input::{Look, input_line_as};
use crate::app::App;
use crate::app::form::{Field, FieldSet, Form};
use crate::app::keymap::Action;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// A form in its popup: each field beside its label, the error line at
/// the bottom.
pub fn draw<F: FieldSet>(app: &App, theme: &Theme, f: &mut Frame, form: &Form<F>, footer: String) {
    let new_line = app.keymap.key_label(Action::NewLine);
    let rows: Vec<_> = form.rows().collect();
    let heights: Vec<u16> = rows.iter().map(|(_, field, _)| field.height()).collect();
    // The error (or question) wraps under the fields; at 40 columns it is
    // two or three rows.
    let width = usize::from(64.min(f.area().width).saturating_sub(2).max(8));
    let error: Vec<String> = form.error.as_deref().map_or_else(Vec::new, |e| {
        let opts = textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::wrap(&safe(e), opts)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    });
    let error_rows = (error.len() as u16).max(1);
    let h = heights.iter().sum::<u16>() + 3 + error_rows;
    let r = popup(f, 64, h);
    let b = boxed(safe(&form.title).into_owned(), footer, theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let label_w = rows.iter().map(|(label, ..)| label.len()).max().unwrap_or(4) as u16 + 2;
    // On a short screen the rows scroll so the field being typed into shows.
    let room = inner.height.saturating_sub(error_rows).max(1);
    let focus = form.focus.min(rows.len().saturating_sub(1));
    let mut first = 0;
    while first < focus && heights[first..=focus].iter().sum::<u16>() > room {
        first += 1;
    }
    let mut y = inner.y;
    let fields_end = inner
        .bottom()
        .saturating_sub(if error.is_empty() { 0 } else { error_rows });
    for (i, (label, field, focused)) in rows.into_iter().enumerate().skip(first) {
        let height = heights[i].min(fields_end.saturating_sub(y));
        if height == 0 {
            break;
        }
        let row = Rect::new(inner.x, y, inner.width, height);
        y += height;
        let [l, v] = Layout::horizontal([Constraint::Length(label_w), Constraint::Fill(1)]).areas(row);
        f.render_widget(
            Paragraph::new(Span::styled(label, if focused { theme.key } else { Style::new() })),
            l,
        );
        match field {
            Field::Text { input, hint, rows, .. } if *rows > 1 => {
                text_area(theme, f, v, input, hint, focused, &new_line);
            }
            Field::Text {
                input, hint, preset, ..
            } => {
                // A preset shows as selected: typing replaces it.
                let value = if *preset && focused {
                    theme.selected
                } else {
                    Style::new()
                };
                let look = Look {
                    value,
                    hint,
                    cursor: focused,
                };
                input_line_as(theme, f, v, "", input, look);
            }
            Field::Choice { options, at } => {
                let text = format!("‹ {} ›", safe(options.get(*at).map(String::as_str).unwrap_or("")));
                f.render_widget(
                    Paragraph::new(Span::styled(text, if focused { theme.selected } else { Style::new() })),
                    v,
                );
            }
        }
    }
    if !error.is_empty() {
        let rows = error_rows.min(inner.height);
        let lines: Vec<Line> = error.into_iter().map(|l| Line::styled(l, theme.error)).collect();
        f.render_widget(
            Paragraph::new(lines),
            Rect::new(inner.x, inner.bottom().saturating_sub(rows), inner.width, rows),
        );
    }
}

/// A text field of several rows: its lines wrapped to the width, the rows
/// around the cursor shown, the cursor where the next char goes.
fn text_area(
    theme: &Theme,
    f: &mut Frame,
    area: Rect,
    input: &tui_input::Input,
    hint: &str,
    focused: bool,
    new_line: &str,
) {
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    if input.value().is_empty() {
        let more = if focused && !new_line.is_empty() {
            format!(" · {new_line}: new line")
        } else {
            String::new()
        };
        let hint = format!("{hint}{more}");
        f.render_widget(Paragraph::new(Span::styled(hint, theme.dim)), area);
        if focused {
            f.set_cursor_position((area.x, area.y));
        }
        return;
    }
    // Rows of at most `width` columns; the cursor's row and column.
    let mut rows: Vec<String> = vec![String::new()];
    let mut used = 0;
    let mut cursor = (0usize, 0usize);
    let at = input.cursor();
    for (i, c) in input.value().chars().enumerate() {
        if i == at {
            cursor = (rows.len() - 1, used);
        }
        if c == '\n' {
            rows.push(String::new());
            used = 0;
            continue;
        }
        let shown = safe(c.encode_utf8(&mut [0; 4])).into_owned();
        let w = UnicodeWidthStr::width(shown.as_str());
        if used + w > width {
            rows.push(String::new());
            used = 0;
            if i == at {
                cursor = (rows.len() - 1, 0);
            }
        }
        rows.last_mut().expect("never empty").push_str(&shown);
        used += w;
    }
    if at >= input.value().chars().count() {
        cursor = (rows.len() - 1, used);
    }
    let height = usize::from(area.height).max(1);
    let top = cursor.0.saturating_sub(height - 1);
    let lines: Vec<Line> = rows.into_iter().skip(top).take(height).map(Line::from).collect();
    f.render_widget(Paragraph::new(lines), area);
    if focused {
        f.set_cursor_position((area.x + cursor.1 as u16, area.y + (cursor.0 - top) as u16));
    }
}
