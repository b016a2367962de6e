//! The draft's `e` in a real terminal: rapport inside tmux hands the screen
//! to `$EDITOR` (a script that edits the file), takes it back, and the
//! screen is whole again, the checks run on the edited text.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::time::{Duration, Instant};

struct Term {
    socket: String,
    data: tempfile::TempDir,
    scratch: tempfile::TempDir,
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

impl Term {
    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t:0"])
    }

    fn send(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t:0", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(5) {
                panic!("waited 5 s for {what:?}; the screen shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn e_opens_the_editor_and_comes_back_to_an_intact_screen() {
    let tmux = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::have_tool("tmux", tmux) {
        return;
    }
    let today = rapport::domain::parse_date(common::TODAY).unwrap();
    let t = Term {
        socket: format!("rapport-test-editor-{}", std::process::id()),
        data: rapport::demo::create(today).unwrap(),
        scratch: tempfile::tempdir().unwrap(),
    };
    let editor = t.scratch.path().join("editor.sh");
    let seen = t.scratch.path().join("seen.txt");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncp \"$1\" '{seen}'\necho 'P.S. Please see the attached letter.' >> \"$1\"\n",
            seen = seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(t.scratch.path().join("config.toml"), rapport::demo::CONFIG).unwrap();
    let script = t.scratch.path().join("run.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nexport RAPPORT_DATA_DIR='{data}' RAPPORT_TODAY={today} RAPPORT_CONFIG='{cfg}' TERM=xterm-256color EDITOR='{editor}'\n'{bin}'\necho \"EXITED $?\"\nstty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon\necho CHECKED\nsleep 60\n",
            data = t.data.path().display(),
            today = common::TODAY,
            cfg = t.scratch.path().join("config.toml").display(),
            editor = editor.display(),
            bin = env!("CARGO_BIN_EXE_rapport"),
        ),
    )
    .unwrap();
    t.tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "100",
        "-y",
        "40",
        "sh",
        &script.display().to_string(),
    ]);
    t.wait_for("Queue (");
    // Lena, found by the partners filter.
    t.send(&[":", "l", "e", "n", "a", " ", "o", "r", "t", "i", "z", "Enter", "w"]);
    t.wait_for("Draft to Lena Ortiz");
    t.send(&["e"]);
    let s = t.wait_for("Edited the draft");
    assert!(s.contains("✘ no attachment"), "{s}");
    assert!(s.contains("P.S. Please see the attached letter."), "{s}");
    assert!(
        s.contains("┌ Queue") || s.contains("rapport ·"),
        "the screen is drawn again:\n{s}"
    );
    assert!(s.contains("s sent · c copy · e edit"), "{s}");
    assert!(
        s.lines().next().unwrap_or("").contains("rapport · Fri 20 Nov 2026"),
        "{s}"
    );
    let handed = std::fs::read_to_string(&seen).unwrap();
    assert!(
        handed.starts_with("Subject: The families we both see\n\nHi Lena,"),
        "{handed}"
    );

    // What came back from the editor is not thrown away on one key: Esc
    // asks, another key keeps it, Esc twice discards it.
    t.send(&["Escape"]);
    t.wait_for("Discard the draft you edited?");
    t.send(&["j"]);
    let s = t.wait_for("Kept the draft");
    assert!(s.contains("P.S. Please see the attached letter."), "{s}");
    t.send(&["Escape"]);
    t.wait_for("Discard the draft you edited?");
    t.send(&["Escape"]);
    t.wait_for("Discarded the edited draft");
    t.send(&["q"]);
    let s = t.wait_for("CHECKED");
    assert!(s.contains("EXITED 0"), "{s}");
    assert!(
        s.lines().any(|l| l.trim() == "icanon"),
        "the terminal is back in cooked mode:\n{s}"
    );
}
