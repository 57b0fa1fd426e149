//! What crosses the parse worker's boundary, in plain Rust: the request (the file's bytes), the
//! replies (progress, then the parsed log in a compact form, or why the file is no log), and
//! which files are worth a worker at all. The browser glue only moves these messages.

pub mod archive;
mod encoding;
#[cfg(test)]
mod tests;
pub mod wire;
mod worker_parse;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::{Diagnostic, Format, Log};
use crate::parse::decode;
use crate::speakers::Roster;
pub use encoding::{decode_lines, decode_pairs, decode_shown, encode_lines, encode_pairs, encode_shown_spans, Bytes, SharedBytes, WireMeta, LINE_RECORD_BYTES};
pub use worker_parse::WorkerParse;

/// The main thread to its one worker, which lives as long as the page: every log is parsed
/// there, so the main app carries no reader, thread model or agenda finder.
#[derive(Debug, Serialize, Deserialize)]
pub enum ToWorker {
    /// Parse this file, dropping any job still running: the newest file wins.
    Parse(ParseRequest),
    /// Stop job `job`, if it is still the one running.
    Cancel { job: u32 },
    /// Open log `file` of the archive the worker holds, as job `job` (a `Parse` of it), read
    /// as `format` (`None` detects one).
    OpenArchived { job: u32, file: u32, format: Option<Format> },
    /// Search every log of the archive the worker holds; the answer names job `job`.
    SearchArchive { job: u32, query: String, limit: u32 },
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
    /// Parse the demo log, which only the worker carries, in place of `bytes` (then empty).
    pub demo: bool,
    /// A dropped folder's files, when `bytes` is them one after another: each one's path inside
    /// the folder and its length. Empty for a file.
    pub folder: Vec<(String, u32)>,
}

/// The worker to the main thread, about job `job`.
#[derive(Debug, Serialize, Deserialize)]
pub struct FromWorker {
    pub job: u32,
    pub reply: ParseReply,
}

/// Progress as the parse goes (and a big log's first screen, a `Parsed` of its first lines),
/// then one `Parsed` and one `Analysed`, or one `Refused`.
#[derive(Debug, Serialize, Deserialize)]
pub enum ParseReply {
    /// Bytes of text read so far, out of all.
    Progress { read: u64, total: u64 },
    /// The text of the log being read, when the page does not have it (a zip's, an export laid
    /// out, decoded text): sent before the lines are read, so that it crosses to the page and is
    /// copied there while the worker reads them. Its `Parsed` then says so.
    Text(SharedBytes),
    Parsed(Box<ParsedLog>),
    /// Then, after the rows are on the page: the threads and agenda, found in the worker.
    Analysed(Box<Analyses>),
    /// Instead of `Parsed`: the file was MeetBot's minutes of the log the page has open.
    MinutesOfOpenLog(Box<MinutesOfOpenLog>),
    /// Why the file is not opened (empty, binary, a broken gzip), in words for the page.
    Refused(String),
    /// The files are an archive of logs, indexed: its list. The newest log opens next, in the
    /// same job (its `Parsed` carries its text, which the page does not have).
    Archive(Box<archive::ListingOnWire>),
    /// A search across the archive (its job is the search's own number, not a parse's).
    ArchiveHits(Box<archive::HitsOnWire>),
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
    /// What structured exports show in place of the source's text: the text, its entries
    /// ([`encode_shown_spans`]), and which line shows which entry ([`encode_pairs`]).
    pub shown_text: Bytes,
    pub shown_spans: Bytes,
    pub line_shown: Bytes,
    /// The replies an export states, its own line ids, and a newest-first file's blocks.
    pub explicit_replies: Vec<(u32, u32)>,
    pub aliases: Vec<(Box<str>, u32)>,
    pub newest_first_blocks: Vec<u32>,
    /// The file's own parts (chats, channels).
    pub parts: Vec<(Box<str>, u32)>,
    /// Who spoke, found here so the page never walks a big log's lines for it.
    pub roster: Roster,
    /// The decoded text, only when it is not the request's bytes as they were: another
    /// encoding, a byte-order mark, gzip, a zip, an export laid out. A block of its own, so a
    /// big text is copied once and never read by the message's decoder.
    pub text: Option<SharedBytes>,
    /// The text crossed before this reply, in a [`ParseReply::Text`] of the same job.
    pub text_sent_before: bool,
    /// Only the first lines of a log read in more than one slice, with their own text, sent
    /// before the rest is read: the page shows them until the whole log's `Parsed` comes.
    pub first_screen: bool,
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

/// Text the worker sent, as the log's text once it is checked to be UTF-8.
fn checked_text(text: SharedBytes) -> Result<Rc<str>, String> {
    decode::shared_utf8(text.0).map_err(|_| "the parse worker sent text that is not UTF-8".to_owned())
}

impl ParsedLog {
    /// The log's text: `bytes`, shared without a copy once checked to be UTF-8, unless the
    /// worker sent the decoded text, in this reply or before it (`sent_before`).
    pub fn take_text(&mut self, bytes: Rc<[u8]>, sent_before: Option<SharedBytes>) -> Result<Rc<str>, String> {
        match (self.text.take(), self.text_sent_before) {
            (Some(text), _) => checked_text(text),
            (None, true) => sent_before.map_or_else(|| Err("the parse worker's text did not come".to_owned()), checked_text),
            (None, false) => decode::shared_plain_utf8(bytes).map_err(|_| "the parse worker did not send the decoded text".to_owned()),
        }
    }

    /// The log again, over `text` (from [`ParsedLog::take_text`]), and its roster. A malformed
    /// reply is an error, never a panic.
    pub fn into_log(self, text: Rc<str>) -> Result<(Log, Roster), String> {
        let mut lines = decode_lines(&self.lines.0, &text)?;
        let shown = decode_shown(self.shown_text.0, &self.shown_spans.0)?;
        let broken = || "the parse worker sent a broken table of shown text".to_owned();
        for (line, entry) in decode_pairs(&self.line_shown.0).ok_or_else(broken)? {
            let fits = (line as usize) < lines.len() && (entry as usize) < shown.len();
            if !fits {
                return Err(broken());
            }
            lines[line as usize].shown = crate::model::ShownIndex::new(entry as usize);
        }
        let n_lines = lines.len() as u32;
        let in_log = |line: &u32| *line < n_lines;
        if !self.explicit_replies.iter().all(|(reply, parent)| in_log(reply) && in_log(parent)) || !self.aliases.iter().all(|(_, line)| in_log(line)) || !self.newest_first_blocks.iter().all(in_log) || !self.parts.iter().all(|(_, line)| in_log(line)) {
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
            shown,
            explicit_replies: self.explicit_replies,
            aliases: self.aliases,
            newest_first_blocks: self.newest_first_blocks,
            parts: self.parts,
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
    /// The agenda as minutes in Markdown, for the page's download and copy (written here, so
    /// the page links no Markdown writer).
    pub minutes_markdown: String,
    /// For the benchmark: milliseconds the worker spent on each.
    pub threads_ms: f64,
    pub agenda_ms: f64,
}

/// [`Analyses`] checked against the page's log.
pub struct CheckedAnalyses {
    pub threads: crate::thread::Threads,
    pub agenda: crate::agenda::Agenda,
    pub minutes: Option<MinutesNote>,
    pub minutes_markdown: String,
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
    /// That agenda as minutes in Markdown.
    pub minutes_markdown: String,
    /// The open log as the worker has it (text bytes, lines), for the page to check it is the same.
    pub log_text_bytes: u64,
    pub log_lines: u32,
}

/// A log the worker read, kept to find its analyses and to lay minutes over it (or it over its
/// minutes).
pub struct PreviousLog {
    pub file_name: String,
    pub log: Log,
    /// Who spoke, most lines first: the minutes' "people present", counted once with the roster.
    pub present: Vec<crate::speakers::Speaker>,
}

impl PreviousLog {
    /// `log`, named `file_name`, with its speakers counted here (the worker has them already).
    pub fn new(file_name: &str, log: Log) -> PreviousLog {
        let present = Roster::new(&log).ranked();
        PreviousLog { file_name: file_name.to_owned(), log, present }
    }

    /// The agenda of this log as the page's minutes in Markdown.
    fn minutes_markdown(&self, agenda: &crate::agenda::Agenda) -> String {
        let title = crate::agenda::minutes_title(agenda, self.log.meta.title.as_deref(), &self.file_name);
        crate::agenda::minutes_markdown_for(&self.log, agenda, &title, &self.present)
    }

    /// `minutes` (just parsed) laid over this log, when they are its minutes.
    pub fn minutes_of_it(&self, minutes_name: &str, minutes: &Log) -> Option<MinutesOfOpenLog> {
        let linked = crate::agenda::link_minutes(minutes, &self.log)?;
        Some(MinutesOfOpenLog {
            note: MinutesNote { file_name: minutes_name.to_owned(), placed: linked.placed as u32, unplaced: linked.unplaced },
            minutes_markdown: self.minutes_markdown(&linked.agenda),
            agenda: linked.agenda,
            log_text_bytes: self.log.text.len() as u64,
            log_lines: self.log.lines.len() as u32,
        })
    }

    /// `analyses` of a newly parsed log, `analysed`, with this log's agenda when this log is
    /// its minutes.
    pub fn lay_over(&self, analysed: &PreviousLog, analyses: &mut Analyses) {
        if let Some(linked) = crate::agenda::link_minutes(&self.log, &analysed.log) {
            analyses.minutes = Some(MinutesNote { file_name: self.file_name.clone(), placed: linked.placed as u32, unplaced: linked.unplaced });
            analyses.minutes_markdown = analysed.minutes_markdown(&linked.agenda);
            analyses.agenda = linked.agenda;
        }
    }
}

impl MinutesOfOpenLog {
    /// The agenda, checked against the page's open log: the same log, and every line in it.
    pub fn checked(self, log: &Log) -> Result<(crate::agenda::Agenda, MinutesNote, String), String> {
        let same_log = self.log_text_bytes == log.text.len() as u64 && self.log_lines as usize == log.lines.len();
        if !same_log {
            return Err("these minutes were laid over another log than the one shown".to_owned());
        }
        if !self.agenda.fits(log.lines.len()) {
            return Err("the parse worker sent an agenda that does not fit the log".to_owned());
        }
        Ok((self.agenda, self.note, self.minutes_markdown))
    }
}

impl Analyses {
    /// Finds the threads, the agenda and the minutes of `analysed`, timing them with `now_ms`.
    pub fn of(analysed: &PreviousLog, now_ms: &dyn Fn() -> f64) -> Analyses {
        let log = &analysed.log;
        let started = now_ms();
        let threads = Bytes(crate::thread::analyse(log).to_bytes());
        let threads_done = now_ms();
        let agenda = crate::agenda::analyse(log);
        let agenda_ms = now_ms() - threads_done;
        let minutes_markdown = analysed.minutes_markdown(&agenda);
        Analyses { threads, agenda, minutes: None, minutes_markdown, threads_ms: threads_done - started, agenda_ms }
    }

    /// The threads, agenda and minutes back, checked against a log of `n_lines` lines: a
    /// malformed reply is an error, never a panic.
    pub fn checked(self, n_lines: usize) -> Result<CheckedAnalyses, String> {
        let threads = crate::thread::Threads::from_bytes(&self.threads.0, n_lines).ok_or("the parse worker sent broken threads")?;
        if !self.agenda.fits(n_lines) {
            return Err("the parse worker sent an agenda that does not fit the log".to_owned());
        }
        Ok(CheckedAnalyses { threads, agenda: self.agenda, minutes: self.minutes, minutes_markdown: self.minutes_markdown })
    }
}
