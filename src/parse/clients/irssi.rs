//! irssi logs: `--- Log opened`/`--- Day changed` headers, `HH:MM <@nick> text`, `-!-` events,
//! ` * nick action`, custom `[20110803T091729+0800]` stamps, and days joined by Markdown headings.

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{skip_spaces, system_event, utterance, word_at};
use crate::parse::shapes::time::{clock, day_month_year_words, header_date};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct IrssiReader;

impl Reader for IrssiReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Some(reading) = session_header(line, context) {
            return reading;
        }
        let Some(stamp) = stamp(line) else {
            // Markdown headings (`# Day1`, `Day 1` over `=====`) between days joined by hand.
            // `...` marks where lines were cut out.
            let trimmed = line.trim_end();
            let is_heading = line.starts_with('#') || trimmed.bytes().all(|byte| byte == b'=') || line.starts_with("Day ") || trimmed == "...";
            return if is_heading { Reading::whole(LineKind::Header, line, 0) } else { Reading::raw(line) };
        };
        if stamp.date.is_some() {
            context.date = stamp.date;
        }
        let rest_start = skip_spaces(line, stamp.length);
        let rest = &line[rest_start..];
        let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
        let timed = |kind, nick: Option<Range<usize>>, body: Range<usize>, confidence| Reading {
            kind,
            date: stamp.date,
            time: Some(stamp.time),
            nick: nick.map(shift),
            body: shift(body),
            confidence,
        };
        // A custom theme's `11:33::: nick [host] has joined`.
        if let Some(event) = rest.strip_prefix(":::") {
            let body_start = skip_spaces(rest, rest.len() - event.len());
            let nick = word_at(rest, body_start).filter(|nick| !rest[nick.clone()].ends_with(':'));
            let (event, nick) = client_event(&rest[body_start..], system_event(&rest[body_start..]), nick);
            return timed(LineKind::System(event), nick, body_start..rest.len(), 2);
        }
        if let Some(mut said) = utterance(rest) {
            // `HH:MM < nick>`, `HH:MM <@nick>`: irssi's mode column, one space after the time.
            let mode_column = rest_start == stamp.length + 1 && rest.starts_with('<') && rest[1..].starts_with([' ', '@', '+', '%']);
            let confidence = match said.kind {
                LineKind::System(_) if rest.starts_with("-!-") => 2,
                _ if stamp.is_custom => 2,
                // irssi writes `HH:MM` by default; with seconds the line is more likely another logger's.
                _ if stamp.has_seconds => 0,
                LineKind::Message if mode_column => 2,
                _ => 1,
            };
            if let LineKind::System(event) = said.kind {
                let (event, nick) = client_event(&rest[said.body.clone()], event, said.nick);
                (said.kind, said.nick) = (LineKind::System(event), nick);
            }
            return timed(said.kind, said.nick, said.body, confidence);
        }
        let whole_rest = 0..rest.len();
        if rest.starts_with('[') {
            // `/names` output: `[Users #coscup]`, `[ nick ] [ nick ]`.
            return timed(LineKind::System(SystemEvent::Other), None, whole_rest, 1);
        }
        if rest.contains(" is now known as ") {
            // A theme without `-!-`: `      Irvin  is now known as Irvin_`.
            return timed(LineKind::System(SystemEvent::NickChange), word_at(rest, 0), whole_rest, 1);
        }
        if rest.contains(" changed the topic of ") {
            return timed(LineKind::System(SystemEvent::Topic), word_at(rest, 0), whole_rest, 1);
        }
        if rest.starts_with("mode/") {
            return timed(LineKind::System(SystemEvent::Mode), None, whole_rest, 2);
        }
        if let Some(reading) = themed_line(line, stamp.length, rest_start) {
            return Reading { date: stamp.date, time: Some(stamp.time), ..reading };
        }
        Reading::raw(line)
    }
}

/// irssi's own event lines, which name a channel or the user rather than someone:
/// `Topic for #c: …`, `Topic set by x`, `You're now known as x`, `Netsplit … quits:`,
/// `Netsplit over, joins:`, `Channel #c created …`.
fn client_event(text: &str, event: SystemEvent, nick: Option<Range<usize>>) -> (SystemEvent, Option<Range<usize>>) {
    if text.starts_with("Topic for ") || text.starts_with("Topic set by ") {
        (SystemEvent::Topic, None)
    } else if text.starts_with("You're now known as ") {
        (SystemEvent::NickChange, None)
    } else if let Some(netsplit) = text.strip_prefix("Netsplit ") {
        (if netsplit.contains("joins:") { SystemEvent::Join } else { SystemEvent::Quit }, None)
    } else if text.starts_with("Channel ") && text.contains(" created ") {
        (SystemEvent::Other, None)
    } else {
        (event, nick)
    }
}

/// Lines of custom themes seen in real logs: `>>> nick waves` and a right-aligned
/// `              nick waves` are actions; `>> nick<< text` is a message.
fn themed_line(line: &str, stamp_length: usize, rest_start: usize) -> Option<Reading> {
    let rest = &line[rest_start..];
    if let Some(inner) = rest.strip_prefix(">>").filter(|inner| !inner.starts_with('>')) {
        let close = inner.find("<<")?;
        let nick_start = skip_spaces(line, rest_start + 2);
        let nick = nick_start..rest_start + 2 + close;
        let body = skip_spaces(line, nick.end + 2)..line.len();
        return (!nick.is_empty()).then_some(Reading { kind: LineKind::Message, date: None, time: None, nick: Some(nick), body, confidence: 1 });
    }
    let action_start = if let Some(after) = rest.strip_prefix(">>>") {
        skip_spaces(line, line.len() - after.len())
    } else if rest_start - stamp_length >= 4 {
        rest_start
    } else {
        return None;
    };
    let nick = word_at(line, action_start)?;
    let body = skip_spaces(line, nick.end)..line.len();
    Some(Reading { kind: LineKind::Action, date: None, time: None, nick: Some(nick), body, confidence: 1 })
}

/// `--- Log opened Tue Jun 11 22:52:16 2002`, `--- Log closed …`, `--- Day changed Wed Jun 12 2002`,
/// and a hand-written `Day changed to 05  8 2017`.
fn session_header(line: &str, context: &mut Context) -> Option<Reading> {
    let trimmed = line.trim_end();
    if let Some(date) = trimmed.strip_prefix("Day changed to ") {
        context.date = day_month_year_words(date).or(context.date);
        return Some(Reading::whole(LineKind::Header, line, 2));
    }
    let marker = trimmed.strip_prefix("--- ")?;
    for prefix in ["Log opened ", "Day changed ", "Log closed "] {
        if let Some(date) = marker.strip_prefix(prefix) {
            if prefix != "Log closed " {
                context.date = header_date(date).or(context.date);
            }
            return Some(Reading::whole(LineKind::Header, line, 2));
        }
    }
    None
}

/// A line's time stamp: `HH:MM`, `HH:MM:SS`, or the custom `[20110803T091729+0800]`.
struct Stamp {
    time: NaiveTime,
    date: Option<NaiveDate>,
    has_seconds: bool,
    /// The `[%Y%m%dT%H%M%S%z]` form, which only irssi users configure.
    is_custom: bool,
    /// Bytes the stamp takes.
    length: usize,
}

fn stamp(line: &str) -> Option<Stamp> {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b'[') {
        return custom_stamp(bytes);
    }
    let (time, length) = clock(bytes)?;
    Some(Stamp { time, date: None, has_seconds: length > 5, is_custom: false, length })
}

/// `[%Y%m%dT%H%M%S%z]`, e.g. `[20110803T091729+0800]`: the time as logged, in its own zone.
fn custom_stamp(bytes: &[u8]) -> Option<Stamp> {
    let close = bytes.iter().position(|byte| *byte == b']')?;
    let inner = &bytes[1..close];
    if inner.len() < 15 || inner[8] != b'T' {
        return None;
    }
    let number = |range: Range<usize>| -> Option<u32> {
        let digits = inner.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |value, digit| value * 10 + u32::from(digit - b'0')))
    };
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(4..6)?, number(6..8)?)?;
    let time = NaiveTime::from_hms_opt(number(9..11)?, number(11..13)?, number(13..15)?)?;
    Some(Stamp { time, date: Some(date), has_seconds: true, is_custom: true, length: close + 1 })
}
