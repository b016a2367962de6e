//! The one popup frame: a centred, cleared box with its title above and
//! the keys it answers (written from the keymap) below.

use super::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

/// A popup of at most `w`×`h`, centred, never larger than the screen,
/// cleared of what is under it.
pub fn popup(f: &mut Frame, w: u16, h: u16) -> Rect {
    // The last row is the footer that names the keys: a tall popup stops
    // above it (unless the screen is too short to spare it).
    let mut area = f.area();
    if area.height > 8 {
        area.height -= 1;
    }
    let r = area.centered(
        Constraint::Length(w.min(area.width)),
        Constraint::Length(h.min(area.height)),
    );
    f.render_widget(Clear, r);
    r
}

/// The popup's border, `title` on top and `footer` (from
/// `Keymap::footer`) at the bottom right.
pub fn boxed(title: String, footer: String, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_style(theme.focused_border)
        .title(Span::styled(format!(" {} ", title.trim()), theme.title))
        .title_bottom(Line::from(Span::styled(footer, theme.dim)).right_aligned())
}
