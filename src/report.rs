//! The CLI's JSON view of a log: a stable interface for tests and tools (schema in README.md).

use serde::Serialize;

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
    /// 1-based source lines this line answers.
    pub reply_to: Vec<usize>,
    pub section: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct ReportSection {
    pub title: String,
    pub start_line: usize,
    pub end_line: usize,
}

pub fn report(log: &Log) -> Report<'_> {
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
            reply_to: replies_of(log, index),
            section: None,
        })
        .collect();
    Report { format: log.format.id(), meta: &log.meta, lines, sections: Vec::new(), diagnostics: &log.diagnostics }
}

/// The 1-based lines that line `index` (0-based) answers, as the file states them.
fn replies_of(log: &Log, index: usize) -> Vec<usize> {
    let start = log.explicit_replies.partition_point(|(reply, _)| (*reply as usize) < index);
    log.explicit_replies[start..].iter().take_while(|(reply, _)| *reply as usize == index).map(|(_, parent)| *parent as usize + 1).collect()
}

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
