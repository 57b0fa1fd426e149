//! How the worker's messages are laid out as bytes: blocks of bytes in one piece, the log's
//! metadata with its dates as day numbers, and every line as a fixed-size record.

use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::model::{Line, LineKind, Meta, ShownSpans, ShownTable, Span, Stamp, SystemEvent};

/// A block of bytes: a file, a line table. In a message it travels out of band (see
/// [`super::wire`]), else as one block of bytes, never number by number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::wire::serialize_block(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
        super::wire::deserialize_block(deserializer).map(Bytes)
    }
}

/// Bytes shared with the rest of the page: written straight from the shared allocation, so
/// sending them makes no copy in wasm memory.
#[derive(Debug, Clone)]
pub struct SharedBytes(pub Rc<[u8]>);

impl Serialize for SharedBytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::wire::serialize_block(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for SharedBytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SharedBytes, D::Error> {
        super::wire::deserialize_shared_block(deserializer).map(SharedBytes)
    }
}


/// [`Meta`] with its dates as day numbers: read back without chrono's date parser, which
/// would otherwise be linked into the main app only for this.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WireMeta {
    pub title: Option<String>,
    pub channel: Option<String>,
    pub date: Option<i32>,
    pub author: Option<String>,
    pub published: Option<i32>,
    pub updated: Option<i32>,
    pub tags: Vec<String>,
    pub newest_first: bool,
    pub line_shape: Option<String>,
}

impl WireMeta {
    pub fn new(meta: Meta) -> WireMeta {
        let days = |date: Option<NaiveDate>| date.map(|date| date.num_days_from_ce());
        WireMeta {
            date: days(meta.date),
            published: days(meta.published),
            updated: days(meta.updated),
            title: meta.title,
            channel: meta.channel,
            author: meta.author,
            tags: meta.tags,
            newest_first: meta.newest_first,
            line_shape: meta.line_shape,
        }
    }

    /// The meta again; a day number out of range is dropped, not a panic.
    pub fn into_meta(self) -> Meta {
        let date = |days: Option<i32>| days.and_then(NaiveDate::from_num_days_from_ce_opt);
        Meta {
            date: date(self.date),
            published: date(self.published),
            updated: date(self.updated),
            title: self.title,
            channel: self.channel,
            author: self.author,
            tags: self.tags,
            newest_first: self.newest_first,
            line_shape: self.line_shape,
        }
    }
}


/// One line's record: span, kind, flags, nick, body, time of day (seconds, nanoseconds), date
/// (days from the common era), each little-endian.
pub const LINE_RECORD_BYTES: usize = 38;

const HAS_NICK: u8 = 1;
const HAS_TIME: u8 = 2;
const HAS_DATE: u8 = 4;

pub(super) const SYSTEM_EVENTS: [SystemEvent; 8] = [
    SystemEvent::Join,
    SystemEvent::Part,
    SystemEvent::Quit,
    SystemEvent::NickChange,
    SystemEvent::Topic,
    SystemEvent::Mode,
    SystemEvent::Kick,
    SystemEvent::Other,
];

fn kind_code(kind: LineKind) -> u8 {
    match kind {
        LineKind::Header => 0,
        LineKind::Blank => 1,
        LineKind::Message => 2,
        LineKind::Action => 3,
        LineKind::Notice => 4,
        LineKind::Continuation => 5,
        LineKind::Raw => 6,
        LineKind::Markup => 7,
        LineKind::System(event) => 8 + SYSTEM_EVENTS.iter().position(|known| *known == event).unwrap_or(7) as u8,
    }
}

fn kind_of(code: u8) -> Option<LineKind> {
    Some(match code {
        0 => LineKind::Header,
        1 => LineKind::Blank,
        2 => LineKind::Message,
        3 => LineKind::Action,
        4 => LineKind::Notice,
        5 => LineKind::Continuation,
        6 => LineKind::Raw,
        7 => LineKind::Markup,
        _ => LineKind::System(*SYSTEM_EVENTS.get(usize::from(code).checked_sub(8)?)?),
    })
}

/// The lines as fixed-size records: a tenth of a bincode'd `Vec<Line>`'s work to read back.
pub fn encode_lines(lines: &[Line]) -> Vec<u8> {
    let mut table = Vec::with_capacity(lines.len() * LINE_RECORD_BYTES);
    for line in lines {
        let nick = line.nick.unwrap_or_default();
        let flags = if line.nick.is_some() { HAS_NICK } else { 0 }
            | if line.time.is_some() { HAS_TIME } else { 0 }
            | if line.time.and_then(|stamp| stamp.date).is_some() { HAS_DATE } else { 0 };
        let (seconds, nanoseconds) = line.time.map_or((0, 0), |stamp| (stamp.time.num_seconds_from_midnight(), stamp.time.nanosecond()));
        let days = line.time.and_then(|stamp| stamp.date).map_or(0, |date| date.num_days_from_ce());
        for number in [line.span.start, line.span.end] {
            table.extend_from_slice(&number.to_le_bytes());
        }
        table.extend_from_slice(&[kind_code(line.kind), flags]);
        for number in [nick.start, nick.end, line.body.start, line.body.end, seconds, nanoseconds] {
            table.extend_from_slice(&number.to_le_bytes());
        }
        table.extend_from_slice(&days.to_le_bytes());
    }
    table
}

/// The lines back from [`encode_lines`], every span checked against `text`.
pub fn decode_lines(table: &[u8], text: &str) -> Result<Vec<Line>, String> {
    let broken = || "the parse worker sent a broken line table".to_owned();
    if !table.len().is_multiple_of(LINE_RECORD_BYTES) {
        return Err(broken());
    }
    let span = |record: &[u8], at: usize| -> Option<Span> {
        let number = |at: usize| u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]]);
        let span = Span { start: number(at), end: number(at + 4) };
        let fits = span.start <= span.end && text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize);
        fits.then_some(span)
    };
    table
        .chunks_exact(LINE_RECORD_BYTES)
        .map(|record| {
            let number = |at: usize| u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]]);
            let flags = record[9];
            let time = if flags & HAS_TIME != 0 {
                let time = NaiveTime::from_num_seconds_from_midnight_opt(number(26), number(30)).ok_or_else(broken)?;
                let date = if flags & HAS_DATE != 0 { Some(NaiveDate::from_num_days_from_ce_opt(number(34) as i32).ok_or_else(broken)?) } else { None };
                Some(Stamp { date, time })
            } else {
                None
            };
            Ok(Line {
                shown: None,
                span: span(record, 0).ok_or_else(broken)?,
                kind: kind_of(record[8]).ok_or_else(broken)?,
                time,
                nick: if flags & HAS_NICK != 0 { Some(span(record, 10).ok_or_else(broken)?) } else { None },
                body: span(record, 18).ok_or_else(broken)?,
            })
        })
        .collect()
}


/// A span a [`ShownSpans`] entry has not, in [`encode_shown_spans`].
const NO_SPAN: u32 = u32::MAX;

/// A shown-text table's entries as four little-endian `u32`s each: the speaker's start and end,
/// then the words', [`NO_SPAN`] for what the entry does not have.
pub fn encode_shown_spans(entries: &[ShownSpans]) -> Vec<u8> {
    let mut table = Vec::with_capacity(entries.len() * 16);
    for entry in entries {
        for span in [entry.nick, entry.body] {
            let (start, end) = span.map_or((NO_SPAN, NO_SPAN), |span| (span.start, span.end));
            table.extend_from_slice(&start.to_le_bytes());
            table.extend_from_slice(&end.to_le_bytes());
        }
    }
    table
}

/// The table back from its text and [`encode_shown_spans`], every span checked against the text.
pub fn decode_shown(text: Vec<u8>, spans: &[u8]) -> Result<ShownTable, String> {
    let broken = || "the parse worker sent a broken table of shown text".to_owned();
    let text = String::from_utf8(text).map_err(|_| broken())?;
    if !spans.len().is_multiple_of(16) {
        return Err(broken());
    }
    let entries = spans
        .chunks_exact(16)
        .map(|record| {
            let numbers = decode_u32s::<4>(record);
            let span = |at: usize| (numbers[at] != NO_SPAN).then(|| Span { start: numbers[at], end: numbers[at + 1] });
            ShownSpans { nick: span(0), body: span(2) }
        })
        .collect();
    ShownTable::new(text, entries).ok_or_else(broken)
}

/// Pairs of numbers (which line shows which entry) as little-endian `u32`s.
pub fn encode_pairs(pairs: impl Iterator<Item = (u32, u32)>) -> Vec<u8> {
    pairs.flat_map(|(first, second)| first.to_le_bytes().into_iter().chain(second.to_le_bytes())).collect()
}

/// The pairs back from [`encode_pairs`]; `None` for a table cut short.
pub fn decode_pairs(table: &[u8]) -> Option<impl Iterator<Item = (u32, u32)> + '_> {
    table.len().is_multiple_of(8).then(|| table.chunks_exact(8).map(|pair| {
        let [first, second] = decode_u32s::<2>(pair);
        (first, second)
    }))
}

fn decode_u32s<const N: usize>(bytes: &[u8]) -> [u32; N] {
    std::array::from_fn(|index| u32::from_le_bytes([bytes[4 * index], bytes[4 * index + 1], bytes[4 * index + 2], bytes[4 * index + 3]]))
}
