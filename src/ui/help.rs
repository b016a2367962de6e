//! The `?` help: every key of every context, from the keymap, so a remap
//! shows here as everywhere.

use super::Theme;
use super::frame::{boxed, popup};
use crate::app::App;
use crate::app::keymap::{Binding, Context};
use crate::app::scroll::Scroll;
use crate::domain::text::safe;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// What the partners pane's columns say.
pub const COLUMNS: &str = "The partners pane: the name (★ a connector, one of the partners who send you the most), the organisation, the stage, the days since you were last in touch (21d), and the balance of referrals and introductions over the last 12 months: -5 you owe them five, +1 they owe you one, = even.";

/// The help: every key of every context, from the keymap.
pub fn draw(app: &App, theme: &Theme, f: &mut Frame, scroll: &Scroll, footer: String) {
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
    let keys_of = |b: &Binding| match b.keys.is_empty() {
        true => "(no key)".to_string(),
        false => b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
    };
    for context in Context::ALL {
        let mut rows: Vec<(String, String)> = app
            .keymap
            .bindings
            .iter()
            .filter(|b| b.context == context)
            .map(|b| {
                // The keymap is the user's file: escaped like stored text.
                let desc = format!("{}  ({})", b.desc, b.name);
                (safe(&keys_of(b)).into_owned(), safe(&desc).into_owned())
            })
            .collect();
        if context == Context::Main {
            rows.push((
                "Ctrl-c".into(),
                "Quit; in a form or a draft with what you typed, it asks first (a second one quits)".into(),
            ));
        }
        lines.push(Line::from(""));
        for l in wrap(context.title(), 0, 0) {
            lines.push(Line::from(Span::styled(l, theme.title)));
        }
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
    }
    lines.push(Line::from(""));
    for l in wrap(&format!("The queue: {}", crate::domain::queue::ORDER), 0, 0) {
        lines.push(Line::from(l));
    }
    lines.push(Line::from(""));
    for l in wrap(COLUMNS, 0, 0) {
        lines.push(Line::from(l));
    }
    let r = popup(f, width, lines.len() as u16 + 2);
    let b = boxed("Help".into(), footer, theme);
    // No further than the last line at the bottom.
    let last = (lines.len() as u16).saturating_sub(r.height.saturating_sub(2));
    f.render_widget(Paragraph::new(lines).block(b).scroll((scroll.bound(last), 0)), r);
}
