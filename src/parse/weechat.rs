//! WeeChat log: WeeChat: `YYYY-MM-DD HH:MM:SS<TAB>nick<TAB>text`, `-->`/`<--`/`--` events; also 0.2's layout.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct WeechatReader;

impl Reader for WeechatReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
