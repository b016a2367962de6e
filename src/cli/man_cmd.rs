//! `rapport man`: the manual page, as roff, made from the same clap
//! definition as `--help`, so the two never disagree.
//!
//! One page for everything: clap_mangen's sections for rapport itself, then
//! a COMMANDS section with each command's synopsis, description, options
//! and notes, then FILES, ENVIRONMENT and EXAMPLES written here.

use super::args::Cli;
use super::{Failure, Outcome};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::io::Write;

pub fn man() -> Outcome {
    let page = page().map_err(|e| Failure::Data(format!("cannot write the manual page: {e}")))?;
    let mut out = std::io::stdout().lock();
    match out.write_all(&page).and_then(|()| out.flush()) {
        // `rapport man | head` is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Data(format!("cannot write the manual page: {e}"))),
        Ok(()) => Ok(()),
    }
}

/// The whole page, as roff.
pub fn page() -> std::io::Result<Vec<u8>> {
    let cli = Cli::command().disable_help_subcommand(true);
    let version = cli.get_version().unwrap_or_default().to_owned();
    let top = Man::new(cli.clone());
    let mut w = Vec::new();
    top.render_name_section(&mut w)?;
    top.render_synopsis_section(&mut w)?;
    top.render_description_section(&mut w)?;
    // The after-help (what rapport does with no command) belongs with the
    // description rather than under clap_mangen's EXTRA heading.
    w.extend(b".PP\n");
    w.extend(body(&top, Man::render_extra_section, true)?);
    top.render_options_section(&mut w)?;

    let mut list = Roff::new();
    list.control("SH", ["COMMANDS"]);
    for sub in visible(&cli) {
        list.control("TP", []);
        list.text([bold(sub.get_name())]);
        list.text([roman(about(sub))]);
    }
    list.control("PP", []);
    list.text([roman(
        "Each is described below; `rapport COMMAND --help` prints the same.",
    )]);
    list.to_writer(&mut w)?;
    for sub in visible(&cli) {
        command(&mut w, sub, "rapport")?;
    }

    let mut end = Roff::new();
    files(&mut end);
    environment(&mut end);
    examples(&mut end);
    end.control("SH", ["SEE ALSO"]);
    end.text([
        bold("git"),
        roman("(1) for "),
        bold("rapport sync"),
        roman("; "),
        bold("mutt"),
        roman("(1) and "),
        bold("aerc"),
        roman("(1) for "),
        bold("rapport query"),
        roman("."),
    ]);
    end.to_writer(&mut w)?;
    top.render_version_section(&mut w)?;
    Ok(tidy(&w, &version))
}

/// The roff crate starts every piece it renders with the same two lines
/// defining `\*(Aq` (an apostrophe); the page needs them once, after its
/// title. The title is written here: an empty date would leave a gap that
/// shifts the fields after it.
fn tidy(raw: &[u8], version: &str) -> Vec<u8> {
    const AQ: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let text = String::from_utf8_lossy(raw);
    let mut out = format!(".TH RAPPORT 1 \"\" \"rapport {version}\" \"User Commands\"\n");
    for line in AQ {
        out.push_str(line);
        out.push('\n');
    }
    for line in text.lines().filter(|l| !AQ.contains(l)) {
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// The subcommands a user sees: not the hidden ones (`generate`).
fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

fn about(cmd: &clap::Command) -> String {
    cmd.get_about()
        .or_else(|| cmd.get_long_about())
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// One command's part of COMMANDS, and its own subcommands' after it.
fn command(w: &mut Vec<u8>, sub: &clap::Command, parent: &str) -> std::io::Result<()> {
    let name = format!("{parent} {}", sub.get_name());
    // Each part is a subsection, so clap_mangen's own headings (SYNOPSIS,
    // OPTIONS ...) go; --help is left out, as the page says it once.
    let man = Man::new(
        sub.clone()
            .bin_name(&name)
            .disable_help_flag(true)
            .disable_help_subcommand(true),
    );
    let mut head = Roff::new();
    head.control("SS", [name.as_str()]);
    head.to_writer(w)?;
    w.extend(body(&man, Man::render_synopsis_section, false)?);
    w.extend(b".PP\n");
    w.extend(body(&man, Man::render_description_section, false)?);
    w.extend(body(&man, Man::render_options_section, false)?);
    let notes = body(&man, Man::render_extra_section, true)?;
    if !notes.is_empty() {
        w.extend(b".PP\n");
        w.extend(notes);
    }
    for inner in visible(sub) {
        command(w, inner, &name)?;
    }
    Ok(())
}

/// A section clap_mangen renders, less its `.SH` heading and blank lines
/// (an option with no help leaves one, which roff would print). With
/// `breaks`, each line of text stays a line, as the after-help's lines
/// (mutt: ..., aerc: ...) are meant to.
fn body(man: &Man, render: fn(&Man, &mut dyn Write) -> std::io::Result<()>, breaks: bool) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    render(man, &mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let mut out = String::new();
    let mut after_text = false;
    for line in text.lines().filter(|l| !l.starts_with(".SH") && !l.trim().is_empty()) {
        let is_text = !line.starts_with('.');
        if breaks && is_text && after_text {
            out.push_str(".br\n");
        }
        after_text = is_text;
        out.push_str(line);
        out.push('\n');
    }
    // A section with nothing in it (no options) leaves nothing.
    if !out.lines().any(|l| !l.starts_with(".ie") && !l.starts_with(".el")) {
        out.clear();
    }
    Ok(out.into_bytes())
}

fn files(r: &mut Roff) {
    r.control("SH", ["FILES"]);
    r.text([
        roman("Plain text, meant to be read, diffed and kept in git. "),
        bold("rapport paths"),
        roman(" prints where they are; "),
        bold("--data-dir"),
        roman(" and "),
        bold("--config"),
        roman(" put them elsewhere."),
    ]);
    let entries: [(&str, &str); 7] = [
        (
            "~/.config/rapport/config.toml",
            "Settings: cadences, the queue's rules, [me] for drafts, keys. Templates for \
             rapport draft go in a templates folder beside it.",
        ),
        ("~/.local/share/rapport/", "The data folder, holding the files below."),
        ("contacts.toml", "The partners and their details."),
        (
            "gestures.jsonl",
            "The log of gestures (referrals, thank-yous, calls ...), one JSON object a line.",
        ),
        ("queue.toml", "Snoozed queue items and until when."),
        ("journal.json", "What rapport undo and rapport redo take back."),
        ("backups/", "Copies of the data files from before recent changes."),
    ];
    for (path, what) in entries {
        r.control("TP", []);
        r.text([italic(path)]);
        r.text([roman(what)]);
    }
}

fn environment(r: &mut Roff) {
    r.control("SH", ["ENVIRONMENT"]);
    let entries: [(&str, &str); 4] = [
        ("RAPPORT_DATA_DIR", "The data folder, as --data-dir."),
        ("RAPPORT_CONFIG", "The config file, as --config."),
        (
            "RAPPORT_CACHE_DIR",
            "Where the parsed copy of the book is kept; empty turns the cache off.",
        ),
        ("NO_COLOR", "Set and not empty: no colours."),
    ];
    for (name, what) in entries {
        r.control("TP", []);
        r.text([bold(name)]);
        r.text([roman(what)]);
    }
}

fn examples(r: &mut Roff) {
    r.control("SH", ["EXAMPLES"]);
    let entries: [(&str, &str); 8] = [
        (
            "rapport add \"Dana Lee\" --org \"Lee Family Law\" --tag family",
            "Add a partner.",
        ),
        (
            "rapport log dana referral --received --note J.P.",
            "Dana sent you a client; initials are enough.",
        ),
        ("rapport queue", "Who needs attention, most overdue first."),
        (
            "rapport refer \"estate planning\"",
            "Who to send a client to, the ones you owe most first.",
        ),
        (
            "rapport import contacts.vcf --tag imported",
            "Bring people in from a vCard or CSV file; rapport undo takes it back.",
        ),
        (
            "rapport export --format ics -o birthdays.ics",
            "Birthdays and the next 30 days' queue for a calendar.",
        ),
        (
            "rapport man > ~/.local/share/man/man1/rapport.1",
            "Install this page, for man rapport.",
        ),
        (
            "set query_command = \"rapport query %s\"",
            "In mutt's muttrc: complete addresses from rapport (aerc: address-book-cmd = \
             rapport query --no-header \"%s\").",
        ),
    ];
    for (line, what) in entries {
        r.control("TP", []);
        r.text([bold(line)]);
        r.text([roman(what)]);
    }
}
