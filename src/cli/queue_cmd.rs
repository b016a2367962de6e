//! queue, done, snooze, stats.

use super::render::fit;
use super::{Ctx, Failure, Outcome, date_arg, print_json};
use crate::domain::Book;
use crate::domain::change::Change;
use crate::domain::queue::{ItemKind, QueueItem, all_items, due_items};
use chrono::Days;
use serde::Serialize;

fn name_of(book: &Book, id: &str) -> String {
    book.partner(id).map_or_else(|| id.to_string(), |p| p.name.clone())
}

#[derive(Serialize)]
struct ItemJson<'a> {
    #[serde(flatten)]
    item: &'a QueueItem,
    name: String,
}

pub fn queue(ctx: &Ctx, json: bool) -> Outcome {
    let data = ctx.store.load()?;
    let items = due_items(&data.book, &data.queue, &ctx.config.rules, ctx.today);
    if json {
        let v: Vec<ItemJson> = items
            .iter()
            .map(|i| ItemJson {
                item: i,
                name: name_of(&data.book, &i.contact),
            })
            .collect();
        print_json(&v);
        return Ok(());
    }
    if items.is_empty() {
        say!("Nothing due today. `rapport stats` shows how things stand.");
    }
    for i in &items {
        say!(
            "{} {} {} {}",
            fit(i.kind.as_str(), 9),
            fit(&name_of(&data.book, &i.contact), 22),
            fit(&i.text, 46),
            i.key
        );
    }
    Ok(())
}

/// A snooze still in force, as `queue --snoozed --json` prints it.
#[derive(Serialize)]
struct SnoozeJson<'a> {
    key: &'a str,
    until: chrono::NaiveDate,
    /// The item, while it is still raised.
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<ItemJson<'a>>,
}

/// `rapport queue --snoozed`: what is snoozed and until when, soonest back
/// first. Snoozes whose day has come are not listed: their items are back.
pub fn snoozed(ctx: &Ctx, json: bool) -> Outcome {
    let data = ctx.store.load()?;
    let items = all_items(&data.book, &ctx.config.rules, ctx.today);
    let mut rows: Vec<SnoozeJson> = data
        .queue
        .snoozed
        .iter()
        .filter(|&(k, _)| data.queue.hides(k, ctx.today))
        .map(|(k, &until)| SnoozeJson {
            key: k,
            until,
            item: items.iter().find(|i| &i.key == k).map(|i| ItemJson {
                item: i,
                name: name_of(&data.book, &i.contact),
            }),
        })
        .collect();
    rows.sort_by(|a, b| a.until.cmp(&b.until).then(a.key.cmp(b.key)));
    if json {
        print_json(&rows);
        return Ok(());
    }
    if rows.is_empty() {
        say!("Nothing is snoozed.");
    }
    for r in &rows {
        let (kind, name, text) = match &r.item {
            Some(i) => (i.item.kind.as_str(), i.name.as_str(), i.item.text.as_str()),
            None => ("", "", "(no longer raised)"),
        };
        say!(
            "until {} {} {} {} {}",
            crate::domain::day_label(r.until, ctx.today),
            fit(kind, 9),
            fit(name, 22),
            fit(text, 40),
            r.key
        );
    }
    Ok(())
}

/// The one open item (snoozed ones too) that `arg` names: its whole key,
/// any unambiguous start of one (`thank:dana`), or WHO when that partner
/// has one open item. Several → the candidates, exit 2. A key of an item
/// that is no longer open (cleared in another terminal) → "already done",
/// exit 1, so nothing is logged twice.
fn find_item<'a>(book: &Book, items: &'a [QueueItem], arg: &str) -> Result<&'a QueueItem, Failure> {
    let arg = arg.trim();
    if let Some(i) = items.iter().find(|i| i.key == arg) {
        return Ok(i);
    }
    let candidates = |found: &[&QueueItem]| {
        found
            .iter()
            .map(|i| format!("{} ({})", i.key, name_of(book, &i.contact)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let by_prefix: Vec<&QueueItem> = items.iter().filter(|i| i.key.starts_with(arg)).collect();
    match by_prefix.len() {
        1 => return Ok(by_prefix[0]),
        0 => {}
        n => {
            return Err(Failure::Usage(format!(
                "'{arg}' starts {n} open items: {}; give more of the key",
                candidates(&by_prefix)
            )));
        }
    }
    // Shaped like a key (`touch:dana-lee`, `thank:dana-lee:g-…`): of a
    // partner in the book, an item that was open and is not any more; of
    // no one, a key that never was.
    let mut parts = arg.split(':');
    let (kind, who) = (parts.next().unwrap_or_default(), parts.next());
    if let Some(who) = who.filter(|_| ItemKind::ALL.iter().any(|x| x.as_str() == kind)) {
        return Err(match book.partner(who) {
            Some(_) => Failure::Data(format!(
                "{arg}: already done — no open item has that key any more (`rapport queue` lists the open ones); nothing was logged"
            )),
            None => Failure::Usage(format!(
                "no open item has the key '{arg}'; `rapport queue` lists the open ones"
            )),
        });
    }
    let who = super::resolve_who(book, arg)?;
    let id = &book.partners[who].id;
    let theirs: Vec<&QueueItem> = items.iter().filter(|i| &i.contact == id).collect();
    match theirs.len() {
        1 => Ok(theirs[0]),
        0 => Err(Failure::Data(format!(
            "{} has no open item: already done, or nothing is due (`rapport queue` lists the open ones)",
            book.partners[who].name
        ))),
        n => Err(Failure::Usage(format!(
            "{} has {n} open items: {}; name one by its key",
            book.partners[who].name,
            candidates(&theirs)
        ))),
    }
}

/// What `rapport done` was told beside the key.
pub struct DoneArgs {
    /// Log this kind instead of the item's own.
    pub kind: Option<crate::domain::Kind>,
    pub note: Option<String>,
    pub date: Option<String>,
    /// How the referral of an update item turned out.
    pub outcome: Option<crate::domain::Outcome>,
}

pub fn done(ctx: &Ctx, key: &str, a: DoneArgs) -> Outcome {
    let date = a
        .date
        .as_deref()
        .map(|d| super::gesture_date("--date", d, ctx.today, false))
        .transpose()?
        .unwrap_or(ctx.today);
    let build = |d: &crate::store::Data| {
        let items = all_items(&d.book, &ctx.config.rules, ctx.today);
        let item = find_item(&d.book, &items, key)?;
        Ok::<_, Failure>(Change::Done {
            key: item.key.clone(),
            kind: a.kind,
            date,
            note: a.note.clone(),
            outcome: a.outcome,
        })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    super::log_cmd::tell_applied(&done);
    say!("{} · `rapport undo` takes it back", done.summary);
    Ok(())
}

pub fn snooze(ctx: &Ctx, key: &str, days: Option<u32>, until: Option<&str>) -> Outcome {
    let until = match (days, until) {
        (Some(0), _) => return Err(Failure::Usage("--days must be 1 or more".into())),
        (Some(n), _) => ctx
            .today
            .checked_add_days(Days::new(n.into()))
            .filter(|d| crate::domain::date::writable(*d))
            .ok_or_else(|| Failure::Usage(format!("--days {n} is too far ahead")))?,
        (None, Some(d)) => date_arg("--until", d, ctx.today, crate::domain::day::Toward::Ahead)?,
        (None, None) => return Err(Failure::Usage("say how long: --days N or --until DATE".into())),
    };
    if until <= ctx.today {
        return Err(Failure::Usage(format!(
            "--until {until} is not after today ({})",
            ctx.today
        )));
    }
    let build = |d: &crate::store::Data| {
        let items = all_items(&d.book, &ctx.config.rules, ctx.today);
        let item = find_item(&d.book, &items, key)?;
        Ok::<_, Failure>(Change::Snooze {
            key: item.key.clone(),
            until,
        })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    say!("{} · `rapport undo` takes it back", done.summary);
    Ok(())
}

/// `rapport unsnooze KEY|WHO`: the item shows again today.
pub fn unsnooze(ctx: &Ctx, key: &str) -> Outcome {
    let build = |d: &crate::store::Data| {
        let snoozed: Vec<QueueItem> = all_items(&d.book, &ctx.config.rules, ctx.today)
            .into_iter()
            .filter(|i| d.queue.hides(&i.key, ctx.today))
            .collect();
        let key = match find_item(&d.book, &snoozed, key) {
            Ok(item) => item.key.clone(),
            // A snooze whose item is gone can still be lifted by its whole key.
            Err(_) if d.queue.snoozed.contains_key(key.trim()) => key.trim().to_string(),
            Err(_) => {
                return Err(Failure::Usage(format!(
                    "nothing snoozed matches '{}'; `rapport queue --snoozed` lists what is",
                    key.trim()
                )));
            }
        };
        Ok(Change::Unsnooze { key })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    say!("{} · `rapport undo` takes it back", done.summary);
    Ok(())
}

pub fn stats(ctx: &Ctx, json: bool) -> Outcome {
    let data = ctx.store.load()?;
    let s = crate::domain::insights::stats(&data.book, &data.queue, &ctx.config.rules, ctx.today);
    if json {
        print_json(&s);
        return Ok(());
    }
    say!("Partners: {}", s.partners);
    let stages: Vec<String> = s.by_stage.iter().map(|(k, v)| format!("{k} {v}")).collect();
    say!("Pipeline: {}", stages.join(" · "));
    say!(
        "Referrals, last 12 months: received {} · given {}",
        s.referrals_12m.received,
        s.referrals_12m.given
    );
    say!("Thank-yous outstanding: {}", s.thanks_outstanding);
    if !s.connectors.is_empty() {
        let c: Vec<String> = s
            .connectors
            .iter()
            .map(|c| format!("{} ({})", name_of(&data.book, &c.contact), c.score))
            .collect();
        say!("Connectors ★: {}", c.join(", "));
    }
    if !s.one_way.is_empty() {
        let c: Vec<String> = s.one_way.iter().map(|id| name_of(&data.book, id)).collect();
        say!("One-way (they send, you have not sent back): {}", c.join(", "));
    }
    let owed = crate::domain::insights::most_owed(&s.owe_by_partner);
    if !owed.is_empty() {
        let c: Vec<String> = owed
            .iter()
            .map(|(id, n)| format!("{} {n}", name_of(&data.book, id)))
            .collect();
        say!("You owe (referrals and intros, 12 months): {}", c.join(", "));
    }
    if !s.engaged_by_partner.is_empty() {
        let c: Vec<String> = s
            .engaged_by_partner
            .iter()
            .map(|(id, n)| format!("{} {n}", name_of(&data.book, id)))
            .collect();
        say!("Referrals engaged, by partner: {}", c.join(", "));
    }
    let o = &s.outcomes;
    if o.total() > 0 {
        say!(
            "Outcomes, last 12 months: engaged {} · declined {} · pending {} · not known {}",
            o.engaged,
            o.declined,
            o.pending,
            o.unknown
        );
    }
    let r = &s.receiver;
    if r.referrals > 0 {
        let days = |d: Option<f64>| d.map_or("—".to_string(), |d| format!("{d:.1} days"));
        say!(
            "As a receiver: thanked in {} (median) · updated in {} · {:.0}% thanked within a day · {} never thanked",
            days(r.median_days_to_thanks),
            days(r.median_days_to_update),
            r.thanked_within_a_day.unwrap_or(0.0) * 100.0,
            r.never_thanked
        );
    }
    Ok(())
}
