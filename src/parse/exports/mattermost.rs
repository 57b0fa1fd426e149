//! Mattermost's bulk export (JSONL): one record per line, `{"type": "post", "post": {channel,
//! user, message, create_at, replies, reactions, attachments}}` (and `direct_post`), with the
//! thread's replies inside their post. Each reply is laid out on a line of its own after its
//! post and answers it; the other records (version, team, channel, user) are the file's header.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::parse::shapes::export::{message_json, one_message_per_line, Extras, Said, ONE_MESSAGE_PER_LINE};
use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::epoch_millis;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct MattermostReader {
    /// What each line of a post and its replies says, by 0-based line, found in `prepare`.
    lines: Vec<Option<Prepared>>,
    seen_post: bool,
}

#[derive(Debug)]
struct Prepared {
    kind: LineKind,
    speaker: String,
    moment: Option<chrono::NaiveDateTime>,
    text: String,
    /// The post a reply answers (0-based line).
    answers: Option<u32>,
}

/// A record's replies, borrowed, to lay them out.
#[derive(Deserialize)]
struct WithReplies<'a> {
    #[serde(borrow)]
    post: Option<Replies<'a>>,
    #[serde(borrow)]
    direct_post: Option<Replies<'a>>,
}

#[derive(Deserialize)]
struct Replies<'a> {
    #[serde(borrow, default)]
    replies: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Record {
    post: Option<Post>,
    direct_post: Option<Post>,
    channel: Option<Channel>,
}

#[derive(Deserialize)]
struct Channel {
    display_name: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct Post {
    /// The channel's name (`town-square`); a direct post names its members instead.
    channel: Option<String>,
    #[serde(default)]
    channel_members: Vec<String>,
    /// `system_join_channel` and the like for the server's own posts; none for people's.
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    user: String,
    #[serde(default)]
    message: String,
    create_at: Option<i64>,
    edit_at: Option<i64>,
    #[serde(default)]
    replies: Vec<Post>,
    #[serde(default)]
    reactions: Vec<Reaction>,
    #[serde(default)]
    attachments: Vec<Attachment>,
}

#[derive(Deserialize)]
struct Reaction {
    #[serde(default)]
    emoji_name: String,
}

#[derive(Deserialize)]
struct Attachment {
    #[serde(default)]
    path: String,
}

impl Post {
    fn said(&self, answers: Option<u32>) -> Prepared {
        let mut extras = Extras { edited: self.edit_at.is_some_and(|edit| edit > 0), ..Extras::default() };
        extras.attachments = self.attachments.iter().map(|attachment| attachment.path.rsplit('/').next().unwrap_or_default().to_owned()).collect();
        for reaction in &self.reactions {
            let emoji = format!(":{}:", reaction.emoji_name);
            match extras.reactions.iter_mut().find(|(name, _)| *name == emoji) {
                Some((_, count)) => *count += 1,
                None => extras.reactions.push((emoji, 1)),
            }
        }
        Prepared {
            kind: self.kind.as_deref().map_or(LineKind::Message, system_kind),
            speaker: self.user.clone(),
            moment: self.create_at.and_then(epoch_millis),
            text: extras.after(self.message.as_str()).into_owned(),
            answers,
        }
    }
}

/// A post type's kind: `system_join_channel` a join, `system_header_change` a topic, and so on.
fn system_kind(kind: &str) -> LineKind {
    if !kind.starts_with("system_") {
        return LineKind::Message;
    }
    let event = if kind.contains("join") || kind.contains("add") {
        SystemEvent::Join
    } else if kind.contains("leave") || kind.contains("remove") {
        SystemEvent::Part
    } else if kind.contains("header") || kind.contains("purpose") || kind.contains("displayname") {
        SystemEvent::Topic
    } else {
        SystemEvent::Other
    };
    LineKind::System(event)
}

impl Reader for MattermostReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        let mut replies = Vec::new();
        for line in text.lines().filter(|line| line.contains("\"replies\"")) {
            let Ok(record) = serde_json::from_str::<WithReplies>(line) else { continue };
            let post = record.post.or(record.direct_post);
            replies.extend(post.into_iter().flat_map(|post| post.replies));
        }
        if replies.is_empty() {
            return None;
        }
        one_message_per_line(text, &replies)
    }

    fn laid_out_note(&self) -> &'static str {
        ONE_MESSAGE_PER_LINE
    }

    fn prepare(&mut self, text: &str, context: &mut Context) {
        let ranges: Vec<std::ops::Range<usize>> = crate::parse::lines::line_ranges(text).collect();
        self.lines = (0..ranges.len()).map(|_| None).collect();
        // Channel name → the name shown, and each run of posts in one channel: (first line, channel).
        let mut channels: Vec<(String, String)> = Vec::new();
        let mut runs: Vec<(u32, String)> = Vec::new();
        let mut index = 0;
        while index < ranges.len() {
            let line = &text[ranges[index].clone()];
            if !line.trim_start().starts_with('{') {
                index += 1;
                continue;
            }
            // A post whose replies were laid out runs to the line that closes their array.
            let mut last = index;
            let mut record = serde_json::from_str::<Record>(line).ok();
            if record.is_none() && line.trim_end().ends_with('[') {
                last = (index + 1..ranges.len()).find(|at| text[ranges[*at].clone()].trim_start().starts_with(']')).unwrap_or(index);
                record = serde_json::from_str::<Record>(&text[ranges[index].start..ranges[last].end]).ok();
            }
            match record {
                Some(Record { post: Some(post), .. } | Record { direct_post: Some(post), .. }) => {
                    let channel = post.channel.clone().unwrap_or_else(|| format!("direct messages: {}", post.channel_members.join(", ")));
                    if runs.last().is_none_or(|(_, last)| *last != channel) {
                        runs.push((index as u32, channel));
                    }
                    self.lines[index] = Some(post.said(None));
                    for (offset, reply) in post.replies.iter().enumerate().take(last.saturating_sub(index + 1)) {
                        self.lines[index + 1 + offset] = Some(reply.said(Some(index as u32)));
                    }
                }
                Some(Record { channel: Some(Channel { name: Some(name), display_name }), .. }) => {
                    channels.push((name.clone(), display_name.unwrap_or(name)));
                }
                _ => {}
            }
            index = last + 1;
        }
        if let [(_, shown)] = &channels[..] {
            context.meta.title = Some(shown.clone());
        }
        // Channels written one after another are the export's parts (its channel list); posts
        // of several channels interleaved are not.
        let mut distinct: Vec<&str> = runs.iter().map(|(_, channel)| channel.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if runs.len() >= 2 && distinct.len() == runs.len() {
            let shown = |channel: &str| channels.iter().find(|(name, _)| name == channel).map_or_else(|| channel.to_owned(), |(_, shown)| shown.clone());
            context.parts = runs.iter().map(|(line, channel)| (shown(channel).into(), *line)).collect();
        }
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(prepared) = self.lines.get(context.line_index as usize).and_then(Option::as_ref) else {
            let kind = if self.seen_post || !message_json(line).starts_with('{') { LineKind::Markup } else { LineKind::Header };
            return Reading::whole(kind, line, 2);
        };
        self.seen_post = true;
        if let Some(post) = prepared.answers {
            context.replies.push((context.line_index, post));
        }
        Said { kind: prepared.kind, speaker: Some(&prepared.speaker), moment: prepared.moment, text: Cow::Borrowed(&prepared.text) }.reading(line, context)
    }
}
