//! What several readers share, and only that: IRC line shapes, the bracketed family's stamps and
//! events, dates and clocks, HTML fragments, and chat exports' messages laid out one per line. Nothing here knows a whole format.

pub mod bracketed;
pub mod export;
pub mod html;
pub mod irc;
pub mod time;
