//! import CAL.ics --touches: meetings from a calendar.

use super::{Ctx, Failure, Outcome, print_json};
use crate::domain::change::{Batch, Change};
use crate::interop::calendar::{looks_like_calendar, past_occurrences};
use crate::interop::touches::{Touches, find, gesture};
use serde::Serialize;
use std::fs;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// More new meetings than this are counted, not listed, after a real import
/// (a dry run lists them all: that is what it is for).
const LIST_UP_TO: usize = 20;

#[derive(Serialize)]
struct TouchesJson<'a> {
    file: String,
    dry_run: bool,
    matched: usize,
    #[serde(flatten)]
    touches: &'a Touches,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Logs a meeting for each past occurrence in the calendar `file` that a
/// partner attended, as one change `rapport undo` takes back.
pub fn import(ctx: &Ctx, file: &Path, dry_run: bool, json: bool) -> Outcome {
    let name = file
        .file_name()
        .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    if file.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is a folder; --touches reads one calendar file (.ics)",
            file.display()
        )));
    }
    let bytes = fs::read(file).map_err(|e| Failure::Data(format!("could not read {}: {e}", file.display())))?;
    if !looks_like_calendar(&bytes) {
        return Err(Failure::Data(format!(
            "{} is not an iCalendar file (it does not begin with BEGIN:VCALENDAR); --touches reads meetings from a calendar's .ics; nothing was imported",
            file.display()
        )));
    }
    let cal = past_occurrences(&bytes, ctx.today, &chrono::Local)
        .map_err(|e| Failure::Data(format!("{}: {e}; nothing was imported", file.display())))?;

    let touches = if dry_run {
        find(&ctx.store.load()?.book, cal)
    } else {
        let mut out = None;
        let build = |data: &crate::store::Data| {
            let t = find(&data.book, cal);
            let batch = Batch {
                label: format!("Logged {} from {name}", plural(t.new.len(), "meeting", "meetings")),
                // The store gives each its id.
                gestures: t.new.iter().map(|m| gesture(m, String::new())).collect(),
                ..Batch::default()
            };
            out = Some(t);
            Ok::<_, Failure>(Change::Batch(Box::new(batch)))
        };
        ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
        out.expect("the change was built")
    };

    if json {
        print_json(&TouchesJson {
            file: file.display().to_string(),
            dry_run,
            matched: touches.matched(),
            touches: &touches,
        });
        return Ok(());
    }

    let t = &touches;
    let mut counts = vec![
        format!("{} new", t.new.len()),
        format!("{} already logged", t.already_logged),
        plural(t.no_partner, "event with no partner", "events with no partner"),
    ];
    if t.archived > 0 {
        counts.push(format!("{} with an archived partner skipped", t.archived));
    }
    if t.declined > 0 {
        counts.push(format!("{} declined", t.declined));
    }
    if dry_run {
        say!("Dry run of {name}, nothing was written:");
    }
    let undo = if !dry_run && !t.new.is_empty() {
        " `rapport undo` takes them back."
    } else {
        ""
    };
    say!(
        "Matched {} with {} in {name} ({}).{undo}",
        plural(t.matched(), "meeting", "meetings"),
        plural(t.partners, "partner", "partners"),
        counts.join(", ")
    );
    let shown = if dry_run {
        t.new.len()
    } else {
        t.new.len().min(LIST_UP_TO)
    };
    let width = t.new.iter().take(shown).map(|m| m.name.width()).max().unwrap_or(0);
    for m in t.new.iter().take(shown) {
        let pad = " ".repeat(width - m.name.width());
        say!("{}  {}{pad}  {}", m.date, m.name, m.note.as_deref().unwrap_or(""));
    }
    if shown < t.new.len() {
        say!(
            "… and {} more (`rapport show WHO` lists a partner's log)",
            t.new.len() - shown
        );
    }
    for s in &t.skipped {
        say!("  skipped    {}: {}", s.source, s.reason);
    }
    Ok(())
}
