//! Telegram Desktop's `result.json`: one chat `{name, type, id, messages}` or a whole account
//! `{chats: {list: [chat…]}, left_chats: {list: [chat…]}}`. Messages are `{id, type (message |
//! service), date, from, reply_to_message_id, forwarded_from, text, edited, media fields}`;
//! `text` is a string or an array of strings and `{type, text}` pieces; service lines name an
//! `actor` and an `action`. Each chat's messages follow its name, which heads its part of the file.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::parse::shapes::export::{export_moment, holds_object, lay_out_messages_head, message_of, one_message_per_line, pretty_messages, ranges_in, structure, Extras, ONE_MESSAGE_PER_LINE, Said, Text};
use crate::model::{LineKind, SystemEvent};
use crate::parse::{is_blank, Context, Reader, Reading};
use crate::parse::ids::MessageId;

#[derive(Debug, Default)]
pub struct TelegramReader {
    seen_message: bool,
    /// Each chat's name and number of messages, in the file's order, read when laying it out.
    chats: Vec<(String, usize)>,
    /// The chat being read (message ids are per chat), and how many of its messages are read.
    chat: usize,
    read_in_chat: usize,
}

/// A single chat, or an account's export holding chats.
#[derive(Deserialize)]
struct Export<'a> {
    name: Option<String>,
    #[serde(borrow, default)]
    messages: Vec<&'a RawValue>,
    #[serde(borrow)]
    chats: Option<Chats<'a>>,
    #[serde(borrow)]
    left_chats: Option<Chats<'a>>,
}

/// A single chat's export with its messages left out.
#[derive(Deserialize)]
struct OneChat {
    name: Option<String>,
}

#[derive(Deserialize)]
struct Chats<'a> {
    #[serde(borrow, default)]
    list: Vec<Chat<'a>>,
}

#[derive(Deserialize)]
struct Chat<'a> {
    name: Option<String>,
    #[serde(borrow, default)]
    messages: Vec<&'a RawValue>,
}

impl<'a> Export<'a> {
    /// Every chat's name and messages, in the file's order.
    fn chats(self) -> Vec<(String, Vec<&'a RawValue>)> {
        let mut chats = Vec::new();
        if !self.messages.is_empty() {
            chats.push((self.name.unwrap_or_default(), self.messages));
        }
        for list in [self.chats, self.left_chats].into_iter().flatten() {
            chats.extend(list.list.into_iter().map(|chat| (chat.name.unwrap_or_default(), chat.messages)));
        }
        chats
    }
}

/// A message, its text and sender borrowed from the line where they hold no escape (then a
/// row's text is a span of its line, never copied).
#[derive(Deserialize)]
struct Message<'a> {
    /// A number (or a string) as written: ids and replies are matched by their text.
    #[serde(borrow)]
    id: &'a RawValue,
    #[serde(rename = "type", default, borrow)]
    kind: Cow<'a, str>,
    #[serde(default, borrow)]
    date: Cow<'a, str>,
    #[serde(borrow)]
    from: Option<Text<'a>>,
    actor: Option<String>,
    action: Option<String>,
    /// A string, or an array of strings and `{type, text}` pieces: read by [`flat_text`].
    #[serde(borrow)]
    text: Option<&'a RawValue>,
    edited: Option<IgnoredAny>,
    #[serde(borrow)]
    reply_to_message_id: Option<&'a RawValue>,
    forwarded_from: Option<String>,
    photo: Option<String>,
    file: Option<String>,
    file_name: Option<String>,
    media_type: Option<String>,
    sticker_emoji: Option<String>,
    title: Option<String>,
    #[serde(default)]
    members: Vec<Option<String>>,
    poll: Option<Poll>,
    via_bot: Option<String>,
    #[serde(default)]
    reactions: Vec<Reaction>,
}

#[derive(Deserialize)]
struct Poll {
    question: Option<String>,
}

#[derive(Deserialize)]
struct Reaction {
    #[serde(default)]
    count: u64,
    emoji: Option<String>,
    document_id: Option<String>,
}

impl Reader for TelegramReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        // One chat, pretty-printed as Telegram Desktop writes it: its messages found by their
        // lines. An account's export (its `chats`) is read as JSON.
        if memchr::memmem::find(text.as_bytes(), b"\"chats\"").is_none() {
            if let Some((messages, chat)) = pretty_messages::<OneChat>(text) {
                self.chats = vec![(chat.name.unwrap_or_default(), messages.len())];
                return one_message_per_line(text, &messages);
            }
        }
        let export: Export = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
        let chats: Vec<(String, Vec<&RawValue>)> = export.chats().into_iter().filter(|(_, messages)| !messages.is_empty()).collect();
        self.chats = chats.iter().map(|(name, messages)| (name.clone(), messages.len())).collect();
        let messages: Vec<&RawValue> = chats.into_iter().flat_map(|(_, messages)| messages).collect();
        one_message_per_line(text, &ranges_in(text, &messages)?)
    }

    fn laid_out_note(&self) -> &'static str {
        ONE_MESSAGE_PER_LINE
    }

    /// One chat, pretty-printed: its name comes before its messages, and the head's messages
    /// are all the first screen reads of it. An account's export (its `chats`) is read whole.
    fn lay_out_head(&mut self, head: &str) -> Option<(usize, Option<String>)> {
        if memchr::memmem::find(head.as_bytes(), b"\"chats\"").is_some() {
            return None;
        }
        let mut chat: Option<OneChat> = None;
        let head = lay_out_messages_head(head, &mut chat)?;
        self.chats = vec![(chat?.name.unwrap_or_default(), usize::MAX)];
        Some(head)
    }

    fn prepare(&mut self, _text: &str, context: &mut Context) {
        if let [(name, _)] = &self.chats[..] {
            context.meta.title = Some(name.clone()).filter(|name| !name.is_empty());
        }
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        if !holds_object(line) {
            return structure(line, !self.seen_message);
        }
        // Each object line is the next message: past a chat's last, the next chat's first, which
        // starts a part of an account's export.
        while self.chats.get(self.chat).is_some_and(|(_, n_messages)| self.read_in_chat >= *n_messages) {
            (self.chat, self.read_in_chat) = (self.chat + 1, 0);
        }
        if let Some((name, _)) = self.chats.get(self.chat).filter(|_| self.read_in_chat == 0 && self.chats.len() >= 2) {
            context.parts.push((name.as_str().into(), context.line_index));
        }
        self.read_in_chat += 1;
        let Some(message) = message_of::<Message>(line).filter(|message| !message.kind.is_empty()) else { return structure(line, !self.seen_message) };
        self.seen_message = true;
        // Ids are per chat: qualify them with the chat the line is in.
        let id = |value: &RawValue| MessageId::of(self.chat as u32, value.get());
        context.ids.name(id(message.id), context.line_index);
        if let Some(parent) = message.reply_to_message_id {
            context.ids.reply(context.line_index, id(parent));
        }
        said(&message).reading(line, context)
    }
}

fn said<'a>(message: &'a Message) -> Said<'a> {
    let moment = export_moment(&message.date);
    if message.kind == "service" {
        let actor = message.actor.as_deref().unwrap_or("someone");
        let (kind, text) = service(message, actor);
        return Said { kind, speaker: Some(actor), moment, text: text.into() };
    }
    let speaker = message.from.as_deref().or(message.actor.as_deref()).unwrap_or("someone");
    let mut extras = Extras { edited: message.edited.is_some(), forwarded_from: message.forwarded_from.clone(), ..Extras::default() };
    if let Some(photo) = &message.photo {
        extras.attachments.push(format!("photo {}", file_name(photo)));
    }
    if let Some(file) = &message.file {
        let name = message.file_name.as_deref().unwrap_or_else(|| file_name(file));
        let what = message.media_type.as_deref().map(|media| media.replace('_', " "));
        extras.attachments.push(match (what, &message.sticker_emoji) {
            (Some(what), Some(emoji)) => format!("{what} {emoji}"),
            (Some(what), None) => format!("{what} {name}"),
            (None, _) => name.to_owned(),
        });
    }
    if let Some(poll) = &message.poll {
        extras.attachments.push(format!("poll {}", poll.question.as_deref().unwrap_or("")));
    }
    extras.reactions = message
        .reactions
        .iter()
        .map(|reaction| (reaction.emoji.clone().unwrap_or_else(|| if reaction.document_id.is_some() { "custom emoji".into() } else { "?".into() }), reaction.count))
        .collect();
    let mut text = flat_text(message.text);
    if let Some(bot) = &message.via_bot {
        text = format!("{text} (via {bot})").into();
    }
    let kind = if message.via_bot.is_some() { LineKind::Notice } else { LineKind::Message };
    Said { kind, speaker: Some(speaker), moment, text: extras.after(text) }
}

/// A service line's kind and words: who joined, left, renamed the chat or pinned a message.
fn service(message: &Message, actor: &str) -> (LineKind, String) {
    let members: Vec<&str> = message.members.iter().flatten().map(String::as_str).collect();
    let members = if members.is_empty() { "someone".to_owned() } else { members.join(", ") };
    let title = message.title.as_deref().unwrap_or("");
    let action = message.action.as_deref().unwrap_or("");
    let (event, text) = match action {
        "create_group" | "create_channel" => (SystemEvent::Topic, format!("{actor} created the group {title}")),
        "invite_members" => (SystemEvent::Join, format!("{actor} added {members}")),
        "join_group_by_link" | "join_group_by_request" => (SystemEvent::Join, format!("{actor} joined the group")),
        "remove_members" if members == actor => (SystemEvent::Part, format!("{actor} left the group")),
        "remove_members" => (SystemEvent::Kick, format!("{actor} removed {members}")),
        "edit_group_title" => (SystemEvent::Topic, format!("{actor} renamed the group to {title}")),
        "pin_message" => (SystemEvent::Other, format!("{actor} pinned a message")),
        "phone_call" | "group_call" => (SystemEvent::Other, format!("{actor} started a call")),
        other => (SystemEvent::Other, format!("{actor}: {}", other.replace('_', " "))),
    };
    (LineKind::System(event), text)
}

/// A path's last part: `photos/photo_1@01-01-2021.jpg` as `photo_1@01-01-2021.jpg`.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `text` as plain text: a string, or the pieces of an array (strings, and `{type, text}`
/// objects for links, mentions and formatting) joined.
fn flat_text(text: Option<&RawValue>) -> Cow<'_, str> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Piece<'a> {
        Plain(Cow<'a, str>),
        Marked { #[serde(default)] text: Cow<'a, str> },
    }
    let Some(text) = text.map(RawValue::get) else { return Cow::Borrowed("") };
    if let Ok(plain) = serde_json::from_str::<&str>(text) {
        return Cow::Borrowed(plain);
    }
    if let Ok(plain) = serde_json::from_str::<String>(text) {
        return Cow::Owned(plain);
    }
    let pieces: Vec<Piece> = serde_json::from_str(text).unwrap_or_default();
    Cow::Owned(pieces.iter().map(|piece| match piece {
        Piece::Plain(text) | Piece::Marked { text } => text.as_ref(),
    }).collect())
}
