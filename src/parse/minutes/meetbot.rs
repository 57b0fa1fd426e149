//! MeetBot's minutes, as text (`NAME.txt`) or HTML (`NAME.html`): each topic and item becomes
//! one line spoken by its `(nick, HH:MM:SS)`, shown as the MeetBot command that made it
//! (`#topic Roll call`, `#action bob to fix it`), so the agenda reads minutes and logs alike; the
//! start and end of the meeting become `#startmeeting` and `#endmeeting`. Wrapped lines, tags
//! and the summaries after the meeting (action items, people present) are `markup`.
//!
//! A bullet's `(nick, time)` may sit lines below where it starts, so the whole file is read
//! once first ([`Reader::prepare`]), and each line then takes what that found for it.

use std::collections::HashMap;

use chrono::NaiveTime;

use crate::model::LineKind;
use crate::parse::lines::line_ranges;
use crate::parse::shapes::html::{pieces, place, Piece};
use crate::parse::shapes::time::clock;
use crate::parse::{is_blank, Context, Reader, Reading};

/// The minutes' labels and the commands that make them; unlabelled items are `#info`.
const LABELS: [(&str, &str); 7] =
    [("ACTION", "#action"), ("AGREED", "#agreed"), ("LINK", "#link"), ("IDEA", "#idea"), ("HELP", "#help"), ("ACCEPTED", "#accepted"), ("REJECTED", "#rejected")];

#[derive(Debug, Default)]
pub struct MeetbotMinutesReader {
    /// Line index → what that line says.
    said: HashMap<u32, Said>,
    /// The line with the meeting's title (`#channel: name`).
    title_line: Option<u32>,
}

/// One topic, item, start or end, as the command that made it.
#[derive(Debug, Clone, PartialEq)]
struct Said {
    nick: String,
    time: NaiveTime,
    command: String,
}

impl Reader for MeetbotMinutesReader {
    fn prepare(&mut self, text: &str, context: &mut Context) {
        let found = if text.trim_start().starts_with('<') { read_html(text) } else { read_text(text) };
        if let Some((line, title)) = &found.title {
            self.title_line = Some(*line);
            context.meta.channel = title.split_once(": ").map(|(channel, _)| channel.to_owned()).filter(|channel| channel.starts_with('#'));
            context.meta.title = Some(title.clone());
        }
        let meeting_name = found.title.as_ref().map(|(_, title)| title.split_once(": ").map_or(title.as_str(), |(_, name)| name).to_owned());
        let chair = found.started.as_ref().map(|(_, nick, _)| nick.clone());
        if let Some((line, nick, time)) = found.started {
            self.said.insert(line, Said { nick, time, command: format!("#startmeeting {}", meeting_name.unwrap_or_default()).trim_end().to_owned() });
        }
        // Two entries on one line (HTML allows it): the second goes on its details line if that
        // is another, else it is said as a diagnostic, never dropped unsaid.
        for (line, fallback, said) in found.entries {
            match [line, fallback].into_iter().find(|line| !self.said.contains_key(line)) {
                Some(free) => {
                    self.said.insert(free, said);
                }
                None => context.diagnostics.push(crate::model::Diagnostic {
                    line: line as usize + 1,
                    kind: crate::model::DiagnosticKind::SharedLine,
                    message: format!("a second minutes entry on this line is not read as a command: {} ({}, {})", said.command, said.nick, said.time.format("%H:%M:%S")),
                }),
            }
        }
        if let (Some((line, time)), Some(chair)) = (found.ended, chair) {
            self.said.entry(line).or_insert(Said { nick: chair, time, command: "#endmeeting".to_owned() });
        }
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if self.title_line == Some(context.line_index) {
            return Reading::whole(LineKind::Header, line, 2);
        }
        let Some(said) = self.said.get(&context.line_index) else { return Reading::whole(LineKind::Markup, line, 2) };
        let (nick, body) = place(line, Some(&said.nick), &said.command, context);
        Reading { kind: LineKind::Message, date: None, time: Some(said.time), nick, body, confidence: 2 }
    }
}

/// What one pass over the minutes found, by source line (0-based).
#[derive(Debug, Default)]
struct Found {
    title: Option<(u32, String)>,
    started: Option<(u32, String, NaiveTime)>,
    ended: Option<(u32, NaiveTime)>,
    /// Each entry's line, a second line it may go on (its details line), and what it says.
    entries: Vec<(u32, u32, Said)>,
}

/// `Meeting started by NICK at HH:MM:SS UTC`: the nick and time.
fn started_by(text: &str) -> Option<(String, NaiveTime)> {
    let rest = text.split("Meeting started by ").nth(1)?;
    let (nick, rest) = rest.split_once(" at ")?;
    let (time, _) = clock(rest.trim_start().as_bytes())?;
    Some((nick.trim().to_owned(), time))
}

/// `Meeting ended at HH:MM:SS UTC`: the time.
fn ended_at(text: &str) -> Option<NaiveTime> {
    let rest = text.split("Meeting ended at ").nth(1)?;
    clock(rest.trim_start().as_bytes()).map(|(time, _)| time)
}

/// A bullet's text without its trailing `(nick, HH:MM:SS)`, and those two.
fn split_attribution(entry: &str) -> Option<(&str, String, NaiveTime)> {
    let entry = entry.trim_end();
    let inside = entry.strip_suffix(')')?;
    let open = inside.rfind('(')?;
    // `(nick, 13:57:02)`; hand-edited minutes also write `(nick 13:57)`.
    let (nick, time) = inside[open + 1..].trim().rsplit_once(|c: char| c == ',' || c.is_whitespace())?;
    let (nick, time) = (nick.trim().trim_end_matches(','), time.trim());
    let (parsed, length) = clock(time.as_bytes())?;
    let well_formed = !nick.is_empty() && !nick.contains(char::is_whitespace) && length == time.len();
    well_formed.then(|| (entry[..open].trim_end(), nick.to_owned(), parsed))
}

/// The command for a bullet: `#topic` for a topic, else the item's label as its command.
fn command_for(text: &str, topic: bool) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if topic {
        return format!("#topic {text}");
    }
    for (label, command) in LABELS {
        if let Some(rest) = text.strip_prefix(label).and_then(|rest| rest.strip_prefix(':')) {
            return format!("{command} {}", rest.trim_start());
        }
    }
    format!("#info {text}")
}

/// The minutes as text: a `====` title block, `Meeting started by`, `Meeting summary` with
/// `* topic (nick, time)` and indented `* item (nick, time)` bullets wrapped at 72 columns,
/// `Meeting ended at`, then the summaries.
fn read_text(text: &str) -> Found {
    let lines: Vec<&str> = line_ranges(text).map(|range| &text[range]).collect();
    let mut found = Found::default();
    let mut in_summary = false;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let at = index as u32;
        index += 1;
        if found.title.is_none() && line.starts_with("==") {
            if let Some(title) = lines.get(index).filter(|title| !title.trim().is_empty() && !title.starts_with("==")) {
                found.title = Some((at + 1, title.trim().to_owned()));
            }
            continue;
        }
        if found.started.is_none() {
            if let Some((nick, time)) = started_by(line) {
                found.started = Some((at, nick, time));
                continue;
            }
        }
        // A heading (a line underlined with dashes) starts the summary, or ends it.
        if lines.get(index).is_some_and(|next| next.starts_with("---")) {
            in_summary = line.trim() == "Meeting summary";
            continue;
        }
        if let Some(time) = ended_at(line) {
            found.ended = Some((at, time));
            in_summary = false;
            continue;
        }
        let topic = line.starts_with("* ");
        let item = line.starts_with("  * ");
        if !in_summary || !(topic || item) {
            continue;
        }
        // The bullet runs on over indented lines that are no bullet of their own.
        let mut entry = line.trim_start().trim_start_matches("* ").to_owned();
        while let Some(next) = lines.get(index).filter(|next| next.starts_with("  ") && !next.trim_start().starts_with("* ") && !is_blank(next)) {
            entry.push(' ');
            entry.push_str(next.trim());
            index += 1;
        }
        if let Some((said, nick, time)) = split_attribution(&entry) {
            found.entries.push((at, at, Said { nick, time, command: command_for(said, topic) }));
        }
    }
    found
}

/// The minutes as HTML, read with a tokenizer: `<h1>` title, `Meeting started by`, the
/// `Meeting summary` list (`<b class="TOPIC">` topics with nested `<li>` items, an
/// `<i class="itemtype">` label, a `<span class="details">(nick, time)`), `Meeting ended at`.
/// Each entry is said on the line where its `<li>` opens, found by its details link.
fn read_html(text: &str) -> Found {
    let starts: Vec<usize> = line_ranges(text).map(|range| range.start).collect();
    let line_at = |offset: usize| starts.partition_point(|start| *start <= offset).saturating_sub(1) as u32;
    let mut found = Found::default();
    let mut entries: Vec<Entry> = Vec::new();
    let mut section = String::new();
    let mut heading: Option<String> = None;
    let mut title: Option<String> = None;
    let mut open: Option<Entry> = None;
    let mut in_details = false;
    let mut in_label = false;
    let mut in_title = false;
    for piece in pieces(text) {
        match piece {
            Piece::Open(tag) if tag.name == "h3" => heading = Some(String::new()),
            Piece::Close(name) if name == "h3" => section = heading.take().unwrap_or_default().trim().to_owned(),
            Piece::Open(tag) if tag.name == "h1" => in_title = true,
            Piece::Close(name) if name == "h1" => in_title = false,
            Piece::Open(tag) if tag.name == "li" && section == "Meeting summary" => {
                entries.extend(open.take());
                open = Some(Entry::default());
            }
            Piece::Open(tag) if tag.name == "ol" => entries.extend(open.take()),
            Piece::Close(name) if name == "li" => entries.extend(open.take()),
            Piece::Open(tag) if tag.has_class("TOPIC") => {
                if let Some(entry) = open.as_mut() {
                    entry.topic = true;
                }
            }
            Piece::Open(tag) if tag.has_class("itemtype") => in_label = true,
            Piece::Open(tag) if tag.has_class("INFO") => {
                if let Some(entry) = open.as_mut() {
                    entry.info = true;
                }
            }
            Piece::Open(tag) if tag.has_class("details") => in_details = true,
            Piece::Open(tag) if tag.name == "a" && in_details => {
                if let (Some(entry), Some(href)) = (open.as_mut(), tag.attribute("href")) {
                    entry.link = Some(href.to_owned());
                }
            }
            Piece::Close(name) if name == "i" => in_label = false,
            Piece::Close(name) if name == "span" => in_details = false,
            Piece::Text(words) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&words);
                } else if in_title {
                    title.get_or_insert_with(String::new).push_str(&words);
                } else if let Some(entry) = open.as_mut() {
                    let into = if in_details { &mut entry.details } else if in_label { &mut entry.label } else { &mut entry.text };
                    into.push_str(&words);
                }
            }
            _ => {}
        }
    }
    entries.extend(open.take());
    // Places, found in the source in order: each entry's details link, and the `<li` before it.
    let mut cursor = 0;
    for entry in entries {
        let Some(link) = entry.link.as_deref() else { continue };
        let Some((_, nick, time)) = split_attribution(entry.details.trim()) else { continue };
        let Some(found_at) = text.get(cursor..).and_then(|rest| rest.find(link)) else { continue };
        let link_at = cursor + found_at;
        let li_at = text[cursor..link_at].rfind("<li").map_or(link_at, |offset| cursor + offset);
        cursor = link_at + link.len();
        // Labelled items carry an `itemtype`, info items a `class="INFO"` span; links neither.
        let label = match entry.label.trim() {
            "" if !entry.topic && !entry.info => "LINK",
            label => label,
        };
        let body = if label.is_empty() { entry.text.clone() } else { format!("{label}: {}", entry.text.trim_start_matches(':').trim()) };
        found.entries.push((line_at(li_at), line_at(link_at), Said { nick, time, command: command_for(body.trim(), entry.topic) }));
    }
    if let Some(title) = title.map(|title| title.trim().to_owned()).filter(|title| !title.is_empty()) {
        if let Some(offset) = text.find("<h1") {
            found.title = Some((line_at(offset), title));
        }
    }
    if let Some(offset) = text.find("Meeting started by ") {
        if let Some((nick, time)) = started_by(start_of(&text[offset..], 200)) {
            found.started = Some((line_at(offset), nick, time));
        }
    }
    if let Some(offset) = text.find("Meeting ended at ") {
        if let Some(time) = ended_at(start_of(&text[offset..], 60)) {
            found.ended = Some((line_at(offset), time));
        }
    }
    found
}

/// The first `chars` characters of `text` (a byte count could cut a character).
fn start_of(text: &str, chars: usize) -> &str {
    text.char_indices().nth(chars).map_or(text, |(end, _)| &text[..end])
}

/// One `<li>` of the HTML summary as it is read.
#[derive(Debug, Default)]
struct Entry {
    topic: bool,
    /// In a `class="INFO"` span: an `#info`, where an unlabelled item is a `#link`.
    info: bool,
    label: String,
    text: String,
    details: String,
    link: Option<String>,
}

/// Whether the start of a file reads like minutes that MeetBot wrote: used by detection.
pub(crate) fn looks_like_minutes(head: &str) -> bool {
    head.contains("Meeting started by ") && (head.contains("Meeting summary") || head.contains("Meeting ended at"))
}
