//! rapport: a keyboard-driven terminal CRM for referral relationships.
//!
//! `domain` holds the pure rules, `store` the files, `interop` the imports
//! and exports, `cli` the commands.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod interop;
pub mod store;
pub mod tui;
pub mod ui;
