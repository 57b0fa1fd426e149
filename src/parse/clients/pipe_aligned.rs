//! Pipe-aligned logs (an irssi theme, screen-style): `HH:MM  <right-aligned nick>| text`, with
//! events and actions in the nick column's place as `HH:MM         * | nick joined #HITCON`.

use std::ops::Range;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{skip_spaces, word_at};
use crate::parse::shapes::time::{clock, header_date};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct PipeAlignedReader;

impl Reader for PipeAlignedReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Some(date_text) = ["--- Day changed ", "--- Log opened "].iter().find_map(|marker| line.strip_prefix(marker)) {
            context.date = header_date(date_text).or(context.date);
            // irssi writes these too.
            return Reading::whole(LineKind::Header, line, 1);
        }
        if line.starts_with("--- Log closed ") {
            return Reading::whole(LineKind::Header, line, 1);
        }
        let (time, column_start) = match clock(line.as_bytes()) {
            Some((time, length)) => (Some(time), length),
            // A wrapped message's later lines leave the time blank.
            None if line.starts_with("     ") => (None, 0),
            None => return Reading::raw(line),
        };
        let Some((nick, body)) = nick_column(line, column_start) else {
            return Reading::raw(line);
        };
        // Untimed lines are too plain to say which format this is.
        let confidence = if time.is_some() { 2 } else { 0 };
        let reading = |kind, nick, body| Reading { kind, date: None, time, nick, body, confidence };
        if nick.is_empty() {
            return Reading { time: None, ..reading(LineKind::Continuation, None, body) };
        }
        if &line[nick.clone()] == "*" {
            let (kind, subject, text) = event_or_action(line, body);
            return reading(kind, subject, text);
        }
        reading(LineKind::Message, Some(nick), body)
    }
}

/// The right-aligned nick column ending in `| ` (or `|` at the end of the line) and the text
/// after it. A nick may itself hold a `|` (`orinx|bof`), so the column ends at the first `|`
/// that is followed by a space.
fn nick_column(line: &str, column_start: usize) -> Option<(Range<usize>, Range<usize>)> {
    let bytes = line.as_bytes();
    if bytes.get(column_start) != Some(&b' ') {
        return None;
    }
    let bar = (column_start..bytes.len()).find(|&at| bytes[at] == b'|' && bytes.get(at + 1).is_none_or(|byte| *byte == b' '))?;
    let nick_start = skip_spaces(line, column_start).min(bar);
    // The event column is `        * |`, with a space before the bar.
    let nick = nick_start..nick_start + line[nick_start..bar].trim_end().len();
    if line[nick.clone()].contains(char::is_whitespace) {
        return None;
    }
    let body_start = (bar + 2).min(line.len());
    Some((nick, body_start..line.len()))
}

/// The `* |` column holds events (`nick joined #c`, `nick quit (Reason: …)`) and actions
/// (`nick slaps x around a bit`); the words after the nick tell which. An event keeps its
/// whole text; an action's text starts after the nick.
fn event_or_action(line: &str, body: Range<usize>) -> (LineKind, Option<Range<usize>>, Range<usize>) {
    let text = &line[body.clone()];
    if let Some(after) = text.strip_prefix("netsplit ") {
        let event = if after.contains("joins:") { SystemEvent::Join } else { SystemEvent::Quit };
        return (LineKind::System(event), None, body);
    }
    // Client messages (`#hitcon: Total: 317 users (2 ops,`, wrapped onto `0 voiced, …`) name no one.
    let Some(nick) = word_at(line, body.start).filter(|nick| {
        let word = &line[nick.clone()];
        !word.ends_with(':') && !word.starts_with(|c: char| c == '#' || c.is_ascii_digit())
    }) else {
        return (LineKind::System(SystemEvent::Other), None, body);
    };
    const WORDINGS: [(&str, SystemEvent); 8] = [
        ("joined #", SystemEvent::Join),
        ("left #", SystemEvent::Part),
        ("quit", SystemEvent::Quit),
        ("is now known as ", SystemEvent::NickChange),
        ("changed topic of ", SystemEvent::Topic),
        ("was kicked from ", SystemEvent::Kick),
        ("sets mode ", SystemEvent::Mode),
        ("changed mode ", SystemEvent::Mode),
    ];
    let after_nick = skip_spaces(line, nick.end)..body.end;
    let event = WORDINGS.iter().find(|(wording, _)| {
        // `quit` alone or with its reason; `quitting time` is an action.
        line[after_nick.clone()].strip_prefix(wording).is_some_and(|rest| *wording != "quit" || rest.is_empty() || rest.starts_with(" ("))
    });
    match event {
        Some((_, event)) => (LineKind::System(*event), Some(nick), body),
        None => (LineKind::Action, Some(nick), after_nick),
    }
}
