//! The words of a message, read fast because every message of a log is read: content words and
//! their hashes, how much the words change around a message, groups of words found by one
//! automaton, and what one scan of its bytes tells (words, questions, quotes, numbering).

use crate::model::Log;

/// Messages on each side whose words are compared for [`super::feature::WORDS_CHANGE`].
const WORD_WINDOW: usize = 8;

/// Words that say little about a topic, left out of [`content_words`].
pub(super) const COMMON_WORDS: &[&str] = &[
    "about", "also", "been", "does", "doesn", "done", "from", "going", "good", "have", "here", "just", "know", "like", "make", "more", "much", "need", "okay", "really", "should", "some", "sure", "thanks", "that", "then", "there", "they", "thing", "think", "this", "want", "well", "were",
    "what", "when", "which", "will", "with", "would", "yeah", "your",
];

/// The hashes of [`COMMON_WORDS`], sorted: a word is looked up by the hash it needs anyway.
pub(super) fn common_word_hashes() -> &'static [u64] {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let mut hashes: Vec<u64> = COMMON_WORDS.iter().map(|word| word_hash(word)).collect();
        hashes.sort_unstable();
        hashes
    })
}

/// The longest of [`COMMON_WORDS`]: a longer word is never looked up.
const LONGEST_COMMON_WORD: usize = 6;
const _: () = {
    let mut index = 0;
    while index < COMMON_WORDS.len() {
        assert!(COMMON_WORDS[index].len() <= LONGEST_COMMON_WORD);
        index += 1;
    }
};

/// Whether a byte belongs to a word: ASCII letters and digits, `-`, `_` and any non-ASCII byte.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80;
        byte += 1;
    }
    table
};

/// The words of four letters or more that are not [`COMMON_WORDS`], each with where it starts
/// and its hash (the same for any ASCII case). A word is a run of letters, digits, `-`, `_` and
/// non-ASCII bytes, hashed as it is scanned: this runs over every message of the log.
pub(super) fn content_words(body: &str) -> impl Iterator<Item = (usize, &str, u64)> {
    let common = common_word_hashes();
    let bytes = body.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            while at < bytes.len() && !WORD_BYTES[usize::from(bytes[at])] {
                at += 1;
            }
            let start = at;
            let mut hash = FNV_OFFSET;
            while at < bytes.len() && WORD_BYTES[usize::from(bytes[at])] {
                hash = fnv_step(hash, bytes[at]);
                at += 1;
            }
            let length = at - start;
            if length >= 4 && (length > LONGEST_COMMON_WORD || common.binary_search(&hash).is_err()) {
                return Some((start, &body[start..at], hash));
            }
        }
        None
    })
}

pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

pub(super) fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
}

pub(super) fn word_hash(word: &str) -> u64 {
    word.bytes().fold(FNV_OFFSET, fnv_step)
}

/// For each candidate, how alike the words of the [`WORD_WINDOW`] messages before it and of it and
/// the ones after are (cosine of word counts); `None` at the log's start.
pub(super) fn word_similarity(log: &Log, lines: &[u32]) -> Vec<Option<f32>> {
    // Each distinct word gets a dense id as it is first read, so that the counts below are a
    // vector indexed by id: one hash lookup per word read, not one per count changed (four).
    let mut ids: nohash_hasher::IntMap<u64, u32> = nohash_hasher::IntMap::default();
    let mut words: Vec<u32> = Vec::new();
    let mut word_offsets: Vec<usize> = Vec::with_capacity(lines.len() + 1);
    word_offsets.push(0);
    for &line in lines {
        for (_, _, hash) in content_words(log.body(&log.lines[line as usize])) {
            let next_id = ids.len() as u32;
            words.push(*ids.entry(hash).or_insert(next_id));
        }
        word_offsets.push(words.len());
    }
    let words_of = |index: usize| &words[word_offsets[index]..word_offsets[index + 1]];
    // Per word: its count before and after the current candidate; the dot product and squared norms kept as counts change.
    let mut counts: Vec<[i64; 2]> = vec![[0, 0]; ids.len()];
    let (mut dot, mut squares) = (0i64, [0i64; 2]);
    let mut change = |word: u32, side: usize, delta: i64, dot: &mut i64, squares: &mut [i64; 2]| {
        let entry = &mut counts[word as usize];
        let count = entry[side];
        *dot += delta * entry[1 - side];
        squares[side] += (count + delta) * (count + delta) - count * count;
        entry[side] = count + delta;
    };
    for index in 0..WORD_WINDOW.min(lines.len()) {
        for &word in words_of(index) {
            change(word, 1, 1, &mut dot, &mut squares);
        }
    }
    let mut similarity = Vec::with_capacity(lines.len());
    for index in 0..lines.len() {
        let has_before = index >= WORD_WINDOW / 2 && squares[0] > 0;
        similarity.push(has_before.then(|| if squares[1] == 0 { 0.0 } else { dot as f32 / ((squares[0] as f32).sqrt() * (squares[1] as f32).sqrt()) }));
        // Candidate `index` moves from the after-window to the before-window.
        for &word in words_of(index) {
            change(word, 1, -1, &mut dot, &mut squares);
            change(word, 0, 1, &mut dot, &mut squares);
        }
        if index >= WORD_WINDOW {
            for &word in words_of(index - WORD_WINDOW) {
                change(word, 0, -1, &mut dot, &mut squares);
            }
        }
        if index + WORD_WINDOW < lines.len() {
            for &word in words_of(index + WORD_WINDOW) {
                change(word, 1, 1, &mut dot, &mut squares);
            }
        }
    }
    similarity
}


/// What one scan of a message's bytes tells: it runs over every message, so it is one loop.
#[derive(Debug, Clone, Copy)]
pub(super) struct LineShape<'a> {
    /// Words, counted up to 26.
    pub(super) n_words: usize,
    pub(super) first_word: &'a str,
    pub(super) has_question: bool,
    /// `"` or `“`.
    pub(super) has_quote: bool,
    /// "#123", or a line that starts with a number of three digits or more ("230: I'm not sure").
    pub(super) has_issue_number: bool,
    /// A digit just before ")" or ".": the line may number an item.
    pub(super) may_number_items: bool,
    pub(super) ends_with_bang: bool,
}

/// [`LineShape::of`]'s byte classes: ASCII whitespace, and the few bytes it looks closer at.
const SPACE: u8 = 1;
const MARK: u8 = 2;
const SHAPE_CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        if b.is_ascii_whitespace() {
            table[byte] = SPACE;
        } else if matches!(b, b'?' | b'"' | 0xe2 | b'#' | b')' | b'.') {
            table[byte] = MARK;
        }
        byte += 1;
    }
    table
};

impl<'a> LineShape<'a> {
    pub(super) fn of(body: &'a str) -> LineShape<'a> {
        let bytes = body.as_bytes();
        let (mut has_question, mut has_quote, mut has_issue_number, mut may_number_items) = (false, false, false, false);
        let leading_digits = bytes.iter().take_while(|byte| byte.is_ascii_digit()).count();
        // A word starts where a byte that is not whitespace follows whitespace (or the start).
        let mut n_words = 0;
        let mut after_space = true;
        for (at, &byte) in bytes.iter().enumerate() {
            let class = SHAPE_CLASSES[usize::from(byte)];
            let is_space = class == SPACE;
            n_words += usize::from(after_space && !is_space);
            after_space = is_space;
            if class == MARK {
                match byte {
                    b'?' => has_question = true,
                    b'"' => has_quote = true,
                    // The first byte of `“` (E2 80 9C).
                    0xe2 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x9c]) => has_quote = true,
                    b'#' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => has_issue_number = true,
                    b')' | b'.' if at > 0 && bytes[at - 1].is_ascii_digit() => may_number_items = true,
                    _ => {}
                }
            }
        }
        let first_start = bytes.iter().position(|byte| !byte.is_ascii_whitespace()).unwrap_or(bytes.len());
        let first_end = bytes[first_start..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |end| first_start + end);
        LineShape {
            n_words: n_words.min(26),
            first_word: &body[first_start..first_end],
            has_question,
            has_quote,
            has_issue_number: has_issue_number || leading_digits >= 3,
            may_number_items,
            ends_with_bang: body.trim_end().ends_with('!'),
        }
    }
}

// Groups of words looked for in every message, as bits: [`word_groups`] finds them all in one pass.
pub(super) const AGENDA: u16 = 1;
pub(super) const STARTING: u16 = 1 << 1;
pub(super) const MEETING: u16 = 1 << 2;
pub(super) const NEWS: u16 = 1 << 3;
pub(super) const ORDINAL: u16 = 1 << 4;
pub(super) const MOVING: u16 = 1 << 5;
pub(super) const WRAP_UP: u16 = 1 << 6;
pub(super) const LINK: u16 = 1 << 7;
pub(super) const ISSUE_LINK: u16 = 1 << 8;
pub(super) const BRINGING: u16 = 1 << 9;

/// (group, whole words only, phrases), matched without regard to ASCII case.
pub(super) const WORD_GROUPS: [(u16, bool, &[&str]); 10] = [
    (AGENDA, false, &["agenda", "item", "topic"]),
    (STARTING, false, &["let's start", "lets start", "get started", "let's begin", "lets begin", "get going", "welcome", "kick off", "let's do th", "lets do th"]),
    (MEETING, true, &["meeting", "call", "catchup", "catch-up", "sync", "started", "start"]),
    (NEWS, true, &["news", "update", "updates", "status", "progress", "tell us", "report", "going on", "how's", "hows", "happening"]),
    (ORDINAL, true, &["first", "next", "last", "finally", "another", "one more"]),
    (MOVING, true, &["move on", "moving on", "move to", "continue", "pick up", "jump", "switch", "segue", "divert", "go on to", "onto"]),
    (WRAP_UP, true, &["that's all", "thats all", "that's it", "that's about it", "done", "wrap up", "wrap it up", "settled", "all set"]),
    (LINK, false, &["http"]),
    (ISSUE_LINK, false, &["/pull/", "/issues/"]),
    (BRINGING, true, &["i put", "i'd put", "i added", "i've added", "added", "i had", "we have", "there is", "there's", "i see", "i stuck", "i'd like", "wanted to", "from"]),
];

/// One automaton for every phrase of [`WORD_GROUPS`], and each pattern's (group, whole words only).
pub(super) fn word_automaton() -> &'static (aho_corasick::AhoCorasick, Vec<(u16, bool)>) {
    static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<(u16, bool)>)> = std::sync::OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let patterns: Vec<(&str, u16, bool)> = WORD_GROUPS.iter().flat_map(|(group, whole, phrases)| phrases.iter().map(move |phrase| (*phrase, *group, *whole))).collect();
        // A DFA: the largest automaton to build, and the fastest to run over every message.
        let automaton = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|(phrase, _, _)| phrase))
            .expect("a handful of short phrases make an automaton");
        (automaton, patterns.iter().map(|(_, group, whole)| (*group, *whole)).collect())
    })
}

/// The groups of [`WORD_GROUPS`] that `body` holds; a whole-words phrase must start and end at word boundaries.
pub(super) fn word_groups(body: &str) -> u16 {
    let (automaton, groups) = word_automaton();
    let mut found = 0;
    for hit in automaton.find_overlapping_iter(body) {
        let (group, whole) = groups[hit.pattern().as_usize()];
        if found & group != 0 {
            continue;
        }
        let at_boundaries = !whole || (!body[..hit.start()].chars().next_back().is_some_and(char::is_alphanumeric) && !body[hit.end()..].chars().next().is_some_and(char::is_alphanumeric));
        if at_boundaries {
            found |= group;
        }
    }
    found
}

/// The number of an agenda's numbering written as a word among the first twelve: "2)", "(4)",
/// "6.", "2b)", "10/11)" (10), but not "2.8.0".
pub(super) fn item_number(body: &str) -> Option<u32> {
    body.split_whitespace().take(12).find_map(|word| {
        let word = word.strip_prefix('(').unwrap_or(word);
        let digits = word.bytes().take_while(|byte| byte.is_ascii_digit() || *byte == b'/').count();
        let rest = &word[digits..];
        let rest = rest.strip_prefix(|c: char| c.is_ascii_lowercase()).filter(|after| after.starts_with(')')).unwrap_or(rest);
        let is_numbering = (1..=5).contains(&digits) && word.as_bytes()[0].is_ascii_digit() && (rest == ")" || rest == ".");
        is_numbering.then(|| word[..digits].split('/').next().and_then(|number| number.parse().ok())).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one scan of a line's bytes tells, on the marks it looks at.
    #[test]
    fn a_line_shape_reads_words_and_marks() {
        let shape = LineShape::of("  ok,\tnext: “Solo5” (see #12 here)?  ");
        assert_eq!((shape.n_words, shape.first_word), (6, "ok,"));
        assert!(shape.has_question && shape.has_quote && shape.has_issue_number && !shape.may_number_items && !shape.ends_with_bang);
        let shape = LineShape::of("2) sdk!");
        assert_eq!((shape.n_words, shape.first_word), (2, "2)"));
        assert!(shape.may_number_items && shape.ends_with_bang && !shape.has_question && !shape.has_quote && !shape.has_issue_number);
        let shape = LineShape::of("230: I'm not sure \"why\"");
        assert!(shape.has_issue_number && shape.has_quote && !shape.may_number_items);
        assert_eq!(LineShape::of(" \t ").first_word, "");
        assert_eq!(LineShape::of(&"word ".repeat(40)).n_words, 26);
    }

    #[test]
    fn content_words_leave_out_short_and_common_words() {
        let words: Vec<&str> = content_words("Thanks, the Solo5 ELF-loader: really_long words_here and ÉCOLE").map(|(_, word, _)| word).collect();
        assert_eq!(words, ["Solo5", "ELF-loader", "really_long", "words_here", "ÉCOLE"]);
        assert_eq!(content_words("SOLO5").next().map(|(_, _, hash)| hash), content_words("solo5").next().map(|(_, _, hash)| hash));
    }
}
