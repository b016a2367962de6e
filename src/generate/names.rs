//! The generator's name tables, from `assets/generate/names.toml`: read
//! once, on the first book generated.

use crate::domain::Kind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A profession: its tag, the roles people in it hold, who they serve, and
/// how their firms are named (`{}` is a last name).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profession {
    pub tag: String,
    pub roles: Vec<String>,
    pub clientele: Vec<String>,
    pub firms: Vec<String>,
}

/// Everything the generator picks from. Every list is picked from by
/// position, so its order is part of what a seed means.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub first: Vec<String>,
    pub last: Vec<String>,
    pub extra_tags: Vec<String>,
    pub causes: Vec<String>,
    pub hobbies: Vec<String>,
    pub practice: Vec<String>,
    pub places: Vec<String>,
    pub conferences: Vec<String>,
    pub date_labels: Vec<String>,
    pub matters: Vec<String>,
    /// Notes for gestures by kind; referrals make their own.
    pub notes: BTreeMap<Kind, Vec<String>>,
    #[serde(rename = "profession")]
    pub professions: Vec<Profession>,
}

const NAMES: &str = include_str!("../../assets/generate/names.toml");

/// The bundled tables. A broken bundled file is a bug in rapport, caught by
/// the test below, so it may panic.
pub fn names() -> &'static Names {
    static PARSED: LazyLock<Names> =
        LazyLock::new(|| toml::from_str(NAMES).expect("assets/generate/names.toml is valid"));
    &PARSED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_tables_parse_and_no_list_is_empty() {
        let n = names();
        let lists = [
            &n.first,
            &n.last,
            &n.extra_tags,
            &n.causes,
            &n.hobbies,
            &n.practice,
            &n.places,
            &n.conferences,
            &n.date_labels,
            &n.matters,
        ];
        assert!(lists.iter().all(|l| !l.is_empty()));
        assert!(!n.professions.is_empty());
        for p in &n.professions {
            assert!(
                !p.roles.is_empty() && !p.clientele.is_empty() && !p.firms.is_empty(),
                "{}",
                p.tag
            );
        }
        for &k in Kind::ALL.iter().filter(|&&k| k != Kind::Referral) {
            assert!(n.notes.get(&k).is_some_and(|v| !v.is_empty()), "no notes for {k}");
        }
    }
}
