//! scrollback: a chat-log viewer that parses and renders IRC meeting logs entirely in the browser.
//!
//! The pure core ([`model`], [`parse`], [`colour`], [`speakers`], [`agenda`], [`report`]) knows nothing of
//! yew or the DOM and is tested with plain `cargo test`; [`app`] and [`view`] are thin Yew
//! components over it. See ARCHITECTURE.md.

pub mod activity;
pub mod agenda;
pub mod colour;
pub mod demo;
pub mod input;
pub mod listing;
pub mod mirc;
pub mod model;
pub mod parse;
pub mod permalink;
pub mod report;
pub mod search;
pub mod source;
pub mod snippet;
pub mod speakers;
pub mod text;
pub mod thread;
pub mod transfer;

pub mod app;
pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod export;
pub mod view;
