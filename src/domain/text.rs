//! Text helpers shared by search, ids and display: accent folding, slugs
//! and how long ago a day was.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds one character for matching: lowercase, accents removed, and a few
/// letters that do not decompose (ß, ø, ł, æ …) spelled out in ASCII.
/// Pushes the folded form onto `out` (it may be empty or several chars).
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let special = match c {
        'ß' | 'ẞ' => Some("ss"),
        'ø' | 'Ø' => Some("o"),
        'ł' | 'Ł' => Some("l"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'đ' | 'Đ' | 'ð' | 'Ð' => Some("d"),
        'þ' | 'Þ' => Some("th"),
        'ı' => Some("i"),
        _ => None,
    };
    if let Some(s) = special {
        out.push_str(s);
        return;
    }
    for d in std::iter::once(c).nfd() {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    }
}

/// Folds a whole string: `"Jonas Müller"` becomes `"jonas muller"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Folds `s` onto the end of `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold_char_into(c, out);
    }
}

/// Folds a string and records, for every folded char, the index of the
/// original char it came from, so matches can be highlighted in the original.
pub fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut buf = String::new();
    for (i, c) in s.chars().enumerate() {
        buf.clear();
        fold_char_into(c, &mut buf);
        for f in buf.chars() {
            out.push(f);
            map.push(i);
        }
    }
    (out, map)
}

/// The id a name would get before uniqueness is enforced: lowercase,
/// accents folded, runs of anything but letters and digits turned into one
/// `-`. Letters without an ASCII form (CJK, Cyrillic …) are kept.
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("partner");
    }
    out
}

/// A slug of `name` that is not in `taken`: `dana-lee`, then `dana-lee-2` …
pub fn unique_slug(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(name);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .expect("an unbounded range always yields a free slug")
}

/// "today", "yesterday", "3 days ago" from a count of days ("in 2 days"
/// when it is still to come).
pub fn ago_days(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "yesterday".into(),
        n if n < 0 => format!("in {} days", -n),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_special_letters() {
        assert_eq!(fold("Jonas Müller"), "jonas muller");
        assert_eq!(fold("Straße Øre Łódź"), "strasse ore lodz");
        assert_eq!(fold("ÉLODIE"), "elodie");
    }

    #[test]
    fn fold_map_points_back_to_original_chars() {
        let (f, map) = fold_with_map("aß");
        assert_eq!(f, "ass");
        assert_eq!(map, vec![0, 1, 1]);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Dana Lee"), "dana-lee");
        assert_eq!(slug("  José  María-O'Neil "), "jose-maria-o-neil");
        assert_eq!(slug("王伟"), "王伟");
        assert_eq!(slug("!!!"), "partner");
        let taken = ["dana-lee", "dana-lee-2"];
        assert_eq!(unique_slug("Dana Lee", |s| taken.contains(&s)), "dana-lee-3");
    }

    #[test]
    fn days_ago_in_words() {
        assert_eq!(ago_days(0), "today");
        assert_eq!(ago_days(1), "yesterday");
        assert_eq!(ago_days(3), "3 days ago");
        assert_eq!(ago_days(-2), "in 2 days");
    }
}
