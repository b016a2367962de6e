//! The semantic keymap: keys to actions, read from `assets/keymap.toml`
//! and the user's `[keys]`. The hint bar and the help are built from it, so
//! they always show the keys that really work.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

const DEFAULT: &str = include_str!("../../assets/keymap.toml");

/// What a key asks for, in the user's words; named in the keymap and in
/// `[keys]` by its snake_case name ("next_pane").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Done,
    DoneWithForm,
    Snooze,
    Log,
    Write,
    Refer,
    Search,
    Open,
    NextPane,
    PrevPane,
    FocusQueue,
    FocusPartners,
    FocusLog,
    FocusInsights,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Add,
    Edit,
    Archive,
    Merge,
    AcceptStage,
    FilterLog,
    Undo,
    Redo,
    Help,
    Filter,
    Sort,
    Clear,
    Quit,
}

impl Action {
    /// The action with this snake_case name.
    fn named(name: &str) -> Option<Action> {
        use serde::de::IntoDeserializer;
        let de: serde::de::value::StrDeserializer<serde::de::value::Error> = name.into_deserializer();
        Action::deserialize(de).ok()
    }
}

/// A key with its modifiers, as written in the keymap ("Ctrl-r").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").or_else(|| rest.strip_prefix("C-")) {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-").or_else(|| rest.strip_prefix("M-")) {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" | "Shift-Tab" => KeyCode::BackTab,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            f if f.len() > 1 && f.starts_with('F') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            other => return Err(format!("unknown key name '{other}'")),
        };
        Ok(Key { code, mods })
    }

    /// The key a terminal event stands for, in the keymap's terms.
    pub fn from_event(e: &KeyEvent) -> Key {
        // Shift is part of the character itself ('G', '?'), so it is dropped.
        let mods = e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match e.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Key { code, mods }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("⏎"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One action with its keys, in keymap order.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: Action,
    pub name: String,
    pub keys: Vec<Key>,
    pub desc: String,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

#[derive(Deserialize)]
struct File {
    action: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    keys: Vec<String>,
    desc: String,
    hint: Option<String>,
}

impl Keymap {
    /// The default keymap with the user's remaps (`[keys]` in config.toml)
    /// applied. A key the user gives an action is taken from the action it
    /// was a default of (the `?` help shows what each is left with). A
    /// remap that names an unknown action or key, or two remaps that give
    /// one key to two actions, is an error that says which.
    pub fn new(remaps: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let file: File = toml::from_str(DEFAULT).map_err(|e| format!("built-in keymap: {e}"))?;
        let mut bindings = Vec::new();
        for e in file.action {
            let action = Action::named(&e.name).ok_or_else(|| format!("built-in keymap: unknown action {}", e.name))?;
            let keys = e.keys.iter().map(|k| Key::parse(k)).collect::<Result<Vec<_>, _>>()?;
            bindings.push(Binding {
                action,
                name: e.name,
                keys,
                desc: e.desc,
                hint: e.hint,
            });
        }
        for (name, keys) in remaps {
            let b = bindings.iter_mut().find(|b| &b.name == name).ok_or_else(|| {
                format!("[keys] in config.toml: unknown action '{name}' (the ? help lists the actions)")
            })?;
            if keys.is_empty() {
                return Err(format!("[keys] in config.toml: '{name}' needs at least one key"));
            }
            b.keys = keys
                .iter()
                .map(|k| Key::parse(k).map_err(|m| format!("[keys] in config.toml: {name}: {m}")))
                .collect::<Result<Vec<_>, _>>()?;
        }
        // The user's keys, each to one action.
        let mut mine: BTreeMap<String, &str> = BTreeMap::new();
        for b in bindings.iter().filter(|b| remaps.contains_key(&b.name)) {
            for k in &b.keys {
                if let Some(other) = mine.insert(k.to_string(), &b.name)
                    && other != b.name
                {
                    return Err(format!(
                        "[keys] in config.toml: key {k} is given to both '{other}' and '{}'",
                        b.name
                    ));
                }
            }
        }
        let mine: std::collections::BTreeSet<String> = mine.into_keys().collect();
        for b in bindings.iter_mut().filter(|b| !remaps.contains_key(&b.name)) {
            b.keys.retain(|k| !mine.contains(&k.to_string()));
        }
        Ok(Keymap { bindings })
    }

    pub fn action_for(&self, e: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(e);
        self.bindings.iter().find(|b| b.keys.contains(&k)).map(|b| b.action)
    }

    pub fn binding(&self, a: Action) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.action == a)
    }

    /// "d" for Done: the first key of an action, for hints.
    pub fn key_label(&self, a: Action) -> String {
        self.binding(a)
            .and_then(|b| b.keys.first())
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// `(key, word)` pairs for the hint bar, in keymap order, with help and
    /// quit last: a narrow bar drops hints from the end of the others, and
    /// never those two.
    pub fn hints(&self) -> Vec<(String, String)> {
        let pinned = |b: &&Binding| matches!(b.action, Action::Help | Action::Quit);
        let (last, first): (Vec<&Binding>, Vec<&Binding>) = self.bindings.iter().partition(pinned);
        first
            .into_iter()
            .chain(last)
            .filter_map(|b| Some((b.keys.first()?.to_string(), b.hint.clone()?)))
            .collect()
    }

    /// How many of [`Keymap::hints`] are pinned at its end.
    pub fn pinned_hints(&self) -> usize {
        self.bindings
            .iter()
            .filter(|b| matches!(b.action, Action::Help | Action::Quit) && b.hint.is_some() && !b.keys.is_empty())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn default_keys_follow_the_design() {
        let k = Keymap::new(&BTreeMap::new()).unwrap();
        assert_eq!(
            k.action_for(&ev(KeyCode::Char('d'), KeyModifiers::NONE)),
            Some(Action::Done)
        );
        assert_eq!(
            k.action_for(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action_for(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(
            k.action_for(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
    }

    #[test]
    fn remaps_change_keys_and_hints() {
        let mut r = BTreeMap::new();
        r.insert("done".to_string(), vec!["z".to_string()]);
        let k = Keymap::new(&r).unwrap();
        assert_eq!(
            k.action_for(&ev(KeyCode::Char('z'), KeyModifiers::NONE)),
            Some(Action::Done)
        );
        assert_eq!(k.action_for(&ev(KeyCode::Char('d'), KeyModifiers::NONE)), None);
        assert_eq!(k.hints()[0], ("z".to_string(), "done".to_string()));
    }

    #[test]
    fn bad_remaps_are_clear_errors() {
        let bad = |name: &str, key: &str| {
            let mut r = BTreeMap::new();
            r.insert(name.to_string(), vec![key.to_string()]);
            Keymap::new(&r).unwrap_err()
        };
        assert!(bad("dun", "x").contains("unknown action 'dun'"));
        assert!(bad("done", "Hyper-x").contains("unknown key name"));
        let mut r = BTreeMap::new();
        r.insert("done".to_string(), vec!["x".to_string()]);
        r.insert("snooze".to_string(), vec!["x".to_string()]);
        let e = Keymap::new(&r).unwrap_err();
        assert!(e.contains("key x is given to both 'done' and 'snooze'"), "{e}");
    }

    #[test]
    fn a_remap_takes_its_key_from_the_default_that_had_it() {
        let mut r = BTreeMap::new();
        r.insert("done".to_string(), vec!["s".to_string()]);
        let k = Keymap::new(&r).unwrap();
        let s = ev(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(k.action_for(&s), Some(Action::Done));
        // Snooze kept its other keys, if it had any, and lost s.
        assert!(
            !k.binding(Action::Snooze)
                .unwrap()
                .keys
                .iter()
                .any(|x| x.to_string() == "s")
        );
    }
}
