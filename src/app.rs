//! The app's state and root component: which log is open, and opening another one.

use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::demo::{DEMO_FILE_NAME, DEMO_LOG};
use crate::input::check_input;
use crate::model::{DiagnosticKind, Log};
use crate::model::Format;
use crate::parse::decode::shared_plain_utf8;
use crate::parse::{detect, parse_text, parse_text_file, reparse};
use crate::transfer::parses_on_main_thread;
use crate::speakers::{Roster, Speaker};
use crate::listing::{Listing, Rules};
use crate::permalink::Anchor;
use crate::search::Query;
use crate::view::{Contents, Legend, LogHeader, LogView, Minutes, Overview, SearchBar, ShareBar, ThreadBar, Toolbar};

/// Big data shared by reference. Equal only when it is the same allocation, so a prop
/// comparison is O(1) and never walks a log.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// An open log and what the views derive from it, computed once when it is opened.
#[derive(Debug, Clone)]
pub struct OpenLog {
    /// Shared, so the same log can gain its threads and agenda (from the worker) without a copy.
    pub log: Rc<Log>,
    pub file_name: AttrValue,
    /// The format detection chose; `log.format` differs when the reader picked another.
    pub detected_format: Format,
    pub roster: Roster,
    /// The legend: speakers, most lines first.
    pub speakers: Vec<Speaker>,
    /// Line index → "clock jumps back 2 h here".
    pub clock_jumps: HashMap<usize, AttrValue>,
    /// Line index → the new date, where a day begins (after the first dated line).
    pub day_starts: HashMap<usize, chrono::NaiveDate>,
    /// Messages over time, for the timeline; `None` without times.
    pub activity: Option<Rc<crate::activity::Activity>>,
    /// The meeting's sections and MeetBot items.
    pub agenda: Rc<crate::agenda::Agenda>,
    /// The sections as line ranges, for the list.
    pub section_lines: Rc<[std::ops::RangeInclusive<usize>]>,
    /// Who answers whom: each message's parents and conversation.
    pub threads: Rc<crate::thread::Threads>,
    /// Line index → index of the minutes item said on it.
    pub items_by_line: HashMap<usize, usize>,
    /// The source line number of the first line: 1, or where a shared snippet began.
    pub first_line_number: usize,
    /// A snippet opened from a `#snippet=` link: its lines are not linked one by one.
    pub snippet: bool,
}

impl OpenLog {
    pub fn new(log: Log, file_name: impl Into<AttrValue>) -> OpenLog {
        let threads = crate::thread::analyse(&log);
        let agenda = crate::agenda::analyse(&log);
        OpenLog::with_analyses(log, file_name, threads, agenda)
    }

    /// Like [`OpenLog::new`] with the threads and agenda already found (by the parse worker).
    pub fn with_analyses(log: Log, file_name: impl Into<AttrValue>, threads: crate::thread::Threads, agenda: crate::agenda::Agenda) -> OpenLog {
        let clock_jumps = log
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.kind == DiagnosticKind::ClockJump)
            .map(|diagnostic| (diagnostic.line - 1, AttrValue::from(diagnostic.message.clone())))
            .collect();
        let roster = Roster::new(&log);
        let section_lines: Rc<[std::ops::RangeInclusive<usize>]> = agenda.sections.iter().map(|section| section.first..=section.last).collect();
        let activity = crate::activity::activity(&log, &roster).map(|activity| Rc::new(activity.with_sections(&log, &section_lines)));
        let day_starts = day_starts(&log);
        let threads = Rc::new(threads);
        let items_by_line = agenda.items.iter().enumerate().map(|(index, item)| (item.line, index)).collect();
        OpenLog {
            speakers: roster.ranked(),
            roster,
            detected_format: log.format,
            log: Rc::new(log),
            file_name: file_name.into(),
            clock_jumps,
            day_starts,
            activity,
            agenda: Rc::new(agenda),
            threads,
            section_lines,
            items_by_line,
            first_line_number: 1,
            snippet: false,
        }
    }

    /// This log with its threads and agenda, found by the parse worker after the rows were shown.
    pub fn analysed(&self, threads: crate::thread::Threads, agenda: crate::agenda::Agenda) -> OpenLog {
        let section_lines: Rc<[std::ops::RangeInclusive<usize>]> = agenda.sections.iter().map(|section| section.first..=section.last).collect();
        let activity = self.activity.as_ref().map(|activity| Rc::new((**activity).clone().with_sections(&self.log, &section_lines)));
        let items_by_line = agenda.items.iter().enumerate().map(|(index, item)| (item.line, index)).collect();
        OpenLog { threads: Rc::new(threads), agenda: Rc::new(agenda), section_lines, items_by_line, activity, ..self.clone() }
    }

    /// The same text read as `format` (`None`: detect again).
    pub fn read_as(&self, format: Option<Format>) -> OpenLog {
        let log = reparse(&self.log, Some(&self.file_name), format);
        OpenLog { detected_format: self.detected_format, ..OpenLog::new(log, self.file_name.clone()) }
    }

    pub fn demo() -> OpenLog {
        OpenLog::new(parse_text(Rc::from(DEMO_LOG), None), DEMO_FILE_NAME)
    }

    /// The lines of a `#snippet=` link, numbered as in the log they came from.
    pub fn from_snippet(snippet: crate::snippet::Snippet) -> OpenLog {
        let n_lines = snippet.text.lines().count().max(1);
        let name = format!("{}, lines {}–{}", snippet.file_name, snippet.first_line, snippet.first_line + n_lines - 1);
        let log = crate::parse::parse_text(Rc::from(snippet.text), Some(snippet.format));
        OpenLog { first_line_number: snippet.first_line, snippet: true, ..OpenLog::new(log, name) }
    }
}

/// Where the date changes from one dated line to the next.
fn day_starts(log: &Log) -> HashMap<usize, chrono::NaiveDate> {
    let mut starts = HashMap::new();
    let mut previous = None;
    // In the order shown: a newest-first file's blocks last to first.
    for index in log.display_ranges().into_iter().flatten() {
        let Some(date) = log.lines[index].time.and_then(|stamp| stamp.date) else { continue };
        if previous.is_some_and(|previous| previous != date) {
            starts.insert(index, date);
        }
        previous = Some(date);
    }
    starts
}

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
    /// `?format=`, when set.
    pub format: Option<Format>,
}

impl PartialEq for ParseJob {
    fn eq(&self, other: &ParseJob) -> bool {
        self.id == other.id
    }
}

impl Default for State {
    fn default() -> State {
        State::opened(Shared::new(OpenLog::demo()))
    }
}

impl State {
    /// A fresh state showing `open`.
    pub fn opened(open: Shared<OpenLog>) -> State {
        State { open, problem: None, dragging: false, forced_format: None, loading: None, parsing: None, jobs_started: 0 }
    }
}

pub enum Action {
    /// Parse and show these bytes, or say why not: small plain files at once, others in the worker.
    Open { file_name: String, bytes: Rc<[u8]> },
    /// The worker read this far into job `job`'s text.
    Progress { job: u32, read: u64, total: u64 },
    /// The worker's outcome for job `job`: the log to show, or why not.
    Parsed { job: u32, result: Result<Shared<OpenLog>, String> },
    /// The worker found the threads and agenda of the log it parsed.
    Analysed { job: u32, analyses: crate::transfer::Analyses },
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
            Action::Open { file_name, bytes } if !parses_on_main_thread(&bytes) => {
                let job = ParseJob { id: self.jobs_started.wrapping_add(1), file_name, bytes, format: self.forced_format };
                let loading = Loading { name: job.file_name.clone().into(), received: 0, total: Some(job.bytes.len() as u64), stage: Stage::Parsing };
                State { jobs_started: job.id, parsing: Some(job), loading: Some(loading), problem: None, dragging: false, ..(*self).clone() }
            }
            // Also stops a parse still running in the worker: the newest file wins.
            Action::Open { file_name, bytes } => match check_input(&bytes).map_err(|problem| problem.to_string()).and_then(|()| {
                shared_plain_utf8(bytes).map_err(|_| "the file is not plain UTF-8".to_owned())
            }) {
                Ok(text) => {
                    crate::browser::mark("scrollback:parse-start");
                    let log = parse_text_file(text, Some(&file_name), self.forced_format);
                    crate::browser::mark("scrollback:parse-end");
                    crate::browser::measure("scrollback:parse", "scrollback:parse-start", "scrollback:parse-end");
                    let open = match self.forced_format {
                        Some(_) => OpenLog { detected_format: detect(&log.text), ..OpenLog::new(log, file_name) },
                        None => OpenLog::new(log, file_name),
                    };
                    State { open: Shared::new(open), problem: None, dragging: false, loading: None, parsing: None, ..(*self).clone() }
                }
                Err(problem) => {
                    State { problem: Some(format!("{file_name}: {problem}").into()), dragging: false, loading: None, parsing: None, ..(*self).clone() }
                }
            },
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
                Err(problem) => State { problem: Some(problem.into()), loading: None, parsing: None, ..(*self).clone() },
            },
            Action::Analysed { job, analyses } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => {
                match analyses.checked(self.open.log.lines.len()) {
                    Ok((threads, agenda)) => State { open: Shared::new(self.open.analysed(threads, agenda)), loading: None, parsing: None, ..(*self).clone() },
                    Err(problem) => State { problem: Some(format!("{}: {problem}", self.open.file_name).into()), loading: None, parsing: None, ..(*self).clone() },
                }
            }
            // A reply from a job that was cancelled or replaced.
            Action::Progress { .. } | Action::Parsed { .. } | Action::Analysed { .. } => return self,
            Action::Cancel => State { loading: None, parsing: None, ..(*self).clone() },
            Action::Dragging(dragging) if dragging == self.dragging => return self,
            Action::Dragging(dragging) => State { dragging, ..(*self).clone() },
            Action::DismissProblem => State { problem: None, ..(*self).clone() },
            Action::ReadAs(format) => State { open: Shared::new(self.open.read_as(format)), ..(*self).clone() },
            Action::Loading(loading) => State { loading: Some(loading), problem: None, ..(*self).clone() },
            Action::Failed(problem) => State { problem: Some(problem.into()), loading: None, ..(*self).clone() },
            Action::ShowDemo => State { open: Shared::new(OpenLog::demo()), problem: None, ..(*self).clone() },
            Action::ForceFormat(format) => {
                State { open: Shared::new(self.open.read_as(Some(format))), forced_format: Some(format), ..(*self).clone() }
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
            Some(snippet) => State::opened(Shared::new(OpenLog::from_snippet(snippet))),
            None => State { problem: Some("This snippet link is damaged or cut short: ask for the link again.".into()), ..State::default() },
        },
        // A log is coming from `?src=`: show nothing rather than the demo meanwhile.
        None if crate::browser::query_param("src").is_some() => State::opened(Shared::new(OpenLog::new(parse_text(Rc::from(""), None), ""))),
        None => State::default(),
    });
    let onopen: OnOpen = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(file_name, bytes): (String, Rc<[u8]>), _| dispatcher.dispatch(Action::Open { file_name, bytes }))
    };
    {
        // A new job closes the previous job's worker; so do a cancel and the job's end.
        let dispatcher = state.dispatcher();
        use_effect_with(state.parsing.clone(), move |job| {
            let worker = job.as_ref().map(|job| crate::browser::parse_in_worker(job, dispatcher));
            // Dropping the bridge closes the worker (server-side there is none).
            move || {
                let _closing = worker;
            }
        });
    }
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

/// What the reader has asked to see: the search and filters, condensed joins, and the list of
/// rows that follows from them.
struct Reading {
    query_text: AttrValue,
    query: Rc<Query>,
    onquery: Callback<String>,
    /// Lines (0-based) whose text matches the search and that pass the filters.
    found: Rc<Vec<u32>>,
    /// Which match the URL hash is on (1-based).
    current_match: Option<usize>,
    onstep: Callback<bool>,
    highlight: Option<AttrValue>,
    picked: Option<AttrValue>,
    onpick: Callback<String>,
    condense: bool,
    oncondense: Callback<bool>,
    onexpand: Callback<usize>,
    /// Folded agenda sections, by index.
    collapsed: Rc<HashSet<usize>>,
    ontoggle: Callback<usize>,
    /// `true` folds every section, `false` opens them all.
    onall: Callback<bool>,
    /// `true` links the next section, `false` the previous one.
    onsection: Callback<bool>,
    /// The section at the top of the screen, for the table of contents.
    current_section: Option<usize>,
    /// The conversation chosen by a click (and a line of it), the one under the pointer, and
    /// whether only the chosen one is shown.
    chosen_thread: Option<(u32, usize)>,
    hovered_thread: Option<u32>,
    thread_only: bool,
    onchoose: Callback<Option<usize>>,
    onhover: Callback<Option<u32>>,
    onthreadonly: Callback<bool>,
    onvisible: Callback<usize>,
    listing: Shared<Listing>,
}

#[hook]
fn use_reading(open: &Shared<OpenLog>, anchor: Option<Anchor>) -> Reading {
    let query_text = use_state(String::new);
    let condense = use_state(|| true);
    let expanded = use_state(|| Rc::new(HashSet::<usize>::new()));
    let collapsed = use_state(|| Rc::new(HashSet::<usize>::new()));
    let visible_line = use_state(|| 0usize);
    let chosen_thread = use_state(|| None::<(u32, usize)>);
    let hovered_thread = use_state(|| None::<u32>);
    let thread_only = use_state(|| false);
    {
        let (expanded, collapsed) = (expanded.clone(), collapsed.clone());
        let (chosen_thread, thread_only) = (chosen_thread.clone(), thread_only.clone());
        use_effect_with(open.clone(), move |_| {
            expanded.set(Rc::default());
            collapsed.set(Rc::default());
            chosen_thread.set(None);
            thread_only.set(false);
        });
    }
    // A link into a folded section opens it.
    {
        let collapsed = collapsed.clone();
        use_effect_with((anchor, open.clone()), move |(anchor, open)| {
            let Some(anchor) = anchor else { return };
            let sections = (anchor.first() - 1..anchor.last()).filter_map(|line| crate::agenda::section_of(&open.agenda, line));
            let folded: Vec<usize> = sections.filter(|section| collapsed.contains(section)).collect();
            if !folded.is_empty() {
                let mut opened = (**collapsed).clone();
                for section in folded {
                    opened.remove(&section);
                }
                collapsed.set(Rc::new(opened));
            }
        });
    }
    let query = use_memo((*query_text).clone(), |text| Query::parse(text));
    let pinned = anchor.map(|anchor| anchor.first().saturating_sub(1)..=anchor.last().saturating_sub(1));
    let only_thread = (*thread_only).then_some(*chosen_thread).flatten().map(|(thread, _)| thread);
    // A linked line's section is open from the first render that shows the link (the effect
    // above then makes it so for good): the list never passes through a state without the line.
    let shown_collapsed: Rc<HashSet<usize>> = match anchor {
        Some(anchor) => {
            let linked: Vec<usize> = [anchor.first(), anchor.last()].iter().filter_map(|&line| crate::agenda::section_of(&open.agenda, line.saturating_sub(1))).collect();
            if linked.iter().any(|section| collapsed.contains(section)) {
                Rc::new(collapsed.iter().copied().filter(|section| !linked.contains(section)).collect())
            } else {
                (*collapsed).clone()
            }
        }
        None => (*collapsed).clone(),
    };
    let listing = (*use_memo((open.clone(), query.clone(), *condense, (*expanded).clone(), shown_collapsed.clone(), pinned, only_thread), |(open, query, condense, expanded, collapsed, pinned, only_thread)| {
        let in_thread = |line: usize| only_thread.is_none_or(|thread| open.threads.thread_of(line) == Some(thread));
        let keep = |line: usize| in_thread(line) && query.keeps(&open.log, &open.roster, line);
        let keep_all = |_: usize| true;
        let expanded_here = |line: usize| expanded.contains(&line);
        let folded = |section: usize| collapsed.contains(&section);
        let rules = Rules {
            keep: if query.filters() || only_thread.is_some() { &keep } else { &keep_all },
            condense_joins: *condense,
            expanded: &expanded_here,
            sections: &open.section_lines,
            collapsed: &folded,
            pinned: pinned.clone(),
        };
        Shared::new(Listing::build(&open.log, &rules))
    }))
    .clone();
    let found = use_memo((open.clone(), query.clone()), |(open, query)| {
        let lines = 0..open.log.lines.len();
        Rc::new(lines.filter(|&line| query.finds(&open.log, line) && query.keeps(&open.log, &open.roster, line)).map(|line| line as u32).collect::<Vec<u32>>())
    });
    let found = (*found).clone();
    let current_match = anchor.and_then(|anchor| found.binary_search(&(anchor.first().saturating_sub(1) as u32)).ok()).map(|index| index + 1);
    let onstep = {
        let found = found.clone();
        let open = open.clone();
        Callback::from(move |forward: bool| {
            let from = crate::browser::current_anchor(&open.log).map(|anchor| anchor.first() - 1);
            let next = match (forward, from) {
                (true, Some(from)) => found.iter().find(|&&line| line as usize > from).or(found.first()),
                (true, None) => found.first(),
                (false, Some(from)) => found.iter().rev().find(|&&line| (line as usize) < from).or(found.last()),
                (false, None) => found.last(),
            };
            if let Some(&line) = next {
                crate::browser::go_to_anchor(Anchor::Line(line as usize + 1));
            }
        })
    };
    let onquery = {
        let query_text = query_text.clone();
        Callback::from(move |text: String| query_text.set(text))
    };
    let picked = match query.from.as_slice() {
        [only] => open.speakers.iter().find(|speaker| crate::colour::normalise_nick(&speaker.nick) == *only).map(|speaker| AttrValue::from(speaker.nick.clone())),
        _ => None,
    };
    let onpick = {
        let query_text = query_text.clone();
        let picked = picked.clone();
        Callback::from(move |nick: String| {
            let again = picked.as_deref() == Some(nick.as_str());
            query_text.set(if again { String::new() } else { format!("from:{nick}") });
        })
    };
    let oncondense = {
        let condense = condense.clone();
        Callback::from(move |on: bool| condense.set(on))
    };
    let onexpand = {
        let expanded = expanded.clone();
        Callback::from(move |first: usize| {
            let mut more = (**expanded).clone();
            more.insert(first);
            expanded.set(Rc::new(more));
        })
    };
    let ontoggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |section: usize| {
            let mut changed = (**collapsed).clone();
            if !changed.remove(&section) {
                changed.insert(section);
            }
            collapsed.set(Rc::new(changed));
        })
    };
    let onall = {
        let collapsed = collapsed.clone();
        let n_sections = open.agenda.sections.len();
        Callback::from(move |fold: bool| collapsed.set(Rc::new(if fold { (0..n_sections).collect() } else { HashSet::new() })))
    };
    let onsection = {
        let open = open.clone();
        let visible_line = visible_line.clone();
        Callback::from(move |forward: bool| {
            let from = crate::browser::current_anchor(&open.log).map_or(*visible_line, |anchor| anchor.first() - 1);
            let starts = open.agenda.sections.iter().map(|section| section.first);
            let target = if forward { starts.clone().find(|&first| first > from) } else { starts.rev().find(|&first| first < from) };
            if let Some(first) = target {
                crate::browser::go_to_anchor(Anchor::Line(first + 1));
            }
        })
    };
    let onvisible = {
        let visible_line = visible_line.clone();
        Callback::from(move |line: usize| visible_line.set(line))
    };
    let current_section = crate::agenda::section_of(&open.agenda, *visible_line);
    let onchoose = {
        let (open, chosen_thread, thread_only) = (open.clone(), chosen_thread.clone(), thread_only.clone());
        Callback::from(move |line: Option<usize>| {
            let thread = line.and_then(|line| open.threads.thread_of(line).map(|thread| (thread, line)));
            let again = thread.map(|(thread, _)| thread) == chosen_thread.map(|(thread, _)| thread);
            chosen_thread.set(if again && line.is_some() { None } else { thread });
            if thread.is_none() || again {
                thread_only.set(false);
            }
        })
    };
    let onhover = {
        let hovered_thread = hovered_thread.clone();
        Callback::from(move |thread: Option<u32>| {
            if *hovered_thread != thread {
                hovered_thread.set(thread);
            }
        })
    };
    let onthreadonly = {
        let thread_only = thread_only.clone();
        Callback::from(move |only: bool| thread_only.set(only))
    };
    Reading {
        chosen_thread: *chosen_thread,
        hovered_thread: *hovered_thread,
        thread_only: *thread_only,
        onchoose,
        onhover,
        onthreadonly,
        collapsed: shown_collapsed,
        ontoggle,
        onall,
        onsection,
        current_section,
        onvisible,
        highlight: (!query.text.is_empty()).then(|| AttrValue::from(query.text.clone())),
        query_text: AttrValue::from((*query_text).clone()),
        query: query.clone(),
        onquery,
        found,
        current_match,
        onstep,
        picked,
        onpick,
        condense: *condense,
        oncondense,
        onexpand,
        listing,
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
