//! The file names of a vdir export: one `<name>.vcf` per partner, inside
//! the folder whatever the partner's id holds. An id made by this version
//! is its own file name; an id from an older or hand-edited file (a `/`, a
//! leading `.`, `..`, 100,000 characters) gets a slug of itself and a short
//! hash of the whole id, so it stays a single short name, the same on every
//! export, and unique.

use crate::domain::Partner;
use crate::domain::text::{MAX_ID, slug};
use crate::interop::{Incoming, vcard, write};
use std::collections::HashSet;
use xxhash_rust::xxh3::xxh3_64;

/// The longest name before `.vcf`: a temporary file beside it adds about
/// 20 bytes, and file systems allow 255.
const MAX_NAME_BYTES: usize = 200;

/// An id that can be a file name as it is: letters, digits, `-`, `_` and
/// `.`, not starting with `.`, no longer than an id this version makes.
fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id.chars().count() <= MAX_ID
        && id.len() <= MAX_NAME_BYTES
        && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A name made from an id that cannot be one: its slug, shortened, and
/// eight hex digits of a hash of the whole id.
fn derived(id: &str) -> String {
    let slug = slug(id);
    let short: String = slug.chars().take(MAX_ID - 9).collect();
    let hash = (xxh3_64(id.as_bytes()) >> 32) as u32;
    format!("{}-{hash:08x}", short.trim_end_matches('-'))
}

/// The file name (with `.vcf`) of each partner, in the same order: unique
/// even on a file system that ignores case, each a single name with no
/// folder in it. Plain ids keep their own name first, so a partner's file
/// does not move because of someone else.
pub fn file_names(partners: &[Partner]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut names: Vec<Option<String>> = partners
        .iter()
        .map(|p| (is_plain(&p.id) && used.insert(p.id.to_lowercase())).then(|| p.id.clone()))
        .collect();
    for (name, p) in names.iter_mut().zip(partners) {
        if name.is_some() {
            continue;
        }
        let base = if is_plain(&p.id) { p.id.clone() } else { derived(&p.id) };
        let mut candidate = base.clone();
        let mut n = 2;
        while !used.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        *name = Some(candidate);
    }
    names
        .into_iter()
        .map(|n| format!("{}.vcf", n.unwrap_or_default()))
        .collect()
}

/// The name an older rapport gave this partner's file (`<id>.vcf`), where
/// that is a single name inside the folder and differs from today's: the
/// export removes it when it holds this partner's card, so a sync does not
/// see the partner twice.
pub fn older_name(id: &str, name: &str) -> Option<String> {
    let old = format!("{id}.vcf");
    let single = !id.is_empty() && id != "." && id != ".." && !id.contains(['/', '\0']) && old.len() <= 255;
    (single && old != name).then_some(old)
}

/// The one card a file holds, without where it was read.
fn one_card(bytes: &[u8]) -> Option<Incoming> {
    let mut parsed = vcard::parse(bytes).ok()?;
    if parsed.contacts.len() != 1 || !parsed.skipped.is_empty() {
        return None;
    }
    let mut c = parsed.contacts.pop()?;
    c.source.clear();
    Some(c)
}

/// The UID of the one card a file holds.
pub fn uid_in(file: &[u8]) -> Option<String> {
    one_card(file)?.uid
}

/// True when the file already says, in its own words, all that the
/// partner's card would: the same UID, name, numbers, notes and the rest as
/// rapport reads them. The export then leaves it alone, so a card a server
/// or phone rewrote (its own PRODID, another order, vCard 3.0, an address
/// or photo rapport does not keep) is not replaced and sent back by the
/// next sync when nothing changed in rapport.
///
/// `since` is not compared: only rapport writes it (X-RAPPORT-SINCE), and a
/// phone that drops it has not changed the card.
pub fn says_the_same(file: &[u8], p: &Partner) -> bool {
    let unsinced = |mut c: super::Incoming| {
        c.since = None;
        c
    };
    one_card(file).is_some_and(|theirs| {
        one_card(write::vcard(p).as_bytes()).is_some_and(|ours| unsinced(ours) == unsinced(theirs))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partners(ids: &[&str]) -> Vec<Partner> {
        ids.iter()
            .map(|id| Partner {
                id: (*id).into(),
                name: (*id).into(),
                ..Partner::default()
            })
            .collect()
    }

    #[test]
    fn plain_ids_are_their_own_names_and_the_rest_are_single_short_unique_names() {
        let long = "x".repeat(100_000);
        let ids = [
            "../escape",
            "..",
            ".hidden",
            "a/b",
            &long,
            "dana-lee",
            "Dana-Lee",
            "müller",
        ];
        let names = file_names(&partners(&ids));
        assert_eq!(names[5], "dana-lee.vcf");
        assert_eq!(names[7], "müller.vcf");
        let mut seen = HashSet::new();
        for n in &names {
            assert!(!n.contains('/') && !n.starts_with('.'), "{n}");
            assert!(n.len() <= MAX_NAME_BYTES + 4, "{} bytes", n.len());
            assert!(seen.insert(n.to_lowercase()), "{n} twice");
        }
        assert!(
            names[0].starts_with("escape-") && names[3].starts_with("a-b-"),
            "{names:?}"
        );
        // The same on every export.
        assert_eq!(file_names(&partners(&ids)), names);
    }

    #[test]
    fn a_derived_name_never_takes_a_plain_one() {
        let taken = derived("a/b");
        let names = file_names(&partners(&["a/b", &taken]));
        assert_eq!(names[1], format!("{taken}.vcf"));
        assert_eq!(names[0], format!("{taken}-2.vcf"));
    }

    #[test]
    fn an_older_name_is_only_ever_one_name_inside_the_folder() {
        assert_eq!(older_name("dana-lee", "dana-lee.vcf"), None);
        assert_eq!(
            older_name(&"y".repeat(60), "y-1.vcf"),
            Some(format!("{}.vcf", "y".repeat(60)))
        );
        assert_eq!(older_name("../escape", "escape-1.vcf"), None);
        assert_eq!(older_name("..", "partner-1.vcf"), None);
        assert_eq!(older_name(&"z".repeat(300), "z-1.vcf"), None);
    }

    #[test]
    fn a_card_a_server_rewrote_says_the_same_until_it_says_more() {
        let p = Partner {
            id: "jurgen-muller".into(),
            name: "Jürgen Müller".into(),
            org: Some("Müller Steuer".into()),
            phones: vec!["+49 30 1234567".into()],
            ..Partner::default()
        };
        assert!(says_the_same(write::vcard(&p).as_bytes(), &p));
        let rewritten = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Radicale//NONSGML Version 3//EN\r\n\
                         UID:urn:rapport:jurgen-muller\r\nFN:Jürgen Müller\r\nN:Müller;Jürgen;;;\r\n\
                         ORG:Müller Steuer\r\nTEL:+49 30 1234567\r\n\
                         ADR;TYPE=WORK:;;Hauptstr. 1;Berlin;;10115;Germany\r\nEND:VCARD\r\n";
        assert!(says_the_same(rewritten.as_bytes(), &p));
        let more = rewritten.replace("END:VCARD", "NOTE:Met at the fair\r\nEND:VCARD");
        assert!(!says_the_same(more.as_bytes(), &p));
        let other = rewritten.replace("urn:rapport:jurgen-muller", "urn:uuid:4fbe");
        assert!(!says_the_same(other.as_bytes(), &p));
        let two = format!("{rewritten}{rewritten}");
        assert!(!says_the_same(two.as_bytes(), &p));
        assert!(!says_the_same(b"not a card", &p));
    }
}
