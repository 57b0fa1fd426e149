//! Pidgin text log: Pidgin text: `(04:00:50 PM) nick: text`, a 12-hour clock.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct PidginTextReader;

impl Reader for PidginTextReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
