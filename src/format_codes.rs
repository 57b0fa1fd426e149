//! mIRC formatting codes: bold, italic, underline, strikethrough, monospace, reverse and colours,
//! read into styled runs for the page and stripped for search.

use std::borrow::Cow;
use std::ops::Range;

const BOLD: u8 = 0x02;
const COLOUR: u8 = 0x03;
const HEX_COLOUR: u8 = 0x04;
const RESET: u8 = 0x0F;
const MONOSPACE: u8 = 0x11;
const REVERSE: u8 = 0x16;
const ITALIC: u8 = 0x1D;
const STRIKETHROUGH: u8 = 0x1E;
const UNDERLINE: u8 = 0x1F;

/// How a run of text looks. Colours are mIRC's 0–15 (99 means default and is left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strikethrough: bool,
    pub monospace: bool,
    pub reverse: bool,
    pub foreground: Option<u8>,
    pub background: Option<u8>,
}

impl Style {
    /// CSS class names for this style: `b`, `i`, `u`, `s`, `m`, `rev`, `fg-N`, `bg-N`.
    pub fn classes(self) -> Vec<Cow<'static, str>> {
        let flags = [
            (self.bold, "b"),
            (self.italic, "i"),
            (self.underline, "u"),
            (self.strikethrough, "s"),
            (self.monospace, "m"),
            (self.reverse, "rev"),
        ];
        let mut classes: Vec<Cow<'static, str>> = flags.iter().filter(|(on, _)| *on).map(|(_, class)| Cow::Borrowed(*class)).collect();
        classes.extend(self.foreground.map(|colour| Cow::Owned(format!("fg-{colour}"))));
        classes.extend(self.background.map(|colour| Cow::Owned(format!("bg-{colour}"))));
        classes
    }
}

/// A run of visible text (a byte range of the input) and its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledRun {
    pub range: Range<usize>,
    pub style: Style,
}

fn is_code(byte: u8) -> bool {
    matches!(byte, BOLD | COLOUR | HEX_COLOUR | RESET | MONOSPACE | REVERSE | ITALIC | STRIKETHROUGH | UNDERLINE)
}

/// Whether `text` holds any formatting code; the common case is no, and then nothing else need run.
pub fn has_codes(text: &str) -> bool {
    text.bytes().any(is_code)
}

/// The visible runs of `text`, codes removed, each with the style in force.
pub fn styled_runs(text: &str) -> Vec<StyledRun> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut style = Style::default();
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if !is_code(byte) {
            at += 1;
            continue;
        }
        if at > run_start {
            runs.push(StyledRun { range: run_start..at, style });
        }
        at += 1;
        match byte {
            BOLD => style.bold = !style.bold,
            ITALIC => style.italic = !style.italic,
            UNDERLINE => style.underline = !style.underline,
            STRIKETHROUGH => style.strikethrough = !style.strikethrough,
            MONOSPACE => style.monospace = !style.monospace,
            REVERSE => style.reverse = !style.reverse,
            RESET => style = Style::default(),
            COLOUR => {
                let (foreground, length) = colour_number(&bytes[at..]);
                at += length;
                match foreground {
                    None => (style.foreground, style.background) = (None, None),
                    Some(foreground) => {
                        style.foreground = known_colour(foreground);
                        if bytes.get(at) == Some(&b',') {
                            if let (Some(background), length) = colour_number(&bytes[at + 1..]) {
                                style.background = known_colour(background);
                                at += 1 + length;
                            }
                        }
                    }
                }
            }
            // `\x04RRGGBB`: skipped, as few clients send it and it has no place in a palette.
            _ => at += bytes[at..].iter().take(6).take_while(|b| b.is_ascii_hexdigit()).count(),
        }
        run_start = at;
    }
    if run_start < bytes.len() {
        runs.push(StyledRun { range: run_start..bytes.len(), style });
    }
    runs
}

/// Up to two digits, and how many bytes they took.
fn colour_number(bytes: &[u8]) -> (Option<u8>, usize) {
    let length = bytes.iter().take(2).take_while(|b| b.is_ascii_digit()).count();
    let number = bytes[..length].iter().fold(0u8, |value, digit| value * 10 + (digit - b'0'));
    ((length > 0).then_some(number), length)
}

fn known_colour(number: u8) -> Option<u8> {
    (number < 16).then_some(number)
}

/// How many bytes of formatting codes `text` starts with (mIRC colours a whole line by putting a
/// code before its timestamp).
pub fn leading_codes_len(text: &str) -> usize {
    if !text.bytes().next().is_some_and(is_code) {
        return 0;
    }
    styled_runs(text).first().map_or(text.len(), |run| run.range.start)
}

/// `text` without formatting codes: what search looks at.
pub fn strip_codes(text: &str) -> Cow<'_, str> {
    if !has_codes(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(styled_runs(text).iter().map(|run| &text[run.range.clone()]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Describes runs as `text[classes]` joined by `|`.
    fn describe(text: &str) -> String {
        styled_runs(text)
            .iter()
            .map(|run| format!("{}[{}]", &text[run.range.clone()], run.style.classes().join(" ")))
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn reads_each_code() {
        let cases = [
            ("plain", "plain[]"),
            ("\x02bold\x02 not", "bold[b]| not[]"),
            ("\x1Ditalic\x1D \x1Funder\x1F \x1Estrike\x1E \x11mono\x11", "italic[i]| []|under[u]| []|strike[s]| []|mono[m]"),
            ("\x0304red\x03 none", "red[fg-4]| none[]"),
            ("\x034,12red on blue\x0F reset", "red on blue[fg-4 bg-12]| reset[]"),
            ("\x0312,text", ",text[fg-12]"),
            ("\x02\x0303bold green\x0F", "bold green[b fg-3]"),
            ("\x16reversed", "reversed[rev]"),
            ("\x0399default", "default[]"),
            ("\x04FF0000hex", "hex[]"),
            ("trailing\x03", "trailing[]"),
        ];
        for (input, expected) in cases {
            assert_eq!(describe(input), expected, "{input:?}");
        }
    }

    #[test]
    fn measures_leading_codes() {
        let cases = [("\x0303[19:37] x", 3), ("\x0304,12[", 6), ("\x034,12\x02[1", 6), ("\x03[", 1), ("\x02\x0F[", 2), ("[19:37]", 0), ("\x03", 1)];
        for (text, length) in cases {
            assert_eq!(leading_codes_len(text), length, "{text:?}");
        }
    }

    #[test]
    fn strips_codes_for_search() {
        assert_eq!(strip_codes("\x02bold\x02 and \x0304,01red\x03"), "bold and red");
        assert!(matches!(strip_codes("no codes"), Cow::Borrowed(_)));
    }
}
