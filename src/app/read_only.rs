//! Why a window writes nothing, and what it says about it: on the banner
//! at the top, and when a key would have changed something.

/// Why this window is read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another rapport window has this data open, and it writes.
    OtherWindow,
    /// The data folder cannot be written (its permissions, a read-only
    /// mount): the data can still be read, walked and searched.
    FolderNotWritable,
}

impl ReadOnly {
    /// The header's banner, short enough to leave room for the counts.
    pub fn banner(self) -> &'static str {
        match self {
            ReadOnly::OtherWindow => " READ-ONLY: another rapport window is open ",
            ReadOnly::FolderNotWritable => " READ-ONLY: the data folder is not writable ",
        }
    }

    /// The status line's answer to a key that would change something.
    pub fn refusal(self) -> &'static str {
        match self {
            ReadOnly::OtherWindow => "Read-only: another rapport window has this data open; nothing was changed",
            ReadOnly::FolderNotWritable => {
                "Read-only: the data folder is not writable (`rapport paths` shows where it is); nothing was changed"
            }
        }
    }
}
