//! The reach-out popups: the draft with its checks (`w`) and refer-out
//! (`r`). Stored and typed text reaches a `Span` only through `safe`.

use super::Theme;
use super::frame::{boxed, popup};
use super::input::input_line;
use crate::app::App;
use crate::app::draft::DraftPopup;
use crate::app::refer::ReferPopup;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draft(app: &App, theme: &Theme, f: &mut Frame, d: &DraftPopup, footer: String) {
    let text = |s: &str| safe(s).into_owned();
    let mut lines: Vec<Line> = Vec::new();
    let to = match &d.draft.email {
        Some(e) => format!("To: {} <{e}>", d.draft.to),
        None => format!("To: {} (no e-mail address)", d.draft.to),
    };
    lines.push(Line::from(Span::styled(text(&to), theme.dim)));
    if !d.draft.subject.is_empty() {
        lines.push(Line::from(Span::styled(
            text(&format!("Subject: {}", d.draft.subject)),
            theme.title,
        )));
    }
    lines.push(Line::from(""));
    for l in d.draft.body.lines() {
        lines.push(Line::from(text(l)));
    }
    lines.push(Line::from(""));
    for v in &d.verdicts {
        let style = if v.pass { theme.ok } else { theme.error };
        lines.push(Line::from(Span::styled(text(&v.line()), style)));
    }
    if let Some(m) = d.draft.mailto() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(m, theme.dim)));
    }
    let area = f.area();
    let r = popup(f, 84, area.height.saturating_sub(2).max(8));
    let template = app.templates.get(d.template).map_or("", |t| t.name.as_str());
    let edited = if d.edited { " · edited" } else { "" };
    let title = format!("Draft to {} · {template}{edited}", safe(&d.draft.to));
    let b = boxed(title, footer, theme);
    let text = Paragraph::new(lines).block(b).wrap(Wrap { trim: false });
    // No further than the last line (as wrapped) at the bottom; the
    // count includes the two border lines.
    let last = (text.line_count(r.width.saturating_sub(2)) as u16).saturating_sub(r.height);
    f.render_widget(text.scroll((d.scroll.bound(last), 0)), r);
}

pub fn refer(app: &App, theme: &Theme, f: &mut Frame, p: &ReferPopup, footer: String) {
    let r = popup(f, 84, 20);
    let b = boxed("Refer a client out".into(), footer, theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [prompt, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let (label, input) = match &p.picked {
        Some(id) => (
            format!("Referral to {}, note (initials are enough): ", app.name_of(id)),
            &p.note,
        ),
        None => ("What does the client need? ".to_string(), &p.list.input),
    };
    input_line(theme, f, prompt, &label, input);
    let hint = if p.list.query().is_empty() {
        "Type a need (\"estate planning\", \"couples\"): partners whose clientele, role, tags, benefit or notes match, the ones you owe most first."
    } else {
        "No active partner matches; / searches by name and more loosely."
    };
    let rows = p
        .list
        .hits
        .iter()
        .map(|c| {
            let org = app
                .data
                .book
                .partners
                .get(c.index)
                .and_then(|q| q.org.as_deref())
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            (format!("{}{org}", c.name), Some(c.reason.clone()))
        })
        .collect();
    super::prompt::choices(theme, f, list, rows, p.list.sel, hint);
}
