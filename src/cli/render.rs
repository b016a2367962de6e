//! Plain-text output for people: aligned rows and the call-prep card.

use crate::domain::ledger::Ledger;
use crate::domain::queue::QueueItem;
use crate::domain::text::{ago_days, safe};
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
    let mut line = |s: String| {
        out.push_str(&safe(&s));
        out.push('\n');
    };
    let mark = if l.connector { " ★ connector" } else { "" };
    let archived = match (p.archived, &p.archived_reason) {
        (false, _) => String::new(),
        (true, Some(r)) => format!(" (archived: {r})"),
        (true, None) => " (archived)".to_string(),
    };
    line(format!("{}{mark}{archived}   [{}]", p.name, p.id));
    let head: Vec<&str> = [p.role.as_deref(), p.org.as_deref()].into_iter().flatten().collect();
    let mut first = head.join(" · ");
    if !first.is_empty() {
        first.push_str(" · ");
    }
    line(format!("{first}stage: {}", p.stage));
    if let Some(s) = &extras.suggestion {
        line(format!("{} · rapport edit {} --accept-stage", s.line(), p.id));
    }
    let reach: Vec<&str> = p.phones.iter().chain(p.emails.iter()).map(String::as_str).collect();
    if !reach.is_empty() {
        line(reach.join(" · "));
    }
    let cadence = if l.cadence_days == 0 {
        "no cadence".to_string()
    } else {
        format!("every {} days", l.cadence_days)
    };
    match (l.last_touch, l.last_touch_kind) {
        (Some(d), Some(k)) => line(format!(
            "Last touch {} ({k}) · {cadence}",
            ago_days((today - d).num_days())
        )),
        (Some(d), None) => line(format!("Known since {} · {cadence}", d.format("%-d %b %Y"))),
        _ => line(format!("No touch yet · {cadence}")),
    }
    let b = &l.balance;
    line(b.summary());
    line(format!(
        "All time: referrals received {} · given {} · {} became work",
        b.referrals_all.received, b.referrals_all.given, b.engaged
    ));
    if !p.tags.is_empty() {
        line(format!("Tags: {}", p.tags.join(", ")));
    }
    if let Some(c) = &p.clientele {
        line(format!("Clientele: {c}"));
    }
    if let Some(b) = &p.benefit {
        line(format!("What's in it for them: {b}"));
    }
    if let Some(bd) = &p.birthday {
        line(format!("Birthday: {}", bd.next_on_or_after(today).format("%-d %B")));
    }
    if let Some(n) = &p.notes {
        // Notes of several lines keep their lines, under the first.
        let mut rows = n.lines();
        line(format!("Notes: {}", rows.next().unwrap_or("")));
        for row in rows {
            line(format!("       {row}"));
        }
    }
    for item in open {
        line(format!(
            "Open: {} · {} (due {})   [{}]",
            item.kind.as_str(),
            item.text,
            item.due.format("%-d %b"),
            item.key
        ));
    }
    for r in extras.referrals {
        line(format!("Open referral: {}", r.text));
    }
    line(format!("Next: {}", l.next_action));
    for g in gestures.iter().take(5) {
        let value = g.value.map(|v| format!(" · {v:.2} {currency}")).unwrap_or_default();
        line(format!(
            "{} {} {}{}{}",
            g.date.format("%d %b %Y"),
            g.dir.arrow(),
            fit(g.kind.as_str(), 10),
            g.note.as_deref().unwrap_or(""),
            value
        ));
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
