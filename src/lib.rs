//! rapport: a keyboard-driven terminal CRM for referral relationships.
//!
//! `domain` holds the pure rules, `store` the files, `interop` the imports
//! and exports, `cli` the commands; `demo` and `generate` make sample books.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
#[doc(hidden)]
pub mod fuzz_checks;
pub mod generate;
pub mod interop;
pub mod store;
pub mod sync;
pub mod tui;
pub mod ui;
