//! BotBot dumps: a Python `b'…'` repr of a day's log, newest first: `b'` before the first line,
//! `'` after the last, and each line `YYYY-MM-DDTHH:MM:SS <nick> text` or `… * nick joined the
//! channel`, with `\'`, `\\` and `\xNN` escapes undone for what is shown.

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::{iso_moment, place};
use crate::parse::shapes::irc::{system_event, utterance};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct BotbotReader;

impl Reader for BotbotReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        context.meta.newest_first = true;
        if is_blank(line) {
            return Reading::blank(line);
        }
        let text = match line.strip_prefix("b'").or_else(|| line.strip_prefix("b\"")) {
            Some(page) => {
                context.block_starts.push(context.line_index);
                page
            }
            None => line,
        };
        let Some((date, time)) = iso_moment(text) else {
            let closing = matches!(line.trim_end(), "'" | "\"");
            return if closing { Reading::whole(LineKind::Markup, line, 1) } else { Reading::raw(line) };
        };
        let rest = text.get(19..).unwrap_or_default().trim_start();
        let decoded = unescape(rest);
        let Some(said) = utterance(&decoded) else {
            let (_, body) = place(line, None, &decoded, context);
            return Reading {
                kind: LineKind::System(system_event(&decoded)),
                date: Some(date),
                time: Some(time),
                nick: None,
                body,
                confidence: 1,
            };
        };
        let body_text = &decoded[said.body.clone()];
        let kind = match said.kind {
            LineKind::Action => match system_event(body_text) {
                SystemEvent::Other if !body_text.starts_with("joined the channel") => LineKind::Action,
                SystemEvent::Other => LineKind::System(SystemEvent::Join),
                event => LineKind::System(event),
            },
            kind => kind,
        };
        let nick_text = said.nick.clone().map(|range| &decoded[range]);
        let (nick, body) = place(line, nick_text, body_text, context);
        Reading { kind, date: Some(date), time: Some(time), nick, body, confidence: 2 }
    }
}

/// A Python bytes repr's escapes undone; the bytes are read as UTF-8.
fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' || at + 1 >= bytes.len() {
            out.push(bytes[at]);
            at += 1;
            continue;
        }
        let escaped = bytes[at + 1];
        at += 2;
        match escaped {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'x' => {
                match bytes.get(at..at + 2).and_then(|hex| std::str::from_utf8(hex).ok()).and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        at += 2;
                    }
                    None => out.extend_from_slice(b"\\x"),
                }
            }
            other => out.push(other),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn undoes_python_bytes_escapes() {
        for (repr, text) in
            [(r"don\'t", "don't"), (r"a\\b", r"a\b"), (r"caf\xc3\xa9", "café"), (r"bad \xZZ", r"bad \xZZ"), ("end\\", "end\\")]
        {
            assert_eq!(unescape(repr), text);
        }
    }
}
