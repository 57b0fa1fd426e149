//! Logs published as HTML, one record per source line: MeetBot's `.log.html`, PircBot LogBot
//! fragments, `<li id=l-N _a=nick _r=addressee>` log pages and Pidgin's HTML logs. Each line is
//! tokenized on its own; lines that are not records (the head, styles, closing tags) are `Markup`.

use std::collections::HashMap;

use crate::model::{LineKind, SystemEvent};
use crate::parse::clients::mirc::MircReader;
use crate::parse::shapes::html::{pieces, place, text_of, Piece, Tag};
use crate::parse::shapes::irc::{system_event, utterance};
use crate::parse::shapes::time::{clock, parenthesised_stamp};
use crate::parse::{is_blank, Context, Reader, Reading};

/// A line that carries no record: blank, or part of the page's structure.
fn structure(line: &str, context: &mut Context) -> Reading {
    if is_blank(line) {
        return Reading::blank(line);
    }
    if context.meta.title.is_none() {
        let tokens = pieces(line);
        if let Some(at) = tokens.iter().position(|piece| matches!(piece, Piece::Open(tag) if tag.name == "title")) {
            if let Some(Piece::Text(title)) = tokens.get(at + 1) {
                context.meta.title = Some(title.trim().to_owned());
            }
        }
    }
    Reading::whole(LineKind::Markup, line, 1)
}

/// The reading of a decoded IRC utterance (`<nick> text`, `* nick text`, `-nick- text`), placed in `line`.
fn utterance_reading(line: &str, decoded: &str, time: Option<chrono::NaiveTime>, context: &mut Context) -> Reading {
    let Some(said) = utterance(decoded) else {
        let (_, body) = place(line, None, decoded, context);
        return Reading { kind: LineKind::System(system_event(decoded)), time, body, ..Reading::whole(LineKind::Raw, line, 1) };
    };
    let nick = said.nick.clone().map(|range| &decoded[range]);
    let body_text = &decoded[said.body.clone()];
    // Events written as actions (`* bob has joined #chan`).
    let kind = match said.kind {
        LineKind::Action if system_event(body_text) != SystemEvent::Other => LineKind::System(system_event(body_text)),
        kind => kind,
    };
    let (nick, body) = place(line, nick, body_text, context);
    Reading { kind, date: None, time, nick, body, confidence: 2 }
}

/// The text of the pieces inside the first `<span>` whose class is `class`, and the index after it.
fn span_text(tokens: &[Piece], class: &str) -> Option<(String, usize)> {
    let open = tokens.iter().position(|piece| matches!(piece, Piece::Open(tag) if tag.name == "span" && tag.has_class(class)))?;
    let close =
        tokens[open..].iter().position(|piece| matches!(piece, Piece::Close(name) if name == "span")).map_or(tokens.len(), |at| open + at);
    Some((text_of(&tokens[open + 1..close]), (close + 1).min(tokens.len())))
}

/// MeetBot's `.log.html`: `<a name="l-N"></a><span class="tm">HH:MM:SS</span><span class="nk"> &lt;nick&gt;</span> text`.
#[derive(Debug, Default)]
pub struct MeetbotHtmlReader;

impl Reader for MeetbotHtmlReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        let tokens = pieces(line);
        let anchor = tokens.iter().find_map(|piece| match piece {
            Piece::Open(tag) if tag.name == "a" => tag.attribute("name").filter(|name| name.starts_with("l-")).map(str::to_owned),
            _ => None,
        });
        let Some(anchor) = anchor else { return structure(line, context) };
        context.aliases.push((anchor.into(), context.line_index));
        let time = span_text(&tokens, "tm").and_then(|(clock_text, _)| clock(clock_text.as_bytes()).map(|(time, _)| time));
        let said = span_text(&tokens, "nk").or_else(|| span_text(&tokens, "nka"));
        let Some((speaker, after)) = said else {
            let (_, body) = place(line, None, &text_of(&tokens), context);
            return Reading { time, body, ..Reading::whole(LineKind::Raw, line, 1) };
        };
        let decoded = format!("{} {}", speaker.trim(), text_of(&tokens[after..]));
        utterance_reading(line, decoded.trim_end(), time, context)
    }
}

/// PircBot LogBot: `<span class="irc-date">[H:MM]</span> <span class="irc-black">&lt;nick&gt; text</span><br />`.
#[derive(Debug, Default)]
pub struct LogbotHtmlReader;

impl Reader for LogbotHtmlReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        let tokens = pieces(line);
        let Some((date_text, after)) = span_text(&tokens, "irc-date") else { return structure(line, context) };
        let time = clock(date_text.trim_matches(|c| c == '[' || c == ']').as_bytes()).map(|(time, _)| time);
        let decoded = text_of(&tokens[after..]);
        let colour = tokens[after..].iter().find_map(|piece| match piece {
            Piece::Open(tag) if tag.name == "span" => tag.attribute("class").map(str::to_owned),
            _ => None,
        });
        let mut reading = utterance_reading(line, &decoded, time, context);
        // LogBot colours the events it writes: green for comings and goings, navy for names and
        // topics, brown for the server's notices.
        match colour.as_deref() {
            Some("irc-green" | "irc-navy") if reading.kind != LineKind::Message => {
                let body = &decoded[decoded.find(' ').map_or(0, |space| space + 1)..];
                reading.kind = LineKind::System(system_event(body));
            }
            Some("irc-brown") if reading.kind.is_spoken() => reading.kind = LineKind::Notice,
            _ => {}
        }
        reading
    }
}

/// Pages of `<li id="l-N" _a="nick" _r="addressee"><a href="#l-N">#</a> [HH:MM] &lt;nick&gt; text</li>`,
/// each item a mIRC log line. Their ids become aliases; `_r` becomes a reply to the addressee's
/// last line.
#[derive(Debug, Default)]
pub struct IrcLogsHtmlReader {
    mirc: MircReader,
    /// An item opened on an earlier line is not closed yet: lines until `</li>` are its text.
    in_item: bool,
    /// Each speaker's last line, for `_r`.
    last_line_of: HashMap<String, u32>,
}

impl Reader for IrcLogsHtmlReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        let tokens = pieces(line);
        let item = tokens.iter().position(|piece| matches!(piece, Piece::Open(tag) if tag.name == "li" && tag.attribute("id").is_some()));
        let closes_item = tokens.iter().any(|piece| matches!(piece, Piece::Close(name) if name == "li"));
        if self.in_item && item.is_none() {
            self.in_item = !closes_item;
            let (_, body) = place(line, None, &text_of(&tokens), context);
            return Reading { body, ..Reading::whole(LineKind::Continuation, line, 2) };
        }
        let Some(item) = item else { return structure(line, context) };
        self.in_item = !closes_item;
        let Piece::Open(Tag { attributes, .. }) = &tokens[item] else { return structure(line, context) };
        let attribute = |name: &str| attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
        if let Some(id) = attribute("id") {
            context.aliases.push((id.into(), context.line_index));
        }
        // The text after the item's own `#` link.
        let mut start = item + 1;
        if let (Some(Piece::Open(tag)), Some(Piece::Close(_))) = (tokens.get(start), tokens.get(start + 2)) {
            if tag.name == "a" && tag.attribute("href").is_some_and(|href| href.starts_with('#')) {
                start += 3;
            }
        }
        let decoded = text_of(&tokens[start.min(tokens.len())..]);
        let mut inner = self.mirc.read(&decoded, context);
        let nick_text = inner.nick.clone().and_then(|range| decoded.get(range)).map(str::to_owned);
        let body_text = decoded.get(inner.body.clone()).unwrap_or_default().to_owned();
        let (nick, body) = place(line, nick_text.as_deref(), &body_text, context);
        if inner.kind == LineKind::Raw && inner.time.is_none() {
            inner.kind = LineKind::Markup;
        }
        let index = context.line_index;
        if inner.kind.is_spoken() {
            if let Some(parent) = attribute("_r").and_then(|addressee| self.last_line_of.get(&addressee)) {
                context.replies.push((index, *parent));
            }
            if let Some(speaker) = attribute("_a").or_else(|| nick_text.clone()) {
                self.last_line_of.insert(speaker, index);
            }
        }
        Reading { nick, body, confidence: 2, ..inner }
    }
}

/// Pidgin's HTML: `<font size="2">(HH:MM:SS)</font> <b>nick:</b></font> text<br/>`; a bold text
/// with no colon is a status line.
#[derive(Debug, Default)]
pub struct PidginHtmlReader;

impl Reader for PidginHtmlReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        let tokens = pieces(line);
        // The same stamps as Pidgin's text logs: `(01:13:43)`, `(04:00:50 PM)`, `(2011-12-09 01:24:03)`.
        let stamped = tokens.iter().enumerate().find_map(|(at, piece)| match piece {
            Piece::Text(text) => {
                parenthesised_stamp(text.trim()).filter(|(_, _, end)| *end == text.trim().len()).map(|(date, time, _)| (at, date, time))
            }
            _ => None,
        });
        let Some((stamp_at, date, time)) = stamped else { return structure(line, context) };
        let time = Some(time);
        let bold = tokens[stamp_at..].iter().position(|piece| matches!(piece, Piece::Open(tag) if tag.name == "b")).map(|at| stamp_at + at);
        let Some(bold) = bold else {
            let (_, body) = place(line, None, &text_of(&tokens[stamp_at + 1..]), context);
            return Reading { date, time, body, ..Reading::whole(LineKind::Raw, line, 1) };
        };
        let bold_end =
            tokens[bold..].iter().position(|piece| matches!(piece, Piece::Close(name) if name == "b")).map_or(tokens.len(), |at| bold + at);
        let label = text_of(&tokens[bold + 1..bold_end]);
        let said = text_of(&tokens[(bold_end + 1).min(tokens.len())..]);
        match label.strip_suffix(':') {
            Some(speaker) => {
                let (kind, speaker) = match speaker.strip_suffix(" <AUTO-REPLY>") {
                    Some(speaker) => (LineKind::Notice, speaker),
                    None => (LineKind::Message, speaker),
                };
                let (nick, body) = place(line, Some(speaker.trim()), &said, context);
                Reading { kind, date, time, nick, body, confidence: 2 }
            }
            None => {
                let (_, body) = place(line, None, &label, context);
                Reading { kind: LineKind::System(SystemEvent::Other), date, time, nick: None, body, confidence: 2 }
            }
        }
    }
}
