//! The practitioners' tests for a first message, rule by rule: is it
//! addressed by name, does it name the clients you share, offer something,
//! propose a next step; no attachment, nothing ad-like, no asking before
//! giving. Each check says why it passes or fails and, for a fail, quotes
//! the words that caused it.

use super::Me;
use crate::domain::words::{Phrase, Word, content_words, first_found, quote, same_word, words};
use serde::Serialize;

/// One of the checks, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::VariantArray)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    AddressedByName,
    SharedClientele,
    WhatsInItForThem,
    NextStep,
    NoAttachment,
    NotAnAd,
    GivingBeforeAsking,
}

impl Check {
    /// The check's name as the design's table gives it.
    pub fn label(self) -> &'static str {
        match self {
            Check::AddressedByName => "addressed by name",
            Check::SharedClientele => "shared clientele",
            Check::WhatsInItForThem => "what's in it for them",
            Check::NextStep => "a next step",
            Check::NoAttachment => "no attachment",
            Check::NotAnAd => "not an ad",
            Check::GivingBeforeAsking => "giving before asking",
        }
    }
}

/// How a draft fared on one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub check: Check,
    pub pass: bool,
    /// Why, in a few words.
    pub reason: String,
    /// For a fail, the words of the draft that caused it (empty when the
    /// fail is something missing).
    pub words: Vec<String>,
}

impl Verdict {
    fn pass(check: Check, reason: impl Into<String>) -> Verdict {
        Verdict {
            check,
            pass: true,
            reason: reason.into(),
            words: Vec::new(),
        }
    }

    fn fail(check: Check, reason: impl Into<String>, words: Vec<String>) -> Verdict {
        Verdict {
            check,
            pass: false,
            reason: reason.into(),
            words,
        }
    }

    /// One line: `✔ a next step: proposes “coffee”`.
    pub fn line(&self) -> String {
        let mark = if self.pass { '✔' } else { '✘' };
        let mut out = format!("{mark} {}: {}", self.check.label(), self.reason);
        if !self.words.is_empty() {
            let quoted: Vec<String> = self.words.iter().map(|w| format!("“{w}”")).collect();
            out.push_str(&format!(": {}", quoted.join(", ")));
        }
        out
    }
}

/// What the checks know of the partner and of you. With no partner, the
/// first-name check only asks for a greeting that names someone.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub first_name: Option<&'a str>,
    pub their_clientele: Option<&'a str>,
    pub me: Option<&'a Me>,
}

/// Longer than this, a first message reads like a brochure.
pub const MAX_WORDS: usize = 200;

const GENERIC_GREETINGS: &[Phrase] = &[
    Phrase("to whom it may concern"),
    Phrase("dear colleague*"),
    Phrase("dear sir*"),
    Phrase("dear madam"),
    Phrase("madam"),
    Phrase("dear friend*"),
    Phrase("dear partner*"),
    Phrase("dear doctor"),
    Phrase("dear team"),
    Phrase("hi there"),
    Phrase("hello there"),
    Phrase("hey there"),
    Phrase("hi all"),
    Phrase("hello all"),
    Phrase("hi everyone"),
    Phrase("hello everyone"),
    Phrase("hi team"),
    Phrase("greetings"),
];

const GREETING_WORDS: &[&str] = &["hi", "hello", "dear", "hey", "good", "morning", "afternoon", "evening"];

/// Who a message might say it serves, when the partner is not known.
const CLIENT_NOUNS: &[Phrase] = &[
    Phrase("famil*"),
    Phrase("parent*"),
    Phrase("couple*"),
    Phrase("child*"),
    Phrase("kids"),
    Phrase("teen*"),
    Phrase("patient*"),
    Phrase("students"),
    Phrase("owners"),
    Phrase("professionals"),
    Phrase("buyers"),
    Phrase("seniors"),
    Phrase("we both serve"),
    Phrase("we both see"),
    Phrase("we both work with"),
];

const OFFERS: &[Phrase] = &[
    Phrase("overflow"),
    Phrase("offer*"),
    Phrase("useful to you"),
    Phrase("of use to you"),
    Phrase("help you*"),
    Phrase("support you*"),
    Phrase("happy to"),
    Phrase("glad to"),
    Phrase("i can"),
    Phrase("i could"),
    Phrase("your way"),
    Phrase("refer* _ to you"),
    Phrase("refer* _ _ to you"),
    Phrase("refer* to you"),
    Phrase("send you"),
    Phrase("return the favo*"),
    Phrase("a talk"),
    Phrase("speak*"),
    Phrase("workshop*"),
    Phrase("answer*"),
    Phrase("consult*"),
    Phrase("resource*"),
    Phrase("introduc*"),
];

const NEXT_STEPS: &[Phrase] = &[
    Phrase("coffee"),
    Phrase("call"),
    Phrase("phone"),
    Phrase("tea"),
    Phrase("lunch"),
    Phrase("breakfast"),
    Phrase("meet"),
    Phrase("meet up"),
    Phrase("chat"),
    Phrase("zoom"),
    Phrase("catch up"),
    Phrase("get together"),
    Phrase("sit down"),
    Phrase("stop by"),
    Phrase("drop by"),
];

const ATTACHMENTS: &[Phrase] = &[Phrase("attach*"), Phrase("enclos*"), Phrase("pdf"), Phrase("brochure*")];

const HARD_SELL: &[Phrase] = &[
    Phrase("lifeblood _ my business"),
    Phrase("lifeblood _ my practice"),
    Phrase("lifeblood"),
    Phrase("act now"),
    Phrase("limited time"),
    Phrase("don't miss"),
    Phrase("dont miss"),
    Phrase("special offer"),
    Phrase("exclusive offer"),
    Phrase("guarantee*"),
    Phrase("call today"),
    Phrase("book today"),
    Phrase("sign up today"),
    Phrase("buy now"),
    Phrase("click here"),
    Phrase("risk free"),
    Phrase("unbeatable"),
    Phrase("once in a lifetime"),
    Phrase("best in town"),
    Phrase("number one"),
    Phrase("world class"),
    Phrase("life changing"),
];

const ASKS: &[Phrase] = &[
    Phrase("referrals are"),
    Phrase("lifeblood"),
    Phrase("your referrals"),
    Phrase("any referrals"),
    Phrase("more referrals"),
    Phrase("appreciate referr*"),
    Phrase("welcome referr*"),
    Phrase("need referr*"),
    Phrase("looking for referr*"),
    Phrase("send me"),
    Phrase("send us"),
    Phrase("refer* _ to me"),
    Phrase("refer* _ _ to me"),
    Phrase("refer* to me"),
    Phrase("refer* _ to us"),
    Phrase("refer me"),
    Phrase("refer us"),
    Phrase("keep me in mind"),
    Phrase("think of me"),
    Phrase("pass my name"),
    Phrase("pass along my name"),
    Phrase("grow my practice"),
    Phrase("build my practice"),
    Phrase("new clients"),
    Phrase("more clients"),
];

/// The message itself: header lines (`To:`, `Subject:` …) at the top and a
/// `mailto:` line left out.
pub fn body_of(text: &str) -> String {
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.peek() {
        let t = l.trim();
        let header = ["To:", "Subject:", "Cc:", "Bcc:", "From:"]
            .iter()
            .any(|h| t.starts_with(h));
        if t.is_empty() || header {
            lines.next();
        } else {
            break;
        }
    }
    lines
        .filter(|l| !l.trim_start().starts_with("mailto:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every check, in order, on a draft (its header lines are skipped).
pub fn check(text: &str, known: &Known<'_>) -> Vec<Verdict> {
    let body = body_of(text);
    let w = words(&body);
    let found = |phrases: &[Phrase]| first_found(&body, &w, phrases);
    let offer = found(OFFERS);
    let mut out = vec![addressed(&body, known)];
    out.push(shared(&body, &w, known));
    out.push(match &offer {
        Some(o) => Verdict::pass(Check::WhatsInItForThem, format!("offers something (“{o}”)")),
        None => Verdict::fail(
            Check::WhatsInItForThem,
            "nothing offers them something (overflow, an answer, a talk, a referral)",
            Vec::new(),
        ),
    });
    out.push(match found(NEXT_STEPS) {
        Some(s) => Verdict::pass(Check::NextStep, format!("proposes “{s}”")),
        None => Verdict::fail(Check::NextStep, "no call, coffee or meeting is proposed", Vec::new()),
    });
    out.push(match found(ATTACHMENTS) {
        Some(a) => Verdict::fail(
            Check::NoAttachment,
            "it mentions an attachment; put the words in the message",
            vec![a],
        ),
        None => Verdict::pass(Check::NoAttachment, "nothing attached"),
    });
    let mut ad = Vec::new();
    if let Some(p) = found(HARD_SELL) {
        ad.push(p);
    }
    if w.len() > MAX_WORDS {
        ad.push(format!("{} words", w.len()));
    }
    out.push(if ad.is_empty() {
        Verdict::pass(Check::NotAnAd, format!("{} words, no hard sell", w.len()))
    } else {
        Verdict::fail(
            Check::NotAnAd,
            format!("a hard-sell phrase, or more than {MAX_WORDS} words"),
            ad,
        )
    });
    out.push(match (found(ASKS), &offer) {
        (None, _) => Verdict::pass(Check::GivingBeforeAsking, "asks for nothing"),
        (Some(_), Some(_)) => Verdict::pass(Check::GivingBeforeAsking, "offers something beside the ask"),
        (Some(ask), None) => Verdict::fail(
            Check::GivingBeforeAsking,
            "it asks for referrals and offers nothing",
            vec![ask],
        ),
    });
    out
}

/// The greeting: the first line of the message.
fn addressed(body: &str, known: &Known<'_>) -> Verdict {
    let c = Check::AddressedByName;
    let line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let w = words(line);
    if let Some(g) = first_found(line, &w, GENERIC_GREETINGS) {
        return Verdict::fail(c, "a generic greeting", vec![g]);
    }
    let greeting = w.first().is_some_and(|f| GREETING_WORDS.contains(&f.folded.as_str()));
    match known.first_name {
        Some(name) => {
            let folded = crate::domain::text::fold(name);
            let named = w.iter().take(4).any(|x| x.folded == folded);
            if named {
                Verdict::pass(c, format!("opens with “{line}”"))
            } else if line.is_empty() {
                Verdict::fail(c, "the message is empty", Vec::new())
            } else {
                Verdict::fail(c, format!("the greeting does not name {name}"), vec![line.to_string()])
            }
        }
        None => {
            // Someone named: a capitalised word after the greeting word, or
            // a short line like "Lena,".
            let names = |x: &Word| line[x.start..].chars().next().is_some_and(char::is_uppercase);
            let named = if greeting {
                w.iter()
                    .skip(1)
                    .find(|x| !GREETING_WORDS.contains(&x.folded.as_str()))
                    .is_some_and(names)
            } else {
                w.len() <= 3 && line.ends_with(',') && w.first().is_some_and(names)
            };
            if named {
                Verdict::pass(c, format!("opens with “{line}” (give --to WHO to check the name)"))
            } else {
                Verdict::fail(c, "no greeting with the partner's first name", first_words(line, &w))
            }
        }
    }
}

fn first_words(line: &str, w: &[Word]) -> Vec<String> {
    if w.is_empty() {
        Vec::new()
    } else {
        vec![quote(line, w, 0..w.len().min(4))]
    }
}

/// The clients you both serve: a word of their clientele or yours, or, not
/// knowing either, a word that names a clientele.
fn shared(body: &str, w: &[Word], known: &Known<'_>) -> Verdict {
    let c = Check::SharedClientele;
    let mut theirs: Vec<String> = Vec::new();
    for text in [known.their_clientele, known.me.map(|m| m.clientele.as_str())]
        .into_iter()
        .flatten()
    {
        theirs.extend(content_words(text).into_iter().filter(|x| x.chars().count() >= 4));
    }
    let hit = w
        .iter()
        .position(|x| theirs.iter().any(|t| same_word(t, &x.folded)))
        .map(|i| quote(body, w, i..i + 1))
        .or_else(|| first_found(body, w, CLIENT_NOUNS));
    match hit {
        Some(h) => Verdict::pass(c, format!("names the clients you serve (“{h}”)")),
        None => Verdict::fail(c, "nothing names the clients you both serve", Vec::new()),
    }
}

#[cfg(test)]
mod tests;
