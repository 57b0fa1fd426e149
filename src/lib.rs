//! scrollback: a chat-log viewer that parses and renders IRC meeting logs entirely in the browser.
//!
//! The modules are layers, each using only those above it in this file (ARCHITECTURE.md,
//! "Layers"; `tests/layers.rs` checks it): the core types, [`parse`], the analyses, the worker's
//! boundary ([`transfer`]) and the app's [`state`] are plain Rust, tested with `cargo test`;
//! [`browser`] holds the effects, [`view`] the components and [`app`] the root component.

// Core: the log's types and what every layer reads it with.
pub mod casefold;
pub mod colour;
pub mod demo;
pub mod format_codes;
pub mod input;
pub mod model;
pub mod source;
pub mod speakers;
pub mod text;

// Parsing: bytes in, a `Log` out.
pub mod parse;

// Analyses of a parsed log.
pub mod activity;
pub mod agenda;
pub mod archive;
pub mod listing;
pub mod permalink;
pub mod report;
pub mod search;
pub mod snippet;
pub mod thread;

// The parse worker's boundary, then the app's state.
pub mod state;
pub mod transfer;

// Effects, components, the root component, the static export.
pub mod app;
pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod export;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod view;
