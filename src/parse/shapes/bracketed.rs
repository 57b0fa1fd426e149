//! The bracketed IRC family that Ubuntu's irclogs, mIRC, ZNC, eggdrop, Supybot and the plain logs
//! share: the `[HH:MM:SS]` clock, the IRC reading after it, events written as `*` actions, and
//! mIRC's `Session Start:` markers.

use std::ops::Range;

use chrono::NaiveTime;

use super::irc::{skip_spaces, utterance, word_at};
use super::time::clock;
use crate::model::{LineKind, SystemEvent};
use crate::parse::Reading;

/// `[HH:MM]` or `[HH:MM:SS]` at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BracketedClock {
    pub time: NaiveTime,
    pub has_seconds: bool,
    /// Where the text after the stamp and its spaces starts.
    pub rest_start: usize,
}

pub(crate) fn bracketed_clock(line: &str) -> Option<BracketedClock> {
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
pub(crate) fn irc_reading(line: &str, rest_start: usize, time: Option<NaiveTime>, confidence: u8) -> Option<Reading> {
    let rest = line.get(rest_start..)?;
    let said = utterance(rest)?;
    let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
    Some(Reading { kind: said.kind, date: None, time, nick: said.nick.map(shift), body: shift(said.body), confidence })
}

/// mIRC-style clients write channel events as actions (`* bob has joined #i2p`); read them as events.
pub(crate) fn star_events_as_system(line: &str, mut reading: Reading) -> Reading {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Session {
    Start,
    Close,
    Ident,
    /// A day change inside a session.
    Time,
}

/// `Session Start: Mon Dec 29 19:37:51 2014` and its kin: which marker, and the value after it.
pub(crate) fn session_marker(line: &str) -> Option<(Session, &str)> {
    const MARKERS: [(&str, Session); 4] = [
        ("Session Start:", Session::Start),
        ("Session Close:", Session::Close),
        ("Session Ident:", Session::Ident),
        ("Session Time:", Session::Time),
    ];
    MARKERS.iter().find_map(|(prefix, marker)| line.strip_prefix(prefix).map(|value| (*marker, value.trim())))
}

/// What a `* ...` line that is really a channel event says: the event, and its subject nick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StarEvent {
    pub event: SystemEvent,
    /// Relative to the text given to [`star_event`].
    pub nick: Option<Range<usize>>,
}

/// Reads the text after `* ` as mIRC's event wordings (`bob has joined #chan`, `Joins: bob (host)`,
/// `Now talking in #chan`); `None` for a real action.
pub(crate) fn star_event(text: &str) -> Option<StarEvent> {
    // Lines about your own client, with no subject nick.
    const CLIENT_LINES: [(&str, SystemEvent); 8] = [
        ("Now talking in ", SystemEvent::Join),
        ("Topic is ", SystemEvent::Topic),
        ("Set by ", SystemEvent::Topic),
        ("Disconnected", SystemEvent::Other),
        ("Attempting to rejoin", SystemEvent::Other),
        ("Rejoined channel", SystemEvent::Other),
        ("Retrieving #", SystemEvent::Other),
        ("You're not channel operator", SystemEvent::Other),
    ];
    // mIRC's short join/part/quit wordings name the subject second.
    const SHORT: [(&str, SystemEvent); 3] =
        [("Joins: ", SystemEvent::Join), ("Parts: ", SystemEvent::Part), ("Quits: ", SystemEvent::Quit)];
    // After the subject nick.
    const LONG: [(&str, SystemEvent); 8] = [
        (" has joined ", SystemEvent::Join),
        (" has left ", SystemEvent::Part),
        (" has quit IRC", SystemEvent::Quit),
        (" was kicked by ", SystemEvent::Kick),
        (" were kicked by ", SystemEvent::Kick),
        (" is now known as ", SystemEvent::NickChange),
        (" sets mode: ", SystemEvent::Mode),
        (" changes topic to ", SystemEvent::Topic),
    ];
    if let Some((_, event)) = CLIENT_LINES.iter().find(|(prefix, _)| text.starts_with(prefix)) {
        return Some(StarEvent { event: *event, nick: None });
    }
    if let Some((prefix, event)) = SHORT.iter().find(|(prefix, _)| text.starts_with(prefix)) {
        return Some(StarEvent { event: *event, nick: word_at(text, prefix.len()) });
    }
    let nick = word_at(text, 0)?;
    let after_nick = &text[nick.end..];
    let (_, event) = LONG.iter().find(|(wording, _)| after_nick.starts_with(wording))?;
    Some(StarEvent { event: *event, nick: Some(nick) })
}
