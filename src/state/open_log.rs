//! The open log: the `Log` and what the views derive from it once (speakers, markers, the
//! timeline, threads and agenda), and `Shared`, the pointer-equal wrapper props use.

use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;

use crate::demo::{DEMO_FILE_NAME, DEMO_LOG};
use crate::model::{DiagnosticKind, Format, Log};
use crate::parse::parse_text;
use crate::speakers::{Roster, Speaker};

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
    pub file_name: Rc<str>,
    /// The format detection chose; `log.format` differs when the reader picked another.
    pub detected_format: Format,
    pub roster: Roster,
    /// The legend: speakers, most lines first.
    pub speakers: Vec<Speaker>,
    /// Line index → "clock jumps back 2 h here".
    pub clock_jumps: HashMap<usize, Rc<str>>,
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
    /// The MeetBot minutes the agenda came from, when they did.
    pub minutes: Option<Rc<crate::transfer::MinutesNote>>,
    /// The agenda as minutes in Markdown (from the worker; empty until the agenda is found).
    pub minutes_markdown: Rc<str>,
    /// Only the first lines of a log still being read, shown while the worker reads the rest:
    /// the page shows its rows (app.css's `.first-screen`) without its speakers' colours, which
    /// wait for the whole log's roster so that no one changes colour, and without the counts,
    /// the legend and the timeline of a part of the log.
    pub first_screen: bool,
}

impl OpenLog {
    pub fn new(log: Log, file_name: impl Into<Rc<str>>) -> OpenLog {
        let threads = crate::thread::analyse(&log);
        let agenda = crate::agenda::analyse(&log);
        OpenLog::with_analyses(log, file_name, threads, agenda)
    }

    /// Like [`OpenLog::new`] with the threads and agenda already found (natively: the page
    /// has its minutes written by the worker).
    pub fn with_analyses(log: Log, file_name: impl Into<Rc<str>>, threads: crate::thread::Threads, agenda: crate::agenda::Agenda) -> OpenLog {
        let roster = Roster::new(&log);
        let open = OpenLog::from_parts(log, file_name, roster, threads, agenda);
        let title = crate::agenda::minutes_title(&open.agenda, open.log.meta.title.as_deref(), &open.file_name);
        let minutes_markdown = crate::agenda::minutes_markdown_for(&open.log, &open.agenda, &title, &open.speakers).into();
        OpenLog { minutes_markdown, ..open }
    }

    /// The open log from what the parse worker found: the log, its roster, and (later, or
    /// empty until then) its threads and agenda.
    pub fn from_parts(log: Log, file_name: impl Into<Rc<str>>, roster: Roster, threads: crate::thread::Threads, agenda: crate::agenda::Agenda) -> OpenLog {
        let clock_jumps = log
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.kind == DiagnosticKind::ClockJump)
            .map(|diagnostic| (diagnostic.line - 1, Rc::from(diagnostic.message.as_str())))
            .collect();
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
            minutes: None,
            minutes_markdown: Rc::from(""),
            first_screen: false,
        }
    }

    /// This log with its threads and agenda, found by the parse worker after the rows were shown
    /// (the agenda from MeetBot's `minutes` when they were opened beside it).
    pub fn analysed(&self, analyses: crate::transfer::CheckedAnalyses) -> OpenLog {
        OpenLog { threads: Rc::new(analyses.threads), ..self.with_agenda(analyses.agenda, analyses.minutes, analyses.minutes_markdown.into()) }
    }

    /// This log with another agenda, and those minutes in Markdown: MeetBot's minutes of it, or
    /// its own.
    pub fn with_agenda(&self, agenda: crate::agenda::Agenda, minutes: Option<crate::transfer::MinutesNote>, minutes_markdown: Rc<str>) -> OpenLog {
        let section_lines: Rc<[std::ops::RangeInclusive<usize>]> = agenda.sections.iter().map(|section| section.first..=section.last).collect();
        let activity = self.activity.as_ref().map(|activity| Rc::new((**activity).clone().with_sections(&self.log, &section_lines)));
        let items_by_line = agenda.items.iter().enumerate().map(|(index, item)| (item.line, index)).collect();
        OpenLog { agenda: Rc::new(agenda), section_lines, items_by_line, activity, minutes: minutes.map(Rc::new), minutes_markdown, ..self.clone() }
    }

    /// Nothing yet: what the page shows while its first log is on its way.
    pub fn empty(file_name: impl Into<Rc<str>>) -> OpenLog {
        OpenLog::from_parts(Log::empty(), file_name, Roster::default(), Default::default(), Default::default())
    }

    /// The demo log, parsed here (for tests and server-side renders; the page opens it in the worker).
    pub fn demo() -> OpenLog {
        OpenLog::new(parse_text(Rc::from(DEMO_LOG), None), DEMO_FILE_NAME)
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
