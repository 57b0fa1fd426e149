//! The CLI's JSON view of a log: a stable interface for tests and tools (schema in README.md).

use serde::Serialize;

use crate::agenda::Agenda;
use crate::model::{Diagnostic, Log, Meta};

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub format: &'static str,
    pub meta: &'a Meta,
    pub lines: Vec<ReportLine<'a>>,
    pub sections: Vec<ReportSection>,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Debug, Serialize)]
pub struct ReportLine<'a> {
    /// 1-based source line.
    pub line: usize,
    pub kind: &'static str,
    /// For system lines: join, part, quit, nick, topic, mode, kick or other.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<&'static str>,
    pub time: Option<String>,
    pub nick: Option<&'a str>,
    pub text: &'a str,
    /// 1-based source lines this line answers (see [`crate::thread`]).
    pub reply_to: Vec<usize>,
    /// The conversation this line belongs to, numbered from 0 in order of first line; null for
    /// lines nobody said.
    pub thread: Option<u32>,
    pub section: Option<usize>,
}

/// One agenda section (see [`crate::agenda`]); lines are 1-based and inclusive.
#[derive(Debug, Serialize)]
pub struct ReportSection {
    pub title: String,
    pub start_line: usize,
    pub end_line: usize,
    /// What opened it: `meetbot`, `topic-change` or `phrase`.
    pub how: &'static str,
    /// ISO 8601 times of its first and last timed lines.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub duration_minutes: Option<i64>,
    pub messages: usize,
    pub participants: Vec<ReportParticipant>,
    pub items: Vec<ReportItem>,
}

#[derive(Debug, Serialize)]
pub struct ReportParticipant {
    pub nick: String,
    pub messages: usize,
}

/// A MeetBot item: `agreed`, `action`, `info`, `link`, `idea`, `help`, `accepted` or `rejected`.
#[derive(Debug, Serialize)]
pub struct ReportItem {
    pub line: usize,
    pub kind: &'static str,
    pub text: String,
    pub owners: Vec<String>,
}

fn report_sections(agenda: &Agenda) -> Vec<ReportSection> {
    agenda
        .sections
        .iter()
        .map(|section| ReportSection {
            title: section.title.clone(),
            start_line: section.first + 1,
            end_line: section.last + 1,
            how: section.how.name(),
            start_time: section.start.map(|stamp| stamp.iso()),
            end_time: section.end.map(|stamp| stamp.iso()),
            duration_minutes: section.duration_minutes(),
            messages: section.n_messages,
            participants: section.participants.iter().map(|(nick, messages)| ReportParticipant { nick: nick.clone(), messages: *messages }).collect(),
            items: agenda
                .items
                .get(section.items.clone())
                .unwrap_or(&[])
                .iter()
                .map(|item| ReportItem { line: item.line + 1, kind: item.kind.name(), text: item.text.clone(), owners: item.owners.clone() })
                .collect(),
        })
        .collect()
}

pub fn report(log: &Log) -> Report<'_> {
    let agenda = crate::agenda::analyse(log);
    let mut section_at = 0;
    let threads = crate::thread::analyse(log);
    let lines = log
        .lines
        .iter()
        .enumerate()
        .map(|(index, line)| ReportLine {
            line: index + 1,
            kind: line.kind.name(),
            event: match line.kind {
                crate::model::LineKind::System(event) => Some(event.name()),
                _ => None,
            },
            time: line.time.map(|stamp| stamp.iso()),
            nick: log.nick(line),
            text: log.body(line),
            reply_to: threads.reply_to(index).map(|parent| parent + 1).collect(),
            thread: threads.thread_of(index),
            section: {
                while agenda.sections.get(section_at).is_some_and(|section| section.last < index) {
                    section_at += 1;
                }
                agenda.sections.get(section_at).filter(|section| section.first <= index).map(|_| section_at)
            },
        })
        .collect();
    Report { format: log.format.id(), meta: &log.meta, lines, sections: report_sections(&agenda), diagnostics: &log.diagnostics }
}

/// The 1-based lines that line `index` (0-based) answers, as the file states them.
/// One line in one short string, `kind|time|nick|text` (`-` for no time or nick; system lines as
/// `system:join` and so on): what table tests compare and what a person can read in a failure.
pub fn describe_line(log: &Log, line_number: usize) -> String {
    let line = &log.lines[line_number - 1];
    let kind = match line.kind {
        crate::model::LineKind::System(event) => format!("system:{}", event.name()),
        kind => kind.name().to_owned(),
    };
    let time = line.time.map_or_else(|| "-".to_owned(), |stamp| stamp.iso());
    format!("{kind}|{time}|{}|{}", log.nick(line).unwrap_or("-"), log.body(line))
}

/// Parses `input` as `format` and describes line `line_number` (1-based) with [`describe_line`].
pub fn describe_parsed(format: crate::model::Format, input: &str, line_number: usize) -> String {
    describe_line(&crate::parse::parse_text(std::rc::Rc::from(input), Some(format)), line_number)
}
