//! The worker's side of a parse: the request unpacked, decoded and read a slice at a time, the
//! text the page lacks sent ahead of the lines, and the reply built from the log.

use std::borrow::Cow;
use std::rc::Rc;

use super::{encode_lines, encode_pairs, encode_shown_spans, Bytes, ParseReply, ParseRequest, ParsedLog, SharedBytes, WireMeta};
use crate::input::head::{prepare_folder_head, prepare_head};
use crate::input::{prepare, prepare_folder};
use crate::model::{Diagnostic, Format, Log};
use crate::parse::{decode, detect, Parser};
use crate::speakers::Roster;

/// A folder's files out of the one block they were sent in (see [`ParseRequest::folder`]).
pub(super) fn folder_files<'a>(bytes: &'a [u8], folder: &[(String, u32)]) -> Vec<(String, &'a [u8])> {
    let mut start = 0;
    let mut files = Vec::with_capacity(folder.len());
    for (path, length) in folder {
        let end = (start + *length as usize).min(bytes.len());
        files.push((path.clone(), &bytes[start..end]));
        start = end;
    }
    files
}

/// A parse in the worker, from the request to the reply, a slice at a time.
pub struct WorkerParse {
    parser: Parser,
    decoding: Vec<Diagnostic>,
    detected_format: Format,
    /// The request's own bytes as text, when that is what is parsed: then the page has it.
    request_text: Option<Rc<str>>,
    /// The text went to the page already ([`WorkerParse::text_for_page`]).
    text_sent: bool,
}

impl WorkerParse {
    /// Unpacks, checks and decodes the request's bytes, and detects the format.
    pub fn begin(request: ParseRequest) -> Result<WorkerParse, String> {
        let refused = |problem: crate::input::InputProblem| format!("{}: {problem}", request.file_name);
        let prepared = match request.folder.is_empty() {
            true => prepare(&request.bytes.0),
            false => prepare_folder(folder_files(&request.bytes.0, &request.folder)).map(Cow::Owned),
        };
        let unpacked = match prepared {
            _ if request.demo => Some(crate::demo::DEMO_LOG.as_bytes().to_vec()),
            Err(problem) => return Err(refused(problem)),
            Ok(Cow::Borrowed(_)) => None,
            Ok(Cow::Owned(unpacked)) => Some(unpacked),
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
        Ok(WorkerParse { parser, decoding: decoded.diagnostics, detected_format, request_text, text_sent: false })
    }

    /// This parse, replying with its text even when it is the request's bytes: the page does
    /// not have the bytes of a log the worker holds (an archive's).
    pub fn sending_text(self) -> WorkerParse {
        WorkerParse { request_text: None, ..self }
    }

    /// The text to send the page before the lines are read, once, if the page lacks it: then
    /// the reply does not carry it.
    pub fn text_for_page(&mut self) -> Option<SharedBytes> {
        let text = self.parser.text();
        let page_has_it = self.text_sent || self.request_text.as_ref().is_some_and(|request| Rc::ptr_eq(request, text));
        if page_has_it {
            return None;
        }
        self.text_sent = true;
        Some(SharedBytes(Rc::from(Rc::clone(text))))
    }

    /// Reads about `budget` more bytes; true once the whole text is read.
    pub fn read(&mut self, budget: usize) -> bool {
        self.parser.read(budget)
    }

    pub fn progress(&self) -> ParseReply {
        let (read, total) = self.parser.progress();
        ParseReply::Progress { read: read as u64, total: total as u64 }
    }

    /// The first screen of a text longer than `after` bytes: its first `budget` bytes of lines
    /// read (the whole parse goes on from there), as a reply that carries their text, for the
    /// page to show while the rest is read. `None` for a text no longer than that, or one read
    /// in full by then.
    pub fn first_screen(&mut self, after: usize, budget: usize) -> Option<ParsedLog> {
        if self.parser.progress().1 <= after || self.parser.read(budget) {
            return None;
        }
        let mut log = self.parser.read_so_far()?;
        let mut diagnostics = self.decoding.clone();
        diagnostics.append(&mut log.diagnostics);
        log.diagnostics = diagnostics;
        Some(first_screen_reply(&log, self.detected_format))
    }

    /// The first screen of a request over `after` bytes, read from its head alone
    /// ([`prepare_head`]: a zip's first files, a text's first lines) before the whole is
    /// unpacked, decoded or laid out, as [`WorkerParse::first_screen`] reads it from the whole;
    /// with the progress it stands for. `None` where a head cannot stand for the whole: its
    /// reader does not read one alone, it is not plain UTF-8 (another encoding is decided over
    /// the whole file), or `budget` reads all of it.
    pub fn first_screen_of_head(request: &ParseRequest, after: usize, budget: usize) -> Option<(ParsedLog, ParseReply)> {
        let want = budget.saturating_mul(2);
        let head = match request.folder.is_empty() {
            _ if request.demo => return None,
            true => prepare_head(&request.bytes.0, want, after)?,
            false => prepare_folder_head(folder_files(&request.bytes.0, &request.folder), want, after)?,
        };
        let text = decode::shared_plain_utf8(Rc::from(head.bytes)).ok()?;
        let detected_format = detect(&text);
        let mut parser = Parser::of_head(text, Some(&request.file_name), request.format.unwrap_or(detected_format))?;
        if parser.read(budget) {
            return None;
        }
        let mut log = parser.read_so_far()?;
        log.diagnostics.splice(0..0, request.notes.iter().cloned());
        let progress = ParseReply::Progress { read: log.text.len() as u64, total: head.total as u64 };
        Some((first_screen_reply(&log, detected_format), progress))
    }

    /// The reply for the page, and the log, which the worker keeps to analyse next. `now_ms`
    /// times the reply's building (table, roster), which a native parse does not do.
    pub fn finish(self, now_ms: &dyn Fn() -> f64) -> (ParsedLog, Log) {
        let log = self.parser.finish(self.decoding);
        let reply_started = now_ms();
        let parsed = reply_of(&log, self.detected_format);
        // A reader may read other text than the request's (a minified export laid out).
        let text = (!self.text_sent && !self.request_text.is_some_and(|request| Rc::ptr_eq(&request, &log.text))).then(|| SharedBytes(Rc::from(Rc::clone(&log.text))));
        (ParsedLog { text, text_sent_before: self.text_sent, reply_ms: now_ms() - reply_started, ..parsed }, log)
    }
}

/// The lines read so far as a first screen, which carries their text.
fn first_screen_reply(so_far: &Log, detected_format: Format) -> ParsedLog {
    let text = SharedBytes(Rc::from(Rc::clone(&so_far.text)));
    ParsedLog { text: Some(text), first_screen: true, ..reply_of(so_far, detected_format) }
}

/// `log` as a reply, without its text: the line table, the shown text, the roster.
fn reply_of(log: &Log, detected_format: Format) -> ParsedLog {
    let line_shown = log.lines.iter().enumerate().filter_map(|(index, line)| line.shown.map(|shown| (index as u32, shown.index() as u32)));
    ParsedLog {
        shown_text: Bytes(log.shown.text().as_bytes().to_vec()),
        shown_spans: Bytes(encode_shown_spans(log.shown.entries())),
        line_shown: Bytes(encode_pairs(line_shown)),
        explicit_replies: log.explicit_replies.clone(),
        aliases: log.aliases.clone(),
        newest_first_blocks: log.newest_first_blocks.clone(),
        parts: log.parts.clone(),
        roster: Roster::new(log),
        format: log.format,
        detected_format,
        lines: Bytes(encode_lines(&log.lines)),
        text: None,
        text_sent_before: false,
        first_screen: false,
        meta: WireMeta::new(log.meta.clone()),
        diagnostics: log.diagnostics.clone(),
        parse_ms: 0.0,
        read_ms: 0.0,
        reply_ms: 0.0,
        memory_bytes: 0,
    }
}
