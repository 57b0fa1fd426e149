//! WeeChat's logger: `YYYY-MM-DD HH:MM:SS<TAB>prefix<TAB>message`, where the prefix is the nick or
//! `-->`, `<--`, `--`, ` *` for events and actions; and WeeChat 0.2's `YYYY Mon DD HH:MM:SS  --> …`
//! layout, whose event texts follow the user's language.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::irc::{skip_spaces, system_event, utterance, word_at};
use crate::parse::shapes::time::{clock, year_month_day};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct WeechatReader;

impl Reader for WeechatReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if line.starts_with("****") && line.trim_end().ends_with("****") {
            // `****  Beginning of log  2007 Sep 01 00:23:55  ****`
            return Reading::whole(LineKind::Header, line, 2);
        }
        if let Some(reading) = tab_separated(line) {
            context.date = reading.date.or(context.date);
            return reading;
        }
        if let Some(reading) = legacy(line) {
            context.date = reading.date.or(context.date);
            return reading;
        }
        if line.starts_with('#') {
            return Reading::whole(LineKind::Header, line, 0);
        }
        Reading::raw(line)
    }
}

/// `2019-06-18 18:01:51<TAB><therealprof><TAB>Let's get this meeting going.`
fn tab_separated(line: &str) -> Option<Reading> {
    let (stamp, rest) = line.split_once('\t')?;
    let (prefix, _) = rest.split_once('\t').unwrap_or((rest, ""));
    let bytes = stamp.as_bytes();
    let date = year_month_day(bytes)?;
    let (time, _) = clock(bytes.get(11..)?)?;
    let prefix_start = stamp.len() + 1;
    let message_start = (prefix_start + prefix.len() + 1).min(line.len());
    let message = message_start..line.len();
    let reading = |kind, nick: Option<Range<usize>>, body: Range<usize>| Reading { kind, date: Some(date), time: Some(time), nick, body, confidence: 2 };
    let event = |kind: SystemEvent| reading(LineKind::System(kind), word_at(line, message_start), message.clone());
    Some(match prefix.trim() {
        "-->" => event(SystemEvent::Join),
        "<--" => event(leaving(&line[message.clone()])),
        "--" | "=!=" | "" => {
            // Only a nick or topic change starts with a nick; `Mode #chan …`, `Topic for …` do not.
            let kind = channel_event(&line[message.clone()]);
            let names_someone = kind == SystemEvent::NickChange || (kind == SystemEvent::Topic && !line[message.clone()].starts_with("Topic "));
            let nick = names_someone.then(|| word_at(line, message_start)).flatten();
            reading(LineKind::System(kind), nick, message)
        }
        "*" => {
            let nick = word_at(line, message_start);
            let body = nick.as_ref().map_or(message.clone(), |nick| skip_spaces(line, nick.end)..line.len());
            reading(LineKind::Action, nick, body)
        }
        _ => reading(LineKind::Message, Some(nick_in_prefix(line, prefix_start..prefix_start + prefix.len())), message),
    })
}

/// The nick in a prefix column: `<nick>` or `@nick` or `nick`, without decoration or mode.
fn nick_in_prefix(line: &str, prefix: Range<usize>) -> Range<usize> {
    let text = &line[prefix.clone()];
    let start = prefix.start + text.len() - text.trim_start_matches(['<', ' ', '@', '+', '%', '~', '&']).len();
    let end = prefix.end - (text.len() - text.trim_end_matches(['>', ' ']).len());
    if start < end {
        start..end
    } else {
        prefix
    }
}

/// `--` lines: `Mode #chan [+o x] by y`, `Topic for #chan is "…"`, `Topic set by x`, or the
/// shared wordings (`x is now known as y`, `x has changed topic for #chan …`).
fn channel_event(text: &str) -> SystemEvent {
    if text.starts_with("Mode ") {
        SystemEvent::Mode
    } else if text.starts_with("Topic for ") || text.starts_with("Topic set by ") {
        SystemEvent::Topic
    } else {
        system_event(text)
    }
}

/// `<--` lines are parts or quits (or kicks); the wording decides, and a part is the default.
fn leaving(text: &str) -> SystemEvent {
    match system_event(text) {
        event @ (SystemEvent::Quit | SystemEvent::Kick) => event,
        _ => SystemEvent::Part,
    }
}

/// WeeChat 0.2: `2007 Sep 01 00:23:55  <root> Welcome`, `… --> nick (host) ist in den Channel …`.
fn legacy(line: &str) -> Option<Reading> {
    let (date, rest_start) = legacy_stamp(line)?;
    let (time, time_length) = clock(&line.as_bytes()[12..])?;
    let rest_start = skip_spaces(line, rest_start.max(12 + time_length));
    let rest = &line[rest_start..];
    let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
    let reading = |kind, nick: Option<Range<usize>>, body: Range<usize>| Reading { kind, date: Some(date), time: Some(time), nick, body, confidence: 2 };
    let marker_event = [("-->", SystemEvent::Join), ("<--", SystemEvent::Part), ("-=-", SystemEvent::Other), ("-@-", SystemEvent::Other)];
    if let Some((marker, event)) = marker_event.iter().find(|(marker, _)| rest.starts_with(marker)) {
        let body_start = skip_spaces(line, rest_start + marker.len());
        // `-->`/`<--` name who came or went; `-=-` and `-@-` lines are about the channel.
        let (event, nick) = match event {
            SystemEvent::Other => (legacy_event(&line[body_start..]), None),
            _ => (*event, word_at(line, body_start)),
        };
        return Some(reading(LineKind::System(event), nick, body_start..line.len()));
    }
    let said = utterance(rest)?;
    Some(reading(said.kind, said.nick.map(shift), shift(said.body)))
}

/// `2007 Sep 01 00:23:55`: the date, and where the time starts.
fn legacy_stamp(line: &str) -> Option<(NaiveDate, usize)> {
    let head = line.get(..12)?;
    let year: i32 = head.get(..4)?.parse().ok()?;
    let month = crate::parse::shapes::time::month_number(head.get(5..8)?.as_bytes())?;
    let day: u32 = head.get(9..11)?.parse().ok()?;
    (head.as_bytes()[4] == b' ' && head.as_bytes()[8] == b' ').then_some(())?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, 12))
}

/// 0.2 wrote events in the user's language; German is what the known logs use.
fn legacy_event(text: &str) -> SystemEvent {
    if text.starts_with("Modus") {
        SystemEvent::Mode
    } else if text.contains("Topic") {
        SystemEvent::Topic
    } else {
        system_event(text)
    }
}
