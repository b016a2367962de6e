//! The header, the three panes and the hint bar. Stored text reaches a
//! `Span` only through `safe`, so no control reaches the terminal.

use super::Theme;
use crate::app::keymap::Action;
use crate::app::{App, Overlay, Pane};
use crate::domain::filter::Sort;
use crate::domain::queue::ItemKind;
use crate::domain::text::safe;
use crate::domain::{Direction, Stage};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

pub fn header(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let v = &app.view;
    let active = v.active;
    let help = format!("{} help ", app.keymap.key_label(Action::Help));
    let banner = app.read_only.map(|why| why.banner());
    let banner_width = banner.map_or(0, |b| b.len() + 1);
    let room = usize::from(area.width).saturating_sub(help.len() + " rapport".len() + banner_width);
    let thanks = format!(
        "{} thank-you{} owed",
        v.thanks_owed,
        if v.thanks_owed == 1 { "" } else { "s" }
    );
    // The longest summary that fits: narrow terminals drop the least
    // needed parts first.
    let summary = [
        format!(
            " · {} · {} due · {thanks} · {active} partners",
            app.today.format("%a %-d %b %Y"),
            v.items.len()
        ),
        format!(
            " · {} · {} due · {thanks}",
            app.today.format("%a %-d %b"),
            v.items.len()
        ),
        format!(" · {} due · {thanks}", v.items.len()),
        format!(" · {} due", v.items.len()),
        String::new(),
    ]
    .into_iter()
    .find(|s| unicode_width::UnicodeWidthStr::width(s.as_str()) <= room)
    .unwrap_or_default();
    let mut spans = vec![Span::styled(" rapport", theme.title), Span::raw(summary)];
    if let Some(banner) = banner {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(banner, theme.banner));
    }
    let [left, right] =
        ratatui::layout::Layout::horizontal([Constraint::Fill(1), Constraint::Length(help.len() as u16)]).areas(area);
    f.render_widget(Paragraph::new(Line::from(spans)), left);
    f.render_widget(Paragraph::new(Line::from(Span::styled(help, theme.dim))), right);
}

pub fn tabs(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for (i, (p, name)) in [(Pane::Queue, "Queue"), (Pane::Partners, "Partners"), (Pane::Log, "Log")]
        .into_iter()
        .enumerate()
    {
        let label = format!(" {} {name} ", i + 1);
        spans.push(if app.focus == p {
            Span::styled(label, theme.selected)
        } else {
            Span::raw(label)
        });
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title))
        .border_style(if focused { theme.focused_border } else { theme.border })
}

fn table<'a>(rows: Vec<Row<'a>>, widths: Vec<Constraint>, b: Block<'a>, theme: &Theme, focused: bool) -> Table<'a> {
    let t = Table::new(rows, widths).block(b).column_spacing(1);
    if focused {
        t.row_highlight_style(theme.selected).highlight_symbol("▶")
    } else {
        t.highlight_symbol(" ")
    }
}

/// The rows a bordered table in `area` shows: from the first visible one,
/// as many as fit. Only these are built, so a frame costs the same with a
/// hundred thousand gestures as with ten.
fn window(selected: usize, len: usize, area: Rect) -> (usize, usize) {
    let height = area.height.saturating_sub(2) as usize;
    let first = super::first_visible(selected, height).min(len);
    (first, height.min(len - first))
}

/// Draws a table built from the rows `window` chose, starting at `first`.
fn render_table(f: &mut Frame, t: Table, area: Rect, selected: usize, len: usize, first: usize) {
    let mut state = TableState::default();
    if len > 0 {
        state = state.with_selected(Some(selected.saturating_sub(first))).with_offset(0);
    }
    f.render_stateful_widget(t, area, &mut state);
}

fn name_cell<'a>(name: &str, connector: bool, theme: &Theme) -> Cell<'a> {
    let mut spans = vec![Span::raw(safe(name).into_owned())];
    if connector {
        spans.push(Span::styled(" ★", theme.star));
    }
    Cell::from(Line::from(spans))
}

pub fn queue(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Queue;
    let v = &app.view;
    let (first, shown) = window(app.selected(Pane::Queue), v.items.len(), area);
    let rows: Vec<Row> = v
        .items
        .iter()
        .skip(first)
        .take(shown)
        .map(|i| {
            let kind_style = match i.kind {
                ItemKind::Thank | ItemKind::OneWay => theme.late,
                _ => Style::new(),
            };
            let late = (app.today - i.due).num_days() > 0 && i.kind != ItemKind::Date;
            Row::new(vec![
                Cell::from(Span::styled(i.kind.as_str(), kind_style)),
                name_cell(&app.name_of(&i.contact), v.connectors.contains(&i.contact), theme),
                Cell::from(Span::styled(
                    safe(&i.text),
                    if late { theme.late } else { Style::new() },
                )),
            ])
        })
        .collect();
    let title = if v.items.is_empty() {
        "Queue · nothing due".to_string()
    } else {
        format!("Queue ({})", v.items.len())
    };
    // The name column is as wide as the longest name (with its star), within
    // reason; the item's text takes the rest.
    let name_width = v
        .items
        .iter()
        .skip(first)
        .take(shown)
        .map(|i| {
            let star = if v.connectors.contains(&i.contact) { 2 } else { 0 };
            unicode_width::UnicodeWidthStr::width(safe(&app.name_of(&i.contact)).as_ref()) + star
        })
        .max()
        .unwrap_or(8)
        .clamp(8, 20) as u16;
    // As wide as the longest kind: "reach-out", "follow-up".
    let widths = vec![
        Constraint::Length(9),
        Constraint::Length(name_width),
        Constraint::Fill(1),
    ];
    let t = table(rows, widths, block(title, focused, theme), theme, focused);
    render_table(f, t, area, app.selected(Pane::Queue), v.items.len(), first);
}

fn stage_short(s: Stage) -> &'static str {
    match s {
        Stage::ReachOut => "reach",
        Stage::Rapport => "rapport",
        Stage::MutualBenefit => "mutual",
        Stage::Trust => "trust",
    }
}

pub fn partners(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Partners;
    let v = &app.view;
    let book = &app.data.book;
    if v.partners.is_empty() {
        // An empty pane says why, and what to do.
        let k = |a: Action| app.keymap.key_label(a);
        let text = if v.active == 0 && book.partners.is_empty() {
            format!(
                "No partners yet. Press {} to add one, or run `rapport import FILE` with a vCard or CSV export (`rapport --demo` shows a full book).",
                k(Action::Add)
            )
        } else if !app.filter.is_empty() {
            format!(
                "No partner matches the filter · {} edits it, Esc clears it",
                k(Action::Filter)
            )
        } else {
            format!(
                "Every partner is archived · {} then `archived` lists them",
                k(Action::Filter)
            )
        };
        let b = block(partners_title(app), focused, theme);
        f.render_widget(
            Paragraph::new(Span::styled(text, theme.dim))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(b),
            area,
        );
        return;
    }
    let (first, shown) = window(app.selected(Pane::Partners), v.partners.len(), area);
    let rows: Vec<Row> = v
        .partners
        .iter()
        .skip(first)
        .take(shown)
        .map(|&i| {
            let p = &book.partners[i];
            // Days since their last gesture; "never" for one never touched,
            // rather than the days since they were added.
            let days = v.summaries[i].last_gesture.map_or("never".to_string(), |d| {
                format!("{}d", (app.today - d).num_days().max(0))
            });
            let b = v.summaries[i].balance;
            let bal = match b {
                0 => "=".to_string(),
                b if b > 0 => format!("+{b}"),
                b => format!("{b}"),
            };
            Row::new(vec![
                name_cell(&p.name, v.connectors.contains(&p.id), theme),
                Cell::from(safe(p.org.as_deref().unwrap_or_default())),
                Cell::from(stage_short(p.stage)),
                Cell::from(Line::from(days).right_aligned()),
                Cell::from(
                    Line::from(Span::styled(bal, if b < 0 { theme.late } else { Style::new() })).right_aligned(),
                ),
            ])
        })
        .collect();
    let widths = vec![
        Constraint::Percentage(36),
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(3),
    ];
    let t = table(rows, widths, block(partners_title(app), focused, theme), theme, focused);
    render_table(f, t, area, app.selected(Pane::Partners), v.partners.len(), first);
}

/// "Partners (62)", or with a filter "Partners · quiet:90 · 7 of 62", and
/// the order when it is not by name.
fn partners_title(app: &App) -> String {
    let v = &app.view;
    let mut t = if app.filter.is_empty() {
        format!("Partners ({})", v.partners.len())
    } else {
        format!(
            "Partners · {} · {} of {}",
            safe(&app.filter.text),
            v.partners.len(),
            v.active
        )
    };
    if app.sort != Sort::Name {
        t.push_str(" · ");
        t.push_str(app.sort.label());
    }
    t
}

pub fn log(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Log;
    let v = &app.view;
    let book = &app.data.book;
    let (first, shown) = window(app.selected(Pane::Log), v.log.len(), area);
    let rows: Vec<Row> = v
        .log
        .iter()
        .skip(first)
        .take(shown)
        .map(|&i| {
            let g = &book.gestures[i];
            let (arrow, style) = match g.dir {
                Direction::Received => ("←", theme.received),
                Direction::Given => ("→", theme.given),
            };
            let mut note = g.note.clone().unwrap_or_default();
            if let Some(val) = g.value {
                note = format!("{note} · {val:.2} {}", app.rules.currency)
                    .trim_start_matches(" · ")
                    .to_string();
            }
            if let Some(o) = g.outcome {
                note = format!("{note} [{}]", o.as_str());
            }
            Row::new(vec![
                Cell::from(g.date.format("%d %b").to_string()),
                Cell::from(Span::styled(format!("{arrow} {}", g.kind), style)),
                Cell::from(safe(&app.name_of(&g.contact)).into_owned()),
                Cell::from(safe(&note).into_owned()),
            ])
        })
        .collect();
    let title = match &v.log_for {
        Some(id) => format!("Log · {} ({})", safe(&app.name_of(id)), v.log.len()),
        None => format!("Log · all partners ({})", v.log.len()),
    };
    let widths = vec![
        Constraint::Length(6),
        Constraint::Length(11),
        Constraint::Percentage(25),
        Constraint::Fill(1),
    ];
    let t = table(rows, widths, block(title, focused, theme), theme, focused);
    render_table(f, t, area, app.selected(Pane::Log), v.log.len(), first);
}

/// The card's own keys.
fn card_hints(app: &App) -> Vec<(String, String)> {
    let k = |a: Action| app.keymap.key_label(a);
    vec![
        (k(Action::Log), "log".into()),
        (k(Action::Edit), "edit".into()),
        (format!("{} {}", k(Action::Down), k(Action::Up)), "scroll".into()),
        ("Esc".into(), "close".into()),
    ]
}

/// The main screen's hints that fit in `width`: the last of the others go
/// first, help and quit stay.
fn fit_hints(app: &App, width: usize) -> Vec<(String, String)> {
    let mut hints = app.keymap.hints();
    let pinned = app.keymap.pinned_hints();
    let len = |h: &[(String, String)]| {
        1 + h.iter().map(|(k, w)| k.width() + 1 + w.width()).sum::<usize>() + 3 * h.len().saturating_sub(1)
    };
    while len(&hints) > width && hints.len() > pinned {
        hints.remove(hints.len() - pinned - 1);
    }
    hints
}

pub fn hints(app: &App, theme: &Theme, f: &mut Frame, area: Rect) {
    let line = match &app.status {
        Some(s) => Line::from(Span::styled(
            format!(" {}", safe(&s.text)),
            if s.error { theme.error } else { theme.ok },
        )),
        None => {
            let hints: Vec<(String, String)> = match app.overlays.last() {
                Some(Overlay::Card(_)) => card_hints(app),
                Some(Overlay::Insights(_)) => vec![
                    ("j k".into(), "scroll".into()),
                    ("1 2 3".into(), "panes".into()),
                    ("Esc".into(), "close".into()),
                ],
                Some(_) => vec![("Esc".into(), "close".into())],
                None => fit_hints(app, usize::from(area.width)),
            };
            let mut spans = vec![Span::raw(" ")];
            for (i, (key, word)) in hints.into_iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" · ", theme.dim));
                }
                // Hints come from the user's keymap: escaped like the rest.
                spans.push(Span::styled(safe(&key).into_owned(), theme.key));
                spans.push(Span::raw(format!(" {}", safe(&word))));
            }
            Line::from(spans)
        }
    };
    f.render_widget(Paragraph::new(line), area);
}
