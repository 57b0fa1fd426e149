//! The parse worker (wasm): the gloo worker that parses a file a slice at a time and finds its
//! threads and agenda, and the codec its messages cross in. The page's side is
//! `web_parse_client.rs`.

use gloo::worker::{Codec, HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::transfer::archive::WorkerArchive;
use crate::transfer::{wire, FromWorker, ParseReply, ParseRequest, ParsedLog, PreviousLog, ToWorker, WorkerParse};

/// Text read between progress reports and chances to be stopped: about 10 ms of parsing.
const SLICE_BYTES: usize = 4_000_000;

/// A log longer than a slice shows this much of it first, read before the rest: a few thousand
/// lines, more than a screen, in a few milliseconds.
const FIRST_SCREEN_BYTES: usize = 256 << 10;

/// Parses one file at a time, in slices. Between slices it yields to its message queue, so that
/// a new file or a cancel from the page is seen mid-parse. It lives as long as the page: its
/// wasm is fetched and compiled once, not for every file.
pub struct ParseWorker {
    parse: Option<RunningParse>,
    /// The parsed log of job `.1`, kept after the reply to find its threads and agenda next.
    analysing: Option<(HandlerId, u32, PreviousLog)>,
    /// The last log the page opened: minutes of it, or a log of it if it is minutes, link to it.
    previous: Option<PreviousLog>,
    /// The archive the page dropped, and the job indexing it while it is (`.1`, asked by `.0`).
    archive: Option<WorkerArchive>,
    indexing: Option<(HandlerId, u32, f64)>,
}

struct RunningParse {
    asker: HandlerId,
    job: u32,
    file_name: String,
    parse: WorkerParse,
    started_ms: f64,
    reading_ms: f64,
}

/// Go on with job `.0`, if it is still the one running.
pub struct NextSlice(u32);

impl ParseWorker {
    fn respond(scope: &WorkerScope<Self>, asker: HandlerId, job: u32, reply: ParseReply) {
        scope.respond(asker, FromWorker { job, reply });
    }

    /// Sends a big log's first screen, then `progress`, with which the page shows it.
    fn send_first_screen(scope: &WorkerScope<Self>, asker: HandlerId, job: u32, first_screen: ParsedLog, progress: ParseReply) {
        ParseWorker::respond(scope, asker, job, ParseReply::Parsed(Box::new(first_screen)));
        ParseWorker::respond(scope, asker, job, progress);
    }

    /// Starts parsing `request`; `sending_text` when the page does not have its bytes.
    fn begin(&mut self, scope: &WorkerScope<Self>, asker: HandlerId, request: ParseRequest, started_ms: f64, sending_text: bool) {
        let (job, file_name) = (request.job, request.file_name.clone());
        // A log read in more than one slice shows its first lines while the rest is read; they
        // go before its text, which takes the page a while to take in. Read from the file's
        // head when its reader can: before a zip's other files are unpacked or a text laid out.
        let screen_started_ms = now_ms();
        let head_screen = WorkerParse::first_screen_of_head(&request, SLICE_BYTES, FIRST_SCREEN_BYTES);
        let sent_head_screen = head_screen.is_some();
        if let Some((first_screen, progress)) = head_screen {
            ParseWorker::send_first_screen(scope, asker, job, first_screen, progress);
        }
        let mut reading_ms = now_ms() - screen_started_ms;
        match WorkerParse::begin(request) {
            Ok(parse) => {
                let mut parse = if sending_text { parse.sending_text() } else { parse };
                ParseWorker::respond(scope, asker, job, parse.progress());
                let screen_started_ms = now_ms();
                if let Some(first_screen) = (!sent_head_screen).then(|| parse.first_screen(SLICE_BYTES, FIRST_SCREEN_BYTES)).flatten() {
                    ParseWorker::send_first_screen(scope, asker, job, first_screen, parse.progress());
                }
                reading_ms += now_ms() - screen_started_ms;
                // Text the page lacks crosses now, while the lines are read, not after them.
                if let Some(text) = parse.text_for_page() {
                    ParseWorker::respond(scope, asker, job, ParseReply::Text(text));
                }
                self.parse = Some(RunningParse { asker, job, file_name, parse, started_ms, reading_ms });
                scope.send_future(next_task(job));
            }
            Err(problem) => ParseWorker::respond(scope, asker, job, ParseReply::Refused(problem)),
        }
    }
}

impl Worker for ParseWorker {
    type Message = NextSlice;
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> ParseWorker {
        ParseWorker { parse: None, analysing: None, previous: None, archive: None, indexing: None }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, NextSlice(job): NextSlice) {
        if self.analysing.as_ref().is_some_and(|(_, analysing, _)| *analysing == job) {
            let Some((asker, job, parsed)) = self.analysing.take() else { return };
            let mut analyses = crate::transfer::Analyses::of(&parsed, &now_ms);
            if let Some(previous) = &self.previous {
                previous.lay_over(&parsed, &mut analyses);
            }
            ParseWorker::respond(scope, asker, job, ParseReply::Analysed(Box::new(analyses)));
            self.previous = Some(parsed);
            return;
        }
        if let Some((asker, _, started_ms)) = self.indexing.filter(|(_, indexing, _)| *indexing == job) {
            let Some(archive) = self.archive.as_mut() else { return };
            if !archive.index(SLICE_BYTES) {
                let (read, total) = archive.progress();
                ParseWorker::respond(scope, asker, job, ParseReply::Progress { read, total });
                scope.send_future(next_task(job));
                return;
            }
            self.indexing = None;
            let listing = archive.listing();
            // The newest log opens next, in the same job.
            let newest = listing.files.len().checked_sub(1);
            ParseWorker::respond(scope, asker, job, ParseReply::Archive(Box::new(listing.into())));
            match newest.and_then(|newest| archive.request(job, newest as u32, archive.format())) {
                Some(request) => self.begin(scope, asker, request, started_ms, true),
                None => ParseWorker::respond(scope, asker, job, ParseReply::Refused(format!("{}: no file in it is a log", archive.listing().name))),
            }
            return;
        }
        let Some(running) = self.parse.as_mut().filter(|running| running.job == job) else { return };
        let slice_started_ms = now_ms();
        let done = running.parse.read(SLICE_BYTES);
        running.reading_ms += now_ms() - slice_started_ms;
        if !done {
            ParseWorker::respond(scope, running.asker, job, running.parse.progress());
            scope.send_future(next_task(job));
            return;
        }
        let Some(RunningParse { asker, job, file_name, parse, started_ms, reading_ms }) = self.parse.take() else { return };
        let (mut parsed, log) = parse.finish(&now_ms);
        // Minutes of the log the page shows: it keeps showing it, with their agenda.
        if let Some(minutes) = self.previous.as_ref().and_then(|previous| previous.minutes_of_it(&file_name, &log)) {
            ParseWorker::respond(scope, asker, job, ParseReply::MinutesOfOpenLog(Box::new(minutes)));
            return;
        }
        parsed.parse_ms = now_ms() - started_ms;
        parsed.read_ms = reading_ms;
        parsed.memory_bytes = u64::from(wasm_memory_bytes());
        let roster_ranked = parsed.roster.ranked();
        ParseWorker::respond(scope, asker, job, ParseReply::Parsed(Box::new(parsed)));
        // The rows go up first; the threads and agenda follow in the next task.
        // The speakers were counted for the reply's roster: the minutes use them too.
        self.analysing = Some((asker, job, PreviousLog { file_name, log, present: roster_ranked }));
        scope.send_future(next_task(job));
    }

    fn received(&mut self, scope: &WorkerScope<Self>, message: ToWorker, asker: HandlerId) {
        match message {
            ToWorker::Parse(request) => {
                let started_ms = now_ms();
                // The newest file wins: whatever was under way is dropped. A log whose rows
                // went up already is the page's now, analysed or not.
                self.parse = None;
                self.indexing = None;
                if let Some((_, _, parsed)) = self.analysing.take() {
                    self.previous = Some(parsed);
                }
                match WorkerArchive::of(&request) {
                    Some(Ok(archive)) => {
                        let job = request.job;
                        ParseWorker::respond(scope, asker, job, ParseReply::Progress { read: 0, total: archive.progress().1 });
                        self.archive = Some(archive);
                        self.indexing = Some((asker, job, started_ms));
                        scope.send_future(next_task(job));
                    }
                    Some(Err(problem)) => ParseWorker::respond(scope, asker, request.job, ParseReply::Refused(problem)),
                    None => self.begin(scope, asker, request, started_ms, false),
                }
            }
            ToWorker::OpenArchived { job, file, format } => {
                self.parse = None;
                self.indexing = None;
                if let Some((_, _, parsed)) = self.analysing.take() {
                    self.previous = Some(parsed);
                }
                match self.archive.as_ref().and_then(|archive| archive.request(job, file, format)) {
                    Some(request) => self.begin(scope, asker, request, now_ms(), true),
                    None => ParseWorker::respond(scope, asker, job, ParseReply::Refused("that log is no longer in the archive: drop the folder again".to_owned())),
                }
            }
            ToWorker::SearchArchive { job, query, limit } => {
                if let Some(archive) = &self.archive {
                    ParseWorker::respond(scope, asker, job, ParseReply::ArchiveHits(Box::new(archive.search(&query, limit as usize).into())));
                }
            }
            ToWorker::Cancel { job } => {
                if self.parse.as_ref().is_some_and(|running| running.job == job) {
                    self.parse = None;
                }
                if self.indexing.is_some_and(|(_, indexing, _)| indexing == job) {
                    self.indexing = None;
                    self.archive = None;
                }
                if self.analysing.as_ref().is_some_and(|(_, analysing, _)| *analysing == job) {
                    self.analysing = None;
                }
            }
        }
    }
}

/// Resolves in a new task, after the messages already queued (a `setTimeout(0)` chain would be
/// clamped to 4 ms a step): a `MessageChannel` round trip.
async fn next_task(job: u32) -> NextSlice {
    if let Ok(channel) = web_sys::MessageChannel::new() {
        let arrived = js_sys::Promise::new(&mut |resolve, _| channel.port1().set_onmessage(Some(resolve.unchecked_ref())));
        if channel.port2().post_message(&JsValue::NULL).is_ok() {
            let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
        }
    }
    NextSlice(job)
}

/// `performance.now()` in the page or in a worker (whose global is no `Window`).
fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|performance| performance.dyn_into::<web_sys::Performance>().ok())
        .map_or_else(js_sys::Date::now, |performance| performance.now())
}

/// The browser's `TextDecoder` as the parser's decoder of UTF-16, ISO-2022-JP and windows-1252
/// (`parse::decode::Legacy`): the worker's wasm then carries none of encoding_rs's tables. Both
/// follow the WHATWG Encoding Standard; `tests/wasm.rs` holds them to the same output.
pub fn install_legacy_decoder() {
    crate::parse::decode::set_legacy_decoder(decode_with_text_decoder);
}

thread_local! {
    /// The windows-1252 `TextDecoder`, made once: a log in it asks for one per line, and making a
    /// decoder costs more than the line's decoding (20k lines: 153 → 82 ms). Only this one is
    /// kept: Chromium's ISO-2022-JP decoder carries its state from one call into the next.
    static WINDOWS_1252: std::cell::OnceCell<Result<web_sys::TextDecoder, JsValue>> = const { std::cell::OnceCell::new() };
}

/// `bytes` decoded by a `TextDecoder` of `encoding`, `fatal` or replacing what is malformed.
fn text_decode(encoding: crate::parse::decode::Legacy, fatal: bool, bytes: &[u8]) -> Result<String, JsValue> {
    let make = || {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        // As encoding_rs's `decode_without_bom_handling`: a byte-order mark is text here (the
        // caller has taken the file's own off); web-sys has no setter for this option.
        let _ = js_sys::Reflect::set(&options, &"ignoreBOM".into(), &true.into());
        web_sys::TextDecoder::new_with_label_and_options(encoding.name(), &options)
    };
    // windows-1252 maps every byte, so its strict decoder is the only one it needs.
    if encoding == crate::parse::decode::Legacy::Windows1252 {
        return WINDOWS_1252.with(|decoder| match decoder.get_or_init(make) {
            Ok(decoder) => decoder.decode_with_u8_array(bytes),
            Err(error) => Err(error.clone()),
        });
    }
    make()?.decode_with_u8_array(bytes)
}

pub fn decode_with_text_decoder(encoding: crate::parse::decode::Legacy, bytes: &[u8]) -> (String, bool) {
    // Strict first, which says whether anything is malformed; then with U+FFFD for it.
    match text_decode(encoding, true, bytes) {
        Ok(text) => (text, false),
        Err(_) => (text_decode(encoding, false, bytes).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned()), true),
    }
}

pub fn wasm_memory_bytes() -> u32 {
    wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
}

/// Messages as `[fields, [blocks…]]`: the fields in postcard (see `transfer::wire`), each block
/// of bytes its own `Uint8Array`, copied once out of wasm memory and once into the other side's
/// (straight into the allocation that keeps it).
pub struct BlockCodec;

impl Codec for BlockCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        let blocks = js_sys::Array::new();
        let sink_blocks = blocks.clone();
        let fields = wire::encode(&input, Box::new(move |block: &[u8]| {
            sink_blocks.push(&js_sys::Uint8Array::from(block));
        }));
        js_sys::Array::of2(&js_sys::Uint8Array::from(&fields[..]), &blocks).into()
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let message: js_sys::Array = input.unchecked_into();
        let fields = message.get(0).dyn_into::<js_sys::Uint8Array>().map(|fields| fields.to_vec()).unwrap_or_default();
        let blocks: js_sys::Array = message.get(1).dyn_into().unwrap_or_default();
        let source = Box::new(move |number: u32| {
            let block = blocks.get(number).dyn_into::<js_sys::Uint8Array>().ok()?;
            Some(wire::Received::new(block.length() as usize, Box::new(move |into: &mut [u8]| block.copy_to(into))))
        });
        wire::decode(&fields, source).unwrap_or_else(|error| wasm_bindgen::throw_str(&error))
    }
}
