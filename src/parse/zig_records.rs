//! One-field-per-line records: The zig logger: epoch, nick, text and a blank line per message.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct ZigRecordsReader;

impl Reader for ZigRecordsReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
