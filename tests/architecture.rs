//! The arrows of the house point one way (see the shape in STYLE.md): the
//! domain names nothing of ours; the store only the domain; the app the
//! domain and the store's data types; the UI the app and the domain; the
//! runtime (`tui`) sees the app, the UI and the store; `sync` (merging
//! two machines' files) the domain and the store; nothing but
//! `main.rs` names `cli`. This reads every file under `src/` and fails on
//! a `crate::…` path that a module may not name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What each top-level module may name, besides itself.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("store", &["domain"]),
    ("config", &["domain"]),
    ("interop", &["domain", "store", "config"]),
    ("app", &["domain", "store", "config"]),
    ("ui", &["app", "domain", "config"]),
    ("tui", &["app", "ui", "store", "domain", "config"]),
    ("demo", &["domain", "store"]),
    ("generate", &["domain", "store"]),
    // Merging the data files of two machines: parses and writes them
    // with the store's own code, so the formats stay identical.
    ("sync", &["domain", "store"]),
    (
        "cli",
        &[
            "domain", "store", "config", "interop", "tui", "demo", "generate", "sync",
        ],
    ),
    ("lib", &[]),
    ("main", &[]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to: `src/app/card.rs` → `app`,
/// `src/config.rs` → `config`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The modules of ours a file names through `crate::`, comments aside:
/// `crate::store::Data`, and each name in `use crate::{app::App, ui}`.
fn named(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        // `crate` as a whole word: not `mycrate::`.
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The top-level names of a `{ … }` group.
            let mut depth = 0;
            let mut word = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_start = true,
                    c if depth == 0 && at_start && (c.is_alphanumeric() || c == '_') => word.push(c),
                    _ if depth == 0 && at_start && !word.is_empty() => {
                        out.insert(std::mem::take(&mut word));
                        at_start = false;
                    }
                    _ => {}
                }
            }
            if !word.is_empty() {
                out.insert(word);
            }
        } else {
            let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !word.is_empty() {
                out.insert(word);
            }
        }
    }
    out
}

fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for file in files {
        let module = module_of(src, &file);
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            bad.push(format!(
                "{}: module `{module}` is not in the table of arrows in tests/architecture.rs",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for name in named(&text) {
            if name != module && !allowed.contains(&name.as_str()) {
                bad.push(format!("{}: `{module}` may not name crate::{name}", file.display()));
            }
        }
    }
    bad
}

#[test]
fn the_arrows_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = violations(&src);
    assert!(bad.is_empty(), "forbidden paths:\n{}", bad.join("\n"));
}

#[test]
fn a_forbidden_path_is_found_in_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("app")).unwrap();
    std::fs::create_dir_all(src.join("domain")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(src.join(name), text).unwrap();
    write("app/a.rs", "use crate::cli::Ctx;\n");
    write("app/b.rs", "use crate::{domain::Book, ui::draw};\n");
    write("app/c.rs", "fn f() { crate::tui::run(); }\n");
    write(
        "app/d.rs",
        "// crate::cli in a comment is fine\nuse crate::domain::Book;\n",
    );
    write("domain/e.rs", "use crate::{\n    config::Config,\n};\n");
    write("domain/f.rs", "use mycrate::cli;\n");
    let bad = violations(src);
    let says = |file: &str, name: &str| {
        bad.iter()
            .any(|b| b.contains(file) && b.ends_with(&format!("crate::{name}")))
    };
    assert!(says("a.rs", "cli"), "{bad:?}");
    assert!(says("b.rs", "ui"), "{bad:?}");
    assert!(says("c.rs", "tui"), "{bad:?}");
    assert!(says("e.rs", "config"), "{bad:?}");
    assert_eq!(bad.len(), 4, "only those: {bad:?}");
}

/// Popups outside `src/app/`: a type that answers the popup contract
/// (`impl Popup for …`, however the impl is spelt) lives in `app`, one
/// file each, where the list of popups names it.
fn popups_outside_app(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for file in files {
        if module_of(src, &file) == "app" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code: Vec<&str> = text.lines().map(|l| l.find("//").map_or(l, |i| &l[..i])).collect();
        let code = code.join(" ");
        let words: Vec<&str> = code.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let is_popup = w
                .rsplit("::")
                .next()
                .is_some_and(|last| last == "Popup" || last.starts_with("Popup<"));
            if is_popup
                && words.get(i + 1) == Some(&"for")
                && words[..i].iter().rev().take(8).any(|x| x.starts_with("impl"))
            {
                bad.push(format!(
                    "{}: a popup type outside src/app/ ({})",
                    file.display(),
                    words[i..].iter().take(3).cloned().collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    bad
}

#[test]
fn every_popup_lives_in_app() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = popups_outside_app(&src);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_popup_outside_app_is_found_in_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("app")).unwrap();
    std::fs::create_dir_all(src.join("ui")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(src.join(name), text).unwrap();
    write("app/ok.rs", "impl Popup for Search {}\n");
    write("ui/a.rs", "impl crate::app::Popup for Stray {}\n");
    write("ui/b.rs", "impl<T: Clone>\n    Popup\n    for Wrapped<T> {}\n");
    write(
        "ui/c.rs",
        "use crate::app::popup::Popup as P;\nimpl popup::Popup for Other {}\n",
    );
    write("ui/d.rs", "// impl Popup for Commented {}\nfn popup_for() {}\n");
    write("main.rs", "impl app::popup::Popup for InMain {}\n");
    let bad = popups_outside_app(src);
    for file in ["a.rs", "b.rs", "c.rs", "main.rs"] {
        assert!(bad.iter().any(|b| b.contains(file)), "{file}: {bad:?}");
    }
    assert_eq!(bad.len(), 4, "only those: {bad:?}");
}
