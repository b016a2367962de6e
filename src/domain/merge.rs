//! Three-way merging of the book's parts: partners field by field, the log
//! gesture by gesture, snoozes key by key. Pure functions of the versions;
//! `sync` uses them for git's merge driver, the store for Syncthing's
//! conflict copies.

use crate::domain::queue::QueueState;
use crate::domain::{Gesture, Outcome, Partner};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl Conflict {
    /// Field `field` of partner `contact`: `kept` (ours) and `theirs`, as
    /// JSON; the fingerprint is added when the record is written.
    fn of(contact: &str, field: impl Into<String>, kept: String, theirs: String) -> Conflict {
        Conflict {
            contact: contact.to_string(),
            field: field.into(),
            kept,
            theirs,
            partner: String::new(),
        }
    }
}

/// A kept extra field as a conflict line shows it.
fn shown_extra(v: Option<&toml::Value>) -> String {
    v.map(shown).unwrap_or_else(|| "(none)".into())
}

/// Calls macro `$m` with every field of a partner but its id and `extra`.
macro_rules! partner_fields {
    ($m:ident) => {
        $m!(
            name,
            org,
            role,
            emails,
            phones,
            tags,
            stage,
            cadence_days,
            birthday,
            dates,
            clientele,
            notes,
            benefit,
            since,
            uid,
            aliases,
            archived,
            archived_reason
        )
    };
}

/// Which of three versions a three-way merge takes.
#[derive(Debug, PartialEq)]
pub enum Three<'a, T> {
    /// Settled: the side that changed, or both when they agree (`None`:
    /// removed).
    Take(Option<&'a T>),
    /// Both changed, differently (one may have removed it).
    Clash(Option<&'a T>, Option<&'a T>),
}

/// The three-way rule: a side that kept the base yields to the other.
pub fn three<'a, T: PartialEq>(base: Option<&'a T>, ours: Option<&'a T>, theirs: Option<&'a T>) -> Three<'a, T> {
    if ours == theirs || theirs == base {
        Three::Take(ours)
    } else if ours == base {
        Three::Take(theirs)
    } else {
        Three::Clash(ours, theirs)
    }
}

/// One field both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The partner's id.
    pub contact: String,
    pub field: String,
    /// The value kept (ours), as JSON.
    pub kept: String,
    /// The other side's value, as JSON.
    pub theirs: String,
    /// The fingerprint of the partner as merged.
    #[serde(default)]
    pub partner: String,
}

/// A value as a person reads it in a conflict line.
fn shown<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Merges a table of keys this version does not know, key by key; a key
/// both changed keeps ours, and is named in `clashed`.
pub fn merge_table(
    base: &toml::Table,
    ours: &toml::Table,
    theirs: &toml::Table,
    clashed: &mut Vec<String>,
) -> toml::Table {
    let keys: BTreeSet<&String> = base.keys().chain(ours.keys()).chain(theirs.keys()).collect();
    let mut out = toml::Table::new();
    for k in keys {
        let v = match three(base.get(k), ours.get(k), theirs.get(k)) {
            Three::Take(v) => v,
            Three::Clash(o, _) => {
                clashed.push(k.clone());
                o
            }
        };
        if let Some(v) = v {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Merges one partner both sides have, field by field against `base` (a
/// partner with only the id when both added it).
pub fn merge_partner(base: &Partner, ours: &Partner, theirs: &Partner) -> (Partner, Vec<Conflict>) {
    let mut out = ours.clone();
    let mut conflicts = Vec::new();
    macro_rules! merge {
        ($($f:ident),*) => {$(
            match three(Some(&base.$f), Some(&ours.$f), Some(&theirs.$f)) {
                Three::Take(v) => out.$f = v.cloned().unwrap_or_default(),
                Three::Clash(..) => conflicts.push(Conflict::of(
                    &ours.id,
                    stringify!($f),
                    shown(&ours.$f),
                    shown(&theirs.$f),
                )),
            }
        )*};
    }
    partner_fields!(merge);
    let mut clashed = Vec::new();
    out.extra = merge_table(&base.extra, &ours.extra, &theirs.extra, &mut clashed);
    for k in clashed {
        let (kept, other) = (shown_extra(ours.extra.get(&k)), shown_extra(theirs.extra.get(&k)));
        conflicts.push(Conflict::of(&ours.id, k, kept, other));
    }
    (out, conflicts)
}

/// Merges the partners of three files; the partners come sorted by id.
pub fn merge_partners(base: &[Partner], ours: &[Partner], theirs: &[Partner]) -> (Vec<Partner>, Vec<Conflict>) {
    let map = |ps: &[Partner]| -> BTreeMap<String, Partner> { ps.iter().map(|p| (p.id.clone(), p.clone())).collect() };
    let (b, o, t) = (map(base), map(ours), map(theirs));
    let ids: BTreeSet<&String> = o.keys().chain(t.keys()).collect();
    let mut partners = Vec::with_capacity(ids.len());
    let mut conflicts = Vec::new();
    for id in ids {
        match three(b.get(id), o.get(id), t.get(id)) {
            Three::Take(p) => partners.extend(p.cloned()),
            Three::Clash(Some(op), Some(tp)) => {
                let blank = Partner::new(id.clone(), String::new());
                let (p, mut c) = merge_partner(b.get(id).unwrap_or(&blank), op, tp);
                partners.push(p);
                conflicts.append(&mut c);
            }
            Three::Clash(op, tp) => {
                // Removed on one side, changed on the other: the change is
                // kept, and the removal is worth a word.
                let (p, removed_on) = match (op, tp) {
                    (Some(p), _) => (p, "theirs"),
                    (_, Some(p)) => (p, "ours"),
                    _ => continue,
                };
                // Merged into another partner on one side (`rapport
                // merge`): what the other side changed folds into that one.
                let merged = |side: &BTreeMap<String, Partner>| side.values().any(|k| k.aliases.contains(id));
                if !(merged(&o) || merged(&t)) {
                    conflicts.push(Conflict::of(
                        id,
                        "(the whole partner)",
                        "changed on one side".into(),
                        format!("removed on {removed_on}"),
                    ));
                }
                partners.push(p.clone());
            }
        }
    }
    super::dedupe::fold_aliased(&mut partners);
    (partners, conflicts)
}

/// How far a gesture's story has got: the later of two changes goes further.
fn progress(g: &Gesture) -> u8 {
    match g.outcome {
        None => 0,
        Some(Outcome::Pending) => 1,
        Some(Outcome::Engaged | Outcome::Declined) => 2,
    }
}

/// Of two different changes of one gesture, the later one (ours when
/// neither is).
fn later<'a>(ours: &'a Gesture, theirs: &'a Gesture) -> &'a Gesture {
    if progress(theirs) > progress(ours) {
        theirs
    } else {
        ours
    }
}

/// The gestures by id; of an id repeated in one file, the first.
fn by_id(gestures: &[Gesture]) -> HashMap<&str, &Gesture> {
    let mut out = HashMap::with_capacity(gestures.len());
    for g in gestures {
        out.entry(g.id.as_str()).or_insert(g);
    }
    out
}

/// Merges three logs into one, gesture by gesture.
pub fn merge_gestures(base: &[Gesture], ours: &[Gesture], theirs: &[Gesture]) -> Vec<Gesture> {
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let ids: BTreeSet<&str> = o.keys().chain(t.keys()).copied().collect();
    let mut out: Vec<Gesture> = ids
        .into_iter()
        .filter_map(|id| {
            let (bg, og, tg) = (b.get(id).copied(), o.get(id).copied(), t.get(id).copied());
            match three(bg, og, tg) {
                Three::Take(g) => g,
                Three::Clash(Some(og), Some(tg)) => Some(later(og, tg)),
                // Changed on one side, removed on the other: the change.
                Three::Clash(og, tg) => og.or(tg),
            }
            .cloned()
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Merges three queue states.
pub fn merge_states(base: &QueueState, ours: &QueueState, theirs: &QueueState) -> QueueState {
    let mut out = QueueState::default();
    let keys: BTreeSet<&String> = ours.snoozed.keys().chain(theirs.snoozed.keys()).collect();
    for k in keys {
        let (b, o, t) = (base.snoozed.get(k), ours.snoozed.get(k), theirs.snoozed.get(k));
        let date = match three(b, o, t) {
            Three::Take(d) => d,
            Three::Clash(o, t) => o.max(t),
        };
        if let Some(d) = date {
            out.snoozed.insert(k.clone(), *d);
        }
    }
    let keys: BTreeSet<&String> = ours.extra.keys().chain(theirs.extra.keys()).collect();
    for k in keys {
        let v = match three(base.extra.get(k), ours.extra.get(k), theirs.extra.get(k)) {
            Three::Take(v) => v,
            Three::Clash(o, t) => o.or(t),
        };
        if let Some(v) = v {
            out.extra.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Which of two different values is the newer, going by `seen`: the index
/// in a history (oldest first) where each was last seen. A value the
/// history never held is newer than one it did; of two it held, the one
/// held later. `None`: the history cannot tell.
fn ours_is_newer(seen_ours: Option<usize>, seen_theirs: Option<usize>) -> Option<bool> {
    match (seen_ours, seen_theirs) {
        (None, None) => None,
        (None, Some(_)) => Some(true),
        (Some(_), None) => Some(false),
        (Some(i), Some(j)) => Some(i > j),
    }
}

/// The common ancestor of two versions of a partner that came with none (a
/// Syncthing conflict copy beside the file), told field by field from
/// `history`: this machine's earlier versions of the partner, oldest first
/// (its backups). Where the two differ, the older value stands for the
/// base, so the newer one is taken; a field the history cannot tell is
/// returned as a conflict (ours is kept).
pub fn base_from_history(ours: &Partner, theirs: &Partner, history: &[&Partner]) -> (Partner, Vec<Conflict>) {
    let mut base = ours.clone();
    let mut conflicts = Vec::new();
    macro_rules! older {
        ($($f:ident),*) => {$(
            if ours.$f != theirs.$f {
                let seen_o = history.iter().rposition(|h| h.$f == ours.$f);
                let seen_t = history.iter().rposition(|h| h.$f == theirs.$f);
                match ours_is_newer(seen_o, seen_t) {
                    Some(true) => base.$f = theirs.$f.clone(),
                    Some(false) => {}
                    None => {
                        base.$f = theirs.$f.clone();
                        conflicts.push(Conflict::of(
                            &ours.id,
                            stringify!($f),
                            shown(&ours.$f),
                            shown(&theirs.$f),
                        ));
                    }
                }
            }
        )*};
    }
    partner_fields!(older);
    let keys: BTreeSet<&String> = ours.extra.keys().chain(theirs.extra.keys()).collect();
    for k in keys {
        let (o, t) = (ours.extra.get(k), theirs.extra.get(k));
        if o == t {
            continue;
        }
        let seen = |v: Option<&toml::Value>| history.iter().rposition(|h| h.extra.get(k) == v);
        let take_theirs_as_base = match ours_is_newer(seen(o), seen(t)) {
            Some(newer) => newer,
            None => {
                conflicts.push(Conflict::of(&ours.id, k.clone(), shown_extra(o), shown_extra(t)));
                true
            }
        };
        if take_theirs_as_base {
            match t {
                Some(v) => base.extra.insert(k.clone(), v.clone()),
                None => base.extra.remove(k),
            };
        }
    }
    (base, conflicts)
}

/// Merges a conflict copy's partners into ours, with no common ancestor
/// but this machine's `history` of the file (oldest first): a partner on
/// one side only is kept, one on both merges field by field against
/// [`base_from_history`].
pub fn merge_partners_two_way(
    ours: &[Partner],
    theirs: &[Partner],
    history: &[Vec<Partner>],
) -> (Vec<Partner>, Vec<Conflict>) {
    let t: BTreeMap<&str, &Partner> = theirs.iter().map(|p| (p.id.as_str(), p)).collect();
    let o: BTreeSet<&str> = ours.iter().map(|p| p.id.as_str()).collect();
    let mut conflicts = Vec::new();
    let mut out: Vec<Partner> = ours
        .iter()
        .map(|op| match t.get(op.id.as_str()) {
            Some(tp) if *tp != op => {
                let past: Vec<&Partner> = history
                    .iter()
                    .filter_map(|ps| ps.iter().find(|p| p.id == op.id))
                    .collect();
                let (base, mut unsure) = base_from_history(op, tp, &past);
                let (p, mut c) = merge_partner(&base, op, tp);
                conflicts.append(&mut unsure);
                conflicts.append(&mut c);
                p
            }
            _ => op.clone(),
        })
        .collect();
    out.extend(theirs.iter().filter(|p| !o.contains(p.id.as_str())).cloned());
    out.sort_by(|a, b| a.id.cmp(&b.id));
    super::dedupe::fold_aliased(&mut out);
    (out, conflicts)
}

/// Merges a conflict copy's log into ours: ours in its order, a gesture
/// both have but differently as [`later`] says, and the copy's own
/// gestures after, in date order (so the file only grows).
pub fn merge_logs_two_way(ours: &[Gesture], theirs: &[Gesture]) -> Vec<Gesture> {
    let t = by_id(theirs);
    let o = by_id(ours);
    let mut out: Vec<Gesture> = ours
        .iter()
        .map(|g| match t.get(g.id.as_str()) {
            Some(tg) => later(g, tg).clone(),
            None => g.clone(),
        })
        .collect();
    let mut added: Vec<&Gesture> = theirs.iter().filter(|g| !o.contains_key(g.id.as_str())).collect();
    added.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let mut once = BTreeSet::new();
    out.extend(added.into_iter().filter(|g| once.insert(g.id.as_str())).cloned());
    out
}

#[cfg(test)]
mod tests;
