//! The app's state and root component: which log is open, and opening another one.

mod open_log;
mod reading;

pub use open_log::{OpenLog, Shared};
use reading::use_reading;

use std::rc::Rc;

use yew::prelude::*;

use crate::demo::{DEMO_FILE_NAME, DEMO_LOG};
use crate::model::{DiagnosticKind, Format};
use crate::view::{Contents, Legend, LogHeader, LogView, Minutes, Overview, SearchBar, ShareBar, ThreadBar, Toolbar};

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub open: Shared<OpenLog>,
    /// Why the last file could not be opened; the previous log stays open beneath it.
    pub problem: Option<AttrValue>,
    /// A file is being dragged over the page.
    pub dragging: bool,
    /// The format every log is read in (`?format=`), instead of detecting one.
    pub forced_format: Option<Format>,
    /// A log being fetched (`?src=`) or parsed in the worker, and how far it has come.
    pub loading: Option<Loading>,
    /// The file the worker is parsing; the open log stays until it is done.
    pub parsing: Option<ParseJob>,
    /// How many worker parses were started: the next job's id.
    pub jobs_started: u32,
    /// Files dropped together, opened one after another when the job before ends well (a log,
    /// then its minutes).
    pub queued: Vec<(String, Rc<[u8]>)>,
}

/// Progress of a fetch or a parse: bytes done, and the total when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub name: AttrValue,
    pub received: u64,
    pub total: Option<u64>,
    pub stage: Stage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Fetching,
    /// In the worker; this stage can be cancelled.
    Parsing,
    /// The log is shown; the worker is finding its threads and agenda.
    Analysing,
}

/// A file handed to the parse worker. The page keeps its bytes: they become the log's text.
/// Jobs compare by id, never by their bytes.
#[derive(Debug, Clone)]
pub struct ParseJob {
    pub id: u32,
    pub file_name: String,
    pub bytes: Rc<[u8]>,
    /// `?format=` or the reader's choice, when set.
    pub format: Option<Format>,
    /// Diagnostics of an earlier decoding of these bytes (a re-read keeps them).
    pub notes: Vec<crate::model::Diagnostic>,
    /// The lines of a shared snippet: the title to show, and the first line's number.
    pub snippet: Option<(AttrValue, usize)>,
}

impl ParseJob {
    /// A file to open as it is.
    pub fn file(file_name: impl Into<String>, bytes: Rc<[u8]>, format: Option<Format>) -> ParseJob {
        ParseJob { id: 0, file_name: file_name.into(), bytes, format, notes: Vec::new(), snippet: None }
    }

    /// The lines of a `#snippet=` link, numbered as in the log they came from.
    pub fn snippet(snippet: crate::snippet::Snippet) -> ParseJob {
        let n_lines = snippet.text.lines().count().max(1);
        let title = format!("{}, lines {}–{}", snippet.file_name, snippet.first_line, snippet.first_line + n_lines - 1);
        let bytes = Rc::from(snippet.text.into_bytes());
        ParseJob { snippet: Some((title.into(), snippet.first_line)), ..ParseJob::file(snippet.file_name, bytes, Some(snippet.format)) }
    }
}

impl PartialEq for ParseJob {
    fn eq(&self, other: &ParseJob) -> bool {
        self.id == other.id
    }
}

impl State {
    /// A fresh state showing `open`.
    pub fn opened(open: Shared<OpenLog>) -> State {
        State { open, problem: None, dragging: false, forced_format: None, loading: None, parsing: None, jobs_started: 0, queued: Vec::new() }
    }

    /// A fresh state with nothing shown yet, opening `job`.
    pub fn opening(job: ParseJob) -> State {
        State::opened(Shared::new(OpenLog::empty(""))).start(job)
    }

    /// The demo, opened by the worker like any file.
    #[cfg(target_arch = "wasm32")]
    pub fn demo() -> State {
        State::opening(ParseJob::file(DEMO_FILE_NAME, Rc::from(DEMO_LOG.as_bytes()), None))
    }

    /// The demo: server-side there is no worker, so the demo is parsed here.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn demo() -> State {
        State::opened(Shared::new(OpenLog::demo()))
    }

    /// This state with `job` handed to the worker: it replaces any job still running (the newest
    /// file wins), and the open log stays until the job's log is ready.
    fn start(&self, job: ParseJob) -> State {
        let job = ParseJob { id: self.jobs_started.wrapping_add(1), ..job };
        let loading = Loading { name: job.file_name.clone().into(), received: 0, total: Some(job.bytes.len() as u64), stage: Stage::Parsing };
        State { jobs_started: job.id, parsing: Some(job), loading: Some(loading), problem: None, dragging: false, ..self.clone() }
    }

    /// This state with the job done, and the next queued file started, if any (what went wrong
    /// with the file before stays said).
    fn done(self) -> State {
        match self.queued.split_first() {
            Some(((file_name, bytes), rest)) => {
                let (rest, problem) = (rest.to_vec(), self.problem.clone());
                State { queued: rest, problem, ..self.start(ParseJob::file(file_name.clone(), Rc::clone(bytes), self.forced_format)) }
            }
            None => self,
        }
    }

    /// The open log's text again, read as `format` (`None`: detect again), keeping what
    /// decoding it said and where a snippet's lines begin.
    fn reread(&self, format: Option<Format>) -> State {
        let open = &self.open;
        let notes = open.log.diagnostics.iter().filter(|diagnostic| matches!(diagnostic.kind, DiagnosticKind::Encoding | DiagnosticKind::LaidOut)).cloned().collect();
        let snippet = open.snippet.then(|| (open.file_name.clone(), open.first_line_number));
        let bytes: Rc<[u8]> = Rc::from(open.log.text.as_bytes());
        self.start(ParseJob { notes, snippet, ..ParseJob::file(open.file_name.as_str(), bytes, format) })
    }
}

pub enum Action {
    /// Parse and show these bytes in the worker, or say why not.
    Open { file_name: String, bytes: Rc<[u8]> },
    /// Files dropped together: each in turn, logs first.
    OpenInTurn(Vec<(String, Rc<[u8]>)>),
    /// The worker read this far into job `job`'s text.
    Progress { job: u32, read: u64, total: u64 },
    /// The worker's outcome for job `job`: the log to show, or why not.
    Parsed { job: u32, result: Result<Shared<OpenLog>, String> },
    /// The open log again with the threads and agenda the worker found, or why they were refused.
    Analysed { job: u32, result: Result<Shared<OpenLog>, String> },
    /// Job `job` was MeetBot's minutes of the open log: their agenda, over it.
    MinutesOfOpenLog { job: u32, minutes: crate::transfer::MinutesOfOpenLog },
    /// Stop the worker's parse and keep the open log.
    Cancel,
    Dragging(bool),
    DismissProblem,
    /// Read the open log as this format; `None` goes back to the detected one.
    ReadAs(Option<Format>),
    /// Read every log as this format from now on (`?format=`).
    ForceFormat(Format),
    /// A fetch made progress.
    Loading(Loading),
    /// Opening failed before there were bytes to read (a refused address, a failed fetch).
    Failed(String),
    /// Back to the demo log (after the kept log is forgotten).
    ShowDemo,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = match action {
            Action::Open { file_name, bytes } => State { queued: Vec::new(), ..self.start(ParseJob::file(file_name, bytes, self.forced_format)) },
            // Logs before what may be their minutes (`NAME.log.txt` before `NAME.txt`).
            Action::OpenInTurn(mut files) => {
                files.sort_by_key(|(file_name, _)| !file_name.contains(".log."));
                let mut files = files.into_iter();
                let Some((file_name, bytes)) = files.next() else { return self };
                State { queued: files.collect(), ..self.start(ParseJob::file(file_name, bytes, self.forced_format)) }
            }
            Action::Progress { job, read, total } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => {
                let name = self.loading.as_ref().map(|loading| loading.name.clone()).unwrap_or_default();
                State { loading: Some(Loading { name, received: read, total: Some(total), stage: Stage::Parsing }), ..(*self).clone() }
            }
            Action::Parsed { job, result } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => match result {
                // The worker goes on to the threads and agenda: the job ends when they come.
                Ok(open) => {
                    let loading = Loading { name: open.file_name.clone(), received: 0, total: None, stage: Stage::Analysing };
                    State { open, problem: None, loading: Some(loading), ..(*self).clone() }
                }
                Err(problem) => State { problem: Some(problem.into()), loading: None, parsing: None, ..(*self).clone() }.done(),
            },
            Action::Analysed { job, result } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => match result {
                // Only for the log it was found in: the same text, not a copy of it.
                Ok(open) if Rc::ptr_eq(&open.log, &self.open.log) => State { open, loading: None, parsing: None, ..(*self).clone() }.done(),
                Ok(_) => State { loading: None, parsing: None, ..(*self).clone() },
                Err(problem) => State { problem: Some(format!("{}: {problem}", self.open.file_name).into()), loading: None, parsing: None, ..(*self).clone() },
            },
            Action::MinutesOfOpenLog { job, minutes } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => {
                match minutes.checked(&self.open.log) {
                    Ok((agenda, note)) => State { open: Shared::new(self.open.with_agenda(agenda, Some(note))), loading: None, parsing: None, ..(*self).clone() }.done(),
                    Err(problem) => State { problem: Some(problem.into()), loading: None, parsing: None, ..(*self).clone() }.done(),
                }
            }
            // A reply from a job that was cancelled or replaced.
            Action::Progress { .. } | Action::Parsed { .. } | Action::Analysed { .. } | Action::MinutesOfOpenLog { .. } => return self,
            Action::Cancel => State { loading: None, parsing: None, queued: Vec::new(), ..(*self).clone() },
            Action::Dragging(dragging) if dragging == self.dragging => return self,
            Action::Dragging(dragging) => State { dragging, ..(*self).clone() },
            Action::DismissProblem => State { problem: None, ..(*self).clone() },
            Action::ReadAs(format) => self.reread(format),
            Action::Loading(loading) => State { loading: Some(loading), problem: None, ..(*self).clone() },
            Action::Failed(problem) => State { problem: Some(problem.into()), loading: None, ..(*self).clone() },
            Action::ShowDemo => self.start(ParseJob::file(DEMO_FILE_NAME, Rc::from(DEMO_LOG.as_bytes()), None)),
            // A file still being read restarts in the format; a shown one is read again.
            Action::ForceFormat(format) => {
                let forced = State { forced_format: Some(format), ..(*self).clone() };
                match &self.parsing {
                    Some(job) => forced.start(ParseJob { format: Some(format), ..job.clone() }),
                    // Nothing shown yet (a `?src=` log on its way): it is read in the format when it comes.
                    None if self.open.log.lines.is_empty() => forced,
                    None => forced.reread(Some(format)),
                }
            }
        };
        Rc::new(state)
    }
}

/// The callback every way of opening a log ends in: drop, picker and paste.
pub type OnOpen = Callback<(String, Rc<[u8]>)>;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The log to open with; the demo when absent. The static export passes its file here.
    #[prop_or_default]
    pub initial: Option<Shared<OpenLog>>,
    /// A static page (the export): no controls that need the app running.
    #[prop_or_default]
    pub standalone: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let snippet_link = use_memo((), |_| crate::browser::snippet_in_hash());
    let state = use_reducer(move || match initial {
        Some(open) => State::opened(open),
        None if snippet_link.is_some() => match snippet_link.as_deref().and_then(crate::snippet::Snippet::decode) {
            Some(snippet) => State::opening(ParseJob::snippet(snippet)),
            None => State { problem: Some("This snippet link is damaged or cut short: ask for the link again.".into()), ..State::demo() },
        },
        // A log is coming from `?src=`: show nothing rather than the demo meanwhile.
        None if crate::browser::query_param("src").is_some() => State::opened(Shared::new(OpenLog::empty(""))),
        None => State::demo(),
    });
    let onopen: OnOpen = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(file_name, bytes): (String, Rc<[u8]>), _| dispatcher.dispatch(Action::Open { file_name, bytes }))
    };
    // Every job goes to the page's one parse worker; a cancel or a new job stops the last.
    crate::browser::use_parse_worker(state.parsing.clone(), state.dispatcher());
    let oncancel = {
        let dispatcher = state.dispatcher();
        use_callback((), move |_: MouseEvent, _| dispatcher.dispatch(Action::Cancel))
    };
    let embedded = crate::browser::use_embedded();
    let interactive = !embedded && !props.standalone;
    let kept = {
        let dispatcher = state.dispatcher();
        let restore = interactive && props.initial.is_none() && crate::browser::query_param("src").is_none() && crate::browser::snippet_in_hash().is_none();
        crate::browser::use_kept_log(state.open.clone(), onopen, restore, Callback::from(move |_| dispatcher.dispatch(Action::ShowDemo)))
    };
    let onopen = kept.keeping.clone();
    crate::browser::use_page_drop_and_paste(state.dispatcher(), onopen.clone(), interactive);
    crate::browser::use_post_height(embedded);
    crate::browser::use_format_from_query(state.dispatcher());
    crate::browser::use_theme();
    crate::browser::use_source_from_query(state.dispatcher(), onopen.clone());
    let onformat = {
        let dispatcher = state.dispatcher();
        use_callback((), move |format: Option<Format>, _| dispatcher.dispatch(Action::ReadAs(format)))
    };
    let ondismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::DismissProblem))
    };
    let link = crate::browser::use_hash_link();
    let open = &state.open;
    // A time link is looked up in the log once per log and link, not on every render.
    let anchor = *use_memo((link, open.clone()), |(link, open)| link.and_then(|link| link.resolve(&open.log)));
    let showing_help = use_state(|| false);
    let onhelp = {
        let showing_help = showing_help.clone();
        use_callback((), move |show: bool, _| showing_help.set(show))
    };
    let reading = use_reading(open, anchor);
    crate::browser::use_reading_keys(open.clone(), onhelp.clone(), reading.onstep.clone(), reading.onsection.clone());
    html! {
        <main class={classes!("app", props.standalone.then_some("standalone"), embedded.then_some("embedded"))} aria-label="scrollback log viewer">
            if embedded {
                <nav class="embed-bar" aria-label="scrollback">
                    <span class="brand">{"scrollback"}</span>
                    <a class="open-full" href={crate::browser::full_viewer_url()} target="_blank" rel="noopener noreferrer">{"Open in full viewer ↗"}</a>
                </nav>
            } else if !props.standalone {
                <Toolbar onopen={onopen} kept={kept.name.clone().filter(|name| *name == state.open.file_name)} onforget={kept.forget.clone()} />
            }
            if let Some(loading) = &state.loading {
                <div class="loading" role="status" data-stage={match loading.stage { Stage::Parsing => "parsing", Stage::Analysing => "analysing", Stage::Fetching => "fetching" }}>
                    if loading.stage == Stage::Analysing {
                        <span>{format!("Finding the conversations and the agenda of {}…", loading.name)}</span>
                        // No value: the bar shows work under way without a measure.
                        <progress />
                    } else {
                        <span>{format!("{} {}: {}", if loading.stage == Stage::Parsing { "Reading" } else { "Loading" }, loading.name, progress_text(loading))}</span>
                        <progress max={loading.total.unwrap_or(0).to_string()} value={loading.received.to_string()} />
                    }
                    if loading.stage != Stage::Fetching {
                        <button type="button" class="button cancel" onclick={oncancel}>{"Cancel"}</button>
                    }
                </div>
            }
            if let Some(problem) = &state.problem {
                <div class="problem" role="alert">
                    <span>{problem.clone()}</span>
                    <button type="button" class="dismiss" onclick={ondismiss} aria-label="Dismiss">{"×"}</button>
                </div>
            }
            <LogHeader open={open.clone()} onformat={onformat} />
            <div class="layout">
                <div class="sidebar-column">
                    <Contents open={open.clone()} current={reading.current_section} collapsed={reading.collapsed.clone()} onall={reading.onall.clone()} />
                    <Legend open={open.clone()} onpick={reading.onpick.clone()} picked={reading.picked.clone()} />
                </div>
                <div class="reading">
                    <Overview open={open.clone()} />
                    <Minutes open={open.clone()} />
                    <div class="controls">
                        <SearchBar query={reading.query_text.clone()} onquery={reading.onquery.clone()} n_found={reading.found.len()} current={reading.current_match}
                            filtering={reading.query.filters()} n_kept={reading.listing.len()} onstep={reading.onstep.clone()}
                            condense={reading.condense} oncondense={reading.oncondense.clone()} />
                        <ShareBar open={open.clone()} anchor={anchor} />
                        <ThreadBar open={open.clone()} thread={reading.chosen_thread} only={reading.thread_only} ononly={reading.onthreadonly.clone()}
                            onclear={reading.onchoose.reform(|_| None)} />
                    </div>
                    <LogView open={open.clone()} listing={reading.listing.clone()} anchor={anchor} highlight={reading.highlight.clone()} onexpand={reading.onexpand.clone()}
                        collapsed={reading.collapsed.clone()} ontoggle={reading.ontoggle.clone()} onvisible={reading.onvisible.clone()}
                        lit_thread={reading.hovered_thread.or(reading.chosen_thread.map(|(thread, _)| thread))} onchoose={reading.onchoose.clone()} onhover={reading.onhover.clone()} />
                </div>
            </div>
            if *showing_help {
                <KeyboardHelp onclose={onhelp.reform(|_| false)} />
            }
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{"Drop the log to open it"}</p></div>
            }
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct KeyboardHelpProps {
    onclose: Callback<()>,
}

/// The `?` overlay: the keys, and a way out by mouse or touch too.
#[component]
fn KeyboardHelp(props: &KeyboardHelpProps) -> Html {
    const KEYS: [(&str, &str); 11] = [
        ("j", "next message"),
        ("k", "previous message"),
        ("/", "search"),
        ("n", "next match (Enter in the box)"),
        ("N", "previous match (Shift+Enter)"),
        ("]", "next agenda section"),
        ("[", "previous agenda section"),
        ("t", "light or dark"),
        ("?", "this help"),
        ("Esc", "close this help"),
        ("Shift-click a line number", "link a range"),
    ];
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <div class="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="help">
                <h2 id="help-title">{"Keyboard"}</h2>
                <dl>
                    { for KEYS.iter().map(|(key, what)| html! { <><dt><kbd>{*key}</kbd></dt><dd>{*what}</dd></> }) }
                </dl>
                <button type="button" class="button" onclick={onclose}>{"Close"}</button>
            </div>
        </div>
    }
}

/// `1.2 of 9.6 MB`, or `1.2 MB` when the server gave no length.
fn progress_text(loading: &Loading) -> String {
    // Tenths in integers: float formatting would cost the bundle a few KB.
    let megabytes = |bytes: u64| format!("{}.{}", bytes / 1_000_000, bytes / 100_000 % 10);
    match loading.total {
        Some(total) => format!("{} of {} MB", megabytes(loading.received), megabytes(total)),
        None => format!("{} MB", megabytes(loading.received)),
    }
}

/// Mounts the app on the page (browser only).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    crate::browser::install_panic_banner();
    crate::browser::watch_csp_violations();
    yew::Renderer::<App>::new().render();
}
