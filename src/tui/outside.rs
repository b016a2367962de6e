//! The two things the draft popup asks of the terminal itself: copying
//! through OSC 52 (which works over ssh and in tmux with `set-clipboard`),
//! and handing the screen to `$EDITOR` and taking it back.

use base64::Engine as _;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use std::io::Write as _;

/// Asks the terminal to put `text` on the clipboard (OSC 52), cleaned as
/// a file is: a control character in it (`\e[201~`, which would end a
/// bracketed paste early) never reaches whatever it is pasted into.
pub fn copy(text: &str) -> Result<(), String> {
    let text = crate::domain::text::clean_for_file(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout();
    write!(out, "\u{1b}]52;c;{encoded}\u{7}")
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())
}

/// Opens `text` in `$VISUAL` or `$EDITOR` (else `vi`) on the whole
/// terminal, and returns the text as the editor left it. The screen is
/// put back as the TUI had it (raw mode, the alternate screen, the mouse
/// if `mouse`) whatever the editor did; the caller draws it all again.
pub fn edit(text: &str, mouse: bool) -> Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix("rapport-draft-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("could not make a temporary file: {e}"))?;
    std::fs::write(file.path(), text).map_err(|e| format!("could not write {}: {e}", file.path().display()))?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    // Leaving: errors are of no use here (a terminal that is not one).
    let mut out = std::io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
    // Through the shell, so an EDITOR with arguments ("code --wait") works.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    let _ = terminal::enable_raw_mode();
    let _ = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    if mouse {
        let _ = execute!(out, EnableMouseCapture);
    }
    match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(file.path()).map_err(|e| format!("could not read the edited draft: {e}"))
        }
        Ok(s) => Err(format!("{editor} exited with {s}; the draft is as it was")),
        Err(e) => Err(format!("could not run {editor}: {e}")),
    }
}
