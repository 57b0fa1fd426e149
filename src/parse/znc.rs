//! ZNC log: ZNC/energymech: `[HH:MM:SS] <nick> text`, `*** Joins:`, `*** Quits:`.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct ZncReader;

impl Reader for ZncReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
