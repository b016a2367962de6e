//! queue, done, snooze, stats.

use super::render::fit;
use super::{Ctx, Failure, Outcome, date_arg, print_json};
use crate::domain::Book;
use crate::domain::done::{done_gesture, record_update};
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

fn not_found(key: &str) -> Failure {
    Failure::Usage(format!(
        "no queue item has the key '{key}'; `rapport queue` lists the open ones"
    ))
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
        .map(|d| date_arg("--date", d, ctx.today))
        .transpose()?
        .unwrap_or(ctx.today);
    let text = ctx.store.change(|data| {
        let items = all_items(&data.book, &ctx.config.rules, ctx.today);
        let item = items.iter().find(|i| i.key == key).ok_or_else(|| not_found(key))?;
        let name = name_of(&data.book, &item.contact);
        if a.outcome.is_some() && item.kind != ItemKind::Update {
            return Err(Failure::Usage(format!(
                "--outcome goes with an update item; {key} is a {} item",
                item.kind.as_str()
            )));
        }
        let id = crate::store::new_gesture_id();
        let Some(g) = done_gesture(&data.book, item, id, date, a.kind, a.note.clone()) else {
            return Err(Failure::Usage(format!(
                "a one-way item clears when you give {name} a referral (`rapport log {} referral`), or snooze it",
                item.contact
            )));
        };
        let mut text = format!("Logged {}", g.describe(&name));
        match a.outcome {
            Some(o) => {
                record_update(&mut data.book, g, o).map_err(Failure::Data)?;
                text.push_str(&format!("; the referral is {}", o.as_str()));
            }
            None => data.book.gestures.push(g),
        }
        Ok::<_, Failure>((text.clone(), text))
    })?;
    say!("{text} · `rapport undo` takes it back");
    Ok(())
}

pub fn snooze(ctx: &Ctx, key: &str, days: Option<u32>, until: Option<&str>) -> Outcome {
    let until = match (days, until) {
        (Some(0), _) => return Err(Failure::Usage("--days must be 1 or more".into())),
        (Some(n), _) => ctx.today + Days::new(n.into()),
        (None, Some(d)) => date_arg("--until", d, ctx.today)?,
        (None, None) => return Err(Failure::Usage("say how long: --days N or --until DATE".into())),
    };
    if until <= ctx.today {
        return Err(Failure::Usage(format!(
            "--until {until} is not after today ({})",
            ctx.today
        )));
    }
    let text = ctx.store.change(|data| {
        let items = all_items(&data.book, &ctx.config.rules, ctx.today);
        let item = items.iter().find(|i| i.key == key).ok_or_else(|| not_found(key))?;
        let name = name_of(&data.book, &item.contact);
        data.queue.snoozed.insert(key.to_string(), until);
        let text = format!(
            "Snoozed {} for {name} until {}",
            item.kind.as_str(),
            until.format("%a %-d %b")
        );
        Ok::<_, Failure>((text.clone(), text))
    })?;
    say!("{text} · `rapport undo` takes it back");
    Ok(())
}

pub fn stats(ctx: &Ctx, json: bool) -> Outcome {
    let data = ctx.store.load()?;
    let s = crate::domain::ledger::stats(&data.book, &data.queue, &ctx.config.rules, ctx.today);
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
    if !s.engaged_by_partner.is_empty() {
        let c: Vec<String> = s
            .engaged_by_partner
            .iter()
            .map(|(id, n)| format!("{} {n}", name_of(&data.book, id)))
            .collect();
        say!("Referrals engaged, by partner: {}", c.join(", "));
    }
    Ok(())
}
