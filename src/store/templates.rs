//! Draft templates: the built-in ones, and the user's own in a `templates`
//! folder beside config.toml (`first.txt` replaces the built-in `first`; any
//! other `.txt` file is a template of that name).

use super::StoreError;
use crate::domain::draft::{DEFAULT_TEMPLATES, Template};
use std::path::{Path, PathBuf};

/// The folder of the user's templates, beside the config file.
pub fn dir_for(config_file: &Path) -> PathBuf {
    config_file
        .parent()
        .map_or_else(|| PathBuf::from("templates"), |d| d.join("templates"))
}

/// The names of every template: the built-in ones in their order, then the
/// user's own, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = DEFAULT_TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
    let mut own: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension().is_some_and(|x| x == "txt")).then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .filter(|n| !out.contains(n))
        .collect();
    own.sort();
    out.append(&mut own);
    out
}

/// The template called `name`: the user's own if there is one, else the
/// built-in one; `None` when neither exists. A template that names an
/// unknown placeholder is an error naming the file, the line and the
/// placeholder.
pub fn load(dir: &Path, name: &str) -> Result<Option<Template>, StoreError> {
    let refused = |e: crate::domain::draft::TemplateError| StoreError::Refused(e.to_string());
    let safe_name = !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.');
    if safe_name {
        let path = dir.join(format!("{name}.txt"));
        if let Some(text) = super::read_text(&path)? {
            return Template::parse(name, &path.display().to_string(), &text)
                .map(Some)
                .map_err(refused);
        }
    }
    match DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name) {
        Some((n, text)) => Template::parse(n, &format!("built-in template {n}"), text)
            .map(Some)
            .map_err(refused),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_templates_replace_the_built_in_ones_by_name() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(names(dir.path()), ["first", "follow-up", "thank-you", "update"]);
        assert_eq!(
            load(dir.path(), "first").unwrap().unwrap().origin,
            "built-in template first"
        );
        std::fs::write(dir.path().join("first.txt"), "Hi {first_name}").unwrap();
        std::fs::write(dir.path().join("coffee.txt"), "Coffee, {first_name}?").unwrap();
        std::fs::write(dir.path().join("broken.txt"), "Hi\n{first_name} {nmae}").unwrap();
        assert_eq!(
            names(dir.path()),
            ["first", "follow-up", "thank-you", "update", "broken", "coffee"]
        );
        let first = load(dir.path(), "first").unwrap().unwrap();
        assert!(first.origin.ends_with("first.txt"), "{}", first.origin);
        assert!(load(dir.path(), "coffee").unwrap().is_some());
        assert!(load(dir.path(), "nope").unwrap().is_none());
        assert!(load(dir.path(), "../first").unwrap().is_none());
        let e = load(dir.path(), "broken").unwrap_err().to_string();
        assert!(
            e.contains("broken.txt:2:14:") && e.contains("unknown placeholder {nmae}"),
            "{e}"
        );
    }
}
