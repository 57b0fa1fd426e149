//! Browser glue for the parse worker (wasm): the gloo worker that parses a big file a slice at a
//! time, and starting it from the page for a [`ParseJob`].

use std::rc::Rc;

use gloo::worker::{Codec, HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::web::mark;
use crate::app::{Action, OpenLog, ParseJob, Shared, State};
use crate::transfer::{ParseReply, ParseRequest, ParsedLog, SharedBytes, WorkerParse};

/// Text read between progress reports and chances to be stopped: about 10 ms of parsing.
const SLICE_BYTES: usize = 4_000_000;

/// The worker's entry script beside `index.html` (`worker-loader.js`): it loads the glue Trunk
/// writes for `data-bin="scrollback-worker"`. gloo-worker's own `spawn` would start the worker
/// from a `blob:` URL, which a Content-Security-Policy would have to allow.
const WORKER_SCRIPT: &str = "worker-loader.js";

/// Parses one file per request, in slices. Between slices it yields to its message queue, so
/// that the page dropping its bridge (a cancel, a new file) closes the worker mid-parse.
pub struct ParseWorker {
    parse: Option<RunningParse>,
    /// The parsed log, kept after the reply to find its threads and agenda next.
    analysing: Option<(HandlerId, crate::model::Log)>,
}

struct RunningParse {
    asker: HandlerId,
    parse: WorkerParse,
    started_ms: f64,
    reading_ms: f64,
}

/// Read the next slice.
pub struct NextSlice;

impl Worker for ParseWorker {
    type Message = NextSlice;
    type Input = ParseRequest;
    type Output = ParseReply;

    fn create(_scope: &WorkerScope<Self>) -> ParseWorker {
        ParseWorker { parse: None, analysing: None }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, _: NextSlice) {
        if let Some((asker, log)) = self.analysing.take() {
            let analyses = crate::transfer::Analyses::of(&log, &now_ms);
            scope.respond(asker, ParseReply::Analysed(Box::new(analyses)));
            return;
        }
        let Some(running) = self.parse.as_mut() else { return };
        let slice_started_ms = now_ms();
        let done = running.parse.read(SLICE_BYTES);
        running.reading_ms += now_ms() - slice_started_ms;
        if !done {
            scope.respond(running.asker, running.parse.progress());
            scope.send_future(next_task());
            return;
        }
        let Some(RunningParse { asker, parse, started_ms, reading_ms }) = self.parse.take() else { return };
        let (mut parsed, log) = parse.finish();
        parsed.parse_ms = now_ms() - started_ms;
        parsed.read_ms = reading_ms;
        parsed.memory_bytes = u64::from(wasm_memory_bytes());
        scope.respond(asker, ParseReply::Parsed(Box::new(parsed)));
        // The rows go up first; the threads and agenda follow in the next task.
        self.analysing = Some((asker, log));
        scope.send_future(next_task());
    }

    fn received(&mut self, scope: &WorkerScope<Self>, request: ParseRequest, asker: HandlerId) {
        let started_ms = now_ms();
        match WorkerParse::begin(request) {
            Ok(parse) => {
                scope.respond(asker, parse.progress());
                self.parse = Some(RunningParse { asker, parse, started_ms, reading_ms: 0.0 });
                scope.send_future(next_task());
            }
            Err(problem) => scope.respond(asker, ParseReply::Refused(problem)),
        }
    }
}

/// Resolves in a new task, after the messages already queued (a `setTimeout(0)` chain would be
/// clamped to 4 ms a step): a `MessageChannel` round trip.
async fn next_task() -> NextSlice {
    if let Ok(channel) = web_sys::MessageChannel::new() {
        let arrived = js_sys::Promise::new(&mut |resolve, _| channel.port1().set_onmessage(Some(resolve.unchecked_ref())));
        if channel.port2().post_message(&JsValue::NULL).is_ok() {
            let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
        }
    }
    NextSlice
}

/// `performance.now()` in the page or in a worker (whose global is no `Window`).
fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|performance| performance.dyn_into::<web_sys::Performance>().ok())
        .map_or_else(js_sys::Date::now, |performance| performance.now())
}

pub fn wasm_memory_bytes() -> u32 {
    wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
}

/// Messages as JS values (serde-wasm-bindgen): a block of bytes becomes one `Uint8Array`,
/// copied once out of wasm memory, where bincode would first copy it into a second buffer in
/// wasm memory, which would never shrink again.
pub struct JsCodec;

impl Codec for JsCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        serde_wasm_bindgen::to_value(&input).unwrap_or_else(|error| wasm_bindgen::throw_str(&format!("cannot encode a worker message: {error}")))
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        serde_wasm_bindgen::from_value(input).unwrap_or_else(|error| wasm_bindgen::throw_str(&format!("cannot decode a worker message: {error}")))
    }
}

/// Starts a worker for `job` and reports to the app: progress, then the opened log or the
/// problem. Dropping the returned bridge closes the worker, even mid-parse.
pub fn parse_in_worker(job: &ParseJob, dispatcher: UseReducerDispatcher<State>) -> Option<WorkerBridge<ParseWorker>> {
    mark("scrollback:worker-start");
    let (id, file_name, bytes) = (job.id, job.file_name.clone(), Rc::clone(&job.bytes));
    // The log opens in steps (`open_parsed`), so the analyses can arrive before it is open:
    // they wait here until it is, or they would be checked against the previous log.
    let opened = Rc::new(std::cell::Cell::new(false));
    let waiting_analyses: Rc<std::cell::RefCell<Option<crate::transfer::Analyses>>> = Rc::default();
    let on_reply = {
        let dispatcher = dispatcher.clone();
        move |reply: ParseReply| match reply {
            ParseReply::Progress { read, total } => {
                mark("scrollback:worker-progress");
                dispatcher.dispatch(Action::Progress { job: id, read, total });
            }
            ParseReply::Parsed(parsed) => {
                mark("scrollback:worker-parsed");
                set_root_figure("data-scrollback-worker-parse-ms", parsed.parse_ms);
                set_root_figure("data-scrollback-worker-read-ms", parsed.read_ms);
                set_root_figure("data-scrollback-worker-wasm-bytes", parsed.memory_bytes as f64);
                let (dispatcher, bytes, file_name) = (dispatcher.clone(), Rc::clone(&bytes), file_name.clone());
                let (opened, waiting_analyses) = (Rc::clone(&opened), Rc::clone(&waiting_analyses));
                wasm_bindgen_futures::spawn_local(async move {
                    let result = open_parsed(*parsed, bytes, &file_name).await.map_err(|problem| format!("{file_name}: {problem}"));
                    dispatcher.dispatch(Action::Parsed { job: id, result });
                    opened.set(true);
                    if let Some(analyses) = waiting_analyses.borrow_mut().take() {
                        dispatcher.dispatch(Action::Analysed { job: id, analyses });
                    }
                });
            }
            ParseReply::Analysed(analyses) => {
                mark("scrollback:worker-analysed");
                set_root_figure("data-scrollback-worker-threads-ms", analyses.threads_ms);
                set_root_figure("data-scrollback-worker-agenda-ms", analyses.agenda_ms);
                if opened.get() {
                    dispatcher.dispatch(Action::Analysed { job: id, analyses: *analyses });
                } else {
                    *waiting_analyses.borrow_mut() = Some(*analyses);
                }
            }
            ParseReply::Refused(problem) => dispatcher.dispatch(Action::Parsed { job: id, result: Err(problem) }),
        }
    };
    let Some(url) = worker_url() else {
        dispatcher.dispatch(Action::Parsed { job: id, result: Err(format!("{}: the page cannot find its parse worker", job.file_name)) });
        return None;
    };
    let bridge = ParseWorker::spawner().encoding::<JsCodec>().callback(on_reply).spawn_with_loader(&url);
    // The text crosses once: the page keeps its bytes and gets back only the line table.
    timed("scrollback:send", || bridge.send(ParseRequest { file_name: job.file_name.clone(), format: job.format, bytes: SharedBytes(Rc::clone(&job.bytes)) }));
    Some(bridge)
}

/// The open log from the worker's reply, built in steps with a yield to the page between them,
/// so that no single task blocks the main thread for long: checking the text, reading the line
/// table, the roster and legend.
async fn open_parsed(mut parsed: ParsedLog, bytes: Rc<[u8]>, file_name: &str) -> Result<Shared<OpenLog>, String> {
    let yield_to_page = || gloo::timers::future::TimeoutFuture::new(0);
    let text = timed("scrollback:check-text", || parsed.take_text(bytes))?;
    yield_to_page().await;
    let detected_format = parsed.detected_format;
    let log = timed("scrollback:read-table", || parsed.into_log(text))?;
    yield_to_page().await;
    // Threads and agenda come from the worker next; until then the log shows without them.
    let open = timed("scrollback:roster", || OpenLog::with_analyses(log, file_name.to_owned(), Default::default(), Default::default()));
    Ok(Shared::new(OpenLog { detected_format, ..open }))
}

/// The worker script's address, relative to the document, so a viewer served from a sub-path
/// (`/logs/viewer/`) finds it there and not at the site's root.
fn worker_url() -> Option<String> {
    let base = gloo::utils::document().base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(WORKER_SCRIPT, &base).ok().map(|url| url.href())
}

/// Runs `work` between two marks and measures it as `name`, for the benchmark.
fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let (start, end) = (format!("{name}-start"), format!("{name}-end"));
    mark(&start);
    let result = work();
    mark(&end);
    super::web::measure(name, &start, &end);
    result
}

/// A figure on the root element, for the benchmark to read.
fn set_root_figure(name: &str, value: f64) {
    if let Some(root) = gloo::utils::document().document_element() {
        // In hundredths, as an integer: float formatting would cost the bundle a few KB.
        let _ = root.set_attribute(name, &format!("{}.{:02}", value as u64, (value * 100.0) as u64 % 100));
    }
}
