//! End-to-end runs in a real terminal: rapport inside tmux, driven by
//! send-keys and read back with capture-pane. Skipped (with a note) where
//! tmux is not installed; `.ci/run` installs it.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server of our own (its own socket), one window.
struct Term {
    socket: String,
    data: tempfile::TempDir,
    scratch: tempfile::TempDir,
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

macro_rules! need_tmux {
    () => {
        if !common::have_tool("tmux", tmux_available()) {
            return;
        }
    };
}

impl Term {
    /// The demo data in a temporary folder, and a tmux server for it.
    fn demo(name: &str) -> Term {
        let today = rapport::domain::parse_date(common::TODAY).unwrap();
        let data = rapport::demo::create(today).unwrap();
        Term {
            socket: format!("rapport-test-{name}-{}", std::process::id()),
            data,
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    /// A generated book of about 2 MB, large enough to be cached.
    fn large(name: &str) -> Term {
        let today = rapport::domain::parse_date(common::TODAY).unwrap();
        let data = tempfile::tempdir().unwrap();
        let book = rapport::generate::book(1500, 15_000, 7, today);
        rapport::generate::write(data.path(), &book).unwrap();
        Term {
            socket: format!("rapport-test-{name}-{}", std::process::id()),
            data,
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts rapport in window `win`. After it exits, the shell prints its
    /// exit code and whether the terminal is back in canonical (cooked)
    /// mode, then waits so the pane can still be read.
    fn start(&self, win: &str, extra_env: &str) {
        self.start_as(win, extra_env, "");
    }

    /// [`Term::start`], with `runner` (setpriv and its flags, say) before
    /// the binary.
    fn start_as(&self, win: &str, extra_env: &str, runner: &str) {
        let script = self.scratch.path().join(format!("{win}.sh"));
        let cmd = format!(
            "#!/bin/sh\n\
             export RAPPORT_DATA_DIR='{data}' RAPPORT_TODAY={today} RAPPORT_CONFIG='{cfg}' TERM=xterm-256color {extra_env}\n\
             {runner} '{bin}'\n\
             echo \"EXITED $?\"\n\
             stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon\n\
             echo CHECKED\n\
             sleep 60\n",
            data = self.data.path().display(),
            today = common::TODAY,
            cfg = self.scratch.path().join("config.toml").display(),
            bin = env!("CARGO_BIN_EXE_rapport"),
        );
        std::fs::write(&script, cmd).unwrap();
        let script = script.display().to_string();
        if win == "t" {
            self.tmux(&["new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "sh", &script]);
        } else {
            self.tmux(&["new-window", "-d", "-t", "t", "-n", win, "sh", &script]);
        }
    }

    /// A tmux format variable of the window's pane: `alternate_on`,
    /// `mouse_any_flag`.
    fn flag(&self, win: &str, name: &str) -> String {
        let format = format!("#{{{name}}}");
        self.tmux(&["display-message", "-p", "-t", &Term::target(win), &format])
            .trim()
            .to_string()
    }

    fn target(win: &str) -> String {
        if win == "t" { "t:0".into() } else { format!("t:{win}") }
    }

    fn screen(&self, win: &str) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &Term::target(win)])
    }

    fn send(&self, win: &str, keys: &[&str]) {
        let t = Term::target(win);
        for k in keys {
            self.tmux(&["send-keys", "-t", &t, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Waits up to five seconds for the window to show `what`.
    fn wait_for(&self, win: &str, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen(win);
            if s.contains(what) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(5) {
                panic!("waited 5 s for {what:?}; the screen shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.data.path().join(name)
    }

    /// The pid of rapport: the child of the window's shell.
    fn rapport_pid(&self, win: &str) -> String {
        let shell = self.tmux(&["display-message", "-p", "-t", &Term::target(win), "#{pane_pid}"]);
        let shell = shell.trim();
        let start = Instant::now();
        loop {
            let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.to_string();
            }
            assert!(start.elapsed() < Duration::from_secs(5), "rapport did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

fn line_count(p: &Path) -> usize {
    std::fs::read_to_string(p).unwrap().lines().count()
}

fn wait_until(what: &str, f: impl Fn() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(5), "waited 5 s for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// After rapport exits: the exit code, raw mode off, the main screen back.
fn assert_restored(s: &str, code: &str) {
    assert!(s.contains(&format!("EXITED {code}")), "{s}");
    assert!(s.lines().any(|l| l.trim() == "icanon"), "raw mode was left on:\n{s}");
    assert!(!s.contains("┌ Queue"), "the TUI's screen is still showing:\n{s}");
}

#[test]
fn morning_triage_in_a_real_terminal() {
    need_tmux!();
    let t = Term::demo("triage");
    let log = t.file("gestures.jsonl");
    let before = std::fs::read(&log).unwrap();
    let n = line_count(&log);
    t.start("t", "");
    t.wait_for("t", "Queue (11)");
    t.send("t", &["j", "j", "d"]);
    t.wait_for("t", "Logged call to Tom Reyes");
    assert_eq!(line_count(&log), n + 1);
    t.send("t", &["u"]);
    t.wait_for("t", "Undid");
    assert_eq!(std::fs::read(&log).unwrap(), before);

    t.send("t", &["/", "d", "a", "n", "a"]);
    t.wait_for("t", "/ dana");
    t.send("t", &["Enter"]);
    let card = t.wait_for("t", "+1 555 0100");
    assert!(card.contains("Spouse Sam; kids Ava and Leo."), "{card}");
    t.send("t", &["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.send("t", &["q"]);
    let s = t.wait_for("t", "CHECKED");
    assert_restored(&s, "0");
}

/// The TUI a practitioner lives in, in a real terminal: Esc never quits,
/// the partners filter and sort, a forgiving search, Insights, a snooze
/// typed over its preset, `D` with its form, archive and undo, a form
/// that asks before it discards.
#[test]
fn a_tour_of_the_filters_insights_and_forms_in_a_real_terminal() {
    need_tmux!();
    let t = Term::demo("tour");
    t.start("t", "");
    t.wait_for("t", "Queue (11)");
    t.send("t", &["Escape"]);
    t.wait_for("t", "q quits");
    t.send("t", &[":", "q", "u", "i", "e", "t", ":", "9", "0", "Enter"]);
    t.wait_for("t", "Partners · quiet:90 ·");
    t.send("t", &["o"]);
    t.wait_for("t", "longest untouched first");
    t.send("t", &["Escape"]);
    t.wait_for("t", "Filter cleared");
    t.send("t", &["/", "p", "r", "i", "a", "y"]);
    t.wait_for("t", "▶Priya Shah");
    t.send("t", &["Escape", "4"]);
    t.wait_for("t", "Referrals by month");
    t.send("t", &["1"]);
    t.wait_for("t", "Queue (11)");
    // The first item is Dana's thank-you: D, a note, card, Enter.
    t.send("t", &["D", "c", "a", "r", "d", "Up", "Right", "Enter"]);
    t.wait_for("t", "Logged card to Dana Lee");
    t.send("t", &["u"]);
    t.wait_for("t", "Undid");
    // The cursor is back on the thank-you that came back.
    t.wait_for("t", "▶thank     Dana Lee");
    t.send("t", &["j", "j", "j", "s", "1", "4", "Enter"]);
    t.wait_for("t", "Snoozed touch for Yusuf Demir until Fri 4 Dec");
    t.send("t", &["u"]);
    t.wait_for("t", "Undid");
    t.send("t", &["2", "x", "n", "o", "t", " ", "a", " ", "f", "i", "t", "Enter"]);
    t.wait_for("t", "Archived ");
    t.send("t", &["u"]);
    t.wait_for("t", "Undid");
    t.send("t", &["a", "A", "n", "n", "Escape"]);
    t.wait_for("t", "Discard what you typed?");
    t.send("t", &["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.send("t", &["q"]);
    let s = t.wait_for("t", "CHECKED");
    assert_restored(&s, "0");
}

#[test]
fn signals_restore_the_terminal_and_keep_what_was_saved() {
    need_tmux!();
    for sig in ["TERM", "HUP", "INT", "QUIT", "USR1", "USR2", "ALRM"] {
        let t = Term::demo(&format!("sig{sig}"));
        let log = t.file("gestures.jsonl");
        let n = line_count(&log);
        t.start("t", "");
        t.wait_for("t", "Queue (11)");
        t.send("t", &["d"]);
        t.wait_for("t", "Logged thank-you to Dana Lee");
        let pid = t.rapport_pid("t");
        Command::new("kill").args([&format!("-{sig}"), &pid]).status().unwrap();
        let s = t.wait_for("t", "CHECKED");
        assert_restored(&s, "0");
        assert_eq!(line_count(&log), n + 1, "the change made before SIG{sig} is on disk");
        let mode = std::fs::metadata(t.file(".rapport.tui")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the window's mark is private like the data");
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    need_tmux!();
    let t = Term::demo("panic");
    t.start("t", "RAPPORT_PANIC_KEY=Z");
    t.wait_for("t", "Queue (11)");
    t.send("t", &["d"]);
    t.wait_for("t", "Logged thank-you");
    t.send("t", &["Z"]);
    let s = t.wait_for("t", "CHECKED");
    assert!(s.contains("panicking on request"), "the panic message is shown:\n{s}");
    assert_restored(&s, "101");
    assert!(
        std::fs::read_to_string(t.file("gestures.jsonl"))
            .unwrap()
            .contains("\"thank-you\"")
    );
}

#[test]
fn outside_changes_show_up_and_a_second_window_is_read_only() {
    need_tmux!();
    let t = Term::demo("outside");
    t.start("t", "");
    t.wait_for("t", "Queue (11)");

    // A command in another terminal, while the TUI is open.
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["log", "dana", "call", "--note", "called from another terminal"])
        .env("RAPPORT_DATA_DIR", t.data.path())
        .env("RAPPORT_TODAY", common::TODAY)
        .env("RAPPORT_CONFIG", t.scratch.path().join("config.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    t.wait_for("t", "called from another terminal");

    // An editor renames someone in contacts.toml.
    let path = t.file("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("name = \"Tom Reyes\"", "name = \"Tomás Reyes\"")).unwrap();
    t.wait_for("t", "Tomás Reyes");

    // A second window on the same data opens read-only and writes nothing.
    t.start("two", "");
    t.wait_for("two", "READ-ONLY");
    let before = std::fs::read(t.file("gestures.jsonl")).unwrap();
    t.send("two", &["d"]);
    t.wait_for("two", "Read-only: another rapport window");
    assert_eq!(std::fs::read(t.file("gestures.jsonl")).unwrap(), before);

    // The first window still writes, and its change shows in the second.
    t.send("t", &["d"]);
    t.wait_for("t", "Logged thank-you to Dana Lee");
    wait_until("the second window to reload", || {
        t.screen("two").contains("0 thank-yous owed")
    });
}

#[test]
fn closing_the_terminal_ends_rapport() {
    need_tmux!();
    let t = Term::demo("hangup");
    t.start("t", "");
    t.wait_for("t", "Queue (11)");
    let pid = t.rapport_pid("t");
    // The window goes away with everything in it.
    t.tmux(&["kill-server"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z")
    {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("rapport was still running 5 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_window_left_open_makes_the_cache_again_after_a_change() {
    need_tmux!();
    let t = Term::large("cache");
    let cache = t.scratch.path().join("cache");
    t.start("t", &format!("RAPPORT_CACHE_DIR='{}'", cache.display()));
    t.wait_for("t", "Queue (");
    t.send("t", &["d"]);
    let s = t.wait_for("t", "Logged ");
    let logged = s.lines().find(|l| l.contains("Logged ")).unwrap().trim().to_string();
    let changed = std::fs::metadata(t.file("gestures.jsonl")).unwrap().modified().unwrap();
    // The files are left alone for two seconds; then a second thread makes
    // the copy of the book, while the window stays as it was.
    let start = Instant::now();
    let made_after_the_change = || {
        std::fs::read_dir(&cache).into_iter().flatten().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with("book-")
                && e.metadata().and_then(|m| m.modified()).is_ok_and(|m| m > changed)
        })
    };
    while !made_after_the_change() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no copy of the book was made"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(t.screen("t").contains(&logged), "the window is unchanged");
    t.send("t", &["q"]);
    assert_restored(&t.wait_for("t", "CHECKED"), "0");
}

#[test]
fn a_change_followed_at_once_by_a_key_is_shown_and_so_is_an_edit_that_keeps_size_and_mtime() {
    need_tmux!();
    let t = Term::demo("race");
    t.start("t", "");
    let base = rapport::demo::book(rapport::domain::parse_date(common::TODAY).unwrap())
        .partners
        .len();
    t.wait_for("t", &format!("{base} partners"));
    for (n, name) in ["Quinn Avery", "Rafa Bell", "Sol Cruz"].into_iter().enumerate() {
        let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(["add", name])
            .env("RAPPORT_DATA_DIR", t.data.path())
            .env("RAPPORT_TODAY", common::TODAY)
            .env("RAPPORT_CONFIG", t.scratch.path().join("config.toml"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // A key at once, well within the loop's tick: the change must not
        // be taken for the window's own.
        t.tmux(&["send-keys", "-t", "t:0", "j"]);
        let start = Instant::now();
        t.wait_for("t", &format!("{} partners", base + 1 + n));
        eprintln!("{name} shown after {:?}", start.elapsed());
    }

    // An editor that rewrites contacts.toml in place at the same size and
    // puts the modification time back: only the change time tells.
    let path = t.file("contacts.toml");
    let reference = t.scratch.path().join("stamp");
    let ok = Command::new("cp")
        .args(["--preserve=timestamps"])
        .arg(&path)
        .arg(&reference)
        .status()
        .unwrap();
    assert!(ok.success());
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace("name = \"Tom Reyes\"", "name = \"Tim Reyes\"");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, edited).unwrap();
    let ok = Command::new("touch")
        .arg("-r")
        .arg(&reference)
        .arg(&path)
        .status()
        .unwrap();
    assert!(ok.success());
    t.send("t", &["k"]);
    t.wait_for("t", "Tim Reyes");
}

#[test]
fn sigint_and_sigquit_with_a_form_open_restore_the_terminal_and_mouse() {
    need_tmux!();
    for sig in ["INT", "QUIT"] {
        let t = Term::demo(&format!("form{sig}"));
        let before = std::fs::read(t.file("gestures.jsonl")).unwrap();
        t.start("t", "");
        t.wait_for("t", "Queue (");
        assert_eq!(t.flag("t", "alternate_on"), "1");
        assert_eq!(
            t.flag("t", "mouse_any_flag"),
            "1",
            "mouse reporting is on while it runs"
        );
        // The log form on Dana's thank-you, a few letters in its note.
        t.send("t", &["l"]);
        t.wait_for("t", "Log a gesture");
        t.send("t", &["Tab", "Tab", "Tab", "w", "x", "y"]);
        t.wait_for("t", "wxy");
        let pid = t.rapport_pid("t");
        Command::new("kill").args([&format!("-{sig}"), &pid]).status().unwrap();
        let s = t.wait_for("t", "CHECKED");
        assert_restored(&s, "0");
        assert_eq!(
            t.flag("t", "alternate_on"),
            "0",
            "SIG{sig} left the alternate screen on"
        );
        assert_eq!(t.flag("t", "mouse_any_flag"), "0", "SIG{sig} left mouse reporting on");
        assert_eq!(
            std::fs::read(t.file("gestures.jsonl")).unwrap(),
            before,
            "the form was never saved"
        );
    }
}

#[test]
fn a_data_folder_that_cannot_be_written_opens_read_only_with_a_banner_saying_so() {
    need_tmux!();
    let t = Term::demo("rofolder");
    let before: Vec<_> = ["contacts.toml", "gestures.jsonl"]
        .iter()
        .map(|n| std::fs::read(t.file(n)).unwrap())
        .collect();
    let Some(folder) = common::ReadOnlyFolder::make(t.data.path(), &[t.scratch.path()]) else {
        eprintln!("skipped: the folder's modes bind no user this test can run as");
        return;
    };
    t.start_as("t", "", &folder.shell_prefix());
    let s = t.wait_for("t", "READ-ONLY: the data folder is not writable");
    assert!(s.contains("Partners (") && s.contains("Dana Lee"), "{s}");
    // The partners can still be walked and searched.
    t.send("t", &["/", "s", "a", "m"]);
    t.send("t", &["Enter"]);
    t.wait_for("t", "Sam Cho");
    t.send("t", &["Escape"]);
    std::thread::sleep(Duration::from_millis(200));
    t.send("t", &["d"]);
    t.wait_for("t", "Read-only: the data folder is not writable");
    t.send("t", &["q"]);
    assert_restored(&t.wait_for("t", "CHECKED"), "0");
    assert_eq!(t.flag("t", "alternate_on"), "0");
    let after: Vec<_> = ["contacts.toml", "gestures.jsonl"]
        .iter()
        .map(|n| std::fs::read(t.file(n)).unwrap())
        .collect();
    assert_eq!(after, before, "nothing was written");
    assert!(!t.file(".rapport.tui").exists(), "no mark could be made, and none was");
    drop(folder);
}

/// Pastes `text` bracketed, as a terminal does when text is pasted.
fn paste(t: &Term, win: &str, text: &str) {
    t.tmux(&["set-buffer", "-b", "paste", text]);
    t.tmux(&["paste-buffer", "-p", "-d", "-b", "paste", "-t", &Term::target(win)]);
    std::thread::sleep(Duration::from_millis(200));
}

/// A paste of three lines, with letters that are keys on the main screen
/// at the start of each: the log form's note and the edit form's notes
/// take the three lines, one gesture and one partner are saved, and no
/// key of the paste does anything.
#[test]
fn a_pasted_note_of_three_lines_is_text_in_the_log_and_the_edit_form() {
    need_tmux!();
    let t = Term::demo("paste");
    let log = t.file("gestures.jsonl");
    let n = line_count(&log);
    t.start("t", "");
    t.wait_for("t", "Queue (11)");
    t.send("t", &["l"]);
    t.wait_for("t", "Log a gesture");
    t.send("t", &["Tab", "Tab", "Tab"]);
    paste(&t, "t", "Met for lunch.\nu said yes\nr q d");
    let s = t.screen("t");
    assert!(s.contains("Log a gesture"), "the paste closed the form:\n{s}");
    t.send("t", &["Enter"]);
    t.wait_for("t", "Logged");
    assert_eq!(line_count(&log), n + 1, "one gesture saved");
    let last = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(
        last.contains(r#""note":"Met for lunch.\nu said yes\nr q d""#),
        "the note has its three lines: {last}"
    );

    let contacts = std::fs::read_to_string(t.file("contacts.toml")).unwrap();
    t.send("t", &["e"]);
    t.wait_for("t", "Edit ");
    t.send("t", &["BTab"]);
    paste(&t, "t", "\nLikes sailing.\nu r q");
    t.send("t", &["Enter"]);
    let s = t.wait_for("t", "Edited");
    assert!(!s.contains("Undid"), "u fired:\n{s}");
    let after = std::fs::read_to_string(t.file("contacts.toml")).unwrap();
    let book: toml::Table = toml::from_str(&after).unwrap();
    let notes: Vec<&str> = book["contact"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.get("notes").and_then(|n| n.as_str()))
        .filter(|n| n.contains("Likes sailing."))
        .collect();
    assert_eq!(notes.len(), 1, "one partner saved with the note: {after}");
    assert!(notes[0].ends_with("\nLikes sailing.\nu r q"), "{:?}", notes[0]);
    assert_eq!(
        contacts.matches("name = ").count(),
        after.matches("name = ").count(),
        "no partner added or lost"
    );
    t.send("t", &["q"]);
    let s = t.wait_for("t", "CHECKED");
    assert_restored(&s, "0");
}

#[test]
fn d_u_d_where_d_clears_two_items_logs_the_same_call_again() {
    need_tmux!();
    let t = Term::demo("dud");
    // Ruth Albers due for a touch as well as quiet: one call clears both.
    let path = t.file("contacts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("id = \"ruth-albers\"").unwrap();
    let end = at + text[at..].find("cadence_days = 90").unwrap();
    let text = format!(
        "{}cadence_days = 7{}",
        &text[..end],
        &text[end + "cadence_days = 90".len()..]
    );
    std::fs::write(&path, text).unwrap();
    t.start("t", "");
    let s = t.wait_for("t", "Queue (");
    assert!(s.contains("touch     Ruth Albers"), "{s}");
    t.send("t", &["Escape"]);
    // Down to the lower of her two items, so the other comes back above it.
    let mut tries = 0;
    while !t.screen("t").contains("▶quiet     Ruth Albers") {
        t.send("t", &["j"]);
        tries += 1;
        assert!(tries < 20, "{}", t.screen("t"));
    }
    let log = t.file("gestures.jsonl");
    let n = line_count(&log);
    t.send("t", &["d"]);
    let s = t.wait_for("t", "u to undo");
    let queued = |s: &str| s.contains("touch     Ruth Albers") || s.contains("quiet     Ruth Albers");
    assert!(!queued(&s), "both of Ruth's items are cleared:\n{s}");
    assert_eq!(line_count(&log), n + 1);
    t.send("t", &["u"]);
    t.wait_for("t", "Undid");
    t.wait_for("t", "▶quiet     Ruth Albers");
    assert_eq!(line_count(&log), n);
    t.send("t", &["d"]);
    wait_until("the second call", || line_count(&log) == n + 1);
    let s = t.wait_for("t", "u to undo");
    assert!(!s.contains("Draft"), "no draft opened:\n{s}");
    let text = std::fs::read_to_string(&log).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["contact"], "ruth-albers", "{last}");
}

/// The demo folders in `tmp`.
fn demo_copies(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("rapport-demo-"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_closed_or_killed_terminal_leaves_no_demo_copy_behind() {
    need_tmux!();
    let t = Term::demo("demo-copy");
    let tmp = t.scratch.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let run = |win: &str| {
        let script = t.scratch.path().join(format!("{win}.sh"));
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nexport TMPDIR='{}' RAPPORT_TODAY={} TERM=xterm-256color\nexec '{}' --demo\n",
                tmp.display(),
                common::TODAY,
                env!("CARGO_BIN_EXE_rapport")
            ),
        )
        .unwrap();
        let script = script.display().to_string();
        if win == "t" {
            t.tmux(&["new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "sh", &script]);
        } else {
            t.tmux(&["new-window", "-d", "-t", "t", "-n", win, "sh", &script]);
        }
        t.wait_for(win, "Queue (");
    };
    // The window closes under it: the copy goes with it.
    run("t");
    run("second");
    assert_eq!(demo_copies(&tmp).len(), 2);
    t.tmux(&["kill-window", "-t", "t:second"]);
    wait_until("the closed window's copy to go", || demo_copies(&tmp).len() == 1);

    // Killed outright, nothing can clean up: the next --demo removes it.
    // `exec`: the pane's process is rapport itself.
    let pid = t
        .tmux(&["display-message", "-p", "-t", "t:0", "#{pane_pid}"])
        .trim()
        .to_string();
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    wait_until("rapport to die", || !Path::new(&format!("/proc/{pid}")).exists());
    assert_eq!(demo_copies(&tmp).len(), 1, "a kill -9 leaves it");
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["--demo", "list"])
        .env("TMPDIR", &tmp)
        .env("RAPPORT_TODAY", common::TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        demo_copies(&tmp).is_empty(),
        "the next demo removed the one left: {:?}",
        demo_copies(&tmp)
    );
}
