//! draft, refer: reaching out, and referring out.

use super::{Ctx, Failure, Outcome, print_json, resolve_who};
use crate::domain::draft::checks::{Known, Verdict, check as run_checks};
use crate::domain::draft::{DEFAULT_TEMPLATE, Draft, Facts, first_name};
use crate::domain::queue::{ItemKind, items_of};
use crate::domain::refer::{Candidate, rank};
use crate::domain::rules::warnings_for;
use crate::domain::{Book, Direction, Kind, Partner};
use crate::store::{new_gesture, templates};
use serde::Serialize;
use std::io::Read as _;
use std::path::Path;

/// What the checks know of a partner and of you.
fn known<'a>(p: Option<&'a Partner>, ctx: &'a Ctx) -> Known<'a> {
    Known {
        first_name: p.map(|p| first_name(&p.name)),
        their_clientele: p.and_then(|p| p.clientele.as_deref()),
        me: (!ctx.config.me.is_empty()).then_some(&ctx.config.me),
    }
}

/// The one partner WHO names, from a fresh read of the files.
fn partner(ctx: &Ctx, who: &str) -> Outcome<(Book, usize)> {
    let book = ctx.store.load()?.book;
    let i = super::resolve_who(&book, who)?;
    Ok((book, i))
}

#[derive(Serialize)]
struct DraftJson<'a> {
    #[serde(flatten)]
    draft: &'a Draft,
    mailto: Option<String>,
    checks: &'a [Verdict],
}

pub fn draft(ctx: &Ctx, who: &str, template: Option<&str>, output: Option<&Path>, json: bool) -> Outcome {
    let dir = templates::dir_for(&ctx.paths.config_file);
    let name = template.unwrap_or(DEFAULT_TEMPLATE);
    let template = templates::load(&dir, name)?.ok_or_else(|| {
        Failure::Usage(format!(
            "no template called '{name}'; there are: {} (your own go in {})",
            templates::names(&dir).join(", "),
            dir.display()
        ))
    })?;
    let (book, i) = partner(ctx, who)?;
    let p = &book.partners[i];
    let d = template.fill(&Facts::new(&book, p, &ctx.config.me, ctx.today));
    let verdicts = run_checks(&d.to_string(), &known(Some(p), ctx));
    if json {
        print_json(&DraftJson {
            draft: &d,
            mailto: d.mailto(),
            checks: &verdicts,
        });
        return Ok(());
    }
    match output {
        Some(path) => {
            if path.is_dir() {
                return Err(Failure::Usage(format!(
                    "{} is a folder; -o takes a file name",
                    path.display()
                )));
            }
            crate::store::fsio::atomic_write(path, d.to_string().as_bytes())?;
            say!("Wrote the draft to {} for {}", path.display(), p.name);
        }
        None => {
            match &d.email {
                Some(e) => say!("To: {} <{e}>", p.name),
                None => say!("To: {} (no e-mail address on file)", p.name),
            }
            for line in d.to_string().lines() {
                say!("{line}");
            }
        }
    }
    if let Some(m) = d.mailto() {
        say!();
        say!("{m}");
    }
    let failed: Vec<&Verdict> = verdicts.iter().filter(|v| !v.pass).collect();
    if !failed.is_empty() {
        tell!("note: the draft fails {} of {} checks:", failed.len(), verdicts.len());
        for v in failed {
            tell!("  {}", v.line());
        }
    }
    Ok(())
}

pub fn check(ctx: &Ctx, file: &Path, to: Option<&str>, json: bool) -> Outcome {
    let text = if file == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::Data(format!("could not read the draft from standard input: {e}")))?;
        s
    } else {
        std::fs::read_to_string(file).map_err(|e| Failure::Data(format!("could not read {}: {e}", file.display())))?
    };
    let found = to.map(|who| partner(ctx, who)).transpose()?;
    let p = found.as_ref().map(|(book, i)| &book.partners[*i]);
    let verdicts = run_checks(&text, &known(p, ctx));
    if json {
        print_json(&verdicts);
    } else {
        for v in &verdicts {
            say!("{}", v.line());
        }
    }
    let failed = verdicts.iter().filter(|v| !v.pass).count();
    if failed > 0 {
        return Err(Failure::Data(format!(
            "the draft fails {failed} of {} checks",
            verdicts.len()
        )));
    }
    Ok(())
}

#[derive(Serialize)]
struct ReferJson<'a> {
    #[serde(flatten)]
    candidate: &'a Candidate,
    org: Option<&'a str>,
    role: Option<&'a str>,
}

pub fn refer(ctx: &Ctx, need: &str, to: Option<&str>, note: Option<String>, json: bool) -> Outcome {
    if need.trim().is_empty() {
        return Err(Failure::Usage(
            "say what the client needs, e.g. rapport refer \"estate planning\"".into(),
        ));
    }
    if let Some(who) = to {
        return log_referral(ctx, who, note);
    }
    let book = ctx.store.load()?.book;
    let ranked = rank(&book, need, ctx.today);
    if json {
        let rows: Vec<ReferJson> = ranked
            .iter()
            .map(|c| {
                let p = &book.partners[c.index];
                ReferJson {
                    candidate: c,
                    org: p.org.as_deref(),
                    role: p.role.as_deref(),
                }
            })
            .collect();
        print_json(&rows);
        return Ok(());
    }
    if ranked.is_empty() {
        tell!(
            "no active partner's clientele, role, tags, benefit or notes match '{need}'; `rapport search {}` looks by name and more loosely",
            shell_word(need)
        );
        return Ok(());
    }
    say!("Who to send a client to for “{need}”, the ones you owe most first:");
    for (n, c) in ranked.iter().enumerate() {
        let p = &book.partners[c.index];
        let org = p.org.as_deref().map(|o| format!(" ({o})")).unwrap_or_default();
        say!("{:>2}. {}{org}   [{}]", n + 1, p.name, p.id);
        say!("    {}", c.reason);
        for m in &c.matched {
            say!("    {}: {}", m.field, m.text);
        }
    }
    let first = &ranked[0];
    say!(
        "`rapport refer {} --to {} --note INITIALS` logs the referral.",
        shell_word(need),
        first.contact
    );
    Ok(())
}

/// A word as typed on a command line: quoted when it has spaces.
fn shell_word(s: &str) -> String {
    if s.contains(char::is_whitespace) {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

/// `--to WHO`: logs a referral given, as `rapport log WHO referral` would.
fn log_referral(ctx: &Ctx, who: &str, note: Option<String>) -> Outcome {
    let rules = &ctx.config.rules;
    let (text, warnings, cleared) = ctx.store.change(|data| {
        let i = resolve_who(&data.book, who)?;
        let p = &data.book.partners[i];
        if p.archived {
            return Err(Failure::Usage(format!(
                "{} is archived; `rapport archive --restore {}` brings them back before you refer to them",
                p.name, p.id
            )));
        }
        let (id, name) = (p.id.clone(), p.name.clone());
        let one_way = |b: &Book| {
            items_of(b, &id, rules, ctx.today)
                .iter()
                .any(|it| it.kind == ItemKind::OneWay)
        };
        let had_one_way = one_way(&data.book);
        let g = new_gesture(&id, Kind::Referral, Direction::Given, ctx.today, note.clone());
        let warnings = warnings_for(&data.book, rules, &g);
        let text = format!("Logged {}", g.describe(&name));
        data.book.gestures.push(g);
        let cleared = had_one_way && !one_way(&data.book);
        Ok::<_, Failure>(((text.clone(), warnings, cleared.then_some(name)), text))
    })?;
    for w in warnings {
        tell!("warning: {w}");
    }
    say!(
        "{text} on {} · `rapport undo` takes it back",
        ctx.today.format("%-d %b %Y")
    );
    if let Some(name) = cleared {
        say!("That clears the one-way item for {name}.");
    }
    Ok(())
}
