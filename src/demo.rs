//! The demo log that is open before anything is dropped: an invented MirageOS call.

/// A MirageOS fortnightly call in the published Mirage meeting format, with an agenda chaired
/// in plain phrases, woven conversations, a `/me` and a clock that jumps back two hours.
pub const DEMO_LOG: &str = include_str!("../fixtures/demo-mirage-call.txt");

pub const DEMO_FILE_NAME: &str = "demo: MirageOS call, 13-07-2016";
