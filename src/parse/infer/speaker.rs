//! The speaker's shapes after a line's prefix (`<nick>`, `nick:`, `[nick]`, `(nick)`, a TAB
//! column, `nick | text`) and the events loggers write in their place (`-!-`, `***`, `* nick`).

use std::ops::Range;

use super::super::shapes::irc::{self, after_spaces, skip_spaces, strip_mode_prefix, without_user_and_host, word_at};
use crate::model::{LineKind, SystemEvent};

/// The longest nick a speaker shape accepts, in bytes.
const MAX_NICK: usize = 40;

/// How the speaker is written after the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Speaker {
    /// `<nick> text`, `<@nick> text`, `< nick> text`.
    Angle,
    /// `nick: text`.
    Colon,
    /// `[nick] text`.
    Square,
    /// `(nick) text`.
    Paren,
    /// `nick<TAB>text`.
    Tab,
    /// `nick | text`, `nick - text`, `nick > text`: a word, then a separator on its own.
    Separated(u8),
}

impl Speaker {
    pub(super) const ALL: [Speaker; 8] = [
        Speaker::Angle,
        Speaker::Colon,
        Speaker::Square,
        Speaker::Paren,
        Speaker::Tab,
        Speaker::Separated(b'|'),
        Speaker::Separated(b'-'),
        Speaker::Separated(b'>'),
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Speaker::Angle => "<nick>",
            Speaker::Colon => "nick:",
            Speaker::Square => "[nick]",
            Speaker::Paren => "(nick)",
            Speaker::Tab => "nick⇥",
            Speaker::Separated(b'|') => "nick |",
            Speaker::Separated(b'-') => "nick -",
            Speaker::Separated(_) => "nick >",
        }
    }

    /// The nick and the text of a message in this shape; ranges are relative to `rest`.
    pub(super) fn read(self, rest: &str) -> Option<(Range<usize>, Range<usize>)> {
        let bytes = rest.as_bytes();
        let (nick, after) = match self {
            Speaker::Angle => {
                let utterance = irc::utterance(rest).filter(|utterance| utterance.kind == LineKind::Message)?;
                return Some((without_user_and_host(rest, utterance.nick?), utterance.body));
            }
            Speaker::Colon => {
                let word = word_at(rest, 0)?;
                if !rest[word.clone()].ends_with(':') {
                    return None;
                }
                (word.start..word.end - 1, word.end)
            }
            Speaker::Square | Speaker::Paren => {
                let (open, close) = if self == Speaker::Square { (b'[', b']') } else { (b'(', b')') };
                if bytes.first() != Some(&open) {
                    return None;
                }
                let end = memchr::memchr(close, &bytes[..bytes.len().min(MAX_NICK + 2)])?;
                // The text starts after a space, or the line ends.
                if bytes.get(end + 1).is_some_and(|byte| *byte != b' ' && *byte != b'\t') {
                    return None;
                }
                (1..end, end + 1)
            }
            Speaker::Tab => {
                let tab = memchr::memchr(b'\t', bytes)?;
                (0..tab, tab + 1)
            }
            Speaker::Separated(separator) => {
                let word = word_at(rest, 0)?;
                let after = skip_spaces(rest, word.end);
                let is_alone = bytes.get(after) == Some(&separator) && bytes.get(after + 1).is_none_or(|byte| *byte == b' ');
                if after == word.end || !is_alone {
                    return None;
                }
                (word, after + 1)
            }
        };
        let nick = without_user_and_host(rest, strip_mode_prefix(rest, nick));
        is_nick(&rest[nick.clone()]).then(|| (nick, after_spaces(rest, after)))
    }
}

/// A plausible nick: short, no spaces, not a number, not a link or an event marker, and not
/// starting with `-` (IRC nicks never do: `-NickServ-` is a notice's sender).
fn is_nick(nick: &str) -> bool {
    !nick.is_empty()
        && !nick.starts_with('-')
        && nick.len() <= MAX_NICK
        && !nick.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        && !nick.bytes().all(|byte| byte.is_ascii_digit())
        && !nick.bytes().all(|byte| byte.is_ascii_punctuation())
        && !nick.contains("://")
}

/// The markers loggers put where the speaker goes on an event (`-->`, `<--`, `-!-`, `***`,
/// `:::`, `=!=`, `*`): a short run of punctuation, or a lone `*` or `!`. A lone `-`, `|` or `>`
/// separates columns.
pub(super) fn is_event_marker(token: &str) -> bool {
    let is_run = (2..=4).contains(&token.len()) && token.bytes().all(|byte| byte.is_ascii_punctuation());
    is_run || token == "*" || token == "!"
}

/// What an event marker before `text` makes of the line: a lone `*` is an action unless its
/// words are an event's (`* bob has joined`).
fn event_marker(marker: &str, text: &str) -> Option<LineKind> {
    if !is_event_marker(marker) {
        return None;
    }
    let event = irc::system_event(text);
    Some(if marker == "*" && event == SystemEvent::Other { LineKind::Action } else { LineKind::System(event) })
}

/// An event or utterance that is not in the template's speaker shape: `* nick waves`, `-!- nick
/// has quit`, `--> nick joined`, `-nick- notice`, `<nick> text`. Ranges are relative to `rest`.
pub(super) fn event(rest: &str) -> Option<(LineKind, Option<Range<usize>>, Range<usize>)> {
    if let Some(utterance) = irc::utterance(rest) {
        return Some((utterance.kind, utterance.nick, utterance.body));
    }
    // A marker column, then the event: `-->⇥nick has joined`, `<-- nick has quit`.
    let marker = rest.split([' ', '\t']).next().unwrap_or("");
    let body = after_spaces(rest, marker.len());
    if body.is_empty() {
        return None;
    }
    let kind = event_marker(marker, &rest[body.clone()])?;
    let nick = word_at(rest, body.start).filter(|nick| is_nick(&rest[nick.clone()]));
    Some((kind, nick, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_shapes() {
        type Case<'a> = (Speaker, &'a str, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            (Speaker::Angle, "<@bob> hi there", Some(("bob", "hi there"))),
            (Speaker::Colon, "bob: hi there", Some(("bob", "hi there"))),
            (Speaker::Colon, "http://x.org is down", None),
            (Speaker::Square, "[bob] hi", Some(("bob", "hi"))),
            (Speaker::Square, "[bob]hi", None),
            (Speaker::Paren, "(+bob) hi", Some(("bob", "hi"))),
            (Speaker::Tab, "bob\thi", Some(("bob", "hi"))),
            (Speaker::Tab, "bob and\thi", None),
        ];
        for (speaker, rest, expected) in cases {
            let got = speaker.read(rest).map(|(nick, body)| (&rest[nick], &rest[body]));
            assert_eq!(got, *expected, "{speaker:?} {rest:?}");
        }
    }
}
