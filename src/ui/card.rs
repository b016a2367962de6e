//! The partner card: a head that stays in view (who, how to reach them,
//! what is open) over the facts and gestures, which scroll. On a wide
//! screen it stands beside the panes instead of over them.

use super::Theme;
use crate::app::App;
use crate::app::keymap::Action;
use crate::domain::answers::open_referrals_in;
use crate::domain::card::{Card, CardInput, CardLine, Tone, card};
use crate::domain::ledger::ledger_from;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// How wide the card is.
pub const WIDTH: u16 = 78;
/// From this width on, the card stands beside the panes.
pub const BESIDE_FROM: u16 = 160;

/// The card of partner `id` as the app's data has it.
pub fn card_of(app: &App, id: &str) -> Option<Card> {
    let book = &app.data.book;
    let p = book.partner(id)?;
    let open: Vec<_> = app.view.items.iter().filter(|i| i.contact == p.id).cloned().collect();
    let snoozed: Vec<_> = app
        .view
        .snoozed
        .iter()
        .filter(|s| s.item.contact == p.id)
        .cloned()
        .collect();
    // The view already knows the connectors; the card does not rank again.
    // Their history, read once for all the card says.
    let history = book.history(&p.id);
    let l = ledger_from(
        book,
        &history,
        &app.rules,
        app.today,
        &p.id,
        &open,
        app.view.connectors.contains(&p.id),
    );
    let gestures: Vec<_> = history.iter().rev().copied().collect();
    let referrals = open_referrals_in(&history, &app.rules, app.today);
    let key = app.keymap.key_label(Action::AcceptStage);
    Some(card(&CardInput {
        partner: p,
        ledger: &l,
        gestures: &gestures,
        open: &open,
        snoozed: &snoozed,
        referrals: &referrals,
        suggestion: crate::domain::stage::suggest(p, &history, app.today)
            .map(|s| format!("{} · {key} accepts", s.line())),
        currency: &app.rules.currency,
        today: app.today,
    }))
}

/// A card line wrapped to `width`, each row in the line's style; a row
/// cut short of its text ends in `…`.
fn rows(l: &CardLine, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let style = match l.tone {
        Tone::Plain => Style::new(),
        Tone::Reach => theme.title,
        Tone::Late => theme.late,
        Tone::Received => theme.received,
        Tone::Given => theme.given,
    };
    // Every line of the card holds stored text: each goes through `safe`.
    let text = safe(&l.text).into_owned();
    let opts = textwrap::Options::new(usize::from(width.max(8)))
        .subsequent_indent("  ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&text, opts)
        .into_iter()
        .map(|r| Line::from(Span::styled(r.into_owned(), style)))
        .collect()
}

/// The area the card takes on a screen of this size: beside the panes on
/// a wide one, over them otherwise.
pub fn area(screen: Rect, lines: u16) -> Rect {
    if screen.width >= BESIDE_FROM {
        Rect::new(
            screen.right() - WIDTH,
            screen.y + 1,
            WIDTH,
            screen.height.saturating_sub(2),
        )
    } else {
        // As every popup, it stops above the last row, where the status
        // line and the keys are (unless the screen is too short to spare it).
        let mut above = screen;
        if above.height > 8 {
            above.height -= 1;
        }
        above.centered(
            Constraint::Length(WIDTH.min(above.width)),
            Constraint::Length((lines + 2).min(above.height)),
        )
    }
}

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, id: &str, scroll: &crate::app::scroll::Scroll, footer: String) {
    let Some(c) = card_of(app, id) else {
        let r = area(f.area(), 1);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new("This partner is no longer in contacts.toml").block(Block::bordered()),
            r,
        );
        return;
    };
    let width = WIDTH.min(f.area().width).saturating_sub(2);
    let head: Vec<Line> = c.head.iter().flat_map(|l| rows(l, theme, width)).collect();
    let rest: Vec<Line> = c
        .facts
        .iter()
        .chain(&c.gestures)
        .flat_map(|l| rows(l, theme, width))
        .collect();
    let r = area(f.area(), (head.len() + rest.len()) as u16 + 1);
    f.render_widget(Clear, r);
    let (name, star) = match app.data.book.partner(id) {
        Some(p) => (
            safe(&p.name).into_owned(),
            if app.view.connectors.contains(id) {
                " ★ connector"
            } else {
                ""
            },
        ),
        None => (safe(id).into_owned(), ""),
    };
    let b = super::frame::boxed(format!("{name}{star}"), footer, theme);
    let inner = b.inner(r);
    f.render_widget(b, r);
    // The head as tall as it is, but never more than half the card.
    let head_h = (head.len() as u16).min(inner.height / 2);
    let [top, rule, body] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(head), top);
    f.render_widget(
        Paragraph::new(Span::styled("─".repeat(usize::from(rule.width)), theme.border)),
        rule,
    );
    // No further than the last line at the bottom.
    let last = (rest.len() as u16).saturating_sub(body.height);
    f.render_widget(Paragraph::new(rest).scroll((scroll.bound(last), 0)), body);
}
