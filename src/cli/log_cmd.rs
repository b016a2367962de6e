//! log, outcome.

use super::{Ctx, Failure, Outcome, date_arg, resolve_who};
use crate::domain::ledger::warnings_for;
use crate::domain::{Direction, Kind};
pub use crate::store::new_gesture as gesture;

pub struct LogArgs {
    pub kind: Kind,
    pub received: bool,
    pub date: Option<String>,
    pub note: Option<String>,
    pub value: Option<f64>,
    pub outcome: Option<crate::domain::Outcome>,
}

pub fn log(ctx: &Ctx, who: &str, a: LogArgs) -> Outcome {
    let date = match &a.date {
        Some(d) => date_arg("--date", d, ctx.today)?,
        None => ctx.today,
    };
    if a.outcome.is_some() && a.kind != Kind::Referral {
        return Err(Failure::Usage("--outcome is for referrals only".into()));
    }
    let dir = if a.received {
        Direction::Received
    } else {
        Direction::Given
    };
    let (text, warnings) = ctx.store.change(|data| {
        let i = resolve_who(&data.book, who)?;
        let p = &data.book.partners[i];
        let mut g = gesture(&p.id, a.kind, dir, date, a.note.clone());
        g.value = a.value;
        g.outcome = a.outcome;
        let warnings = warnings_for(&data.book, &ctx.config.rules, &g);
        let text = format!("Logged {}", g.describe(&p.name));
        data.book.gestures.push(g);
        Ok::<_, Failure>(((text.clone(), warnings), text))
    })?;
    for w in warnings {
        tell!("warning: {w}");
    }
    say!("{text} on {} · `rapport undo` takes it back", date.format("%-d %b %Y"));
    Ok(())
}

pub fn set_outcome(ctx: &Ctx, referral: &str, outcome: crate::domain::Outcome) -> Outcome {
    let text = ctx.store.change(|data| {
        let pos = match data.book.gestures.iter().position(|g| g.id == referral) {
            Some(pos) => pos,
            None => {
                let i = resolve_who(&data.book, referral)?;
                let id = data.book.partners[i].id.clone();
                data.book
                    .gestures
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.contact == id && g.is(Kind::Referral, Direction::Received))
                    .max_by_key(|(n, g)| (g.date, *n))
                    .map(|(n, _)| n)
                    .ok_or_else(|| Failure::Usage(format!("{} has sent no referral yet", data.book.partners[i].name)))?
            }
        };
        let name = {
            let c = &data.book.gestures[pos].contact;
            data.book.partner(c).map_or(c.clone(), |p| p.name.clone())
        };
        let g = &mut data.book.gestures[pos];
        if g.kind != Kind::Referral {
            return Err(Failure::Usage(format!(
                "gesture {} is a {}, not a referral",
                g.id, g.kind
            )));
        }
        g.outcome = Some(outcome);
        let note = g.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        let text = format!(
            "Referral {} {}{note} marked {}",
            g.date.format("%-d %b %Y"),
            name,
            outcome.as_str()
        );
        Ok::<_, Failure>((text.clone(), text))
    })?;
    say!("{text}");
    Ok(())
}
