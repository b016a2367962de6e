//! Text helpers shared by search, ids and display: accent folding, slugs,
//! text made safe for a terminal, and how long ago a day was.

use std::borrow::Cow;
use std::fmt::Write as _;
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

/// The longest id, in characters: short enough for a file name (a vdir
/// export writes `<id>.vcf`) and to read in a list.
pub const MAX_ID: usize = 48;

/// The id a name would get before uniqueness is enforced: lowercase,
/// accents folded, runs of anything but letters and digits turned into one
/// `-`. Letters without an ASCII form (CJK, Cyrillic …) are kept. At most
/// [`MAX_ID`] characters, cut after a whole word where there is one.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    let mut len = 0;
    let mut folded = String::new();
    'name: for c in name.chars() {
        folded.clear();
        fold_char_into(c, &mut folded);
        for c in folded.chars() {
            if c.is_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                    len += 1;
                }
                dash = false;
                out.push(c);
                len += 1;
                // One past the limit tells whether the cut falls between words.
                if len > MAX_ID {
                    break 'name;
                }
            } else {
                dash = true;
            }
        }
    }
    if out.is_empty() {
        out.push_str("partner");
    }
    cut(&out, MAX_ID).to_string()
}

/// `slug` cut to at most `max` characters: after its last whole word that
/// fits, or mid-word when the first word alone is longer.
fn cut(slug: &str, max: usize) -> &str {
    let Some((end, _)) = slug.char_indices().nth(max) else {
        return slug;
    };
    if slug[end..].starts_with('-') {
        return &slug[..end];
    }
    match slug[..end].rfind('-') {
        Some(dash) if dash > 0 => &slug[..dash],
        _ => &slug[..end],
    }
}

/// A slug of `name` that is not in `taken`: `dana-lee`, then `dana-lee-2` …
/// The number's suffix fits within [`MAX_ID`] too, the name giving way.
pub fn unique_slug(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(name);
    if !taken(&base) {
        return base;
    }
    (2u64..)
        .map(|n| {
            let suffix = format!("-{n}");
            format!("{}{suffix}", cut(&base, MAX_ID - suffix.len()))
        })
        .find(|s| !taken(s))
        .expect("an unbounded range always yields a free slug")
}

/// True for a char a terminal must not receive from stored text, other
/// than a line feed or a tab: the C0 controls, DEL and the C1 controls (ESC
/// starts the sequences that move the cursor, retitle the window or write
/// the clipboard; U+009B is a CSI on its own), the bidirectional
/// embeddings, overrides, isolates and marks (they reorder what is shown
/// around them), and the Unicode line and paragraph separators.
pub fn is_terminal_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Stored text made safe to print on one line of a terminal: every
/// [control](is_terminal_control), and line feeds and tabs too, is shown as
/// a visible escape like `\u{1b}`; everything else (accents, CJK, emoji) is
/// unchanged, and text with nothing to escape is returned as it is, without
/// a copy. For output meant for a person only: `--json` and the files keep
/// the text as stored. Text of several lines (notes) is split into its
/// lines first, and each line made safe.
pub fn safe(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| c == '\n' || c == '\t' || is_terminal_control(c);
    let Some(first) = s.find(escaped) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text made fit for a file another program reads (a draft written with
/// `-o`, a clipboard payload): tabs and line feeds stay, a carriage return
/// goes, and every other [control](is_terminal_control), bidi override
/// included, becomes U+FFFD, so the place of what was dropped still shows.
pub fn clean_for_file(s: &str) -> Cow<'_, str> {
    let bad = |c: char| c == '\r' || is_terminal_control(c);
    if !s.contains(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| c != '\r')
            .map(|c| if is_terminal_control(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// "1 partner", "34 partners": a count and its noun, singular for one.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
    fn slugs_are_at_most_48_chars_cut_between_words() {
        let long = "Bartholomew ".repeat(20);
        let id = slug(&long);
        assert_eq!(id, "bartholomew-bartholomew-bartholomew-bartholomew");
        assert_eq!(slug(&"x".repeat(100)), "x".repeat(48));
        // A word ending exactly at the limit is kept whole.
        let exact = format!("{} {}", "a".repeat(23), "b".repeat(24));
        assert_eq!(slug(&exact).chars().count(), 48);
        assert_eq!(slug(&format!("{exact} c")), slug(&exact));
        assert_eq!(slug(&"王".repeat(60)).chars().count(), 48);
        let taken = |s: &str| s == id || s.ends_with("-2");
        let next = unique_slug(&long, taken);
        assert_eq!(next, "bartholomew-bartholomew-bartholomew-3");
        let n = unique_slug(&"x".repeat(100), |s| s == "x".repeat(48));
        assert_eq!(n, format!("{}-2", "x".repeat(46)));
    }

    #[test]
    fn safe_escapes_controls_and_bidi_and_nothing_else() {
        assert!(matches!(safe("Zoë 王伟 👋🏽 a-b\\c"), Cow::Borrowed(_)));
        assert_eq!(
            safe("Osc52 \u{1b}]52;c;SGVsbG8=\u{7} Clip"),
            "Osc52 \\u{1b}]52;c;SGVsbG8=\\u{7} Clip"
        );
        assert_eq!(safe("a\u{9b}31m\u{7f}"), "a\\u{9b}31m\\u{7f}");
        assert_eq!(safe("\u{202e}evil\u{2066}\u{200f}"), "\\u{202e}evil\\u{2066}\\u{200f}");
        assert_eq!(safe("one\ntwo\tthree\r"), "one\\u{a}two\\u{9}three\\u{d}");
        assert!(!is_terminal_control('\n') && is_terminal_control('\r'));
        // Escaping what is already safe changes nothing.
        let once = safe("x\u{1b}[2J").into_owned();
        assert_eq!(safe(&once), once);
        // Joiners that emoji and Persian need are not controls.
        assert!(matches!(safe("👩\u{200d}💻 می\u{200c}خواهم"), Cow::Borrowed(_)));
    }

    #[test]
    fn days_ago_in_words() {
        assert_eq!(ago_days(0), "today");
        assert_eq!(ago_days(1), "yesterday");
        assert_eq!(ago_days(3), "3 days ago");
        assert_eq!(ago_days(-2), "in 2 days");
    }
}
