//! Timestamped IRC log: `HH:MM:SS <nick> text` (one or two spaces), as MeetBot's `.log.txt` and many bots write.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct ClockIrcReader;

impl Reader for ClockIrcReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
