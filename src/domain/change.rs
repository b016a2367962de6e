//! Every change to the data, as a value.
//!
//! The CLI and the TUI only build a [`Change`]: the store reads the files
//! afresh under its lock and hands them to [`apply`], which changes the book
//! and the queue state and says what it did ([`Applied`]) or why it would
//! not ([`Refusal`]). What `rapport done` does and what `d` does cannot
//! drift, because there is one `apply`.

use super::dedupe::merge_partners;
use super::done::{done_gesture, record_update};
use super::queue::{ItemKind, QueueState, items_of, partner_items};
use super::rules::warnings_for;
use super::stage::suggest_for;
use super::text::unique_slug;
use super::{Book, Direction, Gesture, Kind, Outcome, Partner, Rules, Stage, day_label};
use chrono::NaiveDate;

/// One change the user asked for. Ids name partners and gestures as they
/// were when the change was built; [`apply`] looks them up again.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A gesture logged by hand. An empty `id` is given one.
    Log { gesture: Gesture },
    /// A referral given (`rapport refer --to`, the refer popup): a log that
    /// also says when it clears the partner's one-way item.
    ReferGiven { gesture: Gesture },
    /// An outreach draft marked sent: a message given.
    DraftSent { gesture: Gesture },
    /// The queue item `key` cleared by its gesture: the item's own kind or
    /// `kind`, on `date`, with `note`; an update item's referral also gets
    /// `outcome`. Refused when the item is no longer open.
    Done {
        key: String,
        kind: Option<Kind>,
        date: NaiveDate,
        note: Option<String>,
        outcome: Option<Outcome>,
    },
    /// Hides the queue item `key` until `until`.
    Snooze { key: String, until: NaiveDate },
    /// Lifts the snooze of `key`.
    Unsnooze { key: String },
    /// A new partner; the id is made from the name, `since` defaults to today.
    Add { partner: Box<Partner> },
    /// `after` in place of `before`, refused when the partner changed since.
    Edit { before: Box<Partner>, after: Box<Partner> },
    /// Archives partner `id`, with an optional reason.
    Archive { id: String, reason: Option<String> },
    /// Brings archived partner `id` back.
    Restore { id: String },
    /// Moves partner `id` to the stage the log suggests, which must still be
    /// `to`.
    AcceptStage { id: String, to: Stage },
    /// Partner `other` merged into partner `keep`.
    Merge { keep: String, other: String },
    /// Sets how referral `referral` (a gesture id) turned out.
    SetOutcome { referral: String, outcome: Outcome },
    /// A batch made elsewhere (an import, a restore, touches from a
    /// calendar): partners put in place by id, gestures added, snoozes set.
    Batch(Box<Batch>),
}

/// What a change did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// One line for a person: the CLI prints it, the TUI's status line
    /// shows it ("Logged thank-you to Dana Lee").
    pub summary: String,
    /// The undo journal's name for it.
    pub label: String,
    /// Rule warnings the change met and still made (an ask right after a
    /// gift, a partner by the same name).
    pub warnings: Vec<String>,
    /// More to say beside the summary ("That clears the one-way item for
    /// Priya Shah.").
    pub notes: Vec<String>,
    /// What the change touched, for the cursor to follow.
    pub subject: Subject,
    /// False when there was nothing to change.
    pub changed: bool,
}

/// What a change touched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subject {
    /// The partner it was about.
    pub partner: Option<String>,
    /// The gesture it logged or changed.
    pub gesture: Option<String>,
    /// The queue item it cleared or snoozed.
    pub item: Option<String>,
}

/// Why a change was not made; nothing is changed then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The partner the change names left the book.
    #[error("{0} is no longer in contacts.toml; nothing was changed")]
    Gone(String),
    /// The queue item was cleared meanwhile (in another terminal).
    #[error("{0} was already cleared; nothing was logged twice")]
    Cleared(String),
    /// The partner changed on disk while the change was being made.
    #[error("{0} was changed on disk meanwhile; nothing was written: look again and redo it")]
    Stale(String),
    /// What the user asked for does not fit the item or the partner.
    #[error("{0}")]
    Misfit(String),
}

impl Refusal {
    /// True when the request itself was wrong (exit 2), false when the data
    /// stood in its way (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, Refusal::Misfit(_))
    }
}

/// Applies `change` to the book and the queue state and says what it did.
/// `new_id` gives each new gesture its id. On a refusal nothing is changed.
pub fn apply(
    book: &mut Book,
    queue: &mut QueueState,
    change: Change,
    rules: &Rules,
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Applied, Refusal> {
    match change {
        Change::Log { gesture } => log(book, gesture, rules, new_id),
        Change::DraftSent { gesture } => log(book, gesture, rules, new_id),
        Change::ReferGiven { gesture } => refer_given(book, gesture, rules, today, new_id),
        Change::Done {
            key,
            kind,
            date,
            note,
            outcome,
        } => done(book, &key, kind, date, note, outcome, rules, today, new_id),
        Change::Snooze { key, until } => {
            let name = name_in_key(book, &key)?;
            let what = key.split(':').next().unwrap_or_default().to_string();
            // Cleared meanwhile (in another terminal): nothing to snooze.
            let id = partner_in_key(&key).unwrap_or_default();
            if !items_of(book, &id, rules, today).iter().any(|i| i.key == key) {
                return Err(Refusal::Cleared(format!("That {what} item for {name}")));
            }
            let was = queue.snoozed.insert(key.clone(), until);
            let summary = format!("Snoozed {what} for {name} until {}", day_label(until, today));
            Ok(Applied {
                label: format!("{summary} ({key})"),
                summary,
                changed: was != Some(until),
                subject: Subject {
                    partner: partner_in_key(&key),
                    item: Some(key),
                    ..Subject::default()
                },
                ..Applied::default()
            })
        }
        Change::Unsnooze { key } => {
            let name = name_in_key(book, &key)?;
            if queue.snoozed.remove(&key).is_none() {
                return Err(Refusal::Misfit(format!("{key} is not snoozed")));
            }
            let summary = format!("Lifted the snooze on {key} for {name}");
            Ok(Applied {
                label: summary.clone(),
                summary,
                changed: true,
                subject: Subject {
                    partner: partner_in_key(&key),
                    item: Some(key),
                    ..Subject::default()
                },
                ..Applied::default()
            })
        }
        Change::Add { partner } => Ok(add(book, *partner, today)),
        Change::Edit { before, after } => edit(book, &before, *after),
        Change::Archive { id, reason } => archive(book, &id, reason, true),
        Change::Restore { id } => archive(book, &id, None, false),
        Change::AcceptStage { id, to } => {
            let i = book.position(&id).ok_or_else(|| Refusal::Gone(id.clone()))?;
            let name = book.partners[i].name.clone();
            let Some(s) = suggest_for(book, &id, today).filter(|s| s.to == to) else {
                return Err(Refusal::Stale(name));
            };
            book.partners[i].stage = s.to;
            let summary = format!("{name}: stage {} → {}", s.from, s.to);
            Ok(Applied {
                label: summary.clone(),
                summary,
                changed: true,
                subject: Subject {
                    partner: Some(id),
                    ..Subject::default()
                },
                ..Applied::default()
            })
        }
        Change::Merge { keep, other } => {
            let k = book
                .partner(&keep)
                .map(|p| p.name.clone())
                .ok_or(Refusal::Gone(keep.clone()))?;
            let o = book
                .partner(&other)
                .map(|p| p.name.clone())
                .ok_or(Refusal::Gone(other.clone()))?;
            let m = merge_partners(book, queue, &keep, &other).map_err(Refusal::Misfit)?;
            let label = format!("Merged {o} ({other}) into {k} ({keep})");
            let moved = match m.moved {
                1 => "1 gesture moved".to_string(),
                n => format!("{n} gestures moved"),
            };
            let filled = if m.filled.is_empty() {
                String::new()
            } else {
                format!("; gained {}", m.filled.join(", "))
            };
            Ok(Applied {
                summary: label.clone(),
                label,
                notes: vec![format!("{moved}{filled}; '{other}' still finds {k}")],
                changed: true,
                subject: Subject {
                    partner: Some(keep),
                    ..Subject::default()
                },
                ..Applied::default()
            })
        }
        Change::SetOutcome { referral, outcome } => {
            let g = book
                .gestures
                .iter()
                .find(|g| g.id == referral)
                .ok_or_else(|| Refusal::Gone(format!("the referral {referral}")))?;
            if g.kind != Kind::Referral {
                return Err(Refusal::Misfit(format!(
                    "gesture {} is a {}, not a referral",
                    g.id, g.kind
                )));
            }
            let name = book.partner(&g.contact).map_or(g.contact.clone(), |p| p.name.clone());
            let partner = g.contact.clone();
            let g = book
                .gestures
                .iter_mut()
                .find(|g| g.id == referral)
                .expect("found above");
            let changed = g.outcome != Some(outcome);
            g.outcome = Some(outcome);
            let note = g.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let summary = format!(
                "Referral {} {name}{note} marked {}",
                g.date.format("%-d %b %Y"),
                outcome.as_str()
            );
            Ok(Applied {
                label: summary.clone(),
                summary,
                changed,
                subject: Subject {
                    partner: Some(partner),
                    gesture: Some(referral),
                    ..Subject::default()
                },
                ..Applied::default()
            })
        }
        Change::Batch(b) => batch::apply(book, queue, *b, new_id),
    }
}

/// The partner a queue key names (`thank:dana-lee:g-…` → `dana-lee`).
fn partner_in_key(key: &str) -> Option<String> {
    key.split(':').nth(1).map(str::to_string)
}

fn name_in_key(book: &Book, key: &str) -> Result<String, Refusal> {
    let id = partner_in_key(key).unwrap_or_default();
    book.partner(&id)
        .map(|p| p.name.clone())
        .ok_or_else(|| Refusal::Gone(if id.is_empty() { key.to_string() } else { id }))
}

/// Gives `g` an id when it has none; a blank note is no note.
fn settle(mut g: Gesture, new_id: &mut dyn FnMut() -> String) -> Gesture {
    if g.id.is_empty() {
        g.id = new_id();
    }
    g.note = g.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    g
}

fn log(book: &mut Book, g: Gesture, rules: &Rules, new_id: &mut dyn FnMut() -> String) -> Result<Applied, Refusal> {
    let g = settle(g, new_id);
    let name = book
        .partner(&g.contact)
        .map(|p| p.name.clone())
        .ok_or_else(|| Refusal::Gone(g.contact.clone()))?;
    let warnings = warnings_for(book, rules, &g);
    let summary = format!("Logged {}", g.describe(&name));
    let subject = Subject {
        partner: Some(g.contact.clone()),
        gesture: Some(g.id.clone()),
        item: None,
    };
    book.gestures.push(g);
    Ok(Applied {
        label: summary.clone(),
        summary,
        warnings,
        subject,
        changed: true,
        ..Applied::default()
    })
}

fn refer_given(
    book: &mut Book,
    g: Gesture,
    rules: &Rules,
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Applied, Refusal> {
    let id = g.contact.clone();
    let p = book.partner(&id).ok_or_else(|| Refusal::Gone(id.clone()))?;
    if p.archived {
        return Err(Refusal::Misfit(format!(
            "{} is archived; `rapport archive --restore {}` brings them back before you refer to them",
            p.name, p.id
        )));
    }
    let name = p.name.clone();
    let one_way = |b: &Book| {
        items_of(b, &id, rules, today)
            .iter()
            .any(|it| it.kind == ItemKind::OneWay)
    };
    let had_one_way = one_way(book);
    let g = Gesture {
        kind: Kind::Referral,
        dir: Direction::Given,
        ..g
    };
    let mut a = log(book, g, rules, new_id)?;
    if had_one_way && !one_way(book) {
        a.notes.push(format!("That clears the one-way item for {name}."));
    }
    Ok(a)
}

#[allow(clippy::too_many_arguments)]
fn done(
    book: &mut Book,
    key: &str,
    kind: Option<Kind>,
    date: NaiveDate,
    note: Option<String>,
    outcome: Option<Outcome>,
    rules: &Rules,
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Applied, Refusal> {
    let id = partner_in_key(key).unwrap_or_default();
    let p = book.partner(&id).ok_or_else(|| Refusal::Gone(id.clone()))?;
    let name = p.name.clone();
    // The partner's history, read once: the item is looked up again in it
    // (cleared in another terminal meanwhile?) and its referral found.
    let history = book.history(&id);
    let open = partner_items(p, &history, rules, today);
    let Some(item) = open.iter().find(|i| i.key == key) else {
        return Err(Refusal::Cleared(format!(
            "That {} item for {name}",
            key.split(':').next().unwrap_or("queue")
        )));
    };
    if outcome.is_some() && item.kind != ItemKind::Update {
        return Err(Refusal::Misfit(format!(
            "--outcome goes with an update item; {key} is a {} item",
            item.kind.as_str()
        )));
    }
    let Some(g) = done_gesture(&history, item, new_id(), date, kind, note) else {
        return Err(Refusal::Misfit(format!(
            "a one-way item clears when you give {name} a referral (`rapport log {id} referral`), or snooze it"
        )));
    };
    let mut summary = format!("Logged {}", g.describe(&name));
    let subject = Subject {
        partner: Some(id),
        gesture: Some(g.id.clone()),
        item: Some(key.to_string()),
    };
    let warnings = warnings_for(book, rules, &g);
    match outcome {
        Some(o) => {
            record_update(book, g, o).map_err(Refusal::Misfit)?;
            summary.push_str(&format!("; the referral is {}", o.as_str()));
        }
        None => book.gestures.push(g),
    }
    Ok(Applied {
        label: summary.clone(),
        summary,
        warnings,
        subject,
        changed: true,
        ..Applied::default()
    })
}

fn add(book: &mut Book, mut p: Partner, today: NaiveDate) -> Applied {
    p.name = p.name.split_whitespace().collect::<Vec<_>>().join(" ");
    p.id = unique_slug(&p.name, |s| book.id_taken(s));
    p.since = p.since.or(Some(today));
    let warnings = super::identity::same_as(&book.partners, &super::identity::Marks::of(&p))
        .iter()
        .map(|f| super::identity::added_beside(&book.partners[f.index], &p, f.verdict))
        .collect();
    let summary = format!("Added {}", p.name);
    let subject = Subject {
        partner: Some(p.id.clone()),
        ..Subject::default()
    };
    book.insert(p);
    Applied {
        label: summary.clone(),
        summary,
        warnings,
        subject,
        changed: true,
        ..Applied::default()
    }
}

fn edit(book: &mut Book, before: &Partner, after: Partner) -> Result<Applied, Refusal> {
    let i = book
        .position(&before.id)
        .ok_or_else(|| Refusal::Gone(before.name.clone()))?;
    if &book.partners[i] != before {
        return Err(Refusal::Stale(before.name.clone()));
    }
    let changed = after != *before;
    let mut what = after.name.clone();
    if after.stage != before.stage {
        what = format!("{what}: stage {} → {}", before.stage, after.stage);
    }
    let subject = Subject {
        partner: Some(after.id.clone()),
        ..Subject::default()
    };
    let summary = if changed {
        format!("Edited {what}")
    } else {
        format!("{what}: nothing to change")
    };
    book.partners[i] = after;
    Ok(Applied {
        label: summary.clone(),
        summary,
        subject,
        changed,
        ..Applied::default()
    })
}

fn archive(book: &mut Book, id: &str, reason: Option<String>, archive: bool) -> Result<Applied, Refusal> {
    let i = book.position(id).ok_or_else(|| Refusal::Gone(id.to_string()))?;
    let p = &mut book.partners[i];
    if p.archived == archive {
        let state = if archive { "archived already" } else { "not archived" };
        return Err(Refusal::Misfit(format!("{} is {state}", p.name)));
    }
    p.archived = archive;
    p.archived_reason = if archive {
        reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty())
    } else {
        None
    };
    let verb = if archive { "Archived" } else { "Restored" };
    let summary = format!("{verb} {}", p.name);
    Ok(Applied {
        label: summary.clone(),
        summary,
        changed: true,
        subject: Subject {
            partner: Some(id.to_string()),
            ..Subject::default()
        },
        ..Applied::default()
    })
}

mod batch;
pub use batch::Batch;

#[cfg(test)]
mod tests;
