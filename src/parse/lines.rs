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

/// How many source lines a file has, counted in its bytes: a UTF-8 byte-order mark is not a
/// line, and in UTF-16 a line ends at a U+000A code unit. The parser must give this many lines.
pub fn count_file_lines(bytes: &[u8]) -> usize {
    let utf16_big_endian = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        [0xEF, 0xBB, 0xBF, rest @ ..] => return count_lines(rest),
        _ => return count_lines(bytes),
    };
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|pair| if utf16_big_endian { u16::from_be_bytes([pair[0], pair[1]]) } else { u16::from_le_bytes([pair[0], pair[1]]) })
        .collect();
    let newlines = units.iter().filter(|unit| **unit == 0x0A).count();
    // A dangling odd byte decodes to U+FFFD: text after the last line feed.
    let ends_open = units.last().is_some_and(|unit| *unit != 0x0A) || bytes[2..].len() % 2 == 1;
    newlines + usize::from(ends_open)
}

/// Lines read from each of the start, the middle and the end of the file.
const SAMPLE_LINES: usize = 120;

/// Up to [`SAMPLE_LINES`] lines from the start, the middle and the last tenth, without overlap.
pub(crate) fn samples(text: &str) -> Vec<Vec<&str>> {
    let take_from = |start: usize| -> Vec<&str> {
        line_ranges(&text[start..]).take(SAMPLE_LINES).map(|range| &text[start + range.start..start + range.end]).collect()
    };
    // Where the sample ends in `text`: the byte after its last line's end.
    let end_of = |sample: &[&str], start: usize| {
        sample.last().map_or(start, |line| line.as_ptr() as usize - text.as_ptr() as usize + line.len())
    };
    // The start of the first whole line at or after `byte`.
    // Byte-wise, since `byte` may fall inside a character.
    let line_after = |byte: usize| memchr::memchr(b'\n', &text.as_bytes()[byte..]).map_or(text.len(), |newline| byte + newline + 1);

    let head = take_from(0);
    let middle_start = line_after(text.len() / 2).max(line_after(end_of(&head, 0)));
    let middle = take_from(middle_start.min(text.len()));
    let tail_start = line_after(text.len() - text.len() / 10).max(line_after(end_of(&middle, middle_start)));
    let tail = take_from(tail_start.min(text.len()));
    vec![head, middle, tail]
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

    #[test]
    fn counts_the_lines_of_a_file_in_its_encoding() {
        let cases: &[(&[u8], usize)] = &[
            (b"\xEF\xBB\xBF", 0),
            (b"\xEF\xBB\xBFa\nb", 2),
            (b"\xFF\xFEa\x00\n\x00b\x00", 2),
            (b"\xFF\xFEa\x00\n\x00", 1),
            (b"\xFE\xFF\x00a\x00\n", 1),
            (b"\xFF\xFE\n", 1),
            (b"\xFF\xFE", 0),
            (b"plain\n", 1),
        ];
        for (bytes, expected) in cases {
            assert_eq!(count_file_lines(bytes), *expected, "{bytes:?}");
        }
    }
}
