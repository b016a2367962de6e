//! vCard 2.1, 3.0 and 4.0 import.
//!
//! A pre-pass of ours turns the bytes into lines (raw legacy-charset values
//! decoded by their CHARSET parameter), cuts them into cards by their
//! `BEGIN:VCARD` / `END:VCARD` lines (nested cards become cards of their
//! own; a card without an END is an error naming it), and rewrites the
//! vCard 3 year-less date `--MM-DD` to `--MMDD`. Each card's text is then
//! parsed by `calcard`, which unfolds lines, decodes quoted-printable with
//! soft line breaks and CHARSET, and unescapes values.

use super::{
    FormatError, Incoming, Parsed, Skip, charset, clean, email, non_empty, parse_loose_date, phone, push_unique, qp,
};
use crate::domain::YearlyDate;
use crate::domain::partner::LabelledDate;
use calcard::common::PartialDateTime;
use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use calcard::{Entry, Parser};

/// The lines of one card, without its BEGIN and END.
#[derive(Debug, Clone)]
struct CardText {
    number: usize,
    line: usize,
    lines: Vec<String>,
}

impl CardText {
    fn source(&self) -> String {
        format!("card {} (line {})", self.number, self.line)
    }
}

/// The CHARSET parameter of a property line, looked for before its value.
fn charset_param(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &raw[..raw.iter().position(|&b| b == b':').unwrap_or(raw.len())];
    let head = String::from_utf8_lossy(head).to_ascii_uppercase();
    let at = head.find("CHARSET=")?;
    let label: String = head[at + 8..].chars().take_while(|&c| c != ';' && c != ':').collect();
    charset::for_label(&label)
}

/// The file as lines of text, and the encoding it was read in. Line ends may
/// be CRLF, LF or CR CR LF; a file with only CRs is split on CR.
fn decode_lines(bytes: &[u8]) -> (Vec<String>, &'static str) {
    let split_lines = |text: &str| -> Vec<String> {
        let sep = if text.contains('\n') { '\n' } else { '\r' };
        text.split(sep).map(|l| l.trim_end_matches('\r').to_string()).collect()
    };
    if let Some((enc, bom)) = charset::whole_file_encoding(bytes) {
        let text = charset::decode_with(enc, &bytes[bom..]);
        return (split_lines(&text), enc.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (split_lines(text), "UTF-8");
    }
    // Not UTF-8: decode line by line, each raw value by its property's
    // CHARSET (folded continuation lines share it), the rest by a guess.
    let fallback = charset::guess_legacy(bytes);
    let sep = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut current: Option<&'static encoding_rs::Encoding> = None;
    let mut soft_break = false;
    let mut used = None;
    let lines = bytes
        .split(|&b| b == sep)
        .map(|raw| {
            let mut end = raw.len();
            while end > 0 && raw[end - 1] == b'\r' {
                end -= 1;
            }
            let raw = &raw[..end];
            // A folded line, or the rest of a quoted-printable value after a
            // soft line break, keeps its property's charset.
            let continuation = soft_break || raw.first().is_some_and(|b| matches!(b, b' ' | b'\t'));
            soft_break = raw.ends_with(b"=");
            if !continuation {
                current = charset_param(raw);
            }
            match std::str::from_utf8(raw) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    let enc = current.filter(|e| *e != encoding_rs::UTF_8).unwrap_or(fallback);
                    used.get_or_insert(enc.name());
                    charset::decode_with(enc, raw)
                }
            }
        })
        .collect();
    (lines, used.unwrap_or("UTF-8"))
}

/// A line that opens or closes a card. A line that begins with a space or
/// a tab continues the line before it, whatever it says.
fn is_marker(line: &str, what: &str) -> bool {
    !line.starts_with([' ', '\t']) && line.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(what)
}

/// Cuts the lines into cards. Cards nested inside another are cards of
/// their own; lines outside any card are ignored. A card whose END:VCARD is
/// missing is read up to where the next card begins (or the file ends),
/// with a warning naming its line.
fn split_cards(lines: Vec<String>, warnings: &mut Vec<Skip>) -> Result<Vec<CardText>, FormatError> {
    let mut open: Vec<CardText> = Vec::new();
    let mut done: Vec<CardText> = Vec::new();
    let mut count = 0;
    for (i, text) in lines.into_iter().enumerate() {
        let no = i + 1;
        if is_marker(&text, "BEGIN:VCARD") {
            count += 1;
            open.push(CardText {
                number: count,
                line: no,
                lines: Vec::new(),
            });
        } else if is_marker(&text, "END:VCARD") {
            match open.pop() {
                Some(card) => done.push(card),
                None => {
                    return Err(FormatError::new(
                        Some(format!("line {no}")),
                        "END:VCARD without a BEGIN:VCARD before it",
                    ));
                }
            }
        } else if let Some(card) = open.last_mut() {
            card.lines.push(text);
        }
    }
    for card in open.drain(..) {
        warnings.push(Skip {
            source: card.source(),
            reason: format!(
                "BEGIN:VCARD at line {} has no matching END:VCARD (is the file cut short?); read up to the next card",
                card.line
            ),
        });
        done.push(card);
    }
    if count == 0 {
        return Err(FormatError::new(None, "no vCard in the file (no BEGIN:VCARD line)"));
    }
    done.sort_by_key(|c| c.number);
    Ok(done)
}

/// Properties holding dates that may be written `--MM-DD`.
const DATE_PROPS: [&str; 7] = [
    "BDAY",
    "ANNIVERSARY",
    "DEATHDATE",
    "X-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-ABDATE",
];

/// calcard reads the vCard 3 year-less date `--03-22` as March without a
/// day; the basic form `--0322` it reads right.
fn fix_yearless_date(line: &str) -> Option<String> {
    let colon = line.find(':')?;
    let head = &line[..colon];
    let name = head.split(';').next()?.rsplit('.').next()?.trim();
    if !DATE_PROPS.iter().any(|p| p.eq_ignore_ascii_case(name)) {
        return None;
    }
    let value = line[colon + 1..].trim();
    let b = value.as_bytes();
    let extended =
        b.len() == 7 && value.starts_with("--") && b[4] == b'-' && [2, 3, 5, 6].iter().all(|&i| b[i].is_ascii_digit());
    extended.then(|| format!("{head}:--{}{}", &value[2..4], &value[5..7]))
}

/// Parses one card's text with calcard; every vCard it finds is merged.
fn read_card(card: &CardText, used: &mut qp::Used) -> Option<VCard> {
    let mut text = String::from("BEGIN:VCARD\n");
    for l in &qp::decode_lines(&card.lines, used) {
        match fix_yearless_date(l) {
            Some(fixed) => text.push_str(&fixed),
            None => text.push_str(l),
        }
        text.push('\n');
    }
    text.push_str("END:VCARD\n");
    // calcard is not expected to panic, but a bad card must never take the
    // whole import down with it.
    std::panic::catch_unwind(|| {
        let mut parser = Parser::new(&text);
        let mut merged: Option<VCard> = None;
        // Each call consumes input; the bound only guards against a loop.
        for _ in 0..card.lines.len() + 8 {
            match parser.entry() {
                Entry::VCard(c) => match &mut merged {
                    Some(m) => m.entries.extend(c.entries),
                    None => merged = Some(c),
                },
                Entry::Eof => break,
                _ => {}
            }
        }
        merged
    })
    .ok()
    .flatten()
}

/// The text of a value (parts of a structured value joined by spaces).
fn value_text(v: &VCardValue) -> Option<String> {
    match v {
        VCardValue::Text(s) => Some(s.clone()),
        VCardValue::Component(parts) => Some(parts.join(" ")),
        VCardValue::Integer(i) => Some(i.to_string()),
        VCardValue::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// All values of an entry as one string.
fn entry_text(e: &VCardEntry) -> String {
    e.values.iter().filter_map(value_text).collect::<Vec<_>>().join(",")
}

fn is_other(e: &VCardEntry, name: &str) -> bool {
    matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case(name))
}

fn has_param(e: &VCardEntry, name: &str) -> bool {
    e.params
        .iter()
        .any(|p| matches!(&p.name, VCardParameterName::Other(n) if n.eq_ignore_ascii_case(name)))
}

fn date_from_partial(p: &PartialDateTime, apple_omit_year: bool) -> Option<YearlyDate> {
    let (month, day) = (u32::from(p.month?), u32::from(p.day?));
    // 1604 is the "no year" of Apple and CardBook, with or without
    // X-APPLE-OMIT-YEAR.
    let _ = apple_omit_year;
    let year = p.year.map(i32::from).filter(|&y| y != 0 && y != 1604);
    YearlyDate::new(year, month, day)
}

fn describe_partial(p: &PartialDateTime) -> String {
    let part = |v: Option<u16>, w: usize| v.map_or_else(|| "-".repeat(w), |v| format!("{v:0w$}"));
    format!(
        "{}{}{}",
        part(p.year, 4),
        part(p.month.map(u16::from), 2),
        part(p.day.map(u16::from), 2)
    )
}

/// A date property's date, or the text that was not a date.
fn entry_date(e: &VCardEntry) -> Result<YearlyDate, String> {
    let omit = has_param(e, "X-APPLE-OMIT-YEAR");
    match e.values.first() {
        Some(VCardValue::PartialDateTime(p)) => date_from_partial(p, omit).ok_or_else(|| describe_partial(p)),
        Some(other) => {
            let t = value_text(other).unwrap_or_default();
            parse_loose_date(&t).ok_or(t)
        }
        None => Err(String::new()),
    }
}

/// `_$!<Anniversary>!$_` (Apple's built-in labels) becomes `anniversary`.
fn clean_label(label: &str) -> String {
    let t = label.trim();
    match t.strip_prefix("_$!<").and_then(|s| s.strip_suffix(">!$_")) {
        Some(inner) => clean(inner),
        None => clean(t),
    }
}

fn is_group(card: &VCard) -> bool {
    card.entries.iter().filter(|e| e.name == VCardProperty::Kind).any(|e| {
        e.values.iter().any(|v| match v {
            VCardValue::Kind(k) => matches!(k, VCardKind::Group | VCardKind::Location),
            VCardValue::Text(t) => t.eq_ignore_ascii_case("group") || t.eq_ignore_ascii_case("location"),
            _ => false,
        })
    })
}

/// The name from N: given, additional and family names (titles left out).
fn name_from_n(e: &VCardEntry) -> String {
    let part = |i: usize| e.values.get(i).and_then(value_text).unwrap_or_default();
    clean(&format!("{} {} {}", part(1), part(2), part(0)))
}

/// N's five parts as written, unless they are all empty.
fn n_parts(e: &VCardEntry) -> Option<Vec<String>> {
    let mut parts: Vec<String> = e
        .values
        .iter()
        .map(|v| value_text(v).map(|t| clean(&t)).unwrap_or_default())
        .collect();
    parts.resize(5, String::new());
    parts.truncate(5);
    parts.iter().any(|p| !p.is_empty()).then_some(parts)
}

/// A phone's TYPE parameters (`cell`, `work,fax`), lowercase, `voice` and
/// `pref` left out as they say nothing worth keeping.
fn tel_types(e: &VCardEntry) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in e.params.iter().filter(|p| p.name == VCardParameterName::Type) {
        let t = match &p.value {
            VCardParameterValue::Type(t) => format!("{t:?}").to_ascii_lowercase(),
            VCardParameterValue::Text(t) => t.trim().to_ascii_lowercase(),
            _ => continue,
        };
        for t in t.split(',').map(str::trim) {
            if !t.is_empty() && t != "voice" && t != "pref" && !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
        }
    }
    out.join(",")
}

/// An organisation's card: KIND:org, Apple's X-ABShowAs:COMPANY, or an FN
/// that is the ORG.
fn is_org(card: &VCard, c: &Incoming) -> bool {
    let kind_org = card.entries.iter().any(|e| {
        (e.name == VCardProperty::Kind
            && e.values.iter().any(|v| match v {
                VCardValue::Kind(k) => matches!(k, VCardKind::Org),
                VCardValue::Text(t) => t.eq_ignore_ascii_case("org"),
                _ => false,
            }))
            || ((is_other(e, "X-ABSHOWAS") || is_other(e, "X-ABLABEL"))
                && entry_text(e).eq_ignore_ascii_case("company"))
    });
    kind_org
        || c.org
            .as_deref()
            .is_some_and(|o| crate::domain::identity::name_key(o) == crate::domain::identity::name_key(&c.name))
}

/// Turns one parsed card into a contact, or says why it is skipped.
fn to_incoming(card: &VCard, source: String, notes: &mut Vec<Skip>) -> Result<Incoming, String> {
    if is_group(card) {
        return Err("a group (KIND:group), not a person".into());
    }
    let of = |p: VCardProperty| card.entries.iter().filter(move |e| e.name == p);
    let name = of(VCardProperty::Fn)
        .map(|e| clean(&entry_text(e)))
        .find(|n| !n.is_empty())
        .or_else(|| of(VCardProperty::N).map(name_from_n).find(|n| !n.is_empty()))
        .or_else(|| of(VCardProperty::Email).find_map(|e| email(&entry_text(e))))
        .ok_or_else(|| "no name (neither FN nor N) and no e-mail address".to_string())?;
    let mut c = Incoming {
        source: source.clone(),
        name,
        ..Incoming::default()
    };
    c.org = of(VCardProperty::Org).find_map(|e| e.values.first().and_then(value_text).and_then(|t| non_empty(&t)));
    c.role = of(VCardProperty::Title)
        .chain(of(VCardProperty::Role))
        .find_map(|e| non_empty(&entry_text(e)));
    for e in of(VCardProperty::Email) {
        if let Some(m) = email(&entry_text(e)) {
            push_unique(&mut c.emails, m);
        }
    }
    for e in of(VCardProperty::Tel) {
        if let Some(p) = phone(&entry_text(e)) {
            let types = tel_types(e);
            if !types.is_empty() && !c.phone_types.iter().any(|(q, _)| *q == p) {
                c.phone_types.push((p.clone(), types));
            }
            push_unique(&mut c.phones, p);
        }
    }
    c.n = of(VCardProperty::N).find_map(n_parts);
    c.is_org = is_org(card, &c);
    for e in of(VCardProperty::Categories) {
        for v in e.values.iter().filter_map(value_text) {
            if let Some(t) = super::tag(&v) {
                push_unique(&mut c.tags, t);
            }
        }
    }
    let mut bad_birthday = None;
    for e in of(VCardProperty::Bday) {
        match entry_date(e) {
            Ok(d) => {
                c.birthday = Some(d);
                break;
            }
            Err(text) => {
                bad_birthday.get_or_insert(text);
            }
        }
    }
    if let (None, Some(text)) = (&c.birthday, bad_birthday) {
        notes.push(Skip {
            source: source.clone(),
            reason: format!("birthday '{text}' is not a date; left out"),
        });
    }
    let mut dates: Vec<LabelledDate> = Vec::new();
    for e in &card.entries {
        let label = if e.name == VCardProperty::Anniversary
            || ["X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"]
                .iter()
                .any(|n| is_other(e, n))
        {
            "anniversary".to_string()
        } else if is_other(e, "X-ABDATE") {
            let label = card
                .entries
                .iter()
                .find(|l| {
                    is_other(l, "X-ABLABEL")
                        && l.group.is_some()
                        && l.group.as_deref().map(str::to_ascii_lowercase)
                            == e.group.as_deref().map(str::to_ascii_lowercase)
                })
                .map(|l| clean_label(&entry_text(l)))
                .filter(|l| !l.is_empty());
            label.unwrap_or_else(|| "date".into())
        } else {
            continue;
        };
        if let Ok(date) = entry_date(e)
            && !dates.iter().any(|d| d.label == label)
        {
            dates.push(LabelledDate { label, date });
        }
    }
    c.dates = dates;
    c.since = card
        .entries
        .iter()
        .filter(|e| is_other(e, "X-RAPPORT-SINCE"))
        .find_map(|e| crate::domain::date::parse_date(&entry_text(e)).ok());
    let note: Vec<String> = of(VCardProperty::Note)
        .map(|e| entry_text(e).replace("\r\n", "\n").trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    c.notes = (!note.is_empty()).then(|| note.join("\n"));
    c.uid = of(VCardProperty::Uid).find_map(|e| {
        let t = entry_text(e).trim().to_string();
        (!t.is_empty()).then_some(t)
    });
    Ok(c)
}

/// Reads every card of a vCard file.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FormatError> {
    let (lines, encoding) = decode_lines(bytes);
    let mut out = Parsed {
        encoding,
        ..Parsed::default()
    };
    let cards = split_cards(lines, &mut out.notes)?;
    let mut used = qp::Used::default();
    let mut guessed_at = None;
    for card in &cards {
        let source = card.source();
        let was_guessed = used.guessed;
        let parsed = read_card(card, &mut used);
        if used.guessed && !was_guessed {
            guessed_at = Some(source.clone());
        }
        let Some(parsed) = parsed else {
            out.skipped.push(Skip {
                source,
                reason: "the card could not be read".into(),
            });
            continue;
        };
        match to_incoming(&parsed, source.clone(), &mut out.notes) {
            Ok(c) => out.contacts.push(c),
            Err(reason) => out.skipped.push(Skip { source, reason }),
        }
    }
    if let Some(legacy) = used.legacy
        && out.encoding == "UTF-8"
    {
        out.encoding = legacy;
    }
    if let Some(source) = guessed_at {
        out.notes.push(Skip {
            source,
            reason: "quoted-printable text without a CHARSET that is not UTF-8 was read as windows-1252".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Incoming {
        let p = parse(text.as_bytes()).unwrap();
        assert_eq!(p.contacts.len(), 1, "{p:?}");
        p.contacts.into_iter().next().unwrap()
    }

    #[test]
    fn a_folded_line_that_reads_end_vcard_is_part_of_its_value() {
        let p =
            parse(b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nNOTE:one\r\n  END:VCARD\r\nTEL:1\r\nEND:VCARD\r\n").unwrap();
        assert_eq!(p.contacts.len(), 1);
        assert_eq!(p.contacts[0].notes.as_deref(), Some("one END:VCARD"));
        assert_eq!(p.contacts[0].phones.len(), 1);
    }

    #[test]
    fn reads_the_fields() {
        let c = one(concat!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Dana;;Ms.;\r\nFN:Dana Lee\r\nORG:Lee Family Law;Custody\r\n",
            "TITLE:Attorney\r\nEMAIL;TYPE=work:dana@example.org\r\nTEL:+1 555 0100\r\nBDAY:--04-15\r\n",
            "CATEGORIES:attorney,My Contacts\r\nNOTE:Kids Ava\\, Leo\\nFood bank\r\nUID:abc-1\r\n",
            "item1.X-ABDATE:2010-06-01\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\nEND:VCARD\r\n"
        ));
        assert_eq!(c.name, "Dana Lee");
        assert_eq!(c.org.as_deref(), Some("Lee Family Law"));
        assert_eq!(c.role.as_deref(), Some("Attorney"));
        assert_eq!(c.emails, ["dana@example.org"]);
        assert_eq!(c.phones, ["+1 555 0100"]);
        assert_eq!(c.birthday.unwrap().to_string(), "04-15");
        assert_eq!(c.tags, ["attorney"]);
        assert_eq!(c.notes.as_deref(), Some("Kids Ava, Leo\nFood bank"));
        assert_eq!(c.uid.as_deref(), Some("abc-1"));
        assert_eq!(c.dates.len(), 1);
        assert_eq!(c.dates[0].label, "Anniversary", "the label's case is kept");
        assert_eq!(c.dates[0].date.to_string(), "2010-06-01");
    }

    #[test]
    fn name_from_n_when_no_fn_and_legacy_charsets() {
        let c = one(
            "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;Ren=E9\nEND:VCARD\n",
        );
        assert_eq!(c.name, "René Müller");
        // Raw Windows-1252 bytes, no CHARSET: the fallback decodes them.
        let p = parse(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zo\xeb K\xf6nig\r\nEND:VCARD\r\n").unwrap();
        assert_eq!(p.contacts[0].name, "Zoë König");
        assert_eq!(p.encoding, "windows-1252");
    }

    #[test]
    fn skips_nameless_cards_and_groups_with_reasons() {
        let p = parse(
            b"BEGIN:VCARD\nVERSION:4.0\nNOTE:x\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:List\nEND:VCARD\n",
        )
        .unwrap();
        assert!(p.contacts.is_empty());
        assert_eq!(p.skipped[0].source, "card 1 (line 1)");
        assert!(p.skipped[0].reason.contains("no name"));
        assert_eq!(p.skipped[1].source, "card 2 (line 5)");
        assert!(p.skipped[1].reason.contains("group"));
    }

    #[test]
    fn malformed_files_name_the_card_or_line() {
        let p = parse(b"BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\n").unwrap();
        assert_eq!(p.contacts.len(), 2, "a card cut short is still read");
        assert_eq!(p.notes[0].source, "card 2 (line 5)");
        assert!(p.notes[0].reason.contains("no matching END:VCARD"));
        let e = parse(b"FN:A\nEND:VCARD\n").unwrap_err();
        assert_eq!(e.at.as_deref(), Some("line 2"));
        assert!(parse(b"hello\n").unwrap_err().message.contains("no vCard"));
    }

    #[test]
    fn nested_cards_are_cards_of_their_own() {
        let p = parse(b"BEGIN:VCARD\nN:parent\nBEGIN:VCARD\nN:nest1\nEND:VCARD\nTEL:1\nEND:VCARD\n").unwrap();
        let names: Vec<&str> = p.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["parent", "nest1"]);
        assert_eq!(p.contacts[0].phones, ["1"]);
    }

    #[test]
    fn unreadable_birthdays_are_noted() {
        let p = parse(b"BEGIN:VCARD\nVERSION:4.0\nFN:A\nBDAY;VALUE=text:circa 1800\nEND:VCARD\n").unwrap();
        assert_eq!(p.contacts[0].birthday, None);
        assert!(p.notes[0].reason.contains("circa 1800"), "{:?}", p.notes);
    }
}
