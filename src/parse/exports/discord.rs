//! DiscordChatExporter's JSON: `{guild, channel, dateRange, exportedAt, messages, messageCount}`,
//! each message `{id, type, timestamp, timestampEdited, content, author{name, nickname, isBot},
//! attachments, embeds, stickers, reactions, mentions, reference{messageId}}`.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::parse::shapes::export::{export_moment, lay_out_messages, lay_out_messages_head, message_of, structure, Extras, ONE_MESSAGE_PER_LINE, Said, Text};
use crate::model::{LineKind, SystemEvent};
use crate::parse::{is_blank, Context, Reader, Reading};
use crate::parse::ids::MessageId;

#[derive(Debug, Default)]
pub struct DiscordReader {
    seen_message: bool,
    /// The export's guild, channel and date, read with its messages when laying it out.
    header: Option<Header>,
}

#[derive(Debug, Deserialize)]
struct Header {
    guild: Option<Named>,
    channel: Option<Named>,
    #[serde(rename = "exportedAt")]
    exported_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Named {
    name: Option<String>,
}

/// A message, its text and names borrowed from the line where they hold no escape (then a
/// row's text is a span of its line, never copied).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Message<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(rename = "type", default, borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    timestamp: Cow<'a, str>,
    timestamp_edited: Option<IgnoredAny>,
    #[serde(default, borrow)]
    content: Cow<'a, str>,
    #[serde(borrow)]
    author: Author<'a>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    #[serde(default)]
    embeds: Vec<Embed>,
    #[serde(default)]
    stickers: Vec<Named>,
    #[serde(default)]
    reactions: Vec<Reaction>,
    #[serde(default, borrow)]
    mentions: Vec<Author<'a>>,
    reference: Option<Reference>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Author<'a> {
    #[serde(default, borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    nickname: Option<Text<'a>>,
    #[serde(default)]
    is_bot: bool,
}

impl Author<'_> {
    /// The name the server shows: the member's nickname, else the account's name.
    fn shown(&self) -> &str {
        self.nickname.as_deref().filter(|nickname| !nickname.is_empty()).unwrap_or(&self.name)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attachment {
    file_name: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Embed {
    title: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Reaction {
    emoji: Emoji,
    #[serde(default)]
    count: u64,
}

#[derive(Deserialize)]
struct Emoji {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Reference {
    message_id: Option<String>,
}

impl Reader for DiscordReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        lay_out_messages(text, &mut self.header)
    }

    /// The header comes before the messages, and each message is read on its own line.
    fn lay_out_head(&mut self, head: &str) -> Option<(usize, Option<String>)> {
        lay_out_messages_head(head, &mut self.header)
    }

    fn laid_out_note(&self) -> &'static str {
        ONE_MESSAGE_PER_LINE
    }

    fn prepare(&mut self, _text: &str, context: &mut Context) {
        let Some(header) = self.header.take() else { return };
        let channel = header.channel.and_then(|channel| channel.name);
        let guild = header.guild.and_then(|guild| guild.name);
        context.meta.title = match (&channel, &guild) {
            (Some(channel), Some(guild)) => Some(format!("#{channel} · {guild}")),
            (Some(channel), None) => Some(format!("#{channel}")),
            (None, guild) => guild.clone(),
        };
        context.meta.channel = channel.map(|channel| format!("#{channel}"));
        context.meta.published = header.exported_at.as_deref().and_then(export_moment).map(|moment| moment.date());
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(message) = message_of::<Message>(line) else { return structure(line, !self.seen_message) };
        self.seen_message = true;
        context.ids.name(MessageId::of(0, &message.id), context.line_index);
        if let Some(parent) = message.reference.as_ref().and_then(|reference| reference.message_id.as_deref()) {
            context.ids.reply(context.line_index, MessageId::of(0, parent));
        }
        said(&message).reading(line, context)
    }
}

fn said<'a>(message: &'a Message) -> Said<'a> {
    let speaker = message.author.shown();
    let system = |event: SystemEvent, text: String| (LineKind::System(event), Cow::Owned(text));
    let (kind, text) = match message.kind.as_ref() {
        "GuildMemberJoin" => system(SystemEvent::Join, format!("{speaker} joined the server")),
        "RecipientAdd" => system(SystemEvent::Join, format!("{speaker} added {}", mentioned(message))),
        "RecipientRemove" => system(SystemEvent::Part, format!("{speaker} removed {}", mentioned(message))),
        "ChannelNameChange" => system(SystemEvent::Topic, format!("{speaker} renamed the channel: {}", message.content)),
        "ChannelPinnedMessage" => system(SystemEvent::Other, format!("{speaker} pinned a message")),
        "Call" => system(SystemEvent::Other, format!("{speaker} started a call")),
        "ThreadCreated" => system(SystemEvent::Other, format!("{speaker} started a thread: {}", message.content)),
        _ => {
            let kind = if message.author.is_bot { LineKind::Notice } else { LineKind::Message };
            let mut extras = Extras { edited: message.timestamp_edited.is_some(), ..Extras::default() };
            extras.attachments.extend(message.attachments.iter().map(|attachment| {
                let from_url = || attachment.url.as_deref().and_then(|url| url.rsplit('/').next()).unwrap_or("attachment");
                attachment.file_name.clone().unwrap_or_else(|| from_url().to_owned())
            }));
            extras.attachments.extend(message.stickers.iter().map(|sticker| format!("sticker {}", sticker.name.as_deref().unwrap_or("?"))));
            extras.attachments.extend(message.embeds.iter().filter_map(|embed| Some(format!("link {}", embed.title.as_deref().or(embed.url.as_deref())?))));
            extras.reactions = message
                .reactions
                .iter()
                .map(|reaction| {
                    let custom = reaction.emoji.id.as_deref().is_some_and(|id| !id.is_empty());
                    let emoji = if custom { format!(":{}:", reaction.emoji.name) } else { reaction.emoji.name.clone() };
                    (emoji, reaction.count)
                })
                .collect();
            (kind, extras.after(with_mentions_named(&message.content, &message.mentions)))
        }
    };
    Said { kind, speaker: Some(speaker), moment: export_moment(&message.timestamp), text }
}

/// Who a membership message names: its mentions, else "someone".
fn mentioned(message: &Message) -> String {
    let names: Vec<&str> = message.mentions.iter().map(Author::shown).collect();
    if names.is_empty() { "someone".to_owned() } else { names.join(", ") }
}

/// `<@123>` and `<@!123>` as `@name` where the message's mentions name the id (older exports
/// kept Discord's markup; newer ones write the name).
fn with_mentions_named<'a>(content: &'a str, mentions: &[Author]) -> Cow<'a, str> {
    if !content.contains("<@") {
        return Cow::Borrowed(content);
    }
    let mut text = content.to_owned();
    for author in mentions.iter().filter(|author| !author.id.is_empty()) {
        for markup in [format!("<@{}>", author.id), format!("<@!{}>", author.id)] {
            text = text.replace(&markup, &format!("@{}", author.shown()));
        }
    }
    Cow::Owned(text)
}
