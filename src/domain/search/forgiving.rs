//! Matching that forgives: a word with one letter missing, extra, wrong or
//! two letters swapped (`priay` finds Priya), German and Nordic spellings
//! without their letters (`mueller` finds Müller, `aase` finds Åse), and
//! the excerpt of a field that shows a person where their words matched.

use super::super::text::fold;

/// Words shorter than this must match exactly: `al` one letter from
/// everything would find everyone.
const MIN_FORGIVEN: usize = 4;

/// `s` (already folded) with the common transliterations made one:
/// `ue`, `oe`, `ae`, `aa` and `ss` become `u`, `o`, `a`, `a` and `s`, so a
/// name typed without its ü, ö, ä, å or ß still meets the folded one.
pub fn translit(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let pair = b.get(i..i + 2);
        let one = match pair {
            Some(b"ue") => Some('u'),
            Some(b"oe") => Some('o'),
            Some(b"ae" | b"aa") => Some('a'),
            Some(b"ss") => Some('s'),
            _ => None,
        };
        match one {
            Some(c) => {
                out.push(c);
                i += 2;
            }
            None => {
                // Folded text is mostly ASCII; keep any other char whole.
                let c = s[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// True if the strings are at most one edit apart, counting a swap of two
/// neighbouring letters as one edit (optimal string alignment distance).
pub fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    // Full table: the words are short.
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m] <= 1
}

/// True if the query word `q` nearly matches the field word `w` (both
/// folded): the same once transliterated, or, for words of four letters or
/// more, one edit from the word or from its start (so a word still being
/// typed matches too).
pub fn near(q: &str, w: &str) -> bool {
    let (tq, tw) = (translit(q), translit(w));
    if tw.starts_with(&tq) {
        return true;
    }
    if q.chars().count() < MIN_FORGIVEN {
        return false;
    }
    if one_edit(&tq, &tw) {
        return true;
    }
    // The start of a longer word, one edit off: `vegitar` in vegetarian.
    let n = tq.chars().count();
    [n, n + 1].into_iter().any(|k| {
        let start: String = tw.chars().take(k).collect();
        start.chars().count() == k && k < tw.chars().count() && one_edit(&tq, &start)
    })
}

/// The words of `s` as (start, end) byte ranges: runs of letters and digits.
pub fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = None;
    s.char_indices()
        .chain(std::iter::once((s.len(), ' ')))
        .filter_map(move |(i, c)| {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                None
            } else {
                start.take().map(|st| (st, i))
            }
        })
}

/// A piece of a field around where the query matched, for a search hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// At most the width asked for, with `…` where it was cut.
    pub text: String,
    /// Char positions in `text` that matched.
    pub marked: Vec<usize>,
}

/// The part of `text` around the first word that any word of `query`
/// matches (contained, or nearly), at most `width` chars; `None` if no word
/// matches.
pub fn excerpt(text: &str, query: &str, width: usize) -> Option<Excerpt> {
    let q = fold(query);
    let qwords: Vec<&str> = q.split_whitespace().collect();
    let (start, end) = words(text).find(|&(s, e)| {
        let w = fold(&text[s..e]);
        qwords.iter().any(|q| w.contains(q) || near(q, &w))
    })?;
    let chars: Vec<char> = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let (cs, ce) = (text[..start].chars().count(), text[..end].chars().count());
    let width = width.max(8);
    // Some context before the word, as much as fits after it.
    let from = cs.saturating_sub(width.saturating_sub(ce - cs) / 3);
    let to = (from + width).min(chars.len());
    let from = to.saturating_sub(width).min(from);
    let mut out = String::new();
    let mut marked = Vec::new();
    let lead = from > 0;
    if lead {
        out.push('…');
    }
    let body_from = from + usize::from(lead);
    let body_to = if to < chars.len() { to - 1 } else { to };
    for (i, &c) in chars.iter().enumerate().take(body_to).skip(body_from) {
        if (cs..ce).contains(&i) {
            marked.push(out.chars().count());
        }
        out.push(c);
    }
    if to < chars.len() {
        out.push('…');
    }
    Some(Excerpt { text: out, marked })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_counts_a_swap_as_one() {
        assert!(one_edit("priay", "priya"));
        assert!(one_edit("pria", "priya"));
        assert!(one_edit("priyaa", "priya"));
        assert!(one_edit("prxya", "priya"));
        assert!(!one_edit("pyira", "priya"));
        assert!(!one_edit("pr", "priya"));
    }

    #[test]
    fn near_forgives_typos_and_transliterations_but_not_short_words() {
        assert!(near("mueller", "muller"));
        assert!(near("aase", "ase"));
        assert!(near("strasse", "strase"));
        assert!(near("priay", "priya"));
        assert!(near("vegitar", "vegetarian"));
        assert!(near("ved", "vedic"), "a start is always a match");
        assert!(!near("dan", "don"), "three letters must be exact");
        assert!(!near("priay", "pretty"));
    }

    #[test]
    fn excerpt_shows_the_matched_word_in_its_context() {
        let e = excerpt("Spouse Sam; vegetarian; supports the food bank", "vegetarian", 30).unwrap();
        assert!(e.text.contains("vegetarian"), "{e:?}");
        assert!(e.text.chars().count() <= 30, "{e:?}");
        let marked: String = e.marked.iter().map(|&i| e.text.chars().nth(i).unwrap()).collect();
        assert_eq!(marked, "vegetarian");
        assert!(excerpt("Spouse Sam", "vegetarian", 30).is_none());
        let long = excerpt(&"word ".repeat(40), "word", 20).unwrap();
        assert!(long.text.ends_with('…') && long.text.chars().count() <= 20, "{long:?}");
    }
}
