//! Line shapes shared by many IRC formats: `<nick> text`, `* nick action`, `-nick- notice`, `=== event`.

use std::ops::Range;

use crate::model::{LineKind, SystemEvent};

/// What the part of a line after its timestamp says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    pub kind: LineKind,
    /// Byte range of the nick within the string given to [`utterance`].
    pub nick: Option<Range<usize>>,
    pub body: Range<usize>,
}

/// Reads `<nick> text`, `* nick text`, `-nick- text` and the `===`/`-!-`/`***`/`--` system lines.
/// Ranges are relative to `rest`.
pub fn utterance(rest: &str) -> Option<Utterance> {
    let bytes = rest.as_bytes();
    match bytes.first()? {
        b'<' => {
            let close = memchr::memchr(b'>', bytes)?;
            let inner = trim_range(rest, 1..close);
            // `<@nick>`, `<+nick>`, `< nick>`: the mode column is not part of the nick.
            let nick = strip_mode_prefix(rest, inner);
            if nick.is_empty() || rest[nick.clone()].contains(char::is_whitespace) {
                return None;
            }
            Some(Utterance { kind: LineKind::Message, nick: Some(nick), body: after_spaces(rest, close + 1) })
        }
        b'*' if bytes.get(1) == Some(&b' ') => {
            let nick = word_at(rest, skip_spaces(rest, 1))?;
            Some(Utterance { kind: LineKind::Action, nick: Some(nick.clone()), body: after_spaces(rest, nick.end) })
        }
        b'-' if bytes.get(1).is_some_and(|b| !matches!(b, b'-' | b'!' | b' ')) => {
            // The nick may hold dashes itself (`-qtox-git-spam- text`): it ends at the word's last one.
            let word = word_at(rest, 0)?;
            if word.len() < 3 || !rest[word.clone()].ends_with('-') {
                return None;
            }
            Some(Utterance { kind: LineKind::Notice, nick: Some(1..word.end - 1), body: after_spaces(rest, word.end) })
        }
        _ => system(rest),
    }
}

/// `=== nick [~user@host] has joined #ubuntu`, `-!- nick …`, `*** nick …`, `== nick …`, `-- nick …`.
fn system(rest: &str) -> Option<Utterance> {
    const MARKERS: [&str; 5] = ["=== ", "== ", "-!- ", "*** ", "-- "];
    let marker = MARKERS.iter().find(|marker| rest.starts_with(**marker))?;
    let body = after_spaces(rest, marker.len());
    // `Topic:` and `mode/#chan` are not nicks.
    let nick = word_at(rest, body.start).filter(|nick| !rest[nick.clone()].ends_with(':') && !rest[nick.clone()].contains('/'));
    Some(Utterance { kind: LineKind::System(system_event(&rest[body.clone()])), nick, body })
}

/// Which channel event a system line describes, from its wording.
pub fn system_event(text: &str) -> SystemEvent {
    const WORDINGS: [(&str, SystemEvent); 12] = [
        ("is now known as", SystemEvent::NickChange),
        ("has joined", SystemEvent::Join),
        ("joined #", SystemEvent::Join),
        ("has left", SystemEvent::Part),
        ("has parted", SystemEvent::Part),
        ("has quit", SystemEvent::Quit),
        ("was kicked", SystemEvent::Kick),
        ("has kicked", SystemEvent::Kick),
        ("topic", SystemEvent::Topic),
        ("sets mode", SystemEvent::Mode),
        ("mode/", SystemEvent::Mode),
        ("changes mode", SystemEvent::Mode),
    ];
    WORDINGS.iter().find(|(wording, _)| text.contains(wording)).map_or(SystemEvent::Other, |(_, event)| *event)
}

/// `--- Log opened …`, `**** BEGIN LOGGING AT …`, `Session Start: …`: a logger's own lines.
pub fn is_session_line(line: &str) -> bool {
    line.starts_with("--- ") || line.starts_with("**** ") || line.starts_with("Session ")
}

/// `nick!user@host`, as IRC writes a sender in full: the nick. The parse loop applies it to
/// every line-based reader's nick.
pub fn without_user_and_host(rest: &str, nick: Range<usize>) -> Range<usize> {
    let written = rest[nick.clone()].as_bytes();
    match memchr::memchr(b'!', written) {
        Some(bang) if bang > 0 && memchr::memchr(b'@', &written[bang..]).is_some() => nick.start..nick.start + bang,
        _ => nick,
    }
}

#[cfg(test)]
#[test]
fn a_sender_written_in_full_is_its_nick() {
    for (written, nick) in [("bob!~bob@host.example", "bob"), ("wow!", "wow!"), ("!x@y", "!x@y"), ("a!b", "a!b")] {
        assert_eq!(&written[without_user_and_host(written, 0..written.len())], nick, "{written}");
    }
}

/// `@nick`, `+nick`, ` nick `: the mode column and spaces are not part of the nick.
pub fn strip_mode_prefix(rest: &str, nick: Range<usize>) -> Range<usize> {
    let mode_length = rest[nick.clone()].bytes().take_while(|b| matches!(b, b'@' | b'+' | b'%' | b'~' | b'&')).count();
    // A nick that is nothing but `@` stays as it is.
    if mode_length == nick.len() {
        return nick;
    }
    trim_range(rest, nick.start + mode_length..nick.end)
}

/// The first whitespace-delimited word starting at `start`.
pub fn word_at(rest: &str, start: usize) -> Option<Range<usize>> {
    let bytes = rest.as_bytes();
    let end = start + bytes.get(start..)?.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(bytes.len() - start);
    (end > start).then_some(start..end)
}

/// The index of the first non-space byte at or after `start`.
pub fn skip_spaces(rest: &str, start: usize) -> usize {
    let bytes = rest.as_bytes();
    start + bytes[start.min(bytes.len())..].iter().take_while(|b| **b == b' ' || **b == b'\t').count()
}

/// From the first non-space byte at or after `start` to the end.
pub fn after_spaces(rest: &str, start: usize) -> Range<usize> {
    skip_spaces(rest, start)..rest.len()
}

fn trim_range(rest: &str, range: Range<usize>) -> Range<usize> {
    let inner = &rest[range.clone()];
    let leading = inner.len() - inner.trim_start().len();
    if leading == inner.len() {
        // All spaces: trimming from both ends would cross over.
        return range.start..range.start;
    }
    let trailing = inner.len() - inner.trim_end().len();
    range.start + leading..range.end - trailing
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, kind, nick, body)
    const CASES: &[(&str, &str, Option<&str>, &str)] = &[
        ("<avsm> hello there", "message", Some("avsm"), "hello there"),
        ("<@avsm> op speaks", "message", Some("avsm"), "op speaks"),
        ("< avsm> padded", "message", Some("avsm"), "padded"),
        ("<avsm>", "message", Some("avsm"), ""),
        ("<|trey|> pipes", "message", Some("|trey|"), "pipes"),
        ("* avsm waves", "action", Some("avsm"), "waves"),
        ("-NickServ- identify", "notice", Some("NickServ"), "identify"),
        ("-qtox-git-spam- pushed 2 commits", "notice", Some("qtox-git-spam"), "pushed 2 commits"),
        ("=== nick [~u@host] has joined #ubuntu", "system", Some("nick"), "nick [~u@host] has joined #ubuntu"),
        ("=== old is now known as new", "system", Some("old"), "old is now known as new"),
        ("-!- bob has quit [Ping timeout]", "system", Some("bob"), "bob has quit [Ping timeout]"),
        ("=== Topic: meeting at 3", "system", None, "Topic: meeting at 3"),
    ];

    #[test]
    fn reads_irc_shapes() {
        for (input, kind, nick, body) in CASES {
            let utterance = utterance(input).unwrap_or_else(|| panic!("no utterance in {input:?}"));
            assert_eq!(utterance.kind.name(), *kind, "kind of {input:?}");
            assert_eq!(utterance.nick.map(|range| &input[range]), *nick, "nick of {input:?}");
            assert_eq!(&input[utterance.body], *body, "body of {input:?}");
        }
    }

    #[test]
    fn rejects_non_irc_text() {
        for input in ["hello", "<a b> c", "- list item", "*bold*", ""] {
            let got = utterance(input);
            assert!(got.is_none(), "{input:?} read as {got:?}");
        }
    }

    /// Found by fuzzing: `< >` trimmed its blank nick from both ends into a reversed range.
    #[test]
    fn a_blank_bracketed_nick_is_not_a_message() {
        assert_eq!(utterance("< > text"), None);
        assert_eq!(utterance("<   >"), None);
    }

    #[test]
    fn names_system_events() {
        let cases = [
            ("x has joined #c", SystemEvent::Join),
            ("x has left #c", SystemEvent::Part),
            ("x has quit []", SystemEvent::Quit),
            ("a is now known as b", SystemEvent::NickChange),
            ("x changed the topic of #c to: y", SystemEvent::Topic),
            ("ChanServ sets mode +o x", SystemEvent::Mode),
            ("x was kicked from #c by y", SystemEvent::Kick),
            ("something odd", SystemEvent::Other),
        ];
        for (text, event) in cases {
            assert_eq!(system_event(text), event, "{text:?}");
        }
    }
}
