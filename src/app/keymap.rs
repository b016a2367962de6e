//! The semantic keymap: keys to actions, read from `assets/keymap.toml`
//! and the user's `[keys]`, in contexts (the main screen, the card, the
//! draft, the pick-lists, the forms). The hint bar, the help, every popup's
//! footer and every status line that names a key are built from it, so
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
    Unsnooze,
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
    // The card, help and Insights.
    Close,
    // The outreach draft.
    MarkSent,
    Copy,
    EditText,
    NextTemplate,
    // Pick-lists.
    Pick,
    Prev,
    Next,
    // Forms, prompts and questions.
    Save,
    Cancel,
    NextField,
    PrevField,
    NextChoice,
    PrevChoice,
    NewLine,
    Yes,
    No,
}

/// Where a key is pressed: each context's keys are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    #[default]
    Main,
    Card,
    Draft,
    Lists,
    Forms,
}

impl Context {
    pub const ALL: [Context; 5] = [
        Context::Main,
        Context::Card,
        Context::Draft,
        Context::Lists,
        Context::Forms,
    ];

    /// The heading of the context in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Main => "The main screen",
            Context::Card => "The card, help and Insights (and the main screen's keys)",
            Context::Draft => "The outreach draft (and the card's keys)",
            Context::Lists => "Pick-lists: search, merge, refer (and the forms' keys)",
            Context::Forms => "Forms, prompts and questions",
        }
    }

    /// The context whose keys this one answers when it has none of its own.
    fn falls_back(self) -> Option<Context> {
        match self {
            Context::Main | Context::Forms => None,
            Context::Card => Some(Context::Main),
            Context::Draft => Some(Context::Card),
            Context::Lists => Some(Context::Forms),
        }
    }
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
    pub context: Context,
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
    #[serde(default)]
    context: Context,
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
                context: e.context,
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
        // The user's keys, each to one action of its context.
        let mut mine: BTreeMap<(Context, String), &str> = BTreeMap::new();
        for b in bindings.iter().filter(|b| remaps.contains_key(&b.name)) {
            for k in &b.keys {
                if let Some(other) = mine.insert((b.context, k.to_string()), &b.name)
                    && other != b.name
                {
                    return Err(format!(
                        "[keys] in config.toml: key {k} is given to both '{other}' and '{}'",
                        b.name
                    ));
                }
            }
        }
        let mine: std::collections::BTreeSet<(Context, String)> = mine.into_keys().collect();
        for b in bindings.iter_mut().filter(|b| !remaps.contains_key(&b.name)) {
            let context = b.context;
            b.keys.retain(|k| !mine.contains(&(context, k.to_string())));
        }
        Ok(Keymap { bindings })
    }

    /// What a key does on the main screen.
    pub fn action_for(&self, e: &KeyEvent) -> Option<Action> {
        self.action_in(Context::Main, e)
    }

    /// What a key does in `context`: its own keys first, then those of the
    /// context it falls back on.
    pub fn action_in(&self, context: Context, e: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(e);
        let mut at = Some(context);
        while let Some(c) = at {
            let found = self.bindings.iter().find(|b| b.context == c && b.keys.contains(&k));
            if let Some(b) = found {
                return Some(b.action);
            }
            at = c.falls_back();
        }
        None
    }

    /// True when the key is one of action `a`'s (questions ask this, as
    /// Enter both saves and says yes).
    pub fn is(&self, a: Action, e: &KeyEvent) -> bool {
        let k = Key::from_event(e);
        self.binding(a).is_some_and(|b| b.keys.contains(&k))
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

    /// Every key of an action, as the help lists them ("y / ⏎").
    pub fn all_keys(&self, a: Action) -> String {
        let keys = self.binding(a).map(|b| b.keys.as_slice()).unwrap_or_default();
        keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" / ")
    }

    /// A popup's hints as `(keys, word)` pairs: a group's first keys run
    /// together when they are arrows ("↑↓"), else stand apart ("j k"); an
    /// action left without a key is left out.
    pub fn pairs(&self, groups: &[(&[Action], &str)]) -> Vec<(String, String)> {
        groups
            .iter()
            .filter_map(|(actions, word)| {
                let labels: Vec<String> = actions
                    .iter()
                    .map(|&a| self.key_label(a))
                    .filter(|l| !l.is_empty())
                    .collect();
                if labels.is_empty() {
                    return None;
                }
                let arrows = labels
                    .iter()
                    .all(|l| l.chars().count() == 1 && !l.chars().all(char::is_alphanumeric));
                Some((labels.join(if arrows { "" } else { " " }), word.to_string()))
            })
            .collect()
    }

    /// A popup's footer from its hints: " ⏎ open · ↑↓ move · Esc cancel ".
    pub fn footer(&self, groups: &[(&[Action], &str)]) -> String {
        let parts: Vec<String> = self
            .pairs(groups)
            .into_iter()
            .map(|(k, w)| if w.is_empty() { k } else { format!("{k} {w}") })
            .collect();
        format!(" {} ", parts.join(" · "))
    }

    /// `(key, word)` pairs for the hint bar, in keymap order, with help and
    /// quit last: a narrow bar drops hints from the end of the others, and
    /// never those two. Only the main screen's.
    pub fn hints(&self) -> Vec<(String, String)> {
        let pinned = |b: &&Binding| matches!(b.action, Action::Help | Action::Quit);
        let main = self.bindings.iter().filter(|b| b.context == Context::Main);
        let (last, first): (Vec<&Binding>, Vec<&Binding>) = main.partition(pinned);
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
            .filter(|b| b.context == Context::Main)
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
    fn each_context_tells_its_own_keys_apart_and_falls_back_on_its_parent() {
        let k = Keymap::new(&BTreeMap::new()).unwrap();
        let s = ev(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(k.action_in(Context::Main, &s), Some(Action::Snooze));
        assert_eq!(k.action_in(Context::Draft, &s), Some(Action::MarkSent));
        let j = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            k.action_in(Context::Draft, &j),
            Some(Action::Down),
            "the main screen's scroll"
        );
        let esc = ev(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(k.action_in(Context::Draft, &esc), Some(Action::Close));
        assert_eq!(
            k.action_in(Context::Lists, &esc),
            Some(Action::Cancel),
            "the forms' cancel"
        );
        assert_eq!(k.action_in(Context::Lists, &j), None, "typed, not a key of a list");
        // A remap in one context leaves the same key in another alone.
        let mut r = BTreeMap::new();
        r.insert("undo".to_string(), vec!["c".to_string()]);
        let k = Keymap::new(&r).unwrap();
        let c = ev(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(k.action_for(&c), Some(Action::Undo));
        assert_eq!(k.action_in(Context::Draft, &c), Some(Action::Copy));
        assert_eq!(
            k.footer(&[(&[Action::Prev, Action::Next], "move"), (&[Action::Undo], "undo")]),
            " ↑↓ move · c undo "
        );
        assert!(
            k.hints().iter().all(|(_, w)| w != "sent"),
            "the hint bar is the main screen's"
        );
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
