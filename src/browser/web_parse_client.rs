//! The page's side of its parse worker (wasm): one worker started with the page, each job
//! handed to it, and its replies opened in steps that keep the main thread free.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use super::web::mark;
use super::web_worker::{BlockCodec, ParseWorker};
use crate::state::{Action, FirstScreen, OpenLog, ParseJob, Shared, State};
use crate::transfer::{FromWorker, ParseReply, ParseRequest, ParsedLog, SharedBytes, ToWorker};

/// The worker's entry script beside `index.html` (`worker-loader.js`): it loads the glue Trunk
/// writes for `data-bin="scrollback-worker"`. gloo-worker's own `spawn` would start the worker
/// from a `blob:` URL, which a Content-Security-Policy would have to allow.
const WORKER_SCRIPT: &str = "worker-loader.js";

/// A worker whose wasm memory grew past this for a job is replaced when the job ends: wasm
/// memory never shrinks, and a worker kept warm for the next file should not hold on to a
/// million lines' worth of it.
const RETIRE_WORKER_AFTER_BYTES: u64 = 64 << 20;

thread_local! {
    /// The first screen of the big log the page's worker is reading: beside the reducer's state,
    /// which is copied for every action (`State::shown` decides whether it shows).
    static FIRST_SCREEN: RefCell<FirstScreen> = const { RefCell::new(None) };
}

/// The first screen of the log the page's worker is reading, if it sent one.
pub fn first_screen() -> FirstScreen {
    FIRST_SCREEN.with(|first_screen| first_screen.borrow().clone())
}

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
    /// The log's text, when the worker sent it ahead of the lines.
    text: Option<SharedBytes>,
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
        ParseWorker::spawner().encoding::<BlockCodec>().callback(on_reply).spawn_with_loader(url)
    }

    /// Hands `job` to the worker, which drops the one before.
    fn send(&self, job: &ParseJob) {
        let (current, dispatcher, id, name) = (Rc::clone(&self.current), self.dispatcher.clone(), job.id, job.file_name.clone());
        let watchdog = gloo::timers::callback::Timeout::new(WORKER_SILENT_MS, move || {
            let silent = current.borrow().as_ref().is_some_and(|current| current.job.id == id && !current.answered);
            if silent {
                let problem = format!("{name}: the page's parse worker did not start (worker-loader.js or its wasm could not be loaded); reload to try again");
                dispatcher.dispatch(Action::Parsed { job: id, result: Err(problem) });
            }
        });
        *self.current.borrow_mut() = Some(CurrentJob { job: job.clone(), opened: None, waiting: None, text: None, worker_bytes: 0, answered: false, _watchdog: Some(watchdog) });
        // The text crosses once: the page keeps its bytes and gets back only the line table.
        let message = match job.archived {
            Some(file) => ToWorker::OpenArchived { job: job.id, file, format: job.format },
            None => ToWorker::Parse(ParseRequest { job: job.id, file_name: job.file_name.clone(), format: job.format, notes: job.notes.clone(), bytes: SharedBytes(Rc::clone(&job.bytes)), demo: job.demo, folder: job.folder.to_vec() }),
        };
        timed("scrollback:send", || self.bridge.borrow().send(message));
    }

    /// Asks the worker to search its archive: search number `number`, for `query`.
    fn search(&self, number: u32, query: &str) {
        self.bridge.borrow().send(ToWorker::SearchArchive { job: number, query: query.to_owned(), limit: crate::state::ARCHIVE_HITS });
    }

    /// Stops the current job, if any, or ends a finished one: a worker grown big for it is
    /// replaced by a fresh one (dropping a bridge closes its worker).
    fn cancel(&self) {
        let Some(current) = self.current.borrow_mut().take() else { return };
        // The worker that holds an archive's files is kept: they live only there.
        if current.worker_bytes > RETIRE_WORKER_AFTER_BYTES && current.job.archived.is_none() {
            *self.bridge.borrow_mut() = WorkerClient::spawn(&self.url, &self.current, &self.dispatcher);
        } else {
            self.bridge.borrow().send(ToWorker::Cancel { job: current.job.id });
        }
    }
}

/// What the page does with a reply: progress, the log (opened in steps), the analyses, or why
/// the file could not be opened. Replies to any job but the current one are dropped.
fn on_reply(current: &Rc<RefCell<Option<CurrentJob>>>, id: u32, reply: ParseReply, dispatcher: &UseReducerDispatcher<State>) {
    // A search's answer is not a parse's: the reducer checks its number.
    if let ParseReply::ArchiveHits(hits) = reply {
        mark("scrollback:archive-hits");
        if let Ok(hits) = hits.hits() {
            dispatcher.dispatch(Action::ArchiveHits { search: id, hits });
        }
        return;
    }
    let Some(job) = current.borrow_mut().as_mut().filter(|current| current.job.id == id).map(|current| {
        current.answered = true;
        current.job.clone()
    }) else {
        return;
    };
    match reply {
        ParseReply::Progress { read, total } => {
            dispatcher.dispatch(Action::Progress { job: id, read, total });
        }
        ParseReply::Text(text) => {
            mark("scrollback:text-ahead");
            if let Some(current) = current.borrow_mut().as_mut() {
                current.text = Some(text);
            }
        }
        ParseReply::Parsed(parsed) => {
            // A big log's first lines come first, with their own text (`ParsedLog::first_screen`),
            // and before the whole log's text ahead: the whole log's figures then replace theirs.
            let first_screen = parsed.first_screen;
            if !first_screen {
                mark("scrollback:worker-parsed");
            }
            set_root_figure("data-scrollback-worker-parse-ms", parsed.parse_ms);
            set_root_figure("data-scrollback-worker-read-ms", parsed.read_ms);
            set_root_figure("data-scrollback-worker-reply-ms", parsed.reply_ms);
            set_root_figure("data-scrollback-worker-wasm-bytes", parsed.memory_bytes as f64);
            let text_sent_before = current.borrow_mut().as_mut().and_then(|current| {
                current.worker_bytes = parsed.memory_bytes;
                current.text.take()
            });
            let (dispatcher, current) = (dispatcher.clone(), Rc::clone(current));
            wasm_bindgen_futures::spawn_local(async move {
                let result = open_parsed(*parsed, &job, text_sent_before, first_screen).await.map_err(|problem| format!("{}: {problem}", job.file_name));
                // A malformed first screen is left out: the whole log follows, checked in turn.
                // The page shows it with the progress the worker sends after it.
                if first_screen {
                    FIRST_SCREEN.with(|first_screen| *first_screen.borrow_mut() = result.ok().map(|open| (id, open)));
                    return;
                }
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
        ParseReply::Archive(listing) => match listing.listing() {
            Ok(listing) => {
                mark("scrollback:archive-listed");
                // The newest log opens next in this job: named by its path, not the folder's.
                if let (Some(current), Some(newest)) = (current.borrow_mut().as_mut(), listing.files.last()) {
                    current.job.file_name = newest.source.clone();
                    current.job.archived = Some(listing.files.len() as u32 - 1);
                }
                dispatcher.dispatch(Action::ArchiveListed { job: id, listing });
            }
            Err(problem) => dispatcher.dispatch(Action::Parsed { job: id, result: Err(problem) }),
        },
        ParseReply::ArchiveHits(_) => {}
        ParseReply::MinutesOfOpenLog(minutes) => dispatcher.dispatch(Action::MinutesOfOpenLog { job: id, minutes: *minutes }),
        ParseReply::Refused(problem) => dispatcher.dispatch(Action::Parsed { job: id, result: Err(problem) }),
    }
}

/// Runs the page's parse worker, started with the page: `job` goes to it when it changes, and
/// `None` (a cancel, or the job done) stops whatever it was doing.
#[hook]
pub fn use_parse_worker(job: Option<ParseJob>, search: Option<(u32, Rc<str>)>, dispatcher: UseReducerDispatcher<State>) {
    let client: Rc<RefCell<Option<WorkerClient>>> = use_mut_ref(|| None);
    {
        let client = Rc::clone(&client);
        use_effect_with(search, move |search| {
            if let (Some((number, query)), Some(client)) = (search, client.borrow().as_ref()) {
                client.search(*number, query);
            }
        });
    }
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
/// table, then what the views derive from the log. A `first_screen` (which carries its text) is
/// opened as one ([`OpenLog::first_screen`]).
async fn open_parsed(mut parsed: ParsedLog, job: &ParseJob, text_sent_before: Option<SharedBytes>, first_screen: bool) -> Result<Shared<OpenLog>, String> {
    let text = timed("scrollback:check-text", || parsed.take_text(Rc::clone(&job.bytes), text_sent_before))?;
    // A zip's text is far bigger than its bytes: the text it unpacks to decides.
    let big = text.len() > BIG_LOG_BYTES;
    yield_to_page(big).await;
    let detected_format = parsed.detected_format;
    let (log, roster) = timed("scrollback:read-table", || parsed.into_log(text))?;
    yield_to_page(big).await;
    // Threads and agenda come from the worker next; until then the log shows without them.
    let name: Rc<str> = match &job.snippet {
        Some((title, _)) => title.clone(),
        None => job.file_name.clone().into(),
    };
    let open = timed("scrollback:derive", || OpenLog::from_parts(log, name, roster, Default::default(), Default::default()));
    let (first_line_number, snippet) = job.snippet.as_ref().map_or((1, false), |(_, first_line)| (*first_line, true));
    // The render that follows (the listing, the first rows) gets a task of its own.
    yield_to_page(big).await;
    Ok(Shared::new(OpenLog { detected_format, first_line_number, snippet, first_screen, ..open }))
}

/// The open log with the worker's threads and agenda, built in steps like [`open_parsed`]:
/// checking them against the log, then deriving what the views need (the timeline's bands).
async fn open_analysed(open: Shared<OpenLog>, analyses: crate::transfer::Analyses, id: u32, dispatcher: UseReducerDispatcher<State>) {
    let big = open.log.text.len() > BIG_LOG_BYTES;
    let result = match timed("scrollback:check-analyses", || analyses.checked(open.log.lines.len())) {
        Ok(checked) => {
            yield_to_page(big).await;
            let analysed = timed("scrollback:derive-analyses", || open.analysed(checked));
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
    mark_step(name, "-start");
    let result = work();
    mark_step(name, "-end");
    result
}

/// Marks the start or the end of step `name`; at its end, measures it. Not generic, so each
/// step timed adds no copy of it to the page.
#[inline(never)]
fn mark_step(name: &str, edge: &str) {
    mark(&[name, edge].concat());
    if edge == "-end" {
        super::web::measure(name, &[name, "-start"].concat(), &[name, edge].concat());
    }
}

/// A figure on the root element, for the benchmark to read.
fn set_root_figure(name: &str, value: f64) {
    if let Some(root) = gloo::utils::document().document_element() {
        // In hundredths, as an integer: float formatting would cost the bundle a few KB.
        let _ = root.set_attribute(name, &format!("{}.{:02}", value as u64, (value * 100.0) as u64 % 100));
    }
}
