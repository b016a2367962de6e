//! Fuzzy search over partners, and the one resolver that turns what a user
//! typed (an id or a few letters) into a partner, for the CLI and the TUI.
//!
//! Both sides are accent-folded before matching: the skim matcher does not
//! fold, so `muller` would otherwise miss "Müller". Notes are searched
//! too, and a word one letter off (`priay`) or spelled without its umlaut
//! (`mueller`) still finds the partner.

mod forgiving;

pub use forgiving::{Excerpt, excerpt};

use super::partner::Partner;
use super::text::{fold, fold_into, fold_with_map};
use chrono::NaiveDate;
use forgiving::near;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

/// Name matches outrank matches on the other fields by this much.
const NAME_BONUS: i64 = 20;

/// A searchable field other than the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Org,
    Role,
    Tags,
    Clientele,
    Notes,
    /// The e-mail addresses (`dlee@` finds Dana).
    Email,
    /// The phone numbers, as written.
    Phone,
}

impl Field {
    /// How a hit names the field it matched in.
    pub fn label(self) -> &'static str {
        match self {
            Field::Org => "org",
            Field::Role => "role",
            Field::Tags => "tags",
            Field::Clientele => "clientele",
            Field::Notes => "notes",
            Field::Email => "e-mail",
            Field::Phone => "phone",
        }
    }

    /// The field's text in a partner (tags joined by commas).
    pub fn text(self, p: &Partner) -> Option<String> {
        match self {
            Field::Org => p.org.clone(),
            Field::Role => p.role.clone(),
            Field::Tags => (!p.tags.is_empty()).then(|| p.tags.join(", ")),
            Field::Clientele => p.clientele.clone(),
            Field::Notes => p.notes.clone(),
            Field::Email => (!p.emails.is_empty()).then(|| p.emails.join(", ")),
            Field::Phone => (!p.phones.is_empty()).then(|| p.phones.join(", ")),
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the partner slice the index was built from.
    pub index: usize,
    pub score: i64,
    /// Char positions in the partner's (unfolded) name that matched.
    pub name_chars: Vec<usize>,
    /// The field other than the name a word of the query matched in, if
    /// one did: the list shows an excerpt of it.
    pub field: Option<Field>,
}

/// One partner's searchable fields, folded (serde, so the cache can keep
/// them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    /// For each char of `name`, the index of the char of the partner's name
    /// it came from; empty when they are the same (an ASCII name).
    pub name_map: Vec<usize>,
    /// Org, role, tags, clientele and notes, folded, those the partner has.
    pub fields: Vec<(Field, String)>,
    pub archived: bool,
    /// The ids of partners merged into this one.
    pub aliases: Vec<String>,
}

impl Entry {
    fn new(p: &Partner) -> Entry {
        let (name, name_map) = if p.name.is_ascii() {
            (p.name.to_ascii_lowercase(), Vec::new())
        } else {
            fold_with_map(&p.name)
        };
        let mut fields = Vec::new();
        for f in [
            Field::Org,
            Field::Role,
            Field::Tags,
            Field::Clientele,
            Field::Notes,
            Field::Email,
            Field::Phone,
        ] {
            if let Some(text) = f.text(p).filter(|t| !t.trim().is_empty()) {
                // Addresses and numbers are matched as typed, lower-cased:
                // folding them buys nothing.
                if matches!(f, Field::Email | Field::Phone) && text.is_ascii() {
                    fields.push((f, text.to_ascii_lowercase()));
                    continue;
                }
                let mut folded = String::with_capacity(text.len());
                fold_into(&text, &mut folded);
                fields.push((f, folded));
            }
        }
        Entry {
            name,
            name_map,
            fields,
            archived: p.archived,
            aliases: p.aliases.clone(),
        }
    }

    /// The char of the partner's name that char `c` of `name` came from.
    fn original_char(&self, c: usize) -> Option<usize> {
        if self.name_map.is_empty() {
            (c < self.name.len()).then_some(c)
        } else {
            self.name_map.get(c).copied()
        }
    }

    /// The fields other than the name, joined, for the fuzzy matcher:
    /// scattered letters in an address or a number find no one.
    fn rest(&self) -> String {
        let parts: Vec<&str> = (self.fields.iter())
            .filter(|(f, _)| !matches!(f, Field::Email | Field::Phone))
            .map(|(_, t)| t.as_str())
            .collect();
        parts.join("  ")
    }
}

/// Folded copies of the searchable fields, built once per book.
pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    /// An index of these partners, in their order.
    pub fn new(partners: &[Partner]) -> Self {
        SearchIndex::from_entries(partners.iter().map(Entry::new).collect())
    }

    /// An index of entries made earlier by [`SearchIndex::new`] (kept in the
    /// cache), one per partner in the same order.
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        SearchIndex {
            entries,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The entries, one per partner in the order given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Matches for `query` among partners not archived, best first; ties
    /// go to the most recent touch (`last_touch[i]` for partner i).
    ///
    /// Three tiers, the first with any hit deciding: partners whose fields
    /// contain every word of the query (name matches and word starts
    /// ranked highest); then those where every word nearly matches a word
    /// (one letter off or two swapped, `mueller` for Müller); then the
    /// fuzzy matcher's scattered letters. So a typo still finds the person
    /// while a good query is not buried in noise.
    pub fn search(&self, query: &str, last_touch: &[Option<NaiveDate>]) -> Vec<Hit> {
        let q = fold(query.trim());
        let words: Vec<&str> = q.split_whitespace().collect();
        let active = || self.entries.iter().enumerate().filter(|(_, e)| !e.archived);
        let mut hits: Vec<Hit> = if words.is_empty() {
            active()
                .map(|(index, _)| Hit {
                    index,
                    score: 0,
                    name_chars: Vec::new(),
                    field: None,
                })
                .collect()
        } else {
            active()
                .filter_map(|(index, e)| contains_all(index, e, &words))
                .collect()
        };
        if hits.is_empty() && !words.is_empty() {
            hits = active().filter_map(|(index, e)| nearly_all(index, e, &words)).collect();
        }
        if hits.is_empty() && !words.is_empty() {
            hits = active().filter_map(|(index, e)| self.fuzzy(index, e, &q)).collect();
            // Scattered letters far behind the best match are noise; keep
            // what is at least half as good.
            if let Some(best) = hits.iter().map(|h| h.score).max().filter(|&b| b > 0) {
                hits.retain(|h| h.score * 2 >= best);
            }
        }
        let touch = |i: usize| last_touch.get(i).copied().flatten();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| touch(b.index).cmp(&touch(a.index)))
                .then(a.index.cmp(&b.index))
        });
        hits
    }

    fn fuzzy(&self, index: usize, e: &Entry, q: &str) -> Option<Hit> {
        let name = self.matcher.fuzzy_indices(&e.name, q);
        let rest = if e.fields.is_empty() {
            None
        } else {
            self.matcher.fuzzy_match(&e.rest(), q)
        };
        match (name, rest) {
            (Some((s, idx)), r) if r.is_none_or(|r| s + NAME_BONUS >= r) => {
                let mut chars: Vec<usize> = idx.iter().filter_map(|&i| e.original_char(i)).collect();
                chars.dedup();
                Some(Hit {
                    index,
                    score: s + NAME_BONUS,
                    name_chars: chars,
                    field: None,
                })
            }
            (_, Some(s)) => Some(Hit {
                index,
                score: s,
                name_chars: Vec::new(),
                field: None,
            }),
            _ => None,
        }
    }
}

/// True if `word` starts a word of `hay` at byte `at`.
fn starts_word(hay: &str, at: usize) -> bool {
    hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// The best place `word` occurs in `hay`: a word start if there is one.
fn find_word(hay: &str, word: &str) -> Option<(usize, bool)> {
    let mut first = None;
    for (at, _) in hay.match_indices(word) {
        if starts_word(hay, at) {
            return Some((at, true));
        }
        first.get_or_insert((at, false));
    }
    first
}

/// The chars of the partner's name behind bytes `from..to` of `e.name`.
fn name_chars(e: &Entry, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    // name_map is indexed by char, not byte.
    let a = e.name[..from].chars().count();
    let b = e.name[..to].chars().count();
    (a..b).filter_map(|c| e.original_char(c))
}

/// A hit if every word is in the name or another field.
fn contains_all(index: usize, e: &Entry, words: &[&str]) -> Option<Hit> {
    let mut score = 0;
    let mut chars = Vec::new();
    let mut field = None;
    for w in words {
        if let Some((at, start)) = find_word(&e.name, w) {
            score += if start { 100 } else { 40 };
            if at == 0 {
                score += 20;
            }
            chars.extend(name_chars(e, at, at + w.len()));
        } else if let Some((f, start)) = e
            .fields
            .iter()
            .find_map(|(f, text)| find_word(text, w).map(|(_, start)| (*f, start)))
        {
            score += if start { 20 } else { 5 };
            field.get_or_insert(f);
        } else {
            return None;
        }
    }
    chars.sort_unstable();
    chars.dedup();
    Some(Hit {
        index,
        score,
        name_chars: chars,
        field,
    })
}

/// A hit if every word nearly matches a word of the name or another field.
fn nearly_all(index: usize, e: &Entry, words: &[&str]) -> Option<Hit> {
    let mut score = 0;
    let mut chars = Vec::new();
    let mut field = None;
    for q in words {
        if let Some((s, t)) = forgiving::words(&e.name).find(|&(s, t)| near(q, &e.name[s..t])) {
            score += if s == 0 { 80 } else { 60 };
            // A slip is rarer in the first letter than after it: `hana`
            // is Hannah before Dana.
            if q.chars().next() == e.name[s..t].chars().next() {
                score += 5;
            }
            chars.extend(name_chars(e, s, t));
        } else if let Some(f) = e
            .fields
            .iter()
            .find(|(_, text)| forgiving::words(text).any(|(s, t)| near(q, &text[s..t])))
            .map(|(f, _)| *f)
        {
            score += 10;
            field.get_or_insert(f);
        } else {
            return None;
        }
    }
    chars.sort_unstable();
    chars.dedup();
    Some(Hit {
        index,
        score,
        name_chars: chars,
        field,
    })
}

/// What a WHO argument turned into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    One(usize),
    /// Several partners fit equally well; the user must say which.
    Many(Vec<usize>),
    None,
}

/// Turns WHO into a partner: an exact id (archived ones too), then an exact
/// name, then names whose words start with the query's words, then a
/// substring of any searchable field, then a fuzzy match. The first tier
/// with any match decides; more than one match there is ambiguous.
pub fn resolve(partners: &[Partner], index: &SearchIndex, who: &str, last_touch: &[Option<NaiveDate>]) -> Resolution {
    resolve_by(|id| partners.iter().position(|p| p.id == id), index, who, last_touch)
}

/// [`resolve`], with `position` finding a partner by exact id.
pub fn resolve_by(
    position: impl Fn(&str) -> Option<usize>,
    index: &SearchIndex,
    who: &str,
    last_touch: &[Option<NaiveDate>],
) -> Resolution {
    let who = who.trim();
    if who.is_empty() {
        return Resolution::None;
    }
    if let Some(i) = position(who) {
        return Resolution::One(i);
    }
    let q = fold(who);
    let words: Vec<&str> = q.split_whitespace().collect();
    let active = || index.entries.iter().enumerate().filter(|(_, e)| !e.archived);

    let tiers: [&dyn Fn(&Entry) -> bool; 3] = [
        &|e: &Entry| e.name == q,
        &|e: &Entry| {
            words
                .iter()
                .all(|w| e.name.split(|c: char| !c.is_alphanumeric()).any(|nw| nw.starts_with(w)))
        },
        // Notes are searched, but a WHO is not resolved through them.
        &|e: &Entry| e.name.contains(&q) || e.fields.iter().any(|(f, t)| *f != Field::Notes && t.contains(&q)),
    ];
    for tier in tiers {
        let found: Vec<usize> = active().filter(|(_, e)| tier(e)).map(|(i, _)| i).collect();
        match found.len() {
            0 => continue,
            1 => return Resolution::One(found[0]),
            _ => return Resolution::Many(found),
        }
    }
    let hits = index.search(who, last_touch);
    match hits.len() {
        0 => Resolution::None,
        1 => Resolution::One(hits[0].index),
        _ => Resolution::Many(hits.into_iter().take(10).map(|h| h.index).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Vec<Partner> {
        let mut a = Partner::new("jonas-muller", "Jonas Müller");
        a.org = Some("Müller Steuerberatung".into());
        let mut b = Partner::new("dana-lee", "Dana Lee");
        b.tags = vec!["attorney".into()];
        let c = Partner::new("andrea-ng", "Andrea Ng");
        let d = Partner::new("angela-ruiz", "Angela Ruiz");
        let mut e = Partner::new("old-friend", "Dana Old");
        e.archived = true;
        vec![a, b, c, d, e]
    }

    #[test]
    fn a_slip_after_the_first_letter_ranks_first_and_addresses_are_searched() {
        let mut dana = Partner::new("dana-lee", "Dana Lee");
        dana.emails = vec!["dlee@leefamilylaw.com".into()];
        dana.phones = vec!["+1 555 0100".into()];
        let hannah = Partner::new("hannah-weiss", "Hannah Weiss");
        let b = vec![dana, hannah];
        let idx = SearchIndex::new(&b);
        // Dana was touched more recently: the tie-break would favour her.
        let touched = [Some(NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()), None];
        let hits = idx.search("hana", &touched);
        assert_eq!(hits[0].index, 1, "{hits:?}");
        let by_mail = idx.search("dlee@", &touched);
        assert_eq!(by_mail.len(), 1);
        assert_eq!((by_mail[0].index, by_mail[0].field), (0, Some(Field::Email)));
        assert_eq!(idx.search("555 0100", &touched)[0].field, Some(Field::Phone));
    }

    #[test]
    fn accent_insensitive_search() {
        let b = book();
        let idx = SearchIndex::new(&b);
        let hits = idx.search("muller", &[None; 5]);
        assert_eq!(hits[0].index, 0);
        assert_eq!(hits[0].name_chars, vec![6, 7, 8, 9, 10, 11]);
    }

    #[test]
    fn containing_every_word_beats_scattered_letters() {
        let mut a = Partner::new("dana-lee", "Dana Lee");
        a.org = Some("Lee Family Law".into());
        let mut b = Partner::new("chloe-martin", "Chloé Martin");
        b.role = Some("Certified divorce financial analyst".into());
        let c = Partner::new("wang", "王伟 Lee");
        let b = vec![a, b, c];
        let idx = SearchIndex::new(&b);
        let none = [None; 3];
        let got = |q: &str| idx.search(q, &none).iter().map(|h| h.index).collect::<Vec<_>>();
        assert_eq!(got("dana"), vec![0], "no scattered d-a-n-a in a job title");
        assert_eq!(got("fam law"), vec![0]);
        assert_eq!(got("analyst"), vec![1]);
        assert_eq!(got("dna").first(), Some(&0), "a missed letter falls back to fuzzy");
        let lee = idx.search("lee", &none);
        assert_eq!(lee.iter().find(|h| h.index == 2).unwrap().name_chars, vec![3, 4, 5]);
    }

    #[test]
    fn notes_typos_and_transliterations_find_the_partner_and_say_where() {
        let mut priya = Partner::new("priya-shah", "Priya Shah");
        priya.notes = Some("Vegetarian; two kids".into());
        let mut jonas = Partner::new("jonas-muller", "Jonas Müller");
        jonas.org = Some("Müller Steuerberatung".into());
        let mut ase = Partner::new("ase-berg", "Åse Berg");
        ase.role = Some("Psychologist".into());
        let b = vec![priya, jonas, ase, Partner::new("pria-n", "Pablo Rios")];
        let idx = SearchIndex::new(&b);
        let none = [None; 4];
        let veg = idx.search("vegetarian", &none);
        assert_eq!(veg.len(), 1);
        assert_eq!((veg[0].index, veg[0].field), (0, Some(Field::Notes)));
        let priay = idx.search("priay", &none);
        assert_eq!(priay[0].index, 0, "{priay:?}");
        assert_eq!(priay[0].name_chars, vec![0, 1, 2, 3, 4]);
        assert_eq!(idx.search("mueller", &none)[0].index, 1);
        assert_eq!(idx.search("aase", &none)[0].index, 2);
        assert_eq!(idx.search("psychologst", &none)[0].field, Some(Field::Role));
        assert_eq!(
            resolve(&b, &idx, "vegetarian", &none),
            Resolution::One(0),
            "found through the search, as the last tier"
        );
    }

    #[test]
    fn ties_go_to_most_recent_touch() {
        let b = vec![Partner::new("a", "Sam Cho"), Partner::new("b", "Sam Cho")];
        let idx = SearchIndex::new(&b);
        let touch = [NaiveDate::from_ymd_opt(2026, 1, 1), NaiveDate::from_ymd_opt(2026, 5, 1)];
        let hits = idx.search("sam", &touch);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![1, 0]);
    }

    #[test]
    fn resolves_by_id_prefix_and_reports_ambiguity() {
        let b = book();
        let idx = SearchIndex::new(&b);
        let none = [None; 5];
        assert_eq!(resolve(&b, &idx, "dana-lee", &none), Resolution::One(1));
        assert_eq!(
            resolve(&b, &idx, "dana", &none),
            Resolution::One(1),
            "archived Dana Old is not a candidate"
        );
        assert_eq!(
            resolve(&b, &idx, "old-friend", &none),
            Resolution::One(4),
            "exact id reaches archived"
        );
        assert_eq!(resolve(&b, &idx, "an", &none), Resolution::Many(vec![2, 3]));
        assert_eq!(resolve(&b, &idx, "attorney", &none), Resolution::One(1));
        assert_eq!(resolve(&b, &idx, "zzzz", &none), Resolution::None);
    }
}
