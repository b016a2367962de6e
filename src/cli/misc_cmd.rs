//! check, paths, undo/redo, completions, and the overview.

use super::args::Cli;
use super::render::fit;
use super::{Ctx, Failure, Outcome, load_config, print_json};
use crate::domain::queue::ItemKind;
use crate::domain::queue::due_items;
use crate::domain::text::count;
use clap::CommandFactory;
use clap_complete::Shell;
use serde::Serialize;
use std::path::PathBuf;

pub fn completions(shell: Shell) -> Outcome {
    clap_complete::generate(shell, &mut Cli::command(), "rapport", &mut std::io::stdout());
    Ok(())
}

/// What `rapport` prints with no command: today's counts and the queue.
pub fn overview(ctx: &Ctx) -> Outcome {
    let data = ctx.store.load()?;
    let book = &data.book;
    let active = book.partners.iter().filter(|p| !p.archived).count();
    let items = due_items(book, &data.queue, &ctx.config.rules, ctx.today);
    let thanks = items.iter().filter(|i| i.kind == ItemKind::Thank).count();
    say!(
        "rapport · {} · {} due · {} owed · {}",
        ctx.today.format("%a %-d %b %Y"),
        items.len(),
        count(thanks, "thank-you", "thank-yous"),
        count(active, "partner", "partners")
    );
    if active == 0 {
        say!();
        say!("No partners yet. Add one with `rapport add \"Dana Lee\" --org \"Lee Family Law\"`,");
        say!("or look around the demo with `rapport --demo`.");
        return Ok(());
    }
    say!();
    for i in items.iter().take(15) {
        let name = book.partner(&i.contact).map_or(i.contact.as_str(), |p| p.name.as_str());
        say!("  {} {} {}", fit(i.kind.as_str(), 9), fit(name, 22), i.text);
    }
    if items.len() > 15 {
        say!("  … and {} more (`rapport queue`)", items.len() - 15);
    }
    say!();
    say!("`rapport queue` lists keys for `rapport done KEY`; `rapport --help` shows every command.");
    Ok(())
}

pub fn undo(ctx: &Ctx, undo: bool) -> Outcome {
    let r = if undo { ctx.store.undo()? } else { ctx.store.redo()? };
    match (r, undo) {
        (Some(label), true) => say!("Undid: {label} · `rapport redo` brings it back"),
        (Some(label), false) => say!("Redid: {label}"),
        (None, true) => say!("Nothing to undo."),
        (None, false) => say!("Nothing to redo."),
    }
    Ok(())
}

pub fn check(ctx: &Ctx) -> Outcome {
    let mut errors: Vec<String> = Vec::new();
    if let Err(e) = load_config(&ctx.paths.config_file) {
        errors.push(e.to_string());
    }
    let (problems, warnings) = ctx.store.check();
    errors.extend(problems.iter().map(ToString::to_string));
    // Fields two machines changed differently, kept as this one had them.
    errors.extend(crate::store::merge_conflicts::standing(&ctx.paths.data_dir));
    for w in &warnings {
        tell!("warning: {w}");
    }
    if errors.is_empty() {
        let data = ctx.store.load()?;
        // The load met the same warnings, and `run` would say them again
        // after the command: each was said above, once.
        for w in ctx.store.take_warnings() {
            if !warnings.contains(&w) {
                tell!("warning: {w}");
            }
        }
        say!(
            "ok: {}, {}, {} in {}",
            count(data.book.partners.len(), "partner", "partners"),
            count(data.book.gestures.len(), "gesture", "gestures"),
            count(data.queue.snoozed.len(), "snooze", "snoozes"),
            ctx.paths.data_dir.display()
        );
        for w in id_warnings(&data.book) {
            tell!("warning: contacts.toml: {w}");
        }
        // Not problems, but worth a look: partners who look like one person.
        let ps = &data.book.partners;
        for (a, b, why) in crate::domain::dedupe::likely_pairs(ps) {
            tell!(
                "note: {} ({}) and {} ({}) look like one person ({why}); `rapport merge {} {}` makes them one",
                ps[a].name,
                ps[a].id,
                ps[b].name,
                ps[b].id,
                ps[a].id,
                ps[b].id
            );
        }
        Ok(())
    } else {
        for e in &errors {
            tell!("{e}");
        }
        let n = errors.len();
        Err(Failure::Data(format!(
            "{n} problem{} found; nothing was changed",
            if n == 1 { "" } else { "s" }
        )))
    }
}

/// Ids a hand edit or an old tool left that rapport would not make, and
/// aliases that name no one clearly: an alias that is a partner's own id,
/// one alias claimed by two partners, or a partner's own id among its
/// aliases.
fn id_warnings(book: &crate::domain::Book) -> Vec<String> {
    use crate::domain::text::slug;
    let mut out = Vec::new();
    let ids: std::collections::HashSet<&str> = book.partners.iter().map(|p| p.id.as_str()).collect();
    let mut claimed: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for p in &book.partners {
        if slug(&p.id) != p.id {
            out.push(format!(
                "the id '{}' of {} is not one rapport makes (it would be '{}'); it works, but a new one is safer in file names and scripts",
                p.id,
                p.name,
                slug(&p.id)
            ));
        }
        for a in &p.aliases {
            if a == &p.id {
                out.push(format!("{} ({}) lists their own id among their aliases", p.name, p.id));
            } else if ids.contains(a.as_str()) {
                out.push(format!(
                    "{} ({}) has the alias '{a}', which is another partner's id: that id names the other partner",
                    p.name, p.id
                ));
            } else if let Some(other) = claimed.insert(a, &p.id) {
                out.push(format!(
                    "the alias '{a}' is claimed by both {other} and {}: gestures under it go to the first",
                    p.id
                ));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct PathsJson {
    config: PathBuf,
    data_dir: PathBuf,
    contacts: PathBuf,
    gestures: PathBuf,
    queue: PathBuf,
    journal: PathBuf,
    backups: PathBuf,
}

pub fn paths(ctx: &Ctx, json: bool) -> Outcome {
    let p = &ctx.paths;
    let v = PathsJson {
        config: p.config_file.clone(),
        data_dir: p.data_dir.clone(),
        contacts: p.contacts(),
        gestures: p.gestures(),
        queue: p.queue(),
        journal: p.journal(),
        backups: p.backups(),
    };
    if json {
        print_json(&v);
    } else {
        say!("config    {}", v.config.display());
        say!("data      {}", v.data_dir.display());
        say!("contacts  {}", v.contacts.display());
        say!("gestures  {}", v.gestures.display());
        say!("queue     {}", v.queue.display());
        say!("journal   {}", v.journal.display());
        say!("backups   {}", v.backups.display());
    }
    Ok(())
}
