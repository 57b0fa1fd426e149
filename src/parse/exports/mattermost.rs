//! Mattermost's bulk export (JSONL): one record per line, `{"type": "post", "post": {channel,
//! user, message, create_at, replies, reactions, attachments}}` (and `direct_post`), with the
//! thread's replies inside their post. Each reply is laid out on a line of its own after its
//! post and answers it, the rest of the post's record on the last reply's line; the other
//! records (version, team, channel, user) are the file's header.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::parse::shapes::export::{message_json, one_message_per_line_closed, ranges_in, Closing, Extras, ONE_MESSAGE_PER_LINE, Said, Text};
use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::{epoch_millis, within};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct MattermostReader {
    /// The text's lines, as byte ranges (`prepare`).
    ranges: Vec<Range<usize>>,
    /// What each line of a post and its replies says, by 0-based line, found a slice ahead of
    /// its reading (`prepare_slice`): a post's reactions are on its last reply's line.
    lines: Vec<Option<Prepared>>,
    /// The first line whose record is not read yet.
    next: usize,
    /// Channel name → the name shown.
    channels: Vec<(String, String)>,
    /// Each run of posts in one channel: its first line, and the channel.
    runs: Vec<(u32, String)>,
    seen_post: bool,
}

#[derive(Debug)]
struct Prepared {
    kind: LineKind,
    speaker: Piece,
    moment: Option<chrono::NaiveDateTime>,
    text: Piece,
    /// The post a reply answers (0-based line).
    answers: Option<u32>,
}

/// A prepared line's speaker or text: where the line holds it as written, its span; else the
/// text to show (an escaped string, a message with its extras).
#[derive(Debug)]
enum Piece {
    Span(Range<usize>),
    Shown(Box<str>),
}

impl Piece {
    /// `piece` as a span of `line` when it is borrowed from it.
    fn of(piece: &str, line: &str) -> Piece {
        within(line, piece).map_or_else(|| Piece::Shown(piece.into()), Piece::Span)
    }

    /// The piece again, borrowed from `line` (the line it was prepared for) where it is a span.
    fn in_line<'a>(&'a self, line: &'a str) -> &'a str {
        match self {
            Piece::Span(range) => line.get(range.clone()).unwrap_or_default(),
            Piece::Shown(text) => text,
        }
    }
}

/// A record's replies, borrowed, to lay them out.
#[derive(Deserialize)]
struct WithReplies<'a> {
    #[serde(borrow, alias = "direct_post")]
    post: Option<Replies<'a>>,
}

#[derive(Deserialize)]
struct Replies<'a> {
    #[serde(borrow, default)]
    replies: Vec<&'a RawValue>,
}

/// A record of the export: a post (a direct post is one too, under its own key), or a channel.
/// One field for both kinds of post: the struct is moved about for every line, and a smaller one
/// reads 100k posts ~10% faster in wasm.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow, alias = "direct_post")]
    post: Option<Post<'a>>,
    channel: Option<Channel>,
}

#[derive(Deserialize)]
struct Channel {
    display_name: Option<String>,
    name: Option<String>,
}

/// A post or a reply, its names and text borrowed from the line where they hold no escape.
#[derive(Deserialize)]
struct Post<'a> {
    /// The channel's name (`town-square`); a direct post names its members instead.
    #[serde(borrow)]
    channel: Option<Text<'a>>,
    #[serde(default)]
    channel_members: Vec<String>,
    /// `system_join_channel` and the like for the server's own posts; none for people's.
    #[serde(rename = "type", borrow)]
    kind: Option<Text<'a>>,
    #[serde(default, borrow)]
    user: Cow<'a, str>,
    #[serde(default, borrow)]
    message: Cow<'a, str>,
    create_at: Option<i64>,
    edit_at: Option<i64>,
    #[serde(default, borrow)]
    replies: Vec<Post<'a>>,
    #[serde(default, borrow)]
    reactions: Vec<Reaction<'a>>,
    #[serde(default, borrow)]
    attachments: Vec<Attachment<'a>>,
}

#[derive(Deserialize)]
struct Reaction<'a> {
    #[serde(default, borrow)]
    emoji_name: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Attachment<'a> {
    #[serde(default, borrow)]
    path: Cow<'a, str>,
}

impl Post<'_> {
    /// What the post says on `line`, the line it is laid out on.
    fn said(&self, answers: Option<u32>, line: &str) -> Prepared {
        let mut extras = Extras { edited: self.edit_at.is_some_and(|edit| edit > 0), ..Extras::default() };
        extras.attachments = self.attachments.iter().map(|attachment| attachment.path.rsplit('/').next().unwrap_or_default().to_owned()).collect();
        for reaction in &self.reactions {
            let emoji = [":", &reaction.emoji_name, ":"].concat();
            match extras.reactions.iter_mut().find(|(name, _)| *name == emoji) {
                Some((_, count)) => *count += 1,
                None => extras.reactions.push((emoji, 1)),
            }
        }
        Prepared {
            kind: self.kind.as_deref().map_or(LineKind::Message, system_kind),
            speaker: Piece::of(&self.user, line),
            moment: self.create_at.and_then(epoch_millis),
            text: Piece::of(&extras.after(self.message.as_ref()), line),
            answers,
        }
    }
}

/// Whether a record's line holds a `"replies"` array with something in it: most posts have none
/// (`"replies":[]`), and only the others need reading twice.
fn has_replies(line: &str) -> bool {
    static REPLIES: std::sync::LazyLock<memchr::memmem::Finder<'static>> = std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\"replies\""));
    let bytes = line.as_bytes();
    REPLIES.find_iter(bytes).any(|at| {
        let mut rest = bytes[at + "\"replies\"".len()..].iter().copied().filter(|byte| !byte.is_ascii_whitespace());
        rest.next() == Some(b':') && rest.next() == Some(b'[') && rest.next().is_some_and(|byte| byte != b']')
    })
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

impl MattermostReader {
    /// What only the whole export says: its one channel's name as its title (in a file with no
    /// post too), and its channels as parts when each is written in one run.
    fn after_the_last_record(&mut self, context: &mut Context) {
        if let [(_, shown)] = &self.channels[..] {
            context.meta.title = Some(shown.clone());
        }
        // Channels written one after another are the export's parts (its channel list); posts
        // of several channels interleaved are not.
        let runs = &self.runs;
        let mut distinct: Vec<&str> = runs.iter().map(|(_, channel)| channel.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if runs.len() >= 2 && distinct.len() == runs.len() {
            let shown = |channel: &str| self.channels.iter().find(|(name, _)| name == channel).map_or_else(|| channel.to_owned(), |(_, shown)| shown.clone());
            context.parts = runs.iter().map(|(line, channel)| (shown(channel).into(), *line)).collect();
        }
    }
}

impl Reader for MattermostReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        let mut replies = Vec::new();
        for line in crate::parse::lines::line_ranges(text).map(|range| &text[range]).filter(|line| has_replies(line)) {
            let Ok(record) = serde_json::from_str::<WithReplies>(line) else { continue };
            replies.extend(record.post.into_iter().flat_map(|post| post.replies));
        }
        if replies.is_empty() {
            return None;
        }
        one_message_per_line_closed(text, &ranges_in(text, &replies)?, Closing::OnLastMessage)
    }

    fn laid_out_note(&self) -> &'static str {
        ONE_MESSAGE_PER_LINE
    }

    /// Each record is a line of the export: a head is laid out, and read, as the whole's start.
    fn lay_out_head(&mut self, head: &str) -> Option<(usize, Option<String>)> {
        Some((head.len(), self.lay_out(head)))
    }

    fn prepare(&mut self, text: &str, _context: &mut Context) {
        self.ranges = crate::parse::lines::line_ranges(text).collect();
        self.lines = (0..self.ranges.len()).map(|_| None).collect();
    }

    /// Reads the records that start in `slice` (serde_json's work, most of the export's), so a
    /// big export's first lines are read before its last records are.
    fn prepare_slice(&mut self, text: &str, slice: Range<usize>, context: &mut Context) {
        let ranges = &self.ranges;
        while self.next < ranges.len() && ranges[self.next].start < slice.end {
            let index = self.next;
            let line = &text[ranges[index].clone()];
            self.next += 1;
            if !line.trim_start().starts_with('{') {
                continue;
            }
            // A post whose replies were laid out runs on to its last reply's line, which holds the
            // rest of the record: its first line ends with the array's `[`, so is no whole record,
            // and the record is read from there to where serde_json finds it ends.
            let mut last = index;
            let record = if line.trim_end().ends_with('[') {
                let start = ranges[index].start;
                let mut records = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Record>();
                let record = records.next().and_then(Result::ok);
                if record.is_some() {
                    let end = start + records.byte_offset();
                    last = ranges.partition_point(|range| range.start < end).saturating_sub(1).max(index);
                }
                record
            } else {
                serde_json::from_str::<Record>(line).ok()
            };
            match record {
                Some(Record { post: Some(post), .. }) => {
                    // The bulk format writes its channels before its posts.
                    if self.runs.is_empty() {
                        if let [(_, shown)] = &self.channels[..] {
                            context.meta.title = Some(shown.clone());
                        }
                    }
                    let channel = match &post.channel {
                        Some(channel) => Cow::Borrowed(channel.as_ref()),
                        None => Cow::Owned(format!("direct messages: {}", post.channel_members.join(", "))),
                    };
                    if self.runs.last().is_none_or(|(_, last)| *last != channel) {
                        self.runs.push((index as u32, channel.into_owned()));
                    }
                    self.lines[index] = Some(post.said(None, &text[ranges[index].clone()]));
                    for (offset, reply) in post.replies.iter().enumerate().take(last - index) {
                        let at = index + 1 + offset;
                        self.lines[at] = Some(reply.said(Some(index as u32), &text[ranges[at].clone()]));
                    }
                }
                Some(Record { channel: Some(Channel { name: Some(name), display_name }), .. }) => {
                    self.channels.push((name.clone(), display_name.unwrap_or(name)));
                }
                _ => {}
            }
            self.next = last + 1;
        }
        if slice.end == text.len() {
            self.after_the_last_record(context);
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
        let speaker = prepared.speaker.in_line(line);
        Said { kind: prepared.kind, speaker: Some(speaker), moment: prepared.moment, text: Cow::Borrowed(prepared.text.in_line(line)) }.reading(line, context)
    }
}

#[cfg(test)]
mod tests {
    use super::has_replies;

    #[test]
    fn only_a_post_with_replies_is_read_for_them() {
        let cases = [
            (r#"{"type":"post","post":{"message":"hi","replies":[]}}"#, false),
            (r#"{"type":"post","post":{"message":"hi","replies" : [ ] }}"#, false),
            (r#"{"type":"post","post":{"message":"hi"}}"#, false),
            (r#"{"type":"post","post":{"message":"hi","replies":[{"message":"yes"}]}}"#, true),
            (r#"{"type":"post","post":{"message":"hi","replies": [ {"message":"yes"}]}}"#, true),
            // The word in a message's text is no array.
            (r#"{"type":"post","post":{"message":"see \"replies\" below","replies":[]}}"#, false),
        ];
        for (line, expected) in cases {
            assert_eq!(has_replies(line), expected, "{line}");
        }
    }
}
