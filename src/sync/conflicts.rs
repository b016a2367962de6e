//! `merge-conflicts.toml`: kept by the store (a Syncthing conflict copy
//! records its conflicts there too); see [`crate::store::merge_conflicts`].

pub use crate::store::merge_conflicts::*;
