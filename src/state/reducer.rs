//! The app's state as a reducer: the open log, the worker's job and what waits after it, and
//! what each action (a file opened, a reply from the worker, a cancel) makes of them.

use std::rc::Rc;

use super::{ArchiveState, OpenLog, Shared};
use crate::demo::DEMO_FILE_NAME;
use crate::model::{DiagnosticKind, Format};

/// What the page shows, and what it is opening.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub open: Shared<OpenLog>,
    /// Why the last file could not be opened; the previous log stays open beneath it.
    pub problem: Option<Rc<str>>,
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
    /// The archive of logs dropped (a folder, a zip, several files), when it is one.
    pub archive: Option<ArchiveState>,
    /// How many archive searches were asked for: the next one's number.
    pub searches: u32,
}

/// Progress of a fetch or a parse: bytes done, and the total when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub name: Rc<str>,
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
    pub snippet: Option<(Rc<str>, usize)>,
    /// The demo log, whose text only the worker carries (`bytes` is empty).
    pub demo: bool,
    /// What the page goes on saying once this job's log opens: why it shows the demo instead.
    pub said_after: Option<Rc<str>>,
    /// A dropped folder's files, when `bytes` is them one after another: path and length.
    pub folder: Rc<[(String, u32)]>,
    /// A log of the archive the worker holds, by id (`bytes` is empty: the worker has them).
    pub archived: Option<u32>,
}

impl ParseJob {
    /// A file to open as it is.
    pub fn file(file_name: impl Into<String>, bytes: Rc<[u8]>, format: Option<Format>) -> ParseJob {
        ParseJob { id: 0, file_name: file_name.into(), bytes, format, notes: Vec::new(), snippet: None, demo: false, said_after: None, folder: Rc::from([]), archived: None }
    }

    /// The demo log, read by the worker from its own copy: the page carries no demo text.
    pub fn demo() -> ParseJob {
        ParseJob { demo: true, ..ParseJob::file(DEMO_FILE_NAME, Rc::from([]), None) }
    }

    /// The lines of a `#snippet=` link, numbered as in the log they came from.
    pub fn snippet(snippet: crate::snippet::Snippet) -> ParseJob {
        let n_lines = snippet.text.lines().count().max(1);
        let title = format!("{}, lines {}–{}", snippet.file_name, snippet.first_line, snippet.first_line + n_lines - 1);
        let bytes = Rc::from(snippet.text.into_bytes());
        ParseJob { snippet: Some((title.into(), snippet.first_line)), ..ParseJob::file(snippet.file_name, bytes, Some(snippet.format)) }
    }
}

/// A big log's first screen, with its job's id: shown in place of the open log while that job
/// reads the rest ([`State::shown`]). The page keeps it beside the state, not in it: a state
/// holds what a reader opened, and the reducer copies it for every action.
pub type FirstScreen = Option<(u32, Shared<OpenLog>)>;

impl PartialEq for ParseJob {
    fn eq(&self, other: &ParseJob) -> bool {
        self.id == other.id
    }
}

impl State {
    /// A fresh state showing `open`.
    pub fn opened(open: Shared<OpenLog>) -> State {
        State { open, problem: None, dragging: false, forced_format: None, loading: None, parsing: None, jobs_started: 0, queued: Vec::new(), archive: None, searches: 0 }
    }

    /// A fresh state with nothing shown yet, opening `job`.
    pub fn opening(job: ParseJob) -> State {
        State::opened(Shared::new(OpenLog::empty(""))).start(job)
    }

    /// What the page shows: `first_screen` while its job is being read, else the open log.
    pub fn shown<'a>(&'a self, first_screen: &'a FirstScreen) -> &'a Shared<OpenLog> {
        let reading = self.parsing.as_ref().filter(|_| self.loading.as_ref().is_some_and(|loading| loading.stage == Stage::Parsing));
        match (first_screen, reading) {
            (Some((job, open)), Some(reading)) if *job == reading.id => open,
            _ => &self.open,
        }
    }

    /// The demo, opened by the worker like any file.
    #[cfg(target_arch = "wasm32")]
    pub fn demo() -> State {
        State::opening(ParseJob::demo())
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
    /// decoding it said and where a snippet's lines begin. With nothing shown yet (a `?src=`
    /// log on its way) there is nothing to read again.
    fn reread(&self, format: Option<Format>) -> State {
        let open = &self.open;
        if open.log.lines.is_empty() {
            return self.clone();
        }
        let notes = open.log.diagnostics.iter().filter(|diagnostic| matches!(diagnostic.kind, DiagnosticKind::Encoding | DiagnosticKind::LaidOut)).cloned().collect();
        let snippet = open.snippet.then(|| (open.file_name.clone(), open.first_line_number));
        // A log of the archive is read again from the worker's copy: the job stays the
        // archive's, so the worker that holds it is kept.
        let shown = |archive: &&ArchiveState| archive.current.and_then(|file| archive.listing.files.get(file as usize)).is_some_and(|entry| *entry.source == *open.file_name);
        let archived = self.archive.as_ref().filter(shown).and_then(|archive| archive.current);
        if archived.is_some() {
            return self.start(ParseJob { archived, ..ParseJob::file(&*open.file_name, Rc::from([]), format) });
        }
        let bytes: Rc<[u8]> = Rc::from(open.log.text.as_bytes());
        self.start(ParseJob { notes, snippet, ..ParseJob::file(&*open.file_name, bytes, format) })
    }
}

pub enum Action {
    /// Parse and show these bytes in the worker, or say why not.
    Open { file_name: String, bytes: Rc<[u8]> },
    /// Files dropped together: each in turn, logs first.
    OpenInTurn(Vec<(String, Rc<[u8]>)>),
    /// A dropped folder, named `name`: its files' bytes one after another, and each one's path
    /// inside it and length. They open as one log, as the folder's `.zip` would.
    OpenFolder { name: String, bytes: Rc<[u8]>, files: Rc<[(String, u32)]> },
    /// Nothing dropped could be read: these names.
    Unreadable(Vec<String>),
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
    /// The demo, saying why it shows instead (a damaged snippet link), also once it is open.
    ShowDemoSaying(String),
    /// The lines of a `#snippet=` link, unpacked.
    OpenSnippet(crate::snippet::Snippet),
    /// Job `job`'s files are an archive of logs: their list (its newest log opens next).
    ArchiveListed { job: u32, listing: crate::transfer::archive::ArchiveListing },
    /// Open log `file` of the archive.
    OpenArchived(u32),
    /// Search every log of the archive ("" clears the search).
    SearchArchive(String),
    /// The worker's answer to search number `search`.
    ArchiveHits { search: u32, hits: crate::transfer::archive::ArchiveHits },
}

impl State {
    /// The state after `action`: the reducer behind the page's `use_reducer`.
    pub fn apply(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = match action {
            Action::Open { file_name, bytes } => State { queued: Vec::new(), archive: None, ..self.start(ParseJob::file(file_name, bytes, self.forced_format)) },
            Action::OpenFolder { name, bytes, files } => State { queued: Vec::new(), archive: None, ..self.start(ParseJob { folder: files, ..ParseJob::file(name, bytes, self.forced_format) }) },
            // Logs side by side (three days of a channel) are an archive, sent as a folder is.
            Action::OpenInTurn(files) if files.len() > 2 && crate::input::archive::is_archive_of_logs(files.iter().map(|(name, _)| name.as_str())) => {
                let folder: Rc<[(String, u32)]> = files.iter().map(|(name, bytes)| (name.clone(), bytes.len() as u32)).collect();
                let bytes: Rc<[u8]> = Rc::from(files.iter().map(|(_, bytes)| &bytes[..]).collect::<Vec<&[u8]>>().concat());
                let name = format!("{} logs", files.len());
                State { queued: Vec::new(), archive: None, ..self.start(ParseJob { folder, ..ParseJob::file(name, bytes, self.forced_format) }) }
            }
            // Logs before what may be their minutes (`NAME.log.txt` before `NAME.txt`).
            Action::OpenInTurn(files) => {
                // A partition, not a sort: each stable sort's code weighs kilobytes in the app.
                let (logs, others): (Vec<_>, Vec<_>) = files.into_iter().partition(|(file_name, _)| file_name.contains(".log."));
                let mut files = logs.into_iter().chain(others);
                let Some((file_name, bytes)) = files.next() else { return self };
                State { queued: files.collect(), archive: None, ..self.start(ParseJob::file(file_name, bytes, self.forced_format)) }
            }
            Action::ArchiveListed { job, listing } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => {
                let current = listing.files.len().checked_sub(1).map(|newest| newest as u32);
                let archive = ArchiveState { listing: Rc::new(listing), current, search: None, hits: None };
                let parsing = self.parsing.clone().map(|parsing| ParseJob { archived: current, ..parsing });
                State { archive: Some(archive), parsing, ..(*self).clone() }
            }
            Action::ArchiveListed { .. } => return self,
            Action::OpenArchived(file) => match &self.archive {
                Some(archive) if archive.listing.files.get(file as usize).is_some() => {
                    let archive = ArchiveState { current: Some(file), ..archive.clone() };
                    let name = archive.listing.files[file as usize].source.clone();
                    State { archive: Some(archive), queued: Vec::new(), ..self.start(ParseJob { archived: Some(file), ..ParseJob::file(name, Rc::from([]), self.forced_format) }) }
                }
                _ => return self,
            },
            Action::SearchArchive(query) => match &self.archive {
                Some(archive) => State { archive: Some(archive.searching(self.searches.wrapping_add(1), &query)), searches: self.searches.wrapping_add(1), ..(*self).clone() },
                None => return self,
            },
            Action::ArchiveHits { search, hits } => match &self.archive {
                Some(archive) if archive.search.as_ref().is_some_and(|(number, _)| *number == search) => {
                    State { archive: Some(ArchiveState { hits: Some(Rc::new(hits)), ..archive.clone() }), ..(*self).clone() }
                }
                _ => return self,
            },
            Action::Progress { job, read, total } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => {
                let name = self.loading.as_ref().map(|loading| loading.name.clone()).unwrap_or_default();
                State { loading: Some(Loading { name, received: read, total: Some(total), stage: Stage::Parsing }), ..(*self).clone() }
            }
            Action::Parsed { job, result } if self.parsing.as_ref().is_some_and(|parsing| parsing.id == job) => match result {
                // The worker goes on to the threads and agenda: the job ends when they come.
                Ok(open) => {
                    let loading = Loading { name: open.file_name.clone(), received: 0, total: None, stage: Stage::Analysing };
                    let problem = self.parsing.as_ref().and_then(|job| job.said_after.clone());
                    State { open, problem, loading: Some(loading), ..(*self).clone() }
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
                    Ok((agenda, note, markdown)) => State { open: Shared::new(self.open.with_agenda(agenda, Some(note), markdown.into())), loading: None, parsing: None, ..(*self).clone() }.done(),
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
            Action::Unreadable(names) => {
                let problem = format!("{} could not be read", names.join(", "));
                State { problem: Some(problem.into()), loading: None, ..(*self).clone() }
            }
            Action::ShowDemo => State { archive: None, ..self.start(ParseJob::demo()) },
            Action::ShowDemoSaying(problem) => {
                let problem: Rc<str> = problem.into();
                State { problem: Some(Rc::clone(&problem)), ..self.start(ParseJob { said_after: Some(problem), ..ParseJob::demo() }) }
            }
            Action::OpenSnippet(snippet) => State { archive: None, ..self.start(ParseJob::snippet(snippet)) },
            // A file still being read restarts in the format; a shown one is read again.
            Action::ForceFormat(format) => {
                let forced = State { forced_format: Some(format), ..(*self).clone() };
                match &self.parsing {
                    Some(job) => forced.start(ParseJob { format: Some(format), ..job.clone() }),
                    None => forced.reread(Some(format)),
                }
            }
        };
        Rc::new(state)
    }
}
