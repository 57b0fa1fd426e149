//! Timestamped IRC logs with no brackets: `HH:MM:SS <nick> text` (one or two spaces), as MeetBot's
//! `.log.txt` and many bots write, with ` * nick action`, XChat's `-*- nick action` and `-=-` events.

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::bracketed::{irc_reading, star_events_as_system};
use crate::parse::shapes::irc::{after_spaces, skip_spaces, system_event, word_at};
use crate::parse::shapes::time::clock;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct ClockIrcReader;

impl Reader for ClockIrcReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let bytes = line.as_bytes();
        let Some((time, length)) = clock(bytes).filter(|(_, length)| bytes.get(*length) == Some(&b' ')) else {
            return Reading::raw(line);
        };
        let time = Some(time);
        let text_start = skip_spaces(line, length);
        let text = &line[text_start..];
        if text.starts_with("-*- ") {
            if let Some(nick) = word_at(line, text_start + "-*- ".len()) {
                let body = after_spaces(line, nick.end);
                return Reading { kind: LineKind::Action, date: None, time, nick: Some(nick), body, confidence: 1 };
            }
        }
        if let Some(event) = text.strip_prefix("-=- ") {
            // XChat's lines about your own client, in your language: `-=- Sie sind nun als welterde bekannt`.
            let known_as = event.contains("known as") || event.contains("bekannt");
            let event_kind = if known_as { SystemEvent::NickChange } else { system_event(event) };
            let body = line.len() - event.len()..line.len();
            return Reading { kind: LineKind::System(event_kind), date: None, time, nick: None, body, confidence: 1 };
        }
        let Some(reading) = irc_reading(line, text_start, time, 1) else { return Reading::raw(line) };
        // `HH:MM:SS <nick>` with no mode column is this format's own; irssi pads `< nick>` and
        // writes no seconds unless told to.
        let has_seconds = length > 5;
        let bare_nick = reading.kind == LineKind::Message && reading.nick.as_ref().is_some_and(|nick| nick.start == text_start + 1);
        let confidence = if has_seconds && bare_nick { 2 } else { 1 };
        star_events_as_system(line, Reading { confidence, ..reading })
    }
}
