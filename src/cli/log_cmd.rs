//! log, outcome.

use super::{Ctx, Failure, Outcome, gesture_date, resolve_who};
use crate::domain::change::Change;
use crate::domain::{Direction, Kind};
pub use crate::store::new_gesture as gesture;

pub struct LogArgs {
    pub kind: Kind,
    pub received: bool,
    pub date: Option<String>,
    pub note: Option<String>,
    pub value: Option<f64>,
    pub outcome: Option<crate::domain::Outcome>,
    /// A date after today is allowed.
    pub future: bool,
}

pub fn log(ctx: &Ctx, who: &str, a: LogArgs) -> Outcome {
    let date = match &a.date {
        Some(d) => gesture_date("--date", d, ctx.today, a.future)?,
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
    let build = |d: &crate::store::Data| {
        let i = resolve_who(&d.book, who)?;
        let mut g = gesture(&d.book.partners[i].id, a.kind, dir, date, a.note.clone());
        g.id.clear();
        g.value = a.value;
        g.outcome = a.outcome;
        Ok::<_, Failure>(Change::Log { gesture: g })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    tell_applied(&done);
    say!(
        "{} on {} · `rapport undo` takes it back",
        done.summary,
        date.format("%-d %b %Y")
    );
    Ok(())
}

/// The warnings and notes a change came with, on stderr.
pub fn tell_applied(a: &crate::domain::change::Applied) {
    for w in &a.warnings {
        tell!("warning: {w}");
    }
    for n in &a.notes {
        tell!("note: {n}");
    }
}

pub fn set_outcome(ctx: &Ctx, referral: &str, outcome: crate::domain::Outcome) -> Outcome {
    let build = |d: &crate::store::Data| {
        let book = &d.book;
        let referral = match book.gestures.iter().find(|g| g.id == referral) {
            Some(g) => g.id.clone(),
            None => {
                let i = resolve_who(book, referral)?;
                let id = &book.partners[i].id;
                book.gestures
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| &g.contact == id && g.is(Kind::Referral, Direction::Received))
                    .max_by_key(|(n, g)| (g.date, *n))
                    .map(|(_, g)| g.id.clone())
                    .ok_or_else(|| Failure::Usage(format!("{} has sent no referral yet", book.partners[i].name)))?
            }
        };
        Ok::<_, Failure>(Change::SetOutcome { referral, outcome })
    };
    let done = ctx.store.apply_with(build, &ctx.config.rules, ctx.today)?;
    say!("{}", done.summary);
    Ok(())
}
