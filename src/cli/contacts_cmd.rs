//! add, edit, archive, list, show, search.

use super::args::PartnerFields;
use super::render::{CardExtras, ContactJson, card, partner_row};
use super::{Ctx, Failure, Outcome, date_arg, print_json, resolve_who, resolve_who_in};
use crate::domain::answers::open_referrals;
use crate::domain::change::Change;
use crate::domain::ledger::ledger;
use crate::domain::queue::items_of;
use crate::domain::{Partner, Stage, YearlyDate};
use crate::store::partners::Partners;
use serde::Serialize;
use std::collections::HashSet;

/// Empty text means "clear this field".
fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() { None } else { Some(t.to_string()) }
}

fn split_list(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Applies the flags that were given; checks every value before anything
/// changes.
fn apply(ctx: &Ctx, p: &mut Partner, f: &PartnerFields) -> Outcome {
    let birthday = match f.birthday.as_deref().map(str::trim) {
        Some("") => Some(None),
        Some(s) => Some(Some(
            YearlyDate::parse(s).map_err(|m| Failure::Usage(format!("--birthday: {m}")))?,
        )),
        None => None,
    };
    let since = match f.since.as_deref() {
        Some(s) if s.trim().is_empty() => Some(None),
        Some(s) => Some(Some(date_arg(
            "--since",
            s,
            ctx.today,
            crate::domain::day::Toward::Back,
        )?)),
        None => None,
    };
    if let Some(v) = &f.org {
        p.org = opt(v);
    }
    if let Some(v) = &f.role {
        p.role = opt(v);
    }
    if !f.emails.is_empty() {
        p.emails = split_list(&f.emails);
    }
    if !f.phones.is_empty() {
        p.phones = f
            .phones
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    if !f.tags.is_empty() {
        p.tags = split_list(&f.tags);
    }
    if let Some(s) = f.stage {
        p.stage = s;
    }
    if let Some(c) = f.cadence {
        p.cadence_days = Some(c);
    }
    if let Some(b) = birthday {
        p.birthday = b;
    }
    if let Some(v) = &f.clientele {
        p.clientele = opt(v);
    }
    if let Some(v) = &f.notes {
        p.notes = opt(v);
    }
    if let Some(v) = &f.benefit {
        p.benefit = opt(v);
    }
    if let Some(s) = since {
        p.since = s;
    }
    Ok(())
}

fn check_name(name: &str) -> Outcome<String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(Failure::Usage("the name must not be empty".into()));
    }
    Ok(n.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub fn add(ctx: &Ctx, name: &str, fields: &PartnerFields) -> Outcome {
    let name = check_name(name)?;
    let mut p = Partner::new(String::new(), name);
    p.since = Some(ctx.today);
    apply(ctx, &mut p, fields)?;
    let done = ctx
        .store
        .apply(Change::Add { partner: Box::new(p) }, &ctx.config.rules, ctx.today)?;
    for w in &done.warnings {
        tell!("note: {w}");
    }
    let id = done.subject.partner.clone().unwrap_or_default();
    say!("{} ({id})", done.summary);
    Ok(())
}

pub fn edit(ctx: &Ctx, who: &str, name: Option<&str>, accept_stage: bool, fields: &PartnerFields) -> Outcome {
    let new_name = name.map(check_name).transpose()?;
    let build = |data: &crate::store::Data| {
        let i = resolve_who(&data.book, who)?;
        let before = data.book.partners[i].clone();
        let accepted = accept_stage
            .then(|| super::stage_cmd::accepted(&data.book, i, ctx.today))
            .transpose()?;
        let mut after = before.clone();
        if let Some(n) = &new_name {
            after.name = n.clone();
        }
        apply(ctx, &mut after, fields)?;
        if let Some(s) = accepted {
            after.stage = s.to;
        }
        Ok::<_, Failure>(Change::Edit {
            before: Box::new(before),
            after: Box::new(after),
        })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    say!("{}", done.summary);
    Ok(())
}

/// WHO among the archived partners, as any other command finds the active
/// ones (by id, or a few letters of a name, organisation or tag).
fn resolve_archived(book: &crate::domain::Book, who: &str) -> Outcome<usize> {
    let archived: Vec<usize> = (0..book.partners.len())
        .filter(|&i| book.partners[i].archived)
        .collect();
    // The same search, over them as if they were active.
    let shown: Vec<Partner> = archived
        .iter()
        .map(|&i| Partner {
            archived: false,
            ..book.partners[i].clone()
        })
        .collect();
    let sub = crate::domain::Book::new(shown, Vec::new());
    match resolve_who(&sub, who) {
        Ok(j) => {
            let id = &sub.partners[j].id;
            Ok(archived.into_iter().find(|&i| &book.partners[i].id == id).unwrap_or(0))
        }
        Err(Failure::Usage(m)) if archived.is_empty() || m.starts_with("no partner") => Err(Failure::Usage(format!(
            "no archived partner matches '{who}'; `rapport list --archived` shows them"
        ))),
        Err(e) => Err(e),
    }
}

pub fn archive(ctx: &Ctx, who: &str, reason: Option<String>, restore: bool) -> Outcome {
    let build = |data: &crate::store::Data| {
        let id = if restore {
            data.book.partners[resolve_archived(&data.book, who)?].id.clone()
        } else {
            data.book.partners[resolve_who(&data.book, who)?].id.clone()
        };
        Ok::<_, Failure>(if restore {
            Change::Restore { id }
        } else {
            Change::Archive {
                id,
                reason: reason.clone(),
            }
        })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    if restore {
        say!("{}", done.summary);
    } else {
        say!(
            "{}; `rapport archive --restore` or `rapport undo` brings them back",
            done.summary
        );
    }
    Ok(())
}

pub fn merge(ctx: &Ctx, keep: &str, other: &str) -> Outcome {
    let build = |data: &crate::store::Data| {
        let k = &data.book.partners[resolve_who(&data.book, keep)?];
        let o = &data.book.partners[resolve_who(&data.book, other)?];
        if k.id == o.id {
            return Err(Failure::Usage(format!(
                "'{keep}' and '{other}' are both {} ({}); name two partners",
                k.name, k.id
            )));
        }
        Ok(Change::Merge {
            keep: k.id.clone(),
            other: o.id.clone(),
        })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    say!("{}", done.summary);
    // The merge's own note first, then what the store did beside.
    for (i, n) in done.notes.iter().enumerate() {
        if i == 0 {
            say!("{n}; `rapport undo` takes it back");
        } else {
            tell!("note: {n}");
        }
    }
    Ok(())
}

pub fn list(ctx: &Ctx, tag: Option<&str>, stage: Option<Stage>, archived: bool, json: bool) -> Outcome {
    let all = ctx.store.load_partners()?;
    let touches = all.last_touches();
    let gestured: Vec<_> = all.summaries.iter().map(|s| s.last_gesture).collect();
    let conn = connector_ids(&all, ctx);
    let partners = all.all()?;
    let rows: Vec<usize> = (0..partners.len())
        .filter(|&i| {
            let p = &partners[i];
            (archived || !p.archived)
                && tag.is_none_or(|t| p.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
                && stage.is_none_or(|s| p.stage == s)
        })
        .collect();
    let shown: Vec<Shown> = rows.iter().map(|&i| (&partners[i], touches[i], gestured[i])).collect();
    print_partners(ctx, &shown, &conn, json);
    Ok(())
}

fn connector_ids(all: &Partners, ctx: &Ctx) -> HashSet<String> {
    all.connectors(&ctx.config.rules, ctx.today)
        .into_iter()
        .map(|c| c.contact)
        .collect()
}

/// A partner as listed: their last touch (a gesture, or else `since`) and
/// their last gesture (none: never touched).
type Shown<'a> = (&'a Partner, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

/// Partners with their last touches, as a table or as JSON. A partner with
/// no gesture yet shows as "never" touched, not "today".
fn print_partners(ctx: &Ctx, rows: &[Shown], conn: &HashSet<String>, json: bool) {
    if json {
        let v: Vec<ContactJson> = rows
            .iter()
            .map(|&(partner, last_touch, _)| ContactJson {
                partner,
                connector: conn.contains(&partner.id),
                last_touch,
            })
            .collect();
        print_json(&v);
    } else {
        for &(p, _, gestured) in rows {
            say!("{}", partner_row(p, conn.contains(&p.id), gestured, ctx.today));
        }
    }
}

pub fn search(ctx: &Ctx, query: &str, json: bool) -> Outcome {
    let all = ctx.store.load_partners()?;
    let touches = all.last_touches();
    let rows: Vec<usize> = all.index.search(query, &touches).into_iter().map(|h| h.index).collect();
    let conn = connector_ids(&all, ctx);
    if rows.is_empty() && !json {
        tell!("no partner matches '{query}'");
    }
    let partners = all.get(&rows)?;
    let shown: Vec<Shown> = partners
        .iter()
        .zip(&rows)
        .map(|(p, &i)| (p, touches[i], all.summaries[i].last_gesture))
        .collect();
    print_partners(ctx, &shown, &conn, json);
    Ok(())
}

#[derive(Serialize)]
struct ShowJson<'a> {
    contact: ContactJson<'a>,
    balance: &'a crate::domain::ledger::Ledger,
    gestures: Vec<&'a crate::domain::Gesture>,
    open: Vec<crate::domain::queue::QueueItem>,
    /// Their items a snooze hides, each with `until`.
    snoozed: &'a [crate::domain::queue::Snoozed],
    /// Referrals received in the window still owed something, or whose
    /// outcome is not known yet.
    referrals: &'a [crate::domain::answers::OpenReferral],
    /// The stage the log suggests (`edit --accept-stage` sets it), or null.
    suggested_stage: Option<Stage>,
}

pub fn show(ctx: &Ctx, who: &str, json: bool) -> Outcome {
    let all = ctx.store.load_partners()?;
    let i = resolve_who_in(&all, who)?;
    let last_touch = all.summaries[i].last_touch();
    let connector = all
        .connectors(&ctx.config.rules, ctx.today)
        .iter()
        .any(|c| c.contact == all.ids[i]);
    let queue = all.queue.clone();
    // This partner and their gestures: all their ledger and items need.
    let book = all.into_book_of(i)?;
    let p = &book.partners[0];
    let (open, snoozed) = queue.part(items_of(&book, &p.id, &ctx.config.rules, ctx.today), ctx.today);
    let l = ledger(&book, &ctx.config.rules, ctx.today, &p.id, &open, connector);
    let gestures = book.gestures_of(&p.id);
    let referrals = open_referrals(&book, &p.id, &ctx.config.rules, ctx.today);
    let suggestion = crate::domain::stage::suggest_for(&book, &p.id, ctx.today);
    if json {
        print_json(&ShowJson {
            contact: ContactJson {
                partner: p,
                connector: l.connector,
                last_touch,
            },
            balance: &l,
            gestures,
            open,
            snoozed: &snoozed,
            referrals: &referrals,
            suggested_stage: suggestion.map(|s| s.to),
        });
    } else {
        super::out::write(&card(
            p,
            &l,
            &gestures,
            &open,
            &CardExtras {
                referrals: &referrals,
                snoozed: &snoozed,
                suggestion,
            },
            &ctx.config.rules.currency,
            ctx.today,
        ));
    }
    Ok(())
}
