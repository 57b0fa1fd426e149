//! The #zig logger's records: a line of Unix epoch seconds, a line with the nick, the message's
//! lines, then a blank line.
//!
//! Each source line stays one model line, and a reader sees lines in order, so a record is
//! split this way: the epoch line is a `Header` carrying the record's UTC date and time; the
//! nick line is the `Message` (its nick the line, its body empty, its time the epoch's); the
//! message's lines are `Continuation`s of it. A record with an empty message has only the
//! blank line after the nick.

use chrono::{DateTime, NaiveDateTime};

use crate::model::LineKind;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct ZigRecordsReader {
    expecting: Expecting,
    /// The time of the record being read, from its epoch line.
    record_time: Option<NaiveDateTime>,
    seen_record: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Expecting {
    /// At the start of the file or after a blank line.
    #[default]
    Epoch,
    Nick,
    Text,
}

impl Reader for ZigRecordsReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            self.expecting = Expecting::Epoch;
            return Reading::blank(line);
        }
        match self.expecting {
            Expecting::Epoch => match epoch(line) {
                Some(moment) => {
                    self.expecting = Expecting::Nick;
                    self.record_time = Some(moment);
                    self.seen_record = true;
                    context.date = Some(moment.date());
                    Reading { date: Some(moment.date()), time: Some(moment.time()), ..Reading::whole(LineKind::Header, line, 2) }
                }
                // Text after a blank line inside one message.
                None if self.seen_record => Reading::whole(LineKind::Continuation, line, 0),
                None => Reading::raw(line),
            },
            Expecting::Nick => {
                self.expecting = Expecting::Text;
                if line.contains(char::is_whitespace) {
                    return Reading::whole(LineKind::Continuation, line, 0);
                }
                Reading {
                    kind: LineKind::Message,
                    date: self.record_time.map(|moment| moment.date()),
                    time: self.record_time.map(|moment| moment.time()),
                    nick: Some(0..line.len()),
                    body: line.len()..line.len(),
                    confidence: 2,
                }
            }
            // Any text is a message's text: it is evidence only in its place in a record.
            Expecting::Text => Reading::whole(LineKind::Continuation, line, 1),
        }
    }
}

/// A line of Unix epoch seconds (ten digits from 2001 to 2286, nine before) or milliseconds.
fn epoch(line: &str) -> Option<NaiveDateTime> {
    let digits = line.trim_end();
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let number: i64 = digits.parse().ok()?;
    let moment = match digits.len() {
        9 | 10 => DateTime::from_timestamp(number, 0)?,
        12 | 13 => DateTime::from_timestamp_millis(number)?,
        _ => return None,
    };
    Some(moment.naive_utc())
}
