//! dircproxy log: dircproxy: `@HH:MM <nick> text`-style proxy logs, as in irclog2html's tests.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct DircproxyReader;

impl Reader for DircproxyReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
