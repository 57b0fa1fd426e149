//! Parsing: bytes in, a [`Log`] out, one model line per source line. Parsing never fails.

mod bots;
mod clients;
mod clock_jumps;
mod continuation;
pub mod decode;
mod detect;
mod exports;
mod ids;
mod infer;
pub mod lines;
mod minutes;
mod finish;
pub mod shapes;
mod web;

use std::ops::Range;
use std::rc::Rc;

use chrono::NaiveDate;

use crate::model::{Diagnostic, DiagnosticKind, Format, Line, LineKind, Log, Meta, ShownSpans, ShownTableBuilder, Span, Stamp};

pub use clock_jumps::describe_minutes;
pub use detect::detect;

/// Decodes and parses `bytes`. `format` forces a parser; `None` detects one.
pub fn parse(bytes: &[u8], format: Option<Format>) -> Log {
    parse_file(bytes, None, format)
}

/// Like [`parse`], for a file whose name may hold the date its lines lack (`#ubuntu.2004-11-15.log`).
pub fn parse_file(bytes: &[u8], file_name: Option<&str>, format: Option<Format>) -> Log {
    parse_decoded(decode::decode(bytes), file_name, format)
}

/// Like [`parse_file`] for bytes already shared: plain UTF-8 becomes the log's text without a copy.
pub fn parse_shared(bytes: Rc<[u8]>, file_name: Option<&str>, format: Option<Format>) -> Log {
    parse_decoded(decode::decode_shared(bytes), file_name, format)
}

fn parse_decoded(decoded: decode::Decoded, file_name: Option<&str>, format: Option<Format>) -> Log {
    let mut parser = Parser::new(decoded.text, file_name, format);
    while !parser.read(usize::MAX) {}
    parser.finish(decoded.diagnostics)
}

/// Parses text that is already decoded.
pub fn parse_text(text: Rc<str>, format: Option<Format>) -> Log {
    parse_text_file(text, None, format)
}

/// Like [`parse_text`], for a file whose name may hold the date its lines lack.
pub fn parse_text_file(text: Rc<str>, file_name: Option<&str>, format: Option<Format>) -> Log {
    let mut parser = Parser::new(text, file_name, format);
    while !parser.read(usize::MAX) {}
    parser.finish(Vec::new())
}

/// Reads an open log again in another format (the reader's choice over detection), sharing its
/// text and keeping what decoding reported.
pub fn reparse(log: &Log, file_name: Option<&str>, format: Option<Format>) -> Log {
    let decoding = log.diagnostics.iter().filter(|diagnostic| matches!(diagnostic.kind, DiagnosticKind::Encoding | DiagnosticKind::LaidOut)).cloned().collect();
    let mut parser = Parser::new(Rc::clone(&log.text), file_name, format);
    while !parser.read(usize::MAX) {}
    parser.finish(decoding)
}

/// A parse done a slice of the text at a time, so that a worker can report its progress and be
/// stopped between slices. Reading it all at once gives the same `Log` as [`parse_text`].
pub struct Parser {
    text: Rc<str>,
    format: Format,
    context: Context,
    reader: Box<dyn Reader>,
    lines: Vec<Line>,
    /// Where the next slice starts: the start of a line, or the end of the text.
    position: usize,
    /// The reader has looked over the whole text (`Reader::prepare`): done by the first slice,
    /// so that a worker can send the text, laid out, before that work.
    prepared: bool,
}

impl Parser {
    /// Detects the format unless `format` is given; dates come from `file_name` until a line gives one.
    pub fn new(text: Rc<str>, file_name: Option<&str>, format: Option<Format>) -> Parser {
        let format = format.unwrap_or_else(|| detect(&text));
        let mut reader = reader_for(format);
        // A file its reader cannot read line by line as it is (a minified export) is read laid
        // out, and says so.
        let laid_out = reader.lay_out(&text);
        Parser::with_reader(text, laid_out, reader, file_name, format)
    }

    /// A parse of `head`, the start of a bigger text (cut where a line ends, or in a long line
    /// where a character ends), as the whole text's start is read, if its reader can read it so
    /// ([`Reader::lay_out_head`]).
    pub fn of_head(head: Rc<str>, file_name: Option<&str>, format: Format) -> Option<Parser> {
        let mut reader = reader_for(format);
        let (length, laid_out) = reader.lay_out_head(&head)?;
        let head = if length < head.len() { Rc::from(head.get(..length)?) } else { head };
        Some(Parser::with_reader(head, laid_out, reader, file_name, format))
    }

    fn with_reader(text: Rc<str>, laid_out: Option<String>, reader: Box<dyn Reader>, file_name: Option<&str>, format: Format) -> Parser {
        let mut context = Context { date: file_name.and_then(shapes::time::date_in_file_name), ..Context::default() };
        let text = match laid_out {
            Some(laid_out) => {
                let message = reader.laid_out_note();
                context.diagnostics.push(Diagnostic { line: 1, kind: DiagnosticKind::LaidOut, message: message.to_owned() });
                Rc::from(laid_out)
            }
            None => text,
        };
        Parser { reader, text, format, context, lines: Vec::new(), position: 0, prepared: false }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The text being read: the one given, or its reader's layout of it.
    pub fn text(&self) -> &Rc<str> {
        &self.text
    }

    /// The bytes of text read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.position, self.text.len())
    }

    /// Reads whole lines until at least `budget` more bytes are read or the text ends; true at the end.
    pub fn read(&mut self, budget: usize) -> bool {
        let Parser { text, context, reader, lines, position, format, prepared } = self;
        if !*prepared {
            *prepared = true;
            lines.reserve_exact(lines::count_lines(text.as_bytes()));
            reader.prepare(text, context);
        }
        let is_structured = format.is_structured();
        let bytes = text.as_bytes();
        let start = *position;
        let end = match start.checked_add(budget).filter(|wanted| *wanted < bytes.len()) {
            Some(wanted) => memchr::memchr(b'\n', &bytes[wanted..]).map_or(bytes.len(), |offset| wanted + offset + 1),
            None => bytes.len(),
        };
        reader.prepare_slice(text, start..end, context);
        for relative in lines::line_ranges(&text[start..end]) {
            let range = start + relative.start..start + relative.end;
            let source = &text[range.clone()];
            context.line_index = lines.len() as u32;
            let mut reading = reader.read(source, context);
            if !is_structured {
                continuation::place(lines, source, &mut reading);
            }
            mark_ctcp_action(source, &mut reading);
            let mut line = reading.into_line(range, context.date);
            if let Some(spans) = context.shown.take() {
                line.shown = crate::model::ShownIndex::new(context.shown_table.push_spans(spans));
            }
            lines.push(line);
        }
        *position = end;
        end == bytes.len()
    }
}

/// What a format's reader learns about the file as it goes.
#[derive(Debug, Default)]
pub(crate) struct Context {
    pub meta: Meta,
    /// The date that applies to lines that give only a time of day.
    pub date: Option<NaiveDate>,
    pub diagnostics: Vec<Diagnostic>,
    /// The 0-based index of the line being read.
    pub line_index: u32,
    /// What the line being read shows instead of its source, if anything, already written into
    /// `shown_table`; taken after each line.
    pub shown: Option<ShownSpans>,
    /// The text every line shows instead of its source.
    pub shown_table: ShownTableBuilder,
    /// Replies whose target is already known: `(reply, replied-to)` line indices.
    pub replies: Vec<(u32, u32)>,
    /// The message each export id names, and the replies to an id (which may come later in
    /// a newest-first export).
    pub ids: ids::MessageIds,
    /// The file's own names for its lines (`l-12`), with their line index.
    pub aliases: Vec<(Box<str>, u32)>,
    /// Where the blocks of a file that may be newest first start (records, dump pages).
    pub block_starts: Vec<u32>,
    /// The file's own parts (chats, channels): name and first line. See [`Log::parts`].
    pub parts: Vec<(Box<str>, u32)>,
}

/// One format's line reader. It sees the lines in order, once each.
pub(crate) trait Reader {
    /// Sees the whole text once before any line is read: for formats where a line's speaker or
    /// time is written on a later line. Most readers need nothing from it.
    fn prepare(&mut self, _text: &str, _context: &mut Context) {}

    /// Sees the text of the lines about to be read (a slice of the parse, from a line's start to
    /// a line's end) before they are: a reader that reads ahead of its lines (a record laid out
    /// over several lines) does that a slice at a time, so that a big file's first lines are
    /// read before its last are looked at (the page's first screen).
    fn prepare_slice(&mut self, _text: &str, _slice: Range<usize>, _context: &mut Context) {}

    /// The text laid out in lines the reader can read, when the file as it is has none (a
    /// minified JSON export); `None` reads the text as it is. Called once, before `prepare`: a
    /// reader that parses the whole document here may keep what it learns.
    fn lay_out(&mut self, _text: &str) -> Option<String> {
        None
    }

    /// A head of the text (its first lines, cut where a line ends, or in a long line where a
    /// character ends) as the reader reads the whole text's start, when it can be read alone: how
    /// much of it to read (up to where the whole's lay-out of it ends) and its lay-out, if laid
    /// out. `None` when the reader looks at the
    /// whole text first, or at more of it than the head. A big file's first screen is read from
    /// its head, before the rest is unpacked, decoded or laid out; the reader never meets the
    /// head's end (it reads less than the head holds).
    fn lay_out_head(&mut self, _head: &str) -> Option<(usize, Option<String>)> {
        None
    }

    /// What the page says about a laid-out file (`lay_out`'s diagnostic).
    fn laid_out_note(&self) -> &'static str {
        "the file is one line of JSON: it is shown laid out, one field per line, and line numbers count those lines"
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading;
}

pub(crate) fn reader_for(format: Format) -> Box<dyn Reader> {
    match format {
        Format::MirageMeeting => Box::new(web::mirage::MirageReader::default()),
        Format::BracketIrc => Box::new(clients::bracket::BracketReader),
        Format::Irssi => Box::new(clients::irssi::IrssiReader),
        Format::Weechat => Box::new(clients::weechat::WeechatReader),
        Format::Hexchat => Box::new(clients::hexchat::HexchatReader::default()),
        Format::Znc => Box::new(clients::znc::ZncReader),
        Format::Eggdrop => Box::new(bots::eggdrop::EggdropReader),
        Format::Supybot => Box::new(bots::supybot::SupybotReader),
        Format::Dircproxy => Box::new(clients::dircproxy::DircproxyReader),
        Format::Mirc => Box::new(clients::mirc::MircReader::default()),
        Format::PidginText => Box::new(clients::pidgin_text::PidginTextReader),
        Format::PipeAligned => Box::new(clients::pipe_aligned::PipeAlignedReader),
        Format::BracketIso => Box::new(bots::bracket_iso::BracketIsoReader),
        Format::W3cScribe => Box::new(bots::w3c_scribe::W3cScribeReader),
        Format::Gitter => Box::new(web::gitter::GitterReader::default()),
        Format::ZigRecords => Box::new(bots::zig_records::ZigRecordsReader::default()),
        Format::Madoka => Box::new(clients::madoka::MadokaReader),
        Format::ClockIrc => Box::new(clients::clock_irc::ClockIrcReader),
        Format::PlainNick => Box::new(clients::plain_nick::PlainNickReader),
        Format::MeetbotHtml => Box::new(web::html_logs::MeetbotHtmlReader),
        Format::LogbotHtml => Box::new(web::html_logs::LogbotHtmlReader),
        Format::IrcLogsHtml => Box::new(web::html_logs::IrcLogsHtmlReader::default()),
        Format::PidginHtml => Box::new(web::html_logs::PidginHtmlReader),
        Format::AdiumXml => Box::new(clients::adium::AdiumReader::default()),
        Format::MatrixNdjson => Box::new(web::matrix::MatrixReader::default()),
        Format::TopanswersJson => Box::new(web::topanswers::TopanswersReader::default()),
        Format::BotbotRepr => Box::new(bots::botbot::BotbotReader),
        Format::DiscordJson => Box::new(exports::discord::DiscordReader::default()),
        Format::DiscordHtml => Box::new(exports::discord_html::DiscordHtmlReader::default()),
        Format::TelegramJson => Box::new(exports::telegram::TelegramReader::default()),
        Format::ElementJson => Box::new(web::element::ElementReader::default()),
        Format::MattermostJsonl => Box::new(exports::mattermost::MattermostReader::default()),
        Format::SlackExport => Box::new(exports::slack::SlackReader::default()),
        Format::WhatsappText => Box::new(exports::whatsapp::WhatsappReader::default()),
        Format::MeetbotMinutes => Box::new(minutes::meetbot::MeetbotMinutesReader::default()),
        Format::Inferred => Box::new(infer::InferredReader::default()),
        Format::PlainText => Box::new(PlainTextReader),
    }
}

/// How one line was read. Ranges are relative to the line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    pub kind: LineKind,
    pub date: Option<NaiveDate>,
    pub time: Option<chrono::NaiveTime>,
    pub nick: Option<Range<usize>>,
    pub body: Range<usize>,
    /// How sure the reader is that this line is in its format, for detection:
    /// 0 not at all, 1 a shape many formats share, 2 this format's own shape.
    pub confidence: u8,
}

impl Reading {
    /// A line read as a whole, with no speaker or time.
    pub fn whole(kind: LineKind, line: &str, confidence: u8) -> Reading {
        Reading { kind, date: None, time: None, nick: None, body: 0..line.len(), confidence }
    }

    pub fn raw(line: &str) -> Reading {
        Reading::whole(LineKind::Raw, line, 0)
    }

    pub fn blank(line: &str) -> Reading {
        Reading::whole(LineKind::Blank, line, 1)
    }

    fn into_line(self, range: Range<usize>, current_date: Option<NaiveDate>) -> Line {
        let offset = range.start;
        let shift = |relative: Range<usize>| Span::new(offset + relative.start..offset + relative.end);
        Line {
            span: Span::new(range),
            kind: self.kind,
            time: self.time.map(|time| Stamp { date: self.date.or(current_date), time }),
            nick: self.nick.map(shift),
            body: shift(self.body),
            shown: None,
        }
    }
}

/// A message that is a raw CTCP `\x01ACTION waves\x01` is an action, whatever client logged it.
fn mark_ctcp_action(line: &str, reading: &mut Reading) {
    const ACTION: &str = "\u{1}ACTION ";
    if reading.kind != LineKind::Message || !line[reading.body.clone()].starts_with(ACTION) {
        return;
    }
    let closed = line[reading.body.clone()].ends_with('\u{1}');
    reading.kind = LineKind::Action;
    reading.body = reading.body.start + ACTION.len()..reading.body.end - usize::from(closed);
}

pub(crate) fn is_blank(line: &str) -> bool {
    line.bytes().all(|byte| byte.is_ascii_whitespace())
}

/// The reader for text that is not a chat log: every non-blank line is raw.
struct PlainTextReader;

impl Reader for PlainTextReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) { Reading::blank(line) } else { Reading::raw(line) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_ctcp_action_is_an_action_in_any_format() {
        let log = parse(b"[10:00] <avsm> \x01ACTION waves\x01\n[10:01] <avsm> \x01ACTION unclosed\n", None);
        assert_eq!(log.lines[0].kind, LineKind::Action);
        assert_eq!(log.body(&log.lines[0]), "waves");
        assert_eq!(log.body(&log.lines[1]), "unclosed");
    }

    #[test]
    fn reading_a_slice_at_a_time_gives_the_same_log() {
        let text: Rc<str> = Rc::from("29-06-2016 17:05 a one\r\n29-06-2016 17:06 b two\n\n29-06-2016 15:06 a three\nno end");
        let whole = parse_text(Rc::clone(&text), None);
        for budget in [0, 1, 5, 30, 1000] {
            let mut parser = Parser::new(Rc::clone(&text), None, None);
            let mut slices = 1;
            while !parser.read(budget) {
                slices += 1;
                assert!(parser.progress().0 < text.len());
            }
            assert_eq!(parser.progress(), (text.len(), text.len()));
            assert_eq!(parser.finish(Vec::new()), whole, "budget {budget}");
            assert!(budget > 30 || slices > 1, "budget {budget} read in {slices} slices");
        }
    }
}
