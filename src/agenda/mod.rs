//! The agenda of a meeting log: where each topic starts and ends, found from MeetBot commands,
//! IRC topic changes or a chair's phrases ("ok, onto Solo5"), and the minutes written from it.
//!
//! [`analyse`] reads the log once. MeetBot's `#topic` lines, when a log has any, are its
//! sections, exactly as MeetBot's minutes list them. Otherwise the boundary model (`boundary.rs`)
//! scores every message as a possible section start from what it shows: the chairing cue it
//! holds ("moving on to …", "next up: …", "Mirage 3! Over to …", "AOB?"), whether the chair says
//! it (the `#startmeeting` nick, or whoever makes the most moves), a closing question or wrap-up
//! before, the pause before it, how much the words change around it, and more, with weights
//! learned from the hand-annotated meetings of `tests/agenda-gold/`. A log that never names an
//! agenda, a meeting or AOB, or where fewer than two messages open a section, gets none, so a
//! support channel's casual "moving on" opens nothing.
//!
//! **Invariant:** sections are contiguous, ordered and non-overlapping; lines before the first
//! section (and after `#endmeeting`) belong to none.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use chrono::Timelike;

use crate::model::{LineKind, Log, Stamp, SystemEvent};
use crate::speakers::Roster;

mod boundary;
mod cues;
pub mod feature;
mod hints;
mod keywords;
#[cfg(not(target_arch = "wasm32"))]
pub mod gold;
mod linked;
mod meetbot;
mod minutes;
mod phrases;
mod titles;
mod weights;
mod words;

pub use linked::{link_minutes, LinkedMinutes};
pub use minutes::{escape_markdown, minutes_markdown, minutes_markdown_for, minutes_title, sections_report};
use meetbot::meetbot;
pub use boundary::{BoundaryFacts, BoundaryModel};
pub use feature::{BY_CHAIR, FEATURE_NAMES, N_FEATURES};

/// What [`analyse`] finds in a log.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Agenda {
    /// Who chairs: the `#startmeeting` nick, or the one who moves the meeting on.
    pub chair: Option<String>,
    /// In line order; contiguous, non-overlapping.
    pub sections: Vec<Section>,
    /// MeetBot items (`#agreed`, `#action`, …), in line order, `#undo` applied.
    pub items: Vec<Item>,
    /// `#meetingname`, else the text of `#startmeeting`.
    pub meeting_name: Option<String>,
    /// The `#startmeeting` and `#endmeeting` lines (0-based), when there are any.
    pub started: Option<usize>,
    pub ended: Option<usize>,
}

/// One topic of the meeting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Short, naming the topic ("Solo5"); a MeetBot `#topic` is kept as written.
    pub title: String,
    /// 0-based line indices, inclusive.
    pub first: usize,
    pub last: usize,
    /// The first and last time written on the section's lines.
    pub start: Option<Stamp>,
    pub end: Option<Stamp>,
    /// Seconds the section's clock ran: backward clock jumps count as nothing.
    pub elapsed_seconds: Option<i64>,
    /// (person, messages), most messages first; a renamed person counts once, under their first nick.
    pub participants: Vec<(String, usize)>,
    /// Messages, actions and notices in the section.
    pub n_messages: usize,
    /// The section's items, as a range into [`Agenda::items`].
    pub items: Range<usize>,
    pub how: Boundary,
}

impl Section {
    /// Whole minutes from the first to the last time in the section, never negative.
    pub fn duration_minutes(&self) -> Option<i64> {
        self.elapsed_seconds.map(|seconds| (seconds + 30) / 60)
    }

    /// The section's lines as 1-based source lines, as `#L<start>-L<end>` names them.
    pub fn line_numbers(&self) -> (usize, usize) {
        (self.first + 1, self.last + 1)
    }
}

/// What opened a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Boundary {
    /// A `#topic` command.
    MeetBot,
    /// The channel's topic was changed.
    TopicChange,
    /// A chair's move, found by the boundary model (`boundary.rs`).
    Phrase,
    /// A topic of MeetBot's minutes, placed on the log's line that set it.
    Minutes,
    /// One of the file's own parts: a chat of an account's export, a channel of a workspace's.
    Part,
}

impl Boundary {
    pub fn name(self) -> &'static str {
        match self {
            Boundary::MeetBot => "meetbot",
            Boundary::TopicChange => "topic-change",
            Boundary::Phrase => "phrase",
            Boundary::Minutes => "minutes",
            Boundary::Part => "part",
        }
    }
}

/// A MeetBot minute item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    /// 0-based line index.
    pub line: usize,
    pub kind: ItemKind,
    pub text: String,
    /// For actions: the people named in it (first nicks), in order of mention.
    pub owners: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ItemKind {
    Agreed,
    Action,
    Info,
    Link,
    Idea,
    Help,
    Accepted,
    Rejected,
}

impl ItemKind {
    /// The label MeetBot's minutes use (`AGREED`); info items have none.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Agreed => "AGREED",
            ItemKind::Action => "ACTION",
            ItemKind::Info => "",
            ItemKind::Link => "LINK",
            ItemKind::Idea => "IDEA",
            ItemKind::Help => "HELP",
            ItemKind::Accepted => "ACCEPTED",
            ItemKind::Rejected => "REJECTED",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Agreed => "agreed",
            ItemKind::Action => "action",
            ItemKind::Info => "info",
            ItemKind::Link => "link",
            ItemKind::Idea => "idea",
            ItemKind::Help => "help",
            ItemKind::Accepted => "accepted",
            ItemKind::Rejected => "rejected",
        }
    }
}

impl Agenda {
    /// Whether every section and item lies within a log of `n_lines` lines, in order: what a
    /// worker's reply must show before the views index lines with it.
    pub fn fits(&self, n_lines: usize) -> bool {
        let sections_fit = self.sections.windows(2).all(|pair| pair[0].last < pair[1].first)
            && self.sections.iter().all(|section| section.first <= section.last && section.last < n_lines && section.items.end <= self.items.len() && section.items.start <= section.items.end);
        sections_fit && self.items.iter().all(|item| item.line < n_lines)
    }
}

/// The index of the section holding `line` (0-based), by binary search.
pub fn section_of(agenda: &Agenda, line: usize) -> Option<usize> {
    let after = agenda.sections.partition_point(|section| section.first <= line);
    let index = after.checked_sub(1)?;
    (line <= agenda.sections[index].last).then_some(index)
}

/// Finds the agenda of `log`, in time linear in its lines.
pub fn analyse(log: &Log) -> Agenda {
    let roster = Roster::new(log);
    let people = PersonLookup::new(log, &roster);
    let mut agenda = Agenda::default();
    let mut starts = meetbot(log, &people, &mut agenda);
    let has_meetbot_topics = !starts.is_empty();
    if !has_meetbot_topics && log.parts.len() >= 2 {
        // An export of several chats or channels: its parts are its sections, a list of them.
        starts = log.parts.iter().map(|(name, line)| Start { line: *line as usize, title: name.to_string(), how: Boundary::Part }).collect();
    } else if !has_meetbot_topics {
        let facts = boundary::gather(log, &people, agenda.chair.as_deref());
        starts = boundary::decide(log, &people, &facts, &BoundaryModel::shipped());
        if !starts.is_empty() {
            agenda.chair = facts.chair().map(str::to_owned);
        }
    }
    let end_line = match agenda.ended {
        Some(ended) => ended,
        None => log.lines.len().saturating_sub(1),
    };
    build_sections(log, &people, &mut agenda, &starts, end_line);
    agenda
}

/// Where a section starts, before it is measured.
#[derive(Debug, Clone)]
struct Start {
    line: usize,
    title: String,
    how: Boundary,
}

/// Nick → person, cached by spelling: most lines repeat a nick, and normalising it allocates.
struct PersonLookup<'a> {
    roster: &'a Roster,
    line_person: Vec<Option<u32>>,
}

impl<'a> PersonLookup<'a> {
    fn new(log: &Log, roster: &'a Roster) -> PersonLookup<'a> {
        let mut by_spelling: HashMap<&str, Option<u32>> = HashMap::new();
        // Runs of lines by one speaker are common: the previous answer saves a hash.
        let mut previous: Option<(&str, Option<u32>)> = None;
        let line_person = log
            .lines
            .iter()
            .map(|line| {
                if !line.kind.is_spoken() {
                    return None;
                }
                let nick = log.nick(line)?;
                if let Some((previous_nick, person)) = previous {
                    if previous_nick == nick {
                        return person;
                    }
                }
                let person = *by_spelling.entry(nick).or_insert_with(|| roster.index_of(nick).and_then(|index| u32::try_from(index).ok()));
                previous = Some((nick, person));
                person
            })
            .collect();
        PersonLookup { roster, line_person }
    }

    fn of_line(&self, line: usize) -> Option<usize> {
        self.line_person.get(line).copied().flatten().map(|person| person as usize)
    }

    fn name(&self, person: usize) -> &str {
        self.roster.people().get(person).map_or("", |speaker| speaker.nick.as_str())
    }

    /// Whether `word` (backticks, `@` and punctuation around it ignored) is someone in the log.
    fn person_named(&self, word: &str) -> Option<usize> {
        let word = word.trim_matches(|c: char| !(c.is_alphanumeric() || "_-[]\\^{}|`".contains(c))).trim_matches('`');
        if word.is_empty() || word.len() > 32 {
            return None;
        }
        self.roster.index_of(word)
    }
}

// ---------------------------------------------------------------------------------------------
// Sections

/// Turns starts into measured sections, each running to the line before the next (the last to `end_line`).
fn build_sections(log: &Log, people: &PersonLookup, agenda: &mut Agenda, starts: &[Start], end_line: usize) {
    // Per person: (messages, first line) in the current section, and who spoke in it.
    let mut counts: Vec<(usize, usize)> = vec![(0, 0); people.roster.people().len()];
    let mut speakers_here: Vec<usize> = Vec::new();
    let mut item_at = 0;
    for (index, start) in starts.iter().enumerate() {
        if start.line > end_line || start.line >= log.lines.len() {
            break;
        }
        let last = starts.get(index + 1).map_or(end_line, |next| next.line.saturating_sub(1).min(end_line)).max(start.line);
        for &person in &speakers_here {
            counts[person] = (0, 0);
        }
        speakers_here.clear();
        let mut n_messages = 0;
        let mut first_time: Option<Stamp> = None;
        let mut previous_time: Option<Stamp> = None;
        let mut last_time: Option<Stamp> = None;
        let mut elapsed = 0i64;
        for line_index in start.line..=last {
            let Some(line) = log.lines.get(line_index) else { break };
            if let Some(stamp) = line.time {
                if first_time.is_none() {
                    first_time = Some(stamp);
                }
                if let Some(previous) = previous_time.filter(|previous| *previous != stamp) {
                    elapsed += forward_seconds(previous, stamp);
                }
                previous_time = Some(stamp);
                last_time = Some(stamp);
            }
            if line.kind.is_spoken() {
                n_messages += 1;
                if let Some(person) = people.of_line(line_index) {
                    if let Some(entry) = counts.get_mut(person) {
                        if entry.0 == 0 {
                            *entry = (0, line_index);
                            speakers_here.push(person);
                        }
                        entry.0 += 1;
                    }
                }
            }
        }
        let mut participants: Vec<(usize, usize, usize)> = speakers_here.iter().map(|&person| (person, counts[person].0, counts[person].1)).collect();
        participants.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        while agenda.items.get(item_at).is_some_and(|item| item.line < start.line) {
            item_at += 1;
        }
        let items_start = item_at;
        while agenda.items.get(item_at).is_some_and(|item| item.line <= last) {
            item_at += 1;
        }
        agenda.sections.push(Section {
            title: start.title.clone(),
            first: start.line,
            last,
            start: first_time,
            end: last_time,
            elapsed_seconds: first_time.map(|_| elapsed),
            participants: participants.into_iter().map(|(person, count, _)| (people.name(person).to_owned(), count)).collect(),
            n_messages,
            items: items_start..item_at,
            how: start.how,
        });
    }
}

/// Seconds from one stamp to the next: a clock going back counts as nothing, except a time-only
/// clock passing midnight.
fn forward_seconds(from: Stamp, to: Stamp) -> i64 {
    let seconds = match (from.date, to.date) {
        (Some(from_date), Some(to_date)) => (to_date.and_time(to.time) - from_date.and_time(from.time)).num_seconds(),
        _ => {
            let delta = i64::from(to.time.num_seconds_from_midnight()) - i64::from(from.time.num_seconds_from_midnight());
            if delta < -12 * 3600 {
                delta + 24 * 3600
            } else {
                delta
            }
        }
    };
    seconds.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_ignore_backward_clocks() {
        let at = |h, m| Stamp { date: None, time: chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap() };
        assert_eq!(forward_seconds(at(17, 6), at(15, 6)), 0);
        assert_eq!(forward_seconds(at(23, 59), at(0, 1)), 120);
        assert_eq!(forward_seconds(at(15, 6), at(15, 14)), 480);
    }
}
