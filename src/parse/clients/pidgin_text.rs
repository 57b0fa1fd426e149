//! Pidgin's plain-text logs: `(04:00:50 PM) nick: text`, a 12-hour clock (or a 24-hour one).
//!
//! Events have no colon after the nick: `nick [user@host] entered the room.`, `nick left the
//! room (quit: why).`, `a is now known as b`; actions are `***nick waves`. A file may start
//! with `Conversation with #chan at <date> on me@server (irc)`, and Pidgin puts the date inside
//! the parentheses when the day changes: `(02/05/2020 12:00:01 AM)`.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{skip_spaces, system_event, word_at};
use crate::parse::shapes::time::{parenthesised_stamp, slash_or_iso_date};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct PidginTextReader;

impl Reader for PidginTextReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Some(session) = line.strip_prefix("Conversation with ") {
            context.meta.channel = session.split_whitespace().next().map(str::to_owned);
            if let Some(date) = session.split(" at ").nth(1).and_then(date_in_words) {
                context.date = Some(date);
            }
            return Reading::whole(LineKind::Header, line, 2);
        }
        let Some((date, time, rest_start)) = parenthesised_stamp(line) else {
            return Reading::raw(line);
        };
        if date.is_some() {
            context.date = date;
        }
        let (kind, nick, body) = after_stamp(&line[rest_start..]);
        let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
        Reading { kind, date, time: Some(time), nick: nick.map(shift), body: shift(body), confidence: 2 }
    }
}

/// The date in a session header's `Tue 04 Feb 2020 04:00:50 PM UTC` or `2/4/2020 4:00:50 PM`.
fn date_in_words(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    if let Some(date) = words.iter().find_map(|word| slash_or_iso_date(word)) {
        return Some(date);
    }
    let month_at = words.iter().position(|word| crate::parse::shapes::time::month_number(word.as_bytes()).is_some())?;
    let month = crate::parse::shapes::time::month_number(words[month_at].as_bytes())?;
    let day = words.get(month_at.wrapping_sub(1)).and_then(|word| word.parse().ok());
    let day = day.or_else(|| words.get(month_at + 1).and_then(|word| word.trim_end_matches(',').parse().ok()))?;
    let year = words[month_at..].iter().find_map(|word| word.parse::<i32>().ok().filter(|year| *year > 1900))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

type Parts = (LineKind, Option<Range<usize>>, Range<usize>);

/// `nick: text`, `***nick waves`, or an event; ranges are relative to `rest`.
fn after_stamp(rest: &str) -> Parts {
    if let Some(action) = rest.strip_prefix("***") {
        let start = rest.len() - action.len();
        if let Some(nick) = word_at(rest, start) {
            return (LineKind::Action, Some(nick.clone()), skip_spaces(rest, nick.end)..rest.len());
        }
    }
    let first_word = word_at(rest, 0);
    if let Some(word) = first_word.clone().filter(|word| rest[word.clone()].ends_with(':')) {
        return (LineKind::Message, Some(word.start..word.end - 1), skip_spaces(rest, word.end)..rest.len());
    }
    if let Some(event) = event(rest) {
        let nick = first_word.filter(|_| !rest.starts_with("The topic"));
        return (LineKind::System(event), nick, 0..rest.len());
    }
    // An XMPP alias may hold spaces: `John Smith: hi`.
    if let Some(colon) = rest.find(": ") {
        return (LineKind::Message, Some(0..colon), skip_spaces(rest, colon + 1)..rest.len());
    }
    (LineKind::System(SystemEvent::Other), None, 0..rest.len())
}

/// Pidgin's event wordings.
fn event(text: &str) -> Option<SystemEvent> {
    let event = if text.contains("entered the room") {
        SystemEvent::Join
    } else if text.contains("left the room") {
        if text.contains("(quit:") { SystemEvent::Quit } else { SystemEvent::Part }
    } else if text.contains("kicked") {
        SystemEvent::Kick
    } else if text.starts_with("mode (") {
        SystemEvent::Mode
    } else {
        system_event(text)
    };
    (event != SystemEvent::Other).then_some(event)
}
