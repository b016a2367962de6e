//! The partner card, as lines: what `rapport show` prints and the TUI's
//! card draws, built once here so the two never tell different stories.
//! Each line has a tone the TUI styles and the command line ignores.

use super::answers::OpenReferral;
use super::ledger::Ledger;
use super::queue::{QueueItem, Snoozed};
use super::text::ago_days;
use super::{Direction, Gesture, Kind, Partner, day_label, short_label};
use chrono::{Datelike, NaiveDate};

/// How a line is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// Phones and e-mails: what a call needs first.
    Reach,
    /// Something owed now.
    Late,
    Received,
    Given,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLine {
    pub tone: Tone,
    pub text: String,
    /// The queue key of an open item (the command line prints it).
    pub key: Option<String>,
}

impl CardLine {
    fn new(tone: Tone, text: String) -> CardLine {
        CardLine { tone, text, key: None }
    }
}

/// A card in three parts: the head that stays in view (who, how to reach
/// them, what is open), the facts, and the gestures newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    pub head: Vec<CardLine>,
    pub facts: Vec<CardLine>,
    pub gestures: Vec<CardLine>,
}

/// What the card is made from.
pub struct CardInput<'a> {
    pub partner: &'a Partner,
    pub ledger: &'a Ledger,
    /// Their gestures, newest first.
    pub gestures: &'a [&'a Gesture],
    pub open: &'a [QueueItem],
    /// Their items a snooze hides, and until when.
    pub snoozed: &'a [Snoozed],
    pub referrals: &'a [OpenReferral],
    /// The stage the log suggests, as its line ("Stage: rapport → trust?
    /// (…) · S accepts"), each caller saying how to accept it.
    pub suggestion: Option<String>,
    pub currency: &'a str,
    pub today: NaiveDate,
}

pub fn card(c: &CardInput) -> Card {
    let (p, l, today) = (c.partner, c.ledger, c.today);
    let mut card = Card::default();
    let plain = |s: String| CardLine::new(Tone::Plain, s);

    let head: Vec<&str> = [p.role.as_deref(), p.org.as_deref()].into_iter().flatten().collect();
    let mut first = head.join(" · ");
    if !first.is_empty() {
        first.push_str(" · ");
    }
    card.head.push(plain(format!("{first}stage: {}", p.stage)));
    if let Some(s) = &c.suggestion {
        card.head.push(CardLine::new(Tone::Late, s.clone()));
    }
    let reach: Vec<&str> = p.phones.iter().chain(p.emails.iter()).map(String::as_str).collect();
    if !reach.is_empty() {
        card.head.push(CardLine::new(Tone::Reach, reach.join(" · ")));
    }
    for item in c.open {
        card.head.push(CardLine {
            tone: Tone::Late,
            text: format!(
                "Open: {} · {} (due {})",
                item.kind.as_str(),
                item.text,
                short_label(item.due, today)
            ),
            key: Some(item.key.clone()),
        });
    }
    for s in c.snoozed {
        card.head.push(CardLine {
            tone: Tone::Plain,
            text: format!(
                "Snoozed until {}: {} · {}",
                day_label(s.until, today),
                s.item.kind.as_str(),
                s.item.text
            ),
            key: Some(s.item.key.clone()),
        });
    }

    let f = &mut card.facts;
    let cadence = if l.cadence_days == 0 {
        "no cadence".to_string()
    } else {
        format!("every {} days", l.cadence_days)
    };
    f.push(plain(match (l.last_touch, l.last_touch_kind) {
        (Some(d), Some(k)) => format!("Last touch {} ({k}) · {cadence}", ago_days((today - d).num_days())),
        (Some(d), None) => format!("Known since {}, no gesture yet · {cadence}", day_label(d, today)),
        _ => format!("No touch yet · {cadence}"),
    }));
    // Mail brought in by `import --touches` carries its thread.
    if let Some(m) = c
        .gestures
        .iter()
        .filter(|g| g.kind == Kind::Message && g.extra.contains_key("thread"))
        .max_by_key(|g| g.date)
    {
        let way = if m.dir == Direction::Given { "sent" } else { "received" };
        f.push(plain(format!(
            "Last e-mail {} ({way})",
            ago_days((today - m.date).num_days())
        )));
    }
    let b = &l.balance;
    f.push(plain(b.summary()));
    f.push(plain(format!(
        "All time: referrals received {} · given {} · {} became work",
        b.referrals_all.received, b.referrals_all.given, b.engaged
    )));
    let gifts: Vec<&&Gesture> = c
        .gestures
        .iter()
        .filter(|g| g.is(Kind::Gift, Direction::Given) && g.date.year() == today.year())
        .collect();
    if !gifts.is_empty() {
        let total: f64 = gifts.iter().filter_map(|g| g.value).sum();
        f.push(plain(format!(
            "Gifts this year: {} · {total:.2} {}",
            gifts.len(),
            c.currency
        )));
    }
    if !p.tags.is_empty() {
        f.push(plain(format!("Tags: {}", p.tags.join(", "))));
    }
    if let Some(x) = &p.clientele {
        f.push(plain(format!("Clientele: {x}")));
    }
    if let Some(x) = &p.benefit {
        f.push(plain(format!("What's in it for them: {x}")));
    }
    if let Some(bd) = &p.birthday {
        let next = bd.next_on_or_after(today);
        let age = bd
            .year
            .map(|y| next.year() - y)
            .filter(|a| (1..130).contains(a))
            .map(|a| format!(" (turns {a})"))
            .unwrap_or_default();
        f.push(plain(format!("Birthday: {}{age}", day_label(next, today))));
    }
    if let Some(n) = &p.notes {
        // Notes of several lines keep their lines, under the first.
        let mut rows = n.lines();
        f.push(plain(format!("Notes: {}", rows.next().unwrap_or(""))));
        for row in rows {
            f.push(plain(format!("       {row}")));
        }
    }
    if let Some(since) = p.since {
        f.push(plain(format!("In rapport since {}", day_label(since, today))));
    }
    if !p.aliases.is_empty() {
        f.push(plain(format!("Merged from: {}", p.aliases.join(", "))));
    }
    for r in c.referrals {
        f.push(plain(format!("Open referral: {}", r.text)));
    }
    f.push(plain(format!("Next: {}", l.next_action)));

    for g in c.gestures {
        let value = g.value.map(|v| format!(" · {v:.2} {}", c.currency)).unwrap_or_default();
        let outcome = g.outcome.map(|o| format!(" [{}]", o.as_str())).unwrap_or_default();
        let tone = match g.dir {
            Direction::Received => Tone::Received,
            Direction::Given => Tone::Given,
        };
        card.gestures.push(CardLine::new(
            tone,
            format!(
                "{:<11} {} {:<10} {}{value}{outcome}",
                short_label(g.date, today),
                g.dir.arrow(),
                g.kind.as_str(),
                g.note.as_deref().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        ));
    }
    card
}
