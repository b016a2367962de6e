//! import PATH --touches: meetings from a calendar, messages from mail.

use super::{Ctx, Failure, Outcome, date_arg, print_json};
use crate::domain::change::{Batch, Change};
use crate::domain::text::count;
use crate::interop::calendar::{looks_like_calendar, past_occurrences};
use crate::interop::mail::{
    MailTouches, Mailbox, Rules as MailRules, find as find_mail, gesture as mail_gesture, read_path, read_stream,
};
use crate::interop::touches::{Touches, find, gesture};
use chrono::NaiveDate;
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

/// `rapport import PATH --touches`: meetings from a calendar, or messages
/// from mail, as one change `rapport undo` takes back.
pub fn import(ctx: &Ctx, file: &Path, since: Option<&str>, dry_run: bool, json: bool) -> Outcome {
    let since = since
        .map(|s| date_arg("--since", s, ctx.today, crate::domain::day::Toward::Back))
        .transpose()?;
    let stdin = file == Path::new("-");
    if stdin || file.is_dir() {
        return mail(ctx, file, None, since, dry_run, json);
    }
    let bytes = fs::read(file).map_err(|e| Failure::Data(format!("could not read {}: {e}", file.display())))?;
    if looks_like_calendar(&bytes) {
        calendar(ctx, file, &bytes, since, dry_run, json)
    } else {
        mail(ctx, file, Some(bytes), since, dry_run, json)
    }
}

/// Logs a meeting for each past occurrence in the calendar `file` that a
/// partner attended.
fn calendar(ctx: &Ctx, file: &Path, bytes: &[u8], since: Option<NaiveDate>, dry_run: bool, json: bool) -> Outcome {
    let name = file
        .file_name()
        .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut cal = past_occurrences(bytes, ctx.today, &chrono::Local)
        .map_err(|e| Failure::Data(format!("{}: {e}; nothing was imported", file.display())))?;
    if let Some(s) = since {
        cal.occurrences.retain(|o| o.date >= s);
    }

    let touches = if dry_run {
        find(&ctx.store.load()?.book, cal)
    } else {
        let mut out = None;
        let build = |data: &crate::store::Data| {
            let t = find(&data.book, cal);
            let batch = Batch {
                label: format!("Logged {} from {name}", count(t.new.len(), "meeting", "meetings")),
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
        count(t.no_partner, "event with no partner", "events with no partner"),
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
        count(t.matched(), "meeting", "meetings"),
        count(t.partners, "partner", "partners"),
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
    if t.left_out > 0 {
        let first = t.new.first().map(|m| m.date.to_string()).unwrap_or_default();
        say!(
            "Left out the {} oldest: one import logs at most {}, the newest (from {first} on); `--since DATE` picks the days to take",
            count(t.left_out, "meeting", "meetings"),
            crate::interop::touches::MAX_MEETINGS
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct MailJson<'a> {
    file: String,
    dry_run: bool,
    matched: usize,
    #[serde(flatten)]
    touches: &'a MailTouches,
}

/// Logs a message for each mail to or from a partner in `file`: a maildir
/// or a folder of them, an mbox, one message, or `-` for standard input
/// (`bytes`: the file, already read).
fn mail(
    ctx: &Ctx,
    file: &Path,
    bytes: Option<Vec<u8>>,
    since: Option<NaiveDate>,
    dry_run: bool,
    json: bool,
) -> Outcome {
    let stdin = file == Path::new("-");
    let name = if stdin {
        "standard input".to_string()
    } else {
        file.file_name()
            .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
    };
    let unreadable = |e: &dyn std::fmt::Display| Failure::Data(format!("could not read {}: {e}", file.display()));
    let mailbox = match bytes {
        Some(b) => {
            let mut m = Mailbox::default();
            read_stream(std::io::Cursor::new(b), &chrono::Local, &mut m).map_err(|e| unreadable(&e))?;
            m
        }
        None if stdin => {
            let mut m = Mailbox::default();
            read_stream(std::io::stdin().lock(), &chrono::Local, &mut m).map_err(|e| unreadable(&e))?;
            m
        }
        None => read_path(file, &chrono::Local)
            .map_err(|e| Failure::Data(format!("{}: {e}; nothing was imported", file.display())))?,
    };
    if mailbox.mails.is_empty() && !file.is_dir() {
        return Err(Failure::Data(format!(
            "{} is neither a calendar (it does not begin with BEGIN:VCALENDAR) nor mail (no message headers); --touches reads a calendar's .ics, a maildir, an mbox or an .eml; nothing was imported",
            if stdin {
                "standard input".to_string()
            } else {
                file.display().to_string()
            }
        )));
    }
    let me = &ctx.config.me.emails;
    if me.is_empty() {
        tell!(
            "note: [me] emails is not set in config.toml, so no mail counts as yours: only mail from partners is logged"
        );
    }
    let rules = MailRules {
        me,
        max_recipients: ctx.config.mail_max_recipients,
        since,
        today: ctx.today,
    };
    let touches = if dry_run {
        find_mail(&ctx.store.load()?.book, mailbox, &rules)
    } else {
        let mut out = None;
        let build = |data: &crate::store::Data| {
            let t = find_mail(&data.book, mailbox, &rules);
            let batch = Batch {
                label: format!("Logged {} from {name}", count(t.new.len(), "message", "messages")),
                // The store gives each its id.
                gestures: t.new.iter().map(|m| mail_gesture(m, String::new())).collect(),
                ..Batch::default()
            };
            out = Some(t);
            Ok::<_, Failure>(Change::Batch(Box::new(batch)))
        };
        ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
        out.expect("the change was built")
    };

    if json {
        print_json(&MailJson {
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
        count(t.no_partner, "with no partner", "with no partner"),
    ];
    if t.archived > 0 {
        counts.push(format!("{} with an archived partner", t.archived));
    }
    let skipped: Vec<String> = t.skipped.iter().map(|(why, n)| format!("{n} {why}")).collect();
    if !skipped.is_empty() {
        counts.push(format!("skipped: {}", skipped.join(", ")));
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
        "Matched {} with {} in {} read from {name} ({}).{undo}",
        count(t.matched(), "message", "messages"),
        count(t.partners, "partner", "partners"),
        count(t.messages, "message", "messages"),
        counts.join("; ")
    );
    let shown = if dry_run {
        t.new.len()
    } else {
        t.new.len().min(LIST_UP_TO)
    };
    let width = t.new.iter().take(shown).map(|m| m.name.width()).max().unwrap_or(0);
    for m in t.new.iter().take(shown) {
        let pad = " ".repeat(width - m.name.width());
        let arrow = if m.dir == crate::domain::Direction::Given {
            "→"
        } else {
            "←"
        };
        say!(
            "{}  {arrow} {}{pad}  {}",
            m.date,
            m.name,
            m.note.as_deref().unwrap_or("")
        );
    }
    if shown < t.new.len() {
        say!(
            "… and {} more (`rapport show WHO` lists a partner's log)",
            t.new.len() - shown
        );
    }
    Ok(())
}
