//! Eggdrop's channel logfile: `[HH:MM:SS] <nick> text`, `nick (user@host) joined #chan.`,
//! `left irc: reason`, `Action: nick text`, `Nick change: a -> b`, `--- Wed Jan  2 2013` day changes,
//! and the bot's own console lines (`Backing up user file...`).

use std::ops::Range;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::bracketed::{bracketed_clock, irc_reading};
use crate::parse::shapes::irc::{after_spaces, word_at};
use crate::parse::shapes::time::weekday_month_day_year;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct EggdropReader;

impl Reader for EggdropReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(stamp) = bracketed_clock(line) else { return Reading::raw(line) };
        let text_start = stamp.rest_start;
        let text = &line[text_start..];
        let shift = |range: Range<usize>| text_start + range.start..text_start + range.end;
        let reading = |kind: LineKind, nick: Option<Range<usize>>, body: Range<usize>, confidence: u8| Reading {
            kind,
            date: None,
            time: Some(stamp.time),
            nick: nick.map(shift),
            body: shift(body),
            confidence,
        };
        if text.starts_with('<') {
            if let Some(message) = irc_reading(line, text_start, Some(stamp.time), 1) {
                return message;
            }
        }
        if let Some(day) = text.strip_prefix("--- ").and_then(weekday_month_day_year) {
            context.date = Some(day);
            return Reading { date: Some(day), ..reading(LineKind::Header, None, 0..text.len(), 2) };
        }
        if text.starts_with("Action: ") {
            return match word_at(text, "Action: ".len()) {
                Some(nick) => reading(LineKind::Action, Some(nick.clone()), after_spaces(text, nick.end), 2),
                None => reading(LineKind::System(SystemEvent::Other), None, 0..text.len(), 1),
            };
        }
        if let Some((event, nick)) = event(text) {
            return reading(LineKind::System(event), nick, 0..text.len(), 2);
        }
        if let Some((nick, body)) = notice(text) {
            return reading(LineKind::Notice, Some(nick), body, 2);
        }
        // The bot's own console lines; any bracketed log could have such a line.
        reading(LineKind::System(SystemEvent::Other), None, 0..text.len(), 0)
    }
}

/// Where `suffix`, a tail of `text`, starts.
fn start_of(text: &str, suffix: &str) -> usize {
    text.len() - suffix.len()
}

/// Eggdrop's channel events: the event and the nick it is about.
fn event(text: &str) -> Option<(SystemEvent, Option<Range<usize>>)> {
    if let Some(change) = text.strip_prefix("Nick change: ") {
        return Some((SystemEvent::NickChange, word_at(text, start_of(text, change))));
    }
    if let Some(topic) = text.strip_prefix("Topic changed on ") {
        // `Topic changed on #chan by nick!user@host: text`; a server sets it `by irc.host:`.
        let start = start_of(text, topic) + topic.find(" by ")? + " by ".len();
        let end = text[start..].find(['!', ':', ' ']).map_or(text.len(), |at| start + at);
        return Some((SystemEvent::Topic, (end > start).then_some(start..end)));
    }
    let subject = word_at(text, 0)?;
    let after_subject = &text[subject.end..];
    if let Some(mode) = after_subject.strip_prefix(" mode change '").filter(|_| text[subject.clone()].ends_with(':')) {
        // `#chan: mode change '+o nick' by setter!user@host`: the setter is the subject.
        let start = start_of(text, mode) + mode.rfind("' by ")? + "' by ".len();
        let end = text[start..].find(['!', ' ']).map_or(text.len(), |at| start + at);
        return Some((SystemEvent::Mode, (end > start).then_some(start..end)));
    }
    if after_subject.starts_with(" kicked from ") {
        return Some((SystemEvent::Kick, Some(subject)));
    }
    // `nick (user@host) joined #chan.` and the other events that name the user's host.
    let host = after_subject.strip_prefix(" (")?;
    let verb = &host[host.find(") ")? + ") ".len()..];
    const VERBS: [(&str, SystemEvent); 6] = [
        ("joined ", SystemEvent::Join),
        ("left irc:", SystemEvent::Quit),
        ("left ", SystemEvent::Part),
        ("got netsplit", SystemEvent::Quit),
        ("got lost in the net-split", SystemEvent::Quit),
        ("returned to ", SystemEvent::Join),
    ];
    let (_, event) = VERBS.iter().find(|(wording, _)| verb.starts_with(wording))?;
    Some((*event, Some(subject)))
}

/// `-nick (user@host)- text` and `-nick (user@host) to #chan- text`.
fn notice(text: &str) -> Option<(Range<usize>, Range<usize>)> {
    let nick = word_at(text, 1).filter(|_| text.starts_with('-'))?;
    let after_nick = text[nick.end..].strip_prefix(" (")?;
    let body_start = start_of(text, after_nick) + after_nick.find("- ")? + "- ".len();
    Some((nick, after_spaces(text, body_start)))
}
