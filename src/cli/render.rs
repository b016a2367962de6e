//! Plain-text output for people: aligned rows and the call-prep card.

use crate::domain::ledger::Ledger;
use crate::domain::queue::QueueItem;
use crate::domain::text::safe;
use crate::domain::{Gesture, Partner};
use chrono::NaiveDate;
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` made safe for a terminal, then cut or padded to exactly `width`
/// terminal columns (escaped first, so the escapes are counted).
pub fn fit(s: &str, width: usize) -> String {
    let s = safe(s);
    let s = s.as_ref();
    let w = s.width();
    if w <= width {
        return format!("{s}{}", " ".repeat(width - w));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    used += 1;
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// "today", "yesterday", "3d ago".
pub fn ago(d: Option<NaiveDate>, today: NaiveDate) -> String {
    match d.map(|d| (today - d).num_days()) {
        None => "never".into(),
        Some(0) => "today".into(),
        Some(1) => "yesterday".into(),
        Some(n) if n < 0 => format!("in {}d", -n),
        Some(n) => format!("{n}d ago"),
    }
}

/// A partner as a JSON object: the contact's fields plus what rapport knows
/// of them.
#[derive(Serialize)]
pub struct ContactJson<'a> {
    #[serde(flatten)]
    pub partner: &'a Partner,
    pub connector: bool,
    pub last_touch: Option<NaiveDate>,
}

/// One line per partner for `list` and `search`.
pub fn partner_row(p: &Partner, connector: bool, last: Option<NaiveDate>, today: NaiveDate) -> String {
    let name = if connector {
        format!("{} ★", p.name)
    } else {
        p.name.clone()
    };
    format!(
        "{} {} {} {} {}",
        fit(&name, 26),
        fit(p.org.as_deref().unwrap_or(""), 26),
        fit(p.stage.as_str(), 14),
        fit(&ago(last, today), 10),
        p.id
    )
}

/// The call-prep card for `show`, every line made safe for a terminal.
/// What the card shows beside the ledger: the referrals still open.
pub struct CardExtras<'a> {
    pub referrals: &'a [crate::domain::answers::OpenReferral],
    /// Their items a snooze hides.
    pub snoozed: &'a [crate::domain::queue::Snoozed],
    /// The stage the log suggests, said under the stage line.
    pub suggestion: Option<crate::domain::stage::Suggestion>,
}

pub fn card(
    p: &Partner,
    l: &Ledger,
    gestures: &[&Gesture],
    open: &[QueueItem],
    extras: &CardExtras,
    currency: &str,
    today: NaiveDate,
) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(&safe(s));
        out.push('\n');
    };
    let mark = if l.connector { " ★ connector" } else { "" };
    let archived = match (p.archived, &p.archived_reason) {
        (false, _) => String::new(),
        (true, Some(r)) => format!(" (archived: {r})"),
        (true, None) => " (archived)".to_string(),
    };
    line(&format!("{}{mark}{archived}   [{}]", p.name, p.id));
    let c = crate::domain::card::card(&crate::domain::card::CardInput {
        partner: p,
        ledger: l,
        gestures,
        open,
        snoozed: extras.snoozed,
        referrals: extras.referrals,
        suggestion: extras
            .suggestion
            .as_ref()
            .map(|s| format!("{} · rapport edit {} --accept-stage", s.line(), p.id)),
        currency,
        today,
    });
    for l in c.head.iter().chain(&c.facts) {
        match &l.key {
            Some(k) => line(&format!("{}   [{k}]", l.text)),
            None => line(&l.text),
        }
    }
    for l in c.gestures.iter().take(10) {
        line(&l.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("Zoë", 5), "Zoë  ");
        assert_eq!(fit("王伟伟", 5), "王伟…");
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
