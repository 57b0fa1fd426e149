//! MeetBot's minutes laid over the meeting's log: each topic and item of the minutes found on
//! the log line that said it (same person, same second, same command), so the log gets the
//! minutes' sections and items, linked line by line.

use std::collections::HashMap;

use chrono::Timelike;

use super::{analyse, build_sections, Agenda, Boundary, Item, PersonLookup, Start};
use crate::colour::normalise_nick;
use crate::model::{Format, LineKind, Log};
use crate::speakers::Roster;

/// What [`link_minutes`] found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkedMinutes {
    /// The minutes' sections and items, over the log's lines.
    pub agenda: Agenda,
    /// Topics and items found in the log.
    pub placed: usize,
    /// Those the log does not have, as the minutes wrote them: never dropped unsaid.
    pub unplaced: Vec<String>,
}

/// The agenda `minutes` (a log in [`Format::MeetbotMinutes`]) give `log`, or `None` when these
/// are not the minutes of this log: fewer than half of their topics and items are in it.
pub fn link_minutes(minutes: &Log, log: &Log) -> Option<LinkedMinutes> {
    if minutes.format != Format::MeetbotMinutes || log.format == Format::MeetbotMinutes {
        return None;
    }
    let from_minutes = analyse(minutes);
    let said = SaidLines::of(log);
    let mut used = vec![false; log.lines.len()];
    let mut unplaced = Vec::new();
    let mut place = |minutes_line: usize| -> Option<usize> {
        let found = said.find(minutes, minutes_line, &used);
        match found {
            Some(line) => used[line] = true,
            None => unplaced.push(describe(minutes, minutes_line)),
        }
        found
    };
    let mut starts: Vec<Start> = Vec::new();
    for section in from_minutes.sections.iter().filter(|section| section.how == Boundary::MeetBot) {
        if let Some(line) = place(section.first) {
            starts.push(Start { line, title: section.title.clone(), how: Boundary::Minutes });
        }
    }
    let mut items: Vec<Item> = Vec::new();
    for item in &from_minutes.items {
        if let Some(line) = place(item.line) {
            items.push(Item { line, ..item.clone() });
        }
    }
    let started = from_minutes.started.and_then(&mut place);
    let ended = from_minutes.ended.and_then(&mut place);
    let placed = starts.len() + items.len();
    let wanted = from_minutes.sections.len() + from_minutes.items.len();
    if starts.len() + items.len() == 0 || (starts.len() + items.len()) * 2 < wanted {
        return None;
    }
    starts.sort_by_key(|start| start.line);
    starts.dedup_by_key(|start| start.line);
    items.sort_by_key(|item| item.line);
    let mut agenda = Agenda { chair: from_minutes.chair, meeting_name: from_minutes.meeting_name, started, ended, items, sections: Vec::new() };
    let roster = Roster::new(log);
    let people = PersonLookup::new(log, &roster);
    let end_line = ended.unwrap_or(log.lines.len().saturating_sub(1));
    build_sections(log, &people, &mut agenda, &starts, end_line);
    agenda.fits(log.lines.len()).then_some(LinkedMinutes { agenda, placed, unplaced })
}

/// The log's MeetBot commands (`#topic`, `#action`, …) by who said them and when (seconds of
/// the day), with the command each line gives.
struct SaidLines {
    by_moment: HashMap<(String, u32), Vec<(usize, String)>>,
}

impl SaidLines {
    fn of(log: &Log) -> SaidLines {
        let mut by_moment: HashMap<(String, u32), Vec<(usize, String)>> = HashMap::new();
        for (index, line) in log.lines.iter().enumerate() {
            let (Some(nick), Some(time)) = (log.nick(line), line.time) else { continue };
            // Fedora's MeetBot also minutes a bare link as `#link`.
            let body = log.body(line).trim_start();
            let command = command_of(body).or_else(|| (body.starts_with("http://") || body.starts_with("https://")).then(|| "#link".to_owned()));
            let Some(command) = command.filter(|_| line.kind == LineKind::Message) else { continue };
            by_moment.entry((normalise_nick(nick), time.time.num_seconds_from_midnight())).or_default().push((index, command));
        }
        SaidLines { by_moment }
    }

    /// The log line that said what `minutes_line` of the minutes records: the same person, the
    /// same second (any second of the minute when the minutes give none), the same command.
    fn find(&self, minutes: &Log, minutes_line: usize, used: &[bool]) -> Option<usize> {
        let line = minutes.lines.get(minutes_line)?;
        let (nick, time) = (normalise_nick(minutes.nick(line)?), line.time?.time.num_seconds_from_midnight());
        let command = command_of(minutes.body(line))?;
        let seconds = if time % 60 == 0 { time..time + 60 } else { time..time + 1 };
        seconds
            .filter_map(|second| self.by_moment.get(&(nick.clone(), second)))
            .flatten()
            .find(|(candidate, said)| !used[*candidate] && *said == command)
            .map(|(candidate, _)| *candidate)
    }
}

/// `#action` of `#ACTION bob to …`, lower-cased.
fn command_of(body: &str) -> Option<String> {
    let word = body.split_whitespace().next()?;
    word.starts_with('#').then(|| word.to_ascii_lowercase())
}

/// A minutes line as the minutes wrote it, for the list of what the log does not have.
fn describe(minutes: &Log, index: usize) -> String {
    let Some(line) = minutes.lines.get(index) else { return String::new() };
    let time = line.time.map(|stamp| stamp.time.format("%H:%M:%S").to_string()).unwrap_or_default();
    format!("{} ({}, {time})", minutes.body(line), minutes.nick(line).unwrap_or(""))
}
