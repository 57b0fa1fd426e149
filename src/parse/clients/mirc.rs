//! mIRC logs: `Session Start:` blocks, `[HH:MM] <nick> text` (often after a colour code), CRLF,
//! and events written as actions (`* bob has joined #chan`).

use crate::model::LineKind;
use crate::parse::shapes::bracketed::{bracketed_clock, irc_reading, session_marker, star_events_as_system, Session};
use crate::parse::shapes::time::weekday_month_day_year;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct MircReader {
    /// A `Session Start:` was read: what follows is surely mIRC's.
    in_session: bool,
}

impl Reader for MircReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        // mIRC colours a whole line by putting a colour code before its timestamp.
        let codes_end = crate::format_codes::leading_codes_len(line);
        let text = &line[codes_end..];
        if let Some((marker, value)) = session_marker(text) {
            match marker {
                Session::Start | Session::Time => {
                    self.in_session |= marker == Session::Start;
                    context.date = weekday_month_day_year(value).or(context.date);
                    context.meta.date = context.meta.date.or(context.date);
                }
                Session::Ident => context.meta.channel = context.meta.channel.take().or_else(|| Some(value.to_owned())),
                Session::Close => {}
            }
            return Reading::whole(LineKind::Header, line, 2);
        }
        let Some(stamp) = bracketed_clock(text) else { return Reading::raw(line) };
        // Without a colour code or a session header, `[HH:MM] <nick>` could be any client's.
        let confidence = if codes_end > 0 || self.in_session { 2 } else { 1 };
        match irc_reading(line, codes_end + stamp.rest_start, Some(stamp.time), confidence) {
            Some(reading) => star_events_as_system(line, reading),
            None => Reading::raw(line),
        }
    }
}
