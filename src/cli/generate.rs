//! `rapport generate`: a realistic, reproducible book for benchmarks and
//! demos of scale. Hidden from `rapport --help` (it is for developers), but
//! documented in its own `--help` and in PERFORMANCE.md.
//!
//! The random numbers come from splitmix64, written out below, rather than
//! from `rand`: `rand` says outright that `StdRng`'s algorithm may change
//! between its versions, which would silently change every "reproducible"
//! book after a dependency update. Ten lines of splitmix64 give the same
//! bytes for the same seed forever, with no dependency, and are plenty good
//! for test data.
//!
//! The files are written through the store's own renderers and its atomic
//! write, so they are exactly what rapport itself would write.

use super::{Ctx, Failure, Outcome};
use crate::domain::partner::LabelledDate;
use crate::domain::text::unique_slug;
use crate::domain::{Direction, Gesture, Kind, Outcome as ReferralOutcome, Partner, Stage, YearlyDate};
use crate::store::{contacts, fsio, log, paths};
use chrono::{Days, NaiveDate};
use std::collections::HashSet;
use std::path::Path;

/// splitmix64 (Steele, Lea and Flood, 2014): one 64-bit state, one add and
/// a few multiply-xorshifts per number.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// An index into `weights`, chosen in proportion to them.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(u64::from(total)) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

const FIRST: &[&str] = &[
    "Dana",
    "Sam",
    "Jonas",
    "Lena",
    "Priya",
    "Tom",
    "Zoë",
    "José",
    "Chloé",
    "Søren",
    "Björn",
    "Małgorzata",
    "François",
    "Agnès",
    "Jürgen",
    "Renée",
    "Siobhán",
    "Ana",
    "Andrea",
    "Angela",
    "Marco",
    "Léa",
    "Mateo",
    "Sofía",
    "Noémie",
    "Íñigo",
    "Ingrid",
    "Kenji",
    "Mei",
    "Wei",
    "Aiko",
    "Olamide",
    "Chidi",
    "Amara",
    "Fatima",
    "Omar",
    "Yusuf",
    "Leila",
    "Nadia",
    "Dmitri",
    "Katarzyna",
    "Zoltán",
    "Ágnes",
    "Hélène",
    "Thérèse",
    "Raphaël",
    "Joël",
    "Anaïs",
    "Maëlle",
    "Gaëtan",
    "Ramón",
    "Lucía",
    "Martín",
    "Tomás",
    "Inês",
    "João",
    "Conceição",
    "Ève",
    "Emma",
    "Olivia",
    "Liam",
    "Noah",
    "Ava",
    "Leo",
    "Mia",
    "Ethan",
    "Grace",
    "Henry",
    "Ruth",
    "Paul",
    "Nora",
    "Hugo",
    "Clara",
    "Felix",
    "Ida",
    "Oskar",
    "Astrid",
    "Nils",
    "Freya",
    "Rohan",
    "Anjali",
    "Vikram",
    "Deepa",
    "Hyun-woo",
    "Ji-yeon",
    "Thảo",
    "Minh",
    "Linh",
    "Kwame",
    "Abena",
    "Tariq",
    "Rania",
    "Elif",
    "Barış",
    "Çağla",
    "Şebnem",
    "Dagný",
    "Þóra",
    "Ægir",
];

const LAST: &[&str] = &[
    "Lee",
    "Cho",
    "Müller",
    "Ortiz",
    "Shah",
    "Reyes",
    "Núñez",
    "García",
    "Ødegaard",
    "Nguyễn",
    "Kowalski",
    "O'Brien",
    "Łukasiewicz",
    "Schäfer",
    "Fischer",
    "Weiß",
    "Groß",
    "Dvořák",
    "Novák",
    "Horváth",
    "Kovačević",
    "Jovanović",
    "Petrović",
    "Sánchez",
    "Martínez",
    "López",
    "Gómez",
    "Fernández",
    "Muñoz",
    "Álvarez",
    "Peña",
    "Ibáñez",
    "Côté",
    "Lefèvre",
    "Gauthier",
    "Bélanger",
    "Pelletier",
    "Dubois",
    "Leroy",
    "Moreau",
    "Rousseau",
    "Girard",
    "Chevalier",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Rogers",
    "Reed",
    "Cook",
    "Morgan",
    "Bell",
    "Murphy",
    "Bailey",
    "Rivera",
    "Cooper",
    "Richardson",
    "Cox",
    "Howard",
    "Ward",
    "Torres",
    "Peterson",
    "Gray",
    "Ramírez",
    "James",
    "Watson",
    "Brooks",
    "Kelly",
    "Sanders",
    "Price",
    "Bennett",
    "Wood",
    "Barnes",
    "Ross",
    "Henderson",
    "Coleman",
    "Jenkins",
    "Perry",
    "Powell",
    "Long",
    "Patterson",
    "Hughes",
    "Flores",
    "Washington",
    "Butler",
    "Simmons",
    "Foster",
    "González",
    "Bryant",
    "Alexander",
    "Russell",
    "Griffin",
    "Díaz",
    "Hayes",
    "Myers",
    "Ford",
    "Hamilton",
    "Graham",
    "Sullivan",
    "Wallace",
    "Woods",
    "Cole",
    "West",
    "Jordan",
    "Owens",
    "Reynolds",
    "Tanaka",
    "Suzuki",
    "Yamamoto",
    "Watanabe",
    "Kim",
    "Park",
    "Choi",
    "Jung",
    "Wang",
    "Zhang",
    "Liu",
    "Chen",
    "Singh",
    "Patel",
    "Kumar",
    "Gupta",
    "Iyer",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Haddad",
    "Khoury",
    "Yılmaz",
    "Öztürk",
    "Şahin",
    "Jónsdóttir",
    "Guðmundsson",
    "Håkansson",
    "Ångström",
    "Lindqvist",
    "Bergström",
];

/// A profession: its tag, the roles people in it hold, who they serve, and
/// how their firms are named (`{}` is a last name).
struct Profession {
    tag: &'static str,
    roles: &'static [&'static str],
    clientele: &'static [&'static str],
    firms: &'static [&'static str],
}

const PROFESSIONS: &[Profession] = &[
    Profession {
        tag: "attorney",
        roles: &[
            "Family law attorney",
            "Estate planning attorney",
            "Employment lawyer",
            "Immigration attorney",
        ],
        clientele: &[
            "divorcing parents",
            "blended families",
            "retirees planning estates",
            "small employers",
        ],
        firms: &["{} Family Law", "{} & Partners LLP", "{} Law Group", "Harbor Legal"],
    },
    Profession {
        tag: "therapist",
        roles: &[
            "Marriage and family therapist",
            "Clinical psychologist",
            "Child therapist",
            "Grief counselor",
        ],
        clientele: &[
            "couples in crisis",
            "anxious teenagers",
            "new parents",
            "people after a loss",
        ],
        firms: &[
            "{} Counseling",
            "Birch Tree Therapy",
            "Quiet Harbor Practice",
            "{} Psychology",
        ],
    },
    Profession {
        tag: "cpa",
        roles: &["Certified public accountant", "Tax adviser", "Forensic accountant"],
        clientele: &[
            "freelancers",
            "small business owners",
            "divorcing couples dividing assets",
        ],
        firms: &["{} CPA", "{} Steuerberatung", "Ledger & Line", "{} Tax Partners"],
    },
    Profession {
        tag: "financial-adviser",
        roles: &[
            "Certified divorce financial analyst",
            "Wealth manager",
            "Retirement planner",
        ],
        clientele: &["professionals near retirement", "young families", "widows and widowers"],
        firms: &["{} Wealth", "Northstar Planning", "{} Financial"],
    },
    Profession {
        tag: "coach",
        roles: &["Executive coach", "Career coach", "Co-parenting coach"],
        clientele: &["first-time managers", "founders", "co-parents after separation"],
        firms: &["{} Coaching", "Next Step Coaching", "Clearpath"],
    },
    Profession {
        tag: "realtor",
        roles: &["Real estate agent", "Mortgage broker"],
        clientele: &[
            "first-time buyers",
            "downsizing retirees",
            "couples selling the family home",
        ],
        firms: &["{} Realty", "Keystone Homes", "{} Mortgage"],
    },
    Profession {
        tag: "physician",
        roles: &["Pediatrician", "Family physician", "Psychiatrist", "Midwife"],
        clientele: &["young families", "expecting parents", "adolescents"],
        firms: &["{} Family Medicine", "Birth Center", "Lakeside Clinic"],
    },
    Profession {
        tag: "mediator",
        roles: &["Divorce mediator", "Workplace mediator"],
        clientele: &["separating couples", "family businesses", "teams in conflict"],
        firms: &["{} Mediation", "Common Ground Mediation"],
    },
];

const EXTRA_TAGS: &[&str] = &[
    "bni",
    "alumni",
    "chamber",
    "conference",
    "vip",
    "podcast",
    "board",
    "church",
    "neighbour",
    "former-client",
];

const CAUSES: &[&str] = &[
    "the food bank",
    "the animal shelter",
    "a literacy charity",
    "the children's hospital",
    "the local library",
    "a refugee welcome group",
    "the river clean-up",
];

const HOBBIES: &[&str] = &[
    "Runs marathons; ask how the last race went.",
    "Keen gardener, grows tomatoes on the balcony.",
    "Plays cello in a community orchestra.",
    "Collects first editions of detective novels.",
    "Sails most weekends in summer.",
    "Coaches the kids' football team on Saturdays.",
    "Learning Italian for a sabbatical in Bologna.",
    "Loves hiking; did the Camino de Santiago last year.",
];

const PRACTICE: &[&str] = &[
    "Prefers referrals by email with a two-line summary first.",
    "Likes a quick call before a referral so the client is expected.",
    "Only takes clients within the county.",
    "Offers a free first consultation for clients we send.",
    "Busy season is January to April; keep asks light then.",
    "Has a waiting list; ask before sending anyone urgent.",
];

const PLACES: &[&str] = &[
    "Blue Door",
    "Café Lumière",
    "the Corner Bakery",
    "Kaffeehaus Müller",
    "Green Bean",
];

const MATTERS: &[&str] = &[
    "custody",
    "estate plan",
    "tax return",
    "mediation",
    "couples work",
    "new business",
    "home purchase",
    "retirement plan",
    "career change",
    "second opinion",
];

const GESTURE_NOTES: &[(Kind, &[&str])] = &[
    (
        Kind::ThankYou,
        &[
            "card on good stationery",
            "handwritten note",
            "thank-you email",
            "called to say thanks",
        ],
    ),
    (
        Kind::Update,
        &[
            "first meeting went well",
            "client engaged",
            "client chose someone closer",
            "signed today",
        ],
    ),
    (
        Kind::Gift,
        &[
            "bottle of wine",
            "book on negotiation",
            "flowers",
            "coffee beans",
            "theatre tickets",
        ],
    ),
    (
        Kind::Meeting,
        &[
            "coffee at Blue Door",
            "lunch downtown",
            "breakfast meeting",
            "walk by the river",
        ],
    ),
    (
        Kind::Call,
        &[
            "caught up after the conference",
            "quick check-in",
            "talked about the new office",
            "",
        ],
    ),
    (
        Kind::Message,
        &[
            "sent the article we discussed",
            "congratulations on the award",
            "happy new year",
            "",
        ],
    ),
    (
        Kind::Intro,
        &[
            "introduced to a CPA",
            "introduced to the chamber president",
            "intro to a podcast host",
        ],
    ),
    (
        Kind::Share,
        &["shared a blog post", "forwarded a job opening", "sent a webinar link"],
    ),
    (
        Kind::Invite,
        &[
            "invited to the open house",
            "panel at the bar association",
            "charity gala",
        ],
    ),
    (
        Kind::Favor,
        &[
            "reviewed their website copy",
            "lent the conference room",
            "spoke at their workshop",
        ],
    ),
    (Kind::Card, &["birthday card", "holiday card", "congratulations card"]),
    (
        Kind::Ask,
        &[
            "asked for an intro to their CPA",
            "asked for a testimonial",
            "asked about speaking slots",
        ],
    ),
    (
        Kind::Other,
        &["ran into them at the market", "saw them at the school fair"],
    ),
];

/// Kinds with their weight and the chance that one went the other way
/// (received), in percent.
const KINDS: &[(Kind, u32, u32)] = &[
    (Kind::Referral, 14, 55),
    (Kind::ThankYou, 10, 20),
    (Kind::Update, 5, 10),
    (Kind::Gift, 4, 15),
    (Kind::Meeting, 12, 30),
    (Kind::Call, 16, 40),
    (Kind::Message, 14, 45),
    (Kind::Intro, 5, 40),
    (Kind::Share, 6, 30),
    (Kind::Invite, 4, 30),
    (Kind::Favor, 3, 40),
    (Kind::Card, 4, 20),
    (Kind::Ask, 2, 30),
    (Kind::Other, 1, 50),
];

/// The generated book: partners sorted by id, gestures in log order.
pub struct Generated {
    pub partners: Vec<Partner>,
    pub gestures: Vec<Gesture>,
}

fn date_between(rng: &mut SplitMix64, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    from + Days::new(rng.below(span + 1))
}

fn notes(rng: &mut SplitMix64, first: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    match rng.below(3) {
        0 => parts.push(format!(
            "Spouse {}; kids {} and {}.",
            rng.pick(FIRST),
            rng.pick(FIRST),
            rng.pick(FIRST)
        )),
        1 => parts.push(format!(
            "Partner {}; one daughter, {}.",
            rng.pick(FIRST),
            rng.pick(FIRST)
        )),
        _ => parts.push(format!("{first} lives alone with two cats and a very loud parrot.")),
    }
    parts.push(format!("Supports {}.", rng.pick(CAUSES)));
    parts.push(rng.pick(HOBBIES).to_string());
    parts.push(rng.pick(PRACTICE).to_string());
    if rng.chance(0.6) {
        parts.push(format!(
            "Met at the {} conference in {}; coffee order: oat flat white at {}.",
            rng.pick(&["regional bar", "mental health", "small business", "estate planning"]),
            2015 + rng.below(10),
            rng.pick(PLACES)
        ));
    }
    parts.join(" ")
}

fn initials(rng: &mut SplitMix64) -> String {
    let letters = b"ABCDEFGHJKLMNOPRSTVW";
    let a = letters[rng.below(letters.len() as u64) as usize] as char;
    let b = letters[rng.below(letters.len() as u64) as usize] as char;
    format!("{a}.{b}.")
}

fn partner(rng: &mut SplitMix64, taken: &mut HashSet<String>, today: NaiveDate) -> Partner {
    let first = *rng.pick(FIRST);
    let last = *rng.pick(LAST);
    let name = if rng.chance(0.1) {
        let middle = (b'A' + rng.below(26) as u8) as char;
        format!("{first} {middle}. {last}")
    } else {
        format!("{first} {last}")
    };
    let id = unique_slug(&name, |s| taken.contains(s));
    taken.insert(id.clone());
    let prof = rng.pick(PROFESSIONS);
    let mut p = Partner::new(id.clone(), name);
    let firm_last = if rng.chance(0.7) { last } else { *rng.pick(LAST) };
    p.org = Some(rng.pick(prof.firms).replace("{}", firm_last));
    p.role = Some(rng.pick(prof.roles).to_string());
    let user: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    p.emails = vec![format!("{user}@example.org")];
    if rng.chance(0.2) {
        p.emails.push(format!("{}@gmail.example", user.replace('-', ".")));
    }
    p.phones = vec![format!("+1 555 {:04} {:04}", rng.below(10_000), rng.below(10_000))];
    p.tags = vec![prof.tag.to_string()];
    for _ in 0..rng.below(3) {
        let t = rng.pick(EXTRA_TAGS).to_string();
        if !p.tags.contains(&t) {
            p.tags.push(t);
        }
    }
    p.stage = Stage::ALL[rng.weighted(&[30, 35, 20, 15])];
    if rng.chance(0.3) {
        p.cadence_days = Some(*rng.pick(&[14, 30, 45, 60, 90, 180, 0]));
    }
    if rng.chance(0.5) {
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        let text = if rng.chance(0.5) {
            format!("{:04}-{month:02}-{day:02}", 1950 + rng.below(50))
        } else {
            format!("{month:02}-{day:02}")
        };
        p.birthday = YearlyDate::parse(&text).ok();
    }
    if rng.chance(0.1) {
        let text = format!("{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        if let Ok(date) = YearlyDate::parse(&text) {
            p.dates.push(LabelledDate {
                label: rng
                    .pick(&["anniversary", "practice opened", "work anniversary"])
                    .to_string(),
                date,
            });
        }
    }
    p.clientele = Some(rng.pick(prof.clientele).to_string());
    p.notes = Some(notes(rng, first));
    let six_years = today.checked_sub_days(Days::new(6 * 365)).unwrap_or(today);
    p.since = Some(date_between(rng, six_years, today - Days::new(30)));
    p.archived = rng.chance(0.03);
    p
}

fn gesture(rng: &mut SplitMix64, p: &Partner, today: NaiveDate) -> Gesture {
    let five_years = today.checked_sub_days(Days::new(5 * 365)).unwrap_or(today);
    let from = p.since.map_or(five_years, |s| s.max(five_years));
    let date = date_between(rng, from, today);
    let weights: Vec<u32> = KINDS.iter().map(|k| k.1).collect();
    let (kind, _, received_pct) = KINDS[rng.weighted(&weights)];
    let dir = if rng.below(100) < u64::from(received_pct) {
        Direction::Received
    } else {
        Direction::Given
    };
    let note = match kind {
        Kind::Referral => Some(format!("{}, {}", initials(rng), rng.pick(MATTERS))),
        _ => GESTURE_NOTES
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, notes)| rng.pick(notes).to_string()),
    }
    .filter(|n| !n.is_empty());
    let value = (kind == Kind::Gift && dir == Direction::Given).then(|| (15 + rng.below(136)) as f64);
    let outcome = (kind == Kind::Referral && dir == Direction::Received)
        .then(|| match rng.below(10) {
            0..=3 => Some(ReferralOutcome::Engaged),
            4 | 5 => Some(ReferralOutcome::Declined),
            6 => Some(ReferralOutcome::Pending),
            _ => None,
        })
        .flatten();
    // A ULID made from the day (plus a time of day) and the generator, so
    // ids sort by date and are the same for the same seed.
    let midnight_ms = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp_millis())
        .max(0) as u64;
    let ms = midnight_ms + 8 * 3_600_000 + rng.below(10 * 3_600_000);
    let random = (u128::from(rng.next_u64()) << 16) ^ u128::from(rng.next_u64() & 0xFFFF);
    Gesture {
        id: format!("g-{}", ulid::Ulid::from_parts(ms, random)),
        date,
        contact: p.id.clone(),
        kind,
        dir,
        note,
        value,
        outcome,
        extra: Default::default(),
    }
}

/// A book of `contacts` partners and `gestures` gestures over the five years
/// up to `today`; the same arguments always give the same book.
pub fn book(contacts: usize, gestures: usize, seed: u64, today: NaiveDate) -> Generated {
    let mut rng = SplitMix64::new(seed);
    let mut taken = HashSet::with_capacity(contacts);
    let mut partners: Vec<Partner> = (0..contacts).map(|_| partner(&mut rng, &mut taken, today)).collect();
    partners.sort_by(|a, b| a.id.cmp(&b.id));
    // Some partners send far more than others: pick who each gesture is
    // with by a skewed draw over a shuffled order, so a few are connectors
    // and many are rarely touched.
    let mut order: Vec<usize> = (0..partners.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    let mut log: Vec<Gesture> = Vec::with_capacity(gestures);
    if !partners.is_empty() {
        for _ in 0..gestures {
            let u = rng.unit();
            let who = order[((u * u) * partners.len() as f64) as usize % partners.len()];
            log.push(gesture(&mut rng, &partners[who], today));
        }
    }
    // Appended as they happened: by date, then by id (the time of day).
    log.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Generated {
        partners,
        gestures: log,
    }
}

/// Writes a generated book into `dir`, which must not hold data files yet.
pub fn write(dir: &Path, g: &Generated) -> Outcome {
    let existing: Vec<&str> = [paths::CONTACTS, paths::GESTURES, paths::QUEUE]
        .into_iter()
        .filter(|n| dir.join(n).exists())
        .collect();
    if !existing.is_empty() {
        return Err(Failure::Usage(format!(
            "{} already holds {}; generate writes only into a folder with no data files",
            dir.display(),
            existing.join(" and ")
        )));
    }
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| Failure::Data(format!("could not create {}: {e}", dir.display())))?;
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    fsio::atomic_write(&dir.join(paths::CONTACTS), contacts::render(&g.partners).as_bytes())?;
    let mut lines = String::with_capacity(g.gestures.len() * 160);
    for gesture in &g.gestures {
        lines.push_str(&log::render_line(gesture));
        lines.push('\n');
    }
    fsio::atomic_write(&dir.join(paths::GESTURES), lines.as_bytes())?;
    Ok(())
}

/// `rapport generate`.
pub fn generate(ctx: &Ctx, explicit_dir: bool, contacts: usize, gestures: usize, seed: u64) -> Outcome {
    if !explicit_dir {
        return Err(Failure::Usage(
            "generate needs --data-dir DIR (or RAPPORT_DATA_DIR): it never writes into your own data folder by default"
                .into(),
        ));
    }
    if contacts == 0 && gestures > 0 {
        return Err(Failure::Usage(
            "gestures need partners: give --contacts 1 or more".into(),
        ));
    }
    let g = book(contacts, gestures, seed, ctx.today);
    write(ctx.store.dir.as_path(), &g)?;
    println!(
        "Wrote {} partners and {} gestures (seed {seed}, five years up to {}) to {}",
        g.partners.len(),
        g.gestures.len(),
        ctx.today.format("%Y-%m-%d"),
        ctx.store.dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn same_seed_same_files() {
        let a = book(50, 400, 7, today());
        let b = book(50, 400, 7, today());
        assert_eq!(contacts::render(&a.partners), contacts::render(&b.partners));
        assert_eq!(a.gestures, b.gestures);
        let c = book(50, 400, 8, today());
        assert_ne!(contacts::render(&a.partners), contacts::render(&c.partners));
    }

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // First outputs for seed 0 from the reference C implementation.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn written_book_loads_back_identically() {
        let d = tempfile::tempdir().unwrap();
        let g = book(40, 300, 1, today());
        write(d.path(), &g).unwrap();
        let data = crate::store::Store::new(d.path()).load().unwrap();
        assert_eq!(data.book.partners, g.partners);
        assert_eq!(data.book.gestures, g.gestures);
        assert!(data.warnings.is_empty(), "{:?}", data.warnings);
        let kinds: HashSet<Kind> = g.gestures.iter().map(|x| x.kind).collect();
        assert_eq!(kinds.len(), Kind::ALL.len(), "every kind appears");
        let birthdays = g.partners.iter().filter(|p| p.birthday.is_some()).count();
        assert!(
            (10..=30).contains(&birthdays),
            "about half have a birthday: {birthdays}"
        );
        assert!(g.partners.iter().any(|p| !p.name.is_ascii()), "names with accents");
    }

    #[test]
    fn refuses_a_folder_with_data() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(paths::GESTURES), "").unwrap();
        let e = write(d.path(), &book(2, 2, 1, today())).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("already holds gestures.jsonl"), "{e}");
    }
}
