//! Bracketed IRC logs (Ubuntu irclogs, irc-disentanglement, old i2p meetings): `[03:10] <nick> text`,
//! `=== nick has joined`, `* nick has quit IRC (reason)`. Also the `[HH:MM:SS]` helpers the
//! other bracketed readers (ZNC, eggdrop, mIRC) share.

use std::ops::Range;

use chrono::NaiveTime;

use super::irc::{skip_spaces, utterance};
use super::mirc::{session_marker, star_event, weekday_month_day_year, Session};
use super::time::clock;
use super::{is_blank, Context, Reader, Reading};
use crate::model::LineKind;

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

/// `[HH:MM]` or `[HH:MM:SS]` at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct BracketedClock {
    pub time: NaiveTime,
    pub has_seconds: bool,
    /// Where the text after the stamp and its spaces starts.
    pub rest_start: usize,
}

pub(super) fn bracketed_clock(line: &str) -> Option<BracketedClock> {
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let (time, length) = clock(&bytes[1..])?;
    if bytes.get(1 + length) != Some(&b']') {
        return None;
    }
    // `H:MM` is 4 bytes, `HH:MM:SS` 8: anything longer than `HH:MM` has seconds.
    Some(BracketedClock { time, has_seconds: length > 5, rest_start: skip_spaces(line, length + 2) })
}

/// The shared IRC shapes (`<nick> text`, `* nick action`, `-nick- notice`, `*** event`) in
/// `line[rest_start..]`, as a reading of the whole line.
pub(super) fn irc_reading(line: &str, rest_start: usize, time: Option<NaiveTime>, confidence: u8) -> Option<Reading> {
    let rest = line.get(rest_start..)?;
    let said = utterance(rest)?;
    let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
    Some(Reading { kind: said.kind, date: None, time, nick: said.nick.map(shift), body: shift(said.body), confidence })
}

/// mIRC-style clients write channel events as actions (`* bob has joined #i2p`); read them as events.
pub(super) fn star_events_as_system(line: &str, mut reading: Reading) -> Reading {
    if reading.kind != LineKind::Action {
        return reading;
    }
    let Some(text_start) = reading.nick.as_ref().map(|nick| nick.start) else { return reading };
    if let Some(star) = star_event(&line[text_start..]) {
        reading.kind = LineKind::System(star.event);
        reading.nick = star.nick.map(|nick| text_start + nick.start..text_start + nick.end);
        reading.body = text_start..line.len();
    }
    reading
}
