//! Which gesture clears a queue item: the one rule that `rapport done` and
//! the TUI's `d` share.

use super::queue::{ItemKind, QueueItem};
use super::{Book, Direction, Gesture, Kind, Outcome};
use chrono::NaiveDate;

/// The gesture that clears `item`: the item's own kind (or `kind`, when the
/// user picked another), given on `date`, with `id`. A thank or update
/// item's gesture answers its referral (`re`), and names it in the note
/// ("for referral M.O.") unless `note` says something else; a blank note
/// is no note.
///
/// `history` is the partner's gestures ([`Book::history`]), where the
/// referral a thank or update item answers is found.
///
/// `None` for an item that no gesture of its own clears, and `kind` does not
/// name one: a one-way item wants a referral given, or a snooze.
pub fn done_gesture(
    history: &[&Gesture],
    item: &QueueItem,
    id: String,
    date: NaiveDate,
    kind: Option<Kind>,
    note: Option<String>,
) -> Option<Gesture> {
    let kind = kind.or(item.logs)?;
    let referral_note = || match (item.kind, &item.gesture) {
        (ItemKind::Thank | ItemKind::Update, Some(gid)) => history
            .iter()
            .find(|g| &g.id == gid)
            .and_then(|g| g.note.as_ref())
            .map(|n| format!("for referral {n}")),
        _ => None,
    };
    let note = note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .or_else(referral_note);
    let re = match item.kind {
        ItemKind::Thank | ItemKind::Update => item.gesture.clone(),
        _ => None,
    };
    Some(Gesture {
        id,
        date,
        contact: item.contact.clone(),
        kind,
        dir: Direction::Given,
        note,
        value: None,
        outcome: None,
        re,
        extra: Default::default(),
    })
}

/// Adds `update` (an update given, whose `re` names the referral it
/// answers) to the book and sets `outcome` on that referral: one change, so
/// one undo takes back both. Says why when `re` names no referral received
/// from the same partner (under an id merged into them too), and changes
/// nothing then.
pub fn record_update(book: &mut Book, update: Gesture, outcome: Outcome) -> Result<(), String> {
    let partner = book.position_or_alias(&update.contact);
    let referral = update.re.as_deref().and_then(|re| {
        book.gestures.iter().position(|g| {
            g.id == re
                && g.is(Kind::Referral, Direction::Received)
                && (g.contact == update.contact || (partner.is_some() && book.position_or_alias(&g.contact) == partner))
        })
    });
    let Some(at) = referral else {
        return Err(format!(
            "the referral this update is about is no longer in the log; nothing was logged ({})",
            update.re.as_deref().unwrap_or("no referral named")
        ));
    };
    book.gestures[at].outcome = Some(outcome);
    book.gestures.push(update);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;

    fn day(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    fn item(kind: ItemKind, gesture: Option<&str>, logs: Option<Kind>) -> QueueItem {
        QueueItem {
            key: "k".into(),
            kind,
            contact: "dana".into(),
            due: day("2026-11-20"),
            text: String::new(),
            gesture: gesture.map(String::from),
            logs,
            urgency: 0.0,
        }
    }

    fn book() -> Book {
        let referral = Gesture {
            id: "g-1".into(),
            date: day("2026-11-18"),
            contact: "dana".into(),
            kind: Kind::Referral,
            dir: Direction::Received,
            note: Some("M.O.".into()),
            value: None,
            outcome: None,
            re: None,
            extra: Default::default(),
        };
        Book::new(vec![Partner::new("dana", "Dana")], vec![referral])
    }

    #[test]
    fn an_update_sets_the_outcome_on_its_referral_and_only_there() {
        let mut b = book();
        let today = day("2026-11-27");
        let update = item(ItemKind::Update, Some("g-1"), Some(Kind::Update));
        let g = done_gesture(&b.history("dana"), &update, "g-2".into(), today, None, None).unwrap();
        assert_eq!((g.kind, g.re.as_deref()), (Kind::Update, Some("g-1")));
        record_update(&mut b, g.clone(), Outcome::Engaged).unwrap();
        assert_eq!(b.gestures[0].outcome, Some(Outcome::Engaged));
        assert_eq!(b.gestures.len(), 2);
        let mut stray = g;
        stray.id = "g-3".into();
        stray.re = Some("g-404".into());
        let before = b.clone();
        assert!(record_update(&mut b, stray, Outcome::Declined).is_err());
        assert_eq!(b, before, "nothing changes when the referral is gone");
    }

    #[test]
    fn an_update_finds_a_referral_logged_under_a_merged_id() {
        let mut b = book();
        b.gestures[0].contact = "dana-2".into();
        b.partners[0].aliases = vec!["dana-2".into()];
        let today = day("2026-11-27");
        let update = item(ItemKind::Update, Some("g-1"), Some(Kind::Update));
        let g = done_gesture(&b.history("dana"), &update, "g-2".into(), today, None, None).unwrap();
        record_update(&mut b, g, Outcome::Pending).unwrap();
        assert_eq!(b.gestures[0].outcome, Some(Outcome::Pending));
    }

    #[test]
    fn a_thank_you_names_its_referral_and_a_one_way_item_logs_nothing() {
        let b = book();
        let today = day("2026-11-20");
        let thank = item(ItemKind::Thank, Some("g-1"), Some(Kind::ThankYou));
        let g = done_gesture(&b.history("dana"), &thank, "g-2".into(), today, None, None).unwrap();
        assert_eq!((g.kind, g.dir, g.date), (Kind::ThankYou, Direction::Given, today));
        assert_eq!(g.note.as_deref(), Some("for referral M.O."));
        assert_eq!(g.re.as_deref(), Some("g-1"), "it answers that one referral");
        let own = done_gesture(
            &b.history("dana"),
            &thank,
            "g-3".into(),
            today,
            Some(Kind::Card),
            Some(" card ".into()),
        )
        .unwrap();
        assert_eq!((own.kind, own.note.as_deref()), (Kind::Card, Some("card")));
        let blank = done_gesture(&b.history("dana"), &thank, "g-4".into(), today, None, Some("  ".into())).unwrap();
        assert_eq!(
            blank.note.as_deref(),
            Some("for referral M.O."),
            "a blank note is no note"
        );

        let one_way = item(ItemKind::OneWay, None, None);
        assert!(done_gesture(&b.history("dana"), &one_way, "g-5".into(), today, None, None).is_none());
        let given = done_gesture(
            &b.history("dana"),
            &one_way,
            "g-6".into(),
            today,
            Some(Kind::Referral),
            None,
        )
        .unwrap();
        assert_eq!(given.kind, Kind::Referral);
        let touch = item(ItemKind::Touch, None, Some(Kind::Call));
        assert_eq!(
            done_gesture(&b.history("dana"), &touch, "g-7".into(), today, None, None)
                .unwrap()
                .note,
            None
        );
    }
}
