//! ZNC's log module (energymech's wording): `[HH:MM:SS] <nick> text`, `*** Joins: nick (ident@host)`,
//! `*** Quits: nick (host) (reason)`, `*** X sets mode: +o y`. The date is only in the file name.

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::bracketed::{bracketed_clock, irc_reading, star_event};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct ZncReader;

impl Reader for ZncReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(stamp) = bracketed_clock(line) else { return Reading::raw(line) };
        let time = Some(stamp.time);
        if line[stamp.rest_start..].starts_with("*** ") {
            let text_start = stamp.rest_start + "*** ".len();
            // `Joins:`, `X is now known as Y`, `X sets mode:`, `X was kicked by Y`: ZNC's own wording.
            let (event, nick, confidence) = match star_event(&line[text_start..]) {
                Some(star) => (star.event, star.nick.map(|nick| text_start + nick.start..text_start + nick.end), 2),
                // `*** Connected to IRC` and other lines about the bouncer itself.
                None => (SystemEvent::Other, None, 1),
            };
            return Reading { kind: LineKind::System(event), date: None, time, nick, body: text_start..line.len(), confidence };
        }
        // `<nick> text`, `* nick action`, `-nick- notice`: every bracketed log writes these.
        irc_reading(line, stamp.rest_start, time, 1).unwrap_or_else(|| Reading::raw(line))
    }
}
