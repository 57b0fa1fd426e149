//! MeetBot's commands in a log: `#topic` starts a section, `#agreed`, `#action`, … are items
//! (`#undo` takes back the last), `#startmeeting`, `#endmeeting` and `#meetingname` name and
//! bound the meeting.

use super::{Agenda, Boundary, Item, ItemKind, PersonLookup, Start};
use crate::model::{LineKind, Log};

/// Reads MeetBot commands: fills items, chair, name and the meeting's ends; returns the `#topic` starts.
pub(super) fn meetbot(log: &Log, people: &PersonLookup, agenda: &mut Agenda) -> Vec<Start> {
    enum Added {
        Topic,
        Item,
    }
    let mut starts = Vec::new();
    let mut added: Vec<Added> = Vec::new();
    let mut name_given = false;
    for (index, line) in log.lines.iter().enumerate() {
        if line.kind != LineKind::Message {
            continue;
        }
        let body = log.body(line).trim();
        let in_meeting = agenda.started.is_some() && agenda.ended.is_none();
        if in_meeting && (starts_with_ignore_case(body, "http://") || starts_with_ignore_case(body, "https://")) {
            agenda.items.push(Item { line: index, kind: ItemKind::Link, text: body.to_owned(), owners: Vec::new() });
            added.push(Added::Item);
            continue;
        }
        let Some(rest) = body.strip_prefix('#') else { continue };
        let command_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        let (command, text) = rest.split_at(command_len);
        let text = text.trim();
        let command = command.to_ascii_lowercase();
        if command == "startmeeting" {
            if agenda.started.is_none() {
                agenda.started = Some(index);
                agenda.chair = people.of_line(index).map(|person| people.name(person).to_owned());
                if !text.is_empty() && !name_given {
                    agenda.meeting_name = Some(text.to_owned());
                }
            }
            continue;
        }
        // Commands count inside the meeting, or anywhere when the log has no `#startmeeting`.
        if agenda.ended.is_some() {
            continue;
        }
        let kind = match command.as_str() {
            "endmeeting" => {
                if agenda.started.is_some() {
                    agenda.ended = Some(index);
                }
                continue;
            }
            "topic" => {
                if !text.is_empty() {
                    starts.push(Start { line: index, title: text.to_owned(), how: Boundary::MeetBot });
                    added.push(Added::Topic);
                }
                continue;
            }
            "meetingname" => {
                if !text.is_empty() {
                    agenda.meeting_name = Some(text.to_owned());
                    name_given = true;
                }
                continue;
            }
            "undo" => {
                match added.pop() {
                    Some(Added::Topic) => drop(starts.pop()),
                    Some(Added::Item) => drop(agenda.items.pop()),
                    None => {}
                }
                continue;
            }
            "agreed" | "agree" => ItemKind::Agreed,
            "action" => ItemKind::Action,
            "info" => ItemKind::Info,
            "link" => ItemKind::Link,
            "idea" => ItemKind::Idea,
            "help" => ItemKind::Help,
            "accepted" | "accept" => ItemKind::Accepted,
            "rejected" | "reject" => ItemKind::Rejected,
            _ => continue,
        };
        if text.is_empty() {
            continue;
        }
        let owners = if kind == ItemKind::Action { owners_named(text, people) } else { Vec::new() };
        agenda.items.push(Item { line: index, kind, text: text.to_owned(), owners });
        added.push(Added::Item);
    }
    starts
}

/// The people an action names, first nicks, each once.
fn owners_named(text: &str, people: &PersonLookup) -> Vec<String> {
    let mut owners: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '(' || c == ')') {
        if let Some(person) = people.person_named(word) {
            let name = people.name(person);
            if !owners.iter().any(|owner| owner == name) {
                owners.push(name.to_owned());
            }
        }
    }
    owners
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}
