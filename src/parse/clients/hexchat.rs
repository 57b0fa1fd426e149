//! HexChat/XChat logs: `**** BEGIN LOGGING AT <ctime>` session markers, then
//! `Mon DD HH:MM:SS <nick><TAB>text`, `*<TAB>` events and actions, `-nick-<TAB>` notices and
//! `>target<<TAB>` for what the user sent to someone.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{skip_spaces, word_at};
use crate::parse::shapes::time::{clock, header_date, month_in_locale};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct HexchatReader {
    /// The date of the last session marker: lines give a month and day but no year.
    session_date: Option<NaiveDate>,
}

impl Reader for HexchatReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Some(marker) = line.strip_prefix("**** ") {
            let ctime = ["BEGIN LOGGING AT ", "ENDING LOGGING AT "].iter().find_map(|prefix| marker.strip_prefix(prefix));
            if let Some(date) = ctime.and_then(header_date) {
                self.session_date = Some(date);
                context.date = Some(date);
            }
            return Reading::whole(LineKind::Header, line, if ctime.is_some() { 2 } else { 1 });
        }
        let Some((month, day, time, text_start)) = stamp(line) else {
            return Reading::raw(line);
        };
        let date = self.date_of(month, day);
        if date.is_some() {
            context.date = date;
        }
        let (kind, nick, body) = said(line, text_start);
        Reading { kind, date, time: Some(time), nick, body, confidence: 2 }
    }
}

impl HexchatReader {
    /// The line's month and day in the year of the session, or the next year once the months
    /// wrap past December.
    fn date_of(&self, month: u32, day: u32) -> Option<NaiveDate> {
        let session = self.session_date?;
        let year = if month < session.month() { session.year() + 1 } else { session.year() };
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

/// `May 19 23:59:44 `: month, day, time, and where the rest of the line starts.
fn stamp(line: &str) -> Option<(u32, u32, chrono::NaiveTime, usize)> {
    let bytes = line.as_bytes();
    let month_name = line.get(..3).filter(|name| name.bytes().all(|byte| byte.is_ascii_alphabetic()))?;
    let month = month_in_locale(month_name)?;
    if bytes.get(3) != Some(&b' ') {
        return None;
    }
    // `%d` pads with a zero; some builds pad with a space.
    let day = match bytes.get(4..7)? {
        [b' ', units, b' '] if units.is_ascii_digit() => u32::from(units - b'0'),
        [tens, units, b' '] if tens.is_ascii_digit() && units.is_ascii_digit() => u32::from(tens - b'0') * 10 + u32::from(units - b'0'),
        _ => return None,
    };
    let (time, length) = clock(&bytes[7..])?;
    if length != 8 || bytes.get(15).is_some_and(|byte| *byte != b' ') {
        return None;
    }
    Some((month, day, time, 16.min(line.len())))
}

/// What follows the stamp: a prefix column, a TAB and the text; or, for the client's own
/// messages (`Usage: MSG <nick> …`), only text.
fn said(line: &str, start: usize) -> (LineKind, Option<Range<usize>>, Range<usize>) {
    let Some(tab) = line[start..].find('\t').map(|tab| start + tab) else {
        return (LineKind::System(SystemEvent::Other), None, start..line.len());
    };
    let prefix = &line[start..tab];
    let body = tab + 1..line.len();
    let inner = |open: u8, close: u8| {
        let bytes = prefix.as_bytes();
        (bytes.len() > 2 && bytes[0] == open && bytes[bytes.len() - 1] == close).then(|| start + 1..tab - 1)
    };
    if prefix == "*" {
        return event_or_action(line, body);
    }
    if let Some(nick) = inner(b'<', b'>') {
        let mode_length = line[nick.clone()].bytes().take_while(|byte| matches!(byte, b'@' | b'+' | b'%' | b'~' | b'&')).count();
        let nick = if mode_length < nick.len() { nick.start + mode_length..nick.end } else { nick };
        return (LineKind::Message, Some(nick), body);
    }
    if let Some(nick) = inner(b'-', b'-') {
        // `-She/Wallops-`: a wallops from She.
        let sender_end = line[nick.clone()].find('/').map_or(nick.end, |slash| nick.start + slash);
        return (LineKind::Notice, Some(nick.start..sender_end), body);
    }
    if inner(b'>', b'<').is_some() {
        // What the user sent to `target`: the speaker is not named, so the target stays in the text.
        return (LineKind::Message, None, start..line.len());
    }
    let nick = (!prefix.is_empty() && !prefix.contains(' ')).then_some(start..tab);
    (LineKind::Message, nick, body)
}

/// HexChat writes events and `/me` actions alike as `*<TAB>text`; the wording tells them apart.
fn event_or_action(line: &str, body: Range<usize>) -> (LineKind, Option<Range<usize>>, Range<usize>) {
    let text = &line[body.clone()];
    let first_word = word_at(line, body.start);
    if let Some(event) = event(text) {
        // Events about the channel (`Topic for #c is: …`) or the user (`You have left …`) name no one.
        let names_someone = !text.starts_with("Topic for ") && !text.starts_with("You ");
        return (LineKind::System(event), first_word.filter(|_| names_someone), body);
    }
    if is_client_message(text) {
        return (LineKind::System(SystemEvent::Other), None, body);
    }
    match first_word {
        Some(nick) => {
            let action = skip_spaces(line, nick.end)..body.end;
            (LineKind::Action, Some(nick), action)
        }
        None => (LineKind::System(SystemEvent::Other), None, body),
    }
}

/// HexChat's English event texts.
fn event(text: &str) -> Option<SystemEvent> {
    const WORDINGS: [(&str, SystemEvent); 16] = [
        (" has joined", SystemEvent::Join),
        (" has left", SystemEvent::Part),
        ("You have left channel", SystemEvent::Part),
        (" has quit", SystemEvent::Quit),
        (" is now known as ", SystemEvent::NickChange),
        ("You are now known as ", SystemEvent::NickChange),
        (" has kicked ", SystemEvent::Kick),
        (" has changed the topic to", SystemEvent::Topic),
        ("Topic for ", SystemEvent::Topic),
        (" sets mode ", SystemEvent::Mode),
        (" gives channel operator status to ", SystemEvent::Mode),
        (" removes channel operator status from ", SystemEvent::Mode),
        (" gives voice to ", SystemEvent::Mode),
        (" removes voice from ", SystemEvent::Mode),
        (" sets ban on ", SystemEvent::Mode),
        (" removes ban on ", SystemEvent::Mode),
    ];
    WORDINGS.iter().find(|(wording, _)| text.contains(wording)).map(|(_, event)| *event)
}

/// Lines HexChat itself writes after `*`: connection and server notes, not anyone's action.
fn is_client_message(text: &str) -> bool {
    const OPENINGS: [&str; 14] = [
        "Now talking on ",
        "Disconnected",
        "Cannot join ",
        "Connecting to ",
        "Connected.",
        "Looking up ",
        "Retrieving ",
        "Loaded log from",
        "You're not ",
        "You are not ",
        "Channel ",
        "Users on ",
        "***",
        "[",
    ];
    // `#chan :You're not a channel operator`: a server reply about a channel.
    OPENINGS.iter().any(|opening| text.starts_with(opening)) || text.starts_with('#')
}
