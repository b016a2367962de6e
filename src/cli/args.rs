//! The command line, as clap sees it.

use crate::domain::{Kind, Outcome, Stage};
use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "A keyboard-driven CRM for referral relationships: partners, a stay-in-touch queue, and a gesture log.",
    long_about = None,
    after_help = "With no command, rapport opens on your queue. Try `rapport --demo` to look around with sample data.\nContacts (WHO) are named by id or by a few letters of a name, organisation, role, tag or clientele."
)]
pub struct Cli {
    /// Use this config file instead of the default one.
    #[arg(long, global = true, env = "RAPPORT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Use this data folder instead of the default one.
    #[arg(long, global = true, env = "RAPPORT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Run on a temporary copy of the bundled demo data; your files are never touched.
    #[arg(long, global = true)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a partner.
    Add {
        /// Full name, e.g. "Dana Lee".
        name: String,
        #[command(flatten)]
        fields: PartnerFields,
    },
    /// Change a partner's details. A flag replaces that field; an empty value ("") clears it.
    Edit {
        /// Id or a few letters of the partner's name.
        who: String,
        /// New name (the id stays the same).
        #[arg(long)]
        name: Option<String>,
        /// Move them to the stage their log suggests (`rapport show` says which).
        #[arg(long, conflicts_with = "stage")]
        accept_stage: bool,
        #[command(flatten)]
        fields: PartnerFields,
    },
    /// Archive a partner: hidden from lists and the queue, history kept.
    Archive {
        /// Id or a few letters of the partner's name (an archived one with --restore).
        who: String,
        /// Why, in a few words ("not a fit"); kept with the partner.
        #[arg(long, conflicts_with = "restore")]
        reason: Option<String>,
        /// Bring an archived partner back instead.
        #[arg(long)]
        restore: bool,
    },
    /// Merge two partners who are one person: OTHER's gestures and snoozes
    /// move to KEEP, what only OTHER had fills KEEP, and OTHER's id still
    /// names KEEP. One change: `rapport undo` takes it back.
    #[command(
        after_help = "Likely duplicates are listed by `rapport import`; give ids to be sure, e.g. rapport merge dana-lee dana-lee-2"
    )]
    Merge {
        /// The partner to keep (id or a few letters of the name).
        keep: String,
        /// The partner merged into it, who leaves the list.
        other: String,
    },
    /// List partners.
    List {
        /// Only partners with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Only partners at this stage.
        #[arg(long, value_parser = parse_stage)]
        stage: Option<Stage>,
        /// Include archived partners.
        #[arg(long)]
        archived: bool,
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show a partner's call-prep card: contact details, balance, notes, recent gestures, open items.
    Show {
        who: String,
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search partners by name, organisation, role, tag or clientele (best match first).
    Search {
        query: String,
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Look addresses up for a mail client: mutt's query_command format
    /// (a first line, then `email<TAB>name<TAB>org`), exit 1 when none.
    #[command(
        after_help = "mutt:  set query_command = \"rapport query %s\"\naerc:  address-book-cmd = rapport query --no-header \"%s\""
    )]
    Query {
        query: String,
        /// Leave out the first line (aerc reads addresses only).
        #[arg(long)]
        no_header: bool,
    },
    /// Log a gesture: a referral, thank-you, call, gift ...
    #[command(
        after_help = "KIND is one of: referral, thank-you, update, gift, meeting, call, message, intro, share, invite, favor, card, ask, other."
    )]
    Log {
        who: String,
        #[arg(value_parser = parse_kind)]
        kind: Kind,
        /// They gave it to you (default: you gave it to them).
        #[arg(long)]
        received: bool,
        /// When it happened (default today): YYYY-MM-DD, today, yesterday,
        /// a weekday (the last one), 3d or 2w ago, 5 jan. A date after
        /// today needs --future.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// A short note; for referrals, initials are enough.
        #[arg(long)]
        note: Option<String>,
        /// Money value, for gifts.
        #[arg(long, value_parser = parse_value)]
        value: Option<f64>,
        /// How a referral turned out: engaged, declined or pending.
        #[arg(long, value_parser = parse_outcome)]
        outcome: Option<Outcome>,
        /// Allow a --date after today (a gesture planned, not yet made).
        #[arg(long)]
        future: bool,
    },
    /// Set how a referral turned out, later.
    #[command(after_help = "OUTCOME is one of: engaged, declined, pending.")]
    Outcome {
        /// A gesture id, or WHO for their most recent referral received.
        referral: String,
        /// engaged, declined or pending.
        #[arg(value_parser = parse_outcome)]
        outcome: Outcome,
    },
    /// The stay-in-touch queue: who needs attention, most overdue first.
    Queue {
        /// List what is snoozed, and until when, instead.
        #[arg(long)]
        snoozed: bool,
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Clear a queue item by logging its gesture (thank -> thank-you, touch -> call, ...).
    Done {
        /// The item's key, as `rapport queue` shows it.
        key: String,
        /// Log this kind instead (e.g. meeting for a touch).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        #[arg(long)]
        note: Option<String>,
        /// When it happened (default today): as `log --date`; not after today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// With an update item: how the referral turned out (engaged, declined or pending), set on the referral.
        #[arg(long, value_parser = parse_outcome)]
        outcome: Option<Outcome>,
    },
    /// Hide a queue item until a later date. A snooze is not a touch.
    #[command(group = clap::ArgGroup::new("when").required(true))]
    Snooze {
        key: String,
        /// For this many days.
        #[arg(long, group = "when")]
        days: Option<u32>,
        /// Until this day: YYYY-MM-DD, tomorrow, a weekday (the next one),
        /// 2w, 1m, 5 jan.
        #[arg(long, group = "when", value_name = "DATE")]
        until: Option<String>,
    },
    /// Lift the snooze of a queue item (a whole key, a prefix of one, or WHO), so it shows again.
    Unsnooze { key: String },
    /// Import partners from a vCard (.vcf) or CSV file (Google, Outlook, LinkedIn, Thunderbird, plain), or meetings from a calendar (.ics) with --touches.
    #[command(
        after_help = "People already in rapport are matched by UID, then e-mail, then name, and updated rather than duplicated.\nThe whole import is one change: `rapport undo` takes it back.\nWith --touches, FILE is a calendar: each past event (each occurrence of a repeating one) with a partner among its attendees is logged once as a meeting; cancelled and declined ones are not.\nOr FILE is mail (a maildir, an mbox, an .eml, or - for standard input): a message from you ([me] emails in config.toml) to a partner is a message given, one from a partner a message received; one per partner, thread and day. Mailing lists, bulk mail, auto-replies and mail to more than mail_max_recipients people are skipped."
    )]
    Import {
        /// The file to read.
        file: PathBuf,
        /// vcard or csv (default: guessed from the file name and content).
        #[arg(long, value_parser = parse_import_format)]
        format: Option<crate::interop::ImportFormat>,
        /// Show what would change and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Add this tag to every imported partner. Repeat for several.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The stage of the partners added (default reach-out, where each
        /// is an item in the queue until a first message goes out): rapport
        /// for people you know already. Partners already in rapport keep theirs.
        #[arg(long, value_parser = parse_stage, conflicts_with = "touches")]
        stage: Option<Stage>,
        /// Print what was added, updated and skipped as JSON.
        #[arg(long)]
        json: bool,
        /// Log touches instead of importing partners: FILE is a calendar (.ics), whose past events a partner attended are meetings, or mail (a maildir or a folder of them, an mbox, one message, or - for one message on standard input), whose messages to and from partners are messages.
        #[arg(long, conflicts_with_all = ["format", "tags"])]
        touches: bool,
        /// With --touches on mail: leave out mail before this date.
        #[arg(long, requires = "touches", value_name = "DATE")]
        since: Option<String>,
    },
    /// Export partners: vcard (vCard 4.0), ics (birthdays and the next 30 days' queue), json (everything), vdir.
    Export {
        /// vcard, ics, json or vdir (a folder of one .vcf per partner, as khard and vdirsyncer use).
        #[arg(long, value_parser = parse_export_format)]
        format: crate::interop::ExportFormat,
        /// Write to this file (a folder for vdir) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Pipeline by stage, referrals both ways, connectors, one-way partners.
    Stats {
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Who to send a client to: partners whose clientele, role, tags, benefit or notes match NEED, the ones you owe most first.
    #[command(
        after_help = "Ranked by what you owe (referrals and introductions received minus given, last 12 months), then stage (trust first), then the longest since you last referred to them.\nExample: rapport refer \"estate planning\" --to rosa --note J.P.   (initials are enough; nothing asks for the client's name)"
    )]
    Refer {
        /// What the client needs, e.g. "estate planning".
        need: String,
        /// Log the referral given to this partner (undoable).
        #[arg(long, value_name = "WHO")]
        to: Option<String>,
        /// With --to: a note on the referral; initials are enough.
        #[arg(long, requires = "to")]
        note: Option<String>,
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write an outreach message to a partner from a template, or check any draft.
    #[command(
        after_help = "Templates: first (the default), follow-up, thank-you, update, and your own .txt files in a templates folder beside config.toml.\n`[me]` in config.toml says who is writing (see config.example.toml).\nChecks: addressed by name, shared clientele, what's in it for them, a next step, no attachment, not an ad, giving before asking; --check exits 1 when any fails."
    )]
    Draft {
        /// The partner to write to.
        #[arg(required_unless_present = "check")]
        who: Option<String>,
        /// The template to fill (default: first).
        #[arg(long, short = 't', value_name = "NAME")]
        template: Option<String>,
        /// Write the draft to this file instead of printing it.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Check a draft instead of writing one: a file, or - for standard input.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["who", "template", "output"])]
        check: Option<PathBuf>,
        /// With --check: the partner the draft is for (the first-name check needs them).
        #[arg(long, value_name = "WHO", requires = "check")]
        to: Option<String>,
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Undo the last change (from the command line or the TUI).
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Check every data file and report all problems at once.
    Check,
    /// Print where rapport keeps its files.
    Paths {
        /// Print JSON (for scripts) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script.
    Completions { shell: Shell },
    /// Print the manual page (roff): `rapport man | man -l -`.
    Man,
    /// Merge three versions of a data file, as git's merge driver does (see `rapport sync init`).
    #[command(
        name = "merge-file",
        after_help = "Exit status: 0 merged (fields both sides changed keep this side's value and are reported by `rapport check`), 1 left for git to show as a conflict (a newer rapport's file), 2 a file does not parse (OURS untouched)."
    )]
    MergeFile {
        /// The common ancestor (git's %O).
        base: PathBuf,
        /// This side (git's %A); the result is written here.
        ours: PathBuf,
        /// The other side (git's %B).
        theirs: PathBuf,
        /// What the files are; told from the file name when not given.
        #[arg(long, value_enum)]
        kind: Option<MergeKind>,
        /// The file's path in the work tree (git's %P): conflicts are recorded beside it.
        #[arg(long, value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Keep the data folder in git on several machines.
    Sync {
        #[command(subcommand)]
        action: SyncAction,
    },
    /// Write a realistic made-up book into an empty data folder (for benchmarks).
    #[command(
        hide = true,
        long_about = "Write a realistic made-up book into an empty data folder, for benchmarks and trying rapport at scale.\n\nPartners get names with accents, organisations, roles, tags, notes of a few hundred characters and, for about half, a birthday; gestures of every kind go both ways over the five years up to today. The same --seed (and the same today: RAPPORT_TODAY fixes it) always writes the same files. The folder must be named with --data-dir (or RAPPORT_DATA_DIR) and must not hold data files yet.",
        after_help = "Example: rapport generate --contacts 10000 --gestures 100000 --seed 1 --data-dir /tmp/book"
    )]
    Generate {
        /// How many partners.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        contacts: usize,
        /// How many gestures, spread over the partners (a few get many).
        #[arg(long, default_value_t = 10000, value_name = "M")]
        gestures: usize,
        /// The same seed writes the same book.
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
    },
}

/// What `merge-file` merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MergeKind {
    /// gestures.jsonl
    Log,
    /// contacts.toml
    Contacts,
    /// queue.toml
    Queue,
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Make git merge the data files with `rapport merge-file`: writes .gitattributes, .gitignore and the repository's merge-driver config.
    Init {
        /// Make the data folder a git repository first (`git init`) if it is not one.
        #[arg(long)]
        git: bool,
    },
}

#[derive(Debug, Args, Default, Clone)]
pub struct PartnerFields {
    #[arg(long)]
    pub org: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    /// Repeat for several.
    #[arg(long = "email", value_name = "EMAIL")]
    pub emails: Vec<String>,
    /// Repeat for several.
    #[arg(long = "phone", value_name = "PHONE")]
    pub phones: Vec<String>,
    /// Repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// reach-out, rapport, mutual-benefit or trust.
    #[arg(long, value_parser = parse_stage)]
    pub stage: Option<Stage>,
    /// Days between touches (0: never due).
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<u32>,
    /// MM-DD or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub birthday: Option<String>,
    /// Who they serve, e.g. "divorcing parents".
    #[arg(long)]
    pub clientele: Option<String>,
    /// What's in it for them: what you can offer this partner, e.g. "overflow custody cases".
    #[arg(long)]
    pub benefit: Option<String>,
    /// Personal notes: family, causes, what to ask about.
    #[arg(long = "note", value_name = "NOTES")]
    pub notes: Option<String>,
    /// When the relationship began (YYYY-MM-DD; default today for add).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}
fn parse_stage(s: &str) -> Result<Stage, String> {
    s.parse()
}
fn parse_outcome(s: &str) -> Result<Outcome, String> {
    s.parse()
}
fn parse_import_format(s: &str) -> Result<crate::interop::ImportFormat, String> {
    s.parse()
}
fn parse_export_format(s: &str) -> Result<crate::interop::ExportFormat, String> {
    s.parse()
}
fn parse_value(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{s}' is not an amount (expected a number like 45 or 45.50)")),
    }
}
