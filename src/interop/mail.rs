//! Mail as touches: the messages of a maildir (or a folder of them), an
//! mbox, one `.eml` or one message on standard input, matched to partners
//! by address, for `rapport import PATH --touches`.
//!
//! A message from one of your addresses (`[me] emails`) to a partner (To or
//! Cc) is a `message` given to each partner addressed; a message from a
//! partner is a `message` received. One gesture per partner, thread, day
//! and direction; its `source` is the Message-ID (or, for a message without
//! one, a hash of its Date, From and Subject) and its `thread` the first
//! message of its thread (References, else In-Reply-To, else its own id), so
//! importing the same mail again adds nothing. Mailing lists, bulk mail and
//! auto-replies, mail to more than `mail_max_recipients` people and mail
//! before `--since` are skipped and counted by reason.
//!
//! Only the headers are parsed (mail-parser), one message at a time: a
//! maildir of 100,000 messages keeps one message's bytes in memory.

use crate::domain::{Book, Direction, Gesture, Kind};
use chrono::{NaiveDate, TimeZone};
use mail_parser::{HeaderValue, MessageParser};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The gesture field that names the thread an imported message belongs to.
pub const THREAD: &str = "thread";

/// A note is cut to this many characters.
const NOTE_CHARS: usize = 80;

/// What one message's headers say, as far as touches need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The Message-ID without its angle brackets, or a stand-in hash.
    pub id: String,
    /// The first message of the thread: References' first, else
    /// In-Reply-To, else `id`.
    pub thread: String,
    /// The day it was sent, in the reader's time zone; `None` when the
    /// message has no date that can be read.
    pub date: Option<NaiveDate>,
    /// The sender's addresses, lower-cased.
    pub from: Vec<String>,
    /// To and Cc, lower-cased.
    pub to: Vec<String>,
    pub subject: Option<String>,
    /// Why the message is no touch at all (a list, bulk mail, an
    /// auto-reply), when it is none.
    pub not_personal: Option<&'static str>,
}

/// Messages read from a path, and how many could not be read as mail.
#[derive(Debug, Default)]
pub struct Mailbox {
    pub mails: Vec<Mail>,
    pub unreadable: usize,
}

/// Reads `path`: a maildir (a folder with `cur` and `new`), a folder of
/// maildirs (Maildir++ subfolders and nested folders), an mbox file (it
/// begins with a `From ` line) or one message. `tz` says which day a
/// message's time falls on.
pub fn read_path<Tz: TimeZone>(path: &Path, tz: &Tz) -> std::io::Result<Mailbox> {
    let mut out = Mailbox::default();
    if path.is_dir() {
        let dirs = maildirs(path);
        if dirs.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "this folder is no maildir and holds none (a maildir has cur/ and new/)",
            ));
        }
        for dir in dirs {
            for m in mail_parser::mailbox::maildir::MessageIterator::new(&dir)? {
                match m {
                    Ok(m) => out.add(m.contents(), tz),
                    Err(_) => out.unreadable += 1,
                }
            }
        }
        return Ok(out);
    }
    let file = std::fs::File::open(path)?;
    read_stream(std::io::BufReader::new(file), tz, &mut out)?;
    Ok(out)
}

/// Reads one message, or an mbox, from `reader` (standard input for
/// mutt's `pipe-message` and aerc's `:pipe`).
pub fn read_stream<Tz: TimeZone>(mut reader: impl BufRead, tz: &Tz, out: &mut Mailbox) -> std::io::Result<()> {
    let is_mbox = reader.fill_buf()?.starts_with(b"From ");
    if is_mbox {
        for m in mail_parser::mailbox::mbox::MessageIterator::new(reader) {
            match m {
                Ok(m) => out.add(m.contents(), tz),
                Err(_) => out.unreadable += 1,
            }
        }
    } else {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        out.add(&bytes, tz);
    }
    Ok(())
}

impl Mailbox {
    fn add<Tz: TimeZone>(&mut self, bytes: &[u8], tz: &Tz) {
        match parse(bytes, tz) {
            Some(m) => self.mails.push(m),
            None => self.unreadable += 1,
        }
    }
}

/// The maildirs at or under `root`, in name order: every folder with both
/// `cur` and `new` (Maildir++ keeps its subfolders inside the maildir).
fn maildirs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        if dir.join("cur").is_dir() && dir.join("new").is_dir() {
            out.push(dir.clone());
        }
        if depth >= 8 {
            continue;
        }
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut subs: Vec<PathBuf> = rd
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .filter(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("cur" | "new" | "tmp")))
            .collect();
        subs.sort();
        stack.extend(subs.into_iter().rev().map(|p| (p, depth + 1)));
    }
    out.sort();
    out
}

/// One message's headers; `None` when the bytes hold no mail header.
pub fn parse<Tz: TimeZone>(bytes: &[u8], tz: &Tz) -> Option<Mail> {
    let m = MessageParser::default().parse_headers(bytes)?;
    let addresses = |a: Option<&mail_parser::Address>| -> Vec<String> {
        a.map(|a| {
            a.iter()
                .filter_map(|x| x.address())
                .map(|s| s.trim().to_lowercase())
                .filter(|s| s.contains('@'))
                .collect()
        })
        .unwrap_or_default()
    };
    let from = addresses(m.from());
    let mut to = addresses(m.to());
    to.extend(addresses(m.cc()));
    // Mail has at least one header mail has (From, Date, MIME-Version,
    // Received …); "BEGIN:VCARD" parses as a header too, of no known name.
    if !m
        .headers()
        .iter()
        .any(|h| !matches!(h.name, mail_parser::HeaderName::Other(_)))
    {
        return None;
    }
    let date = m.date().and_then(|d| day_of(d, tz));
    let subject = m.subject().map(str::to_string);
    let id = match m.message_id().map(bare_id).filter(|s| !s.is_empty()) {
        Some(id) => id,
        None => {
            // A stand-in that the same message gives again.
            let seed = format!(
                "{}\n{}\n{}",
                m.header_raw("Date").unwrap_or_default().trim(),
                from.join(","),
                subject.as_deref().unwrap_or_default()
            );
            format!("hash-{:016x}", xxhash_rust::xxh3::xxh3_64(seed.as_bytes()))
        }
    };
    let first = |v: &HeaderValue| -> Option<String> {
        match v {
            HeaderValue::Text(t) => Some(bare_id(t)),
            HeaderValue::TextList(l) => l.first().map(|t| bare_id(t)),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    let thread = first(m.references())
        .or_else(|| first(m.in_reply_to()))
        .unwrap_or_else(|| id.clone());
    let raw = |name: &str| m.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let not_personal = if m.header_raw("List-Id").is_some() {
        Some("mailing list")
    } else if raw("Precedence").is_some_and(|p| matches!(p.as_str(), "bulk" | "list" | "junk")) {
        Some("bulk mail")
    } else if raw("Auto-Submitted").is_some_and(|a| a != "no") {
        Some("auto-reply")
    } else {
        None
    };
    Some(Mail {
        id,
        thread,
        date,
        from,
        to,
        subject,
        not_personal,
    })
}

fn bare_id(s: &str) -> String {
    s.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// The day a message's date falls on in `tz`.
fn day_of<Tz: TimeZone>(d: &mail_parser::DateTime, tz: &Tz) -> Option<NaiveDate> {
    let local = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())?.and_hms_opt(
        d.hour.into(),
        d.minute.into(),
        d.second.min(59).into(),
    )?;
    let offset = (i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60) * if d.tz_before_gmt { -1 } else { 1 };
    let offset = chrono::FixedOffset::east_opt(offset)?;
    let at = local.and_local_timezone(offset).single()?;
    Some(at.with_timezone(tz).date_naive()).filter(|&d| crate::domain::date::writable(d))
}

/// One message to log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub date: NaiveDate,
    /// The partner's id.
    pub contact: String,
    pub name: String,
    /// `given` (you wrote to them) or `received`.
    pub dir: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source: String,
    pub thread: String,
}

/// What matching mail found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MailTouches {
    /// Messages not in the log yet, by date.
    pub new: Vec<Message>,
    /// Messages matched that the log already holds (or that another
    /// message of their thread on that day stands for).
    pub already_logged: usize,
    /// Partners written to or heard from, counting those already logged.
    pub partners: usize,
    /// Messages read.
    pub messages: usize,
    /// Personal messages neither from nor to a partner.
    pub no_partner: usize,
    /// Messages with an archived partner, left out.
    pub archived: usize,
    /// Messages left out, by reason ("mailing list": 3).
    pub skipped: BTreeMap<String, usize>,
}

impl MailTouches {
    /// Messages matched to a partner, new and already logged.
    pub fn matched(&self) -> usize {
        self.new.len() + self.already_logged
    }

    fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }
}

/// What to match mail against.
pub struct Rules<'a> {
    /// Your own addresses (`[me] emails`), any case.
    pub me: &'a [String],
    /// Mail to more people than this is no personal touch.
    pub max_recipients: usize,
    /// Mail before this day is left out.
    pub since: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Matches each message to partners by address.
pub fn find(book: &Book, mailbox: Mailbox, rules: &Rules) -> MailTouches {
    let mut by_email: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in book.partners.iter().enumerate() {
        for e in &p.emails {
            let list = by_email.entry(e.trim().to_lowercase()).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }
    let me: HashSet<String> = rules.me.iter().map(|e| e.trim().to_lowercase()).collect();
    // What the log holds already: sources, and threads by day, each under
    // the partner it belongs to (a gesture under a merged-away id too).
    let owners = book.owners();
    let mut logged: HashSet<(usize, String)> = HashSet::new();
    let mut threads: HashSet<(usize, String, NaiveDate, Direction)> = HashSet::new();
    for (g, &o) in book.gestures.iter().zip(&owners) {
        if g.kind != Kind::Message || o == crate::domain::book::NOBODY {
            continue;
        }
        let o = o as usize;
        if let Some(s) = g.extra.get(super::touches::SOURCE).and_then(|v| v.as_str()) {
            logged.insert((o, s.to_string()));
        }
        if let Some(t) = g.extra.get(THREAD).and_then(|v| v.as_str()) {
            threads.insert((o, t.to_string(), g.date, g.dir));
        }
    }
    let mut t = MailTouches {
        messages: mailbox.mails.len() + mailbox.unreadable,
        ..MailTouches::default()
    };
    for _ in 0..mailbox.unreadable {
        t.skip("not a message that can be read");
    }
    let mut met = HashSet::new();
    let mut seen_ids = HashSet::new();
    for m in mailbox.mails {
        if !seen_ids.insert(m.id.clone()) {
            t.skip("the same message twice");
            continue;
        }
        if let Some(why) = m.not_personal {
            t.skip(why);
            continue;
        }
        let Some(date) = m.date else {
            t.skip("no date");
            continue;
        };
        if date > rules.today {
            t.skip("dated after today");
            continue;
        }
        if rules.since.is_some_and(|s| date < s) {
            t.skip("before --since");
            continue;
        }
        let recipients: HashSet<&String> = m.to.iter().collect();
        if recipients.len() > rules.max_recipients {
            t.skip("too many recipients");
            continue;
        }
        let from_me = m.from.iter().any(|f| me.contains(f));
        let (dir, people): (Direction, Vec<&String>) = if from_me {
            (
                Direction::Given,
                recipients.into_iter().filter(|a| !me.contains(*a)).collect(),
            )
        } else {
            (Direction::Received, m.from.iter().collect())
        };
        let mut partners: Vec<usize> = people
            .iter()
            .flat_map(|a| by_email.get(a.as_str()).into_iter().flatten().copied())
            .collect();
        partners.sort_unstable();
        partners.dedup();
        if partners.is_empty() {
            t.no_partner += 1;
            continue;
        }
        let note = m.subject.as_deref().map(note_of).filter(|n| !n.is_empty());
        for i in partners {
            let p = &book.partners[i];
            if p.archived {
                t.archived += 1;
                continue;
            }
            met.insert(i);
            let already = logged.contains(&(i, m.id.clone()));
            let same_thread_day = !threads.insert((i, m.thread.clone(), date, dir));
            if already || same_thread_day {
                t.already_logged += 1;
                continue;
            }
            t.new.push(Message {
                date,
                contact: p.id.clone(),
                name: p.name.clone(),
                dir,
                note: note.clone(),
                source: m.id.clone(),
                thread: m.thread.clone(),
            });
        }
    }
    t.new
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
    t.partners = met.len();
    t
}

/// A subject as a note: controls and line breaks become spaces, runs of
/// spaces one, and it is cut at 80 characters.
fn note_of(subject: &str) -> String {
    let clean: String = subject
        .chars()
        .map(|c| {
            if c.is_control() || crate::domain::text::is_terminal_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= NOTE_CHARS {
        return words;
    }
    let cut: String = words.chars().take(NOTE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The message as a gesture to log, with this id.
pub fn gesture(m: &Message, id: String) -> Gesture {
    let mut extra = serde_json::Map::new();
    extra.insert(
        super::touches::SOURCE.into(),
        serde_json::Value::String(m.source.clone()),
    );
    extra.insert(THREAD.into(), serde_json::Value::String(m.thread.clone()));
    Gesture {
        id,
        date: m.date,
        contact: m.contact.clone(),
        kind: Kind::Message,
        dir: m.dir,
        note: m.note.clone(),
        value: None,
        outcome: None,
        re: None,
        extra,
    }
}

#[cfg(test)]
mod tests;
