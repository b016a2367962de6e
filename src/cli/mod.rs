//! The commands. One function per subcommand, all sharing the domain and
//! the store; `run` is what `main` calls.

/// `println!` for a person: the whole line goes through
/// [`crate::domain::text::safe`], so stored text can never reach the
/// terminal as a control sequence. `--json` output uses [`print_json`].
macro_rules! say {
    () => {
        $crate::cli::out::line("")
    };
    ($($arg:tt)*) => {
        $crate::cli::out::line(&$crate::domain::text::safe(&format!($($arg)*)))
    };
}

/// [`say!`] on stderr: warnings, notes and errors.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::domain::text::safe(&format!($($arg)*)))
    };
}

pub mod args;
mod contacts_cmd;
pub mod generate;
mod interop_cmd;
mod log_cmd;
mod man_cmd;
mod misc_cmd;
pub mod out;
mod query_cmd;
mod queue_cmd;
mod reach_cmd;
mod render;
mod stage_cmd;
mod sync_cmd;
mod touches_cmd;

use crate::config::Config;
use crate::domain::day::{Toward, parse_day};
use crate::domain::search::{Resolution, SearchIndex, resolve_by};
use crate::domain::{Book, Partner, parse_date};
use crate::store::partners::Partners;
use crate::store::{Paths, Store, StoreError};
pub use args::{Cli, Command};
use chrono::NaiveDate;
use std::fmt;

/// Why a command failed; the exit code follows from it.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments: exit 2.
    Usage(String),
    /// Bad data or a failed write: exit 1.
    Data(String),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Data(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Data(m) => f.write_str(m),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        if let StoreError::Refusal(r) = &e
            && r.is_usage()
        {
            return Failure::Usage(r.to_string());
        }
        Failure::Data(e.to_string())
    }
}

impl From<crate::demo::DemoError> for Failure {
    fn from(e: crate::demo::DemoError) -> Self {
        Failure::Data(e.to_string())
    }
}

pub type Outcome<T = ()> = Result<T, Failure>;

/// What every command needs: where the files are, the settings, today.
pub struct Ctx {
    pub paths: Paths,
    pub config: Config,
    pub today: NaiveDate,
    pub store: Store,
    /// Keeps the demo's temporary folder alive while the command runs.
    demo: Option<tempfile::TempDir>,
}

/// `RAPPORT_TODAY`, or the local date.
pub fn today() -> Outcome<NaiveDate> {
    match std::env::var("RAPPORT_TODAY") {
        Ok(s) if !s.trim().is_empty() => parse_date(&s).map_err(|m| Failure::Usage(format!("RAPPORT_TODAY: {m}"))),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// Parses a date argument as the TUI's date fields do (see
/// [`crate::domain::day`]): `today`, `yesterday`, a weekday, `3d`, `2w`,
/// `5 jan`, YYYY-MM-DD. A day without a sign or a year points `toward`
/// the past (when something happened) or ahead (until when).
pub fn date_arg(flag: &str, s: &str, today: NaiveDate, toward: Toward) -> Outcome<NaiveDate> {
    parse_day(s, today, toward).map_err(|m| Failure::Usage(format!("{flag}: {m}")))
}

/// The date of a gesture: as [`date_arg`], and not after today unless the
/// user said `--future` (a typo'd year would move the balance and hide the
/// thank-you it owes).
pub fn gesture_date(flag: &str, s: &str, today: NaiveDate, future: bool) -> Outcome<NaiveDate> {
    let toward = if future { Toward::Ahead } else { Toward::Back };
    let d = date_arg(flag, s, today, toward)?;
    if d > today && !future {
        return Err(Failure::Usage(format!(
            "{flag} {}, or add --future if it is planned",
            crate::domain::day::after_today(d, today)
        )));
    }
    Ok(d)
}

/// Loads the config file; a missing file means the defaults. Unknown keys
/// are warnings on stderr.
pub fn load_config(path: &std::path::Path) -> Outcome<Config> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            Failure::Data(crate::store::error::utf8_error(path, e.as_bytes(), e.utf8_error()).to_string())
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(StoreError::io(path, "read", e).into()),
    };
    let (config, unknown) = Config::parse(&text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let msg = e.message().lines().next().unwrap_or("invalid setting").to_string();
        Failure::Data(StoreError::at(path, &text, offset, msg).to_string())
    })?;
    for key in unknown {
        tell!(
            "warning: {}: unknown setting `{key}` is ignored (see config.example.toml)",
            path.display()
        );
    }
    Ok(config)
}

impl Ctx {
    pub fn new(cli: &Cli) -> Outcome<Ctx> {
        let today = today()?;
        let (paths, demo) = if cli.demo {
            let dir = crate::demo::create(today)?;
            let config_file = cli.config.clone().unwrap_or_else(|| dir.path().join("config.toml"));
            (
                Paths {
                    config_file,
                    data_dir: dir.path().to_path_buf(),
                },
                Some(dir),
            )
        } else {
            (
                Paths::resolve(cli.config.clone(), cli.data_dir.clone()).map_err(Failure::Usage)?,
                None,
            )
        };
        let mut config = load_config(&paths.config_file)?;
        if cli.demo && config.me.is_empty() {
            // The demo brings its own [me], so drafts work on it.
            config.me = Config::parse(crate::demo::CONFIG)
                .map(|(c, _)| c.me)
                .unwrap_or_default();
        }
        let store = Store::new(paths.data_dir.clone());
        Ok(Ctx {
            paths,
            config,
            today,
            store,
            demo,
        })
    }
}

/// Turns WHO into the index of one partner, or a failure that lists the
/// candidates (exit 2).
pub fn resolve_who(book: &Book, who: &str) -> Outcome<usize> {
    let index = SearchIndex::new(&book.partners);
    let found = resolve_by(
        |id| book.position_or_alias(id),
        &index,
        who,
        &crate::domain::summary::last_touches(book),
    );
    settle(found, who, |rows| {
        Ok(rows.iter().map(|&i| book.partners[i].clone()).collect())
    })
}

/// [`resolve_who`] among the partners as `search` and `show` read them.
pub fn resolve_who_in(all: &Partners, who: &str) -> Outcome<usize> {
    let found = resolve_by(|id| all.position_or_alias(id), &all.index, who, &all.last_touches());
    settle(found, who, |rows| Ok(all.get(rows)?))
}

/// One partner, or the failure that names the candidates.
fn settle(found: Resolution, who: &str, partners: impl Fn(&[usize]) -> Outcome<Vec<Partner>>) -> Outcome<usize> {
    match found {
        Resolution::One(i) => Ok(i),
        Resolution::None => Err(Failure::Usage(format!(
            "no partner matches '{who}'; `rapport search` finds partners, `rapport list` shows them all"
        ))),
        Resolution::Many(candidates) => {
            let names: Vec<String> = partners(&candidates)?
                .iter()
                .map(|p| format!("{} ({})", p.name, p.id))
                .collect();
            Err(Failure::Usage(format!(
                "'{who}' matches {} partners: {}; name one by its id",
                names.len(),
                names.join(", ")
            )))
        }
    }
}

/// Runs one command line.
pub fn run(cli: Cli) -> Outcome {
    // Tests make a write fail on purpose; release builds have no such seam.
    #[cfg(debug_assertions)]
    crate::store::fsio::fault_from_env();
    if let Some(Command::Completions { shell }) = &cli.command {
        return misc_cmd::completions(*shell);
    }
    if let Some(Command::Man) = &cli.command {
        return man_cmd::man();
    }
    // git runs the merge driver with its own temporary files: no data
    // folder or config is opened.
    if let Some(Command::MergeFile { .. }) = &cli.command {
        return sync_cmd::merge_file(cli);
    }
    // generate writes only where it was told to, never into the default folder.
    let explicit_dir = cli.data_dir.is_some() && !cli.demo;
    let ctx = Ctx::new(&cli)?;
    match cli.command {
        Some(Command::Generate {
            contacts,
            gestures,
            seed,
        }) => generate::generate(&ctx, explicit_dir, contacts, gestures, seed),
        None => {
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                let scratch = ctx.demo.as_ref().map(|d| d.path());
                crate::tui::run(&ctx.store, &ctx.config, &ctx.paths.config_file, ctx.today, scratch)
                    .map_err(|e| Failure::Data(e.to_string()))
            } else {
                misc_cmd::overview(&ctx)
            }
        }
        Some(cmd) => {
            let before = ctx.store.stamps();
            let result = dispatch(&ctx, cmd);
            // What the loads met (a torn last line set aside, an old
            // schema), said once, after the command's own output.
            for n in ctx.store.take_notes() {
                tell!("note: {n}");
            }
            for w in ctx.store.take_warnings() {
                tell!("warning: {w}");
            }
            match out::finish() {
                None => result,
                // The data is on disk whatever became of its report: a
                // script that retried on a failure would log it twice.
                Some(e) if ctx.store.stamps() != before => {
                    tell!("rapport: the change was written; printing failed: {e}");
                    result
                }
                // `rapport list | head` stops quietly when head does.
                Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => result,
                Some(e) => result.and(Err(Failure::Data(format!("printing to standard output failed: {e}")))),
            }
        }
    }
}

fn dispatch(ctx: &Ctx, cmd: Command) -> Outcome {
    match cmd {
        Command::Add { name, fields } => contacts_cmd::add(ctx, &name, &fields),
        Command::Edit {
            who,
            name,
            accept_stage,
            fields,
        } => contacts_cmd::edit(ctx, &who, name.as_deref(), accept_stage, &fields),
        Command::Archive { who, reason, restore } => contacts_cmd::archive(ctx, &who, reason, restore),
        Command::Merge { keep, other } => contacts_cmd::merge(ctx, &keep, &other),
        Command::List {
            tag,
            stage,
            archived,
            json,
        } => contacts_cmd::list(ctx, tag.as_deref(), stage, archived, json),
        Command::Show { who, json } => contacts_cmd::show(ctx, &who, json),
        Command::Search { query, json } => contacts_cmd::search(ctx, &query, json),
        Command::Query { query, no_header } => query_cmd::query(ctx, &query, no_header),
        Command::Log {
            who,
            kind,
            received,
            date,
            note,
            value,
            outcome,
            future,
        } => {
            let args = log_cmd::LogArgs {
                kind,
                received,
                date,
                note,
                value,
                outcome,
                future,
            };
            log_cmd::log(ctx, &who, args)
        }
        Command::Outcome { referral, outcome } => log_cmd::set_outcome(ctx, &referral, outcome),
        Command::Queue { snoozed, json } => match snoozed {
            true => queue_cmd::snoozed(ctx, json),
            false => queue_cmd::queue(ctx, json),
        },
        Command::Done {
            key,
            kind,
            note,
            date,
            outcome,
        } => {
            let args = queue_cmd::DoneArgs {
                kind,
                note,
                date,
                outcome,
            };
            queue_cmd::done(ctx, &key, args)
        }
        Command::Snooze { key, days, until } => queue_cmd::snooze(ctx, &key, days, until.as_deref()),
        Command::Unsnooze { key } => queue_cmd::unsnooze(ctx, &key),
        Command::Import {
            file,
            dry_run,
            json,
            touches: true,
            since,
            ..
        } => touches_cmd::import(ctx, &file, since.as_deref(), dry_run, json),
        Command::Import {
            file,
            format,
            dry_run,
            tags,
            stage,
            json,
            touches: false,
            ..
        } => interop_cmd::import(ctx, &file, format, dry_run, &tags, stage, json),
        Command::Export { format, output } => interop_cmd::export(ctx, format, output.as_deref()),
        Command::Stats { json } => queue_cmd::stats(ctx, json),
        Command::Refer { need, to, note, json } => reach_cmd::refer(ctx, &need, to.as_deref(), note, json),
        Command::Draft {
            who,
            template,
            output,
            check,
            to,
            json,
        } => match check {
            Some(file) => reach_cmd::check(ctx, &file, to.as_deref(), json),
            None => reach_cmd::draft(
                ctx,
                who.as_deref().unwrap_or_default(),
                template.as_deref(),
                output.as_deref(),
                json,
            ),
        },
        Command::Undo => misc_cmd::undo(ctx, true),
        Command::Redo => misc_cmd::undo(ctx, false),
        Command::Check => misc_cmd::check(ctx),
        Command::Paths { json } => misc_cmd::paths(ctx, json),
        Command::Sync {
            action: args::SyncAction::Init { git },
        } => sync_cmd::init(ctx, git),
        Command::Completions { .. } | Command::Man | Command::MergeFile { .. } => {
            unreachable!("handled before the data is opened")
        }
        Command::Generate { .. } => unreachable!("handled in run, which knows how the folder was named"),
    }
}

/// Prints JSON on stdout. The text is as stored once parsed; the C1 and
/// bidirectional controls serde_json leaves raw are written as `\uXXXX`
/// escapes, so the JSON is as safe on a terminal as the rest.
pub fn print_json<T: serde::Serialize>(v: &T) {
    let text = serde_json::to_string_pretty(v).expect("output always serializes");
    out::line(&json_escape_controls(&text));
}

/// Writes every char a terminal must not get as a JSON `\uXXXX` escape. JSON
/// outside strings is plain ASCII, so any such char is inside a string,
/// where the escape means the same char.
fn json_escape_controls(json: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write as _;
    let needs = crate::domain::text::is_terminal_control;
    if !json.chars().any(needs) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            // Every such char is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}
