//! Popups: search, the partner card, help, forms and rule warnings. Stored
//! and typed text reaches a `Span` only through `safe`.

use super::Theme;
use crate::app::form::{Field, FieldSet, Form};
use crate::app::scroll::Scroll;
use crate::app::{App, Overlay};
use crate::domain::search::{Field as SearchField, excerpt};
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, o: &Overlay) {
    match o {
        Overlay::Search(s) => search(app, theme, f, &s.input, &s.hits, s.sel),
        Overlay::Card(c) => super::card::draw(app, theme, f, &c.id, &c.scroll),
        Overlay::Help(h) => help(app, theme, f, &h.scroll),
        Overlay::LogForm(p) => form_popup(theme, f, &p.form),
        Overlay::PartnerForm(p) => form_popup(theme, f, &p.form),
        Overlay::Snooze(p) => form_popup(theme, f, &p.form),
        Overlay::Outcome(p) => form_popup(theme, f, &p.form),
        Overlay::DoneForm(p) => form_popup(theme, f, &p.form),
        Overlay::Confirm(c) => confirm(theme, f, &c.warnings),
        Overlay::Filter(p) => super::prompt::filter(theme, f, p),
        Overlay::Insights(p) => super::insights::draw(app, theme, f, p),
        Overlay::Draft(d) => super::reach::draft(app, theme, f, d),
        Overlay::Refer(r) => super::reach::refer(app, theme, f, r),
        Overlay::Archive(p) => super::archive::draw(theme, f, p),
        Overlay::Merge(p) => super::merge::draw(app, theme, f, p),
    }
}

/// A popup of at most `w`×`h`, centred, never larger than the screen.
pub(super) fn popup(f: &mut Frame, w: u16, h: u16) -> Rect {
    let area = f.area();
    let r = area.centered(
        Constraint::Length(w.min(area.width)),
        Constraint::Length(h.min(area.height)),
    );
    f.render_widget(Clear, r);
    r
}

pub(super) fn boxed<'a>(title: String, footer: &'a str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_style(theme.focused_border)
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(Line::from(Span::styled(footer, theme.dim)).right_aligned())
}

fn search(
    app: &App,
    theme: &Theme,
    f: &mut Frame,
    input: &tui_input::Input,
    hits: &[crate::domain::search::Hit],
    sel: usize,
) {
    let r = popup(f, 70, 20);
    let b = boxed("Search partners".into(), " ⏎ open · ↑↓ move · Esc cancel ", theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [prompt, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let width = prompt.width.saturating_sub(3) as usize;
    let scroll = input.visual_scroll(width);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", theme.key),
            Span::raw(safe(input.value())),
        ]))
        .scroll((0, scroll as u16)),
        prompt,
    );
    f.set_cursor_position((
        prompt.x + 2 + (input.visual_cursor().saturating_sub(scroll)) as u16,
        prompt.y,
    ));
    let book = &app.data.book;
    let items: Vec<ListItem> = hits
        .iter()
        .take(200)
        .map(|h| {
            let p = &book.partners[h.index];
            let mut spans: Vec<Span> = p
                .name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    let style = if h.name_chars.contains(&i) {
                        theme.matched
                    } else {
                        Style::new()
                    };
                    Span::styled(safe(c.encode_utf8(&mut [0; 4])).into_owned(), style)
                })
                .collect();
            if app.view.connectors.contains(&p.id) {
                spans.push(Span::styled(" ★", theme.star));
            }
            let extra: Vec<&str> = [p.org.as_deref(), p.role.as_deref()].into_iter().flatten().collect();
            if !extra.is_empty() {
                spans.push(Span::styled(format!("  {}", safe(&extra.join(" · "))), theme.dim));
            }
            let mut lines = vec![Line::from(spans)];
            // A match outside what the line shows: where, and the words.
            if let Some(field) = h.field.filter(|f| !matches!(f, SearchField::Org | SearchField::Role))
                && let Some(text) = field.text(p)
                && let Some(ex) = excerpt(&text, input.value(), (list.width as usize).saturating_sub(14))
            {
                let mut second = vec![Span::styled(format!("   {}: ", field.label()), theme.dim)];
                second.extend(ex.text.chars().enumerate().map(|(i, c)| {
                    let style = if ex.marked.contains(&i) {
                        theme.matched
                    } else {
                        theme.dim
                    };
                    Span::styled(safe(c.encode_utf8(&mut [0; 4])).into_owned(), style)
                }));
                lines.push(Line::from(second));
            }
            ListItem::new(lines)
        })
        .collect();
    if items.is_empty() {
        f.render_widget(Paragraph::new(Span::styled("No partner matches", theme.dim)), list);
        return;
    }
    let mut state = ListState::default().with_selected(Some(sel));
    f.render_stateful_widget(
        List::new(items).highlight_style(theme.selected).highlight_symbol("▶"),
        list,
        &mut state,
    );
}

fn help(app: &App, theme: &Theme, f: &mut Frame, scroll: &Scroll) {
    let width = 84.min(f.area().width);
    let inner = usize::from(width.saturating_sub(2)).max(12);
    let wrap = |text: &str, first: usize, rest: usize| -> Vec<String> {
        let indent = " ".repeat(rest);
        let opts = textwrap::Options::new(inner)
            .initial_indent(&indent[..first.min(rest)])
            .subsequent_indent(&indent);
        textwrap::wrap(text, opts).into_iter().map(|l| l.into_owned()).collect()
    };
    let mut lines: Vec<Line> = wrap("Keys (remap them under [keys] in config.toml)", 0, 0)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.title)))
        .collect();
    // An action whose keys a remap took says so.
    let keys_of = |b: &crate::app::keymap::Binding| match b.keys.is_empty() {
        true => "(no key)".to_string(),
        false => b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
    };
    let mut rows: Vec<(String, String)> = app
        .keymap
        .bindings
        .iter()
        .map(|b| {
            // The keymap is the user's file: escaped like stored text.
            let desc = format!("{}  ({})", b.desc, b.name);
            (safe(&keys_of(b)).into_owned(), safe(&desc).into_owned())
        })
        .collect();
    rows.push(("Ctrl-c".into(), "Quit, always".into()));
    let longest = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0).max(6) + 2;
    // The keys' column, narrower on a narrow screen; descriptions wrap
    // under their own column.
    let w = longest.min((inner / 3).max(8));
    for (keys, desc) in rows {
        let key_w = keys.width();
        let text = wrap(&desc, w, w);
        if key_w >= w {
            // A key too long for the column gets a line of its own.
            lines.push(Line::from(Span::styled(keys.clone(), theme.key)));
        }
        for (n, l) in text.into_iter().enumerate() {
            if n == 0 && key_w < w {
                lines.push(Line::from(vec![
                    Span::styled(format!("{keys}{}", " ".repeat(w - key_w)), theme.key),
                    Span::raw(l[w..].to_string()),
                ]));
            } else {
                lines.push(Line::from(l));
            }
        }
    }
    lines.push(Line::from(""));
    for l in wrap(&format!("The queue: {}", crate::domain::queue::ORDER), 0, 0) {
        lines.push(Line::from(l));
    }
    lines.push(Line::from(""));
    for l in wrap(
        "In forms: Tab/↓ next field · ←→ change a choice · ⏎ save · Esc cancel",
        0,
        0,
    ) {
        lines.push(Line::from(Span::styled(l, theme.dim)));
    }
    let r = popup(f, width, lines.len() as u16 + 2);
    let b = boxed("Help".into(), " Esc close ", theme);
    // No further than the last line at the bottom.
    let last = (lines.len() as u16).saturating_sub(r.height.saturating_sub(2));
    f.render_widget(Paragraph::new(lines).block(b).scroll((scroll.bound(last), 0)), r);
}

fn form_popup<F: FieldSet>(theme: &Theme, f: &mut Frame, form: &Form<F>) {
    let rows: Vec<_> = form.rows().collect();
    let heights: Vec<u16> = rows.iter().map(|(_, field, _)| field.height()).collect();
    let h = heights.iter().sum::<u16>() + 4;
    let r = popup(f, 64, h);
    let b = boxed(
        safe(&form.title).into_owned(),
        " ⏎ save · Tab next · Esc cancel ",
        theme,
    );
    let inner = b.inner(r);
    f.render_widget(b, r);
    let label_w = rows.iter().map(|(label, ..)| label.len()).max().unwrap_or(4) as u16 + 2;
    // On a short screen the rows scroll so the field being typed into shows.
    let room = inner.height.saturating_sub(1).max(1);
    let focus = form.focus.min(rows.len().saturating_sub(1));
    let mut first = 0;
    while first < focus && heights[first..=focus].iter().sum::<u16>() > room {
        first += 1;
    }
    let mut y = inner.y;
    for (i, (label, field, focused)) in rows.into_iter().enumerate().skip(first) {
        let height = heights[i].min(inner.bottom().saturating_sub(y));
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
                text_area(theme, f, v, input, hint, focused);
            }
            Field::Text {
                input, hint, preset, ..
            } => {
                let width = v.width.saturating_sub(1) as usize;
                let scroll = input.visual_scroll(width);
                // A preset shows as selected: typing replaces it.
                let value_style = if *preset && focused {
                    theme.selected
                } else {
                    Style::new()
                };
                let mut spans = vec![Span::styled(safe(input.value()), value_style)];
                if input.value().is_empty() && !hint.is_empty() {
                    spans = vec![Span::styled(hint.as_str(), theme.dim)];
                } else if !hint.is_empty() && scroll == 0 {
                    // The hint after the value, where there is room.
                    let used = UnicodeWidthStr::width(safe(input.value()).as_ref());
                    if used + 2 + UnicodeWidthStr::width(hint.as_str()) <= width {
                        spans.push(Span::styled(format!("  {hint}"), theme.dim));
                    }
                }
                f.render_widget(Paragraph::new(Line::from(spans)).scroll((0, scroll as u16)), v);
                if focused {
                    f.set_cursor_position((v.x + (input.visual_cursor().saturating_sub(scroll)) as u16, v.y));
                }
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
    if let Some(e) = &form.error {
        let y = inner.bottom().saturating_sub(1);
        f.render_widget(
            Paragraph::new(Span::styled(safe(e), theme.error)),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}

fn confirm(theme: &Theme, f: &mut Frame, warnings: &[String]) {
    let mut lines: Vec<Line> = warnings.iter().map(|w| Line::from(format!("• {}", safe(w)))).collect();
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme.key),
        Span::raw(" / ⏎ log it anyway   "),
        Span::styled("n", theme.key),
        Span::raw(" / Esc cancel"),
    ]));
    let r = popup(f, 70, 10 + warnings.len() as u16 * 2);
    let b = boxed("Before you log this".into(), "", theme);
    f.render_widget(Paragraph::new(lines).block(b).wrap(Wrap { trim: true }), r);
}

/// A text field of several rows: its lines wrapped to the width, the rows
/// around the cursor shown, the cursor where the next char goes.
fn text_area(theme: &Theme, f: &mut Frame, area: Rect, input: &tui_input::Input, hint: &str, focused: bool) {
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    if input.value().is_empty() {
        let hint = format!("{hint}{}", if focused { " · Alt-Enter: new line" } else { "" });
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
