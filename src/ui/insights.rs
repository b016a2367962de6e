//! The Insights pane: referrals both ways by month as a grouped bar chart,
//! then the pipeline, the connectors, whom you owe most, who went quiet, the outcomes and the
//! receiver figures as short lines, in two columns when there is room.

use super::Theme;
use crate::app::App;
use crate::app::insights::Insights;
use crate::app::keymap::Action;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Paragraph, Wrap};

pub fn draw(app: &App, theme: &Theme, f: &mut Frame, ins: &Insights, footer: String) {
    let area = f.area();
    // Below the header, above the hint bar.
    let body = Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(2));
    f.render_widget(Clear, body);
    let title = format!("{} Insights", app.keymap.key_label(Action::FocusInsights));
    let block = super::frame::boxed(title, footer, theme);
    let inner = block.inner(body);
    f.render_widget(block, body);
    let s = &ins.stats;
    if s.partners == 0 {
        let text = format!(
            "An empty book: nothing to picture yet. Press {} to add a partner, or run `rapport import FILE` with a vCard or CSV export.",
            app.keymap.key_label(Action::Add)
        );
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    }
    let any_referral = s.by_month.iter().any(|m| m.received + m.given > 0);
    let chart_h = if any_referral {
        (inner.height / 2).clamp(6, 14)
    } else {
        2
    };
    let [chart, rest] = Layout::vertical([Constraint::Length(chart_h), Constraint::Fill(1)]).areas(inner);
    if any_referral {
        referrals_chart(ins, theme, f, chart);
    } else {
        f.render_widget(
            Paragraph::new("No referral in the last 12 months: log one with l (kind referral), or `rapport log WHO referral --received`.")
                .wrap(Wrap { trim: true }),
            chart,
        );
    }
    let (left, right) = figures(app, ins, theme);
    let lines_of = |v: Vec<Line<'static>>| Paragraph::new(v).wrap(Wrap { trim: false });
    // No further than the last line (as wrapped) at the bottom.
    let last = |p: &Paragraph, r: Rect| (p.line_count(r.width) as u16).saturating_sub(r.height);
    if rest.width >= 90 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
        let (left, right) = (lines_of(left), lines_of(right));
        let at = ins.scroll.bound(last(&left, l).max(last(&right, r)));
        f.render_widget(left.scroll((at, 0)), l);
        f.render_widget(right.scroll((at, 0)), r);
    } else {
        let mut all = left;
        all.push(Line::from(""));
        all.extend(right);
        let all = lines_of(all);
        let at = ins.scroll.bound(last(&all, rest));
        f.render_widget(all.scroll((at, 0)), rest);
    }
}

/// Received and given, side by side, for each of the twelve months.
fn referrals_chart(ins: &Insights, theme: &Theme, f: &mut Frame, area: Rect) {
    let months = &ins.stats.by_month;
    // Two bars and a gap per month: as wide as the room allows.
    let per_month = (area.width.saturating_sub(2) / months.len().max(1) as u16).max(3);
    let bar_w = ((per_month.saturating_sub(1)) / 2).clamp(1, 8);
    let groups: Vec<BarGroup> = months
        .iter()
        .map(|m| {
            let label = if per_month >= 5 {
                m.start.format("%b").to_string()
            } else {
                m.start.format("%b").to_string().chars().take(1).collect()
            };
            // Bars one column wide have no room for their numbers: they
            // would run together ("34 33").
            let bar = |v: u32, style: Style| {
                let b = Bar::default().value(v.into()).style(style).value_style(theme.selected);
                if bar_w < 2 { b.text_value(String::new()) } else { b }
            };
            BarGroup::default()
                .label(Line::from(label).centered())
                .bars(&[bar(m.received, theme.received), bar(m.given, theme.given)])
        })
        .collect();
    let [legend, bars] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Referrals by month  ", theme.title),
            // Told apart by place as well as colour (NO_COLOR has none).
            Span::styled("■ received (left)", theme.received),
            Span::raw("  "),
            Span::styled("■ given (right)", theme.given),
        ])),
        legend,
    );
    let mut chart = BarChart::default().bar_width(bar_w).bar_gap(0).group_gap(1);
    for g in groups {
        chart = chart.data(g);
    }
    f.render_widget(chart, bars);
}

/// The figures as lines: the pipeline and connectors on the left, quiet
/// partners, outcomes and the receiver on the right.
fn figures(app: &App, ins: &Insights, theme: &Theme) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let s = &ins.stats;
    let head = |t: &str| Line::from(Span::styled(t.to_string(), theme.title));
    let mut left = vec![head("Pipeline")];
    let widest = s.by_stage.values().copied().max().unwrap_or(0).max(1);
    for stage in crate::domain::Stage::ALL {
        let n = s.by_stage.get(stage.as_str()).copied().unwrap_or(0);
        let bar = "█".repeat((n * 20).div_ceil(widest) as usize);
        left.push(Line::from(vec![
            Span::raw(format!("  {:<15}{n:>4} ", stage.as_str())),
            Span::styled(bar, theme.given),
        ]));
    }
    left.push(Line::from(""));
    left.push(head("Connectors ★ (referrals and intros, 12 months)"));
    if s.connectors.is_empty() {
        left.push(Line::from(Span::styled("  none yet", theme.dim)));
    }
    for c in &s.connectors {
        left.push(Line::from(format!(
            "  {} · {}",
            safe(&app.name_of(&c.contact)),
            c.score
        )));
    }
    left.push(Line::from(""));
    left.push(head("You owe most (referrals and intros, 12 months)"));
    let owed = crate::domain::insights::most_owed(&s.owe_by_partner);
    if owed.is_empty() {
        left.push(Line::from(Span::styled("  no one: you are even or ahead", theme.dim)));
    }
    for (id, n) in owed.iter().take(5) {
        left.push(Line::from(format!("  {} · {n}", safe(&app.name_of(id)))));
    }
    let mut right = vec![head("Gone quiet")];
    if ins.quiet.is_empty() {
        right.push(Line::from(Span::styled(
            "  no regular source has gone quiet",
            theme.dim,
        )));
    }
    for (name, text) in &ins.quiet {
        right.push(Line::from(vec![
            Span::raw(format!("  {} ", safe(name))),
            Span::styled(safe(text).into_owned(), theme.dim),
        ]));
    }
    right.push(Line::from(""));
    let o = &s.outcomes;
    right.push(head("Referrals received, 12 months"));
    right.push(Line::from(vec![
        Span::raw(format!("  {} · ", o.total())),
        Span::styled(format!("engaged {}", o.engaged), theme.ok),
        Span::raw(format!(
            " · declined {} · pending {} · not known {}",
            o.declined, o.pending, o.unknown
        )),
    ]));
    right.push(Line::from(""));
    let r = &s.receiver;
    right.push(head("As a receiver"));
    if r.referrals == 0 {
        right.push(Line::from(Span::styled(
            "  no referral received in the window",
            theme.dim,
        )));
    } else {
        let days = |d: Option<f64>| d.map_or("—".to_string(), |d| format!("{d:.1} days"));
        right.push(Line::from(format!(
            "  thanked in {} (median)",
            days(r.median_days_to_thanks)
        )));
        right.push(Line::from(format!(
            "  updated in {} (median)",
            days(r.median_days_to_update)
        )));
        right.push(Line::from(format!(
            "  {:.0}% thanked within a day",
            r.thanked_within_a_day.unwrap_or(0.0) * 100.0
        )));
        let style = if r.never_thanked > 0 { theme.late } else { Style::new() };
        right.push(Line::from(Span::styled(
            format!("  {} never thanked", r.never_thanked),
            style,
        )));
    }
    (left, right)
}
