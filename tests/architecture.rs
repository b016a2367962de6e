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
    // What every reader promises, for the fuzz targets and their tests.
    ("fuzz_checks", &["domain", "store", "config", "interop", "sync", "app"]),
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

/// Code without its comments, and with every string and char literal
/// emptied: a path named in either is no import. Lines stay where they
/// were.
fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Keeps the line breaks of what is skipped.
    let skip = |from: usize, to: usize, out: &mut String| {
        out.extend(chars[from..to.min(chars.len())].iter().filter(|&&c| c == '\n'));
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            let end = chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |n| i + n);
            i = end;
        } else if c == '/' && next == Some('*') {
            // Block comments nest.
            let (mut depth, mut j) = (1, i + 2);
            while j < chars.len() && depth > 0 {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 1;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 1;
                }
                j += 1;
            }
            skip(i, j, &mut out);
            i = j;
        } else if c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && !chars[..i].last().is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let start = i + 2 + hashes;
            let rest: String = chars[start..].iter().collect();
            let end = rest
                .find(&close)
                .map_or(chars.len(), |n| start + rest[..n].chars().count() + close.len());
            skip(i, end, &mut out);
            out.push_str("\"\"");
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            skip(i, j, &mut out);
            out.push_str("\"\"");
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('x', '\'', '\u{1F600}'), not a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..].iter().position(|&c| c == '\'').map(|n| i + 2 + n)
            } else {
                (chars.get(i + 2) == Some(&'\'')).then_some(i + 2)
            };
            match end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The first names after each `prefix` in `code` (each name of a `{ … }`
/// group after it too) where the prefix starts a path: `super::` in
/// `super::super::x` is not one, nor `crate::` in `mycrate::`.
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut at = 0;
    while let Some(i) = code[at..].find(prefix) {
        let start = at + i;
        at = start + prefix.len();
        let before = &code[..start];
        if before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
            || before.ends_with("::")
        {
            continue;
        }
        let rest = &code[at..];
        if let Some(group) = rest.strip_prefix('{') {
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
            if !word.is_empty() && word != "super" {
                out.insert(word);
            }
        }
    }
    out
}

/// The imports among the modules of `domain` (each a file or a folder
/// under it): module → the modules it names, through `crate::domain::x`,
/// `super::x` (as many `super`s as reach the domain) or a name the domain
/// re-exports (`super::Book` is `book`'s). Tests are left out: a file's
/// `mod tests { … }`, files of tests and the test fixtures (`testing`).
fn domain_edges(domain: &Path) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(domain, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(domain, f))
        .filter(|m| m != "mod")
        .collect();
    // `pub use book::Book;` and `pub use date::{day_label, parse_date};`.
    let root = std::fs::read_to_string(domain.join("mod.rs")).unwrap_or_default();
    let mut reexported = std::collections::BTreeMap::new();
    for statement in code_of(&root).split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = path.split_once("::") else {
            continue;
        };
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = name.split(" as ").last().unwrap_or(name).trim();
            reexported.insert(name.to_string(), module.trim().to_string());
        }
    }
    let mut edges = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
    for file in &files {
        let module = module_of(domain, file);
        let name = file.file_stem().unwrap_or_default().to_string_lossy();
        if module == "mod" || module == "testing" || name == "tests" || name.ends_with("_tests") {
            continue;
        }
        let rel = file.strip_prefix(domain).unwrap();
        let mut depth = rel.components().count() - 1;
        if file.file_name().is_some_and(|n| n == "mod.rs") {
            depth -= 1;
        }
        let mut code = code_of(&std::fs::read_to_string(file).unwrap());
        if let Some(i) = code.find("#[cfg(test)]\nmod tests {") {
            code.truncate(i);
        }
        let mut names = names_after(&code, "crate::domain::");
        names.extend(names_after(&code, &"super::".repeat(depth + 1)));
        let to = edges.entry(module.clone()).or_default();
        for name in names {
            let target = if modules.contains(&name) {
                Some(name)
            } else {
                reexported.get(&name).cloned()
            };
            if let Some(t) = target.filter(|t| *t != module && t != "testing") {
                to.insert(t);
            }
        }
    }
    edges
}

/// Every circle of imports among the domain's modules: each group of
/// modules that reach one another, as their files: `a.rs → queue/ →
/// a.rs (all of: a.rs, queue/)`.
fn domain_circles(domain: &Path) -> Vec<String> {
    let edges = domain_edges(domain);
    let file = |m: &String| {
        if domain.join(m).is_dir() {
            format!("{m}/")
        } else {
            format!("{m}.rs")
        }
    };
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for n in edges.get(&m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for m in edges.keys() {
        if done.contains(m) || !reach(m).contains(m) {
            continue;
        }
        // The modules on a circle with `m`, and one path round it.
        let group: BTreeSet<String> = reach(m).into_iter().filter(|n| reach(n).contains(m)).collect();
        done.extend(group.iter().cloned());
        let mut path = vec![m.clone()];
        let mut at = m.clone();
        loop {
            let next = edges[&at]
                .iter()
                .find(|n| group.contains(*n) && (*n == m || !path.contains(n)) && reach(n).contains(m))
                .cloned();
            match next {
                Some(n) if n == *m => {
                    path.push(n);
                    break;
                }
                Some(n) => {
                    path.push(n.clone());
                    at = n;
                }
                None => break,
            }
        }
        out.push(format!(
            "{} (all of: {})",
            path.iter().map(file).collect::<Vec<_>>().join(" → "),
            group.iter().map(file).collect::<Vec<_>>().join(", ")
        ));
    }
    out
}

#[test]
fn the_domain_files_import_one_another_without_a_circle() {
    let domain = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let circles = domain_circles(&domain);
    assert!(
        circles.is_empty(),
        "circles of imports in src/domain:\n{}",
        circles.join("\n")
    );
}

#[test]
fn a_circle_among_domain_files_is_found_in_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let domain = dir.path();
    std::fs::create_dir_all(domain.join("queue")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(domain.join(name), text).unwrap();
    write(
        "mod.rs",
        "pub mod a;\npub mod b;\npub use b::{\n    Bee,\n    bee,\n};\n",
    );
    // a → queue (a path inline in code), queue → b (a name the domain
    // re-exports, two supers up from a file in the folder), b → a (in a
    // group): one circle, with c on it too (b → c → b).
    write("a.rs", "fn f() { super::queue::run(); }\n");
    write("queue/mod.rs", "mod inner;\n");
    write("queue/inner.rs", "use super::super::Bee;\nuse super::Local;\n");
    write("b.rs", "use crate::domain::{c::X, a};\n");
    write("c.rs", "use super::{b::Bee as _};\n");
    // d names e only in comments, strings and another crate's path; its
    // one import, h, comes after a char literal that looks like a quote.
    write(
        "d.rs",
        concat!(
            "// use super::e;\n",
            "/* super::e::f() /* nested */ super::e */\n",
            "const S: &str = \"super::e::x \\\" super::e\";\n",
            "const R: &str = r#\"crate::domain::e\"#;\n",
            "const Q: char = '\"';\n",
            "fn g<'a>(x: &'a str) -> &'a str { x }\n",
            "use super::h::H;\n",
        ),
    );
    write("e.rs", "use super::d::Thing;\n");
    write("h.rs", "pub struct H;\n");
    // Tests may name anything: f names g only in its tests.
    write(
        "f.rs",
        "pub struct F;\n#[cfg(test)]\nmod tests {\n    use crate::domain::g::G;\n}\n",
    );
    write("g.rs", "use super::f::F;\n");
    write("queue/tests.rs", "use crate::domain::a;\n");
    let edges = domain_edges(domain);
    let to = |m: &str| edges[m].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(to("d"), ["h"], "comments, strings and char literals name nothing");
    assert_eq!(to("queue"), ["b"], "not a, which only its tests name");
    assert!(to("f").is_empty());
    let circles = domain_circles(domain);
    assert_eq!(circles.len(), 1, "{circles:?}");
    assert!(circles[0].starts_with("a.rs → queue/ → b.rs → a.rs"), "{circles:?}");
    assert!(
        circles[0].ends_with("(all of: a.rs, b.rs, c.rs, queue/)"),
        "{circles:?}"
    );
}
