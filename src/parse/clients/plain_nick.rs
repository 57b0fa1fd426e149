//! IRC logs without times: `<nick> text`, `< nick>  text`, `* nick action`, `-nick- notice`.

use crate::model::LineKind;
use crate::parse::shapes::bracketed::{irc_reading, star_events_as_system};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct PlainNickReader;

impl Reader for PlainNickReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(reading) = irc_reading(line, 0, None, 1) else { return Reading::raw(line) };
        // A `<nick>` line with no time at all is this format's own; an action or event line could
        // be a wrapped line or a Markdown bullet of any document.
        let confidence = if reading.kind == LineKind::Message { 2 } else { 1 };
        star_events_as_system(line, Reading { confidence, ..reading })
    }
}
