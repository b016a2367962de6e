//! Matching imported contacts against the book and merging them in, so that
//! importing the same people again updates them rather than duplicating them.
//!
//! A contact is the partner the identity rule ([`crate::domain::identity`])
//! finds the same person by its strongest reason (an alias, the UID, an
//! e-mail, the name with a phone, the name with nothing that differs). Of
//! one name with something that differs (UIDs, e-mails, organisation,
//! title) it is a new partner, listed as a likely duplicate. Within one
//! file, two cards with different UIDs are two people even when they share
//! an e-mail address or a phone. The strongest reason wins, not the first
//! partner found.
//!
//! Merging fills and never overwrites or wipes: e-mails, phones, tags and
//! labelled yearly dates are unions; organisation, role, birthday and UID
//! are filled when the partner has none (a birthday known without its year
//! gains the year when the import has it for the same day); imported notes
//! fill empty notes or are appended when the partner's notes do not already
//! hold them. What the user wrote in rapport wins over an address book, and
//! re-importing files that disagree with each other settles rather than
//! flipping a field back and forth. The name, stage, cadence, clientele and
//! `since` are never touched.

use super::{Incoming, clean};
use crate::domain::dedupe::fill;
use crate::domain::identity::{Conflict, Marks, Reason, Verdict, judge, name_key, rank, uids_differ};
use crate::domain::text::unique_slug;
use crate::domain::{Book, Partner};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One partner an import touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Touched {
    pub id: String,
    pub name: String,
    /// The cards or rows that went into it.
    pub sources: Vec<String>,
    /// For updates: the fields that changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<&'static str>,
}

/// A partner an import added who is likely someone already in the book,
/// but with nothing that says so for sure (their UIDs differ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Likely {
    /// The partner added.
    pub id: String,
    pub name: String,
    /// The partner they are likely the same person as.
    pub like: String,
    pub why: &'static str,
}

/// What an import did to the book.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub added: Vec<Touched>,
    pub updated: Vec<Touched>,
    /// Matched partners the import had nothing new for.
    pub unchanged: Vec<Touched>,
    /// Added partners who are likely duplicates, for `rapport merge`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub likely_duplicates: Vec<Likely>,
}

impl MergeReport {
    /// Partners added or updated.
    pub fn changed(&self) -> usize {
        self.added.len() + self.updated.len()
    }
}

pub use crate::domain::identity::rapport_uid;

/// What identifies an imported contact, for the identity rule.
fn marks(c: &Incoming) -> Marks<'_> {
    Marks {
        id: None,
        name: &c.name,
        uid: c.uid.as_deref(),
        aliases: &[],
        emails: &c.emails,
        phones: &c.phones,
        org: c.org.as_deref(),
        role: c.role.as_deref(),
    }
}

/// The partners by what identifies them, kept up to date as an import
/// goes, so each contact is compared with the few partners who share a
/// UID, id, e-mail or name rather than with the whole book (which made
/// large imports quadratic).
#[derive(Default)]
struct Index {
    by_id: HashMap<String, BTreeSet<usize>>,
    by_uid: HashMap<String, BTreeSet<usize>>,
    by_email: HashMap<String, BTreeSet<usize>>,
    by_name: HashMap<String, BTreeSet<usize>>,
    /// Every id in use, by a partner or in the log: ids are never reused.
    taken: HashSet<String>,
}

impl Index {
    fn new(book: &Book) -> Index {
        let mut idx = Index::default();
        for (i, p) in book.partners.iter().enumerate() {
            idx.add(i, p);
        }
        idx.taken.extend(book.gestures.iter().map(|g| g.contact.clone()));
        idx
    }

    /// Indexes partner `i` (again, after a merge added to it).
    fn add(&mut self, i: usize, p: &Partner) {
        self.by_id.entry(p.id.clone()).or_default().insert(i);
        self.taken.insert(p.id.clone());
        // An alias is an id merged in, or a UID kept by a merge.
        for a in &p.aliases {
            self.by_id.entry(a.clone()).or_default().insert(i);
            self.by_uid.entry(a.clone()).or_default().insert(i);
            self.taken.insert(a.clone());
        }
        if let Some(u) = &p.uid {
            self.by_uid.entry(u.clone()).or_default().insert(i);
        }
        for e in &p.emails {
            self.by_email.entry(e.to_ascii_lowercase()).or_default().insert(i);
        }
        self.by_name.entry(name_key(&p.name)).or_default().insert(i);
    }

    /// The partners who might be the contact: those sharing its UID (or
    /// the id rapport's UID names), an e-mail or its name.
    fn candidates(&self, c: &Incoming) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut take = |set: Option<&BTreeSet<usize>>| out.extend(set.into_iter().flatten().copied());
        if let Some(uid) = &c.uid {
            take(self.by_uid.get(uid));
            if let Some(id) = uid.strip_prefix("urn:rapport:") {
                take(self.by_id.get(id));
            }
        }
        for m in &c.emails {
            take(self.by_email.get(&m.to_ascii_lowercase()));
        }
        take(self.by_name.get(&name_key(&c.name)));
        out
    }
}

/// What the identity rule says of a contact and a partner, on import.
/// Two cards of one file with different UIDs are two people even when
/// they share an e-mail address or a phone (a family's or an office's):
/// `fresh` holds the ids this import added.
fn verdict(p: &Partner, c: &Incoming, fresh: &HashSet<String>) -> Verdict {
    let (pm, cm) = (Marks::of(p), marks(c));
    let v = judge(&cm, &pm);
    match v {
        Verdict::Same(Reason::Email | Reason::NameAndPhone) if fresh.contains(&p.id) && uids_differ(&cm, &pm) => {
            if name_key(&p.name) == name_key(&c.name) {
                Verdict::Alike {
                    alike: Reason::Name,
                    differ: Conflict::Uid,
                }
            } else {
                Verdict::Unrelated
            }
        }
        v => v,
    }
}

/// The partner an imported contact is, if any, and else the partner of
/// its name it is likely the same person as: by the identity rule's
/// strongest reason, then in the book's order.
fn find_match(
    ps: &[Partner],
    idx: &Index,
    c: &Incoming,
    fresh: &HashSet<String>,
) -> Result<usize, Option<(usize, Reason)>> {
    let best = idx
        .candidates(c)
        .into_iter()
        .map(|i| (rank(verdict(&ps[i], c, fresh)), i))
        .filter(|((_, r), _)| r.is_some())
        .min();
    match best {
        Some(((0, _), i)) => Ok(i),
        Some(((_, Some(alike)), i)) => Err(Some((i, alike))),
        _ => Err(None),
    }
}

/// The contact as a partner's fields, for [`fill`]: its UID unless it is
/// rapport's own for the partner it fills.
fn as_partner(c: &Incoming, extra_tags: &[String], for_id: &str) -> Partner {
    let mut p = Partner::new(String::new(), clean(&c.name));
    p.org.clone_from(&c.org);
    p.role.clone_from(&c.role);
    p.emails.clone_from(&c.emails);
    p.phones.clone_from(&c.phones);
    p.tags = c.tags.iter().chain(extra_tags).cloned().collect();
    p.birthday = c.birthday;
    p.dates.clone_from(&c.dates);
    p.notes.clone_from(&c.notes);
    p.uid = c.uid.clone().filter(|u| *u != rapport_uid(for_id));
    p
}

/// Fills the partner from the contact (see the module's header); returns
/// the fields that gained.
fn merge_into(p: &mut Partner, c: &Incoming, extra_tags: &[String]) -> Vec<&'static str> {
    let fields = fill(p, &as_partner(c, extra_tags, &p.id));
    super::extras::keep(p, c);
    fields
}

enum Status {
    Added,
    /// Matched; the fields the import changed so far. Each card's changes
    /// are found as it merges (a copy of one partner at a time, not of the
    /// whole book): merging only fills and adds, so together they are the
    /// import's.
    Matched(Vec<&'static str>),
}

/// Merges the contacts into the book, in order (so two cards for the same
/// person in one file become one partner). New partners get a fresh id,
/// `since` today and the default stage; `extra_tags` go on every partner
/// the import touches.
pub fn merge(book: &mut Book, contacts: &[Incoming], extra_tags: &[String], today: NaiveDate) -> MergeReport {
    let mut seen: Vec<(String, Status, Vec<String>)> = Vec::new();
    let mut seen_at: HashMap<String, usize> = HashMap::new();
    let mut fresh: HashSet<String> = HashSet::new();
    let mut idx = Index::new(book);
    let mut likely = Vec::new();
    // New partners go at the end while the import runs (indexes stay
    // valid) and the book is put back in id order once, at the end.
    for c in contacts {
        let i = match find_match(&book.partners, &idx, c, &fresh) {
            Ok(i) => {
                let id = &book.partners[i].id;
                if !seen_at.contains_key(id) {
                    seen_at.insert(id.clone(), seen.len());
                    seen.push((id.clone(), Status::Matched(Vec::new()), Vec::new()));
                }
                let at = seen_at[id];
                let changed = merge_into(&mut book.partners[i], c, extra_tags);
                if let Status::Matched(fields) = &mut seen[at].1 {
                    for f in changed {
                        if !fields.contains(&f) {
                            fields.push(f);
                        }
                    }
                }
                i
            }
            Err(like) => {
                let like = like.map(|(i, why)| (book.partners[i].id.clone(), why.sentence()));
                let id = unique_slug(&c.name, |s| idx.taken.contains(s));
                if let Some((like, why)) = like {
                    likely.push(Likely {
                        id: id.clone(),
                        name: clean(&c.name),
                        like,
                        why,
                    });
                }
                let mut p = Partner::new(id.clone(), clean(&c.name));
                p.since = Some(c.since.unwrap_or(today));
                merge_into(&mut p, c, extra_tags);
                book.partners.push(p);
                fresh.insert(id.clone());
                seen_at.insert(id.clone(), seen.len());
                seen.push((id, Status::Added, Vec::new()));
                book.partners.len() - 1
            }
        };
        idx.add(i, &book.partners[i]);
        let at = seen_at[&book.partners[i].id];
        seen[at].2.push(c.source.clone());
    }
    book.partners.sort_by(|a, b| a.id.cmp(&b.id));
    let mut report = MergeReport {
        likely_duplicates: likely,
        ..MergeReport::default()
    };
    for (id, status, sources) in seen {
        let Some(now) = book.partner(&id) else { continue };
        let mut t = Touched {
            id: id.clone(),
            name: now.name.clone(),
            sources,
            fields: Vec::new(),
        };
        match status {
            Status::Added => report.added.push(t),
            Status::Matched(fields) => {
                t.fields = fields;
                if t.fields.is_empty() {
                    report.unchanged.push(t);
                } else {
                    report.updated.push(t);
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::YearlyDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn incoming(name: &str) -> Incoming {
        Incoming {
            source: "card 1 (line 1)".into(),
            name: name.into(),
            ..Incoming::default()
        }
    }

    #[test]
    fn adds_with_fresh_ids_never_reusing_one_in_the_log() {
        let mut book = Book::new(vec![Partner::new("dana-lee", "Dana Lee")], Vec::new());
        let g = crate::domain::Gesture {
            id: "g-1".into(),
            date: day(),
            contact: "sam-cho".into(),
            kind: crate::domain::Kind::Call,
            dir: crate::domain::Direction::Given,
            note: None,
            value: None,
            outcome: None,
            re: None,
            extra: Default::default(),
        };
        book.gestures.push(g);
        let r = merge(&mut book, &[incoming("Sam Cho")], &["imported".into()], day());
        assert_eq!(r.added.len(), 1);
        assert_eq!(r.added[0].id, "sam-cho-2");
        let p = book.partner("sam-cho-2").unwrap();
        assert_eq!(p.since, Some(day()));
        assert_eq!(p.tags, ["imported"]);
    }

    #[test]
    fn matches_by_uid_then_email_then_name() {
        let mut a = Partner::new("a", "Alpha One");
        a.uid = Some("U1".into());
        let mut b = Partner::new("b", "Beta Two");
        b.emails = vec!["Beta@X.org".into()];
        let c = Partner::new("c", "Gamma Müller");
        let mut book = Book::new(vec![a, b, c], Vec::new());
        let mut by_uid = incoming("Someone Else");
        by_uid.uid = Some("U1".into());
        let mut by_ours = incoming("Renamed");
        by_ours.uid = Some("urn:rapport:c".into());
        let mut by_email = incoming("B. Two");
        by_email.emails = vec!["beta@x.org".into()];
        let by_name = incoming("  gamma   MULLER ");
        for (c, want) in [(by_uid, "a"), (by_ours, "c"), (by_email, "b"), (by_name, "c")] {
            let none = HashSet::new();
            assert_eq!(
                find_match(&book.partners, &Index::new(&book), &c, &none)
                    .ok()
                    .map(|i| book.partners[i].id.as_str()),
                Some(want)
            );
        }
        // Same name, different UIDs: two people.
        let mut other = incoming("Alpha One");
        other.uid = Some("U2".into());
        assert_eq!(
            find_match(&book.partners, &Index::new(&book), &other, &HashSet::new()).ok(),
            None
        );
        let r = merge(&mut book, &[incoming("Gamma Muller")], &[], day());
        assert_eq!(r.unchanged.len(), 1);
    }

    #[test]
    fn updates_merge_and_never_wipe() {
        let mut p = Partner::new("dana-lee", "Dana Lee");
        p.org = Some("Old Org".into());
        p.role = Some("Attorney".into());
        p.emails = vec!["dana@x.org".into()];
        p.phones = vec!["+1 555 0100".into()];
        p.birthday = Some(YearlyDate::parse("1980-04-15").unwrap());
        p.notes = Some("Kids Ava and Leo.".into());
        let mut book = Book::new(vec![p], Vec::new());
        let mut c = incoming("Dana Lee");
        c.org = Some("New Org".into());
        c.emails = vec!["DANA@x.org".into(), "dl@y.org".into()];
        c.phones = vec!["+15550100".into(), "555 9".into()];
        c.birthday = Some(YearlyDate::parse("04-15").unwrap());
        c.notes = Some("Supports the food bank.".into());
        let r = merge(&mut book, &[c.clone()], &[], day());
        assert_eq!(r.updated.len(), 1);
        assert_eq!(r.updated[0].fields, ["emails", "phones", "notes"]);
        let p = &book.partners[0];
        assert_eq!(p.org.as_deref(), Some("Old Org"), "what the user has wins");
        assert_eq!(p.role.as_deref(), Some("Attorney"));
        assert_eq!(p.emails, ["dana@x.org", "dl@y.org"]);
        assert_eq!(p.phones, ["+1 555 0100", "555 9"]);
        assert_eq!(p.birthday.unwrap().to_string(), "1980-04-15");
        assert_eq!(p.notes.as_deref(), Some("Kids Ava and Leo.\nSupports the food bank."));
        // The same again changes nothing.
        let r = merge(&mut book, &[c.clone()], &[], day());
        assert!(r.updated.is_empty() && r.added.is_empty());
        assert_eq!(r.unchanged.len(), 1);
        // Empty fields are filled; a year-less birthday gains its year.
        let mut book = Book::new(vec![Partner::new("sam", "Sam Cho")], Vec::new());
        book.partners[0].birthday = Some(YearlyDate::parse("04-15").unwrap());
        let mut c = incoming("Sam Cho");
        c.org = Some("Cho CPA".into());
        c.birthday = Some(YearlyDate::parse("1980-04-15").unwrap());
        let r = merge(&mut book, &[c], &[], day());
        assert_eq!(r.updated[0].fields, ["org", "birthday"]);
        assert_eq!(book.partners[0].birthday.unwrap().to_string(), "1980-04-15");
    }

    #[test]
    fn cards_of_one_file_with_different_uids_are_different_people() {
        let mut book = Book::default();
        let mut a = incoming("Taro Yamada");
        a.uid = Some("urn:uuid:f81d".into());
        a.emails = vec!["shared@example.com".into()];
        let mut b = incoming("J. Doe");
        b.uid = Some("urn:uuid:4fbe".into());
        b.emails = vec!["shared@example.com".into()];
        let r = merge(&mut book, &[a, b.clone()], &[], day());
        assert_eq!(r.added.len(), 2);
        // An existing partner from another address book still matches by e-mail.
        let r = merge(
            &mut book,
            &[Incoming {
                uid: Some("other-app".into()),
                ..b
            }],
            &[],
            day(),
        );
        assert_eq!(r.added.len(), 0);
        // A rapport export of one of two same-named partners matches only its own.
        let book = Book::new(
            vec![
                Partner::new("dana-lee", "Dana Lee"),
                Partner::new("dana-lee-2", "Dana Lee"),
            ],
            Vec::new(),
        );
        let mut c = incoming("Dana Lee");
        c.uid = Some("urn:rapport:dana-lee-2".into());
        let none = HashSet::new();
        assert_eq!(
            find_match(&book.partners, &Index::new(&book), &c, &none)
                .ok()
                .map(|i| book.partners[i].id.as_str()),
            Some("dana-lee-2")
        );
        c.uid = Some("urn:rapport:dana-lee-7".into());
        assert_eq!(find_match(&book.partners, &Index::new(&book), &c, &none).ok(), None);
    }

    #[test]
    fn two_cards_for_one_person_in_a_file_become_one_partner() {
        let mut book = Book::default();
        let mut a = incoming("J. Doe");
        a.uid = Some("urn:uuid:4fbe".into());
        a.emails = vec!["jdoe@example.com".into()];
        let mut b = a.clone();
        b.source = "card 2 (line 9)".into();
        b.emails.push("ceo@example.com".into());
        let r = merge(&mut book, &[a, b], &[], day());
        assert_eq!(book.partners.len(), 1);
        assert_eq!(r.added.len(), 1);
        assert_eq!(r.added[0].sources.len(), 2);
        assert_eq!(book.partners[0].emails, ["jdoe@example.com", "ceo@example.com"]);
        assert_eq!(book.partners[0].uid.as_deref(), Some("urn:uuid:4fbe"));
    }
}
