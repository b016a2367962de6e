//! Writing `contacts.toml`: sorted by id, keys in a fixed order.

use super::SCHEMA_VERSION;
use crate::domain::Partner;
use std::fmt::Write as _;

/// Writes the whole file: schema version first, then partners sorted by id,
/// keys in a fixed order, empty fields left out.
pub fn render(partners: &[Partner]) -> String {
    render_with(partners, &toml::Table::new())
}

/// [`render`], with the top-level items a newer version wrote kept: its
/// plain keys after the schema version (TOML wants them before any table),
/// its tables after the contacts.
pub fn render_with(partners: &[Partner], extra: &toml::Table) -> String {
    let mut sorted: Vec<&Partner> = partners.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::with_capacity(partners.len() * 300 + 32);
    let _ = writeln!(out, "schema_version = {SCHEMA_VERSION}");
    let (tables, plain): (toml::Table, toml::Table) = extra
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(_, v)| is_table(v));
    kept_plain(&mut out, &plain);
    for p in sorted {
        out.push_str("\n[[contact]]\n");
        render_partner_body(&mut out, p);
    }
    if !tables.is_empty() {
        out.push('\n');
        kept_tables(&mut out, &tables);
    }
    out
}

/// Kept plain keys (no table among them), one line each.
pub(crate) fn kept_plain(out: &mut String, plain: &toml::Table) {
    for (k, v) in plain {
        let _ = writeln!(out, "{} = {}", key(k), inline_value(v));
    }
}

/// Kept tables and lists of tables, each under its header, what they hold
/// written inline; every key written as TOML reads it back.
pub(crate) fn kept_tables(out: &mut String, tables: &toml::Table) {
    for (i, (k, v)) in tables.iter().enumerate() {
        let items: Vec<(bool, &toml::Table)> = match v {
            toml::Value::Array(a) => a.iter().filter_map(toml::Value::as_table).map(|t| (true, t)).collect(),
            toml::Value::Table(t) => vec![(false, t)],
            _ => Vec::new(),
        };
        for (j, (listed, t)) in items.into_iter().enumerate() {
            if i + j > 0 {
                out.push('\n');
            }
            let (open, close) = if listed { ("[[", "]]") } else { ("[", "]") };
            let _ = writeln!(out, "{open}{}{close}", key(k));
            kept_plain(out, t);
        }
    }
}

/// The body of one `[[contact]]` table (used for the file and the undo
/// journal).
pub fn render_partner_body(out: &mut String, p: &Partner) {
    let mut kv = |k: &str, v: String| {
        out.push_str(k);
        out.push_str(" = ");
        out.push_str(&v);
        out.push('\n');
    };
    kv("id", quote(&p.id));
    kv("name", quote(&p.name));
    if let Some(v) = &p.org {
        kv("org", quote(v));
    }
    if let Some(v) = &p.role {
        kv("role", quote(v));
    }
    for (k, list) in [("emails", &p.emails), ("phones", &p.phones), ("tags", &p.tags)] {
        if !list.is_empty() {
            kv(
                k,
                format!("[{}]", list.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")),
            );
        }
    }
    kv("stage", quote(p.stage.as_str()));
    if let Some(c) = p.cadence_days {
        kv("cadence_days", c.to_string());
    }
    if let Some(b) = &p.birthday {
        kv("birthday", quote(&b.to_string()));
    }
    if !p.dates.is_empty() {
        let items: Vec<String> = p
            .dates
            .iter()
            .map(|d| {
                format!(
                    "{{ label = {}, date = {} }}",
                    quote(&d.label),
                    quote(&d.date.to_string())
                )
            })
            .collect();
        kv("dates", format!("[{}]", items.join(", ")));
    }
    if let Some(v) = &p.clientele {
        kv("clientele", quote(v));
    }
    if let Some(v) = &p.notes {
        kv("notes", quote(v));
    }
    if let Some(v) = &p.benefit {
        kv("benefit", quote(v));
    }
    if let Some(d) = p.since {
        kv("since", d.format("%Y-%m-%d").to_string());
    }
    if let Some(v) = &p.uid {
        kv("uid", quote(v));
    }
    if !p.aliases.is_empty() {
        kv(
            "aliases",
            format!(
                "[{}]",
                p.aliases.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    if p.archived {
        kv("archived", "true".into());
    }
    if let Some(v) = &p.archived_reason {
        kv("archived_reason", quote(v));
    }
    for (k, v) in &p.extra {
        kv(&key(k), inline_value(v));
    }
}

/// A value TOML writes under a header of its own: a table, or a list of
/// tables. Kept items of that kind go after every plain key.
pub(crate) fn is_table(v: &toml::Value) -> bool {
    match v {
        toml::Value::Table(_) => true,
        toml::Value::Array(a) => !a.is_empty() && a.iter().all(toml::Value::is_table),
        _ => false,
    }
}

/// A TOML basic string with every needed escape.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A key as TOML reads it back: bare when it can be, else a one-line basic
/// string (the toml writer may choose a multi-line string, which TOML allows
/// for values only).
pub(crate) fn key(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return k.to_string();
    }
    let mut out = String::with_capacity(k.len() + 2);
    out.push('"');
    for c in k.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn inline_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => {
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline_value(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        toml::Value::Array(a) => format!("[{}]", a.iter().map(inline_value).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}
