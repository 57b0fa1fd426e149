//! Gitter room copy: Gitter copies: `YYYY-MM-DD HH:MM:SS < nick > text`.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct GitterReader;

impl Reader for GitterReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
