//! Performing what the app asks for: each change through the store's one
//! `apply`, on disk before the app is told it is done, and the one result
//! handed back.

use crate::app::{App, Effect, Landed, Mouse};
use crate::domain::Rules;
use crate::domain::change::Change;
use crate::store::{Data, Store, StoreError};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, MouseEventKind};
use ratatui::layout::Position;

/// Hands one terminal event to the app and performs the changes it asks
/// for through the store, each on disk before the app is told it is done.
pub fn dispatch(app: &mut App, store: &Store, ev: &Event) {
    if let Event::Mouse(m) = ev {
        if let Some(input) = mouse(app, m.kind, Position::new(m.column, m.row)) {
            app.mouse(input);
        }
        return;
    }
    for effect in app.handle_event(ev) {
        let r = match effect {
            Effect::Apply(change) => {
                let rules = app.rules.clone();
                perform(store, &rules, app.today, &mut app.data, change)
            }
            Effect::Undo => step(store, false),
            Effect::Redo => step(store, true),
            Effect::Copy(text) => {
                app.copied(super::outside::copy(&text));
                continue;
            }
            Effect::Edit(text) => {
                let mouse = app.ui.mouse;
                app.edited(super::outside::edit(&text, mouse));
                continue;
            }
        };
        if r.is_err()
            && let Ok(d) = store.load()
        {
            // Whatever happened on disk, show what is there now.
            app.apply(Ok(Landed::Reloaded(Box::new(d))));
        }
        app.apply(r);
    }
}

/// A mouse event in the app's terms: which pane, which row.
fn mouse(app: &App, kind: MouseEventKind, at: Position) -> Option<Mouse> {
    let (pane, row) = crate::ui::pane_at(app, at)?;
    match kind {
        MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left) => Some(Mouse::Click { pane, row }),
        MouseEventKind::ScrollDown => Some(Mouse::Scroll { pane, down: true }),
        MouseEventKind::ScrollUp => Some(Mouse::Scroll { pane, down: false }),
        _ => None,
    }
}

/// Applies one change through the store. `data` is what the app shows: a
/// gesture logged while the files are still as `data` was read is simply
/// appended, and `data` updated in place; every other change is made on
/// freshly read files, and the answer carries them read again.
pub fn perform(
    store: &Store,
    rules: &Rules,
    today: NaiveDate,
    data: &mut Data,
    change: Change,
) -> Result<Landed, StoreError> {
    let (mut applied, appended) = store.apply_to(data, change, rules, today)?;
    // What the store did beside (merged a Syncthing conflict copy).
    applied.notes.extend(store.take_notes());
    if appended {
        Ok(Landed::Appended(applied))
    } else {
        Ok(Landed::Written(applied, Box::new(store.load()?)))
    }
}

/// Undoes (or redoes) the last change, and reads the files again.
fn step(store: &Store, redo: bool) -> Result<Landed, StoreError> {
    let label = if redo { store.redo()? } else { store.undo()? };
    Ok(Landed::Stepped {
        redo,
        label,
        data: Box::new(store.load()?),
    })
}
