//! `gestures.jsonl`: the union of both sides by gesture id, in date order
//! (equal dates by id, which for rapport's ids is the order they were made).
//!
//! A gesture one side removed (an undo) and the other left as it was is
//! removed; one side changed is that change; changed on both sides, the
//! later change wins: a referral's outcome moves from none to `pending` to
//! settled (`engaged` or `declined`), so the further one is the later;
//! otherwise ours.

use super::{Inputs, MergeError, Merged};
use crate::domain::Gesture;
pub use crate::domain::merge::merge_gestures;
use crate::store::StoreError;
use crate::store::log::{parse, render_line};
use std::path::Path;

/// Parses one side; a line that does not parse, or a last line cut short,
/// is an error at its line and column.
fn gestures_of(path: &Path, text: &str) -> Result<Vec<Gesture>, Vec<StoreError>> {
    let to_error = |line, column, message| StoreError::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    match parse(text) {
        Ok(file) => match file.torn_tail {
            Some(t) => Err(vec![to_error(
                t.line,
                1,
                "the last line is cut short (a gesture written halfway)".to_string(),
            )]),
            None => Ok(file.gestures),
        },
        Err(problems) => Err(problems
            .into_iter()
            .map(|p| to_error(p.line, p.column, p.message))
            .collect()),
    }
}

/// The log as written: one line per gesture.
pub fn render(gestures: &[Gesture]) -> String {
    let mut out = String::with_capacity(gestures.len() * 160);
    for g in gestures {
        out.push_str(&render_line(g));
        out.push('\n');
    }
    out
}

pub fn merge(inputs: &Inputs) -> Result<Merged, MergeError> {
    let mut problems = Vec::new();
    let mut side = |(path, text): (&Path, &str)| {
        gestures_of(path, text).unwrap_or_else(|mut e| {
            problems.append(&mut e);
            Vec::new()
        })
    };
    let (base, ours, theirs) = (side(inputs.base), side(inputs.ours), side(inputs.theirs));
    if !problems.is_empty() {
        return Err(MergeError::Parse(problems));
    }
    Ok(Merged {
        text: render(&merge_gestures(&base, &ours, &theirs)),
        conflicts: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::g;
    use crate::domain::{Direction, Kind};

    #[test]
    fn a_bad_line_is_named_by_path_line_and_column() {
        let good = render(&[g(1, "dana-lee", "2026-11-01", Kind::Referral, Direction::Received)]);
        let bad = format!("{good}{{\"id\": \n");
        let inputs = Inputs {
            base: (Path::new("base"), &good),
            ours: (Path::new("ours"), &bad),
            theirs: (Path::new("theirs"), &good),
        };
        let Err(MergeError::Parse(e)) = merge(&inputs) else {
            panic!("a bad line merged")
        };
        assert!(e[0].to_string().starts_with("ours:2:"), "{}", e[0]);
    }
}
