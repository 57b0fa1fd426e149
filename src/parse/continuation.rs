//! What every line-based reader shares after it reads a line: a sender written in full is its
//! nick, a line it did not know just after a message continues that message, and a Markdown
//! heading starting a paragraph is a header.

use super::shapes::irc;
use super::Reading;
use crate::model::{Line, LineKind};

/// Settles what `reading` says of `source`, given the lines read before it.
pub(super) fn place(lines: &[Line], source: &str, reading: &mut Reading) {
    // `<nick!user@host>`: a sender written in full is its nick, whoever logged it.
    reading.nick = reading.nick.take().map(|nick| irc::without_user_and_host(source, nick));
    if reading.kind != LineKind::Raw {
        return;
    }
    if continues_a_message(lines, source) {
        *reading = Reading::whole(LineKind::Continuation, source, 0);
    } else if is_markdown_heading(lines, source) {
        *reading = Reading::whole(LineKind::Header, source, 0);
    }
}

/// Whether `source`, a line its reader did not know, goes on with the message above it: a
/// message hard-wrapped by hand or by a paste (`15:56 <@nick> we should …` then `development
/// schedule.`). It does when the line just above is said by someone (a message or its
/// continuation; a blank line ends a message) and it has no shape of its own: a line that starts
/// with a time or a date, or reads as an IRC line, is a line its reader failed on and stays raw.
fn continues_a_message(lines: &[Line], source: &str) -> bool {
    let above = lines.last();
    let follows_a_message = above.is_some_and(|line| matches!(line.kind, LineKind::Message | LineKind::Action | LineKind::Notice | LineKind::Continuation));
    follows_a_message && !has_a_line_shape(source)
}

/// `# Day 1` at the start of a paragraph: a log pasted into a Markdown page, under its headings.
fn is_markdown_heading(lines: &[Line], source: &str) -> bool {
    let starts_a_paragraph = lines.last().is_none_or(|line| line.kind == LineKind::Blank);
    let level = source.bytes().take_while(|byte| *byte == b'#').count();
    starts_a_paragraph && (1..=6).contains(&level) && source.as_bytes().get(level) == Some(&b' ')
}

/// A time or a date at the start (bare or bracketed), an IRC utterance or event line, or a
/// logger's session marker (`--- Log opened`, `**** BEGIN LOGGING`, `Session Start:`).
fn has_a_line_shape(line: &str) -> bool {
    // `* item` is a list in a wrapped message as often as an action.
    irc::is_session_line(line)
        || super::infer::starts_with_stamp(line)
        || irc::utterance(line.trim_start()).is_some_and(|utterance| utterance.kind != LineKind::Action)
}
