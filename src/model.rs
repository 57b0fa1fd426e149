//! The parsed log: the source text kept once, and one `Line` of spans into it per source line.

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
}

impl Log {
    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The whole source line, without its line ending.
    pub fn source(&self, line: &Line) -> &str {
        self.slice(line.span)
    }

    pub fn nick(&self, line: &Line) -> Option<&str> {
        line.nick.map(|span| self.slice(span))
    }

    pub fn body(&self, line: &Line) -> &str {
        self.slice(line.body)
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

/// The log formats scrollback reads. Detection prefers the earlier of two equal scores, so the
/// specific formats come before the generic ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// The MirageOS meeting log, as published (`DD-MM-YYYY HH:MM nick text`) or as its Canopy source.
    MirageMeeting,
    /// irssi: `--- Log opened`, `HH:MM <@nick> text`, `-!-` events, custom timestamps.
    Irssi,
    /// WeeChat: `YYYY-MM-DD HH:MM:SS<TAB>nick<TAB>text`, `-->`/`<--`/`--` events; also 0.2's layout.
    Weechat,
    /// HexChat/XChat: `**** BEGIN LOGGING AT`, `Mon DD HH:MM:SS <nick><TAB>text`.
    Hexchat,
    /// ZNC/energymech: `[HH:MM:SS] <nick> text`, `*** Joins:`, `*** Quits:`.
    Znc,
    /// Eggdrop: `[HH:MM:SS] <nick> text`, `nick (user@host) joined #chan.`, `Action: nick text`.
    Eggdrop,
    /// Supybot/Limnoria ChannelLogger: `YYYY-MM-DDTHH:MM:SS  <nick> text`, `*** nick has joined`.
    Supybot,
    /// dircproxy: `@HH:MM <nick> text`-style proxy logs, as in irclog2html's tests.
    Dircproxy,
    /// mIRC: `Session Start:`, `[HH:MM] <nick> text`, CRLF, colour codes before the time.
    Mirc,
    /// Pidgin text: `(04:00:50 PM) nick: text`, a 12-hour clock.
    PidginText,
    /// Screen-style: `HH:MM  <right-aligned nick>| text`.
    PipeAligned,
    /// `[YYYY-MM-DD HH:MM:SS] <nick> text` bot loggers, events like `nick, joining.`, relays.
    BracketIso,
    /// W3C scribe logs: `[Tue 11:04:55] <nick><TAB>text` and ISO times with milliseconds.
    W3cScribe,
    /// Gitter copies: `YYYY-MM-DD HH:MM:SS < nick > text`.
    Gitter,
    /// The zig logger: epoch, nick, text and a blank line per message.
    ZigRecords,
    /// Madoka (a Japanese IRC proxy): `HH:MM <#chan:nick> text`, ISO-2022-JP.
    Madoka,
    /// `HH:MM:SS <nick> text` (one or two spaces), as MeetBot's `.log.txt` and many bots write.
    ClockIrc,
    /// `[HH:MM] <nick> text` with `=== ` system lines (Ubuntu irclogs, irc-disentanglement).
    BracketIrc,
    /// `<nick> text` with no time at all.
    PlainNick,
    /// Nothing matched: every non-blank line is raw.
    PlainText,
}

impl Format {
    pub const ALL: [Format; 20] = [
        Format::MirageMeeting,
        Format::Irssi,
        Format::Weechat,
        Format::Hexchat,
        Format::Znc,
        Format::Eggdrop,
        Format::Supybot,
        Format::Dircproxy,
        Format::Mirc,
        Format::PidginText,
        Format::PipeAligned,
        Format::BracketIso,
        Format::W3cScribe,
        Format::Gitter,
        Format::ZigRecords,
        Format::Madoka,
        Format::ClockIrc,
        Format::BracketIrc,
        Format::PlainNick,
        Format::PlainText,
    ];

    /// The stable identifier used by the CLI and `?format=`.
    pub fn id(self) -> &'static str {
        match self {
            Format::MirageMeeting => "mirage-meeting",
            Format::Irssi => "irssi",
            Format::Weechat => "weechat",
            Format::Hexchat => "hexchat",
            Format::Znc => "znc",
            Format::Eggdrop => "eggdrop",
            Format::Supybot => "supybot",
            Format::Dircproxy => "dircproxy",
            Format::Mirc => "mirc",
            Format::PidginText => "pidgin-text",
            Format::PipeAligned => "pipe-aligned",
            Format::BracketIso => "bracket-iso",
            Format::W3cScribe => "w3c-scribe",
            Format::Gitter => "gitter",
            Format::ZigRecords => "zig-records",
            Format::Madoka => "madoka",
            Format::ClockIrc => "clock-irc",
            Format::BracketIrc => "bracket-irc",
            Format::PlainNick => "plain-nick",
            Format::PlainText => "plain-text",
        }
    }

    /// What a person reads on the page.
    pub fn label(self) -> &'static str {
        match self {
            Format::MirageMeeting => "MirageOS meeting log",
            Format::Irssi => "irssi log",
            Format::Weechat => "WeeChat log",
            Format::Hexchat => "HexChat/XChat log",
            Format::Znc => "ZNC log",
            Format::Eggdrop => "Eggdrop log",
            Format::Supybot => "Supybot/Limnoria ChannelLogger log",
            Format::Dircproxy => "dircproxy log",
            Format::Mirc => "mIRC log",
            Format::PidginText => "Pidgin text log",
            Format::PipeAligned => "Pipe-aligned log",
            Format::BracketIso => "Bot log with ISO times",
            Format::W3cScribe => "W3C scribe log",
            Format::Gitter => "Gitter room copy",
            Format::ZigRecords => "One-field-per-line records",
            Format::Madoka => "Madoka log",
            Format::ClockIrc => "Timestamped IRC log",
            Format::BracketIrc => "Bracketed IRC log",
            Format::PlainNick => "IRC log without times",
            Format::PlainText => "Plain text",
        }
    }

    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.id() == id)
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
}
