//! Eggdrop log: Eggdrop: `[HH:MM:SS] <nick> text`, `nick (user@host) joined #chan.`, `Action: nick text`.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct EggdropReader;

impl Reader for EggdropReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
