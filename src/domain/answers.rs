//! Which gesture answers which referral: one referral, one thank-you, one
//! update.
//!
//! A thank-you, gift or card given thanks one referral received; an update
//! given tells the source how one referral went. A gesture whose `re` names
//! one of the partner's referrals answers that one. A gesture without `re`
//! (logged by hand, or from an older log), or whose `re` names no referral
//! of theirs, answers the oldest referral of that partner still open on or
//! before its date. So one card after three referrals leaves two thank-yous
//! owed, and old logs keep meaning what they meant.
//!
//! A referral is open for that only while it is owed: received at most
//! `owed_window_days` before the gesture. A thank-you logged today never
//! goes to a referral of three years ago that an older log left unanswered.
//!
//! The queue, the card, `show` and the receiver figures all read this one
//! rule.

use super::{Book, Direction, Gesture, Kind, Outcome, Partner, Rules};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// One referral received, with what answered it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answered<'a> {
    pub referral: &'a Gesture,
    /// The thank-you, gift or card that thanked it.
    pub thanked: Option<&'a Gesture>,
    /// The update that told the source how it went.
    pub updated: Option<&'a Gesture>,
}

impl Answered<'_> {
    /// True while something about it is still to do or to learn: a
    /// thank-you or update owed, or an outcome not known yet (none, or
    /// pending).
    pub fn is_open(&self) -> bool {
        self.thanked.is_none()
            || self.updated.is_none()
            || matches!(self.referral.outcome, None | Some(Outcome::Pending))
    }

    /// One line for the card and `show`: "3 Nov · M.O., custody · pending ·
    /// thank-you owed".
    pub fn line(&self) -> String {
        let r = self.referral;
        let mut parts = vec![r.date.format("%-d %b %Y").to_string()];
        if let Some(n) = r.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            parts.push(n.to_string());
        }
        parts.push(r.outcome.map_or("outcome not known yet", |o| o.as_str()).to_string());
        if self.thanked.is_none() {
            parts.push("thank-you owed".into());
        }
        if self.updated.is_none() {
            parts.push("update owed".into());
        }
        parts.join(" · ")
    }
}

/// An open referral as `show --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OpenReferral {
    /// The referral's gesture id.
    pub id: String,
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub outcome: Option<Outcome>,
    /// The id of the gesture that thanked for it, if one has.
    pub thanked: Option<String>,
    /// The id of the update that told how it went, if one has.
    pub updated: Option<String>,
    /// The line the card shows.
    pub text: String,
}

impl From<&Answered<'_>> for OpenReferral {
    fn from(a: &Answered<'_>) -> Self {
        OpenReferral {
            id: a.referral.id.clone(),
            date: a.referral.date,
            note: a.referral.note.clone(),
            outcome: a.referral.outcome,
            thanked: a.thanked.map(|g| g.id.clone()),
            updated: a.updated.map(|g| g.id.clone()),
            text: a.line(),
        }
    }
}

/// Partner `id`'s open referrals (see [`Answered::is_open`]) received in
/// the last `owed_window_days` up to `today`, oldest first; their history
/// includes what was logged under ids merged into them.
pub fn open_referrals(book: &Book, id: &str, rules: &Rules, today: NaiveDate) -> Vec<OpenReferral> {
    open_referrals_in(&book.history(id), rules, today)
}

/// As [`open_referrals`], from a partner's history already read (oldest
/// first), so one card reads the log once.
pub fn open_referrals_in(history: &[&Gesture], rules: &Rules, today: NaiveDate) -> Vec<OpenReferral> {
    let mut mine = history.to_vec();
    mine.retain(|g| g.date <= today);
    let from = today
        .checked_sub_days(Days::new(rules.owed_window_days.into()))
        .unwrap_or(NaiveDate::MIN);
    answered(&mine, rules.owed_window_days)
        .iter()
        .filter(|a| a.referral.date >= from && a.is_open())
        .map(OpenReferral::from)
        .collect()
}

/// True for a gesture that thanks for a referral: a thank-you, gift or card
/// given.
pub fn thanks(g: &Gesture) -> bool {
    g.dir == Direction::Given && matches!(g.kind, Kind::ThankYou | Kind::Gift | Kind::Card)
}

/// True for an update given: how a referral went.
pub fn updates(g: &Gesture) -> bool {
    g.is(Kind::Update, Direction::Given)
}

/// True for a referral received.
pub fn is_referral_received(g: &Gesture) -> bool {
    g.is(Kind::Referral, Direction::Received)
}

/// Each referral received among `gestures` (one partner's, oldest first),
/// oldest first, with the gestures among them that answer it; a gesture
/// without `re` answers only a referral at most `window` days older than
/// itself (`owed_window_days`).
pub fn answered<'a>(gestures: &[&'a Gesture], window: u32) -> Vec<Answered<'a>> {
    let mut referrals: Vec<&Gesture> = gestures.iter().copied().filter(|g| is_referral_received(g)).collect();
    // Same-day referrals in the order of their ids, not of the file: the
    // answer is the same however the log was merged.
    referrals.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let thanked = assign(&referrals, gestures, thanks, window);
    let updated = assign(&referrals, gestures, updates, window);
    referrals
        .iter()
        .zip(thanked.into_iter().zip(updated))
        .map(|(&referral, (thanked, updated))| Answered {
            referral,
            thanked,
            updated,
        })
        .collect()
}

/// For each referral (oldest first), the gesture among `gestures` (oldest
/// first) that answers it, by the rule at the top of this file, counting
/// only gestures for which `answers` is true.
fn assign<'a>(
    referrals: &[&'a Gesture],
    gestures: &[&'a Gesture],
    answers: fn(&Gesture) -> bool,
    window: u32,
) -> Vec<Option<&'a Gesture>> {
    let mut by: Vec<Option<&Gesture>> = vec![None; referrals.len()];
    let mut rest: Vec<&Gesture> = Vec::new();
    // Those that name their referral first, so that a gesture without `re`
    // never takes a referral that another names.
    for &g in gestures.iter().filter(|g| answers(g)) {
        match g.re.as_deref().and_then(|re| referrals.iter().position(|r| r.id == re)) {
            Some(i) => {
                // A second answer to the same referral answers nothing more.
                by[i].get_or_insert(g);
            }
            None => rest.push(g),
        }
    }
    rest.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    // Then each of the others, oldest first, answers the oldest referral
    // still open on or before its date. Referrals are oldest first, so the
    // first open one is the only candidate; one answered, or too old for
    // this gesture, is too old for every later one too.
    let mut first_open = 0;
    for g in rest {
        let owed_from = g
            .date
            .checked_sub_days(Days::new(window.into()))
            .unwrap_or(NaiveDate::MIN);
        while referrals
            .get(first_open)
            .is_some_and(|r| by[first_open].is_some() || r.date < owed_from)
        {
            first_open += 1;
        }
        match referrals.get(first_open) {
            Some(r) if r.date <= g.date => by[first_open] = Some(g),
            _ => {}
        }
    }
    by
}

/// The `re` of each gesture in `gestures` (a whole log) that names no
/// referral received from that gesture's partner among `partners` (one
/// logged under an id merged into them is theirs): (index in `gestures`,
/// the problem in words). `check` reports these.
pub fn bad_res(partners: &[Partner], gestures: &[Gesture]) -> Vec<(usize, String)> {
    let owners = super::book::owners(partners, gestures);
    let owner = |i: usize| Some(owners[i]).filter(|&o| o != super::book::NOBODY);
    let referrals: std::collections::HashMap<&str, (usize, &Gesture)> = gestures
        .iter()
        .enumerate()
        .filter(|(_, g)| is_referral_received(g))
        .map(|(i, g)| (g.id.as_str(), (i, g)))
        .collect();
    let mut out = Vec::new();
    for (i, g) in gestures.iter().enumerate() {
        let Some(re) = g.re.as_deref() else { continue };
        match referrals.get(re) {
            Some((_, r)) if r.contact == g.contact => {}
            Some((at, _)) if owner(*at).is_some() && owner(*at) == owner(i) => {}
            Some((_, r)) => out.push((
                i,
                format!("`re` names {re}, a referral from {}, not from {}", r.contact, g.contact),
            )),
            None => out.push((i, format!("`re` names {re}, which is no referral received"))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::g;
    use proptest::prelude::*;

    fn with_re(mut x: Gesture, re: &str) -> Gesture {
        x.re = Some(re.into());
        x
    }

    fn thanked_ids(log: &[Gesture]) -> Vec<Option<String>> {
        let mut refs: Vec<&Gesture> = log.iter().collect();
        refs.sort_by_key(|g| g.date);
        answered(&refs, 365)
            .iter()
            .map(|a| a.thanked.map(|t| t.id.clone()))
            .collect()
    }

    #[test]
    fn one_card_after_three_referrals_answers_the_oldest() {
        let log = vec![
            g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
            g(2, "dana", "2026-11-02", Kind::Referral, Direction::Received),
            g(3, "dana", "2026-11-03", Kind::Referral, Direction::Received),
            g(4, "dana", "2026-11-04", Kind::Card, Direction::Given),
        ];
        assert_eq!(thanked_ids(&log), [Some("g-0004".into()), None, None]);
    }

    #[test]
    fn a_gesture_that_names_its_referral_answers_that_one_first() {
        let log = vec![
            g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
            g(2, "dana", "2026-11-05", Kind::Referral, Direction::Received),
            // Logged by hand before the named one, and dated before it.
            g(3, "dana", "2026-11-06", Kind::ThankYou, Direction::Given),
            with_re(g(4, "dana", "2026-11-10", Kind::ThankYou, Direction::Given), "g-0001"),
        ];
        assert_eq!(thanked_ids(&log), [Some("g-0004".into()), Some("g-0003".into())]);
    }

    #[test]
    fn thanks_before_a_referral_and_a_second_thanks_for_the_same_one_answer_nothing() {
        let log = vec![
            g(1, "dana", "2026-11-01", Kind::Card, Direction::Given),
            g(2, "dana", "2026-11-02", Kind::Referral, Direction::Received),
            with_re(g(3, "dana", "2026-11-03", Kind::Gift, Direction::Given), "g-0002"),
            with_re(g(4, "dana", "2026-11-04", Kind::Gift, Direction::Given), "g-0002"),
            g(5, "dana", "2026-11-05", Kind::Referral, Direction::Received),
            // A thank-you received is not one given.
            g(6, "dana", "2026-11-06", Kind::ThankYou, Direction::Received),
        ];
        assert_eq!(thanked_ids(&log), [Some("g-0003".into()), None]);
    }

    #[test]
    fn a_re_naming_no_referral_of_theirs_is_read_as_none_and_reported() {
        let log = vec![
            g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received),
            g(2, "sam", "2026-11-01", Kind::Referral, Direction::Received),
            with_re(g(3, "dana", "2026-11-02", Kind::ThankYou, Direction::Given), "g-0002"),
            with_re(g(4, "dana", "2026-11-02", Kind::Update, Direction::Given), "g-9999"),
        ];
        let dana: Vec<Gesture> = log.iter().filter(|x| x.contact == "dana").cloned().collect();
        assert_eq!(thanked_ids(&dana), [Some("g-0003".into())]);
        let mut dana = Partner::new("dana", "Dana");
        let partners = vec![dana.clone(), Partner::new("sam", "Sam")];
        let bad = bad_res(&partners, &log);
        assert_eq!(bad.iter().map(|b| b.0).collect::<Vec<_>>(), [2, 3]);
        assert!(bad[0].1.contains("from sam, not from dana"), "{}", bad[0].1);
        assert!(bad[1].1.contains("no referral"), "{}", bad[1].1);
        // Sam merged into Dana: a referral under the old id is hers.
        dana.aliases = vec!["sam".into()];
        let bad = bad_res(&[dana], &log);
        assert_eq!(bad.iter().map(|b| b.0).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn open_referrals_say_what_is_owed_and_how_they_went() {
        let mut r1 = g(1, "dana", "2026-11-01", Kind::Referral, Direction::Received);
        r1.note = Some("M.O.".into());
        let mut r2 = g(2, "dana", "2026-11-02", Kind::Referral, Direction::Received);
        r2.outcome = Some(Outcome::Engaged);
        let log = vec![
            r1,
            r2,
            g(3, "dana", "2026-11-03", Kind::ThankYou, Direction::Given),
            g(4, "dana", "2026-11-04", Kind::ThankYou, Direction::Given),
            with_re(g(5, "dana", "2026-11-10", Kind::Update, Direction::Given), "g-0002"),
            // Left unanswered by an older log: past the window, it takes no
            // thank-you of this year's.
            g(6, "dana", "2024-01-01", Kind::Referral, Direction::Received),
        ];
        let book = Book::new(vec![crate::domain::Partner::new("dana", "Dana")], log);
        let today = crate::domain::testing::day("2026-11-20");
        let open = open_referrals(&book, "dana", &Rules::default(), today);
        let lines: Vec<&str> = open.iter().map(|o| o.text.as_str()).collect();
        // The second is thanked, updated and engaged: nothing open; the one
        // of 2024 is past the window.
        assert_eq!(lines, ["1 Nov 2026 · M.O. · outcome not known yet · update owed"]);
        assert_eq!(open[0].thanked.as_deref(), Some("g-0003"));
    }

    /// N referrals, then M ≤ N answers dated after all of them, some naming
    /// distinct referrals and some not, in any log order.
    fn arb_case() -> impl Strategy<Value = (Vec<Gesture>, usize)> {
        (1usize..12)
            .prop_flat_map(|n| (Just(n), 0..=n))
            .prop_flat_map(|(n, m)| {
                (
                    Just(n),
                    Just(m),
                    prop::collection::vec(0i64..60, n),
                    prop::collection::vec((0i64..30, any::<bool>(), 0usize..3), m),
                    Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                    any::<u64>(),
                )
            })
            .prop_map(|(n, m, ref_days, answers, targets, seed)| {
                let base = crate::domain::testing::day("2026-01-01");
                let mut log = Vec::new();
                for (i, d) in ref_days.iter().enumerate() {
                    let mut r = g(i as u32, "dana", "2026-01-01", Kind::Referral, Direction::Received);
                    r.date = base + chrono::Days::new(*d as u64);
                    log.push(r);
                }
                let after = base + chrono::Days::new(60);
                for (j, (d, named, k)) in answers.iter().enumerate() {
                    let kind = [Kind::ThankYou, Kind::Gift, Kind::Card][*k];
                    let mut a = g(100 + j as u32, "dana", "2026-01-01", kind, Direction::Given);
                    a.date = after + chrono::Days::new(*d as u64);
                    if *named {
                        a.re = Some(format!("g-{:04}", targets[j]));
                    }
                    log.push(a);
                }
                // Any log order.
                for i in (1..log.len()).rev() {
                    let j = (seed.wrapping_mul(i as u64 * 31 + 7) % (i as u64 + 1)) as usize;
                    log.swap(i, j);
                }
                let _ = n;
                (log, m)
            })
    }

    proptest! {
        #[test]
        fn n_referrals_and_m_answers_leave_n_minus_m_open_each_answered_once((log, m) in arb_case()) {
            let n = log.iter().filter(|x| is_referral_received(x)).count();
            let mut sorted: Vec<&Gesture> = log.iter().collect();
            sorted.sort_by_key(|x| x.date);
            let a = answered(&sorted, 365);
            prop_assert_eq!(a.len(), n);
            prop_assert_eq!(a.iter().filter(|x| x.thanked.is_none()).count(), n - m);
            let mut used = std::collections::HashSet::new();
            for x in &a {
                if let Some(t) = x.thanked {
                    prop_assert!(used.insert(t.id.clone()), "{} answers two referrals", t.id);
                    if let Some(re) = &t.re {
                        prop_assert_eq!(re, &x.referral.id, "a named answer went elsewhere");
                    }
                }
            }
        }
    }
}
