//! Supybot/Limnoria ChannelLogger log: Supybot/Limnoria ChannelLogger: `YYYY-MM-DDTHH:MM:SS  <nick> text`, `*** nick has joined`.

use super::{is_blank, Context, Reader, Reading};

/// Not written yet: every non-blank line is raw.
#[derive(Debug, Default)]
pub struct SupybotReader;

impl Reader for SupybotReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}
