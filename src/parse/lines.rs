//! Splits text into source lines with memchr, the way a text editor numbers them.

use std::ops::Range;

/// The byte ranges of the source lines of `text`, line endings (`\n`, `\r\n`) excluded.
///
/// A final line ending does not start another line, so `"a\nb\n"` has two lines and `""` none.
/// Only `\n` ends a line: a lone `\r`, U+2028 or U+0085 is text.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    std::iter::from_fn(move || {
        let end = match ends.next() {
            Some(newline) => newline,
            None if start < bytes.len() => bytes.len(),
            None => return None,
        };
        let line_start = start;
        start = end + 1;
        let line_end = if end > line_start && bytes[end - 1] == b'\r' { end - 1 } else { end };
        Some(line_start..line_end)
    })
}

/// How many source lines `text` has; the same count as [`line_ranges`].
pub fn count_lines(text: &[u8]) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text).count();
    match text.last() {
        Some(b'\n') | None => newlines,
        Some(_) => newlines + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        line_ranges(text).map(|range| &text[range]).collect()
    }

    #[test]
    fn splits_like_an_editor() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("\n", &[""]),
            ("a", &["a"]),
            ("a\n", &["a"]),
            ("a\nb", &["a", "b"]),
            ("a\r\nb\r\n", &["a", "b"]),
            ("a\n\nb", &["a", "", "b"]),
            ("a\rb\n", &["a\rb"]),
            ("a\u{85}b\u{2028}c\n", &["a\u{85}b\u{2028}c"]),
            ("\r\n\r\n", &["", ""]),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "splitting {text:?}");
            assert_eq!(count_lines(text.as_bytes()), expected.len(), "counting {text:?}");
        }
    }
}
