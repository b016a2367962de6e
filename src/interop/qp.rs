//! vCard 2.1 quoted-printable values, decoded before calcard sees a card.
//!
//! Older phones and Evolution write the encoding as a bare parameter
//! (`N;QUOTED-PRINTABLE:Br=C3=BCning`), which calcard does not take for an
//! encoding; and without a CHARSET calcard decodes the bytes as Latin-1,
//! which turns UTF-8 names into mojibake. So every quoted-printable value
//! (`ENCODING=QUOTED-PRINTABLE` or the bare form) is decoded here: soft line
//! breaks joined, `=XX` turned into bytes, the bytes read in the CHARSET
//! when one is given, else as UTF-8 when they are valid UTF-8, else as
//! Windows-1252. The line is rewritten as plain text without ENCODING and
//! CHARSET, so calcard reads the value as it is.

use super::charset;

/// A quoted-printable line's head (before the value) without its ENCODING,
/// CHARSET and bare QUOTED-PRINTABLE parameters, and the CHARSET it named;
/// `None` when the line is not quoted-printable.
fn qp_head(head: &str) -> Option<(String, Option<String>)> {
    let mut parts = head.split(';');
    let name = parts.next()?;
    let mut is_qp = false;
    let mut charset = None;
    let mut kept = vec![name.to_string()];
    for p in parts {
        let upper = p.trim().to_ascii_uppercase();
        if upper == "QUOTED-PRINTABLE" || upper == "ENCODING=QUOTED-PRINTABLE" {
            is_qp = true;
        } else if let Some(label) = upper.strip_prefix("CHARSET=") {
            charset = Some(label.trim_matches('"').to_string());
        } else {
            kept.push(p.to_string());
        }
    }
    is_qp.then(|| (kept.join(";"), charset))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `=XX` escapes to bytes; an `=` not followed by two hex digits stays.
pub fn decode_bytes(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && let (Some(h), Some(l)) = (b.get(i + 1).and_then(|&c| hex(c)), b.get(i + 2).and_then(|&c| hex(c)))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Decoded bytes as text, and the encoding used. UTF-8 when valid without
/// a CHARSET, Windows-1252 otherwise.
fn bytes_to_text(bytes: &[u8], label: Option<&str>) -> (String, &'static str) {
    if let Some(enc) = label.and_then(charset::for_label) {
        return (charset::decode_with(enc, bytes), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => (
            charset::decode_with(encoding_rs::WINDOWS_1252, bytes),
            encoding_rs::WINDOWS_1252.name(),
        ),
    }
}

/// What decoding a card's quoted-printable values used.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Used {
    /// The first encoding other than UTF-8 that a value was read in.
    pub legacy: Option<&'static str>,
    /// A value had no CHARSET and was not UTF-8, so Windows-1252 was guessed.
    pub guessed: bool,
}

/// The card's lines with every quoted-printable value decoded.
pub fn decode_lines(lines: &[String], used: &mut Used) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        let Some(colon) = line.find(':') else {
            out.push(line.clone());
            continue;
        };
        let Some((head, label)) = qp_head(&line[..colon]) else {
            out.push(line.clone());
            continue;
        };
        // Soft line breaks: a value line ending in `=` goes on.
        let mut value = line[colon + 1..].to_string();
        while value.ends_with('=') && i < lines.len() {
            value.pop();
            value.push_str(lines[i].trim_start());
            i += 1;
        }
        let bytes = decode_bytes(&value);
        let (text, enc) = bytes_to_text(&bytes, label.as_deref());
        if enc != "UTF-8" {
            used.legacy.get_or_insert(enc);
            used.guessed |= label.is_none();
        }
        // A decoded line break would end the content line: write it escaped.
        let text = text.replace("\r\n", "\\n").replace(['\n', '\r'], "\\n");
        out.push(format!("{head}:{text}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> (String, Used) {
        let mut used = Used::default();
        let lines: Vec<String> = line.split('\n').map(str::to_string).collect();
        (decode_lines(&lines, &mut used).join("\n"), used)
    }

    #[test]
    fn bare_parameter_utf8_and_soft_breaks() {
        assert_eq!(one("N;QUOTED-PRINTABLE:Br=C3=BCning;Anna").0, "N:Brüning;Anna");
        assert_eq!(
            one("FN;ENCODING=QUOTED-PRINTABLE:Ma=C5=82gorzata =\nW=C3=B3jcik").0,
            "FN:Małgorzata Wójcik"
        );
        assert_eq!(one("TEL;CELL:+1 555").0, "TEL;CELL:+1 555");
    }

    #[test]
    fn charsets_and_the_windows_1252_guess() {
        let (t, u) = one("N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller");
        assert_eq!(t, "N:Müller");
        assert_eq!(u.legacy, Some("windows-1252"));
        assert!(!u.guessed);
        let (t, u) = one("N;ENCODING=QUOTED-PRINTABLE:M=FCller");
        assert_eq!(t, "N:Müller");
        assert!(u.guessed);
        assert_eq!(one("NOTE;QUOTED-PRINTABLE:a=0D=0Ab =3D").0, "NOTE:a\\nb =");
    }
}
