//! Matrix room dumps: the first line a JSON map of user ids to display names, then one raw
//! event as JSON per line. Messages, emotes and notices are spoken lines; membership, topic and
//! name changes are system lines; other state is `Markup`. `m.in_reply_to` becomes a reply.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::parse::shapes::export::Text;
use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::{epoch_millis, place_borrowed};
use crate::parse::{is_blank, Context, Reader, Reading};
use crate::parse::ids::MessageId;

#[derive(Debug, Default)]
pub struct MatrixReader {
    /// User id to display name, from the first line and from membership events.
    names: HashMap<String, String>,
}

/// A Matrix event, its text, names and ids borrowed from the line where they hold no escape
/// (then a row's text is a span of its line, never copied).
#[derive(Deserialize)]
pub(crate) struct Event<'a> {
    #[serde(rename = "type", borrow)]
    pub kind: Option<Text<'a>>,
    #[serde(default, borrow)]
    sender: Cow<'a, str>,
    #[serde(borrow)]
    state_key: Option<Text<'a>>,
    /// A number as written: milliseconds since 1970.
    #[serde(borrow)]
    origin_server_ts: Option<&'a RawValue>,
    #[serde(borrow)]
    event_id: Option<Text<'a>>,
    #[serde(default, borrow)]
    content: Content<'a>,
}

#[derive(Default, Deserialize)]
struct Content<'a> {
    #[serde(borrow)]
    body: Option<Text<'a>>,
    #[serde(borrow)]
    msgtype: Option<Text<'a>>,
    #[serde(borrow)]
    displayname: Option<Text<'a>>,
    #[serde(borrow)]
    membership: Option<Text<'a>>,
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    alias: Option<Text<'a>>,
    #[serde(borrow)]
    topic: Option<Text<'a>>,
    #[serde(rename = "m.relates_to", borrow)]
    relates_to: Option<Relation<'a>>,
}

#[derive(Deserialize)]
struct Relation<'a> {
    #[serde(rename = "m.in_reply_to", borrow)]
    in_reply_to: Option<InReplyTo<'a>>,
}

#[derive(Deserialize)]
struct InReplyTo<'a> {
    #[serde(borrow)]
    event_id: Option<Text<'a>>,
}

impl Reader for MatrixReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if let Ok(event @ Event { kind: Some(_), .. }) = serde_json::from_str::<Event>(line) {
            return self.read_event(&event, line, context);
        }
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(line) else {
            // The dump ends with the server's pagination token (`s7197705762_757284980_…`).
            let is_token = line.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
            return if is_token { Reading::whole(LineKind::Markup, line, 1) } else { Reading::raw(line) };
        };
        // The map of names: every value a string.
        if !object.contains_key("type") && object.values().all(Value::is_string) {
            let names = object.iter().filter_map(|(id, name)| Some((id.clone(), name.as_str()?.to_owned())));
            self.names.extend(names);
            return Reading::whole(LineKind::Markup, line, 2);
        }
        Reading::raw(line)
    }
}

impl MatrixReader {
    /// Reads one Matrix event (a room dump's line, an Element export's message).
    pub(crate) fn read_event(&mut self, event: &Event, line: &str, context: &mut Context) -> Reading {
        let kind = event.kind.as_deref().unwrap_or_default();
        let content = &event.content;
        let sender = event.sender.as_ref();
        if kind == "m.room.member" {
            if let Some(name) = content.displayname.as_deref() {
                let member = event.state_key.as_deref().unwrap_or(sender);
                if !self.names.contains_key(member) {
                    self.names.insert(member.to_owned(), name.to_owned());
                }
            }
        }
        match kind {
            "m.room.name" => context.meta.title = content.name.as_deref().map(str::to_owned).or(context.meta.title.take()),
            "m.room.canonical_alias" => context.meta.channel = content.alias.as_deref().map(str::to_owned).or(context.meta.channel.take()),
            _ => {}
        }
        let name = self.names.get(sender).map_or(sender, String::as_str);
        let moment = event.origin_server_ts.and_then(|millis| millis.get().parse().ok()).and_then(epoch_millis);
        if let Some(event_id) = &event.event_id {
            context.ids.name(MessageId::of(0, event_id), context.line_index);
        }
        let text = |value: &Option<Text>| value.as_deref().unwrap_or_default().to_owned();
        let (line_kind, said): (LineKind, Cow<str>) = match kind {
            "m.room.message" => {
                let replying = content.relates_to.as_ref().and_then(|relation| relation.in_reply_to.as_ref()).and_then(|reply| reply.event_id.as_deref());
                if let Some(parent) = replying {
                    context.ids.reply(context.line_index, MessageId::of(0, parent));
                }
                let body = content.body.as_deref().unwrap_or_default();
                let body = if replying.is_some() { without_reply_fallback(body) } else { body };
                match content.msgtype.as_deref() {
                    Some("m.emote") => (LineKind::Action, body.into()),
                    Some("m.notice") => (LineKind::Notice, body.into()),
                    Some("m.text") | None => (LineKind::Message, body.into()),
                    Some(other) => (LineKind::Message, if body.is_empty() { format!("[{other}]").into() } else { body.into() }),
                }
            }
            "m.room.member" => match content.membership.as_deref() {
                Some("join") => (LineKind::System(SystemEvent::Join), format!("{name} joined").into()),
                Some("leave") => (LineKind::System(SystemEvent::Part), format!("{name} left").into()),
                Some("ban") => (LineKind::System(SystemEvent::Kick), format!("{name} was banned").into()),
                Some(other) => (LineKind::System(SystemEvent::Other), format!("{name}: {other}").into()),
                None => (LineKind::System(SystemEvent::Other), name.into()),
            },
            "m.room.topic" => (LineKind::System(SystemEvent::Topic), format!("{name} set the topic: {}", text(&content.topic)).into()),
            "m.room.name" => (LineKind::System(SystemEvent::Topic), format!("{name} named the room {}", text(&content.name)).into()),
            "m.room.redaction" => (LineKind::System(SystemEvent::Other), format!("{name} removed a message").into()),
            _ => (LineKind::Markup, "".into()),
        };
        if line_kind == LineKind::Markup {
            return Reading {
                date: moment.map(|moment| moment.date()),
                time: moment.map(|moment| moment.time()),
                ..Reading::whole(LineKind::Markup, line, 2)
            };
        }
        let speaker = line_kind.is_spoken().then_some(name);
        let (nick, body) = place_borrowed(line, speaker, &said, context);
        Reading {
            kind: line_kind,
            date: moment.map(|moment| moment.date()),
            time: moment.map(|moment| moment.time()),
            nick,
            body,
            confidence: 2,
        }
    }
}

/// A reply's body without the quote of the message it answers (`> <@a:b> text` lines and the
/// blank line after them), which clients add for those that do not show replies.
fn without_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    let mut rest = body;
    while let Some(quoted) = rest.strip_prefix('>') {
        rest = quoted.split_once('\n').map_or("", |(_, after)| after);
    }
    rest.trim_start_matches('\n')
}
