//! The store never commits what it cannot read back: before a change is
//! written, each partner, gesture and snooze it touches is rendered as the
//! file will hold it and parsed again, and it must come back as it was
//! meant. A mismatch refuses the change with one sentence naming the
//! partner and the field; nothing is written.

use super::error::StoreError;
use super::{contacts, log, queue_file};
use crate::domain::queue::QueueState;
use crate::domain::text::safe;
use crate::domain::{Gesture, Partner};

/// The partner `p`, rendered as `body` (one `[[contact]]` table), reads
/// back as `p`.
pub fn partner(p: &Partner, body: &str) -> Result<(), StoreError> {
    let text = format!("[[contact]]\n{body}");
    let field = match contacts::parse(&text) {
        Ok(mut f) => match f.partners.pop() {
            Some(q) if q == *p => return Ok(()),
            Some(q) => differing_field(p, &q),
            None => "entry".into(),
        },
        Err(problems) => problems
            .first()
            .and_then(|e| key_at(&text, e.offset))
            .unwrap_or_else(|| "entry".into()),
    };
    Err(refused(
        &format!("{}'s {}", safe(&p.name), safe(&field)),
        "contacts.toml",
    ))
}

/// The key of the TOML line that holds byte `offset`, if it reads as one.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let key = text[start..].split(" = ").next()?.trim().trim_matches('"');
    (!key.is_empty() && key.len() <= 40 && !key.contains('\n')).then(|| key.to_string())
}

/// The gesture `g`, rendered as `line`, reads back as `g`.
pub fn gesture(g: &Gesture, line: &str) -> Result<(), StoreError> {
    match log::parse_line(line) {
        Ok(back) if back == *g => Ok(()),
        Ok(back) => Err(refused(
            &format!(
                "the {} with {} ({})",
                g.kind.as_str(),
                safe(&g.contact),
                differing_field(g, &back)
            ),
            "gestures.jsonl",
        )),
        Err(_) => Err(refused(
            &format!("the {} with {}", g.kind.as_str(), safe(&g.contact)),
            "gestures.jsonl",
        )),
    }
}

/// The snoozes, rendered as `text`, read back as they are.
pub fn queue(state: &QueueState, text: &str) -> Result<(), StoreError> {
    match queue_file::parse(text) {
        Ok(back) if back.snoozed == state.snoozed => Ok(()),
        _ => Err(refused("a snooze", "queue.toml")),
    }
}

fn refused(what: &str, file: &str) -> StoreError {
    StoreError::Refused(format!(
        "Not written: {what} would not read back from {file} as it was meant; nothing was changed (please report this with the text you typed)"
    ))
}

/// The first field that differs between `a` and `b`, by its name in the
/// file.
fn differing_field<T: serde::Serialize>(a: &T, b: &T) -> String {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return "entry".into();
    };
    a.keys()
        .chain(b.keys())
        .find(|k| a.get(*k) != b.get(*k))
        .map_or_else(|| "entry".into(), |k| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_that_reads_back_passes_and_one_that_does_not_is_refused_by_name_and_field() {
        let mut p = Partner::new("jo", "Jo \"'\"\"\" Ng");
        p.notes = Some("line\r\nline\t\u{7}\u{202e}".into());
        let mut body = String::new();
        contacts::render_partner_body(&mut body, &p);
        partner(&p, &body).unwrap();
        let wrong = body.replace("notes = ", "role = \"x\"\nnotes = ");
        let e = partner(&p, &wrong).unwrap_err().to_string();
        assert!(
            e.contains("Jo") && e.contains("role") && e.contains("contacts.toml"),
            "{e}"
        );
        let e = partner(&p, "id = \"jo\"\nname = \"Jo\"\n\"\"\"x\"\"\" = 1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("Ng's x would not"), "{e}");
    }

    #[test]
    fn a_gesture_whose_line_says_something_else_is_refused() {
        let g = crate::store::new_gesture(
            "jo",
            crate::domain::Kind::Call,
            crate::domain::Direction::Given,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            Some("hi".into()),
        );
        let line = log::render_line(&g);
        gesture(&g, &line).unwrap();
        let e = gesture(&g, &line.replace("\"hi\"", "\"ho\"")).unwrap_err().to_string();
        assert!(e.contains("note") && e.contains("gestures.jsonl"), "{e}");
    }
}
