//! Writing vCard 4.0 (RFC 6350), and the content-line rules it shares with
//! iCalendar (RFC 5545): text escaping, folding at 75 octets, CRLF.

use super::extras;
use super::merge::rapport_uid;
use crate::domain::{Partner, YearlyDate};

/// Escapes a TEXT value: backslash, comma, semicolon and line breaks. No
/// other control character is carried: a tab becomes a space, the rest
/// (ESC, BEL, DEL, C1 …) are left out, so an address book or calendar that
/// shows the text on a terminal is never sent a control sequence.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // A bidi override or isolate would reorder what a reader shows.
            c if crate::domain::text::is_terminal_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line is longer than 75 octets
/// (a fold never splits a UTF-8 character), ended by CRLF.
pub fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The space that starts a continuation line counts.
        limit = 74;
    }
}

/// `YYYYMMDD`, or `--MMDD` without a year (RFC 6350 date forms).
pub fn vcard_date(d: &YearlyDate) -> String {
    match d.year {
        Some(y) => format!("{y:04}{:02}{:02}", d.month, d.day),
        None => format!("--{:02}{:02}", d.month, d.day),
    }
}

/// The UID a partner is exported with.
pub fn uid_of(p: &Partner) -> String {
    p.uid.clone().unwrap_or_else(|| rapport_uid(&p.id))
}

/// One partner as a vCard 4.0.
pub fn vcard(p: &Partner) -> String {
    let mut out = String::new();
    let mut line = |s: String| push_line(&mut out, &s);
    line("BEGIN:VCARD".into());
    line("VERSION:4.0".into());
    line(format!("PRODID:-//rapport//rapport {}//EN", env!("CARGO_PKG_VERSION")));
    line(format!("UID:{}", escape_text(&uid_of(p))));
    line(format!("FN:{}", escape_text(&p.name)));
    // N is required by vCard 3 readers: as imported, else the name split
    // (none for an organisation); FN stays the name that counts on import.
    if extras::is_org(p) {
        line("KIND:org".into());
    }
    let n: Vec<String> = extras::n_of(p).iter().map(|x| escape_text(x)).collect();
    line(format!("N:{}", n.join(";")));
    if let Some(org) = &p.org {
        line(format!("ORG:{}", escape_text(org)));
    }
    if let Some(role) = &p.role {
        line(format!("TITLE:{}", escape_text(role)));
    }
    for e in &p.emails {
        line(format!("EMAIL:{}", escape_text(e)));
    }
    for t in &p.phones {
        match extras::phone_type(p, t)
            .filter(|ty| !ty.is_empty() && ty.chars().all(|c| c.is_ascii_alphanumeric() || c == ',' || c == '-'))
        {
            Some(ty) => line(format!("TEL;TYPE={ty};VALUE=text:{}", escape_text(t))),
            None => line(format!("TEL;VALUE=text:{}", escape_text(t))),
        }
    }
    if let Some(b) = &p.birthday {
        line(format!("BDAY:{}", vcard_date(b)));
    }
    let mut item = 0;
    for d in &p.dates {
        if d.label == "anniversary" {
            line(format!("ANNIVERSARY:{}", vcard_date(&d.date)));
        } else {
            // Apple's grouped date with a label, which most address books read.
            item += 1;
            line(format!("item{item}.X-ABDATE:{}", vcard_date(&d.date)));
            line(format!("item{item}.X-ABLabel:{}", escape_text(&d.label)));
        }
    }
    if let Some(n) = &p.notes {
        line(format!("NOTE:{}", escape_text(n)));
    }
    if !p.tags.is_empty() {
        let tags: Vec<String> = p.tags.iter().map(|t| escape_text(t)).collect();
        line(format!("CATEGORIES:{}", tags.join(",")));
    }
    // When the relationship began (LinkedIn's Connected On, or the day it
    // was added), so an export read back keeps the cadence where it was.
    if let Some(d) = p.since {
        line(format!("X-RAPPORT-SINCE:{}", d.format("%Y-%m-%d")));
    }
    line("END:VCARD".into());
    out
}

/// Every partner not archived, as one vCard file.
pub fn vcards(partners: &[Partner]) -> String {
    partners.iter().filter(|p| !p.archived).map(vcard).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn text_carries_no_control_characters() {
        assert_eq!(
            escape_text("Osc52 \u{1b}]52;c;SGVsbG8=\u{7} Clip\u{9b}\u{7f}\tx"),
            "Osc52 ]52\\;c\\;SGVsbG8= Clip x"
        );
        assert_eq!(escape_text("a\rb"), "a\\nb");
        // Letters of any script stay; a bidi override is replaced.
        assert_eq!(escape_text("Zoë 王伟 \u{202e}"), "Zoë 王伟 \u{fffd}");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let long = format!("NOTE:{}", "é".repeat(100));
        push_line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn dates() {
        assert_eq!(vcard_date(&YearlyDate::parse("02-03").unwrap()), "--0203");
        assert_eq!(vcard_date(&YearlyDate::parse("1980-04-15").unwrap()), "19800415");
    }
}
