//! Where rapport keeps its files.

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

pub const CONTACTS: &str = "contacts.toml";
pub const GESTURES: &str = "gestures.jsonl";
pub const QUEUE: &str = "queue.toml";
pub const JOURNAL: &str = "journal.json";
pub const LOCK: &str = ".rapport.lock";
pub const BACKUPS: &str = "backups";

/// Every path rapport uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform folders (through `directories`), each overridable: an
    /// explicit argument first, then `RAPPORT_CONFIG` / `RAPPORT_DATA_DIR`
    /// (clap folds the environment into the arguments before this).
    pub fn resolve(config: Option<PathBuf>, data_dir: Option<PathBuf>) -> Result<Paths, String> {
        let dirs = ProjectDirs::from("", "", "rapport");
        let config_file = match config {
            Some(p) => p,
            None => dirs
                .as_ref()
                .map(|d| d.config_dir().join("config.toml"))
                .ok_or("cannot find a home folder for the config; pass --config FILE")?,
        };
        let data_dir = match data_dir {
            Some(p) => p,
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().to_path_buf())
                .ok_or("cannot find a home folder for the data; pass --data-dir DIR")?,
        };
        Ok(Paths { config_file, data_dir })
    }

    pub fn in_data(&self, name: &str) -> PathBuf {
        self.data_dir.join(name)
    }

    pub fn contacts(&self) -> PathBuf {
        self.in_data(CONTACTS)
    }
    pub fn gestures(&self) -> PathBuf {
        self.in_data(GESTURES)
    }
    pub fn queue(&self) -> PathBuf {
        self.in_data(QUEUE)
    }
    pub fn journal(&self) -> PathBuf {
        self.in_data(JOURNAL)
    }
    pub fn lock(&self) -> PathBuf {
        self.in_data(LOCK)
    }
    pub fn backups(&self) -> PathBuf {
        self.in_data(BACKUPS)
    }
    pub fn data(&self) -> &Path {
        &self.data_dir
    }
}
