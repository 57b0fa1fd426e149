//! W3C scribe log: W3C scribe logs: `[Tue 11:04:55] <nick><TAB>text` and ISO times with milliseconds.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct W3cScribeReader;

impl Reader for W3cScribeReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
