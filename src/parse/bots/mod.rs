//! The logs bots and scribes keep for a channel: Supybot's ChannelLogger, eggdrop, W3C's RRSAgent,
//! the #zig logger, BotBot, and loggers that stamp ISO times.

pub mod botbot;
pub mod bracket_iso;
pub mod eggdrop;
pub mod supybot;
pub mod w3c_scribe;
pub mod zig_records;
