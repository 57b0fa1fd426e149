//! Madoka log: Madoka (a Japanese IRC proxy): `HH:MM <#chan:nick> text`, ISO-2022-JP.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct MadokaReader;

impl Reader for MadokaReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
