//! What crosses the parse worker's boundary, in plain Rust: the request (the file's bytes), the
//! replies (progress, then the parsed log in a compact form, or why the file is no log), and
//! which files are worth a worker at all. The browser glue only moves these messages.

use std::borrow::Cow;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::input::prepare;
use crate::model::{Diagnostic, Format, Line, LineKind, Log, Meta, Shown, Span, Stamp, SystemEvent};
use crate::parse::{decode, detect, Parser};
use crate::speakers::Roster;

/// Bytes serialised as one block (for bincode: a length, then a copy), not number by number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}

struct BytesVisitor;

impl<'de> serde::de::Visitor<'de> for BytesVisitor {
    type Value = Bytes;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("bytes")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
        Ok(Bytes(bytes.to_vec()))
    }

    fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Bytes, E> {
        Ok(Bytes(bytes))
    }
}

/// Bytes shared with the rest of the page: serialised as one block straight from the shared
/// allocation, so sending them makes no copy in wasm memory.
#[derive(Debug, Clone)]
pub struct SharedBytes(pub Rc<[u8]>);

impl Serialize for SharedBytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedBytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SharedBytes, D::Error> {
        Bytes::deserialize(deserializer).map(|bytes| SharedBytes(Rc::from(bytes.0)))
    }
}

/// The main thread to its one worker, which lives as long as the page: every log is parsed
/// there, so the main app carries no reader, thread model or agenda finder.
#[derive(Debug, Serialize, Deserialize)]
pub enum ToWorker {
    /// Parse this file, dropping any job still running: the newest file wins.
    Parse(ParseRequest),
    /// Stop job `job`, if it is still the one running.
    Cancel { job: u32 },
}

/// Parse this file.
#[derive(Debug, Serialize, Deserialize)]
pub struct ParseRequest {
    /// Chosen by the page; every reply names it, so a late reply to an old job is ignored.
    pub job: u32,
    pub file_name: String,
    /// The format forced by `?format=`; `None` detects one.
    pub format: Option<Format>,
    /// The file as dropped; the main thread keeps it, the worker gets a copy.
    pub bytes: SharedBytes,
    /// Diagnostics of an earlier decoding, for a re-read of text already decoded once.
    pub notes: Vec<Diagnostic>,
}

/// The worker to the main thread, about job `job`.
#[derive(Debug, Serialize, Deserialize)]
pub struct FromWorker {
    pub job: u32,
    pub reply: ParseReply,
}

/// Progress as the parse goes, then one `Parsed` and one `Analysed`, or one `Refused`.
#[derive(Debug, Serialize, Deserialize)]
pub enum ParseReply {
    /// Bytes of text read so far, out of all.
    Progress { read: u64, total: u64 },
    Parsed(Box<ParsedLog>),
    /// Then, after the rows are on the page: the threads and agenda, found in the worker.
    Analysed(Box<Analyses>),
    /// Instead of `Parsed`: the file was MeetBot's minutes of the log the page has open.
    MinutesOfOpenLog(Box<MinutesOfOpenLog>),
    /// Why the file is not opened (empty, binary, a broken gzip), in words for the page.
    Refused(String),
}

/// A parsed log without its text, which the main thread already has. Whatever else is computed
/// when a log opens (thread or agenda analysis) belongs here too, as compact fields, so that it
/// is computed in the worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParsedLog {
    pub format: Format,
    /// What detection chose; differs from `format` when one was forced.
    pub detected_format: Format,
    pub meta: WireMeta,
    pub diagnostics: Vec<Diagnostic>,
    /// The lines, [`LINE_RECORD_BYTES`] each: see [`encode_lines`].
    pub lines: Bytes,
    /// What structured exports show in place of the source's text, and which line shows which.
    pub shown: Vec<Shown>,
    pub line_shown: Vec<(u32, u32)>,
    /// The replies an export states, its own line ids, and a newest-first file's blocks.
    pub explicit_replies: Vec<(u32, u32)>,
    pub aliases: Vec<(Box<str>, u32)>,
    pub newest_first_blocks: Vec<u32>,
    /// Who spoke, found here so the page never walks a big log's lines for it.
    pub roster: Roster,
    /// The decoded text, only when it is not the request's bytes as they were: another
    /// encoding, a byte-order mark, gzip.
    pub text: Option<String>,
    /// For the benchmark: milliseconds the worker spent preparing, decoding and parsing, and
    /// its wasm memory then.
    pub parse_ms: f64,
    /// Of that, the milliseconds spent reading lines (the parse proper).
    pub read_ms: f64,
    /// Of that, the milliseconds spent building this reply (line table, roster): the rest is
    /// what a native `parse` does (unpack, check, decode, detect, read).
    pub reply_ms: f64,
    pub memory_bytes: u64,
}

impl ParsedLog {
    /// The log's text: `bytes`, shared without a copy once checked to be UTF-8, unless the
    /// worker sent the decoded text.
    pub fn take_text(&mut self, bytes: Rc<[u8]>) -> Result<Rc<str>, String> {
        match self.text.take() {
            Some(text) => Ok(Rc::from(text)),
            None => decode::shared_plain_utf8(bytes).map_err(|_| "the parse worker did not send the decoded text".to_owned()),
        }
    }

    /// The log again, over `text` (from [`ParsedLog::take_text`]), and its roster. A malformed
    /// reply is an error, never a panic.
    pub fn into_log(self, text: Rc<str>) -> Result<(Log, Roster), String> {
        let mut lines = decode_lines(&self.lines.0, &text)?;
        for &(line, shown) in &self.line_shown {
            let fits = (line as usize) < lines.len() && (shown as usize) < self.shown.len();
            if !fits {
                return Err("the parse worker sent a broken table of shown text".to_owned());
            }
            lines[line as usize].shown = crate::model::ShownIndex::new(shown as usize);
        }
        let n_lines = lines.len() as u32;
        let in_log = |line: &u32| *line < n_lines;
        if !self.explicit_replies.iter().all(|(reply, parent)| in_log(reply) && in_log(parent)) || !self.aliases.iter().all(|(_, line)| in_log(line)) || !self.newest_first_blocks.iter().all(in_log) {
            return Err("the parse worker sent lines that are not in the log".to_owned());
        }
        if !self.roster.is_whole() {
            return Err("the parse worker sent a broken roster".to_owned());
        }
        let log = Log {
            text,
            format: self.format,
            meta: self.meta.into_meta(),
            lines,
            diagnostics: self.diagnostics,
            shown: self.shown,
            explicit_replies: self.explicit_replies,
            aliases: self.aliases,
            newest_first_blocks: self.newest_first_blocks,
        };
        Ok((log, self.roster))
    }
}

/// The analyses of a parsed log, done in the worker so the page never runs them over a big log:
/// the threads as `Threads::to_bytes`, the agenda as it is (a few entries per section).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analyses {
    pub threads: Bytes,
    pub agenda: crate::agenda::Agenda,
    /// Where the agenda came from MeetBot's minutes, opened just before this log.
    pub minutes: Option<MinutesNote>,
    /// For the benchmark: milliseconds the worker spent on each.
    pub threads_ms: f64,
    pub agenda_ms: f64,
}

/// Which minutes gave a log its agenda, and how much of them the log has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesNote {
    pub file_name: String,
    /// Topics, items, start and end found on the log's lines.
    pub placed: u32,
    /// What the log does not have, as the minutes wrote it.
    pub unplaced: Vec<String>,
}

/// The worker's answer to minutes of the log the page has open: their agenda over that log,
/// which the page keeps showing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MinutesOfOpenLog {
    pub agenda: crate::agenda::Agenda,
    pub note: MinutesNote,
    /// The open log as the worker has it (text bytes, lines), for the page to check it is the same.
    pub log_text_bytes: u64,
    pub log_lines: u32,
}

/// A log the worker read before, kept to lay minutes over it (or it over its minutes).
pub struct PreviousLog {
    pub file_name: String,
    pub log: Log,
}

impl PreviousLog {
    /// `minutes` (just parsed) laid over this log, when they are its minutes.
    pub fn minutes_of_it(&self, minutes_name: &str, minutes: &Log) -> Option<MinutesOfOpenLog> {
        let linked = crate::agenda::link_minutes(minutes, &self.log)?;
        Some(MinutesOfOpenLog {
            note: MinutesNote { file_name: minutes_name.to_owned(), placed: linked.placed as u32, unplaced: linked.unplaced },
            agenda: linked.agenda,
            log_text_bytes: self.log.text.len() as u64,
            log_lines: self.log.lines.len() as u32,
        })
    }

    /// `analyses` of a newly parsed `log`, with this log's agenda when this log is its minutes.
    pub fn lay_over(&self, log: &Log, analyses: &mut Analyses) {
        if let Some(linked) = crate::agenda::link_minutes(&self.log, log) {
            analyses.minutes = Some(MinutesNote { file_name: self.file_name.clone(), placed: linked.placed as u32, unplaced: linked.unplaced });
            analyses.agenda = linked.agenda;
        }
    }
}

impl MinutesOfOpenLog {
    /// The agenda, checked against the page's open log: the same log, and every line in it.
    pub fn checked(self, log: &Log) -> Result<(crate::agenda::Agenda, MinutesNote), String> {
        let same_log = self.log_text_bytes == log.text.len() as u64 && self.log_lines as usize == log.lines.len();
        if !same_log {
            return Err("these minutes were laid over another log than the one shown".to_owned());
        }
        if !self.agenda.fits(log.lines.len()) {
            return Err("the parse worker sent an agenda that does not fit the log".to_owned());
        }
        Ok((self.agenda, self.note))
    }
}

impl Analyses {
    /// Finds the threads and the agenda of `log`, timing them with `now_ms`.
    pub fn of(log: &Log, now_ms: &dyn Fn() -> f64) -> Analyses {
        let started = now_ms();
        let threads = Bytes(crate::thread::analyse(log).to_bytes());
        let threads_done = now_ms();
        let agenda = crate::agenda::analyse(log);
        Analyses { threads, agenda, minutes: None, threads_ms: threads_done - started, agenda_ms: now_ms() - threads_done }
    }

    /// The threads and agenda back, checked against a log of `n_lines` lines: a malformed reply
    /// is an error, never a panic.
    pub fn checked(self, n_lines: usize) -> Result<(crate::thread::Threads, crate::agenda::Agenda, Option<MinutesNote>), String> {
        let threads = crate::thread::Threads::from_bytes(&self.threads.0, n_lines).ok_or("the parse worker sent broken threads")?;
        if !self.agenda.fits(n_lines) {
            return Err("the parse worker sent an agenda that does not fit the log".to_owned());
        }
        Ok((threads, self.agenda, self.minutes))
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

/// A parse in the worker, from the request to the reply, a slice at a time.
pub struct WorkerParse {
    parser: Parser,
    decoding: Vec<Diagnostic>,
    detected_format: Format,
    /// The request's own bytes as text, when that is what is parsed: then the page has it.
    request_text: Option<Rc<str>>,
}

impl WorkerParse {
    /// Unpacks, checks and decodes the request's bytes, and detects the format.
    pub fn begin(request: ParseRequest) -> Result<WorkerParse, String> {
        let refused = |problem: crate::input::InputProblem| format!("{}: {problem}", request.file_name);
        let unpacked = match prepare(&request.bytes.0).map_err(refused)? {
            Cow::Borrowed(_) => None,
            Cow::Owned(unpacked) => Some(unpacked),
        };
        let (bytes, text_is_request) = match unpacked {
            Some(unpacked) => (Rc::from(unpacked), false),
            None => (request.bytes.0, true),
        };
        let address = Rc::as_ptr(&bytes) as *const u8;
        let mut decoded = decode::decode_shared(bytes);
        decoded.diagnostics.extend(request.notes);
        // Plain UTF-8 keeps the allocation; anything decoded is new text the main thread lacks.
        let request_text = (text_is_request && decoded.text.as_ptr() == address).then(|| Rc::clone(&decoded.text));
        let detected_format = detect(&decoded.text);
        let parser = Parser::new(decoded.text, Some(&request.file_name), Some(request.format.unwrap_or(detected_format)));
        Ok(WorkerParse { parser, decoding: decoded.diagnostics, detected_format, request_text })
    }

    /// Reads about `budget` more bytes; true once the whole text is read.
    pub fn read(&mut self, budget: usize) -> bool {
        self.parser.read(budget)
    }

    pub fn progress(&self) -> ParseReply {
        let (read, total) = self.parser.progress();
        ParseReply::Progress { read: read as u64, total: total as u64 }
    }

    /// The reply for the page, and the log, which the worker keeps to analyse next. `now_ms`
    /// times the reply's building (table, roster), which a native parse does not do.
    pub fn finish(self, now_ms: &dyn Fn() -> f64) -> (ParsedLog, Log) {
        let log = self.parser.finish(self.decoding);
        let reply_started = now_ms();
        let line_shown = log.lines.iter().enumerate().filter_map(|(index, line)| line.shown.map(|shown| (index as u32, shown.index() as u32))).collect();
        let parsed = ParsedLog {
            shown: log.shown.clone(),
            line_shown,
            explicit_replies: log.explicit_replies.clone(),
            aliases: log.aliases.clone(),
            newest_first_blocks: log.newest_first_blocks.clone(),
            roster: Roster::new(&log),
            format: log.format,
            detected_format: self.detected_format,
            lines: Bytes(encode_lines(&log.lines)),
            // A reader may read other text than the request's (a minified export laid out).
            text: (!self.request_text.is_some_and(|request| Rc::ptr_eq(&request, &log.text))).then(|| log.text.to_string()),
            meta: WireMeta::new(log.meta.clone()),
            diagnostics: log.diagnostics.clone(),
            parse_ms: 0.0,
            read_ms: 0.0,
            reply_ms: 0.0,
            memory_bytes: 0,
        };
        (ParsedLog { reply_ms: now_ms() - reply_started, ..parsed }, log)
    }
}

/// One line's record: span, kind, flags, nick, body, time of day (seconds, nanoseconds), date
/// (days from the common era), each little-endian.
pub const LINE_RECORD_BYTES: usize = 38;

const HAS_NICK: u8 = 1;
const HAS_TIME: u8 = 2;
const HAS_DATE: u8 = 4;

const SYSTEM_EVENTS: [SystemEvent; 8] = [
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_file;

    /// Runs the worker's side with a tiny budget, then the main thread's, as the browser would.
    fn through_the_worker(name: &str, bytes: &[u8], format: Option<Format>) -> Result<(Log, ParsedLog), String> {
        through_the_worker_with_notes(name, bytes, format, Vec::new()).map(|(log, _, parsed)| (log, parsed))
    }

    fn through_the_worker_with_notes(name: &str, bytes: &[u8], format: Option<Format>, notes: Vec<Diagnostic>) -> Result<(Log, Roster, ParsedLog), String> {
        let request = ParseRequest { job: 7, file_name: name.to_owned(), format, bytes: SharedBytes(Rc::from(bytes)), notes };
        let mut parse = WorkerParse::begin(request)?;
        let mut progress = Vec::new();
        while !parse.read(16) {
            progress.push(parse.progress());
        }
        assert!(bytes.len() < 64 || !progress.is_empty(), "progress is reported");
        let (parsed, _) = parse.finish(&|| 0.0);
        let mut reply = parsed.clone();
        let text = reply.take_text(Rc::from(bytes))?;
        let (log, roster) = reply.into_log(text)?;
        Ok((log, roster, parsed))
    }

    const LOG: &str = "Irc discussions from #mirage on 29-06-2016\n\n29-06-2016 15:12 alice hi \u{e9}\n29-06-2016 15:13 bob * waves\n29-06-2016 12:00 carol back in time\n";

    #[test]
    fn a_utf8_log_comes_back_equal_and_its_text_is_not_sent_back() {
        let (log, parsed) = through_the_worker("29-06-2016.txt", LOG.as_bytes(), None).unwrap();
        assert_eq!(log, parse_file(LOG.as_bytes(), Some("29-06-2016.txt"), None));
        assert!(parsed.text.is_none(), "the main thread already has the text");
        assert_eq!(parsed.lines.0.len(), log.lines.len() * LINE_RECORD_BYTES);
    }

    #[test]
    fn an_inferred_log_comes_back_with_its_line_shape() {
        let text = "rust 2018-05-29 [21:20:37] <ann> hi\nrust 2018-05-29 [21:20:41] <bob> ann: hello\nrust 2018-05-29 [21:20:50] <ann> bob: news?\n";
        let (log, parsed) = through_the_worker("rust.log", text.as_bytes(), None).unwrap();
        assert_eq!(log, parse_file(text.as_bytes(), Some("rust.log"), None));
        assert_eq!((log.format, parsed.detected_format), (Format::Inferred, Format::Inferred));
        assert_eq!(log.meta.line_shape.as_deref(), Some("channel · date · [time] · <nick>"));
    }

    /// A Matrix dump: display names and JSON-escaped bodies are shown text, and a reply is stated.
    const MATRIX: &str = concat!(
        r#"{"@a:example.org":"Alice","@b:example.org":"Bob"}"#, "\n",
        r#"{"origin_server_ts":1643377279000,"event_id":"$1","sender":"@a:example.org","type":"m.room.message","content":{"msgtype":"m.text","body":"caf\u00e9 \"quoted\""}}"#, "\n",
        r#"{"origin_server_ts":1643377300000,"event_id":"$2","sender":"@b:example.org","type":"m.room.message","content":{"msgtype":"m.text","body":"agreed","m.relates_to":{"m.in_reply_to":{"event_id":"$1"}}}}"#, "\n",
    );

    #[test]
    fn a_structured_export_comes_back_with_its_shown_text_and_stated_replies() {
        let (log, parsed) = through_the_worker("room.json", MATRIX.as_bytes(), None).unwrap();
        assert_eq!(log, parse_file(MATRIX.as_bytes(), Some("room.json"), None));
        assert_eq!(log.nick(&log.lines[1]), Some("Alice"));
        assert_eq!(log.body(&log.lines[1]), "café \"quoted\"");
        assert_eq!(log.explicit_replies, vec![(2, 1)]);
        assert!(!parsed.shown.is_empty() && !parsed.line_shown.is_empty());
        let mut broken = parsed.clone();
        broken.line_shown.push((0, 9999));
        let text = broken.take_text(Rc::from(MATRIX.as_bytes())).unwrap();
        assert!(broken.into_log(text).is_err(), "a shown index out of range is an error, not a panic");
    }

    #[test]
    fn the_threads_and_agenda_are_found_in_the_worker_and_checked_on_the_way_back() {
        let log = parse_file(crate::demo::DEMO_LOG.as_bytes(), Some("demo.txt"), None);
        let analyses = Analyses::of(&log, &|| 0.0);
        let (threads, agenda, _) = analyses.clone().checked(log.lines.len()).unwrap();
        assert_eq!(threads, crate::thread::analyse(&log));
        assert_eq!(agenda, crate::agenda::analyse(&log));
        assert!(agenda.sections.len() >= 4);
        let mut cut = analyses.clone();
        cut.threads.0.truncate(cut.threads.0.len() - 4);
        assert!(cut.checked(log.lines.len()).is_err(), "short threads are refused");
        assert!(analyses.clone().checked(log.lines.len() + 1).is_err(), "threads for another log are refused");
        let mut far = analyses;
        far.agenda.items.push(crate::agenda::Item { line: 1_000_000, kind: crate::agenda::ItemKind::Info, text: String::new(), owners: Vec::new() });
        assert!(far.checked(log.lines.len()).is_err(), "an agenda past the log is refused");
    }

    #[test]
    fn decoded_text_comes_back_when_it_is_not_the_bytes() {
        let latin = b"[10:00] <a> it\x92s\n[10:01] <b> ok\n";
        let (log, parsed) = through_the_worker("a.log", latin, None).unwrap();
        assert_eq!(log, parse_file(latin, Some("a.log"), None));
        assert_eq!(parsed.text.as_deref(), Some("[10:00] <a> it\u{2019}s\n[10:01] <b> ok\n"));

        let mut packed = Vec::new();
        let mut encoder = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
        std::io::Write::write_all(&mut encoder, LOG.as_bytes()).unwrap();
        encoder.finish().unwrap();
        let (log, _) = through_the_worker("m.log.gz", &packed, Some(Format::PlainText)).unwrap();
        assert_eq!(&*log.text, LOG);
        assert_eq!(log.format, Format::PlainText);
    }

    #[test]
    fn a_forced_format_keeps_the_detected_one() {
        let (log, parsed) = through_the_worker("m.txt", LOG.as_bytes(), Some(Format::PlainText)).unwrap();
        assert_eq!((log.format, parsed.detected_format), (Format::PlainText, Format::MirageMeeting));
    }

    #[test]
    fn what_is_no_log_is_refused_with_its_name() {
        let error = through_the_worker("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).unwrap_err();
        assert_eq!(error, "x.png: This looks like a PNG image, not a chat log");
    }

    #[test]
    fn every_kind_and_stamp_survives_the_table() {
        let text = "0123456789abcdef";
        let date = NaiveDate::from_ymd_opt(2016, 6, 29);
        let time = NaiveTime::from_hms_milli_opt(15, 12, 3, 250).unwrap();
        let kinds = [LineKind::Header, LineKind::Blank, LineKind::Message, LineKind::Action, LineKind::Notice, LineKind::Continuation, LineKind::Raw, LineKind::Markup]
            .into_iter()
            .chain(SYSTEM_EVENTS.map(LineKind::System));
        let lines: Vec<Line> = kinds
            .enumerate()
            .map(|(index, kind)| Line {
                shown: None,
                span: Span::new(0..index),
                kind,
                time: (index % 3 > 0).then_some(Stamp { date: date.filter(|_| index % 3 == 2), time }),
                nick: (index % 2 == 0).then_some(Span::new(1..2)),
                body: Span::new(index..index + 1),
            })
            .collect();
        assert_eq!(decode_lines(&encode_lines(&lines), text), Ok(lines));
    }

    #[test]
    fn a_broken_table_is_an_error_not_a_panic() {
        let line = Line { span: Span::new(0..4), kind: LineKind::Message, time: None, nick: None, body: Span::new(2..4), shown: None };
        let table = encode_lines(&[line]);
        assert!(decode_lines(&table[..10], "abcd").is_err());
        assert!(decode_lines(&table, "ab").is_err(), "a span past the text");
        assert!(decode_lines(&table, "a\u{e9}d").is_err(), "a span inside a character");
        let mut bad_kind = table.clone();
        bad_kind[8] = 99;
        assert!(decode_lines(&bad_kind, "abcd").is_err());
    }

    #[test]
    fn the_roster_is_found_in_the_worker_and_a_broken_one_is_refused() {
        let (log, roster, parsed) = through_the_worker_with_notes("29-06-2016.txt", LOG.as_bytes(), None, Vec::new()).unwrap();
        assert_eq!(roster, Roster::new(&log));
        assert_eq!(roster.ranked().iter().map(|speaker| speaker.nick.as_str()).collect::<Vec<_>>(), ["alice", "bob", "carol"]);
        let mut broken = parsed;
        broken.roster = serde_json::from_str(r#"{"people":[],"by_nick":{"alice":3}}"#).unwrap();
        let text = broken.take_text(Rc::from(LOG.as_bytes())).unwrap();
        assert_eq!(broken.into_log(text).unwrap_err(), "the parse worker sent a broken roster");
    }

    const MEETING: &str = "10:00:02 <ann> #startmeeting weekly\n10:00:10 <ann> #topic Release\n10:00:20 <bob> ok\n10:01:00 <ann> #agreed ship it\n10:02:00 <ann> #endmeeting\n";
    const MEETING_MINUTES: &str = "=====\n#chan: weekly\n=====\n\nMeeting started by ann at 10:00:02 UTC.\n\nMeeting summary\n---------------\n* Release  (ann, 10:00:10)\n  * AGREED: ship it  (ann, 10:01:00)\n\nMeeting ended at 10:02:00 UTC.\n";

    #[test]
    fn minutes_of_the_open_log_come_back_as_its_agenda_and_are_checked_against_it() {
        let log = parse_file(MEETING.as_bytes(), None, None);
        let minutes = parse_file(MEETING_MINUTES.as_bytes(), None, None);
        let previous = PreviousLog { file_name: "weekly.log.txt".to_owned(), log: log.clone() };
        let reply = previous.minutes_of_it("weekly.txt", &minutes).expect("the minutes of that log");
        assert_eq!((reply.note.file_name.as_str(), reply.note.placed), ("weekly.txt", 2));
        let (agenda, _) = reply.clone().checked(&log).expect("the same log");
        assert_eq!(agenda.sections[0].how, crate::agenda::Boundary::Minutes);
        assert!(reply.checked(&parse_file(b"10:00:00 <x> another log\n", None, None)).is_err(), "not over another log");
        assert!(previous.minutes_of_it("other.txt", &log).is_none(), "a log is no minutes");

        // The other way round: minutes open, then their log.
        let previous = PreviousLog { file_name: "weekly.txt".to_owned(), log: minutes };
        let mut analyses = Analyses::of(&log, &|| 0.0);
        previous.lay_over(&log, &mut analyses);
        assert_eq!(analyses.minutes.as_ref().map(|note| note.file_name.as_str()), Some("weekly.txt"));
        assert_eq!(analyses.agenda.items.len(), 1);
    }

    #[test]
    fn a_laid_out_export_sends_its_laid_out_text() {
        let minified = br#"[{"id":1,"username":"ann","date":"2021-03-03T01:44:06Z","html":"<p>hi</p>"}]"#;
        let (log, parsed) = through_the_worker("chat.json", minified, None).unwrap();
        assert_eq!(log, parse_file(minified, Some("chat.json"), None));
        assert_eq!(parsed.text.as_deref(), Some(&*log.text), "the page lacks the laid-out text");
        assert_eq!(log.lines.len(), 8);
    }

    #[test]
    fn a_re_read_keeps_what_the_first_decoding_said() {
        let (first, _) = through_the_worker("latin.log", b"[10:00] <a> caf\xe9\n", None).unwrap();
        let notes: Vec<Diagnostic> = first.diagnostics.iter().filter(|diagnostic| diagnostic.kind == crate::model::DiagnosticKind::Encoding).cloned().collect();
        assert!(!notes.is_empty(), "windows-1252 is said: {:?}", first.diagnostics);
        let (again, _, _) = through_the_worker_with_notes("latin.log", first.text.as_bytes(), Some(Format::PlainText), notes.clone()).unwrap();
        assert!(notes.iter().all(|note| again.diagnostics.contains(note)), "{:?}", again.diagnostics);
        assert_eq!(again.format, Format::PlainText);
    }
}
