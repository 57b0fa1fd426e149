//! dircproxy's per-channel logs: `[14 Jan 10:36] <nick!user@host> +text`, `--> nick (host) joined the
//! channel`, `<-- nick (host) quit from IRC: reason`, `--- nick changed topic: …`, `*** You connected`.
//! The stamp has no year; it comes from the file name's date when there is one.

use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{after_spaces, skip_spaces, word_at};
use crate::parse::shapes::time::{clock, month_number};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct DircproxyReader;

impl Reader for DircproxyReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(stamp) = stamp(line) else { return Reading::raw(line) };
        let text_start = stamp.rest_start;
        let Some((kind, nick, body)) = said(&line[text_start..]) else { return Reading::raw(line) };
        let shift = |range: Range<usize>| text_start + range.start..text_start + range.end;
        let date = context.date.and_then(|known| date_near(known, stamp.month, stamp.day));
        // `[DD Mon HH:MM]` is dircproxy's own stamp.
        Reading { kind, date, time: Some(stamp.time), nick: nick.map(shift), body: shift(body), confidence: 2 }
    }
}

struct Stamp {
    day: u32,
    month: u32,
    time: NaiveTime,
    rest_start: usize,
}

/// `[14 Jan 10:36] ` at the start of the line.
fn stamp(line: &str) -> Option<Stamp> {
    let inner = line.strip_prefix('[')?;
    let day = word_at(inner, 0)?;
    let month = word_at(inner, skip_spaces(inner, day.end))?;
    let time_start = skip_spaces(inner, month.end);
    let (time, length) = clock(&inner.as_bytes()[time_start..])?;
    if inner.as_bytes().get(time_start + length) != Some(&b']') {
        return None;
    }
    let day = Some(&inner[day]).filter(|day| day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit()))?;
    Some(Stamp {
        day: day.parse().ok()?,
        month: month_number(inner[month].as_bytes())?,
        time,
        rest_start: skip_spaces(line, 1 + time_start + length + 1),
    })
}

/// Day `day` of `month` in the year of `known`, or of the year before or after when that is nearer
/// (a log that crosses New Year).
fn date_near(known: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let year = match (known.month(), month) {
        (12, 1) => known.year() + 1,
        (1, 12) => known.year() - 1,
        _ => known.year(),
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

type Said = (LineKind, Option<Range<usize>>, Range<usize>);

/// What the text after the stamp says: kind, nick and body, relative to `text`.
fn said(text: &str) -> Option<Said> {
    let bytes = text.as_bytes();
    // `nick!user@host` between `open` and `close`: the nick is the part before `!`.
    let nick_in = |open: usize, close: usize| open..memchr::memchr(b'!', &bytes[open..close]).map_or(close, |bang| open + bang);
    match bytes.first()? {
        // `<nick!user@host> +text`: `+`/`-` says whether the speaker identified to services; your
        // own lines have no flag.
        b'<' if !text.starts_with("<-- ") => {
            let close = memchr::memchr(b'>', bytes)?;
            let nick = nick_in(1, close);
            let mut body = after_spaces(text, close + 1);
            if matches!(bytes.get(body.start), Some(b'+' | b'-')) {
                body.start += 1;
            }
            (!nick.is_empty()).then_some((LineKind::Message, Some(nick), body))
        }
        b'*' if text.starts_with("* ") => {
            let nick = word_at(text, 2)?;
            let body = after_spaces(text, nick.end);
            Some((LineKind::Action, Some(nick), body))
        }
        // `-nick!user@host- text`
        b'-' if !text.starts_with("--") => {
            let close = 1 + text[1..].find("- ")?;
            Some((LineKind::Notice, Some(nick_in(1, close)), after_spaces(text, close + 1)))
        }
        // `[nick!user@host] VERSION`: a CTCP request.
        b'[' => {
            let close = memchr::memchr(b']', bytes)?;
            Some((LineKind::System(SystemEvent::Other), Some(nick_in(1, close)), 0..text.len()))
        }
        _ => event(text),
    }
}

/// `--> `, `<-- `, `--- ` and `*** ` lines.
fn event(text: &str) -> Option<Said> {
    const MARKERS: [&str; 4] = ["--> ", "<-- ", "--- ", "*** "];
    const WORDINGS: [(&str, SystemEvent); 10] = [
        ("joined the channel", SystemEvent::Join),
        ("left the channel", SystemEvent::Part),
        ("quit from IRC", SystemEvent::Quit),
        ("Kicked off by ", SystemEvent::Kick),
        ("kicked off by ", SystemEvent::Kick),
        ("changed nickname to ", SystemEvent::NickChange),
        ("changed your nickname to ", SystemEvent::NickChange),
        ("changed topic:", SystemEvent::Topic),
        ("changed mode:", SystemEvent::Mode),
        ("mode was changed:", SystemEvent::Mode),
    ];
    let marker = MARKERS.iter().find(|marker| text.starts_with(**marker))?;
    let body = after_spaces(text, marker.len());
    let words = &text[body.clone()];
    let event = WORDINGS.iter().find(|(wording, _)| words.contains(wording)).map_or(SystemEvent::Other, |(_, event)| *event);
    // The subject is the first word, unless the line is about you (`You connected`, `Kicked off by`).
    let nick = word_at(text, body.start).filter(|nick| !matches!(&text[nick.clone()], "You" | "Your" | "Kicked"));
    Some((LineKind::System(event), nick, body))
}
