//! The search box's language: free text (case-insensitive, highlighted and stepped through) and
//! filters that hide other lines, `from:nick` and `kind:system` (or message, action, notice…).

use crate::casefold::lowercase;
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

    /// The lines that hold the free text and pass the filters, in order: what the search box
    /// steps through. Text with letters beyond ASCII is looked for in the lines that have such
    /// letters too, lower-cased [`BATCH`] lines at a time: in the page that is one call to the
    /// browser's mapping per batch (a line per call took twice Rust's own time).
    pub fn found_lines(&self, log: &Log, roster: &Roster) -> Vec<u32> {
        let passes = |line: usize| self.keeps(log, roster, line);
        if self.text.is_ascii() {
            return (0..log.lines.len()).filter(|&line| self.finds(log, line) && passes(line)).map(|line| line as u32).collect();
        }
        let beyond_ascii: Vec<usize> = (0..log.lines.len()).filter(|&line| !log.source(&log.lines[line]).is_ascii()).collect();
        let mut found = Vec::new();
        let mut batch = String::new();
        for lines in beyond_ascii.chunks(BATCH) {
            batch.clear();
            for &line in lines {
                batch.push_str(log.source(&log.lines[line]));
                batch.push('\n');
            }
            // A source line holds no line break (the file is split at them), and lower case
            // makes none: the batch splits back into its lines. (A final sigma is told by the
            // letters beside it, and a break is none.)
            let lowered = lowercase(&batch);
            debug_assert_eq!(lowered.split('\n').count(), lines.len() + 1, "a batch splits back into its lines");
            for (&line, lower) in lines.iter().zip(lowered.split('\n')) {
                if lower.contains(self.text.as_str()) && passes(line) {
                    found.push(line as u32);
                }
            }
        }
        found
    }
}

/// How many lines [`Query::found_lines`] lower-cases at once.
const BATCH: usize = 1024;

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
    // Non-ASCII: compare char by char, so byte offsets stay those of the original text. Each
    // char is lowered alone: ASCII here, the others each on a line of their own, in one call
    // (a line break is ASCII, so it never stands for one of them).
    let needle_chars: Vec<char> = needle.chars().collect();
    let starts: Vec<(usize, char)> = text.char_indices().collect();
    let beyond_ascii: String = starts.iter().filter(|(_, c)| !c.is_ascii()).flat_map(|&(_, c)| [c, '\n']).collect();
    let lowered_beyond = lowercase(&beyond_ascii);
    let single = |lower: &str| {
        let mut chars = lower.chars();
        chars.next().filter(|_| chars.next().is_none())
    };
    let mut lowered_beyond = lowered_beyond.split('\n').map(single);
    let lowered: Vec<Option<char>> = starts.iter().map(|&(_, c)| if c.is_ascii() { Some(c.to_ascii_lowercase()) } else { lowered_beyond.next().flatten() }).collect();
    let mut at = 0;
    while at + needle_chars.len() <= starts.len() {
        let matches = needle_chars.iter().enumerate().all(|(offset, wanted)| lowered.get(at + offset).copied().flatten() == Some(*wanted));
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
