//! One `[[contact]]` table read into a partner, each field checked and each
//! problem placed at its value.

use super::Problem;
use crate::domain::partner::LabelledDate;
use crate::domain::{Partner, Stage, YearlyDate, parse_date};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

pub(super) fn at(v: &Spanned<DeValue<'_>>, message: impl Into<String>) -> Problem {
    Problem {
        offset: v.span().start,
        message: message.into(),
    }
}

fn text_field(key: &str, v: &Spanned<DeValue<'_>>) -> Result<String, Problem> {
    v.get_ref()
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| at(v, format!("`{key}` must be a string, not {}", type_name(v.get_ref()))))
}

fn list_field(key: &str, v: &Spanned<DeValue<'_>>) -> Result<Vec<String>, Problem> {
    // A single string is accepted where a list is expected.
    if let Some(s) = v.get_ref().as_str() {
        return Ok(vec![s.to_string()]);
    }
    let Some(arr) = v.get_ref().as_array() else {
        return Err(at(
            v,
            format!("`{key}` must be a list of strings, not {}", type_name(v.get_ref())),
        ));
    };
    arr.iter().map(|e| text_field(key, e)).collect()
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

pub(super) fn partner_from(
    table: &DeTable<'_>,
    start: usize,
    warnings: &mut Vec<Problem>,
) -> Result<Partner, Vec<Problem>> {
    let mut p = Partner::default();
    let mut problems = Vec::new();
    let mut push = |r: Result<(), Problem>| {
        if let Err(e) = r {
            problems.push(e)
        }
    };
    for (key, v) in table.iter() {
        let k = key.get_ref().as_ref();
        let r: Result<(), Problem> = (|| {
            match k {
                "id" => p.id = text_field(k, v)?,
                "name" => p.name = text_field(k, v)?,
                "org" => p.org = Some(text_field(k, v)?),
                "role" => p.role = Some(text_field(k, v)?),
                "clientele" => p.clientele = Some(text_field(k, v)?),
                "notes" => p.notes = Some(text_field(k, v)?),
                "benefit" => p.benefit = Some(text_field(k, v)?),
                "uid" => p.uid = Some(text_field(k, v)?),
                "archived_reason" => p.archived_reason = Some(text_field(k, v)?),
                "emails" => p.emails = list_field(k, v)?,
                "aliases" => p.aliases = list_field(k, v)?,
                "phones" => p.phones = list_field(k, v)?,
                "tags" => p.tags = list_field(k, v)?,
                "stage" => p.stage = text_field(k, v)?.parse::<Stage>().map_err(|m| at(v, m))?,
                "cadence_days" => {
                    let n = v
                        .get_ref()
                        .as_integer()
                        .and_then(|i| i.as_str().parse::<i64>().ok())
                        .ok_or_else(|| {
                            at(
                                v,
                                format!(
                                    "`cadence_days` must be a whole number of days, not {}",
                                    type_name(v.get_ref())
                                ),
                            )
                        })?;
                    let n = u32::try_from(n).map_err(|_| at(v, "`cadence_days` must be 0 or more"))?;
                    p.cadence_days = Some(n);
                }
                "birthday" => p.birthday = Some(yearly(k, v)?),
                "since" => {
                    let s = match v.get_ref() {
                        DeValue::Datetime(d) => d.to_string(),
                        DeValue::String(s) => s.to_string(),
                        other => {
                            return Err(at(
                                v,
                                format!("`since` must be a date like 2024-03-05, not {}", type_name(other)),
                            ));
                        }
                    };
                    p.since = Some(parse_date(&s).map_err(|m| at(v, format!("`since`: {m}")))?);
                }
                "archived" => {
                    p.archived = v
                        .get_ref()
                        .as_bool()
                        .ok_or_else(|| at(v, "`archived` must be true or false"))?
                }
                "dates" => {
                    let arr = v.get_ref().as_array().ok_or_else(|| {
                        at(
                            v,
                            "`dates` must be a list like [{ label = \"anniversary\", date = \"06-01\" }]",
                        )
                    })?;
                    for e in arr.iter() {
                        let t = e.get_ref().as_table().ok_or_else(|| {
                            at(e, "each entry of `dates` must be a table like { label = \"anniversary\", date = \"06-01\" }")
                        })?;
                        let label = t.get("label").map(|l| text_field("label", l)).transpose()?;
                        let date = t.get("date").map(|d| yearly("date", d)).transpose()?;
                        match (label, date) {
                            (Some(label), Some(date)) => p.dates.push(LabelledDate { label, date }),
                            _ => return Err(at(e, "each entry of `dates` needs a `label` and a `date`")),
                        }
                    }
                }
                // What an import keeps for the export (see interop::extras).
                _ if crate::domain::partner::IMPORT_KEYS.contains(&k) => {
                    let value = value_of(v).map_err(|m| at(v, m))?;
                    p.extra.insert(k.to_string(), phone_types_as_list(k, value));
                }
                _ => {
                    let value = value_of(v).map_err(|m| at(v, m))?;
                    warnings.push(Problem {
                        offset: key.span().start,
                        message: format!("unknown key `{k}` (kept as it is)"),
                    });
                    p.extra.insert(k.to_string(), value);
                }
            }
            Ok(())
        })();
        push(r);
    }
    if p.id.trim().is_empty() {
        problems.push(Problem {
            offset: start,
            message: "a contact has no `id`".into(),
        });
    } else if p.id.trim() != p.id || p.id.contains(char::is_whitespace) {
        let off = table.get("id").map_or(start, |v| v.span().start);
        problems.push(Problem {
            offset: off,
            message: format!("id \"{}\" must not contain spaces", p.id),
        });
    }
    if p.name.trim().is_empty() {
        let off = table.get("name").map_or(start, |v| v.span().start);
        problems.push(Problem {
            offset: off,
            message: format!("contact \"{}\" has an empty name", p.id),
        });
    }
    if problems.is_empty() { Ok(p) } else { Err(problems) }
}

fn yearly(key: &str, v: &Spanned<DeValue<'_>>) -> Result<YearlyDate, Problem> {
    let s = match v.get_ref() {
        DeValue::String(s) => s.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        other => {
            return Err(at(
                v,
                format!(
                    "`{key}` must be a date like \"04-15\" or \"1980-04-15\", not {}",
                    type_name(other)
                ),
            ));
        }
    };
    YearlyDate::parse(&s).map_err(|m| at(v, format!("`{key}`: {m}")))
}

/// A parsed value as a plain `toml::Value`, to keep a key this version
/// does not know and write it back.
pub(crate) fn value_of(v: &Spanned<DeValue<'_>>) -> Result<toml::Value, String> {
    use serde::Deserialize;
    toml::Value::deserialize(ValueDeserializer::from(v.clone())).map_err(|e| e.message().to_string())
}

/// Older versions kept `phone_types` as a table keyed by the number, which
/// the TOML writer cannot always write back as a key (a number holding both
/// quote kinds); it is read as the list of `[number, type]` pairs written
/// now, so the next change writes the list (after the usual backup).
fn phone_types_as_list(key: &str, value: toml::Value) -> toml::Value {
    match value {
        toml::Value::Table(t) if key == "phone_types" => toml::Value::Array(
            t.into_iter()
                .map(|(number, kind)| toml::Value::Array(vec![toml::Value::String(number), kind]))
                .collect(),
        ),
        other => other,
    }
}
