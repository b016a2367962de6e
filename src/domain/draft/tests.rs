//! Templates read and filled; the shipped ones pass their own checks.

use super::checks::{Known, check};
use super::*;
use crate::domain::testing::{day, demo};

fn demo_me() -> Me {
    #[derive(serde::Deserialize)]
    struct File {
        me: Me,
    }
    let f: File = toml::from_str(include_str!("../../../assets/demo/config.toml")).unwrap();
    f.me
}

#[test]
fn an_unknown_placeholder_names_the_file_line_and_placeholder() {
    let e = Template::parse(
        "mine",
        "/home/me/.config/rapport/templates/mine.txt",
        "Subject: Hi\n\nHi {first_name},\n{benifit}\n",
    )
    .unwrap_err();
    assert_eq!((e.line, e.column, e.placeholder.as_str()), (4, 1, "benifit"));
    let m = e.to_string();
    assert!(
        m.starts_with(
            "/home/me/.config/rapport/templates/mine.txt:4:1: unknown placeholder {benifit} (known: {first_name}, "
        ),
        "{m}"
    );
}

#[test]
fn braces_that_are_not_placeholders_stay_as_they_are() {
    let t = Template::parse("t", "t", "a {{b}} {not closed, {} and }} {Bad-Name}").unwrap();
    let me = Me::default();
    let p = Partner::new("x", "X");
    let facts = Facts {
        partner: &p,
        me: &me,
        referral: None,
        today: day("2026-11-20"),
    };
    assert_eq!(t.fill(&facts).body, "a {b} {not closed, {} and } {Bad-Name}\n");
}

#[test]
fn empty_placeholders_say_where_to_set_them() {
    let t = Template::parse(
        "t",
        "t",
        "Subject: For {first_name}\n\n{benefit}\n{my_name}\n{their_clientele}\n{referral}",
    )
    .unwrap();
    let mut p = Partner::new("ann-lee", "Ann Lee");
    p.emails = vec!["ann@example.org".into()];
    let me = Me::default();
    let facts = Facts {
        partner: &p,
        me: &me,
        referral: None,
        today: day("2026-11-20"),
    };
    let d = t.fill(&facts);
    assert_eq!(d.subject, "For Ann");
    assert!(!d.body.contains('{'), "{}", d.body);
    assert!(
        d.body.contains("[add what you can offer them: `rapport edit ann-lee --benefit …`, or set `offer` under [me] in config.toml]"),
        "{}",
        d.body
    );
    assert!(
        d.body.contains("[your name: set `name` under [me] in config.toml]"),
        "{}",
        d.body
    );
    assert!(
        d.body
            .contains("[whom they serve: `rapport edit ann-lee --clientele …`]"),
        "{}",
        d.body
    );
    assert_eq!(d.mailto().as_deref(), Some("mailto:ann@example.org?subject=For%20Ann"));
    let mut q = p.clone();
    q.emails.clear();
    let facts = Facts { partner: &q, ..facts };
    assert_eq!(t.fill(&facts).mailto(), None, "no e-mail, no mailto line");
}

#[test]
fn the_benefit_is_theirs_else_your_offer() {
    let t = Template::parse("t", "t", "{benefit}").unwrap();
    let mut p = Partner::new("a", "A");
    let me = Me {
        offer: "talks".into(),
        ..Me::default()
    };
    let facts = |p: &Partner| {
        t.fill(&Facts {
            partner: p,
            me: &me,
            referral: None,
            today: day("2026-11-20"),
        })
        .body
    };
    assert_eq!(facts(&p), "talks\n");
    p.benefit = Some("overflow".into());
    assert_eq!(facts(&p), "overflow\n");
}

#[test]
fn a_referral_is_named_by_its_date_and_initials_only() {
    assert_eq!(initials("M.O., custody").as_deref(), Some("M.O."));
    assert_eq!(initials("J.P.").as_deref(), Some("J.P."));
    assert_eq!(initials("Maria Ortiz, custody"), None);
    assert_eq!(initials("custody"), None);
    let book = demo(day("2026-11-20"));
    let me = demo_me();
    let dana = book.partner("dana-lee").unwrap();
    let t = Template::parse("t", "t", "{referral}").unwrap();
    let d = t.fill(&Facts::new(&book, dana, &me, day("2026-11-20")));
    assert_eq!(d.body, "on 19 November (M.O.)\n");
    assert!(!d.body.contains("custody"));
}

#[test]
fn the_default_templates_pass_their_own_checks_for_every_demo_partner() {
    let today = day("2026-11-20");
    let book = demo(today);
    let me = demo_me();
    for (name, text) in DEFAULT_TEMPLATES {
        let t = Template::parse(name, name, text).unwrap();
        for p in &book.partners {
            let d = t.fill(&Facts::new(&book, p, &me, today));
            assert!(!d.subject.is_empty(), "{name}");
            let known = Known {
                first_name: Some(first_name(&p.name)),
                their_clientele: p.clientele.as_deref(),
                me: Some(&me),
            };
            for v in check(&d.to_string(), &known) {
                assert!(v.pass, "{name} for {}: {}\n{d}", p.id, v.line());
            }
            if matches!(*name, "thank-you" | "update") {
                // The client is never named: of a referral's note, the
                // initials at most.
                let said = format!("{:?} {:?}", p.clientele, p.benefit);
                for g in book
                    .gestures
                    .iter()
                    .filter(|g| g.contact == p.id && g.kind == Kind::Referral)
                {
                    if let Some(note) = &g.note
                        && let Some((_, rest)) = note.split_once(", ")
                        && !said.contains(rest)
                    {
                        assert!(!d.body.contains(rest), "{name} for {}: {rest}", p.id);
                    }
                }
            }
        }
    }
}
