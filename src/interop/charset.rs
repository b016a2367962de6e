//! Turning an import file's bytes into text.
//!
//! Address books are exported in UTF-8 (with or without a BOM), UTF-16 (with
//! a BOM, from Windows tools) and legacy charsets. Without a BOM, valid UTF-8
//! is UTF-8; anything else is Shift_JIS when it decodes cleanly as Shift_JIS
//! and reads like Japanese (old Japanese phones and Thunderbird on Japanese
//! Windows), and Windows-1252 (a superset of ISO-8859-1) otherwise.

use encoding_rs::{Encoding, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The encoding named by a vCard CHARSET parameter, if encoding_rs knows it.
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches('"').as_bytes())
}

/// UTF-16 without a BOM: most of the bytes at even (BE) or odd (LE)
/// positions are zero, as they are for mostly-ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |off: usize| sample.iter().skip(off).step_by(2).filter(|&&b| b == 0).count();
    if zeros_at(1) * 10 >= pairs * 9 && zeros_at(0) == 0 {
        Some(UTF_16LE)
    } else if zeros_at(0) * 10 >= pairs * 9 && zeros_at(1) == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn is_japanese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK punctuation
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x4E00..=0x9FFF // CJK ideographs
        | 0xFF00..=0xFFEF // full- and half-width forms
    )
}

/// The legacy encoding of bytes that are not UTF-8.
pub fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let high: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b >= 0x80)
        .map(|(i, _)| i)
        .collect();
    if high.is_empty() {
        return WINDOWS_1252;
    }
    // In Latin text a non-ASCII byte mostly stands alone between ASCII
    // letters; Shift_JIS text is made of runs of double-byte characters.
    let paired = high
        .iter()
        .filter(|&&i| (i > 0 && bytes[i - 1] >= 0x80) || bytes.get(i + 1).is_some_and(|&b| b >= 0x80))
        .count();
    if paired * 2 < high.len() {
        return WINDOWS_1252;
    }
    match SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            let non_ascii: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            let japanese = non_ascii.iter().filter(|&&c| is_japanese(c)).count();
            if !non_ascii.is_empty() && japanese * 10 >= non_ascii.len() * 9 {
                SHIFT_JIS
            } else {
                WINDOWS_1252
            }
        }
        None => WINDOWS_1252,
    }
}

/// Decodes a whole file; returns the text (without a BOM) and the name of
/// the encoding it was read in. Never fails: undecodable bytes become U+FFFD.
pub fn decode_whole(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name());
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), UTF_8.name()),
        Err(_) => {
            // UTF-8 with a few broken bytes (a truncated export, a pasted
            // character) stays UTF-8 rather than turning every accent into
            // mojibake.
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            let good = lossy.chars().filter(|&c| !c.is_ascii() && c != '\u{FFFD}').count();
            if good > bad * 4 {
                return (lossy.into_owned(), UTF_8.name());
            }
            let enc = guess_legacy(bytes);
            let (text, _) = enc.decode_without_bom_handling(bytes);
            (text.into_owned(), enc.name())
        }
    }
}

/// Decodes bytes in a known encoding, replacing what does not decode.
pub fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> String {
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The encoding a file starts with if it has a byte-order mark or is UTF-16.
pub fn whole_file_encoding(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes).or_else(|| utf16_without_bom(bytes).map(|e| (e, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_utf16() {
        assert_eq!(decode_whole(b"\xef\xbb\xbfName").0, "Name");
        assert_eq!(decode_whole(b"\xff\xfeN\0a\0m\0e\0").0, "Name");
        assert_eq!(decode_whole(b"\xfe\xff\0N\0a\0m\0e").0, "Name");
        assert_eq!(decode_whole(b"N\0a\0m\0e\0,\0x\0").0, "Name,x");
    }

    #[test]
    fn latin_text_is_windows_1252() {
        // "Müller,José,Zoë" in ISO-8859-1, and the euro sign of Windows-1252.
        let (t, enc) = decode_whole(b"M\xfcller,Jos\xe9,Zo\xeb,\x80");
        assert_eq!(t, "Müller,José,Zoë,€");
        assert_eq!(enc, "windows-1252");
    }

    #[test]
    fn mostly_utf8_stays_utf8() {
        let mut bytes = "Zoë,Müller,José,Ñandú,Ærø\n".repeat(2).into_bytes();
        bytes.push(0xff);
        let (t, enc) = decode_whole(&bytes);
        assert_eq!(enc, "UTF-8");
        assert!(t.starts_with("Zoë,Müller") && t.ends_with('\u{FFFD}'));
    }

    #[test]
    fn japanese_text_is_shift_jis() {
        let (bytes, _, _) = SHIFT_JIS.encode("名無しの権兵衛,安藤 ロイド");
        let (t, enc) = decode_whole(&bytes);
        assert_eq!(t, "名無しの権兵衛,安藤 ロイド");
        assert_eq!(enc, "Shift_JIS");
    }

    #[test]
    fn labels() {
        assert_eq!(for_label("SHIFT_JIS"), Some(SHIFT_JIS));
        assert_eq!(for_label("iso-8859-1"), Some(WINDOWS_1252));
        assert_eq!(for_label("nonsense"), None);
    }
}
