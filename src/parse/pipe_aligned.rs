//! Pipe-aligned log: Screen-style: `HH:MM  <right-aligned nick>| text`.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct PipeAlignedReader;

impl Reader for PipeAlignedReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
