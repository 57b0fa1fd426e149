//! Bracketed IRC logs (Ubuntu irclogs, irc-disentanglement, old i2p meetings): `[03:10] <nick> text`,
//! `=== nick has joined`, `* nick has quit IRC (reason)`.

use crate::model::LineKind;
use crate::parse::shapes::bracketed::{bracketed_clock, irc_reading, session_marker, star_events_as_system, Session};
use crate::parse::shapes::time::weekday_month_day_year;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct BracketReader;

impl Reader for BracketReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        // mIRC's `Session Time:` day changes turn up in these logs too.
        if let Some((marker, value)) = session_marker(line) {
            if matches!(marker, Session::Start | Session::Time) {
                context.date = weekday_month_day_year(value).or(context.date);
            }
            return Reading::whole(LineKind::Header, line, 1);
        }
        let stamp = bracketed_clock(line);
        // Ubuntu's `===` lines carry no time.
        let rest_start = stamp.as_ref().map_or(0, |stamp| stamp.rest_start);
        // `[HH:MM] <nick>` is this format's own layout; with seconds, ZNC and eggdrop write it too.
        let confidence = match &stamp {
            Some(stamp) if !stamp.has_seconds => 2,
            _ => 1,
        };
        let time = stamp.map(|stamp| stamp.time);
        match irc_reading(line, rest_start, time, confidence) {
            Some(reading) => star_events_as_system(line, reading),
            None => Reading::raw(line),
        }
    }
}

