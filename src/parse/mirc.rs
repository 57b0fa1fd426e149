//! mIRC logs: `Session Start:` blocks, `[HH:MM] <nick> text` (often after a colour code), CRLF,
//! and events written as actions (`* bob has joined #chan`). Also the date and wording helpers
//! the other readers of mIRC-like logs share.

use std::ops::Range;

use chrono::NaiveDate;

use super::bracket::{bracketed_clock, irc_reading, star_events_as_system};
use super::irc::word_at;
use super::time::month_number;
use super::{is_blank, Context, Reader, Reading};
use crate::model::{LineKind, SystemEvent};

#[derive(Debug, Default)]
pub struct MircReader {
    /// A `Session Start:` was read: what follows is surely mIRC's.
    in_session: bool,
}

impl Reader for MircReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        // mIRC colours a whole line by putting a colour code before its timestamp.
        let codes_end = crate::mirc::leading_codes_len(line);
        let text = &line[codes_end..];
        if let Some((marker, value)) = session_marker(text) {
            match marker {
                Session::Start | Session::Time => {
                    self.in_session |= marker == Session::Start;
                    context.date = weekday_month_day_year(value).or(context.date);
                    context.meta.date = context.meta.date.or(context.date);
                }
                Session::Ident => context.meta.channel = context.meta.channel.take().or_else(|| Some(value.to_owned())),
                Session::Close => {}
            }
            return Reading::whole(LineKind::Header, line, 2);
        }
        let Some(stamp) = bracketed_clock(text) else { return Reading::raw(line) };
        // Without a colour code or a session header, `[HH:MM] <nick>` could be any client's.
        let confidence = if codes_end > 0 || self.in_session { 2 } else { 1 };
        match irc_reading(line, codes_end + stamp.rest_start, Some(stamp.time), confidence) {
            Some(reading) => star_events_as_system(line, reading),
            None => Reading::raw(line),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Session {
    Start,
    Close,
    Ident,
    /// A day change inside a session.
    Time,
}

/// `Session Start: Mon Dec 29 19:37:51 2014` and its kin: which marker, and the value after it.
pub(super) fn session_marker(line: &str) -> Option<(Session, &str)> {
    const MARKERS: [(&str, Session); 4] = [
        ("Session Start:", Session::Start),
        ("Session Close:", Session::Close),
        ("Session Ident:", Session::Ident),
        ("Session Time:", Session::Time),
    ];
    MARKERS.iter().find_map(|(prefix, marker)| line.strip_prefix(prefix).map(|value| (*marker, value.trim())))
}

/// A ctime-like date: `Mon Dec 29 19:37:51 2014`, or eggdrop's `Wed Jan  2 2013` with no time.
pub(super) fn weekday_month_day_year(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_ascii_whitespace();
    let _weekday = words.next()?;
    let month = month_number(words.next()?.as_bytes())?;
    let day = words.next()?.parse().ok()?;
    let year = words.find(|word| !word.contains(':'))?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}



/// What a `* ...` line that is really a channel event says: the event, and its subject nick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StarEvent {
    pub event: SystemEvent,
    /// Relative to the text given to [`star_event`].
    pub nick: Option<Range<usize>>,
}

/// Reads the text after `* ` as mIRC's event wordings (`bob has joined #chan`, `Joins: bob (host)`,
/// `Now talking in #chan`); `None` for a real action.
pub(super) fn star_event(text: &str) -> Option<StarEvent> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ctime_dates() {
        let date = NaiveDate::from_ymd_opt;
        assert_eq!(weekday_month_day_year("Mon Dec 29 19:37:51 2014"), date(2014, 12, 29));
        assert_eq!(weekday_month_day_year("Wed Jan  2 2013"), date(2013, 1, 2));
        assert_eq!(weekday_month_day_year("Wed Foo  2 2013"), None);
        assert_eq!(weekday_month_day_year(""), None);
    }
}
