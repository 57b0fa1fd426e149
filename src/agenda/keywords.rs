//! A section's own words: the keyword it brings in, for a title when no cue names its topic, and
//! whether a cue's title comes back in the messages after it. Both count in messages: `start`
//! and `next_start` index `message_lines`, the 0-based line of each message in order.

use std::collections::HashMap;

use super::titles::tidy_title;
use super::words::content_words;
use super::PersonLookup;
use crate::model::Log;

/// The word a section's first messages use most that the messages before it did not: its topic's name.
pub(super) fn keyword_title(log: &Log, people: &PersonLookup, message_lines: &[u32], start: usize, next_start: usize) -> Option<String> {
    let body_of = |index: usize| log.body(&log.lines[message_lines[index] as usize]);
    // Per word: (weight, first candidate, offset there, as written there).
    let mut counts: HashMap<u64, (i32, usize, usize, &str)> = HashMap::new();
    for index in start..next_start.min(start + 12) {
        for (offset, word, hash) in content_words(body_of(index)) {
            let entry = counts.entry(hash).or_insert((0, index, offset, word));
            entry.0 += 2;
        }
    }
    for index in start.saturating_sub(30)..start {
        for (_, _, hash) in content_words(body_of(index)) {
            if let Some(entry) = counts.get_mut(&hash) {
                entry.0 -= 1;
            }
        }
    }
    // A name ("Solo5", "jbuilder", "mirage-www") says more than a plain word ("work", "news"),
    // and a person is no topic. The earliest of the best, so the choice never depends on the map's order.
    let is_name_like = |word: &str| word.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.') || word.starts_with(char::is_uppercase);
    let (count, _, _, word) = counts
        .into_values()
        .filter(|(count, _, _, word)| *count >= 4 && !word.contains("http") && people.person_named(word).is_none())
        .max_by_key(|(count, first, offset, word)| (*count + if is_name_like(word) { 4 } else { 0 }, std::cmp::Reverse((*first, *offset))))?;
    let title = tidy_title(word);
    (count >= 4 && !title.is_empty()).then_some(title)
}

/// Whether a word of `title` (a content word: four letters or more, not a common one) comes
/// back in the section's next dozen messages: a topic's name does ("Outreachy", then "both
/// Outreachy interns…"), "Aha" or "apologies for the late reminder" do not.
pub(super) fn recurs(log: &Log, message_lines: &[u32], title: &str, start: usize, next_start: usize) -> bool {
    let words: Vec<u64> = content_words(title).map(|(_, _, hash)| hash).collect();
    (start + 1..next_start.min(start + 13)).any(|index| content_words(log.body(&log.lines[message_lines[index] as usize])).any(|(_, _, hash)| words.contains(&hash)))
}
