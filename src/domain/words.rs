//! Words of free text, folded as search folds them, and the small matching
//! the draft checks and refer-out share: a word matches its other forms
//! ("planner" and "planning"), and a phrase is a run of such words.

use super::text::fold;

/// One word of a text: folded for matching, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercase, accents folded: `muller` for "Müller".
    pub folded: String,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

/// The words of `text`: runs of letters and digits; an apostrophe inside a
/// word keeps it whole ("don't", "O'Neill"). Everything else separates.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let inner_apostrophe =
            (c == '\'' || c == '’') && start.is_some() && chars.get(n + 1).is_some_and(|(_, d)| d.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word {
        folded: fold(&text[start..end]).replace('’', "'"),
        start,
        end,
    }
}

/// True when two folded words are forms of one word: the same, or sharing
/// a long enough start ("planner" and "planning", "therapist" and
/// "therapy", "child" and "children"). A short word must be the whole
/// start of the other, which may add a few letters ("tax", "taxes").
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    if shorter <= 4 {
        common == shorter && la.max(lb) - shorter <= 5
    } else {
        common >= 5.max(shorter.saturating_sub(3))
    }
}

/// Small words that say nothing about a need or a clientele.
pub fn is_filler(w: &str) -> bool {
    const FILLER: &[&str] = &[
        "a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "with", "who", "whose", "their", "them", "they",
        "is", "are", "or", "by", "from", "after", "before", "often", "some", "any", "need", "needs", "needing",
        "someone", "somebody", "client", "clients", "my", "your", "our", "i", "we", "you", "it", "its", "as", "but",
        "into", "through", "mostly",
    ];
    FILLER.contains(&w)
}

/// The words of `text` worth matching on: folded, fillers left out.
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|w| w.folded)
        .filter(|w| !is_filler(w))
        .collect()
}

/// A phrase to look for: words separated by spaces, each matched exactly,
/// or by its start when it ends in `*` ("attach*"); `_` stands for any one
/// word ("refer _ to me").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase(pub &'static str);

impl Phrase {
    /// Where the phrase first occurs in `words`: the range of word indexes.
    pub fn find(&self, words: &[Word]) -> Option<std::ops::Range<usize>> {
        let parts: Vec<&str> = self.0.split_whitespace().collect();
        if parts.is_empty() || parts.len() > words.len() {
            return None;
        }
        (0..=words.len() - parts.len())
            .find(|&at| parts.iter().zip(&words[at..]).all(|(p, w)| part_matches(p, &w.folded)))
            .map(|at| at..at + parts.len())
    }
}

fn part_matches(part: &str, word: &str) -> bool {
    if part == "_" {
        return true;
    }
    match part.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == part,
    }
}

/// The first of `phrases` found in `words`, as the original text it covers.
pub fn first_found(text: &str, words: &[Word], phrases: &[Phrase]) -> Option<String> {
    phrases
        .iter()
        .find_map(|p| p.find(words))
        .map(|r| quote(text, words, r))
}

/// The original text of words `r`.
pub fn quote(text: &str, words: &[Word], r: std::ops::Range<usize>) -> String {
    text[words[r.start].start..words[r.end - 1].end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_keep_their_place() {
        let w = words("Dear Sir/Madam, don't — Müller's");
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["dear", "sir", "madam", "don't", "muller's"]);
        assert_eq!(&"Dear Sir/Madam"[w[1].start..w[1].end], "Sir");
    }

    #[test]
    fn word_forms_match_and_unrelated_words_do_not() {
        for (a, b) in [
            ("planner", "planning"),
            ("estate", "estates"),
            ("therapist", "therapy"),
            ("child", "children"),
            ("tax", "taxes"),
            ("divorce", "divorcing"),
            ("attorney", "attorneys"),
        ] {
            assert!(same_word(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("estate", "state"),
            ("art", "artisanal"),
            ("mediator", "medical"),
            ("family", "fame"),
        ] {
            assert!(!same_word(a, b), "{a} !~ {b}");
        }
    }

    #[test]
    fn phrases_match_runs_of_words_with_stems_and_gaps() {
        let text = "Please see the attached letter; refer them to me.";
        let w = words(text);
        assert_eq!(first_found(text, &w, &[Phrase("attach*")]).as_deref(), Some("attached"));
        assert_eq!(
            first_found(text, &w, &[Phrase("refer _ to me")]).as_deref(),
            Some("refer them to me")
        );
        assert_eq!(first_found(text, &w, &[Phrase("act now")]), None);
    }
}
