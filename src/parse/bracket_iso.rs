//! Bot log with ISO times: `[YYYY-MM-DD HH:MM:SS] <nick> text` bot loggers, events like `nick, joining.`, relays.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct BracketIsoReader;

impl Reader for BracketIsoReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
