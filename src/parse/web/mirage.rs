//! The MirageOS meeting log, as published (`DD-MM-YYYY HH:MM nick text`) and as its Canopy source.
//!
//! The published page starts with a header block (title, "Written by", "Classified under",
//! "Published"); the Canopy source starts with `---` front matter and writes
//! `` `DD-MM-YYYY HH:MM`   `nick`   text ``. Later files paste other clients' lines, which are
//! read with the shared IRC shapes.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::LineKind;
use crate::parse::shapes::irc::{after_spaces, skip_spaces, utterance, word_at};
use crate::parse::shapes::time::{clock, day_month_year, year_month_day};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct MirageReader {
    in_front_matter: bool,
    /// The file is a Canopy article (it had front matter): prose around the chat is its text.
    is_article: bool,
    /// Inside a Markdown code fence, where people pasted other clients' logs.
    in_fence: bool,
    seen_message: bool,
    /// The line above was part of a message, so an unmarked line continues it.
    in_message: bool,
}

impl Reader for MirageReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            self.in_message = false;
            return Reading::blank(line);
        }
        if let Some(reading) = self.header(line, context) {
            return reading;
        }
        // Outside a fence, an article's `* text` is a Markdown bullet, not an action.
        let untimed_paste_allowed = self.in_fence || !self.is_article;
        if let Some(mut reading) = message(line).or_else(|| pasted_irc_line(line, untimed_paste_allowed)) {
            self.seen_message = true;
            self.in_message = reading.kind.is_spoken();
            if reading.date.is_some() {
                context.date = reading.date;
            }
            mark_action(line, &mut reading);
            return reading;
        }
        if is_markup(line) {
            self.in_message = false;
            if line.trim_start().starts_with("```") {
                self.in_fence = !self.in_fence;
            }
            return Reading::whole(LineKind::Header, line, 0);
        }
        if self.in_message {
            // A hard-wrapped message: the rest of the paragraph.
            return Reading::whole(LineKind::Continuation, line, 0);
        }
        let looks_like_a_broken_message = line.starts_with(|c: char| c == '`' || c.is_ascii_digit());
        if !self.seen_message || (self.is_article && !self.in_fence && !looks_like_a_broken_message) {
            // The page's own text: a preamble, or an article's notes between pasted logs.
            // Any prose reads like this, so it is no evidence for the format.
            return Reading::whole(LineKind::Header, line, 0);
        }
        Reading::raw(line)
    }
}

impl MirageReader {
    /// The page header or the Canopy front matter, which come before any message.
    fn header(&mut self, line: &str, context: &mut Context) -> Option<Reading> {
        if self.seen_message {
            return None;
        }
        let trimmed = line.trim_end();
        if trimmed == "---" {
            self.in_front_matter = !self.in_front_matter;
            self.is_article = true;
            return Some(Reading::whole(LineKind::Header, line, 2));
        }
        let meta = &mut context.meta;
        if self.in_front_matter {
            if let Some((key, value)) = trimmed.split_once(':') {
                let value = value.trim();
                match key.trim() {
                    "title" => read_title(value, context),
                    "author" => meta.author = Some(value.to_owned()),
                    "tags" => meta.tags = value.split(',').map(|tag| tag.trim().to_owned()).collect(),
                    _ => {}
                }
            }
            return Some(Reading::whole(LineKind::Header, line, 2));
        }
        if starts_with_ignoring_case(trimmed, "irc discussions from ") {
            read_title(trimmed, context);
        } else if let Some(author) = trimmed.strip_prefix("Written by ") {
            meta.author = Some(author.trim().to_owned());
        } else if let Some(tags) = trimmed.strip_prefix("Classified under:") {
            meta.tags = tags.split_whitespace().map(str::to_owned).collect();
        } else if let Some(dates) = trimmed.strip_prefix("Published:") {
            let dates = dates.trim();
            meta.published = year_month_day(dates.as_bytes());
            meta.updated = dates
                .find("last updated:")
                .and_then(|at| year_month_day(dates[at + "last updated:".len()..].trim_start().as_bytes()));
        } else {
            return None;
        }
        Some(Reading::whole(LineKind::Header, line, 2))
    }
}

/// `Irc discussions from #mirage on 29-06-2016`: the title, and from it the channel and date.
fn read_title(title: &str, context: &mut Context) {
    let meta = &mut context.meta;
    meta.title = Some(title.to_owned());
    meta.channel = title.split_whitespace().find(|word| word.starts_with('#')).map(str::to_owned);
    meta.date = title.split_whitespace().rev().find_map(|word| day_month_year(word.as_bytes()));
    context.date = context.date.or(meta.date);
}

/// The format's own message lines, published or Canopy.
fn message(line: &str) -> Option<Reading> {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b'`') {
        // `DD-MM-YYYY HH:MM`   `nick`   text
        let date = day_month_year(&bytes[1..])?;
        let (time, length) = clock(bytes.get(12..)?)?;
        let after_stamp = 12 + length;
        if bytes.get(after_stamp) != Some(&b'`') {
            return None;
        }
        let (nick, body) = backticked_nick_and_body(line, skip_spaces(line, after_stamp + 1))?;
        return Some(spoken(Some(date), time, nick, body));
    }
    if let Some(date) = day_month_year(bytes) {
        // DD-MM-YYYY HH:MM nick text
        if bytes.get(10) != Some(&b' ') {
            return None;
        }
        let (time, length) = clock(&bytes[11..])?;
        let nick = word_at(line, skip_spaces(line, 11 + length)).filter(|nick| nick.start > 11 + length)?;
        let body = after_spaces(line, nick.end);
        return Some(spoken(Some(date), time, nick, body));
    }
    // HH:MM   `nick`   text, a hand-written variant with no date.
    let (time, length) = clock(bytes)?;
    let (nick, body) = backticked_nick_and_body(line, skip_spaces(line, length))?;
    Some(spoken(None, time, nick, body))
}

/// `` `nick`   text ``. The nick is a Markdown code span, so a nick holding a backtick is
/// written with two: ``` ``Algebr` `` ```.
fn backticked_nick_and_body(line: &str, start: usize) -> Option<(Range<usize>, Range<usize>)> {
    if line.as_bytes().get(start) != Some(&b'`') {
        return None;
    }
    let (span, end) = code_span(line, start).or_else(|| naively_backticked(line, start))?;
    // Nicks hold no spaces; the bot padded ``` ``Algebr` `` ``` on one side only.
    let nick_text = &line[span.clone()];
    let nick = span.start + (nick_text.len() - nick_text.trim_start().len())..span.end - (nick_text.len() - nick_text.trim_end().len());
    (!nick.is_empty()).then(|| (nick, after_spaces(line, end)))
}

/// The first bot's `` `Algebr`` ``: one backtick each side, whatever the nick holds, so the span
/// ends at the backtick that is followed by a space.
fn naively_backticked(line: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let bytes = line.as_bytes();
    let content_start = start + 1;
    let close = (content_start + 1..bytes.len()).find(|&at| bytes[at] == b'`' && bytes.get(at + 1).is_none_or(|b| b.is_ascii_whitespace()))?;
    Some((content_start..close, close + 1))
}

/// A Markdown code span starting at `start`: its content (one padding space trimmed from each
/// side when both have one) and the index just past its closing backticks.
fn code_span(line: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let bytes = line.as_bytes();
    let fence = bytes.get(start..)?.iter().take_while(|b| **b == b'`').count();
    if fence == 0 {
        return None;
    }
    let content_start = start + fence;
    let mut at = content_start;
    while at < bytes.len() {
        let run = bytes[at..].iter().take_while(|b| **b == b'`').count();
        if run == fence {
            let mut content = content_start..at;
            let padded = content.len() >= 2 && bytes[content.start] == b' ' && bytes[content.end - 1] == b' ';
            if padded {
                content = content.start + 1..content.end - 1;
            }
            return (!content.is_empty()).then_some((content, at + run));
        }
        at += run.max(1);
    }
    None
}

/// Lines from other clients pasted into a Mirage log: `[HH:MM] <nick> text`, `HH:MM * nick text`,
/// and, where `untimed_allowed`, `<nick> text`.
fn pasted_irc_line(line: &str, untimed_allowed: bool) -> Option<Reading> {
    let bytes = line.as_bytes();
    let (time, rest_start) = if bytes.first() == Some(&b'[') {
        let (time, length) = clock(&bytes[1..])?;
        if bytes.get(1 + length) != Some(&b']') {
            return None;
        }
        (Some(time), skip_spaces(line, length + 2))
    } else if let Some((time, length)) = clock(bytes) {
        (Some(time), skip_spaces(line, length))
    } else if untimed_allowed {
        (None, 0)
    } else {
        return None;
    };
    let said = utterance(&line[rest_start..])?;
    let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
    // Evidence of nothing Mirage-specific: many formats write these shapes.
    Some(Reading { kind: said.kind, date: None, time, nick: said.nick.map(shift), body: shift(said.body), confidence: 0 })
}

fn spoken(date: Option<NaiveDate>, time: chrono::NaiveTime, nick: Range<usize>, body: Range<usize>) -> Reading {
    Reading { kind: LineKind::Message, date, time: Some(time), nick: Some(nick), body, confidence: 2 }
}

/// The published logs write actions as `/me waves` (raw CTCP actions are handled for every format).
fn mark_action(line: &str, reading: &mut Reading) {
    if reading.kind == LineKind::Message && line[reading.body.clone()].starts_with("/me ") {
        reading.kind = LineKind::Action;
        reading.body.start += "/me ".len();
    }
}

/// Markdown structure around pasted logs: code fences, rules, headings.
fn is_markup(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with("```") || trimmed == "<hr>" || trimmed.starts_with('#') && !trimmed.starts_with("#topic")
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: a time followed by a multi-byte character, and a backtick later on,
    /// sliced the line inside that character.
    #[test]
    fn a_time_before_a_wide_character_is_not_a_backticked_nick() {
        assert_eq!(message("0:17\u{ff}a:\u{fb}0:17a:\u{ff}\u{ff}`"), None);
        assert_eq!(message("15:01 \u{e9}`nick`   text"), None);
    }
}
