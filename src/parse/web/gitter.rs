//! Gitter room copies: `YYYY-MM-DD HH:MM:SS < nick > text`, with `# Day0` headings between days.
//!
//! A Gitter message may span several lines, even with blank lines inside it (lists, code
//! fences), so every unstamped line after a message continues it.

use chrono::{NaiveDate, NaiveTime};

use crate::model::LineKind;
use crate::parse::shapes::irc::{after_spaces, skip_spaces};
use crate::parse::shapes::time::{clock, year_month_day};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct GitterReader {
    seen_message: bool,
    /// A heading stands after a blank line (or first); inside a message `# x` is its text.
    previous_was_blank: bool,
    seen_line: bool,
}

impl Reader for GitterReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        let at_paragraph_start = self.previous_was_blank || !self.seen_line;
        self.seen_line = true;
        self.previous_was_blank = is_blank(line);
        if self.previous_was_blank {
            return Reading::blank(line);
        }
        if let Some(reading) = message(line) {
            self.seen_message = true;
            context.date = reading.date;
            return reading;
        }
        if at_paragraph_start && is_heading(line) {
            return Reading::whole(LineKind::Header, line, 1);
        }
        // A Gitter message is Markdown: it goes on over blank lines, which the parse loop's
        // continuation (up to a blank line) does not.
        if self.seen_message {
            return Reading::whole(LineKind::Continuation, line, 0);
        }
        Reading::raw(line)
    }
}

/// `YYYY-MM-DD HH:MM:SS < nick > text`; the spaces inside the brackets are Gitter's own.
fn message(line: &str) -> Option<Reading> {
    let (date, time, rest_start) = stamp(line)?;
    if !line[rest_start..].starts_with("< ") {
        return None;
    }
    let nick_start = skip_spaces(line, rest_start + 2);
    let nick = nick_start..nick_start + line[nick_start..].find(" >")?;
    if nick.is_empty() || line[nick.clone()].contains(char::is_whitespace) {
        return None;
    }
    let body = after_spaces(line, nick.end + " >".len());
    Some(Reading { kind: LineKind::Message, date: Some(date), time: Some(time), nick: Some(nick), body, confidence: 2 })
}

/// `YYYY-MM-DD HH:MM:SS `: the date, the time and where the rest starts.
fn stamp(line: &str) -> Option<(NaiveDate, NaiveTime, usize)> {
    let bytes = line.as_bytes();
    let date = year_month_day(bytes)?;
    if bytes.get(10) != Some(&b' ') {
        return None;
    }
    let (time, length) = clock(&bytes[11..])?;
    (bytes.get(11 + length) == Some(&b' ')).then_some((date, time, 12 + length))
}

/// `# Day0`, `# Day1`: a short Markdown heading the copier put before each day.
fn is_heading(line: &str) -> bool {
    line.strip_prefix("# ").is_some_and(|title| !title.trim().is_empty() && title.len() <= 40)
}
