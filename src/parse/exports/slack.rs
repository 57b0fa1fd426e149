//! Slack's workspace export, as its `.zip` (or folder) is laid out by `input::archive`: each file
//! under a `==> path <==` heading, a JSON array's elements one per line. `users.json` names the
//! people, `channels.json` (`groups.json`, `mpims.json`, `dms.json`) the conversations, and
//! `<channel>/<YYYY-MM-DD>.json` holds a day's messages: `{ts, user, text, subtype, thread_ts,
//! reactions, files, edited, bot_id, username}`. Mentions (`<@U1>`, `<#C1|name>`) read as names,
//! links as their labels; a thread's replies answer its first message, and each channel is a part.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::model::{LineKind, SystemEvent};
use crate::parse::ids::MessageId;
use crate::parse::shapes::export::{message_json, message_of, Extras, Said, Text};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct SlackReader {
    /// User id → the name Slack shows.
    names: FxHashMap<String, String>,
    /// Channel id → name, for `<#C1>` mentions.
    channels: FxHashMap<String, String>,
    /// Whether the lines being read are a conversation's (a file in a folder), not those of the
    /// top-level files.
    in_conversation: bool,
    /// The folder being read: a conversation.
    folder: Option<String>,
    /// The conversation being read, numbered in the order they come: a message's `ts` is its
    /// id within it.
    conversation: u32,
    conversations: FxHashMap<String, u32>,
    seen_message: bool,
}

/// A message's `ts` (`"1685664000.002880"`: seconds and microseconds) as microseconds, read by
/// its bytes in one pass: it is each message's id, and its time. At most 12 digits of seconds
/// (the year 33658), so the sum cannot overflow and needs no checked (in wasm, 128-bit) multiply.
fn micros(ts: &str) -> Option<u64> {
    const SCALE: [u64; 7] = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
    let (mut seconds, mut fraction) = (0u64, 0u64);
    let (mut n_seconds, mut n_fraction, mut past_dot) = (0usize, 0usize, false);
    for byte in ts.bytes() {
        match byte {
            b'.' if !past_dot => past_dot = true,
            b'0'..=b'9' if past_dot && n_fraction < 6 => {
                fraction = fraction * 10 + u64::from(byte - b'0');
                n_fraction += 1;
            }
            b'0'..=b'9' if !past_dot && n_seconds < 12 => {
                seconds = seconds * 10 + u64::from(byte - b'0');
                n_seconds += 1;
            }
            _ => return None,
        }
    }
    (n_seconds > 0).then(|| seconds * 1_000_000 + fraction * SCALE[n_fraction])
}

/// The heading `input::archive` writes before each file of an archive.
pub(crate) fn heading(line: &str) -> Option<&str> {
    line.strip_prefix("==> ")?.split_once(" <==").map(|(path, _)| path)
}

#[derive(Deserialize)]
struct User<'a> {
    id: String,
    #[serde(default)]
    name: String,
    real_name: Option<String>,
    #[serde(borrow)]
    profile: Option<Profile<'a>>,
}

#[derive(Deserialize)]
struct Profile<'a> {
    #[serde(borrow)]
    display_name: Option<Text<'a>>,
    #[serde(borrow)]
    real_name: Option<Text<'a>>,
}

impl User<'_> {
    fn shown(&self) -> String {
        let profile = self.profile.as_ref();
        [profile.and_then(|profile| profile.display_name.as_deref()), profile.and_then(|profile| profile.real_name.as_deref()), self.real_name.as_deref()]
            .into_iter()
            .flatten()
            .find(|name| !name.is_empty())
            .unwrap_or(&self.name)
            .to_owned()
    }
}

#[derive(Deserialize)]
struct Conversation {
    id: String,
    name: Option<String>,
    #[serde(default)]
    members: Vec<String>,
}

/// A message, its text and ids borrowed from the line where they hold no escape (then a row's
/// text is a span of its line, never copied).
#[derive(Deserialize)]
struct Message<'a> {
    #[serde(default, borrow)]
    ts: Cow<'a, str>,
    #[serde(borrow)]
    user: Option<Text<'a>>,
    #[serde(borrow)]
    username: Option<Text<'a>>,
    #[serde(borrow)]
    bot_id: Option<Text<'a>>,
    #[serde(borrow)]
    subtype: Option<Text<'a>>,
    #[serde(default, borrow)]
    text: Cow<'a, str>,
    #[serde(borrow)]
    thread_ts: Option<Text<'a>>,
    #[serde(borrow)]
    user_profile: Option<Profile<'a>>,
    #[serde(default, borrow)]
    reactions: Vec<Reaction<'a>>,
    #[serde(default, borrow)]
    files: Vec<File<'a>>,
    edited: Option<IgnoredAny>,
}

/// A reaction's emoji, and who reacted: only counted, so never copied.
#[derive(Deserialize)]
struct Reaction<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    count: Option<u64>,
    #[serde(default)]
    users: Vec<IgnoredAny>,
}

#[derive(Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    title: Option<Text<'a>>,
}

impl Reader for SlackReader {
    /// The top-level files, which `prepare` reads, come before any conversation.
    fn lay_out_head(&mut self, head: &str) -> Option<(usize, Option<String>)> {
        Some((head.len(), None))
    }

    fn prepare(&mut self, text: &str, context: &mut Context) {
        let mut file = "";
        let mut dms: Vec<Conversation> = Vec::new();
        // The top-level files come first: past them, the conversations are read line by line.
        for line in crate::parse::lines::line_ranges(text).map(|range| &text[range]) {
            if let Some(path) = heading(line) {
                if path.contains('/') {
                    break;
                }
                file = path;
                continue;
            }
            let json = message_json(line);
            match file {
                "users.json" => {
                    if let Ok(user) = serde_json::from_str::<User>(json) {
                        self.names.insert(user.id.clone(), user.shown());
                    }
                }
                "channels.json" | "groups.json" | "mpims.json" => {
                    if let Ok(Conversation { id, name: Some(name), .. }) = serde_json::from_str::<Conversation>(json) {
                        self.channels.insert(id, name);
                    }
                }
                "dms.json" => dms.extend(serde_json::from_str::<Conversation>(json).ok()),
                _ => {}
            }
        }
        // A direct message's folder is its id: name it by who is in it.
        for dm in dms {
            let members: Vec<&str> = dm.members.iter().map(|member| self.names.get(member).map_or(member.as_str(), String::as_str)).collect();
            self.channels.insert(dm.id, format!("direct messages: {}", members.join(", ")));
        }
        // Counted as the conversations are read.
        context.meta.title = Some("Slack export: 0 conversations".to_owned());
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let structure = |seen_message: bool| Reading::whole(if seen_message { LineKind::Markup } else { LineKind::Header }, line, 2);
        if let Some(path) = heading(line) {
            self.in_conversation = false;
            if let Some((folder, _)) = path.split_once('/') {
                self.in_conversation = true;
                if self.folder.as_deref() != Some(folder) {
                    self.begin_conversation(folder, context);
                }
            }
            // A conversation's files start its part; the top-level files are the header.
            return structure(self.seen_message || self.in_conversation);
        }
        if !self.in_conversation {
            return structure(self.seen_message);
        }
        let Some(message) = message_of::<Message>(line) else { return Reading::raw(line) };
        let id = micros(&message.ts);
        if let Some(id) = id {
            context.ids.name(MessageId::Number(self.conversation, id), context.line_index);
        }
        // A thread's replies name its first message by its `ts`.
        if let Some(thread) = message.thread_ts.as_deref().and_then(micros).filter(|thread| Some(*thread) != id) {
            context.ids.reply(context.line_index, MessageId::Number(self.conversation, thread));
        }
        let reading = self.said(&message, id).reading(line, context);
        self.seen_message = true;
        reading
    }
}

impl SlackReader {
    /// The lines from here on are `folder`'s, a conversation of the export, and its part of it.
    fn begin_conversation(&mut self, folder: &str, context: &mut Context) {
        let next = self.conversations.len() as u32;
        self.conversation = *self.conversations.entry(folder.to_owned()).or_insert(next);
        self.folder = Some(folder.to_owned());
        let name = self.channels.get(folder).filter(|name| name.starts_with("direct")).cloned().unwrap_or_else(|| format!("#{folder}"));
        context.parts.push((name.into(), context.line_index));
        let n_parts = context.parts.len();
        context.meta.title = Some(format!("Slack export: {n_parts} conversation{}", if n_parts == 1 { "" } else { "s" }));
    }

    /// Who wrote `message`: the profile it carries, the user's name, or a bot's.
    fn speaker<'m>(&'m self, message: &'m Message<'_>) -> &'m str {
        let from_profile = message.user_profile.as_ref().and_then(|profile| {
            [profile.display_name.as_deref(), profile.real_name.as_deref()].into_iter().flatten().find(|name| !name.is_empty())
        });
        let from_users = message.user.as_deref().and_then(|user| self.names.get(user)).map(String::as_str);
        from_profile
            .or(from_users)
            .or(message.username.as_deref())
            .or(message.user.as_deref())
            .or(message.bot_id.as_deref())
            .unwrap_or("someone")
    }

    /// What `message` says; `id` is its `ts` in microseconds.
    fn said<'m>(&'m self, message: &'m Message<'_>, id: Option<u64>) -> Said<'m> {
        let speaker = self.speaker(message);
        let moment = id.and_then(|micros| chrono::DateTime::from_timestamp((micros / 1_000_000) as i64, 0)).map(|moment| moment.naive_utc());
        let text = self.plain(&message.text);
        let system = |event: SystemEvent| Said { kind: LineKind::System(event), speaker: Some(speaker), moment, text: text.clone() };
        match message.subtype.as_deref() {
            Some("channel_join" | "group_join") => return system(SystemEvent::Join),
            Some("channel_leave" | "group_leave") => return system(SystemEvent::Part),
            Some("channel_topic" | "channel_purpose" | "channel_name" | "group_topic" | "group_purpose" | "group_name") => return system(SystemEvent::Topic),
            Some("pinned_item" | "channel_archive" | "channel_unarchive" | "tombstone") => return system(SystemEvent::Other),
            _ => {}
        }
        let kind = match message.subtype.as_deref() {
            Some("bot_message") => LineKind::Notice,
            Some("me_message") => LineKind::Action,
            _ if message.bot_id.is_some() && message.user.is_none() => LineKind::Notice,
            _ => LineKind::Message,
        };
        let mut extras = Extras { edited: message.edited.is_some(), ..Extras::default() };
        extras.attachments = message.files.iter().map(|file| file.name.as_deref().or(file.title.as_deref()).unwrap_or("file").to_owned()).collect();
        extras.reactions = message.reactions.iter().map(|reaction| ([":", &reaction.name, ":"].concat(), reaction.count.unwrap_or(reaction.users.len() as u64))).collect();
        Said { kind, speaker: Some(speaker), moment, text: extras.after(text) }
    }

    /// Slack's markup as plain text: `<@U1>` as `@name`, `<#C1|general>` as `#general`,
    /// `<https://x|label>` as `label (https://x)`, `<!here>` as `@here`, entities decoded.
    fn plain<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if memchr::memchr2(b'<', b'&', text.as_bytes()).is_none() {
            return Cow::Borrowed(text);
        }
        let mut plain = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('<') {
            plain.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('>') else {
                // A `<` that opens no markup is text.
                plain.push_str(&rest[open..]);
                return Cow::Owned(decoded_entities(&plain));
            };
            let inside = &rest[open + 1..open + close];
            let (target, label) = match inside.split_once('|') {
                Some((target, label)) => (target, Some(label)),
                None => (inside, None),
            };
            match target.as_bytes().first() {
                Some(b'@') => {
                    let id = &target[1..];
                    plain.push('@');
                    plain.push_str(label.or_else(|| self.names.get(id).map(String::as_str)).unwrap_or(id));
                }
                Some(b'#') => {
                    let id = &target[1..];
                    plain.push('#');
                    plain.push_str(label.or_else(|| self.channels.get(id).map(String::as_str)).unwrap_or(id));
                }
                Some(b'!') => match label {
                    Some(label) => plain.push_str(label),
                    None => {
                        plain.push('@');
                        plain.push_str(target[1..].split('^').next().unwrap_or_default());
                    }
                },
                _ => match label.filter(|label| *label != target) {
                    Some(label) => plain.push_str(&format!("{label} ({target})")),
                    None => plain.push_str(target),
                },
            }
            rest = &rest[open + close + 1..];
        }
        plain.push_str(rest);
        Cow::Owned(decoded_entities(&plain))
    }
}

/// The three entities Slack escapes its text with.
fn decoded_entities(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::micros;

    #[test]
    fn a_ts_reads_as_microseconds() {
        let cases = [
            ("1685664000.002880", Some(1_685_664_000_002_880)),
            ("1685664000.1", Some(1_685_664_000_100_000)),
            ("1685664000", Some(1_685_664_000_000_000)),
            ("1685664000.", Some(1_685_664_000_000_000)),
            ("", None),
            (".5", None),
            ("16856x4000.000001", None),
            ("1685664000.0000001", None),
            ("-1685664000.000001", None),
            ("99999999999999999999.000001", None),
            ("999999999999.999999", Some(999_999_999_999_999_999)),
            ("1000000000000.000001", None),
        ];
        for (ts, expected) in cases {
            assert_eq!(micros(ts), expected, "{ts}");
        }
    }
}
