//! Two partners who are one person: `rapport merge KEEP OTHER`.
//!
//! The partner kept gains what only the other had (fields fill, lists
//! join, never overwriting), the other's gestures and snoozes move to it,
//! and the other's id (and any ids merged into it before) stays on it as
//! an alias, so a command, a log line from another machine or an old
//! export naming that id still finds the partner.

use super::identity::{Marks, judge, name_key, same_email};
use super::queue::QueueState;
use super::{Book, Partner, YearlyDate};

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The gestures that moved to the partner kept.
    pub moved: usize,
    /// The fields of the partner kept that gained something.
    pub filled: Vec<&'static str>,
}

fn fill_none<T: Clone>(keep: &mut Option<T>, other: &Option<T>) -> bool {
    if keep.is_none() && other.is_some() {
        keep.clone_from(other);
        true
    } else {
        false
    }
}

fn join(keep: &mut Vec<String>, other: &[String], same: impl Fn(&str, &str) -> bool) -> bool {
    let mut grew = false;
    for x in other {
        if !keep.iter().any(|k| same(k, x)) {
            keep.push(x.clone());
            grew = true;
        }
    }
    grew
}

// Where the rest of the code has long found it.
pub use super::identity::same_phone;

/// A yearly date fills an empty one, or gives the year to the same day
/// known without it; true when it did.
fn fill_yearly(keep: &mut Option<YearlyDate>, other: Option<YearlyDate>) -> bool {
    match (*keep, other) {
        (None, Some(_)) => {}
        (Some(k), Some(o)) if k.year.is_none() && o.year.is_some() && (k.month, k.day) == (o.month, o.day) => {}
        _ => return false,
    }
    *keep = other;
    true
}

/// Gives `keep` the fields only `other` has, for two records of one
/// person (a merge, an import's card matched to its partner): fields fill
/// and never overwrite, lists join (phones and e-mails as
/// [`super::identity`] compares them), a year-less date gains its year,
/// notes are appended unless already held, the earlier `since` wins.
/// Returns the fields that gained, as contacts.toml names them.
pub fn fill(keep: &mut Partner, other: &Partner) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut note = |grew: bool, f: &'static str| {
        if grew {
            out.push(f);
        }
    };
    note(fill_none(&mut keep.org, &other.org), "org");
    note(fill_none(&mut keep.role, &other.role), "role");
    note(join(&mut keep.emails, &other.emails, same_email), "emails");
    note(join(&mut keep.phones, &other.phones, same_phone), "phones");
    note(
        join(&mut keep.tags, &other.tags, |a, b| a.eq_ignore_ascii_case(b)),
        "tags",
    );
    note(fill_none(&mut keep.cadence_days, &other.cadence_days), "cadence_days");
    note(fill_yearly(&mut keep.birthday, other.birthday), "birthday");
    let mut dates = false;
    for d in &other.dates {
        match keep.dates.iter_mut().find(|k| k.label.eq_ignore_ascii_case(&d.label)) {
            Some(k) => {
                let mut date = Some(k.date);
                if fill_yearly(&mut date, Some(d.date)) {
                    k.date = d.date;
                    dates = true;
                }
            }
            None => {
                keep.dates.push(d.clone());
                dates = true;
            }
        }
    }
    note(dates, "dates");
    note(fill_none(&mut keep.clientele, &other.clientele), "clientele");
    let notes = match (
        keep.notes.as_deref().map(str::trim),
        other.notes.as_deref().map(str::trim),
    ) {
        (_, None | Some("")) => false,
        (None | Some(""), Some(o)) => {
            keep.notes = Some(o.to_string());
            true
        }
        (Some(k), Some(o)) if k.contains(o) => false,
        (Some(k), Some(o)) => {
            keep.notes = Some(format!("{k}\n{o}"));
            true
        }
    };
    note(notes, "notes");
    note(fill_none(&mut keep.benefit, &other.benefit), "benefit");
    let since = match (keep.since, other.since) {
        (Some(k), Some(o)) => o < k,
        (None, Some(_)) => true,
        _ => false,
    };
    if since {
        keep.since = other.since;
    }
    note(since, "since");
    note(fill_none(&mut keep.uid, &other.uid), "uid");
    let mut extra = false;
    for (k, v) in &other.extra {
        if !keep.extra.contains_key(k) {
            keep.extra.insert(k.clone(), v.clone());
            extra = true;
        }
    }
    note(extra, "extra");
    out
}

/// Gives `keep` what only `other` has ([`fill`]) and keeps `other`'s id,
/// the ids merged into it before and its UID (when `keep` has another) as
/// aliases, so a command, a log line or a re-imported card naming `other`
/// finds `keep`. Returns the fields that gained.
pub fn absorb(keep: &mut Partner, other: &Partner) -> Vec<&'static str> {
    let out = fill(keep, other);
    let uid = other.uid.as_ref().filter(|u| keep.uid.as_ref() != Some(*u));
    for id in std::iter::once(&other.id).chain(&other.aliases).chain(uid) {
        if *id != keep.id && !keep.aliases.contains(id) {
            keep.aliases.push(id.clone());
        }
    }
    out
}

/// Pairs of active partners who look like one person, as indices into
/// `partners`, the older id first, with what they have in common beyond
/// the name ([`super::identity::Verdict::sign`]): one person by the identity rule, or two
/// of one name with a phone, e-mail or organisation in common.
pub fn likely_pairs(partners: &[Partner]) -> Vec<(usize, usize, &'static str)> {
    let mut by_name: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, p) in partners.iter().enumerate().filter(|(_, p)| !p.archived) {
        by_name.entry(name_key(&p.name)).or_default().push(i);
    }
    let mut out = Vec::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        for (n, &a) in group.iter().enumerate() {
            for &b in &group[n + 1..] {
                let v = judge(&Marks::of(&partners[a]), &Marks::of(&partners[b]));
                if let Some(why) = v.sign() {
                    out.push((a, b, why.sentence()));
                }
            }
        }
    }
    out
}

/// Folds each partner whose id is another's alias into that one (fields
/// fill, as [`absorb`] does): after a merge of two machines' files where
/// one merged them and the other still changed the one merged away. The
/// gestures logged under the old id already count for the alias holder.
pub fn fold_aliased(partners: &mut Vec<Partner>) {
    let holders: std::collections::HashMap<String, String> = partners
        .iter()
        .flat_map(|k| k.aliases.iter().map(|a| (a.clone(), k.id.clone())))
        .filter(|(a, k)| a != k)
        .collect();
    if holders.is_empty() {
        return;
    }
    let (gone, mut kept): (Vec<Partner>, Vec<Partner>) = std::mem::take(partners)
        .into_iter()
        .partition(|p| holders.contains_key(&p.id));
    for g in gone {
        // Through a chain of merges (a into b, b into c), to the last.
        let mut to = &holders[&g.id];
        for _ in 0..holders.len() {
            match holders.get(to) {
                Some(next) if kept.iter().all(|k| &k.id != to) => to = next,
                _ => break,
            }
        }
        match kept.iter_mut().find(|k| &k.id == to) {
            Some(k) => {
                absorb(k, &g);
            }
            None => kept.push(g),
        }
    }
    kept.sort_by(|a, b| a.id.cmp(&b.id));
    *partners = kept;
}

/// The queue key `key` names partner `id` as its second part
/// (`touch:ID`, `thank:ID:GESTURE`).
fn key_for(key: &str, id: &str) -> Option<(String, String)> {
    let mut parts = key.splitn(3, ':');
    let (kind, who) = (parts.next()?, parts.next()?);
    (who == id).then(|| (kind.to_string(), parts.next().map(str::to_string).unwrap_or_default()))
}

/// Merges partner `other` into partner `keep` (both ids): fields fill,
/// gestures and snoozes move, `other` leaves the book and its id stays on
/// `keep` as an alias. Of two snoozes that meet on one key, the later.
pub fn merge_partners(book: &mut Book, queue: &mut QueueState, keep: &str, other: &str) -> Result<Merged, String> {
    if keep == other {
        return Err("a partner cannot be merged into themselves".into());
    }
    let o = book
        .position(other)
        .ok_or_else(|| format!("no partner has the id '{other}'"))?;
    let other_p = book.partners.remove(o);
    let Some(k) = book.position(keep) else {
        book.insert(other_p);
        return Err(format!("no partner has the id '{keep}'"));
    };
    let filled = absorb(&mut book.partners[k], &other_p);
    let mut moved = 0;
    for g in &mut book.gestures {
        if g.contact == other_p.id {
            g.contact = keep.to_string();
            moved += 1;
        }
    }
    let keys: Vec<String> = queue.snoozed.keys().cloned().collect();
    for key in keys {
        if let Some((kind, rest)) = key_for(&key, &other_p.id) {
            let until = queue.snoozed.remove(&key).expect("the key was just listed");
            let new = if rest.is_empty() {
                format!("{kind}:{keep}")
            } else {
                format!("{kind}:{keep}:{rest}")
            };
            let at = queue.snoozed.entry(new).or_insert(until);
            *at = (*at).max(until);
        }
    }
    Ok(Merged { moved, filled })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Direction, Gesture, Kind};
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn g(n: u32, contact: &str) -> Gesture {
        crate::domain::testing::g(n, contact, "2026-11-03", Kind::Call, Direction::Given)
    }

    #[test]
    fn fields_fill_gestures_and_snoozes_move_and_the_id_stays_as_an_alias() {
        let mut dana = Partner::new("dana-lee", "Dana Lee");
        dana.phones = vec!["+1 555 0100".into()];
        dana.notes = Some("Spouse Sam".into());
        let mut twin = Partner::new("dana-lee-2", "Dana Lee");
        twin.phones = vec!["(555) 0100".into(), "+1 555 0199".into()];
        twin.org = Some("Lee Family Law".into());
        twin.notes = Some("Met at the bar dinner".into());
        twin.since = Some(day(1));
        twin.aliases = vec!["dana-old".into()];
        let mut book = Book::new(vec![dana, twin], vec![g(1, "dana-lee"), g(2, "dana-lee-2")]);
        let mut q = QueueState::default();
        q.snoozed.insert("touch:dana-lee-2".into(), day(30));
        q.snoozed.insert("thank:dana-lee-2:g-0002".into(), day(25));
        q.snoozed.insert("touch:dana-lee".into(), day(20));
        let m = merge_partners(&mut book, &mut q, "dana-lee", "dana-lee-2").unwrap();
        assert_eq!(m.moved, 1);
        assert_eq!(m.filled, ["org", "phones", "notes", "since"]);
        assert_eq!(book.partners.len(), 1);
        let p = &book.partners[0];
        assert_eq!(p.phones, ["+1 555 0100", "+1 555 0199"]);
        assert_eq!(p.notes.as_deref(), Some("Spouse Sam\nMet at the bar dinner"));
        assert_eq!(p.aliases, ["dana-lee-2", "dana-old"]);
        assert!(book.gestures.iter().all(|g| g.contact == "dana-lee"));
        let keys: Vec<&str> = q.snoozed.keys().map(String::as_str).collect();
        assert_eq!(keys, ["thank:dana-lee:g-0002", "touch:dana-lee"]);
        assert_eq!(q.snoozed["touch:dana-lee"], day(30));
        assert_eq!(book.position_or_alias("dana-old"), Some(0));
    }

    #[test]
    fn partners_of_one_name_with_a_phone_e_mail_or_org_in_common_look_alike() {
        let mut a = Partner::new("dana-lee", "Dana Lee");
        a.phones = vec!["+1 555 010 0100".into()];
        let mut b = Partner::new("dana-lee-2", "DANA  LÉE");
        b.phones = vec!["(555) 010-0100".into()];
        let mut c = Partner::new("dana-lee-3", "Dana Lee");
        c.org = Some("Elsewhere".into());
        let mut d = Partner::new("dana-lee-4", "Dana Lee");
        d.org = Some("elsewhere".into());
        d.archived = true;
        let ps = [a, b, c, d];
        assert_eq!(likely_pairs(&ps), [(0, 1, "same name and phone")]);
        let mut e = ps[3].clone();
        e.archived = false;
        assert_eq!(
            likely_pairs(&[ps[2].clone(), e]),
            [(0, 1, "same name and organisation")]
        );
        assert!(likely_pairs(&[ps[0].clone(), ps[2].clone()]).is_empty());
    }

    #[test]
    fn a_partner_merged_away_on_one_machine_folds_into_the_one_kept() {
        let mut kept = Partner::new("dana-lee", "Dana Lee");
        kept.aliases = vec!["dana-lee-2".into()];
        let mut twin = Partner::new("dana-lee-2", "Dana Lee");
        twin.notes = Some("edited on the other machine".into());
        let base_twin = Partner::new("dana-lee-2", "Dana Lee");
        let base_kept = Partner::new("dana-lee", "Dana Lee");
        // Ours merged the twin away; theirs edited the twin.
        let (ps, c) =
            crate::domain::merge::merge_partners(&[base_kept.clone(), base_twin], &[kept], &[base_kept, twin]);
        assert!(c.is_empty(), "{c:?}");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].notes.as_deref(), Some("edited on the other machine"));
        assert_eq!(ps[0].aliases, ["dana-lee-2"]);
    }

    #[test]
    fn a_partner_is_not_merged_into_themselves_or_a_stranger() {
        let mut book = Book::new(vec![Partner::new("a", "A")], Vec::new());
        let mut q = QueueState::default();
        assert!(merge_partners(&mut book, &mut q, "a", "a").is_err());
        assert!(merge_partners(&mut book, &mut q, "nobody", "a").is_err());
        assert_eq!(book.partners.len(), 1);
    }
}
