//! The parsed log: the source text kept once, and one `Line` of spans into it per source line.

mod format;
mod shown;

pub use format::Format;
pub use shown::{Shown, ShownSpans, ShownTable, ShownTableBuilder};

use std::ops::Range;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveTime, Timelike};

/// A whole parsed log. Built by [`crate::parse::parse`]; never mutated afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// The decoded source text, held once. Every `Span` points into it.
    pub text: Rc<str>,
    pub format: Format,
    pub meta: Meta,
    /// Exactly one entry per source line, in source order.
    pub lines: Vec<Line>,
    pub diagnostics: Vec<Diagnostic>,
    /// Texts shown instead of the source's where it is escaped or marked up (HTML entities, JSON
    /// strings, HTML bodies reduced to text, display names looked up elsewhere); `Line::shown`
    /// indexes it. Empty for plain-text formats.
    pub shown: ShownTable,
    /// Replies the file states itself (TopAnswers `replyID`, the `_r` addressee of WHATWG-style
    /// pages, Matrix `m.in_reply_to`): `(reply, replied-to)` as 0-based line indices, by reply.
    /// The replied-to line comes first, unless the log runs newest first (`meta.newest_first`).
    pub explicit_replies: Vec<(u32, u32)>,
    /// The file's own line ids (`l-12` in MeetBot and WHATWG-style pages) with the 0-based line
    /// each names, so links into the old archive still land.
    pub aliases: Vec<(Box<str>, u32)>,
    /// For a file written newest first (`Meta::newest_first`): the first line of each of its
    /// blocks (a record, a page of the dump), ascending from 0. Views show the blocks from the
    /// last to the first, each in source order; empty for a file that reads in order.
    pub newest_first_blocks: Vec<u32>,
    /// The file's own parts, in order: the name and first line (0-based) of each chat of a
    /// Telegram account's export, each channel of a Slack export. The agenda lists them.
    pub parts: Vec<(Box<str>, u32)>,
}

impl Log {
    /// A log of no lines: what the page shows before its first log arrives.
    pub fn empty() -> Log {
        Log {
            text: Rc::from(""),
            format: Format::PlainText,
            meta: Meta::default(),
            lines: Vec::new(),
            diagnostics: Vec::new(),
            shown: ShownTable::default(),
            explicit_replies: Vec::new(),
            aliases: Vec::new(),
            newest_first_blocks: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The whole source line, without its line ending.
    pub fn source(&self, line: &Line) -> &str {
        self.slice(line.span)
    }

    /// The speaker as shown: decoded when the source escapes it.
    pub fn nick(&self, line: &Line) -> Option<&str> {
        match line.shown.and_then(|index| self.shown.nick(index.index())) {
            Some(nick) => Some(nick),
            None => line.nick.map(|span| self.slice(span)),
        }
    }

    /// What the line says, as shown: decoded or reduced to text when the source is markup.
    pub fn body(&self, line: &Line) -> &str {
        match line.shown.and_then(|index| self.shown.body(index.index())) {
            Some(body) => body,
            None => self.slice(line.body),
        }
    }

    /// The lines in the order they are shown, as ranges of 0-based indices: the whole file, or
    /// for a newest-first file its blocks from the last to the first.
    pub fn display_ranges(&self) -> Vec<Range<usize>> {
        let n_lines = self.lines.len();
        if self.newest_first_blocks.is_empty() {
            // One range: the whole log, in order.
            return std::iter::once(0..n_lines).collect();
        }
        let starts = self.newest_first_blocks.iter().map(|start| (*start as usize).min(n_lines));
        let ends = self.newest_first_blocks.iter().skip(1).map(|start| (*start as usize).min(n_lines)).chain([n_lines]);
        let mut ranges: Vec<Range<usize>> = starts.zip(ends).filter(|(start, end)| start < end).map(|(start, end)| start..end).collect();
        ranges.reverse();
        ranges
    }

    /// The spoken line after (`forward`) or before 1-based line `from` in the order shown, 1-based;
    /// `from` 0 is before the first line.
    pub fn step_spoken(&self, from: usize, forward: bool) -> Option<usize> {
        let spoken = |index: &usize| self.lines[*index].kind.is_spoken();
        if self.newest_first_blocks.is_empty() {
            return if forward {
                (from..self.lines.len()).find(spoken).map(|index| index + 1)
            } else {
                (0..from.saturating_sub(1).min(self.lines.len())).rev().find(spoken).map(|index| index + 1)
            };
        }
        let order: Vec<usize> = self.display_ranges().into_iter().flatten().collect();
        let at = from.checked_sub(1).and_then(|index| order.iter().position(|shown| *shown == index));
        if forward {
            order[at.map_or(0, |at| at + 1)..].iter().copied().find(spoken).map(|index| index + 1)
        } else {
            order[..at.unwrap_or(0)].iter().rev().copied().find(spoken).map(|index| index + 1)
        }
    }

    /// The 0-based line a file's own id (`l-12`) names.
    pub fn line_of_alias(&self, alias: &str) -> Option<usize> {
        self.aliases.iter().find(|(name, _)| &**name == alias).map(|(_, line)| *line as usize)
    }
}

/// A byte range into [`Log::text`]. `u32` keeps a line small; logs over 4 GiB are refused before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(range: Range<usize>) -> Span {
        Span { start: range.start as u32, end: range.end as u32 }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// One source line, classified.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The whole line, line ending excluded.
    pub span: Span,
    pub kind: LineKind,
    pub time: Option<Stamp>,
    pub nick: Option<Span>,
    /// What the line says, without time and nick; the whole line for header, blank and raw lines.
    pub body: Span,
    /// Where in [`Log::shown`] the text shown is, when it is not the source's.
    pub shown: Option<ShownIndex>,
}

/// An index into [`Log::shown`], stored plus one so that `Option<ShownIndex>` takes four bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownIndex(std::num::NonZeroU32);

impl ShownIndex {
    /// `None` past `u32::MAX - 1` entries, which a log under 4 GiB cannot reach.
    pub fn new(index: usize) -> Option<ShownIndex> {
        u32::try_from(index).ok().and_then(|index| index.checked_add(1)).and_then(std::num::NonZeroU32::new).map(ShownIndex)
    }

    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// Page metadata or a session marker.
    Header,
    Blank,
    Message,
    /// `/me` and `* nick does something`.
    Action,
    Notice,
    System(SystemEvent),
    /// A hard-wrapped or multi-line message's later lines; belongs to the message above.
    Continuation,
    /// Unrecognised: kept and shown verbatim.
    Raw,
    /// The structure of a structured export (HTML head, JSON brackets, a record's fields): shown muted.
    Markup,
}

impl LineKind {
    /// The stable name used in the JSON output and in CSS classes.
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Header => "header",
            LineKind::Blank => "blank",
            LineKind::Message => "message",
            LineKind::Action => "action",
            LineKind::Notice => "notice",
            LineKind::System(_) => "system",
            LineKind::Continuation => "continuation",
            LineKind::Raw => "raw",
            LineKind::Markup => "markup",
        }
    }

    /// Lines that someone said, as opposed to lines about the channel or the file.
    pub fn is_spoken(self) -> bool {
        matches!(self, LineKind::Message | LineKind::Action | LineKind::Notice)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SystemEvent {
    Join,
    Part,
    Quit,
    NickChange,
    Topic,
    Mode,
    Kick,
    Other,
}

impl SystemEvent {
    pub fn name(self) -> &'static str {
        match self {
            SystemEvent::Join => "join",
            SystemEvent::Part => "part",
            SystemEvent::Quit => "quit",
            SystemEvent::NickChange => "nick",
            SystemEvent::Topic => "topic",
            SystemEvent::Mode => "mode",
            SystemEvent::Kick => "kick",
            SystemEvent::Other => "other",
        }
    }
}

/// When a line was written, as far as the log says. Many formats give the time of day only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub date: Option<NaiveDate>,
    pub time: NaiveTime,
}

impl Stamp {
    /// ISO 8601: `2016-06-29T15:12:00` with a date, `15:12:00` without.
    pub fn iso(self) -> String {
        // Display, not `format("%…")`: chrono's strftime parser is heavy in the wasm bundle.
        let time = self.time.with_nanosecond(0).unwrap_or(self.time);
        match self.date {
            Some(date) => format!("{date}T{time}"),
            None => time.to_string(),
        }
    }

    /// `15:12`, as logs show the time.
    pub fn hours_minutes(self) -> String {
        format!("{:02}:{:02}", self.time.hour(), self.time.minute())
    }
}

/// As day number, seconds and nanoseconds: compact, and read back without chrono's parsers
/// (the parse worker sends the agenda's times this way).
impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use chrono::Datelike;
        let days = self.date.map(|date| date.num_days_from_ce());
        serde::Serialize::serialize(&(days, self.time.num_seconds_from_midnight(), self.time.nanosecond()), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        use serde::de::Error;
        let (days, seconds, nanoseconds): (Option<i32>, u32, u32) = serde::Deserialize::deserialize(deserializer)?;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanoseconds).ok_or_else(|| D::Error::custom("a time out of range"))?;
        let date = match days {
            Some(days) => Some(NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| D::Error::custom("a date out of range"))?),
            None => None,
        };
        Ok(Stamp { date, time })
    }
}

/// Page metadata, when the log has a header.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub channel: Option<String>,
    pub date: Option<NaiveDate>,
    pub author: Option<String>,
    pub published: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
    pub tags: Vec<String>,
    /// The file lists the newest message first; views show it oldest first.
    pub newest_first: bool,
    /// For an inferred format, the line shape learned from the file: `channel · date · [time] · <nick>`.
    pub line_shape: Option<String>,
}

/// A problem found while reading. Parsing never fails; it reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// 1-based source line.
    pub line: usize,
    pub kind: DiagnosticKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    /// The line was not valid UTF-8 and was decoded as windows-1252.
    Encoding,
    /// The clock goes backwards here.
    ClockJump,
    /// A NUL or other control byte that cannot be shown.
    ControlCharacter,
    /// The file was one line of JSON, laid out one field per line to be read; line numbers
    /// count the laid-out lines.
    LaidOut,
    /// A second record on a line that already holds one: shown in the line's text only.
    SharedLine,
}
