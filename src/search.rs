//! The search box's language: free text (case-insensitive, highlighted and stepped through) and
//! filters that hide other lines, `from:nick` and `kind:system` (or message, action, notice…).

use crate::casefold::{char_lowercases_to, lowercase};
use crate::colour::normalise_nick;
use crate::model::{LineKind, Log};
use crate::speakers::Roster;

/// A parsed query. Empty parts mean "no condition".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Lowercased free text, words joined by single spaces.
    pub text: String,
    /// `from:` nicks, normalised (`Mort___` → `mort`); a line from any of them passes.
    pub from: Vec<String>,
    /// `kind:` names as in [`LineKind::name`]; a line of any of them passes.
    pub kinds: Vec<String>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut words = Vec::new();
        for word in input.split_whitespace() {
            let lower = lowercase(word);
            if let Some(nick) = lower.strip_prefix("from:").filter(|nick| !nick.is_empty()) {
                query.from.push(normalise_nick(nick));
            } else if let Some(kind) = lower.strip_prefix("kind:").filter(|kind| !kind.is_empty()) {
                query.kinds.push(kind.to_owned());
            } else {
                words.push(lower);
            }
        }
        query.text = words.join(" ");
        query
    }

    /// Whether the query hides lines (as opposed to only finding text).
    pub fn filters(&self) -> bool {
        !self.from.is_empty() || !self.kinds.is_empty()
    }

    /// Whether line `index` passes the filters. `roster` knows who is who, through renames.
    pub fn keeps(&self, log: &Log, roster: &Roster, index: usize) -> bool {
        let Some(line) = log.lines.get(index) else { return false };
        let event = match line.kind {
            LineKind::System(event) => Some(event.name()),
            _ => None,
        };
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|kind| kind == line.kind.name() || Some(kind.as_str()) == event);
        let from_ok = self.from.is_empty()
            || log.nick(line).is_some_and(|nick| {
                let person = roster.index_of(nick);
                self.from.iter().any(|wanted| normalise_nick(nick) == *wanted || (person.is_some() && roster.index_of(wanted) == person))
            });
        kind_ok && from_ok
    }

    /// Whether line `index`'s text holds the free text (always false when there is none).
    pub fn finds(&self, log: &Log, index: usize) -> bool {
        !self.text.is_empty() && log.lines.get(index).is_some_and(|line| contains_ignoring_case(log.source(line), &self.text))
    }
}

/// Case-insensitive `contains`. `needle` must be lowercase already. ASCII needles compare bytes
/// without building a lowercase copy of every line; an ASCII line cannot hold any other needle,
/// so only lines with other letters are lower-cased (in the page, by the browser).
pub fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.is_ascii() {
        let needle = needle.as_bytes();
        return haystack.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle));
    }
    !haystack.is_ascii() && lowercase(haystack).contains(needle)
}

/// The byte ranges of `text` that match `needle` (lowercase), for highlighting.
pub fn match_ranges(text: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut from = 0;
    if needle.is_ascii() {
        let bytes = text.as_bytes();
        let needle_bytes = needle.as_bytes();
        while from + needle_bytes.len() <= bytes.len() {
            if bytes[from..from + needle_bytes.len()].eq_ignore_ascii_case(needle_bytes) && text.is_char_boundary(from) && text.is_char_boundary(from + needle_bytes.len()) {
                found.push(from..from + needle_bytes.len());
                from += needle_bytes.len();
            } else {
                from += 1;
            }
        }
        return found;
    }
    // Non-ASCII: compare char by char, so byte offsets stay those of the original text.
    let needle_chars: Vec<char> = needle.chars().collect();
    let starts: Vec<(usize, char)> = text.char_indices().collect();
    let mut at = 0;
    while at + needle_chars.len() <= starts.len() {
        let matches = needle_chars.iter().enumerate().all(|(offset, wanted)| char_lowercases_to(starts[at + offset].1, *wanted));
        if matches {
            let end = starts.get(at + needle_chars.len()).map_or(text.len(), |(index, _)| *index);
            found.push(starts[at].0..end);
            at += needle_chars.len();
        } else {
            at += 1;
        }
    }
    found
}
