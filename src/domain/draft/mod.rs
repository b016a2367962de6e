//! Drafts: a message to a partner filled from a template with what the book
//! knows (their first name, whom they serve, what's in it for them) and what
//! the user says of themselves (`[me]` in config.toml), and the checks a
//! draft is held to ([`checks`]).
//!
//! A template is text with placeholders in braces (`{first_name}`); `{{`
//! and `}}` are literal braces. A first line `Subject: …` is the subject.
//! A placeholder with nothing to fill it says so in the draft, in square
//! brackets, with where to set it, rather than leaving `{benefit}`.

pub mod checks;

use super::{Book, Direction, Kind, Partner};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use strum::VariantArray;

/// The `[me]` table of config.toml: who is writing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Me {
    /// Your name, as you sign.
    pub name: String,
    /// Your practice or firm.
    pub practice: String,
    /// Whom you serve, e.g. "families going through separation".
    pub clientele: String,
    /// What you can do for a partner: overflow, talks, answers for their clients.
    pub offer: String,
    /// Your own e-mail addresses: mail from them is mail you sent
    /// (`rapport import MAILDIR --touches`).
    pub emails: Vec<String>,
}

impl Me {
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == Me::default()
    }
}

/// The templates rapport ships, by name, in the order they are offered.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("first", include_str!("../../../assets/templates/first.txt")),
    ("follow-up", include_str!("../../../assets/templates/follow-up.txt")),
    ("thank-you", include_str!("../../../assets/templates/thank-you.txt")),
    ("update", include_str!("../../../assets/templates/update.txt")),
];

/// The template a draft uses when none is named.
pub const DEFAULT_TEMPLATE: &str = "first";

/// What a template can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Placeholder {
    /// The first word of their name.
    FirstName,
    Name,
    TheirOrg,
    TheirRole,
    TheirClientele,
    /// Their clientele beside yours.
    SharedClientele,
    /// What's in it for them: their `benefit`, else your `offer`.
    Benefit,
    MyName,
    MyPractice,
    MyClientele,
    Offer,
    /// Their latest referral received: its date and the client's initials,
    /// never more ("on 19 November (M.O.)").
    Referral,
}

impl Placeholder {
    pub fn name(self) -> &'static str {
        self.into()
    }

    fn named(s: &str) -> Option<Placeholder> {
        Placeholder::VARIANTS.iter().copied().find(|p| p.name() == s)
    }

    /// Every placeholder, as a template writes them: `{first_name}, …`.
    pub fn all_names() -> String {
        let names: Vec<String> = Placeholder::VARIANTS
            .iter()
            .map(|p| format!("{{{}}}", p.name()))
            .collect();
        names.join(", ")
    }
}

/// A template that names a placeholder rapport does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}:{column}: unknown placeholder {{{placeholder}}} (known: {known})", known = Placeholder::all_names())]
pub struct TemplateError {
    /// The template's file, or `built-in template NAME`.
    pub origin: String,
    /// 1-based line and column (in chars) of the opening brace.
    pub line: usize,
    pub column: usize,
    pub placeholder: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(Placeholder),
}

/// A template, checked: every placeholder in it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    /// Where it came from, for messages.
    pub origin: String,
    pieces: Vec<Piece>,
}

impl Template {
    /// Reads a template's text; `origin` names it in the error.
    pub fn parse(name: &str, origin: &str, text: &str) -> Result<Template, TemplateError> {
        let mut pieces = Vec::new();
        let mut plain = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            plain.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let brace = rest.as_bytes()[i];
            if after.as_bytes().first() == Some(&brace) {
                plain.push(brace as char);
                rest = &after[1..];
                continue;
            }
            let ident_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if brace == b'{' && ident_len > 0 && after[ident_len..].starts_with('}') {
                let ident = &after[..ident_len];
                let Some(p) = Placeholder::named(ident) else {
                    let before = &text[..text.len() - rest.len() + i];
                    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
                    return Err(TemplateError {
                        origin: origin.to_string(),
                        line: before.matches('\n').count() + 1,
                        column: before[line_start..].chars().count() + 1,
                        placeholder: ident.to_string(),
                    });
                };
                pieces.push(Piece::Text(std::mem::take(&mut plain)));
                pieces.push(Piece::Slot(p));
                rest = &after[ident_len + 1..];
            } else {
                plain.push(brace as char);
                rest = after;
            }
        }
        plain.push_str(rest);
        pieces.push(Piece::Text(plain));
        pieces.retain(|p| *p != Piece::Text(String::new()));
        Ok(Template {
            name: name.to_string(),
            origin: origin.to_string(),
            pieces,
        })
    }

    /// The draft for what `facts` knows.
    pub fn fill(&self, facts: &Facts<'_>) -> Draft {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Slot(p) => text.push_str(&facts.value(*p)),
            }
        }
        let (subject, body) = match text.split_once('\n') {
            Some((first, rest)) if first.trim_start().starts_with("Subject:") => (
                first.trim_start()["Subject:".len()..].trim().to_string(),
                rest.trim_start_matches(['\n', '\r']).to_string(),
            ),
            _ => (String::new(), text),
        };
        Draft {
            template: self.name.clone(),
            to: facts.partner.name.clone(),
            email: facts.partner.emails.first().cloned(),
            subject,
            body: body.trim_end().to_string() + "\n",
        }
    }
}

/// The first word of a name: what a greeting uses.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// What a draft to one partner can say: the partner, you, and their latest
/// referral to you.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub partner: &'a Partner,
    pub me: &'a Me,
    /// The latest referral received from them: its date and the client's
    /// initials if its note starts with them.
    pub referral: Option<(NaiveDate, Option<String>)>,
    pub today: NaiveDate,
}

impl<'a> Facts<'a> {
    /// What `book` knows of `partner` for a draft written `today`.
    pub fn new(book: &Book, partner: &'a Partner, me: &'a Me, today: NaiveDate) -> Facts<'a> {
        // Their history (aliases included) is oldest first: the last is the latest.
        let referral = book
            .history(&partner.id)
            .into_iter()
            .rfind(|g| g.is(Kind::Referral, Direction::Received) && g.date <= today)
            .map(|g| (g.date, g.note.as_deref().and_then(initials)));
        Facts {
            partner,
            me,
            referral,
            today,
        }
    }

    /// What's in it for them: their benefit, else your offer.
    pub fn benefit(&self) -> Option<&str> {
        given(self.partner.benefit.as_deref()).or_else(|| given(Some(&self.me.offer)))
    }

    fn value(&self, p: Placeholder) -> String {
        let id = &self.partner.id;
        let me = |v: &str, what: &str, key: &str| {
            given(Some(v)).map_or_else(
                || format!("[{what}: set `{key}` under [me] in config.toml]"),
                str::to_string,
            )
        };
        let theirs = |v: Option<&str>, what: &str, flag: &str| {
            given(v).map_or_else(|| format!("[{what}: `rapport edit {id} --{flag} …`]"), str::to_string)
        };
        match p {
            Placeholder::FirstName => first_name(&self.partner.name).to_string(),
            Placeholder::Name => self.partner.name.clone(),
            Placeholder::TheirOrg => theirs(self.partner.org.as_deref(), "their practice", "org"),
            Placeholder::TheirRole => theirs(self.partner.role.as_deref(), "what they do", "role"),
            Placeholder::TheirClientele => theirs(self.partner.clientele.as_deref(), "whom they serve", "clientele"),
            Placeholder::SharedClientele => match (given(self.partner.clientele.as_deref()), given(Some(&self.me.clientele))) {
                (Some(t), Some(m)) => format!("{t} and {m}"),
                (Some(one), None) | (None, Some(one)) => one.to_string(),
                (None, None) => format!(
                    "[the clients you both serve: `rapport edit {id} --clientele …`, and `clientele` under [me] in config.toml]"
                ),
            },
            Placeholder::Benefit => self.benefit().map_or_else(
                || {
                    format!(
                        "[add what you can offer them: `rapport edit {id} --benefit …`, or set `offer` under [me] in config.toml]"
                    )
                },
                str::to_string,
            ),
            Placeholder::MyName => me(&self.me.name, "your name", "name"),
            Placeholder::MyPractice => me(&self.me.practice, "your practice", "practice"),
            Placeholder::MyClientele => me(&self.me.clientele, "whom you serve", "clientele"),
            Placeholder::Offer => me(&self.me.offer, "add what you can offer them", "offer"),
            Placeholder::Referral => match &self.referral {
                Some((date, initials)) => {
                    let day = if date.year() == self.today.year() {
                        date.format("%-d %B").to_string()
                    } else {
                        date.format("%-d %B %Y").to_string()
                    };
                    match initials {
                        Some(i) => format!("on {day} ({i})"),
                        None => format!("on {day}"),
                    }
                }
                None => format!("[no referral from them yet: `rapport log {id} referral --received`]"),
            },
        }
    }
}

fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// The client's initials at the start of a referral's note ("M.O., custody"
/// gives "M.O."); nothing else of the note, which may say more than a
/// message to someone else should.
pub fn initials(note: &str) -> Option<String> {
    let head = note.trim_start().split([',', ';', ' ']).next()?;
    let letters: Vec<&str> = head.split('.').collect();
    let ok = head.ends_with('.')
        && letters.len() >= 2
        && letters[..letters.len() - 1]
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_uppercase));
    ok.then(|| head.to_string())
}

/// A filled template, ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub template: String,
    /// The partner's name.
    pub to: String,
    /// Their first e-mail address, if they have one.
    pub email: Option<String>,
    pub subject: String,
    pub body: String,
}

impl Draft {
    /// `mailto:` with the address and the subject, for terminals that open
    /// links; none without an e-mail address.
    pub fn mailto(&self) -> Option<String> {
        let email = self.email.as_deref()?;
        let mut out = format!("mailto:{}", percent(email, true));
        if !self.subject.is_empty() {
            out.push_str("?subject=");
            out.push_str(&percent(&self.subject, false));
        }
        Some(out)
    }
}

impl fmt::Display for Draft {
    /// The draft as a file holds it: the subject line, a blank line, the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.subject.is_empty() {
            writeln!(f, "Subject: {}\n", self.subject)?;
        }
        f.write_str(&self.body)
    }
}

/// Percent-encodes all but the unreserved characters (and `@` in an address).
fn percent(s: &str, address: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (address && b == b'@');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
