//! Colours, or none: `theme = "mono"` in config or `NO_COLOR` in the
//! environment draws with bold, reverse and underline only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub title: Style,
    pub focused_border: Style,
    pub border: Style,
    pub selected: Style,
    pub dim: Style,
    pub received: Style,
    pub given: Style,
    pub late: Style,
    pub star: Style,
    pub matched: Style,
    pub error: Style,
    pub ok: Style,
    pub key: Style,
    pub banner: Style,
}

impl Theme {
    pub fn colour() -> Theme {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            focused_border: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            received: Style::new().fg(Color::Green),
            given: Style::new().fg(Color::Cyan),
            late: Style::new().fg(Color::Red),
            star: Style::new().fg(Color::Yellow),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            banner: Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            focused_border: plain.add_modifier(Modifier::BOLD),
            border: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            dim: plain,
            received: plain,
            given: plain,
            late: plain.add_modifier(Modifier::BOLD),
            star: plain,
            matched: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            ok: plain,
            key: plain.add_modifier(Modifier::BOLD),
            banner: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// The configured theme, turned mono when `NO_COLOR` is set and not empty.
    pub fn from_env(name: &str) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color || name == "mono" {
            Theme::mono()
        } else {
            Theme::colour()
        }
    }
}
