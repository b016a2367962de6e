//! The header, the three panes and the hint bar. Stored text reaches a
//! `Span` only through `safe`, so no control reaches the terminal.

use super::Theme;
use crate::app::keymap::Action;
use crate::app::{App, Pane};
use crate::domain::filter::Sort;
use crate::domain::queue::ItemKind;
use crate::domain::text::{count, safe};
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
    let thanks = format!("{} owed", count(v.thanks_owed, "thank-you", "thank-yous"));
    let active = count(active, "partner", "partners");
    // The longest summary that fits: narrow terminals drop the least
    // needed parts first.
    let summary = [
        format!(
            " · {} · {} due · {thanks} · {active}",
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

/// `text` made safe and cut to `width` columns, ending in `…` when cut.
fn clip(text: &str, width: usize) -> String {
    let text = safe(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
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
    let len = v.queue_len();
    let (first, shown) = window(app.selected(Pane::Queue), len, area);
    // A narrow pane gives the reasons the room: short kinds and names.
    let narrow = area.width < 50;
    // The name column is as wide as the longest name (with its star), within
    // reason; the item's text takes the rest, and ends in `…` when cut.
    let name_width = v
        .queue()
        .skip(first)
        .take(shown)
        .map(|i| {
            let star = if v.connectors.contains(&i.contact) { 2 } else { 0 };
            unicode_width::UnicodeWidthStr::width(safe(&app.name_of(&i.contact)).as_ref()) + star
        })
        .max()
        .unwrap_or(8)
        .clamp(8, if narrow { 12 } else { 20 });
    let kind_width = if narrow { 5 } else { 9 };
    let text_width = usize::from(area.width.saturating_sub(3)).saturating_sub(kind_width + name_width + 2);
    let until: Vec<Option<chrono::NaiveDate>> = if v.showing_snoozed {
        v.snoozed
            .iter()
            .skip(first)
            .take(shown)
            .map(|s| Some(s.until))
            .collect()
    } else {
        Vec::new()
    };
    let rows: Vec<Row> = v
        .queue()
        .skip(first)
        .take(shown)
        .enumerate()
        .map(|(n, i)| {
            // With `:snoozed`, each row says when its item shows again.
            let text = match until.get(n).copied().flatten() {
                Some(d) => format!("until {} · {}", crate::domain::short_label(d, app.today), i.text),
                None => i.text.clone(),
            };
            let kind_style = match i.kind {
                ItemKind::Thank | ItemKind::OneWay => theme.late,
                _ => Style::new(),
            };
            let late = (app.today - i.due).num_days() > 0 && i.kind != ItemKind::Date;
            let star = v.connectors.contains(&i.contact);
            Row::new(vec![
                Cell::from(Span::styled(
                    if narrow { short_kind(i.kind) } else { i.kind.as_str() },
                    kind_style,
                )),
                name_cell(
                    &clip(&app.name_of(&i.contact), name_width - if star { 2 } else { 0 }),
                    star,
                    theme,
                ),
                Cell::from(Span::styled(
                    clip(&text, text_width),
                    if late { theme.late } else { Style::new() },
                )),
            ])
        })
        .collect();
    let title = match (v.showing_snoozed, len) {
        (true, 0) => "Queue · nothing snoozed".to_string(),
        (true, n) => format!("Queue · snoozed ({n})"),
        (false, 0) => "Queue · nothing due".to_string(),
        (false, n) => format!("Queue ({n})"),
    };
    // As wide as the longest kind: "reach-out", "follow-up".
    let widths = vec![
        Constraint::Length(kind_width as u16),
        Constraint::Length(name_width as u16),
        Constraint::Fill(1),
    ];
    let t = table(rows, widths, block(title, focused, theme), theme, focused);
    render_table(f, t, area, app.selected(Pane::Queue), len, first);
}

/// The kind of a queue item in five letters, for a narrow pane.
fn short_kind(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Thank => "thank",
        ItemKind::Update => "updat",
        ItemKind::Date => "date",
        ItemKind::FollowUp => "f-up",
        ItemKind::ReachOut => "reach",
        ItemKind::Touch => "touch",
        ItemKind::Quiet => "quiet",
        ItemKind::OneWay => "1-way",
    }
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
                "No partner matches the filter · {} edits it, {} clears it",
                k(Action::Filter),
                k(Action::Clear)
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
    // Columns as wide as they are drawn, so text cut to fit ends in `…`;
    // a wide pane adds role and tags.
    let inner = usize::from(area.width.saturating_sub(3));
    let wide = inner >= 110;
    let fixed = 7 + 6 + 3;
    let (name_w, org_w, role_w, tags_w) = if wide {
        let rest = inner.saturating_sub(fixed + 7);
        (
            rest * 24 / 100,
            rest * 24 / 100,
            rest * 30 / 100,
            rest - rest * 78 / 100,
        )
    } else {
        let rest = inner.saturating_sub(fixed + 4);
        if rest < 16 {
            // Too narrow for both: the name takes the organisation's room.
            (rest + 1, 0, 0, 0)
        } else {
            let name_w = rest * 60 / 100;
            (name_w, rest - name_w, 0, 0)
        }
    };
    let with_org = org_w > 0;
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
            // What you owe, from their side: -2 = you owe 2.
            let b = -v.summaries[i].owe(app.today);
            let bal = match b {
                0 => "=".to_string(),
                b if b > 0 => format!("+{b}"),
                b => format!("{b}"),
            };
            let star = v.connectors.contains(&p.id);
            let mut cells = vec![name_cell(
                &clip(&p.name, name_w.saturating_sub(if star { 2 } else { 0 })),
                star,
                theme,
            )];
            if with_org {
                cells.push(Cell::from(clip(p.org.as_deref().unwrap_or_default(), org_w)));
            }
            if wide {
                cells.push(Cell::from(clip(p.role.as_deref().unwrap_or_default(), role_w)));
                cells.push(Cell::from(Span::styled(clip(&p.tags.join(", "), tags_w), theme.dim)));
            }
            cells.extend([
                Cell::from(stage_short(p.stage)),
                Cell::from(Line::from(days).right_aligned()),
                Cell::from(
                    Line::from(Span::styled(bal, if b < 0 { theme.late } else { Style::new() })).right_aligned(),
                ),
            ]);
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(name_w as u16)];
    if with_org {
        widths.push(Constraint::Length(org_w as u16));
    }
    if wide {
        widths.push(Constraint::Length(role_w as u16));
        widths.push(Constraint::Length(tags_w as u16));
    }
    widths.extend([Constraint::Length(7), Constraint::Length(6), Constraint::Length(3)]);
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
    // Dates carry their year when one shown is not of this year.
    let other_year = v
        .log
        .iter()
        .skip(first)
        .take(shown)
        .any(|&i| chrono::Datelike::year(&book.gestures[i].date) != chrono::Datelike::year(&app.today));
    let date_w: u16 = if other_year { 11 } else { 6 };
    let inner = usize::from(area.width.saturating_sub(3));
    let name_w = inner * 25 / 100;
    let note_w = inner.saturating_sub(usize::from(date_w) + 11 + name_w + 3);
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
            let date = if other_year {
                g.date.format("%d %b %Y").to_string()
            } else {
                g.date.format("%d %b").to_string()
            };
            Row::new(vec![
                Cell::from(date),
                Cell::from(Span::styled(format!("{arrow} {}", g.kind), style)),
                Cell::from(clip(&app.name_of(&g.contact), name_w)),
                Cell::from(clip(&note, note_w)),
            ])
        })
        .collect();
    let title = match &v.log_for {
        Some(id) => format!("Log · {} ({})", safe(&app.name_of(id)), v.log.len()),
        None => format!("Log · all partners ({})", v.log.len()),
    };
    let widths = vec![
        Constraint::Length(date_w),
        Constraint::Length(11),
        Constraint::Length(name_w as u16),
        Constraint::Fill(1),
    ];
    let t = table(rows, widths, block(title, focused, theme), theme, focused);
    render_table(f, t, area, app.selected(Pane::Log), v.log.len(), first);
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
            // A popup's own keys, as its footer names them.
            let hints: Vec<(String, String)> = match app.overlays.last() {
                Some(o) => app.keymap.pairs(&o.hints(app)),
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
