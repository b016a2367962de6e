use super::*;
use chrono::Utc;

fn day(s: &str) -> NaiveDate {
    crate::domain::parse_date(s).unwrap()
}

fn mail(text: &str) -> Mail {
    parse(text.as_bytes(), &Utc).expect("a message")
}

fn book() -> Book {
    let mut dana = crate::domain::Partner::new("dana-lee", "Dana Lee");
    dana.emails = vec!["Dana@LeeLaw.example".into()];
    let mut sam = crate::domain::Partner::new("sam-cho", "Sam Cho");
    sam.emails = vec!["sam@cho.example".into()];
    Book::new(vec![dana, sam], vec![])
}

fn rules(me: &[String]) -> Rules<'_> {
    Rules {
        me,
        max_recipients: 10,
        since: None,
        today: day("2026-11-20"),
    }
}

const FROM_ME: &str = "From: Maya <maya@brooks.example>\r\nTo: Dana Lee <dana@leelaw.example>\r\nCc: sam@cho.example\r\nSubject: Lunch\r\n\ton Friday?\r\nDate: Tue, 17 Nov 2026 23:30:00 -0800\r\nMessage-ID: <a1@brooks.example>\r\n\r\nbody\r\n";

#[test]
fn mail_from_me_is_a_message_given_to_each_partner_addressed() {
    let me = vec!["Maya@Brooks.example".to_string()];
    let m = mail(FROM_ME);
    assert_eq!(m.date, Some(day("2026-11-18")), "23:30 at -8 is the 18th in UTC");
    let t = find(
        &book(),
        Mailbox {
            mails: vec![m],
            unreadable: 0,
        },
        &rules(&me),
    );
    let who: Vec<(&str, Direction)> = t.new.iter().map(|m| (m.contact.as_str(), m.dir)).collect();
    assert_eq!(who, [("dana-lee", Direction::Given), ("sam-cho", Direction::Given)]);
    assert_eq!(t.new[0].note.as_deref(), Some("Lunch on Friday?"));
    assert_eq!(t.new[0].source, "a1@brooks.example");
}

#[test]
fn a_reply_from_a_partner_is_received_and_one_thread_one_day_is_one_gesture() {
    let me = vec!["maya@brooks.example".to_string()];
    let reply = "From: dana@leelaw.example\r\nTo: maya@brooks.example\r\nSubject: Re: Lunch\r\nDate: Wed, 18 Nov 2026 09:00:00 +0000\r\nMessage-ID: <b1@leelaw>\r\nIn-Reply-To: <a1@brooks.example>\r\n\r\n";
    let again = reply.replace("b1@leelaw", "b2@leelaw");
    let t = find(
        &book(),
        Mailbox {
            mails: vec![mail(reply), mail(&again)],
            unreadable: 0,
        },
        &rules(&me),
    );
    assert_eq!(t.new.len(), 1, "{t:?}");
    assert_eq!(
        (t.new[0].dir, t.new[0].thread.as_str()),
        (Direction::Received, "a1@brooks.example")
    );
    assert_eq!(t.already_logged, 1);
}

#[test]
fn lists_bulk_auto_replies_and_crowds_are_skipped_by_reason() {
    let me = vec!["maya@brooks.example".to_string()];
    let base = "From: dana@leelaw.example\r\nTo: maya@brooks.example\r\nDate: Wed, 18 Nov 2026 09:00:00 +0000\r\n";
    let crowd: Vec<String> = (0..11).map(|n| format!("p{n}@x.example")).collect();
    let mails = vec![
        mail(&format!("{base}List-Id: <news.leelaw>\r\nMessage-ID: <1@x>\r\n\r\n")),
        mail(&format!("{base}Precedence: bulk\r\nMessage-ID: <2@x>\r\n\r\n")),
        mail(&format!(
            "{base}Auto-Submitted: auto-replied\r\nMessage-ID: <3@x>\r\n\r\n"
        )),
        mail(&format!(
            "From: maya@brooks.example\r\nTo: dana@leelaw.example, {}\r\nDate: Wed, 18 Nov 2026 09:00:00 +0000\r\nMessage-ID: <4@x>\r\n\r\n",
            crowd.join(", ")
        )),
        mail(&format!("{base}Auto-Submitted: no\r\nMessage-ID: <5@x>\r\n\r\n")),
    ];
    let t = find(&book(), Mailbox { mails, unreadable: 1 }, &rules(&me));
    let skipped: Vec<(&str, usize)> = t.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        skipped,
        [
            ("auto-reply", 1),
            ("bulk mail", 1),
            ("mailing list", 1),
            ("not a message that can be read", 1),
            ("too many recipients", 1)
        ]
    );
    assert_eq!(t.new.len(), 1, "Auto-Submitted: no is a person writing");
}

#[test]
fn a_message_already_logged_by_its_id_or_thread_and_day_is_not_logged_again() {
    let me = vec!["maya@brooks.example".to_string()];
    let first = find(
        &book(),
        Mailbox {
            mails: vec![mail(FROM_ME)],
            unreadable: 0,
        },
        &rules(&me),
    );
    let mut b = book();
    b.gestures = first
        .new
        .iter()
        .map(|m| gesture(m, format!("g-{}", m.contact)))
        .collect();
    let second = find(
        &b,
        Mailbox {
            mails: vec![mail(FROM_ME)],
            unreadable: 0,
        },
        &rules(&me),
    );
    assert!(second.new.is_empty(), "{second:?}");
    assert_eq!(second.already_logged, 2);
}

#[test]
fn without_a_message_id_a_hash_of_date_from_and_subject_stands_in() {
    let text = "From: dana@leelaw.example\r\nSubject: hi\r\nDate: Wed, 18 Nov 2026 09:00:00 +0000\r\n\r\n";
    let (a, b) = (mail(text), mail(text));
    assert!(a.id.starts_with("hash-") && a.id == b.id, "{a:?}");
    let other = mail(&text.replace("hi", "hello"));
    assert_ne!(a.id, other.id);
}

#[test]
fn a_subject_becomes_a_safe_short_note() {
    assert_eq!(note_of("Re:\u{1b}[31m red\ttab\u{202e}"), "Re: [31m red tab");
    let long = "word ".repeat(40);
    let n = note_of(&long);
    assert_eq!(n.chars().count(), NOTE_CHARS);
    assert!(n.ends_with('…'));
}
