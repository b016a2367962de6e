//! import, export.

use super::{Ctx, Failure, Outcome, print_json};
use crate::domain::change::{Batch, Change};
use crate::domain::text::count;
use crate::domain::{Partner, Stage};
use crate::interop::merge::{MergeReport, Touched, merge};
use crate::interop::write::{escape_text, uid_of, vcard, vcards};
use crate::interop::{self, ExportFormat, ImportFormat, Parsed, Skip, backup_json, guess_format, ics, restore, vdir};
use crate::store::{StoreError, fsio};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// More added partners than this are counted, not listed one by one.
const LIST_ADDED_UP_TO: usize = 20;

#[derive(Serialize)]
struct TouchedJson<'a> {
    #[serde(flatten)]
    touched: &'a Touched,
    contact: Option<&'a Partner>,
}

#[derive(Serialize)]
struct ImportJson<'a> {
    file: String,
    format: ImportFormat,
    encoding: &'static str,
    dry_run: bool,
    added: Vec<TouchedJson<'a>>,
    updated: Vec<TouchedJson<'a>>,
    unchanged: Vec<TouchedJson<'a>>,
    likely_duplicates: &'a [crate::interop::merge::Likely],
    skipped: &'a [Skip],
    notes: &'a [Skip],
}

/// The partners an import touched, as they are after it.
fn touched_partners(book: &crate::domain::Book, r: &MergeReport) -> HashMap<String, Partner> {
    r.added
        .iter()
        .chain(&r.updated)
        .chain(&r.unchanged)
        .filter_map(|t| book.partner(&t.id).map(|p| (t.id.clone(), p.clone())))
        .collect()
}

fn with_contacts<'a>(list: &'a [Touched], partners: &'a HashMap<String, Partner>) -> Vec<TouchedJson<'a>> {
    list.iter()
        .map(|t| TouchedJson {
            touched: t,
            contact: partners.get(&t.id),
        })
        .collect()
}

pub fn import(
    ctx: &Ctx,
    file: &Path,
    format: Option<ImportFormat>,
    dry_run: bool,
    tags: &[String],
    stage: Option<Stage>,
    json: bool,
) -> Outcome {
    let name = file
        .file_name()
        .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let refuse = |e: &dyn std::fmt::Display| Failure::Data(format!("{}: {e}; nothing was imported", file.display()));
    let (format, parsed) = if file.is_dir() {
        (ImportFormat::Vcard, read_vdir(file)?)
    } else {
        let bytes = fs::read(file).map_err(|e| Failure::Data(format!("could not read {}: {e}", file.display())))?;
        if let Some(what) = interop::sniff_other_kind(&bytes) {
            return Err(refuse(&what));
        }
        if restore::looks_like_json(&bytes) {
            let backup = restore::parse(&bytes).map_err(|e| refuse(&e))?;
            return restore_backup(ctx, &name, backup, dry_run, json);
        }
        let format = format.unwrap_or_else(|| guess_format(&name, &bytes));
        (format, interop::parse(format, &bytes).map_err(|e| refuse(&e))?)
    };
    let tags: Vec<String> = tags
        .iter()
        .flat_map(|t| t.split(','))
        .filter_map(interop::tag)
        .collect();

    // The partners added start at `stage` when one was given.
    let merge_in = |book: &mut crate::domain::Book| {
        let report = merge(book, &parsed.contacts, &tags, ctx.today);
        if let Some(s) = stage {
            for t in &report.added {
                if let Some(i) = book.position(&t.id) {
                    book.partners[i].stage = s;
                }
            }
        }
        report
    };
    let (report, partners) = if dry_run {
        let mut book = ctx.store.load()?.book;
        let report = merge_in(&mut book);
        let partners = touched_partners(&book, &report);
        (report, partners)
    } else {
        let mut out = None;
        let build = |data: &crate::store::Data| {
            let mut book = data.book.clone();
            let report = merge_in(&mut book);
            let label = format!(
                "Imported {} from {name}",
                count(report.changed(), "partner", "partners")
            );
            let batch = Batch::between(label, (&data.book, &data.queue), (&book, &data.queue));
            let partners = touched_partners(&book, &report);
            out = Some((report, partners));
            Ok::<_, Failure>(Change::Batch(Box::new(batch)))
        };
        ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
        out.expect("the change was built")
    };

    if json {
        let with = |list| with_contacts(list, &partners);
        print_json(&ImportJson {
            file: file.display().to_string(),
            format,
            encoding: parsed.encoding,
            dry_run,
            added: with(&report.added),
            updated: with(&report.updated),
            unchanged: with(&report.unchanged),
            likely_duplicates: &report.likely_duplicates,
            skipped: &parsed.skipped,
            notes: &parsed.notes,
        });
        return Ok(());
    }

    let counts = format!(
        "{} added, {} updated, {} unchanged, {} skipped",
        report.added.len(),
        report.updated.len(),
        report.unchanged.len(),
        parsed.skipped.len()
    );
    if dry_run {
        say!("Dry run of {name}, nothing was written: {counts}");
    } else if report.changed() == 0 {
        say!("Nothing new in {name}: {counts}");
    } else {
        say!(
            "Imported {} from {name}: {counts} · `rapport undo` takes it back",
            count(report.changed(), "partner", "partners")
        );
    }
    if report.added.len() <= LIST_ADDED_UP_TO {
        for t in &report.added {
            say!("  added      {} ({})", t.name, t.id);
        }
    } else {
        say!(
            "  added      {} (`rapport list` shows them)",
            count(report.added.len(), "partner", "partners")
        );
    }
    for t in &report.updated {
        say!("  updated    {} ({}): {}", t.name, t.id, t.fields.join(", "));
    }
    for l in &report.likely_duplicates {
        say!(
            "  duplicate? {} ({}) is likely {} ({}): {}; `rapport merge {} {}` makes them one",
            l.name,
            l.id,
            l.name,
            l.like,
            l.why,
            l.like,
            l.id
        );
    }
    for s in &parsed.skipped {
        say!("  skipped    {}: {}", s.source, s.reason);
    }
    for s in &parsed.notes {
        say!("  note       {}: {}", s.source, s.reason);
    }
    let reaching = report
        .added
        .iter()
        .filter(|t| partners.get(&t.id).is_some_and(|p| p.stage == Stage::ReachOut))
        .count();
    if stage.is_none() && reaching >= REACH_OUT_HINT_FROM {
        say!(
            "  stage      {reaching} added at reach-out: each is a reach-out item in the queue until a first message goes out; for people you know already, {} with --stage rapport",
            if dry_run {
                "import"
            } else {
                "`rapport undo` and import again"
            }
        );
    }
    Ok(())
}

/// From this many partners added at reach-out, the import says what that
/// does to the queue.
const REACH_OUT_HINT_FROM: usize = 20;

/// Every `.vcf` of a vdir folder (khard's, vdirsyncer's), in name order, as
/// one import; each card's source names its file. A file that cannot be
/// read is skipped with its reason.
fn read_vdir(dir: &Path) -> Outcome<Parsed> {
    let mut files: Vec<std::path::PathBuf> = fs::read_dir(dir)
        .map_err(|e| Failure::Data(format!("could not read the folder {}: {e}", dir.display())))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| x.eq_ignore_ascii_case("vcf") || x.eq_ignore_ascii_case("vcard"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Failure::Data(format!(
            "{} is a folder with no .vcf file in it; nothing was imported",
            dir.display()
        )));
    }
    let mut out = Parsed {
        encoding: "UTF-8",
        ..Parsed::default()
    };
    for path in files {
        let fname = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| interop::vcard::parse(&b).map_err(|e| e.to_string()));
        match parsed {
            Ok(p) => {
                if p.encoding != "UTF-8" {
                    out.encoding = p.encoding;
                }
                let at = |mut s: Skip| {
                    s.source = format!("{fname} {}", s.source);
                    s
                };
                out.contacts.extend(p.contacts.into_iter().map(|mut c| {
                    c.source = format!("{fname} {}", c.source);
                    c
                }));
                out.skipped.extend(p.skipped.into_iter().map(at));
                out.notes.extend(p.notes.into_iter().map(at));
            }
            Err(reason) => out.skipped.push(Skip { source: fname, reason }),
        }
    }
    Ok(out)
}

/// rapport's own JSON export read back: partners, gestures and snoozes
/// merged by id, as one change `undo` takes back.
fn restore_backup(ctx: &Ctx, name: &str, backup: restore::Backup, dry_run: bool, json: bool) -> Outcome {
    let r = if dry_run {
        let mut data = ctx.store.load()?;
        restore::merge(&mut data.book, &mut data.queue.snoozed, backup)
    } else {
        let mut out = None;
        let build = |data: &crate::store::Data| {
            let (mut book, mut queue) = (data.book.clone(), data.queue.clone());
            out = Some(restore::merge(&mut book, &mut queue.snoozed, backup));
            let batch = Batch::between(format!("Restored {name}"), (&data.book, &data.queue), (&book, &queue));
            Ok::<_, Failure>(Change::Batch(Box::new(batch)))
        };
        ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
        out.expect("the change was built")
    };
    if json {
        print_json(&r);
        return Ok(());
    }
    let counts = format!(
        "{} added ({} already here), {} added ({} already here), {}",
        count(r.partners_added.len(), "partner", "partners"),
        r.partners_kept,
        count(r.gestures_added, "gesture", "gestures"),
        r.gestures_kept,
        count(r.snoozes_set, "snooze set", "snoozes set"),
    );
    if dry_run {
        say!("Dry run of the rapport export {name}, nothing was written: {counts}");
    } else {
        say!("Restored the rapport export {name}: {counts} · `rapport undo` takes it back");
    }
    if !r.gestures_differing.is_empty() {
        tell!(
            "warning: {} in the export use an id this book gives a different gesture ({}); this book's were kept",
            count(r.gestures_differing.len(), "gesture", "gestures"),
            r.gestures_differing.join(", ")
        );
    }
    Ok(())
}

/// Removes `path` if it holds the card of the partner whose UID line is
/// `ours`; true if it did. A long UID is folded over lines in the file.
fn remove_if_ours(path: &Path, ours: &str) -> Outcome<bool> {
    let holds_ours =
        fs::read_to_string(path).is_ok_and(|t| t.replace("\r\n ", "").replace("\r\n\t", "").contains(ours));
    if holds_ours {
        fsio::remove(path)?;
    }
    Ok(holds_ours)
}

/// The `.vcf` files of `dir` that are none of `names` nor named after a
/// partner's id as an older rapport named them (ignoring case), by the UID
/// of the one card each holds; the first in name order wins.
fn synced_names(dir: &Path, names: &[String], partners: &[Partner]) -> HashMap<String, String> {
    let ours: HashSet<String> = names
        .iter()
        .map(|n| n.to_lowercase())
        .chain(partners.iter().map(|p| format!("{}.vcf", p.id).to_lowercase()))
        .collect();
    let mut theirs: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.to_lowercase().ends_with(".vcf") && !ours.contains(&n.to_lowercase()))
        .collect();
    theirs.sort();
    let mut by_uid = HashMap::new();
    for name in theirs {
        let path = dir.join(&name);
        if let Some(uid) = path
            .is_file()
            .then(|| fs::read(&path).ok())
            .flatten()
            .and_then(|b| vdir::uid_in(&b))
        {
            by_uid.entry(uid).or_insert(name);
        }
    }
    by_uid
}

/// One `.vcf` per partner, as khard and vdirsyncer keep them, each named
/// by [`vdir::file_names`] (or the file a sync put their card in), so every
/// file lands inside `dir`. Files that already say what the partner's card
/// would (the same bytes, or the same card as a server rewrote it) are left
/// alone, so a sync sees only real changes; the file of a partner since
/// archived is removed if it is ours, and so is one an older rapport named
/// from an id that is no longer a file name.
fn write_vdir(dir: &Path, partners: &[Partner]) -> Outcome<(usize, usize, usize)> {
    if !dir.exists() {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, "create", e))?;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    } else if !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is a file; --format vdir writes a folder",
            dir.display()
        )));
    }
    let names = vdir::file_names(partners);
    let synced = synced_names(dir, &names, partners);
    let (mut written, mut same, mut removed) = (0, 0, 0);
    for (p, name) in partners.iter().zip(names) {
        let uid = uid_of(p);
        let ours = format!("\r\nUID:{}\r\n", escape_text(&uid));
        if let Some(old) = vdir::older_name(&p.id, &name) {
            remove_if_ours(&dir.join(old), &ours)?;
        }
        // A card that came in under another name (vdirsyncer names a card
        // added on the phone after its UID) keeps that file: a second file
        // with the same UID is one vdirsyncer refuses to sync.
        let name = match synced.get(&uid) {
            Some(theirs) => {
                remove_if_ours(&dir.join(&name), &ours)?;
                theirs.clone()
            }
            None => name,
        };
        let path = dir.join(&name);
        if p.archived {
            if remove_if_ours(&path, &ours)? {
                removed += 1;
            }
            continue;
        }
        let text = vcard(p);
        if fs::read(&path).is_ok_and(|old| old == text.as_bytes() || vdir::says_the_same(&old, p)) {
            same += 1;
            continue;
        }
        fsio::atomic_write(&path, text.as_bytes())?;
        written += 1;
    }
    Ok((written, same, removed))
}

pub fn export(ctx: &Ctx, format: ExportFormat, output: Option<&Path>) -> Outcome {
    let data = ctx.store.load()?;
    let book = &data.book;
    let active = book.partners.iter().filter(|p| !p.archived).count();
    let output = output.filter(|p| p.as_os_str() != "-");
    let (text, what) = match format {
        ExportFormat::Vdir => {
            let Some(dir) = output else {
                return Err(Failure::Usage(
                    "--format vdir writes a folder of .vcf files: name it with -o DIR".into(),
                ));
            };
            let (written, same, removed) = write_vdir(dir, &book.partners)?;
            let mut msg = format!(
                "Exported {} to {}: {written} written, {same} unchanged",
                count(active, "partner", "partners"),
                dir.display()
            );
            if removed > 0 {
                msg.push_str(&format!(", {removed} archived removed"));
            }
            tell!("{msg}");
            return Ok(());
        }
        ExportFormat::Vcard => (vcards(&book.partners), count(active, "partner", "partners")),
        ExportFormat::Ics => {
            let text = ics::calendar(book, &data.queue, &ctx.config.rules, ctx.today);
            let events = text.matches("BEGIN:VEVENT").count();
            let todos = text.matches("BEGIN:VTODO").count();
            (
                text,
                format!(
                    "{} and {}",
                    count(events, "yearly event", "yearly events"),
                    count(todos, "to-do", "to-dos")
                ),
            )
        }
        ExportFormat::Json => (
            backup_json(book, &data.queue.snoozed, ctx.today),
            format!(
                "{}, {} and {}",
                count(book.partners.len(), "partner", "partners"),
                count(book.gestures.len(), "gesture", "gestures"),
                count(data.queue.snoozed.len(), "snooze", "snoozes")
            ),
        ),
    };
    match output {
        Some(path) => match super::out::to_path(path, text.as_bytes())? {
            super::out::Written::Stdout => tell!("Exported {what} to standard output"),
            _ => tell!("Exported {what} to {}", path.display()),
        },
        // A backup shown on a terminal is escaped as `print_json` does.
        None if format == ExportFormat::Json => super::out::write(&super::json_escape_controls(&text)),
        None => super::out::write(&text),
    }
    Ok(())
}
