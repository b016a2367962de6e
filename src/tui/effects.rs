//! Performing what the app asks for: each mutation through the store, on
//! disk before the app is told it is done, and the one result handed back.

use crate::app::{App, Change, Effect, Mouse, Mutation};
use crate::domain::done::record_update;
use crate::domain::text::unique_slug;
use crate::store::{Store, StoreError};
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
        let m = match effect {
            Effect::Apply(m) => m,
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
        let r = perform(store, app.today, &mut app.data, m);
        if r.is_err()
            && let Ok(d) = store.load()
        {
            // Whatever happened on disk, show what is there now.
            app.apply(Ok(Change::Reloaded(Box::new(d))));
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

/// Performs one mutation under the store's lock. `data` is what the app
/// shows. A gesture logged while the files are still as `data` was read is
/// simply appended, and `data` updated in place; every other change is made
/// on freshly read files, and the answer carries them read again.
pub fn perform(
    store: &Store,
    today: NaiveDate,
    data: &mut crate::store::Data,
    m: Mutation,
) -> Result<Change, StoreError> {
    if let Mutation::Log { gesture } = &m
        && let Some(name) = data.book.partner(&gesture.contact).map(|p| p.name.clone())
    {
        let text = format!("Logged {}", gesture.describe(&name));
        let said = format!("{text} · u to undo");
        if store.append_gesture(data, gesture, text)? {
            return Ok(Change::Appended(said));
        }
    }
    let mut text = perform_afresh(store, today, m)?;
    // What the change did beside (merged a Syncthing conflict copy).
    for n in store.take_notes() {
        text = format!("{text} · {n}");
    }
    Ok(Change::Written(text, Box::new(store.load()?)))
}

/// Performs one mutation under the store's lock, on freshly read files.
fn perform_afresh(store: &Store, today: NaiveDate, m: Mutation) -> Result<String, StoreError> {
    let name_in = |d: &crate::store::Data, id: &str| d.book.partner(id).map(|p| p.name.clone());
    match m {
        Mutation::Log { gesture } => store.change(|d| {
            let name = name_in(d, &gesture.contact).ok_or_else(|| {
                StoreError::Refused(format!(
                    "{} is no longer in contacts.toml; nothing was logged",
                    gesture.contact
                ))
            })?;
            let text = format!("Logged {}", gesture.describe(&name));
            d.book.gestures.push(gesture);
            Ok::<_, StoreError>((format!("{text} · u to undo"), text))
        }),
        Mutation::Update { gesture, outcome } => store.change(|d| {
            let name = name_in(d, &gesture.contact).ok_or_else(|| {
                StoreError::Refused(format!(
                    "{} is no longer in contacts.toml; nothing was logged",
                    gesture.contact
                ))
            })?;
            let text = format!(
                "Logged {}; the referral is {}",
                gesture.describe(&name),
                outcome.as_str()
            );
            record_update(&mut d.book, gesture, outcome).map_err(StoreError::Refused)?;
            Ok::<_, StoreError>((format!("{text} · u to undo"), text))
        }),
        Mutation::Snooze { key, until } => store.change(|d| {
            d.queue.snoozed.insert(key.clone(), until);
            let text = format!("Snoozed until {}", crate::domain::day_label(until, today));
            Ok::<_, StoreError>((format!("{text} · u to undo"), format!("{text} ({key})")))
        }),
        Mutation::Add(mut p) => store.change(|d| {
            p.id = unique_slug(&p.name, |s| d.book.id_taken(s));
            p.since = p.since.or(Some(today));
            let text = format!("Added {}", p.name);
            d.book.insert(*p);
            Ok::<_, StoreError>((format!("{text} · u to undo"), text))
        }),
        Mutation::Edit { before, after } => {
            let text = format!("Edited {}", after.name);
            replace(store, *before, *after, text)
        }
        Mutation::Revise { before, after, text } => replace(store, *before, *after, text),
        Mutation::Merge { keep, other } => store.change(|d| {
            let (Some(k), Some(o)) = (name_in(d, &keep), name_in(d, &other)) else {
                return Err(StoreError::Refused(
                    "one of the two partners is no longer in contacts.toml; nothing was merged".into(),
                ));
            };
            let m = crate::domain::dedupe::merge_partners(&mut d.book, &mut d.queue, &keep, &other)
                .map_err(StoreError::Refused)?;
            let label = format!("Merged {o} ({other}) into {k} ({keep})");
            let moved = match m.moved {
                1 => "1 gesture moved".to_string(),
                n => format!("{n} gestures moved"),
            };
            Ok::<_, StoreError>((format!("{label}: {moved} · u to undo"), label))
        }),
        Mutation::Undo => store.undo().map(|l| match l {
            Some(l) => format!("Undid: {l} · Ctrl-R to redo"),
            None => "Nothing to undo".to_string(),
        }),
        Mutation::Redo => store.redo().map(|l| match l {
            Some(l) => format!("Redid: {l}"),
            None => "Nothing to redo".to_string(),
        }),
    }
}

/// Puts `after` in place of the partner `before` describes, unless they
/// are gone or changed on disk meanwhile; `text` names the change.
fn replace(
    store: &Store,
    before: crate::domain::Partner,
    after: crate::domain::Partner,
    text: String,
) -> Result<String, StoreError> {
    store.change(|d| {
        let i = d.book.position(&before.id).ok_or_else(|| {
            StoreError::Refused(format!(
                "{} is no longer in contacts.toml; nothing was changed",
                before.name
            ))
        })?;
        if d.book.partners[i] != before {
            return Err(StoreError::Refused(format!(
                "{} was changed on disk while you edited; reloaded it, nothing was written: edit again",
                before.name
            )));
        }
        d.book.partners[i] = after;
        Ok((format!("{text} · u to undo"), text))
    })
}
