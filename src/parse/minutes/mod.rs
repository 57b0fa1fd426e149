//! Meeting minutes that a bot writes beside the log, read as a log of their own so the agenda can
//! be linked to the log's lines.

pub mod meetbot;
