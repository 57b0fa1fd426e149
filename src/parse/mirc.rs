//! mIRC log: mIRC: `Session Start:`, `[HH:MM] <nick> text`, CRLF, colour codes before the time.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct MircReader;

impl Reader for MircReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
