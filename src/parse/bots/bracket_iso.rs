//! Bot logs with ISO times: `[YYYY-MM-DD HH:MM:SS]` before `nick: text`, `<nick> text` or an event.
//!
//! Three loggers write this stamp: a Cinch-style bot (`nick: text`, `nick, joining. (#chan)`,
//! `*nick shrugs'`), a Telegram relay (`<SITCON-tgBot>: <user>: text`; the relay bot stays the
//! nick and `<user>: text` is the body) and an IRCCloud-like export (`→ nick joined (host)`,
//! `⇐ nick quit`, `← nick left`, `— nick hugs`, `* a → b`, `# 2017-08-24` day headings, CRLF).

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{after_spaces, skip_spaces, system_event, utterance, word_at};
use crate::parse::shapes::time::{clock, year_month_day};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct BracketIsoReader;

impl Reader for BracketIsoReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Some(date) = day_heading(line) {
            context.date = Some(date);
            return Reading::whole(LineKind::Header, line, 1);
        }
        let Some((date, time, rest_start)) = stamp(line) else {
            return Reading::raw(line);
        };
        context.date = Some(date);
        let rest = &line[rest_start..];
        let Some((kind, nick, body)) = after_stamp(rest) else {
            return Reading { kind: LineKind::Raw, date: Some(date), time: Some(time), nick: None, body: 0..line.len(), confidence: 1 };
        };
        let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
        // No other format brackets a full ISO date and time with a space.
        Reading { kind, date: Some(date), time: Some(time), nick: nick.map(shift), body: shift(body), confidence: 2 }
    }
}

/// `[YYYY-MM-DD HH:MM:SS] `: the date, the time and where the rest starts.
fn stamp(line: &str) -> Option<(NaiveDate, NaiveTime, usize)> {
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'[') || bytes.get(11) != Some(&b' ') {
        return None;
    }
    let date = year_month_day(&bytes[1..])?;
    let (time, length) = clock(&bytes[12..])?;
    if bytes.get(12 + length) != Some(&b']') {
        return None;
    }
    Some((date, time, skip_spaces(line, 13 + length)))
}

/// `# 2017-08-24`, the IRCCloud-like export's heading before each day.
fn day_heading(line: &str) -> Option<NaiveDate> {
    let heading = line.strip_prefix("# ")?.trim();
    (heading.len() == 10).then(|| year_month_day(heading.as_bytes())).flatten()
}

type Parts = (LineKind, Option<Range<usize>>, Range<usize>);

/// What follows the stamp, with ranges relative to `rest`.
fn after_stamp(rest: &str) -> Option<Parts> {
    if rest.starts_with('<') {
        let said = utterance(rest)?;
        let nick = said.nick?;
        // The relay writes `<bot>: <user>: text`; the colon is not part of the text.
        let close = nick.end + rest[nick.end..].find('>')?;
        let body = if rest[close + 1..].starts_with(':') { after_spaces(rest, close + 2) } else { said.body };
        return Some((LineKind::Message, Some(nick), body));
    }
    if let Some(parts) = arrow_event(rest) {
        return Some(parts);
    }
    if let Some(text) = rest.strip_prefix("* ") {
        return Some(star_line(rest, rest.len() - text.len()));
    }
    if let Some(text) = rest.strip_prefix('*') {
        // The Cinch-style bot writes `*nick shrugs'`, closing with a stray quote.
        let nick = word_at(rest, 1)?;
        let end = if text.ends_with('\'') { rest.len() - 1 } else { rest.len() };
        return Some((LineKind::Action, Some(nick.clone()), skip_spaces(rest, nick.end).min(end)..end));
    }
    let word = word_at(rest, 0)?;
    let first = &rest[word.clone()];
    if let Some(nick) = first.strip_suffix(':') {
        return Some((LineKind::Message, Some(0..nick.len()), after_spaces(rest, word.end)));
    }
    if let Some(nick) = first.strip_suffix(',') {
        let event = comma_event(&rest[word.end..]);
        return Some((LineKind::System(event), Some(0..nick.len()), 0..rest.len()));
    }
    None
}

/// `nick, joining. (#chan)`, `nick, quitting. (reason)`, `nick, changing nick to x.`
fn comma_event(wording: &str) -> SystemEvent {
    const WORDINGS: [(&str, SystemEvent); 8] = [
        ("joining", SystemEvent::Join),
        ("leaving", SystemEvent::Part),
        ("parting", SystemEvent::Part),
        ("quitting", SystemEvent::Quit),
        ("changing nick", SystemEvent::NickChange),
        ("changing topic", SystemEvent::Topic),
        ("setting mode", SystemEvent::Mode),
        ("kicking", SystemEvent::Kick),
    ];
    let wording = wording.trim_start();
    WORDINGS.iter().find(|(start, _)| wording.starts_with(start)).map_or(SystemEvent::Other, |(_, event)| *event)
}

/// IRCCloud's arrows: `→ nick joined (host)`, `→ Joined channel #c`, `⇐ nick quit (host): why`,
/// `← nick left (host): why`; and `— nick hugs`, its action.
fn arrow_event(rest: &str) -> Option<Parts> {
    const ARROWS: [(&str, Option<SystemEvent>); 4] =
        [("→ ", Some(SystemEvent::Join)), ("⇐ ", Some(SystemEvent::Quit)), ("← ", Some(SystemEvent::Part)), ("— ", None)];
    let (arrow, event) = ARROWS.iter().find(|(arrow, _)| rest.starts_with(arrow))?;
    let body = after_spaces(rest, arrow.len());
    let nick = word_at(rest, body.start);
    let Some(arrow_event) = event else {
        return Some((LineKind::Action, nick.clone(), nick.map_or(body.clone(), |nick| after_spaces(rest, nick.end))));
    };
    let Some(nick) = nick else {
        return Some((LineKind::System(*arrow_event), None, body));
    };
    if rest[nick.clone()].starts_with("Joined") {
        // `→ Joined channel #HITCON`: the logger's own join names no one.
        return Some((LineKind::System(SystemEvent::Join), None, body));
    }
    let event = match word_at(rest, skip_spaces(rest, nick.end)).map(|verb| &rest[verb]) {
        Some("joined") => SystemEvent::Join,
        Some("quit") => SystemEvent::Quit,
        Some("left" | "parted") => SystemEvent::Part,
        _ => match system_event(&rest[body.clone()]) {
            SystemEvent::Other => *arrow_event,
            named => named,
        },
    };
    Some((LineKind::System(event), Some(nick), body))
}

/// `* a → b` (a nick change), `* op set +o x`, `* op set the topic to …`, `* Channel mode is +cnt`,
/// and otherwise `* nick action`. `text_start` is where the text after `* ` starts.
fn star_line(rest: &str, text_start: usize) -> Parts {
    let body = after_spaces(rest, text_start);
    let Some(nick) = word_at(rest, body.start) else {
        return (LineKind::System(SystemEvent::Other), None, body);
    };
    let after_nick = &rest[skip_spaces(rest, nick.end)..];
    let event = if after_nick.starts_with("→ ") {
        Some(SystemEvent::NickChange)
    } else if after_nick.starts_with("set the topic") {
        Some(SystemEvent::Topic)
    } else if after_nick.starts_with("set +") || after_nick.starts_with("set -") {
        Some(SystemEvent::Mode)
    } else if &rest[nick.clone()] == "Channel" || &rest[nick.clone()] == "You" {
        return (LineKind::System(SystemEvent::Other), None, body);
    } else {
        None
    };
    match event {
        Some(event) => (LineKind::System(event), Some(nick), body),
        None => (LineKind::Action, Some(nick.clone()), after_spaces(rest, nick.end)),
    }
}
