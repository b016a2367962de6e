//! Popups: which draws each, with its footer; search and the rule
//! warnings drawn here. Stored and typed text reaches a `Span` only
//! through `safe`.

use super::Theme;
use super::frame::{boxed, popup};
use super::input::input_line;
use crate::app::pick::PickList;
use crate::app::{App, Overlay};
use crate::domain::search::{Field as SearchField, Hit, excerpt};
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

/// Draws the popup `o`, its footer written from the keymap.
pub fn draw(app: &App, theme: &Theme, f: &mut Frame, o: &Overlay) {
    let footer = app.keymap.footer(&o.hints(app));
    match o {
        Overlay::Search(s) => search(app, theme, f, &s.list, footer),
        Overlay::Card(c) => super::card::draw(app, theme, f, &c.id, &c.scroll, footer),
        Overlay::Help(h) => super::help::draw(app, theme, f, &h.scroll, footer),
        Overlay::LogForm(p) => super::form::draw(app, theme, f, &p.form, footer),
        Overlay::PartnerForm(p) => super::form::draw(app, theme, f, &p.form, footer),
        Overlay::Snooze(p) => super::form::draw(app, theme, f, &p.form, footer),
        Overlay::Outcome(p) => super::form::draw(app, theme, f, &p.form, footer),
        Overlay::DoneForm(p) => super::form::draw(app, theme, f, &p.form, footer),
        Overlay::Confirm(c) => confirm(theme, f, &c.warnings, footer),
        Overlay::Filter(p) => super::prompt::filter(theme, f, p, footer),
        Overlay::Insights(p) => super::insights::draw(app, theme, f, p, footer),
        Overlay::Draft(d) => super::reach::draft(app, theme, f, d, footer),
        Overlay::Refer(r) => super::reach::refer(app, theme, f, r, footer),
        Overlay::Archive(p) => super::archive::draw(app, theme, f, p, footer),
        Overlay::Merge(p) => super::merge::draw(app, theme, f, p, footer),
    }
}

fn search(app: &App, theme: &Theme, f: &mut Frame, l: &PickList<Hit>, footer: String) {
    let (input, hits, sel) = (&l.input, &l.hits, l.sel);
    let r = popup(f, 70, 20);
    let b = boxed("Search partners".into(), footer, theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [prompt, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    input_line(theme, f, prompt, "/ ", input);
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

fn confirm(theme: &Theme, f: &mut Frame, warnings: &[String], footer: String) {
    let lines: Vec<Line> = warnings.iter().map(|w| Line::from(format!("• {}", safe(w)))).collect();
    let r = popup(f, 70, 8 + warnings.len() as u16 * 2);
    let b = boxed("Before you log this".into(), footer, theme);
    f.render_widget(Paragraph::new(lines).block(b).wrap(Wrap { trim: true }), r);
}
