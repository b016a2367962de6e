//! `rapport query`: addresses for a mail client, in the format mutt's
//! `query_command` reads (a first line for the status bar, then one
//! `email<TAB>name<TAB>org` line an address) and aerc's `address-book-cmd`
//! reads with `--no-header`.

use super::{Ctx, Failure, Outcome};
use crate::domain::text::{fold, safe};

/// A field for one column: made safe, with no tab or line break to split it.
fn column(s: &str) -> String {
    safe(s).replace(['\t', '\n', '\r'], " ")
}

pub fn query(ctx: &Ctx, query: &str, no_header: bool) -> Outcome {
    let all = ctx.store.load_partners()?;
    let touches = all.last_touches();
    let mut rows: Vec<usize> = all.index.search(query, &touches).into_iter().map(|h| h.index).collect();
    let partners = all.get(&(0..all.ids.len()).collect::<Vec<_>>())?;
    // An address typed in part finds its partner too.
    let q = fold(query.trim());
    if !q.is_empty() {
        for (i, p) in partners.iter().enumerate() {
            if !p.archived && !rows.contains(&i) && p.emails.iter().any(|e| fold(e).contains(&q)) {
                rows.push(i);
            }
        }
    }
    let lines: Vec<String> = rows
        .iter()
        .map(|&i| &partners[i])
        .flat_map(|p| {
            p.emails.iter().map(move |e| {
                format!(
                    "{}\t{}\t{}",
                    column(e),
                    column(&p.name),
                    column(p.org.as_deref().unwrap_or(""))
                )
            })
        })
        .collect();
    if lines.is_empty() {
        return Err(Failure::Data(format!(
            "no partner with an e-mail address matches '{}'",
            safe(query)
        )));
    }
    if !no_header {
        super::out::line(&format!(
            "rapport: {} address{} for '{}'",
            lines.len(),
            if lines.len() == 1 { "" } else { "es" },
            column(query)
        ));
    }
    for l in lines {
        super::out::line(&l);
    }
    Ok(())
}
