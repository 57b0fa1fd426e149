//! Shared helpers for the integration tests; each test file pulls them in with `mod support;`.

pub mod browser;
