//! What several readers share, and only that: IRC line shapes, the bracketed family's stamps and
//! events, dates and clocks, and HTML fragments. Nothing here knows a whole format.

pub mod bracketed;
pub mod html;
pub mod irc;
pub mod time;
