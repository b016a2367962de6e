//! Reading rapport's own `export --format json` back in: a restore, or the
//! other machine's data merged into this one.
//!
//! Partners are read through the contacts.toml reader (each JSON contact
//! becomes a `[[contact]]` table), so a restored partner is checked exactly
//! as a hand-edited one is. Everything merges by id: a partner or gesture
//! already here is left as it is, the rest are added; a snooze is added or
//! moved to the later date.

use super::FormatError;
use crate::domain::text::slug;
use crate::domain::{Book, Gesture, Partner};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// What a backup holds.
#[derive(Debug, Default)]
pub struct Backup {
    pub partners: Vec<Partner>,
    pub gestures: Vec<Gesture>,
    pub snoozes: BTreeMap<String, NaiveDate>,
}

/// What merging a backup did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Restored {
    pub partners_added: Vec<String>,
    pub partners_kept: usize,
    pub gestures_added: usize,
    pub gestures_kept: usize,
    /// Gestures whose id is here already for a different gesture: this
    /// book's is kept, the export's left out.
    pub gestures_differing: Vec<String>,
    pub snoozes_set: usize,
}

/// True when the bytes look like JSON (an object or a list).
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let t = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    matches!(t.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'['))
}

/// Reads a backup, or says why it is not one.
pub fn parse(bytes: &[u8]) -> Result<Backup, FormatError> {
    let bad = |m: String| FormatError::new(None, m);
    let t = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let v: Value = serde_json::from_slice(t).map_err(|e| bad(format!("this JSON file does not parse ({e})")))?;
    if v.get("format").and_then(Value::as_str) != Some("rapport-export") {
        return Err(bad(
            "this is a JSON file but not rapport's own export (`rapport export --format json`); contacts are imported from vCard or CSV"
                .into(),
        ));
    }
    let ours = crate::store::contacts::SCHEMA_VERSION;
    let schema = v.get("schema_version").and_then(Value::as_i64).unwrap_or(ours);
    if schema > ours {
        return Err(bad(format!(
            "this export is of schema version {schema}, newer than this rapport's {ours}; update rapport to read it"
        )));
    }
    let mut contacts = Vec::new();
    for c in v.get("contacts").and_then(Value::as_array).into_iter().flatten() {
        let mut c = c.clone();
        // contacts.toml keeps extra keys beside the others.
        if let Some(Value::Object(extra)) = c.as_object_mut().and_then(|o| o.remove("extra"))
            && let Some(o) = c.as_object_mut()
        {
            for (k, x) in extra {
                o.entry(k).or_insert(x);
            }
        }
        let t = toml::Value::try_from(&c).map_err(|e| bad(format!("a contact could not be read ({e})")))?;
        contacts.push(t);
    }
    let mut doc = toml::Table::new();
    doc.insert("schema_version".into(), toml::Value::Integer(ours));
    doc.insert("contact".into(), toml::Value::Array(contacts));
    let text = toml::to_string(&doc).map_err(|e| bad(format!("the contacts could not be read ({e})")))?;
    let file = crate::store::contacts::parse(&text).map_err(|problems| {
        let first = problems.first().map_or_else(String::new, |p| p.message.clone());
        bad(format!("a contact in it is not valid: {first}"))
    })?;
    // Each gesture is read as a line of gestures.jsonl is.
    let mut gestures = Vec::new();
    for g in v.get("gestures").and_then(Value::as_array).into_iter().flatten() {
        let line = serde_json::to_string(g).unwrap_or_default();
        let g = crate::store::log::parse_line(&line)
            .map_err(|(_, m)| bad(format!("a gesture in it could not be read ({m})")))?;
        gestures.push(g);
    }
    let snoozes: BTreeMap<String, NaiveDate> = match v.get("snoozes") {
        Some(s) => {
            serde_json::from_value(s.clone()).map_err(|e| bad(format!("its snoozes could not be read ({e})")))?
        }
        None => BTreeMap::new(),
    };
    check_ids(&file.partners, &gestures, &snoozes).map_err(bad)?;
    Ok(Backup {
        partners: file.partners,
        gestures,
        snoozes,
    })
}

/// An id as rapport makes them: what [`slug`] gives back unchanged.
fn is_id(s: &str) -> bool {
    !s.is_empty() && slug(s) == s
}

/// At most this many characters of an outside id in a sentence.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(60).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}

/// Ids and keys as `add`, `log` and `snooze` would make them, and no
/// gesture id used twice for two different gestures.
fn check_ids(partners: &[Partner], gestures: &[Gesture], snoozes: &BTreeMap<String, NaiveDate>) -> Result<(), String> {
    let not_id = |what: &str, id: &str| {
        format!(
            "{what} '{}' is not an id rapport makes (lowercase letters, digits and single dashes, at most {} characters)",
            shown(id),
            crate::domain::text::MAX_ID
        )
    };
    for p in partners {
        if !is_id(&p.id) {
            return Err(not_id("the partner id", &p.id));
        }
        if let Some(a) = p.aliases.iter().find(|a| !is_id(a)) {
            return Err(not_id(&format!("{}'s alias", p.id), a));
        }
    }
    let mut seen: std::collections::HashMap<&str, &Gesture> = std::collections::HashMap::new();
    for g in gestures {
        if !is_id(&g.contact) {
            return Err(not_id("a gesture's partner", &g.contact));
        }
        let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if g.id.is_empty() || g.id.len() > 64 || !g.id.chars().all(fits) {
            return Err(format!("the gesture id '{}' is not one rapport makes", shown(&g.id)));
        }
        if let Some(other) = seen.insert(&g.id, g)
            && other != g
        {
            return Err(format!(
                "two different gestures in it share the id {}: they are in conflict, so neither is taken",
                g.id
            ));
        }
    }
    for key in snoozes.keys() {
        let mut parts = key.split(':');
        let kind = parts.next().unwrap_or_default();
        let id = parts.next().unwrap_or_default();
        let ok = key.len() <= 128
            && !kind.is_empty()
            && kind.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && is_id(id)
            && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        if !ok {
            return Err(format!(
                "the snooze key '{}' is not a queue item's key (KIND:PARTNER or KIND:PARTNER:GESTURE)",
                shown(key)
            ));
        }
    }
    Ok(())
}

/// Merges a backup into the book and the snoozes, by id.
pub fn merge(book: &mut Book, snoozed: &mut BTreeMap<String, NaiveDate>, backup: Backup) -> Restored {
    let mut r = Restored::default();
    for p in backup.partners {
        if book.position(&p.id).is_some() {
            r.partners_kept += 1;
        } else {
            r.partners_added.push(p.id.clone());
            book.insert(p);
        }
    }
    let mut have: HashSet<String> = book.gestures.iter().map(|g| g.id.clone()).collect();
    let here: std::collections::HashMap<String, Gesture> =
        book.gestures.iter().map(|g| (g.id.clone(), g.clone())).collect();
    for g in backup.gestures {
        if have.contains(&g.id) {
            r.gestures_kept += 1;
            if here.get(&g.id).is_some_and(|h| *h != g) {
                r.gestures_differing.push(g.id.clone());
            }
        } else {
            have.insert(g.id.clone());
            book.gestures.push(g);
            r.gestures_added += 1;
        }
    }
    for (k, d) in backup.snoozes {
        match snoozed.get(&k) {
            Some(old) if *old >= d => {}
            _ => {
                snoozed.insert(k, d);
                r.snoozes_set += 1;
            }
        }
    }
    r
}
