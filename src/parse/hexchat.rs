//! HexChat/XChat log: HexChat/XChat: `**** BEGIN LOGGING AT`, `Mon DD HH:MM:SS <nick><TAB>text`.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct HexchatReader;

impl Reader for HexchatReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
