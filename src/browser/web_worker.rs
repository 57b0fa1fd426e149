//! Browser glue for the parse worker (wasm): the gloo worker that parses a big file a slice at a
//! time, and starting it from the page for a [`ParseJob`].

use std::cell::RefCell;
use std::rc::Rc;

use gloo::worker::{Codec, HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::web::mark;
use crate::app::{Action, OpenLog, ParseJob, Shared, State};
use crate::transfer::{FromWorker, ParseReply, ParseRequest, ParsedLog, PreviousLog, SharedBytes, ToWorker, WorkerParse};

/// Text read between progress reports and chances to be stopped: about 10 ms of parsing.
const SLICE_BYTES: usize = 4_000_000;

/// The worker's entry script beside `index.html` (`worker-loader.js`): it loads the glue Trunk
/// writes for `data-bin="scrollback-worker"`. gloo-worker's own `spawn` would start the worker
/// from a `blob:` URL, which a Content-Security-Policy would have to allow.
const WORKER_SCRIPT: &str = "worker-loader.js";

/// Parses one file at a time, in slices. Between slices it yields to its message queue, so that
/// a new file or a cancel from the page is seen mid-parse. It lives as long as the page: its
/// wasm is fetched and compiled once, not for every file.
pub struct ParseWorker {
    parse: Option<RunningParse>,
    /// The parsed log of job `.1`, kept after the reply to find its threads and agenda next.
    analysing: Option<(HandlerId, u32, PreviousLog)>,
    /// The last log the page opened: minutes of it, or a log of it if it is minutes, link to it.
    previous: Option<PreviousLog>,
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
}

impl Worker for ParseWorker {
    type Message = NextSlice;
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> ParseWorker {
        ParseWorker { parse: None, analysing: None, previous: None }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, NextSlice(job): NextSlice) {
        if self.analysing.as_ref().is_some_and(|(_, analysing, _)| *analysing == job) {
            let Some((asker, job, parsed)) = self.analysing.take() else { return };
            let mut analyses = crate::transfer::Analyses::of(&parsed.log, &now_ms);
            if let Some(previous) = &self.previous {
                previous.lay_over(&parsed.log, &mut analyses);
            }
            ParseWorker::respond(scope, asker, job, ParseReply::Analysed(Box::new(analyses)));
            self.previous = Some(parsed);
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
        ParseWorker::respond(scope, asker, job, ParseReply::Parsed(Box::new(parsed)));
        // The rows go up first; the threads and agenda follow in the next task.
        self.analysing = Some((asker, job, PreviousLog { file_name, log }));
        scope.send_future(next_task(job));
    }

    fn received(&mut self, scope: &WorkerScope<Self>, message: ToWorker, asker: HandlerId) {
        match message {
            ToWorker::Parse(request) => {
                let started_ms = now_ms();
                let (job, file_name) = (request.job, request.file_name.clone());
                // The newest file wins: whatever was under way is dropped. A log whose rows
                // went up already is the page's now, analysed or not.
                self.parse = None;
                if let Some((_, _, parsed)) = self.analysing.take() {
                    self.previous = Some(parsed);
                }
                match WorkerParse::begin(request) {
                    Ok(parse) => {
                        ParseWorker::respond(scope, asker, job, parse.progress());
                        self.parse = Some(RunningParse { asker, job, file_name, parse, started_ms, reading_ms: 0.0 });
                        scope.send_future(next_task(job));
                    }
                    Err(problem) => ParseWorker::respond(scope, asker, job, ParseReply::Refused(problem)),
                }
            }
            ToWorker::Cancel { job } => {
                if self.parse.as_ref().is_some_and(|running| running.job == job) {
                    self.parse = None;
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

/// A worker whose wasm memory grew past this for a job is replaced when the job ends: wasm
/// memory never shrinks, and a worker kept warm for the next file should not hold on to a
/// million lines' worth of it.
const RETIRE_WORKER_AFTER_BYTES: u64 = 64 << 20;

/// The page's side of its parse worker: the bridge, and the job it is working on.
struct WorkerClient {
    bridge: RefCell<WorkerBridge<ParseWorker>>,
    current: Rc<RefCell<Option<CurrentJob>>>,
    dispatcher: UseReducerDispatcher<State>,
    url: String,
}

/// The job the worker is on, and how far its reply has come.
struct CurrentJob {
    job: ParseJob,
    /// The log once open (`open_parsed` is done); until then the analyses wait in `waiting`,
    /// or they would be checked against the previous log.
    opened: Option<Shared<OpenLog>>,
    waiting: Option<crate::transfer::Analyses>,
    /// The worker's wasm memory when it sent the log.
    worker_bytes: u64,
    /// The worker has answered about this job (it answers at once when it gets it).
    answered: bool,
    /// Says the worker did not start if it stays silent; dropped (so stopped) with the job.
    _watchdog: Option<gloo::timers::callback::Timeout>,
}

/// How long the page waits for the worker's first answer before saying it did not start
/// (its script or wasm failed to load: gloo-worker reports no error for that). Generous, for
/// a slow network fetching the worker's wasm.
const WORKER_SILENT_MS: u32 = 30_000;

impl WorkerClient {
    fn start(dispatcher: UseReducerDispatcher<State>) -> Result<WorkerClient, String> {
        let url = worker_url().ok_or("the page cannot find its parse worker")?;
        let current: Rc<RefCell<Option<CurrentJob>>> = Rc::default();
        let bridge = RefCell::new(WorkerClient::spawn(&url, &current, &dispatcher));
        Ok(WorkerClient { bridge, current, dispatcher, url })
    }

    fn spawn(url: &str, current: &Rc<RefCell<Option<CurrentJob>>>, dispatcher: &UseReducerDispatcher<State>) -> WorkerBridge<ParseWorker> {
        let (current, dispatcher) = (Rc::clone(current), dispatcher.clone());
        let on_reply = move |FromWorker { job, reply }: FromWorker| on_reply(&current, job, reply, &dispatcher);
        ParseWorker::spawner().encoding::<JsCodec>().callback(on_reply).spawn_with_loader(url)
    }

    /// Hands `job` to the worker, which drops the one before.
    fn send(&self, job: &ParseJob) {
        mark("scrollback:worker-start");
        let (current, dispatcher, id, name) = (Rc::clone(&self.current), self.dispatcher.clone(), job.id, job.file_name.clone());
        let watchdog = gloo::timers::callback::Timeout::new(WORKER_SILENT_MS, move || {
            let silent = current.borrow().as_ref().is_some_and(|current| current.job.id == id && !current.answered);
            if silent {
                let problem = format!("{name}: the page's parse worker did not start (worker-loader.js or its wasm could not be loaded); reload to try again");
                dispatcher.dispatch(Action::Parsed { job: id, result: Err(problem) });
            }
        });
        *self.current.borrow_mut() = Some(CurrentJob { job: job.clone(), opened: None, waiting: None, worker_bytes: 0, answered: false, _watchdog: Some(watchdog) });
        // The text crosses once: the page keeps its bytes and gets back only the line table.
        let request = ParseRequest { job: job.id, file_name: job.file_name.clone(), format: job.format, notes: job.notes.clone(), bytes: SharedBytes(Rc::clone(&job.bytes)) };
        timed("scrollback:send", || self.bridge.borrow().send(ToWorker::Parse(request)));
    }

    /// Stops the current job, if any, or ends a finished one: a worker grown big for it is
    /// replaced by a fresh one (dropping a bridge closes its worker).
    fn cancel(&self) {
        let Some(current) = self.current.borrow_mut().take() else { return };
        if current.worker_bytes > RETIRE_WORKER_AFTER_BYTES {
            *self.bridge.borrow_mut() = WorkerClient::spawn(&self.url, &self.current, &self.dispatcher);
        } else {
            self.bridge.borrow().send(ToWorker::Cancel { job: current.job.id });
        }
    }
}

/// What the page does with a reply: progress, the log (opened in steps), the analyses, or why
/// the file could not be opened. Replies to any job but the current one are dropped.
fn on_reply(current: &Rc<RefCell<Option<CurrentJob>>>, id: u32, reply: ParseReply, dispatcher: &UseReducerDispatcher<State>) {
    let Some(job) = current.borrow_mut().as_mut().filter(|current| current.job.id == id).map(|current| {
        current.answered = true;
        current.job.clone()
    }) else {
        return;
    };
    match reply {
        ParseReply::Progress { read, total } => {
            mark("scrollback:worker-progress");
            dispatcher.dispatch(Action::Progress { job: id, read, total });
        }
        ParseReply::Parsed(parsed) => {
            mark("scrollback:worker-parsed");
            set_root_figure("data-scrollback-worker-parse-ms", parsed.parse_ms);
            set_root_figure("data-scrollback-worker-read-ms", parsed.read_ms);
            set_root_figure("data-scrollback-worker-reply-ms", parsed.reply_ms);
            set_root_figure("data-scrollback-worker-wasm-bytes", parsed.memory_bytes as f64);
            if let Some(current) = current.borrow_mut().as_mut() {
                current.worker_bytes = parsed.memory_bytes;
            }
            let (dispatcher, current) = (dispatcher.clone(), Rc::clone(current));
            wasm_bindgen_futures::spawn_local(async move {
                let result = open_parsed(*parsed, &job).await.map_err(|problem| format!("{}: {problem}", job.file_name));
                let opened = result.as_ref().ok().cloned();
                dispatcher.dispatch(Action::Parsed { job: id, result });
                let waiting = match (current.borrow_mut().as_mut().filter(|current| current.job.id == id), &opened) {
                    (Some(current), Some(open)) => {
                        current.opened = Some(open.clone());
                        current.waiting.take()
                    }
                    _ => None,
                };
                if let (Some(analyses), Some(open)) = (waiting, opened) {
                    open_analysed(open, analyses, id, dispatcher).await;
                }
            });
        }
        ParseReply::Analysed(analyses) => {
            mark("scrollback:worker-analysed");
            set_root_figure("data-scrollback-worker-threads-ms", analyses.threads_ms);
            set_root_figure("data-scrollback-worker-agenda-ms", analyses.agenda_ms);
            let opened = {
                let mut current = current.borrow_mut();
                let Some(current) = current.as_mut().filter(|current| current.job.id == id) else { return };
                if current.opened.is_none() {
                    current.waiting = Some(*analyses);
                    return;
                }
                current.opened.clone()
            };
            if let Some(open) = opened {
                wasm_bindgen_futures::spawn_local(open_analysed(open, *analyses, id, dispatcher.clone()));
            }
        }
        ParseReply::MinutesOfOpenLog(minutes) => dispatcher.dispatch(Action::MinutesOfOpenLog { job: id, minutes: *minutes }),
        ParseReply::Refused(problem) => dispatcher.dispatch(Action::Parsed { job: id, result: Err(problem) }),
    }
}

/// Runs the page's parse worker, started with the page: `job` goes to it when it changes, and
/// `None` (a cancel, or the job done) stops whatever it was doing.
#[hook]
pub fn use_parse_worker(job: Option<ParseJob>, dispatcher: UseReducerDispatcher<State>) {
    let client: Rc<RefCell<Option<WorkerClient>>> = use_mut_ref(|| None);
    use_effect_with(job, move |job| {
        let mut client = client.borrow_mut();
        if client.is_none() {
            match WorkerClient::start(dispatcher.clone()) {
                Ok(started) => *client = Some(started),
                Err(problem) => {
                    if let Some(job) = job {
                        dispatcher.dispatch(Action::Parsed { job: job.id, result: Err(format!("{}: {problem}", job.file_name)) });
                    }
                    return;
                }
            }
        }
        let Some(client) = client.as_ref() else { return };
        match job {
            Some(job) => client.send(job),
            None => client.cancel(),
        }
    });
}

/// The open log from the worker's reply, built in steps with a yield to the page between them,
/// so that no single task blocks the main thread for long: checking the text, reading the line
/// table, then what the views derive from the log.
async fn open_parsed(mut parsed: ParsedLog, job: &ParseJob) -> Result<Shared<OpenLog>, String> {
    let big = job.bytes.len() > BIG_LOG_BYTES;
    let text = timed("scrollback:check-text", || parsed.take_text(Rc::clone(&job.bytes)))?;
    yield_to_page(big).await;
    let detected_format = parsed.detected_format;
    let (log, roster) = timed("scrollback:read-table", || parsed.into_log(text))?;
    yield_to_page(big).await;
    let name: AttrValue = match &job.snippet {
        Some((title, _)) => title.clone(),
        None => job.file_name.clone().into(),
    };
    // Threads and agenda come from the worker next; until then the log shows without them.
    let open = timed("scrollback:derive", || OpenLog::from_parts(log, name, roster, Default::default(), Default::default()));
    let (first_line_number, snippet) = job.snippet.as_ref().map_or((1, false), |(_, first_line)| (*first_line, true));
    // The render that follows (the listing, the first rows) gets a task of its own.
    yield_to_page(big).await;
    Ok(Shared::new(OpenLog { detected_format, first_line_number, snippet, ..open }))
}

/// The open log with the worker's threads and agenda, built in steps like [`open_parsed`]:
/// checking them against the log, then deriving what the views need (the timeline's bands).
async fn open_analysed(open: Shared<OpenLog>, analyses: crate::transfer::Analyses, id: u32, dispatcher: UseReducerDispatcher<State>) {
    let big = open.log.text.len() > BIG_LOG_BYTES;
    let result = match timed("scrollback:check-analyses", || analyses.checked(open.log.lines.len())) {
        Ok((threads, agenda, minutes)) => {
            yield_to_page(big).await;
            let analysed = timed("scrollback:derive-analyses", || open.analysed(threads, agenda, minutes));
            yield_to_page(big).await;
            Ok(Shared::new(analysed))
        }
        Err(problem) => Err(problem),
    };
    dispatcher.dispatch(Action::Analysed { job: id, result });
}

/// Logs over this size are opened in several tasks; smaller ones in one, which is sooner.
const BIG_LOG_BYTES: usize = 4_000_000;

/// Lets the page run (input, paint) before the next step, when `big`.
async fn yield_to_page(big: bool) {
    if big {
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
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
