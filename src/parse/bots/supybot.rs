//! Supybot/Limnoria ChannelLogger: `YYYY-MM-DDTHH:MM:SS  <nick> text` (two spaces),
//! `*** nick <nick!user@host> has joined #chan`, `*** X sets mode: …`, `* nick action`.

use crate::parse::shapes::bracketed::irc_reading;
use crate::parse::shapes::irc::skip_spaces;
use crate::parse::shapes::time::{clock, year_month_day};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct SupybotReader;

impl Reader for SupybotReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let bytes = line.as_bytes();
        let Some(date) = year_month_day(bytes).filter(|_| bytes.get(10) == Some(&b'T')) else { return Reading::raw(line) };
        let Some((time, length)) = bytes.get(11..).and_then(clock) else { return Reading::raw(line) };
        let stamp_end = 11 + length;
        if bytes.get(stamp_end) != Some(&b' ') {
            return Reading::raw(line);
        }
        context.date = Some(date);
        // The ISO stamp with a `T` and two spaces after it is ChannelLogger's own layout.
        match irc_reading(line, skip_spaces(line, stamp_end), Some(time), 2) {
            Some(reading) => Reading { date: Some(date), ..reading },
            None => Reading::raw(line),
        }
    }
}
