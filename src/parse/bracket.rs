//! Bracketed IRC logs (Ubuntu irclogs, irc-disentanglement): `[03:10] <nick> text`, `=== nick has joined`.

use super::irc::{skip_spaces, utterance};
use super::time::clock;
use super::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct BracketReader;

impl Reader for BracketReader {
    fn read(&mut self, line: &str, _context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let bytes = line.as_bytes();
        let stamp = (bytes[0] == b'[')
            .then(|| clock(&bytes[1..]))
            .flatten()
            .filter(|(_, length)| bytes.get(1 + length) == Some(&b']'));
        let (time, rest_start) = match stamp {
            Some((time, length)) => (Some(time), skip_spaces(line, length + 2)),
            // Ubuntu's `===` lines carry no time.
            None => (None, 0),
        };
        let Some(said) = utterance(&line[rest_start..]) else {
            return Reading::raw(line);
        };
        let shift = |range: std::ops::Range<usize>| rest_start + range.start..rest_start + range.end;
        Reading {
            kind: said.kind,
            date: None,
            time,
            nick: said.nick.map(shift),
            body: shift(said.body),
            confidence: if time.is_some() { 2 } else { 1 },
        }
    }
}
