//! What a vCard says beyond rapport's own fields, kept on the partner so an
//! export gives it back: the structured name N as imported, whether the card
//! is an organisation's, and each phone's TYPE. They live in the partner's
//! kept extra fields (`vcard_n`, `vcard_kind`, `phone_types` as a list of
//! `[number, type]` pairs), which contacts.toml carries as it carries any
//! key it does not know.

use super::Incoming;
use crate::domain::Partner;
use crate::domain::identity::name_key;

/// The extra keys this module writes; contacts.toml keeps them without a
/// warning.
pub use crate::domain::partner::IMPORT_KEYS as KEYS;

/// Fills what the partner does not have yet from an imported contact.
/// Only what the export would not derive by itself is kept, so an export
/// read back adds nothing.
pub fn keep(p: &mut Partner, c: &Incoming) {
    if c.is_org && !is_org(p) {
        p.extra.insert("vcard_kind".into(), toml::Value::String("org".into()));
    }
    if let Some(n) = &c.n
        && !p.extra.contains_key("vcard_n")
        && *n != n_of(p)
    {
        // N's five parts, then the name they were imported for: a partner
        // renamed since exports N made from the new name.
        let mut parts: Vec<toml::Value> = n.iter().cloned().map(toml::Value::String).collect();
        parts.resize(5, toml::Value::String(String::new()));
        parts.push(toml::Value::String(p.name.clone()));
        p.extra.insert("vcard_n".into(), toml::Value::Array(parts));
    }
    for (phone, types) in &c.phone_types {
        if !p.phones.contains(phone) || pairs(p).any(|(k, _)| k == phone) {
            continue;
        }
        let list = p
            .extra
            .entry("phone_types")
            .or_insert_with(|| toml::Value::Array(Vec::new()));
        if let toml::Value::Array(a) = list {
            a.push(toml::Value::Array(vec![
                toml::Value::String(phone.clone()),
                toml::Value::String(types.clone()),
            ]));
        }
    }
}

/// The kept `[number, type]` pairs: a list, so no key of the file is
/// a number from outside (older versions kept a table keyed by the number;
/// reading contacts.toml turns it into this list).
fn pairs(p: &Partner) -> impl Iterator<Item = (&str, &str)> {
    let list = p.extra.get("phone_types").and_then(|v| v.as_array());
    list.into_iter()
        .flatten()
        .filter_map(|e| match e.as_array()?.as_slice() {
            [k, v] => Some((k.as_str()?, v.as_str()?)),
            _ => None,
        })
}

/// A phone's TYPE as imported (`fax`, `work,cell`): kept with the number
/// as it was imported, and still found when the number was written another
/// way since (`+1 555 0100` for `(555) 0100`).
pub fn phone_type<'a>(p: &'a Partner, phone: &str) -> Option<&'a str> {
    pairs(p)
        .find(|(k, _)| *k == phone)
        .or_else(|| pairs(p).find(|(k, _)| crate::domain::dedupe::same_phone(k, phone)))
        .map(|(_, v)| v)
}

/// True for an organisation's card.
pub fn is_org(p: &Partner) -> bool {
    p.extra.get("vcard_kind").and_then(|v| v.as_str()) == Some("org")
        || p.org.as_deref().is_some_and(|o| name_key(o) == name_key(&p.name))
}

/// N's five parts for the export: as imported, or none for an
/// organisation, or the name split.
pub fn n_of(p: &Partner) -> Vec<String> {
    let stored = p.extra.get("vcard_n").and_then(|v| v.as_array()).and_then(|a| {
        a.iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<String>>>()
    });
    // Five parts (as older versions kept it) or five and the name they
    // were for, which must still be the partner's.
    if let Some(mut n) = stored.filter(|n| n.len() <= 5 || n[5] == p.name) {
        n.resize(5, String::new());
        return n;
    }
    if is_org(p) {
        return vec![String::new(); 5];
    }
    split(&p.name)
}

const PREFIXES: [&str; 12] = [
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "herr", "frau",
];
const SUFFIXES: [&str; 12] = [
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "cpa", "mba", "dds", "jd",
];
const PARTICLES: [&str; 11] = ["van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "le"];

fn bare(w: &str) -> String {
    w.trim_matches(|c: char| c == '.' || c == ',').to_lowercase()
}

/// A name split into N's parts: honorifics and suffixes set apart, a
/// `Family, Given` form read as such, particles (`van`, `de`) kept with the
/// family name.
pub fn split(name: &str) -> Vec<String> {
    if let Some((family, given)) = name.split_once(',')
        && !given.trim().is_empty()
        && !SUFFIXES.contains(&bare(given).as_str())
    {
        let mut n = split(given.trim());
        n[0] = family.trim().to_string();
        return n;
    }
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let mut prefixes = Vec::new();
    while words.len() > 1 && PREFIXES.contains(&bare(words[0]).as_str()) {
        prefixes.push(words.remove(0));
    }
    let mut suffixes = Vec::new();
    while words.len() > 1 && SUFFIXES.contains(&bare(words[words.len() - 1]).as_str()) {
        suffixes.insert(0, words.pop().unwrap_or_default().trim_start_matches(','));
    }
    let mut n = vec![String::new(); 5];
    n[3] = prefixes.join(" ");
    n[4] = suffixes.join(" ").trim_end_matches(',').to_string();
    match words.len() {
        0 => {}
        1 => n[1] = words[0].to_string(),
        _ => {
            let mut family_from = words.len() - 1;
            while family_from > 1 && PARTICLES.contains(&bare(words[family_from - 1]).as_str()) {
                family_from -= 1;
            }
            n[0] = words[family_from..].join(" ").trim_end_matches(',').to_string();
            n[1] = words[0].trim_end_matches(',').to_string();
            n[2] = words[1..family_from].join(" ");
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_sensibly() {
        assert_eq!(split("Dana Lee"), ["Lee", "Dana", "", "", ""]);
        assert_eq!(split("Mr. John Q Doe Sr."), ["Doe", "John", "Q", "Mr.", "Sr."]);
        assert_eq!(split("Ludwig van Beethoven"), ["van Beethoven", "Ludwig", "", "", ""]);
        assert_eq!(split("Doe, John"), ["Doe", "John", "", "", ""]);
        assert_eq!(split("Cher"), ["", "Cher", "", "", ""]);
    }

    #[test]
    fn organisations_have_no_surname_and_stored_n_wins() {
        let mut p = Partner::new("apple", "Apple Computer AG");
        p.org = Some("Apple Computer AG".into());
        assert_eq!(n_of(&p), ["", "", "", "", ""]);
        let c = Incoming {
            n: Some(vec![
                "Doe".into(),
                "John".into(),
                "1".into(),
                "Mr.".into(),
                "Sr.".into(),
            ]),
            phone_types: vec![("+1 2".into(), "fax".into())],
            ..Incoming::default()
        };
        let mut p = Partner::new("j", "John Doe");
        p.phones = vec!["+1 2".into()];
        keep(&mut p, &c);
        assert_eq!(n_of(&p), ["Doe", "John", "1", "Mr.", "Sr."]);
        assert_eq!(phone_type(&p, "+1 2"), Some("fax"));
    }
}
