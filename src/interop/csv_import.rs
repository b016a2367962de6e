//! CSV import: Google Contacts (old and new layouts), Outlook, LinkedIn
//! `Connections.csv`, Thunderbird, and plain `name,email,phone,org` files.
//!
//! Columns are matched by their header's name (case-insensitive, trimmed),
//! never by position. The header is the first row, within the first 50,
//! that names a name column, so preambles such as LinkedIn's `Notes:` lines
//! are passed over. The delimiter (comma, semicolon or tab) is the one that
//! finds that header soonest and splits it into the most known columns.

use super::{
    FormatError, Incoming, Parsed, Skip, charset, clean, email, is_day_first, non_empty, parse_loose_date_in, phone,
    push_unique,
};
use crate::domain::YearlyDate;
use crate::domain::partner::LabelledDate;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    FullName,
    First,
    Middle,
    Last,
    Org,
    Role,
    Email,
    Phone,
    /// A phone of a kind worth keeping: its vCard TYPE (`work,fax`).
    TypedPhone(&'static str),
    Birthday,
    BirthYear,
    BirthMonth,
    BirthDay,
    Anniversary,
    Notes,
    Tags,
    Uid,
    /// When the connection began (LinkedIn's "Connected On").
    Since,
}

impl Field {
    fn is_name(self) -> bool {
        matches!(self, Field::FullName | Field::First | Field::Last)
    }
}

/// A header as compared: lowercase, no BOM, `_` as a space, single spaces.
fn norm(h: &str) -> String {
    clean(&h.trim_start_matches('\u{feff}').replace('_', " ")).to_lowercase()
}

/// The headers' fields. `Title` is a job title only in files that have no
/// `Suffix` and no `Job Title` column (in Outlook's layout it is Mr./Ms.).
fn classify_all(headers: &[String]) -> Vec<Option<Field>> {
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let title_is_honorific = normed.iter().any(|h| h == "suffix" || h == "job title");
    normed.iter().map(|h| classify(h, title_is_honorific)).collect()
}

fn classify(h: &str, title_is_honorific: bool) -> Option<Field> {
    let any = |list: &[&str]| list.contains(&h);
    let has = |part: &str| h.contains(part);
    let f = if any(&[
        "name",
        "full name",
        "display name",
        "formatted name",
        "contact name",
        "fn",
    ]) {
        Field::FullName
    } else if any(&["first name", "given name", "first", "firstname", "given", "forename"]) {
        Field::First
    } else if any(&["middle name", "additional name", "middle", "middlename"]) {
        Field::Middle
    } else if any(&["last name", "family name", "surname", "last", "lastname"]) {
        Field::Last
    } else if any(&[
        "company",
        "organization",
        "organisation",
        "org",
        "organization name",
        "organization 1 - name",
        "company name",
        "employer",
    ]) {
        Field::Org
    } else if any(&[
        "job title",
        "position",
        "role",
        "organization title",
        "organization 1 - title",
        "occupation",
        "profession",
    ]) || (h == "title" && !title_is_honorific)
    {
        Field::Role
    } else if any(&["birthday", "birth date", "birthdate", "date of birth", "dob", "bday"]) {
        Field::Birthday
    } else if h == "birth year" {
        Field::BirthYear
    } else if h == "birth month" {
        Field::BirthMonth
    } else if h == "birth day" {
        Field::BirthDay
    } else if h == "anniversary" {
        Field::Anniversary
    } else if any(&["notes", "note", "comments", "comment"]) {
        Field::Notes
    } else if any(&[
        "categories",
        "category",
        "labels",
        "group membership",
        "groups",
        "tags",
        "tag",
    ]) {
        Field::Tags
    } else if h == "uid" {
        Field::Uid
    } else if h == "connected on" || h == "connected" {
        Field::Since
    } else if let Some(t) = typed_phone(h) {
        Field::TypedPhone(t)
    } else if (has("email") || has("e-mail") || has("e mail"))
        && !["type", "label", "display", "name"].iter().any(|x| has(x))
    {
        Field::Email
    } else if (["phone", "mobile", "cell", "telephone"].iter().any(|x| has(x)) || h == "tel")
        && ![
            "type",
            "label",
            "fax",
            "pager",
            "assistant",
            "tty",
            "telex",
            "radio",
            "callback",
            "yomi",
            "phonetic",
        ]
        .iter()
        .any(|x| has(x))
    {
        Field::Phone
    } else {
        return None;
    };
    Some(f)
}

/// Outlook's fax, pager and assistant phones, with the vCard TYPE each is
/// exported with.
fn typed_phone(h: &str) -> Option<&'static str> {
    let has = |part: &str| h.contains(part);
    if has("type") || has("label") {
        return None;
    }
    if has("fax") {
        Some(if has("business") || has("work") {
            "work,fax"
        } else if has("home") {
            "home,fax"
        } else {
            "fax"
        })
    } else if has("pager") {
        Some("pager")
    } else if has("assistant") && (has("phone") || has("tel")) {
        Some("x-assistant")
    } else {
        None
    }
}

/// The line where a quoted field opens and is never closed, if any.
fn unclosed_quote(text: &str, delim: u8) -> Option<usize> {
    let delim = delim as char;
    let (mut line, mut opened_at) = (1, 0);
    let (mut in_quotes, mut field_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        if c == '"' && field_start {
            in_quotes = true;
            opened_at = line;
        }
        field_start = c == delim || c == '\n' || c == '\r';
    }
    in_quotes.then_some(opened_at)
}

fn reader(text: &str, delim: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The header row: delimiter, index of the record, and its cells.
struct Header {
    delim: u8,
    index: usize,
    cells: Vec<String>,
}

/// The header: the first row naming a name column, or, in a file with
/// none (Outlook's e-mail-only export), an e-mail column.
fn find_header(text: &str) -> Option<Header> {
    find_header_by(text, Field::is_name).or_else(|| find_header_by(text, |f| f == Field::Email))
}

fn find_header_by(text: &str, wanted: impl Fn(Field) -> bool) -> Option<Header> {
    let mut best: Option<(Header, usize)> = None;
    for delim in [b',', b';', b'\t'] {
        for (index, record) in reader(text, delim).records().take(50).enumerate() {
            let Ok(record) = record else { break };
            let cells: Vec<String> = record.iter().map(str::to_string).collect();
            let fields = classify_all(&cells);
            if !fields.iter().flatten().any(|&f| wanted(f)) {
                continue;
            }
            let known = fields.iter().flatten().count();
            let better = match &best {
                None => true,
                Some((b, k)) => index < b.index || (index == b.index && known > *k),
            };
            if better {
                best = Some((Header { delim, index, cells }, known));
            }
            break;
        }
    }
    best.map(|(h, _)| h)
}

/// Splits a cell holding several values (`a ::: b`, `a; b`).
fn split_multi<'a>(cell: &'a str, also: &'a [char]) -> impl Iterator<Item = &'a str> + 'a {
    cell.split(":::")
        .flat_map(move |part| part.split(also))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// One data row as a contact, or why it is skipped.
fn row_to_incoming(
    cells: &[&str],
    fields: &[Option<Field>],
    source: &str,
    day_first: bool,
    notes: &mut Vec<Skip>,
) -> Result<Incoming, String> {
    let parse_loose_date = |t: &str| parse_loose_date_in(t, day_first);
    let values = |want: Field| -> Vec<&str> {
        fields
            .iter()
            .zip(cells.iter().chain(std::iter::repeat(&"")))
            .filter(|(f, v)| **f == Some(want) && !v.trim().is_empty())
            .map(|(_, v)| *v)
            .collect()
    };
    let first = |want: Field| values(want).first().and_then(|v| non_empty(v));
    let name = first(Field::FullName).unwrap_or_else(|| {
        let parts: Vec<String> = [Field::First, Field::Middle, Field::Last]
            .into_iter()
            .filter_map(first)
            .collect();
        parts.join(" ")
    });
    // Named after the e-mail address when there is no name.
    let name = if name.is_empty() {
        values(Field::Email)
            .iter()
            .flat_map(|cell| split_multi(cell, &[';', ',']))
            .find_map(email)
            .unwrap_or_default()
    } else {
        name
    };
    if name.is_empty() {
        return Err("no name and no e-mail address".into());
    }
    let mut c = Incoming {
        source: source.to_string(),
        name,
        org: first(Field::Org),
        role: first(Field::Role),
        uid: first(Field::Uid),
        ..Incoming::default()
    };
    for cell in values(Field::Email) {
        for m in split_multi(cell, &[';', ',']).filter_map(email) {
            push_unique(&mut c.emails, m);
        }
    }
    for cell in values(Field::Phone) {
        for p in split_multi(cell, &[]).filter_map(phone) {
            push_unique(&mut c.phones, p);
        }
    }
    for (f, cell) in fields.iter().zip(cells.iter()) {
        let Some(Field::TypedPhone(types)) = f else { continue };
        for p in split_multi(cell, &[]).filter_map(phone) {
            if !c.phones.contains(&p) {
                c.phone_types.push((p.clone(), (*types).to_string()));
            }
            push_unique(&mut c.phones, p);
        }
    }
    if let Some(text) = values(Field::Since).first() {
        match parse_loose_date(text)
            .and_then(|d| d.year.and_then(|y| chrono::NaiveDate::from_ymd_opt(y, d.month, d.day)))
        {
            Some(d) => c.since = Some(d),
            None => note_bad_since(notes, source, text),
        }
    }
    for cell in values(Field::Tags) {
        for t in split_multi(cell, &[';', ',']).filter_map(super::tag) {
            push_unique(&mut c.tags, t);
        }
    }
    let mut note_bad = |what: &str, text: &str| {
        notes.push(Skip {
            source: source.to_string(),
            reason: format!("{what} '{}' is not a date; left out", text.trim()),
        })
    };
    if let Some(text) = values(Field::Birthday).first() {
        match parse_loose_date(text) {
            Some(d) => c.birthday = Some(d),
            // Outlook writes 0/0/00 for "no birthday".
            None if text.trim() == "0/0/00" => {}
            None => note_bad("birthday", text),
        }
    }
    if c.birthday.is_none() {
        let num = |f: Field| first(f).and_then(|v| v.parse::<u32>().ok());
        if let (Some(month), Some(day)) = (num(Field::BirthMonth), num(Field::BirthDay)) {
            let year = num(Field::BirthYear).map(|y| y as i32).filter(|&y| y > 0);
            c.birthday = YearlyDate::new(year, month, day);
        }
    }
    if let Some(text) = values(Field::Anniversary).first() {
        match parse_loose_date(text) {
            Some(date) => c.dates.push(LabelledDate {
                label: "anniversary".into(),
                date,
            }),
            None if text.trim() == "0/0/00" => {}
            None => note_bad("anniversary", text),
        }
    }
    let note: Vec<String> = values(Field::Notes)
        .iter()
        .map(|n| n.replace("\r\n", "\n").trim().to_string())
        .collect();
    c.notes = (!note.is_empty()).then(|| note.join("\n"));
    Ok(c)
}

fn note_bad_since(notes: &mut Vec<Skip>, source: &str, text: &str) {
    notes.push(Skip {
        source: source.to_string(),
        reason: format!("connected-on date '{}' is not a date; left out", text.trim()),
    });
}

/// True when a date column of the file holds a day-first date such as
/// `20/02/1992`: then every `a/b/yyyy` date of the file is read day first.
fn file_is_day_first(records: &[csv::StringRecord], fields: &[Option<Field>]) -> bool {
    let dated = |f: &Option<Field>| matches!(f, Some(Field::Birthday | Field::Anniversary | Field::Since));
    records
        .iter()
        .any(|r| r.iter().zip(fields).any(|(cell, f)| dated(f) && is_day_first(cell)))
}

/// The 1-based line where a record starting at byte `at` begins. The csv
/// crate counts a CRLF record's start from before its LF, so line ends at
/// the start are stepped over first.
fn line_at(text: &str, at: u64) -> usize {
    let bytes = text.as_bytes();
    let mut i = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    while i < bytes.len() && matches!(bytes[i], b'\r' | b'\n') {
        i += 1;
    }
    bytes[..i].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Reads every row of a CSV file.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FormatError> {
    let (text, encoding) = charset::decode_whole(bytes);
    if text.trim().is_empty() {
        return Err(FormatError::new(None, "the file is empty"));
    }
    let Some(header) = find_header(&text) else {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let first: String = first.chars().take(80).collect();
        return Err(FormatError::new(
            None,
            format!(
                "no column holds a name (looked for a header such as Name, Display Name, First Name, Given Name, Last Name or Family Name); the first line reads \"{first}\""
            ),
        ));
    };
    if let Some(line) = unclosed_quote(&text, header.delim) {
        return Err(FormatError::new(
            Some(format!("line {line}")),
            "a quoted field opens here and is never closed",
        ));
    }
    let fields = classify_all(&header.cells);
    let mut out = Parsed {
        encoding,
        ..Parsed::default()
    };
    let records = reader(&text, header.delim).into_records().skip(header.index + 1);
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let row = i + 1;
        rows.push(record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(&text, p.byte()));
            FormatError::new(Some(format!("row {row} (line {line})")), e.to_string())
        })?);
    }
    let day_first = file_is_day_first(&rows, &fields);
    for (i, record) in rows.iter().enumerate() {
        let row = i + 1;
        let line = record.position().map_or(0, |p| line_at(&text, p.byte()));
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let source = format!("row {row} (line {line})");
        match row_to_incoming(&cells, &fields, &source, day_first, &mut out.notes) {
            Ok(c) => out.contacts.push(c),
            Err(reason) => out.skipped.push(Skip { source, reason }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_csv_by_header_name() {
        let p = parse(b"email,Name,phone,org,title,tags,birthday,notes\nd@x.org,Dana Lee,+1 555,Lee Law,Attorney,\"a, b\",--04-15,hi\n").unwrap();
        let c = &p.contacts[0];
        assert_eq!(c.name, "Dana Lee");
        assert_eq!(c.emails, ["d@x.org"]);
        assert_eq!(c.phones, ["+1 555"]);
        assert_eq!(c.org.as_deref(), Some("Lee Law"));
        assert_eq!(c.role.as_deref(), Some("Attorney"));
        assert_eq!(c.tags, ["a", "b"]);
        assert_eq!(c.birthday.unwrap().to_string(), "04-15");
        assert_eq!(c.source, "row 1 (line 2)");
    }

    #[test]
    fn google_legacy_layout() {
        let csv = "Name,Given Name,Family Name,Birthday,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title\n\
                   Sam Cho,Sam,Cho,1980-03-22,* myContacts ::: Clients,* Work,sam@x.com ::: sam@y.com,Mobile,+1 2,Cho CPA,Partner\n";
        let c = &parse(csv.as_bytes()).unwrap().contacts[0];
        assert_eq!(c.name, "Sam Cho");
        assert_eq!(c.emails, ["sam@x.com", "sam@y.com"]);
        assert_eq!(c.tags, ["Clients"]);
        assert_eq!(c.role.as_deref(), Some("Partner"));
        assert_eq!(c.org.as_deref(), Some("Cho CPA"));
        assert_eq!(c.birthday.unwrap().to_string(), "1980-03-22");
    }

    #[test]
    fn outlook_title_is_an_honorific() {
        let csv = "First Name,Last Name,Title,Suffix,Job Title,Birthday,E-mail Address,E-mail Type,Business Phone,Business Fax\nJo,Ng,Ms.,,Coach,3/22/1980,jo@x.com,SMTP,555 1,555 2\n";
        let c = &parse(csv.as_bytes()).unwrap().contacts[0];
        assert_eq!(c.name, "Jo Ng");
        assert_eq!(c.role.as_deref(), Some("Coach"));
        assert_eq!(c.emails, ["jo@x.com"]);
        assert_eq!(c.phones, ["555 1", "555 2"]);
        assert_eq!(c.phone_types, [("555 2".to_string(), "work,fax".to_string())]);
        assert_eq!(c.birthday.unwrap().to_string(), "1980-03-22");
    }

    #[test]
    fn preamble_semicolons_and_skips() {
        let csv = "Notes:\n\"Some, text\"\n\nName;Email;Org\n;;Acme\nAna;ana@x.com\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.contacts.len(), 1);
        assert_eq!(p.contacts[0].name, "Ana");
        assert_eq!(p.contacts[0].source, "row 2 (line 6)");
        assert_eq!(
            p.skipped,
            [Skip {
                source: "row 1 (line 5)".into(),
                reason: "no name and no e-mail address".into()
            }]
        );
    }

    #[test]
    fn line_numbers_with_crlf_and_multi_line_fields() {
        let csv = "name,notes\r\nA,\"two\r\nlines\"\r\nB,x\r\n\r\nC,y\r\n";
        let sources: Vec<String> = parse(csv.as_bytes())
            .unwrap()
            .contacts
            .into_iter()
            .map(|c| c.source)
            .collect();
        assert_eq!(sources, ["row 1 (line 2)", "row 2 (line 4)", "row 3 (line 6)"]);
    }

    #[test]
    fn errors_name_the_problem() {
        let e = parse(b"a,b,c\n1,2,3\n").unwrap_err();
        assert!(e.message.contains("no column holds a name"), "{e}");
        let e = parse(b"name,notes\nA,ok\nB,\"never closed\nC,x\n").unwrap_err();
        assert_eq!(e.at.as_deref(), Some("line 3"));
        assert!(parse(b"  \n").is_err());
    }

    #[test]
    fn thunderbird_birth_parts() {
        let csv = "First Name,Last Name,Display Name,Birth Year,Birth Month,Birth Day\nA,B,A B,,2,29\n";
        let c = &parse(csv.as_bytes()).unwrap().contacts[0];
        assert_eq!(c.birthday.unwrap().to_string(), "02-29");
    }
}
