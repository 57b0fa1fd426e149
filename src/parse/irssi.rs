//! irssi log: irssi: `--- Log opened`, `HH:MM <@nick> text`, `-!-` events, custom timestamps.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct IrssiReader;

impl Reader for IrssiReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
