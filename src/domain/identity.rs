//! The one rule for "the same person": import's matching, `check`'s
//! look-alikes, `M` in the TUI and the add forms' warning all ask it.
//!
//! Two records are one person, strongest sign first, when:
//! - one names the other's id as merged into it before (an alias: the
//!   `urn:rapport:<id>` rapport's exports write, or a UID kept as an alias
//!   by a merge);
//! - they carry the same UID;
//! - they share an e-mail address (case ignored);
//! - they have the same name (case, accents and spacing folded) and share a
//!   phone number;
//! - they have the same name and nothing says they differ.
//!
//! What says two records of one name differ: different UIDs, e-mail
//! addresses with none in common, different organisations or different
//! titles. A shared e-mail or a shared phone outweighs different UIDs (two
//! apps give one person two UIDs); different phones say nothing, since one
//! person has a work line, a mobile and a home line. A phone counts only
//! with the name: households and offices share a line.

use super::Partner;
use super::text::fold;

/// A name, organisation or title as compared: case and accents folded,
/// single-spaced.
pub fn name_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn digits(p: &str) -> String {
    p.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Two phone numbers are one when their digits are, or when one is the
/// other with a country or area code in front (seven digits at least).
///
/// Suffixes rather than exact digits because address books write one
/// number as `+1 555 010 0100` and `(555) 010-0100`; seven digits keep a
/// short extension from matching the end of every number.
pub fn same_phone(a: &str, b: &str) -> bool {
    let (a, b) = (digits(a), digits(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    !short.is_empty() && (short == long || (short.len() >= 7 && long.ends_with(short.as_str())))
}

/// Two e-mail addresses are one when they differ only in case.
pub fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The UID rapport's exports give a partner with no UID of their own.
pub fn rapport_uid(id: &str) -> String {
    format!("urn:rapport:{id}")
}

/// What identifies one record: a partner of the book, or a card or row
/// being imported (which has no id yet).
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    /// The partner's id; `None` for what is being imported.
    pub id: Option<&'a str>,
    pub name: &'a str,
    pub uid: Option<&'a str>,
    /// Ids (and UIDs) merged into this partner.
    pub aliases: &'a [String],
    pub emails: &'a [String],
    pub phones: &'a [String],
    pub org: Option<&'a str>,
    /// The title (a vCard's TITLE, a partner's role).
    pub role: Option<&'a str>,
}

impl<'a> Marks<'a> {
    /// A partner's marks.
    pub fn of(p: &'a Partner) -> Marks<'a> {
        Marks {
            id: Some(&p.id),
            name: &p.name,
            uid: p.uid.as_deref(),
            aliases: &p.aliases,
            emails: &p.emails,
            phones: &p.phones,
            org: p.org.as_deref(),
            role: p.role.as_deref(),
        }
    }

    /// True when `uid` names this record: its own UID, an alias, or
    /// `urn:rapport:` with an alias or (when it has no UID of its own, as
    /// rapport's exports then write) its id.
    fn named_by(&self, uid: &str) -> Option<Reason> {
        if self.aliases.iter().any(|a| a == uid) {
            return Some(Reason::Alias);
        }
        if self.uid == Some(uid) {
            return Some(Reason::Uid);
        }
        let ours = uid.strip_prefix("urn:rapport:")?;
        if self.aliases.iter().any(|a| a == ours) {
            Some(Reason::Alias)
        } else {
            (self.uid.is_none() && self.id == Some(ours)).then_some(Reason::Uid)
        }
    }
}

/// Why two records are one person, strongest first (the order is the
/// ranking when several partners match).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// One's id or UID was merged into the other before.
    Alias,
    /// The same UID.
    Uid,
    /// A shared e-mail address.
    Email,
    /// The same name and a shared phone.
    NameAndPhone,
    /// The same name and organisation, and nothing that differs.
    NameAndOrg,
    /// The same name and nothing that differs.
    Name,
}

impl Reason {
    /// The reason as a user reads it: "same name and phone".
    pub fn sentence(self) -> &'static str {
        match self {
            Reason::Alias => "merged before",
            Reason::Uid => "same UID",
            Reason::Email => "same e-mail",
            Reason::NameAndPhone => "same name and phone",
            Reason::NameAndOrg => "same name and organisation",
            Reason::Name => "same name",
        }
    }
}

/// What says two records of one name are two people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    Uid,
    Email,
    Org,
    Role,
}

impl Conflict {
    /// The conflict as a user reads it: "different e-mails".
    pub fn sentence(self) -> &'static str {
        match self {
            Conflict::Uid => "different UIDs",
            Conflict::Email => "different e-mails",
            Conflict::Org => "different organisations",
            Conflict::Role => "different titles",
        }
    }
}

/// What the rule says of two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One person, and what says so.
    Same(Reason),
    /// The same name, but something says two people: worth listing as a
    /// likely duplicate, never made one without the user.
    Alike {
        /// What they have in common (the name, and perhaps the organisation).
        alike: Reason,
        differ: Conflict,
    },
    /// Nothing in common that counts.
    Unrelated,
}

impl Verdict {
    /// The reason they are one person, if they are.
    pub fn same(self) -> Option<Reason> {
        match self {
            Verdict::Same(r) => Some(r),
            _ => None,
        }
    }

    /// What they have in common, one person or two of one name.
    pub fn alike(self) -> Option<Reason> {
        match self {
            Verdict::Same(r) | Verdict::Alike { alike: r, .. } => Some(r),
            Verdict::Unrelated => None,
        }
    }

    /// What they have in common beyond the bare name, which is what makes
    /// two partners already in the book worth a look (`check`, `M`): two
    /// people of one name and nothing more are common.
    pub fn sign(self) -> Option<Reason> {
        self.alike().filter(|r| *r != Reason::Name)
    }
}

fn shares(a: &[String], b: &[String], same: impl Fn(&str, &str) -> bool) -> bool {
    a.iter().any(|x| b.iter().any(|y| same(x, y)))
}

fn differs(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.map(name_key), b.map(name_key)) {
        (Some(a), Some(b)) => !a.is_empty() && !b.is_empty() && a != b,
        _ => false,
    }
}

/// True when the two carry UIDs that say they are two records: both have
/// one and they differ (a partner without a UID of its own has rapport's
/// `urn:rapport:<id>` as far as rapport's exports are concerned), unless
/// one names the other.
pub fn uids_differ(a: &Marks, b: &Marks) -> bool {
    if a.uid.and_then(|u| b.named_by(u)).is_some() || b.uid.and_then(|u| a.named_by(u)).is_some() {
        return false;
    }
    let rapport = |u: &str| u.starts_with("urn:rapport:");
    match (a.uid, b.uid) {
        (Some(_), Some(_)) => true,
        (Some(u), None) => rapport(u) && b.id.is_some(),
        (None, Some(u)) => rapport(u) && a.id.is_some(),
        (None, None) => false,
    }
}

/// Are `a` and `b` the same person, and why (see the module's rule).
pub fn judge(a: &Marks, b: &Marks) -> Verdict {
    let alias = |x: &Marks, y: &Marks| {
        x.id.is_some_and(|id| y.aliases.iter().any(|al| al == id))
            || x.uid.and_then(|u| y.named_by(u)) == Some(Reason::Alias)
    };
    if alias(a, b) || alias(b, a) {
        return Verdict::Same(Reason::Alias);
    }
    if a.uid.and_then(|u| b.named_by(u)).is_some() || b.uid.and_then(|u| a.named_by(u)).is_some() {
        return Verdict::Same(Reason::Uid);
    }
    if shares(a.emails, b.emails, same_email) {
        return Verdict::Same(Reason::Email);
    }
    if name_key(a.name) != name_key(b.name) || name_key(a.name).is_empty() {
        return Verdict::Unrelated;
    }
    if shares(a.phones, b.phones, same_phone) {
        return Verdict::Same(Reason::NameAndPhone);
    }
    let org = |m: &Marks| m.org.map(name_key).filter(|o| !o.is_empty());
    let same_org = org(a).is_some() && org(a) == org(b);
    let alike = if same_org { Reason::NameAndOrg } else { Reason::Name };
    let differ = if uids_differ(a, b) {
        Some(Conflict::Uid)
    } else if !a.emails.is_empty() && !b.emails.is_empty() {
        Some(Conflict::Email)
    } else if differs(a.org, b.org) {
        Some(Conflict::Org)
    } else if differs(a.role, b.role) {
        Some(Conflict::Role)
    } else {
        None
    };
    match differ {
        Some(differ) => Verdict::Alike { alike, differ },
        None => Verdict::Same(alike),
    }
}

/// One partner of the book the rule has something to say about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The partner's index in the book's list.
    pub index: usize,
    pub verdict: Verdict,
}

/// Who among `partners` is the same person as `who`, or alike (of one
/// name), and why: the same first, strongest reason first, then in the
/// book's order. Archived partners count; `who` itself (by id) does not.
pub fn same_as(partners: &[Partner], who: &Marks) -> Vec<Found> {
    let mut out: Vec<Found> = partners
        .iter()
        .enumerate()
        .filter(|(_, p)| who.id != Some(p.id.as_str()))
        .map(|(index, p)| Found {
            index,
            verdict: judge(who, &Marks::of(p)),
        })
        .filter(|f| f.verdict != Verdict::Unrelated)
        .collect();
    out.sort_by_key(|f| (rank(f.verdict), f.index));
    out
}

/// The order of verdicts: one person by the strongest reason first, then
/// those only alike.
pub fn rank(v: Verdict) -> (u8, Option<Reason>) {
    match v {
        Verdict::Same(r) => (0, Some(r)),
        Verdict::Alike { alike, .. } => (1, Some(alike)),
        Verdict::Unrelated => (2, None),
    }
}

/// Are the two partners one person (see the module's rule)?
pub fn same_person(a: &Partner, b: &Partner) -> Option<Reason> {
    judge(&Marks::of(a), &Marks::of(b)).same()
}

/// The warning for `added`, just added beside `q`, whom the rule finds
/// the same person or alike: "another partner is also called Dana Lee
/// (dana-lee, archived); this one's id is dana-lee-2", or, when the names
/// differ, what they share.
pub fn added_beside(q: &Partner, added: &Partner, v: Verdict) -> String {
    let archived = if q.archived { ", archived" } else { "" };
    match v.alike() {
        Some(why) if name_key(&q.name) != name_key(&added.name) => format!(
            "{} ({}{archived}) looks like the same person ({}); this one's id is {}",
            q.name,
            q.id,
            why.sentence(),
            added.id
        ),
        _ => format!(
            "another partner is also called {} ({}{archived}); this one's id is {}",
            q.name, q.id, added.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, name: &str) -> Partner {
        Partner::new(id, name)
    }

    fn v(a: &Partner, b: &Partner) -> Verdict {
        let (x, y) = (judge(&Marks::of(a), &Marks::of(b)), judge(&Marks::of(b), &Marks::of(a)));
        assert_eq!(x, y, "the rule is symmetric");
        x
    }

    #[test]
    fn names_fold_case_accents_and_spacing() {
        assert_eq!(
            v(&p("a", "Dana Jónsdóttir"), &p("b", "  dana   JONSDOTTIR ")),
            Verdict::Same(Reason::Name)
        );
        assert_eq!(v(&p("a", "Dana Lee"), &p("b", "Dana Li")), Verdict::Unrelated);
    }

    #[test]
    fn phones_written_differently_are_one_and_need_the_name() {
        assert!(same_phone("+1 555 010 0100", "(555) 010-0100"));
        assert!(same_phone("+15550100", "555-0100"));
        assert!(!same_phone("555 9", "+1 555 0199"), "too short to be a suffix");
        assert!(!same_phone("", ""));
        let mut a = p("a", "Dana Lee");
        a.phones = vec!["+1 555 010 0100".into()];
        a.org = Some("Lee Family Law".into());
        let mut b = p("b", "Dana Lee");
        b.phones = vec!["(555) 010-0100".into()];
        b.org = Some("Elsewhere".into());
        assert_eq!(v(&a, &b), Verdict::Same(Reason::NameAndPhone));
        b.name = "Sam Lee".into();
        assert_eq!(v(&a, &b), Verdict::Unrelated, "a household's line");
    }

    #[test]
    fn a_shared_e_mail_is_one_person_whatever_the_case_or_name() {
        let mut a = p("a", "Beta Two");
        a.emails = vec!["Beta@X.org".into()];
        let mut b = p("b", "B. Two");
        b.emails = vec!["other@y.org".into(), "beta@x.org".into()];
        assert_eq!(v(&a, &b), Verdict::Same(Reason::Email));
        // Even with different UIDs: two apps' UIDs for one person.
        a.uid = Some("google-1".into());
        b.uid = Some("apple-9".into());
        assert_eq!(v(&a, &b), Verdict::Same(Reason::Email));
    }

    #[test]
    fn the_same_uid_or_rapports_uid_for_the_id_is_one_person() {
        let mut a = p("a", "Alpha One");
        a.uid = Some("U1".into());
        let mut b = p("b", "Someone Else");
        b.uid = Some("U1".into());
        assert_eq!(v(&a, &b), Verdict::Same(Reason::Uid));
        let card = Marks {
            name: "Renamed",
            uid: Some("urn:rapport:c"),
            ..Marks::default()
        };
        assert_eq!(judge(&card, &Marks::of(&p("c", "Gamma"))), Verdict::Same(Reason::Uid));
        // rapport's UID for an id names that partner only when it has none
        // of its own: otherwise it is another book's partner of that id.
        let mut c = p("c", "Gamma");
        c.uid = Some("urn:rapport:c-2".into());
        assert_eq!(judge(&card, &Marks::of(&c)), Verdict::Unrelated);
    }

    #[test]
    fn an_alias_is_the_partner_it_was_merged_into() {
        let mut keep = p("dana-lee", "Dana Lee");
        keep.uid = Some("work-1".into());
        keep.aliases = vec!["dana-lee-2".into(), "home-7".into()];
        assert_eq!(v(&keep, &p("dana-lee-2", "Dana L.")), Verdict::Same(Reason::Alias));
        for uid in ["urn:rapport:dana-lee-2", "home-7"] {
            let card = Marks {
                name: "Dana Lee",
                uid: Some(uid),
                ..Marks::default()
            };
            assert_eq!(judge(&card, &Marks::of(&keep)), Verdict::Same(Reason::Alias), "{uid}");
        }
    }

    #[test]
    fn one_name_with_different_e_mails_uids_orgs_or_titles_is_two_people() {
        let mut a = p("alex-kim", "Alex Kim");
        a.emails = vec!["alex@kim-cpa.example".into()];
        let mut b = p("alex-kim-2", "Alex Kim");
        b.emails = vec!["akim@therapy.example".into()];
        assert_eq!(
            v(&a, &b),
            Verdict::Alike {
                alike: Reason::Name,
                differ: Conflict::Email
            }
        );
        let (mut a, mut b) = (p("a", "Dana Lee"), p("b", "Dana Lee"));
        a.uid = Some("work-1".into());
        b.uid = Some("home-7".into());
        a.org = Some("Lee Family Law".into());
        b.org = Some("lee family law".into());
        assert_eq!(
            v(&a, &b),
            Verdict::Alike {
                alike: Reason::NameAndOrg,
                differ: Conflict::Uid
            }
        );
        assert_eq!(v(&a, &b).sign(), Some(Reason::NameAndOrg));
        let (mut a, mut b) = (p("a", "Dana Lee"), p("b", "Dana Lee"));
        a.org = Some("Lee Family Law".into());
        b.org = Some("Elsewhere".into());
        assert_eq!(v(&a, &b).same(), None);
        b.org = None;
        a.role = Some("Attorney".into());
        b.role = Some("Psychologist".into());
        assert_eq!(
            v(&a, &b),
            Verdict::Alike {
                alike: Reason::Name,
                differ: Conflict::Role
            }
        );
        assert_eq!(v(&a, &b).sign(), None, "only the name in common");
    }

    #[test]
    fn one_name_with_nothing_that_differs_is_one_person() {
        let mut a = p("a", "Dana Lee");
        a.emails = vec!["dana@x.org".into()];
        a.org = Some("Lee Family Law".into());
        let mut b = p("b", "Dana Lee");
        b.org = Some("Lee Family Law".into());
        assert_eq!(v(&a, &b), Verdict::Same(Reason::NameAndOrg));
        b.org = None;
        assert_eq!(v(&a, &b), Verdict::Same(Reason::Name));
        assert_eq!(v(&a, &b).sign(), None);
    }

    #[test]
    fn same_as_ranks_the_book_strongest_first_and_skips_itself() {
        let mut a = p("a", "Dana Lee");
        a.emails = vec!["one@x.org".into()];
        let b = p("b", "Dana Lee");
        let mut c = p("c", "D. Lee");
        c.emails = vec!["dana@x.org".into()];
        let mut d = p("d", "Dana Lee");
        d.archived = true;
        let book = [a, b, c, d];
        let mut who = p("new", "Dana Lee");
        who.emails = vec!["dana@x.org".into()];
        let found: Vec<(usize, Option<Reason>)> = same_as(&book, &Marks::of(&who))
            .iter()
            .map(|f| (f.index, f.verdict.same()))
            .collect();
        assert_eq!(
            found,
            [
                (2, Some(Reason::Email)),
                (1, Some(Reason::Name)),
                (3, Some(Reason::Name)),
                (0, None)
            ]
        );
        assert!(same_as(&book, &Marks::of(&book[1])).iter().all(|f| f.index != 1));
        assert_eq!(same_person(&book[1], &book[3]), Some(Reason::Name));
        let f = same_as(&book, &Marks::of(&who));
        assert_eq!(
            added_beside(&book[f[0].index], &who, f[0].verdict),
            "D. Lee (c) looks like the same person (same e-mail); this one's id is new"
        );
        assert_eq!(
            added_beside(&book[3], &who, f[2].verdict),
            "another partner is also called Dana Lee (d, archived); this one's id is new"
        );
    }
}
