//! W3C scribe logs (irc.log): `[Tue 11:04:55] <nick><TAB>text` and `[2020-01-07T17:04:33.555Z]<TAB><nick><TAB>text`.
//!
//! The old client names only the weekday, so those lines take their date from the file name;
//! its events are `*<TAB>nick (user@host) has joined #chan` and `*<TAB>nick has quit (…)`, and
//! `*<TAB>nick thanks` is an action. Scribe conventions (`present+`, `scribe:`, `Topic:`) are
//! ordinary messages. A pasted multi-line message continues on unstamped lines.

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use crate::model::LineKind;
use crate::parse::shapes::irc::{after_spaces, skip_spaces, system_event, utterance, word_at};
use crate::parse::shapes::time::{clock, year_month_day};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct W3cScribeReader;

impl Reader for W3cScribeReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some((date, time, rest_start)) = stamp(line) else {
            return Reading::raw(line);
        };
        let rest = &line[rest_start..];
        let Some((kind, nick, body)) = after_stamp(rest) else {
            return Reading { kind: LineKind::Raw, date, time: Some(time), nick: None, body: 0..line.len(), confidence: 1 };
        };
        let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
        // A bracketed weekday, or an ISO time with milliseconds, is this client's own stamp.
        Reading { kind, date, time: Some(time), nick: nick.map(shift), body: shift(body), confidence: 2 }
    }
}

/// `[Tue 11:04:55]` or `[2020-01-07T17:04:33.555Z]`, then spaces or a TAB.
fn stamp(line: &str) -> Option<(Option<NaiveDate>, NaiveTime, usize)> {
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let (date, time, mut end) = if is_weekday(bytes.get(1..4)?) && bytes.get(4) == Some(&b' ') {
        let (time, length) = clock(&bytes[5..])?;
        (None, time, 5 + length)
    } else {
        let date = year_month_day(&bytes[1..])?;
        if bytes.get(11) != Some(&b'T') {
            return None;
        }
        let (time, length) = clock(&bytes[12..])?;
        (Some(date), time, 12 + length)
    };
    if bytes.get(end) == Some(&b'.') {
        end += 1 + bytes[end + 1..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    }
    if bytes.get(end) == Some(&b'Z') {
        end += 1;
    }
    if bytes.get(end) != Some(&b']') {
        return None;
    }
    Some((date, time, skip_spaces(line, end + 1)))
}

fn is_weekday(name: &[u8]) -> bool {
    const WEEKDAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    WEEKDAYS.contains(&name)
}

type Parts = (LineKind, Option<Range<usize>>, Range<usize>);

/// `<nick>` then a TAB (or a space) and the text, or `*<TAB>` and an event or action.
fn after_stamp(rest: &str) -> Option<Parts> {
    if let Some(text) = rest.strip_prefix("*\t") {
        return Some(star_line(rest, rest.len() - text.len()));
    }
    let said = utterance(rest)?;
    Some((said.kind, said.nick, said.body))
}

/// `nick (user@host) has joined #chan`, `nick has quit (Quit: nick)`, or an action, `nick thanks`.
fn star_line(rest: &str, text_start: usize) -> Parts {
    let body = after_spaces(rest, text_start);
    let Some(nick) = word_at(rest, body.start) else {
        return (LineKind::Raw, None, body);
    };
    let mut wording_start = skip_spaces(rest, nick.end);
    if rest[wording_start..].starts_with('(') {
        // The `(user@host)` after a joining nick.
        wording_start = rest[wording_start..].find(") ").map_or(wording_start, |close| skip_spaces(rest, wording_start + close + 1));
    }
    const EVENT_STARTS: [&str; 6] = ["has ", "is now known as", "sets mode", "changes topic", "was kicked", "left "];
    if EVENT_STARTS.iter().any(|start| rest[wording_start..].starts_with(start)) {
        return (LineKind::System(system_event(&rest[wording_start..])), Some(nick), body);
    }
    (LineKind::Action, Some(nick.clone()), after_spaces(rest, nick.end))
}
