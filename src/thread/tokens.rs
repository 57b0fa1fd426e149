//! A line's words as the reply model reads them: split and trimmed, and what each spelling is
//! (a listed word, a nick, its hash for the shared words), found once per spelling.

use super::people::{nick_stem, FastMap, People};

const STOP_WORDS: [&str; 40] = [
    "the", "and", "for", "you", "that", "this", "with", "have", "are", "but", "not", "was", "can", "what", "how", "just",
    "your", "its", "it's", "there", "they", "then", "from", "any", "all", "get", "has", "will", "does", "don't", "i'm",
    "use", "one", "yes", "now", "out", "know", "about", "like", "try",
];
const ANSWER_WORDS: [&str; 12] = ["yes", "no", "yeah", "yep", "nope", "not", "nah", "sure", "ok", "okay", "correct", "right"];
const THANKS_WORDS: [&str; 5] = ["thanks", "thx", "ty", "thank", "cheers"];
const QUESTION_WORDS: [&str; 12] = ["what", "how", "why", "where", "which", "who", "anyone", "anybody", "does", "is", "can", "should"];
const GREETING_WORDS: [&str; 6] = ["hi", "hello", "hey", "morning", "evening", "hiya"];

// What a listed word is, as bits: one lookup a word instead of a scan of each list.
pub(super) const IS_STOP: u8 = 1;
pub(super) const IS_ANSWER: u8 = 1 << 1;
pub(super) const IS_THANKS: u8 = 1 << 2;
pub(super) const IS_QUESTION: u8 = 1 << 3;
pub(super) const IS_GREETING: u8 = 1 << 4;

/// The listed words and what each is; no listed word is longer than [`LONGEST_LISTED`] bytes.
fn word_classes() -> FastMap<&'static str, u8> {
    let mut classes: FastMap<&'static str, u8> = FastMap::default();
    let lists: [(&[&'static str], u8); 5] =
        [(&STOP_WORDS, IS_STOP), (&ANSWER_WORDS, IS_ANSWER), (&THANKS_WORDS, IS_THANKS), (&QUESTION_WORDS, IS_QUESTION), (&GREETING_WORDS, IS_GREETING)];
    for (words, class) in lists {
        for &word in words {
            *classes.entry(word).or_insert(0) |= class;
        }
    }
    classes
}
const LONGEST_LISTED: usize = 7;

fn word_hash(word: &str) -> u32 {
    word.bytes().fold(0x811c_9dc5u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

pub(super) fn trim_word(word: &str) -> &str {
    let word = if word.is_ascii() {
        // The same trim by bytes: an ASCII character is alphanumeric when its byte is.
        let bytes = word.as_bytes();
        let start = bytes.iter().position(|&byte| is_word_byte(byte)).unwrap_or(bytes.len());
        let end = bytes.iter().rposition(|&byte| is_word_byte(byte)).map_or(start, |last| last + 1);
        &word[start..end]
    } else {
        word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_' || c == '`' || c == '|' || c == '-' || c == '^' || c == '[' || c == ']'))
    };
    // "`hannes`:": logs kept as Markdown wrap nicks in code spans. A backtick may end a nick, but
    // one on both sides is the span.
    match word.strip_prefix('`').and_then(|inner| inner.strip_suffix('`')) {
        Some(inner) if !inner.is_empty() => inner,
        _ => word,
    }
}

#[inline]
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'`' | b'|' | b'-' | b'^' | b'[' | b']')
}

/// A body's words: split by ASCII whitespace alone when the body is ASCII, which is the same
/// split and several times faster.
pub(super) enum Words<'a> {
    Ascii(std::str::SplitAsciiWhitespace<'a>),
    Unicode(std::str::SplitWhitespace<'a>),
}

impl<'a> Words<'a> {
    pub(super) fn of(body: &'a str) -> Words<'a> {
        if body.is_ascii() {
            Words::Ascii(body.split_ascii_whitespace())
        } else {
            Words::Unicode(body.split_whitespace())
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(words) => words.next(),
            Words::Unicode(words) => words.next(),
        }
    }
}

/// What the reply model reads from one spelling of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WordFacts {
    /// `IS_STOP`, `IS_ANSWER`, … of the lower-cased word.
    pub class: u8,
    /// The person whose nick the word is, exactly (no prefix), when it was read.
    pub person: Option<u32>,
    /// [`word_hash`] of the lower-cased word, and its length in characters.
    pub hash: u32,
    pub n_chars: usize,
}

/// [`WordFacts`] by spelling: a log says the same words again and again, and lower-casing,
/// hashing and two table lookups a word were most of the reading. A new nick clears it.
pub(super) struct WordCache<'a> {
    by_spelling: FastMap<&'a str, WordFacts>,
    classes: FastMap<&'static str, u8>,
    lower: String,
    /// `People::version` when the cached nicks were looked up.
    people_version: u32,
}

/// Spellings kept at most: a log of all-different words does not grow the cache without end.
const MAX_SPELLINGS: usize = 1 << 16;

impl Default for WordCache<'_> {
    fn default() -> Self {
        WordCache { by_spelling: FastMap::default(), classes: word_classes(), lower: String::new(), people_version: 0 }
    }
}

impl<'a> WordCache<'a> {
    pub(super) fn get(&mut self, word: &'a str, people: &People) -> WordFacts {
        if self.people_version != people.version || self.by_spelling.len() >= MAX_SPELLINGS {
            self.by_spelling.clear();
            self.people_version = people.version;
        }
        if let Some(&facts) = self.by_spelling.get(word) {
            return facts;
        }
        let facts = self.read(word, people);
        self.by_spelling.insert(word, facts);
        facts
    }

    fn read(&mut self, word: &str, people: &People) -> WordFacts {
        let lower = &mut self.lower;
        lower.clear();
        let ascii = word.is_ascii();
        if ascii {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let class = if lower.len() <= LONGEST_LISTED { self.classes.get(lower.as_str()).copied().unwrap_or(0) } else { 0 };
        // `lower` is already lower case: normalising it only trims.
        let person = if word.is_empty() { None } else { people.by_nick.get(nick_stem(lower)).copied() };
        let n_chars = if ascii { lower.len() } else { lower.chars().count() };
        WordFacts { class, person, hash: word_hash(lower), n_chars }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cached spelling reads as a fresh one, and a nick added later is seen.
    #[test]
    fn the_cache_reads_as_a_fresh_reading() {
        let mut people = People::default();
        let mut cache = WordCache::default();
        let before = cache.get("Hannes", &people);
        assert_eq!((before.class, before.person, before.n_chars), (0, None, 6));
        assert_eq!(before.hash, word_hash("hannes"));
        let hannes = people.get_or_add("hannes");
        assert_eq!(cache.get("Hannes", &people).person, Some(hannes));
        assert_eq!(cache.get("hannes__", &people).person, Some(hannes));
        assert_eq!(cache.get("Thanks", &people).class, IS_THANKS);
        assert_eq!(cache.get("Über", &people).n_chars, 4);
        for word in ["Hannes", "hannes__", "Thanks", "Über", "the", ""] {
            assert_eq!(cache.get(word, &people), WordCache::default().get(word, &people), "{word}");
        }
    }
}
