//! Matrix room dumps: the first line a JSON map of user ids to display names, then one raw
//! event as JSON per line. Messages, emotes and notices are spoken lines; membership, topic and
//! name changes are system lines; other state is `Markup`. `m.in_reply_to` becomes a reply.

use std::collections::HashMap;

use serde_json::Value;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::{epoch_millis, place};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct MatrixReader {
    /// User id to display name, from the first line and from membership events.
    names: HashMap<String, String>,
}

impl Reader for MatrixReader {
    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(line) else {
            // The dump ends with the server's pagination token (`s7197705762_757284980_…`).
            let is_token = line.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
            return if is_token { Reading::whole(LineKind::Markup, line, 1) } else { Reading::raw(line) };
        };
        let Some(kind) = object.get("type").and_then(Value::as_str) else {
            // The map of names: every value a string.
            if object.values().all(Value::is_string) {
                let names = object.iter().filter_map(|(id, name)| Some((id.clone(), name.as_str()?.to_owned())));
                self.names.extend(names);
                return Reading::whole(LineKind::Markup, line, 2);
            }
            return Reading::raw(line);
        };
        self.read_event(&object, kind, line, context)
    }
}

impl MatrixReader {
    /// Reads one Matrix event of type `kind` (a room dump's line, an Element export's message).
    pub(crate) fn read_event(&mut self, object: &serde_json::Map<String, Value>, kind: &str, line: &str, context: &mut Context) -> Reading {
        let text = |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or_default().to_owned();
        let content = object.get("content");
        let field = |name: &str| content.and_then(|content| content.get(name));
        let sender = text(object.get("sender"));
        if kind == "m.room.member" {
            if let Some(name) = field("displayname").and_then(Value::as_str) {
                let member = object.get("state_key").and_then(Value::as_str).unwrap_or(&sender).to_owned();
                self.names.entry(member).or_insert_with(|| name.to_owned());
            }
        }
        match kind {
            "m.room.name" => context.meta.title = field("name").and_then(Value::as_str).map(str::to_owned).or(context.meta.title.take()),
            "m.room.canonical_alias" => {
                context.meta.channel = field("alias").and_then(Value::as_str).map(str::to_owned).or(context.meta.channel.take())
            }
            _ => {}
        }
        let name = self.names.get(&sender).cloned().unwrap_or_else(|| sender.clone());
        let moment = object.get("origin_server_ts").and_then(Value::as_i64).and_then(epoch_millis);
        if let Some(event_id) = object.get("event_id").and_then(Value::as_str) {
            context.ids.insert(event_id.into(), context.line_index);
        }
        let (line_kind, said) = match kind {
            "m.room.message" => {
                let replying = field("m.relates_to")
                    .and_then(|relation| relation.get("m.in_reply_to"))
                    .and_then(|reply| reply.get("event_id"))
                    .and_then(Value::as_str);
                if let Some(parent) = replying {
                    context.replies_by_id.push((context.line_index, parent.into()));
                }
                let body = text(field("body"));
                let body = if replying.is_some() { without_reply_fallback(&body) } else { body };
                match field("msgtype").and_then(Value::as_str) {
                    Some("m.emote") => (LineKind::Action, body),
                    Some("m.notice") => (LineKind::Notice, body),
                    Some("m.text") | None => (LineKind::Message, body),
                    Some(other) => (LineKind::Message, if body.is_empty() { format!("[{other}]") } else { body }),
                }
            }
            "m.room.member" => match field("membership").and_then(Value::as_str) {
                Some("join") => (LineKind::System(SystemEvent::Join), format!("{name} joined")),
                Some("leave") => (LineKind::System(SystemEvent::Part), format!("{name} left")),
                Some("ban") => (LineKind::System(SystemEvent::Kick), format!("{name} was banned")),
                Some(other) => (LineKind::System(SystemEvent::Other), format!("{name}: {other}")),
                None => (LineKind::System(SystemEvent::Other), name.clone()),
            },
            "m.room.topic" => (LineKind::System(SystemEvent::Topic), format!("{name} set the topic: {}", text(field("topic")))),
            "m.room.name" => (LineKind::System(SystemEvent::Topic), format!("{name} named the room {}", text(field("name")))),
            "m.room.redaction" => (LineKind::System(SystemEvent::Other), format!("{name} removed a message")),
            _ => (LineKind::Markup, String::new()),
        };
        if line_kind == LineKind::Markup {
            return Reading {
                date: moment.map(|moment| moment.date()),
                time: moment.map(|moment| moment.time()),
                ..Reading::whole(LineKind::Markup, line, 2)
            };
        }
        let speaker = line_kind.is_spoken().then_some(name.as_str());
        let (nick, body) = place(line, speaker, &said, context);
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
fn without_reply_fallback(body: &str) -> String {
    if !body.starts_with("> ") {
        return body.to_owned();
    }
    let mut rest = body;
    while let Some(quoted) = rest.strip_prefix('>') {
        rest = quoted.split_once('\n').map_or("", |(_, after)| after);
    }
    rest.trim_start_matches('\n').to_owned()
}
