//! Adium's `.chatlog` XML (the Unified Log Format): `<message sender alias time>` with an XHTML
//! body, `<event>` and `<status>` elements, one per line. quick-xml reads the element and its
//! attributes; the body is XHTML, reduced to text by the HTML reader. A message whose XHTML
//! goes on over several lines has its later lines as `continuation`s.

use quick_xml::events::{BytesStart, Event};

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::{html_text, iso_moment, place};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct AdiumReader {
    /// A `<message>` opened on an earlier line is not closed yet: lines until `</message>` are its text.
    in_message: bool,
}

impl Reader for AdiumReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if self.in_message {
            let inner_end = line.find("</message>");
            self.in_message = inner_end.is_none();
            let said = html_text(&line[..inner_end.unwrap_or(line.len())]);
            let (_, body) = place(line, None, &said, context);
            return Reading { body, ..Reading::whole(LineKind::Continuation, line, 2) };
        }
        let mut xml = quick_xml::Reader::from_str(line);
        let element = loop {
            match xml.read_event() {
                Ok(Event::Start(element) | Event::Empty(element)) => break element,
                Ok(Event::Eof) | Err(_) => return Reading::whole(LineKind::Markup, line, 1),
                Ok(_) => {}
            }
        };
        let after_start_tag = (xml.buffer_position() as usize).min(line.len());
        let attribute = |name: &str| attribute(&element, name);
        let moment = attribute("time").and_then(|time| iso_moment(&time));
        let (date, time) = (moment.map(|(date, _)| date), moment.map(|(_, time)| time));
        let speaker = attribute("alias").or_else(|| attribute("sender"));
        match element.name().as_ref() {
            "message" => {
                let inner_end = line.rfind("</message>").filter(|end| *end >= after_start_tag);
                self.in_message = inner_end.is_none();
                let inner_end = inner_end.unwrap_or(line.len());
                let said = html_text(&line[after_start_tag..inner_end]);
                let (nick, body) = place(line, speaker.as_deref(), &said, context);
                Reading { kind: LineKind::Message, date, time, nick, body, confidence: 2 }
            }
            "event" | "status" => {
                let what = attribute("type").unwrap_or_default();
                let said = match &speaker {
                    Some(who) => format!("{who}: {what}"),
                    None => what,
                };
                let (_, body) = place(line, None, &said, context);
                Reading { kind: LineKind::System(SystemEvent::Other), date, time, nick: None, body, confidence: 2 }
            }
            "chat" => {
                context.meta.title =
                    context.meta.title.take().or_else(|| {
                        attribute("account").map(|account| format!("{account} ({})", attribute("service").unwrap_or_default()))
                    });
                Reading::whole(LineKind::Markup, line, 2)
            }
            _ => Reading::whole(LineKind::Markup, line, 1),
        }
    }
}

/// An attribute's value with its entities decoded, if it is there and well-formed.
fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    let found = element.try_get_attribute(name).ok()??;
    found.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|value| value.into_owned())
}
