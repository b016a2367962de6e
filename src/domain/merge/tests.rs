//! The three-way and two-way merges of partners, logs and snoozes.

use super::*;
use crate::domain::{Direction, Kind};

fn dana() -> Partner {
    let mut p = Partner::new("dana-lee", "Dana Lee");
    p.phones = vec!["+1 555 0100".into()];
    p
}

/// A referral from Dana on day `day` of November 2026, with this id.
fn g(id: &str, day: u32) -> Gesture {
    let mut g = crate::domain::testing::g(
        0,
        "dana-lee",
        &format!("2026-11-{day:02}"),
        Kind::Referral,
        Direction::Received,
    );
    g.id = id.into();
    g
}

fn ids(gs: &[Gesture]) -> Vec<&str> {
    gs.iter().map(|g| g.id.as_str()).collect()
}

#[test]
fn fields_changed_on_different_sides_are_both_taken() {
    let base = dana();
    let mut ours = dana();
    ours.phones = vec!["+1 555 0101".into()];
    let mut theirs = dana();
    theirs.notes = Some("Spouse Sam".into());
    let (p, c) = merge_partner(&base, &ours, &theirs);
    assert!(c.is_empty());
    assert_eq!(p.phones, ["+1 555 0101"]);
    assert_eq!(p.notes.as_deref(), Some("Spouse Sam"));
}

#[test]
fn a_field_both_changed_keeps_ours_and_is_recorded() {
    let base = dana();
    let mut ours = dana();
    ours.phones = vec!["+1 555 0101".into()];
    let mut theirs = dana();
    theirs.phones = vec!["+1 555 0199".into()];
    let (p, c) = merge_partner(&base, &ours, &theirs);
    assert_eq!(p.phones, ["+1 555 0101"]);
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].field.as_str(), c[0].theirs.as_str()),
        ("phones", "[\"+1 555 0199\"]")
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let mut both = dana();
    both.org = Some("Lee Family Law".into());
    let (p, c) = merge_partner(&dana(), &both, &both);
    assert!(c.is_empty());
    assert_eq!(p, both);
}

#[test]
fn archived_on_one_side_is_archived() {
    let mut theirs = dana();
    theirs.archived = true;
    theirs.archived_reason = Some("not a fit".into());
    let mut ours = dana();
    ours.tags = vec!["attorney".into()];
    let (p, c) = merge_partner(&dana(), &ours, &theirs);
    assert!(c.is_empty());
    assert!(p.archived);
    assert_eq!(p.archived_reason.as_deref(), Some("not a fit"));
    assert_eq!(p.tags, ["attorney"]);
}

#[test]
fn unknown_keys_merge_key_by_key() {
    let mut base = dana();
    base.extra.insert("pronouns".into(), "she/her".into());
    let mut ours = base.clone();
    ours.extra.insert("fax".into(), "555".into());
    let mut theirs = base.clone();
    theirs.extra.remove("pronouns");
    let (p, c) = merge_partner(&base, &ours, &theirs);
    assert!(c.is_empty());
    assert_eq!(p.extra.keys().collect::<Vec<_>>(), ["fax"]);
}

#[test]
fn partners_added_removed_and_kept() {
    let amy = Partner::new("amy", "Amy");
    let bo = Partner::new("bo", "Bo");
    let cy = Partner::new("cy", "Cy");
    let mut cy2 = cy.clone();
    cy2.notes = Some("moved".into());
    // bo removed on ours, unchanged on theirs: removed. cy removed on
    // theirs, changed on ours: kept as changed. dana added on theirs.
    let base = [amy.clone(), bo.clone(), cy.clone()];
    let ours = [amy.clone(), cy2.clone()];
    let theirs = [amy.clone(), bo, dana()];
    let (ps, c) = merge_partners(&base, &ours, &theirs);
    assert_eq!(ps, [amy, cy2, dana()]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].contact, "cy");
}

#[test]
fn a_partner_added_on_both_sides_merges_field_by_field() {
    let mut ours = dana();
    ours.org = Some("Lee Law".into());
    let mut theirs = dana();
    theirs.notes = Some("met at the bar dinner".into());
    let (ps, c) = merge_partners(&[], &[ours], &[theirs]);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(ps[0].org.as_deref(), Some("Lee Law"));
    assert_eq!(ps[0].notes.as_deref(), Some("met at the bar dinner"));
}

#[test]
fn the_union_in_date_order_then_by_id() {
    let base = [g("a", 1)];
    let ours = [g("a", 1), g("c", 3), g("b2", 2)];
    let theirs = [g("a", 1), g("b1", 2), g("d", 4)];
    assert_eq!(ids(&merge_gestures(&base, &ours, &theirs)), ["a", "b1", "b2", "c", "d"]);
}

#[test]
fn a_removal_on_one_side_holds_unless_the_other_changed_it() {
    let base = [g("a", 1), g("b", 2)];
    let mut changed = g("b", 2);
    changed.note = Some("later".into());
    assert_eq!(ids(&merge_gestures(&base, &[g("b", 2)], &base)), ["b"]);
    let out = merge_gestures(&base, &[g("a", 1)], &[g("a", 1), changed.clone()]);
    assert_eq!(out, [g("a", 1), changed]);
}

#[test]
fn the_later_outcome_wins_and_ours_when_neither_is_later() {
    let base = [g("a", 1)];
    let (mut pending, mut engaged, mut declined) = (g("a", 1), g("a", 1), g("a", 1));
    pending.outcome = Some(Outcome::Pending);
    engaged.outcome = Some(Outcome::Engaged);
    declined.outcome = Some(Outcome::Declined);
    assert_eq!(
        merge_gestures(&base, &[pending.clone()], &[engaged.clone()]),
        [engaged.clone()]
    );
    assert_eq!(merge_gestures(&base, &[engaged.clone()], &[pending]), [engaged.clone()]);
    assert_eq!(merge_gestures(&base, &[declined.clone()], &[engaged]), [declined]);
}

#[test]
fn the_history_tells_which_side_changed_a_field() {
    let before = dana();
    // Ours: the phone changed on the other machine; theirs (the copy):
    // this machine's notes.
    let mut ours = dana();
    ours.phones = vec!["+1 555 0101".into()];
    let mut theirs = dana();
    theirs.notes = Some("Spouse Sam".into());
    let (ps, c) = merge_partners_two_way(&[ours.clone()], &[theirs.clone()], &[vec![before.clone()]]);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(ps[0].phones, ["+1 555 0101"]);
    assert_eq!(ps[0].notes.as_deref(), Some("Spouse Sam"));
    // The same the other way round.
    let (ps, _) = merge_partners_two_way(&[theirs], &[ours], &[vec![before]]);
    assert_eq!(ps[0].phones, ["+1 555 0101"]);
    assert_eq!(ps[0].notes.as_deref(), Some("Spouse Sam"));
}

#[test]
fn a_value_held_later_in_the_history_is_the_newer() {
    // This machine changed the org twice; the other side still has the
    // first value, which the history held before the second.
    let mut v1 = dana();
    v1.org = Some("Lee Law".into());
    let mut v2 = dana();
    v2.org = Some("Lee & Park".into());
    let (ps, c) = merge_partners_two_way(
        &[v1.clone()],
        &[v2.clone()],
        &[vec![dana()], vec![v1.clone()], vec![v2.clone()]],
    );
    assert!(c.is_empty());
    assert_eq!(ps[0].org.as_deref(), Some("Lee & Park"));
}

#[test]
fn with_no_history_ours_is_kept_and_the_field_reported() {
    let mut ours = dana();
    ours.phones = vec!["+1 555 0101".into()];
    let mut theirs = dana();
    theirs.phones = vec!["+1 555 0199".into()];
    theirs.extra.insert("pronouns".into(), "she/her".into());
    let amy = Partner::new("amy", "Amy");
    let (ps, c) = merge_partners_two_way(&[ours], &[theirs, amy], &[]);
    assert_eq!(ps.len(), 2);
    let dana = ps.iter().find(|p| p.id == "dana-lee").unwrap();
    assert_eq!(dana.phones, ["+1 555 0101"]);
    let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["phones", "pronouns"]);
}

#[test]
fn a_copy_of_the_log_adds_its_own_gestures_at_the_end() {
    let mut engaged = g("a", 1);
    engaged.outcome = Some(Outcome::Engaged);
    let ours = [g("a", 1), g("c", 5)];
    let theirs = [engaged.clone(), g("d", 4), g("b", 2)];
    let out = merge_logs_two_way(&ours, &theirs);
    let ids: Vec<&str> = out.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "b", "d"]);
    assert_eq!(out[0], engaged);
    assert_eq!(merge_logs_two_way(&out, &theirs), out);
}
