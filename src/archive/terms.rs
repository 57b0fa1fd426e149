//! The words a search index keeps of a line, and of a query: lowercased runs of letters and
//! digits (Unicode's alphabetic and numeric characters, as JavaScript's
//! `/[\p{Alphabetic}\p{N}]+/u` finds them, so the static site's `search.js` reads a query the
//! same way), two to forty characters long; and a speaker as the term `from:<nick>`.

use crate::colour::normalise_nick;

/// Shorter words (`a`, `I`) are in nearly every line and find nothing.
pub const MIN_TERM_CHARS: usize = 2;
/// Longer runs are hashes and pasted blobs, not words anyone searches for.
pub const MAX_TERM_CHARS: usize = 40;

/// The prefix of a speaker's term: `from:alice`.
pub const FROM_PREFIX: &str = "from:";

/// Calls `each` with every term of `text`, lowercased, in order (repeats included). `word` is
/// a buffer the caller keeps, so no term allocates.
pub fn for_each_term(text: &str, word: &mut String, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    // Whether the character at byte `at` is a letter or digit, and its length: ASCII by its
    // byte (most of a log), the rest as a char.
    let word_char = |at: usize| -> (bool, usize) {
        match bytes[at] {
            byte if byte.is_ascii() => (byte.is_ascii_alphanumeric(), 1),
            _ => text[at..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        let (is_word, length) = word_char(at);
        if !is_word {
            at += length;
            continue;
        }
        let start = at;
        let mut ascii = true;
        while at < bytes.len() {
            let (is_word, length) = word_char(at);
            if !is_word {
                break;
            }
            ascii &= length == 1;
            at += length;
        }
        let run = &text[start..at];
        word.clear();
        if ascii {
            if !(MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&run.len()) {
                continue;
            }
            word.extend(run.bytes().map(|byte| char::from(byte.to_ascii_lowercase())));
        } else {
            let chars = run.chars().count();
            if !(MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&chars) {
                continue;
            }
            // As a whole, not char by char: a final Σ is ς, as JavaScript's `toLowerCase` has it.
            word.push_str(&run.to_lowercase());
        }
        each(word);
    }
}

/// The terms of `text`, each once, in the order they first come.
pub fn terms(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut word = String::new();
    for_each_term(text, &mut word, |term| {
        if !found.iter().any(|seen| seen == term) {
            found.push(term.to_owned());
        }
    });
    found
}

/// The term that finds what `nick` said, whatever suffix or case the nick had that day.
pub fn from_term(nick: &str) -> String {
    format!("{FROM_PREFIX}{}", normalise_nick(nick))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{for_each_term, from_term, terms, MAX_TERM_CHARS, MIN_TERM_CHARS};

    /// The terms as their definition says, char by char.
    fn by_the_definition(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|run| (MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&run.chars().count()))
            .map(str::to_lowercase)
            .collect()
    }

    proptest! {
        #[test]
        fn terms_read_byte_by_byte_are_the_definitions(text in "(\\PC|[ a-zA-Z0-9.,:'é東ß_-]){0,60}") {
            let mut read = Vec::new();
            for_each_term(&text, &mut String::new(), |term| read.push(term.to_owned()));
            prop_assert_eq!(read, by_the_definition(&text));
        }
    }

    #[test]
    fn terms_are_lowercased_words_of_two_to_forty_characters() {
        let cases: [(&str, &[&str]); 7] = [
            ("Mirage 3! Over to our release manager yomimono...", &["mirage", "over", "to", "our", "release", "manager", "yomimono"]),
            ("a I x", &[]),
            ("Solo5, solo5 and SOLO5", &["solo5", "and"]),
            ("https://github.com/mirage/mirage/pull/1234", &["https", "github", "com", "mirage", "pull", "1234"]),
            ("Ünïcödé ÉTÉ naïve — 東京 x", &["ünïcödé", "été", "naïve", "東京"]),
            ("don't can't", &["don", "can"]),
            (&"z".repeat(41), &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(terms(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_speaker_is_found_by_the_person_not_the_connection() {
        assert_eq!(from_term("Mort___"), "from:mort");
        assert_eq!(from_term("avsm|away"), "from:avsm");
        assert_eq!(from_term("yomimono"), "from:yomimono");
    }
}
