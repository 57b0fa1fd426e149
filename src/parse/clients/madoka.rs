//! Madoka (a Japanese IRC proxy) logs, read after decoding from ISO-2022-JP.
//!
//! `HH:MM:SS <#chan:nick> text` is a message, `>#chan:nick< text` one's own, `(#chan:nick) text`
//! and `)#chan:nick( text` notices. Events: `+ nick(~user@host) to #chan`, `- nick from #chan
//! (why)`, `- nick by kicker from #chan (why)`, `! nick (why)`, `old -> new`, `[!] nick changed
//! (old -> new)`, `Topic of channel #chan by nick: text`, `Mode by nick: #chan +v x`. The hourly
//! `YYYY/MM/DD HH:MM:SS` "time tone" (and `… end` at the file's end) carries the date.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{skip_spaces, word_at};
use crate::parse::shapes::time::clock;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct MadokaReader;

impl Reader for MadokaReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Some(date) = time_tone(line) {
            context.date = Some(date);
            let time = clock(&line.as_bytes()[11..]).map(|(time, _)| time);
            return Reading { date: Some(date), time, ..Reading::whole(LineKind::Header, line, 2) };
        }
        let bytes = line.as_bytes();
        let Some((time, length)) = clock(bytes).filter(|(_, length)| *length == 8 && bytes.get(8) == Some(&b' ')) else {
            return Reading::raw(line);
        };
        let rest_start = length + 1;
        let Some((kind, nick, body, confidence)) = after_stamp(&line[rest_start..]) else {
            return Reading::raw(line);
        };
        let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
        Reading { kind, date: None, time: Some(time), nick: nick.map(shift), body: shift(body), confidence }
    }
}

/// `2000/02/07 03:00:00`, Madoka's hourly line, and `2000/02/08 00:00:00 end`.
fn time_tone(line: &str) -> Option<NaiveDate> {
    let bytes = line.as_bytes();
    if bytes.len() < 19 || bytes[4] != b'/' || bytes[7] != b'/' || bytes[10] != b' ' {
        return None;
    }
    let number = |range: Range<usize>| line.get(range)?.parse::<u32>().ok();
    clock(&bytes[11..])?;
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

type Parts = (LineKind, Option<Range<usize>>, Range<usize>, u8);

/// What follows the time, with ranges relative to `rest`.
fn after_stamp(rest: &str) -> Option<Parts> {
    const SPEAKERS: [(u8, u8, LineKind); 4] =
        [(b'<', b'>', LineKind::Message), (b'>', b'<', LineKind::Message), (b'(', b')', LineKind::Notice), (b')', b'(', LineKind::Notice)];
    let bytes = rest.as_bytes();
    if let Some((_, close, kind)) = SPEAKERS.iter().find(|(open, _, _)| bytes.first() == Some(open)) {
        if let Some(parts) = speaker(rest, *close, *kind) {
            return Some(parts);
        }
    }
    // The sign before a join, part, kick or quit is not part of what the line says.
    let body_start = if matches!(bytes, [b'+' | b'-' | b'!', b' ', ..]) { 2 } else { 0 };
    let system = |event, nick: Option<Range<usize>>| Some((LineKind::System(event), nick, body_start..rest.len(), 2));
    if let Some(joining) = rest.strip_prefix("+ ") {
        // `+ @nick(~user@host) to #chan`: the mode sign is not part of the nick.
        let start = rest.len() - joining.len() + usize::from(joining.starts_with(['@', '+']));
        let end = start + rest[start..].find('(')?;
        return system(SystemEvent::Join, Some(start..end));
    }
    if rest.starts_with("- ") {
        let nick = word_at(rest, 2)?;
        let by = rest[nick.end..].starts_with(" by ");
        return system(if by { SystemEvent::Kick } else { SystemEvent::Part }, Some(nick));
    }
    if rest.starts_with("! ") {
        return system(SystemEvent::Quit, word_at(rest, 2));
    }
    if let Some(topic) = rest.strip_prefix("Topic of channel ") {
        let by = rest.len() - topic.len() + topic.find(" by ")? + " by ".len();
        let end = by + rest[by..].find(':')?;
        return system(SystemEvent::Topic, Some(by..end));
    }
    if let Some(mode) = rest.strip_prefix("Mode by ") {
        let start = rest.len() - mode.len();
        return system(SystemEvent::Mode, Some(start..start + mode.find(':')?));
    }
    if let Some(changed) = rest.strip_prefix("[!] nick changed (") {
        let start = rest.len() - changed.len();
        return system(SystemEvent::NickChange, word_at(rest, start));
    }
    if rest.starts_with("[!] ") {
        return system(SystemEvent::Other, None);
    }
    // `old -> new`
    let old = word_at(rest, 0)?;
    let arrow_at = skip_spaces(rest, old.end);
    let new_nick = rest[arrow_at..].strip_prefix("-> ").and_then(|_| word_at(rest, arrow_at + 3))?;
    (new_nick.end == rest.trim_end().len()).then_some((LineKind::System(SystemEvent::NickChange), Some(old), 0..rest.len(), 2))
}

/// `<#chan:nick> text` and the other bracketings; the nick follows the channel's colon.
fn speaker(rest: &str, close: u8, kind: LineKind) -> Option<Parts> {
    let close_at = 1 + memchr::memchr(close, &rest.as_bytes()[1..])?;
    let inside = &rest[1..close_at];
    let nick_start = 1 + inside.rfind(':').map_or(0, |colon| colon + 1);
    let nick = nick_start..close_at;
    if nick.is_empty() || rest[nick.clone()].contains(char::is_whitespace) {
        return None;
    }
    // `HH:MM:SS <nick> text` is also the plain timestamped IRC shape; the channel makes it Madoka's.
    let has_channel = inside.starts_with(['#', '&', '!', '+']) && nick_start > 1;
    let confidence = if has_channel { 2 } else { 0 };
    Some((kind, Some(nick), skip_spaces(rest, close_at + 1)..rest.len(), confidence))
}
