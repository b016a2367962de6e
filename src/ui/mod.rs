//! Drawing. `draw(&App, &mut Frame)` reads the state and never does IO.
//! One file per pane group and overlay kind.

mod archive;
mod card;
mod form;
mod frame;
mod help;
mod input;
mod insights;
mod merge;
mod overlays;
mod panes;
mod prompt;
mod reach;
mod theme;

use crate::app::{App, Pane};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
pub use theme::Theme;

/// The smallest terminal rapport draws on.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub queue: Option<Rect>,
    pub partners: Option<Rect>,
    pub log: Option<Rect>,
    pub hints: Rect,
    /// The tab line when only one pane fits.
    pub tabs: Option<Rect>,
}

impl Areas {
    pub fn panes(&self) -> Vec<(Pane, Rect)> {
        [
            (Pane::Queue, self.queue),
            (Pane::Partners, self.partners),
            (Pane::Log, self.log),
        ]
        .into_iter()
        .filter_map(|(p, r)| Some((p, r?)))
        .collect()
    }
}

/// Wide screens put the queue and partners side by side over the log;
/// tall narrow ones stack the three; small ones show the focused pane
/// alone under a tab line.
pub fn layout_for(area: Rect, focus: Pane) -> Areas {
    let [header, body, hints] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut a = Areas {
        header,
        queue: None,
        partners: None,
        log: None,
        hints,
        tabs: None,
    };
    if area.width >= 80 && area.height >= 16 {
        let [top, log] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        // Below 100 columns the queue's reasons get the larger half.
        let queue = if area.width < 100 { 56 } else { 50 };
        let [q, p] =
            Layout::horizontal([Constraint::Percentage(queue), Constraint::Percentage(100 - queue)]).areas(top);
        (a.queue, a.partners, a.log) = (Some(q), Some(p), Some(log));
    } else if area.height >= 24 {
        let [q, p, l] = Layout::vertical([Constraint::Ratio(1, 3); 3]).areas(body);
        (a.queue, a.partners, a.log) = (Some(q), Some(p), Some(l));
    } else {
        let [tabs, pane] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
        a.tabs = Some(tabs);
        match focus {
            Pane::Queue => a.queue = Some(pane),
            Pane::Partners => a.partners = Some(pane),
            Pane::Log => a.log = Some(pane),
        }
    }
    a
}

/// The first row shown in a list of `height` rows so `selected` is visible.
pub fn first_visible(selected: usize, height: usize) -> usize {
    if height == 0 {
        selected
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// The pane under a point of the screen as last drawn, and the index of
/// the list row there (if the point is on one), for the mouse.
pub fn pane_at(app: &App, at: Position) -> Option<(Pane, Option<usize>)> {
    let areas = layout_for(app.screen, app.focus);
    let (pane, rect) = areas.panes().into_iter().find(|(_, r)| r.contains(at))?;
    let rows = rect.height.saturating_sub(2);
    let row = at.y.checked_sub(rect.y + 1).filter(|&r| r < rows).map(|r| {
        let first = first_visible(app.selected(pane), usize::from(rows));
        usize::from(r) + first
    });
    Some((pane, row))
}

pub fn draw(app: &App, theme: &Theme, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "rapport needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(Line::from(msg)).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let areas = layout_for(area, app.focus);
    // A card open on a wide screen stands beside the panes: they take the
    // rest of the width.
    let card_beside =
        area.width >= card::BESIDE_FROM && app.overlays.iter().any(|o| matches!(o, crate::app::Overlay::Card(_)));
    let areas = if card_beside {
        let narrower = Rect::new(area.x, area.y, area.width - card::WIDTH, area.height);
        Areas {
            header: areas.header,
            hints: areas.hints,
            ..layout_for(narrower, app.focus)
        }
    } else {
        areas
    };
    panes::header(app, theme, f, areas.header);
    if let Some(r) = areas.tabs {
        panes::tabs(app, theme, f, r);
    }
    if let Some(r) = areas.queue {
        panes::queue(app, theme, f, r);
    }
    if let Some(r) = areas.partners {
        panes::partners(app, theme, f, r);
    }
    if let Some(r) = areas.log {
        panes::log(app, theme, f, r);
    }
    panes::hints(app, theme, f, areas.hints);
    for o in &app.overlays {
        overlays::draw(app, theme, f, o);
    }
}
