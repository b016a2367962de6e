//! Each check with texts that pass and texts that fail.

use super::*;

const GOOD: &str = "Subject: The families we both see

Hi Lena,

I'm Maya Brooks, of Brooks Family Therapy. You work with expecting parents; I see families in transition, and many of the parents you meet could use us both at some point.

I'd like to be useful to you first: a guest session at your new-parents circle, and room for the families who struggle after a birth.

Would you have time for a 20-minute call or a coffee in the next couple of weeks?

Warmly,
Maya
";

fn me() -> Me {
    Me {
        name: "Maya Brooks".into(),
        practice: "Brooks Family Therapy".into(),
        clientele: "families in transition".into(),
        offer: "overflow and talks".into(),
        ..Me::default()
    }
}

fn lena(me: &Me) -> Known<'_> {
    Known {
        first_name: Some("Lena"),
        their_clientele: Some("expecting parents"),
        me: Some(me),
    }
}

fn verdict(text: &str, known: &Known<'_>, c: Check) -> Verdict {
    check(text, known).into_iter().find(|v| v.check == c).unwrap()
}

#[test]
fn a_good_message_passes_every_check_and_they_come_in_order() {
    let me = me();
    let all = check(GOOD, &lena(&me));
    let order: Vec<Check> = all.iter().map(|v| v.check).collect();
    assert_eq!(order, <Check as strum::VariantArray>::VARIANTS);
    for v in &all {
        assert!(v.pass, "{}", v.line());
    }
    assert_eq!(all[0].line(), "✔ addressed by name: opens with “Hi Lena,”");
    assert!(
        check(GOOD, &Known::default()).iter().all(|v| v.pass),
        "no partner known"
    );
}

#[test]
fn addressed_by_name() {
    let me = me();
    let c = Check::AddressedByName;
    let v = verdict("Dear Sir/Madam,\n\nI work with families.", &lena(&me), c);
    assert!(!v.pass);
    assert_eq!(v.words, ["Dear Sir"]);
    assert!(
        v.line()
            .starts_with("✘ addressed by name: a generic greeting: “Dear Sir”"),
        "{}",
        v.line()
    );
    for generic in ["Dear colleague,", "To whom it may concern:", "Hi there!", "Hello all,"] {
        let v = verdict(generic, &Known::default(), c);
        assert!(!v.pass, "{generic}");
        assert!(!v.words.is_empty(), "{generic}");
    }
    let wrong = verdict("Hi Dana,\n\nHello.", &lena(&me), c);
    assert!(!wrong.pass);
    assert_eq!(wrong.words, ["Hi Dana,"]);
    assert!(wrong.reason.contains("does not name Lena"), "{}", wrong.reason);
    assert!(verdict("Hello,\n\nI am writing.", &Known::default(), c).pass.eq(&false));
    assert!(verdict("Lena,\n\nA note.", &Known::default(), c).pass);
    assert!(verdict("Dear Dr. Ortiz,\n", &Known::default(), c).pass);
    assert!(
        verdict("Subject: hi\nTo: Lena\n\nHi Léna,\n", &lena(&me), c).pass,
        "accents folded"
    );
}

#[test]
fn shared_clientele() {
    let me = me();
    let c = Check::SharedClientele;
    assert!(verdict("Hi Lena, I see expecting mothers.", &lena(&me), c).pass);
    assert!(verdict("Hi, many couples come to me.", &Known::default(), c).pass);
    let v = verdict("Please see the attached letter.", &lena(&me), c);
    assert!(!v.pass);
    assert_eq!(v.reason, "nothing names the clients you both serve");
    assert!(!verdict("Hi Lena, I am a therapist with clients.", &Known::default(), c).pass);
}

#[test]
fn whats_in_it_for_them() {
    let c = Check::WhatsInItForThem;
    for good in [
        "I can take your overflow cases.",
        "I'd be glad to give a talk to your staff.",
        "I'm happy to answer your clients' questions.",
        "I would like to refer families to you.",
    ] {
        assert!(verdict(good, &Known::default(), c).pass, "{good}");
    }
    let v = verdict("Please see the attached letter.", &Known::default(), c);
    assert!(!v.pass);
    assert!(!verdict("Referrals are the lifeblood of my practice.", &Known::default(), c).pass);
}

#[test]
fn a_next_step() {
    let c = Check::NextStep;
    assert!(verdict("Could we grab a coffee?", &Known::default(), c).pass);
    assert!(verdict("Free for a quick call on Tuesday?", &Known::default(), c).pass);
    let v = verdict("Please see the attached letter.", &Known::default(), c);
    assert!(!v.pass);
    assert_eq!(v.reason, "no call, coffee or meeting is proposed");
}

#[test]
fn no_attachment() {
    let c = Check::NoAttachment;
    let v = verdict("Hi Lena,\n\nPlease see the attached letter.", &Known::default(), c);
    assert!(!v.pass);
    assert_eq!(v.words, ["attached"]);
    assert!(!verdict("I have enclosed my brochure.", &Known::default(), c).pass);
    assert!(verdict(GOOD, &Known::default(), c).pass);
}

#[test]
fn not_an_ad() {
    let c = Check::NotAnAd;
    let v = verdict("Referrals are the lifeblood of my practice.", &Known::default(), c);
    assert!(!v.pass);
    assert_eq!(v.words, ["lifeblood of my practice"]);
    assert!(!verdict("Act now: limited time!", &Known::default(), c).pass);
    let pitch = format!("Hi Lena,\n\n{}", "We help families thrive with care. ".repeat(67));
    assert!(words(&pitch).len() >= 400);
    let v = verdict(&pitch, &Known::default(), c);
    assert!(!v.pass);
    assert_eq!(v.words, [format!("{} words", words(&pitch).len())]);
    let v = verdict(GOOD, &Known::default(), c);
    assert!(v.pass && v.reason.ends_with("words, no hard sell"), "{}", v.reason);
}

#[test]
fn giving_before_asking() {
    let c = Check::GivingBeforeAsking;
    let v = verdict("Referrals are the lifeblood of my practice.", &Known::default(), c);
    assert!(!v.pass);
    assert_eq!(v.words, ["Referrals are"]);
    assert!(!verdict("Please keep me in mind and send me your clients.", &Known::default(), c).pass);
    assert!(
        verdict(
            "I can take overflow cases. Please keep me in mind too.",
            &Known::default(),
            c
        )
        .pass,
        "an ask beside an offer is fine"
    );
    assert!(verdict(GOOD, &Known::default(), c).pass);
}

#[test]
fn the_attached_letter_fails_four_checks() {
    let me = me();
    let failed: Vec<Check> = check("Please see the attached letter", &lena(&me))
        .into_iter()
        .filter(|v| !v.pass)
        .map(|v| v.check)
        .collect();
    assert_eq!(
        failed,
        [
            Check::AddressedByName,
            Check::SharedClientele,
            Check::WhatsInItForThem,
            Check::NextStep,
            Check::NoAttachment
        ]
    );
}
