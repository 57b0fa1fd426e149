//! What the chat services' exports share: each message laid out on a line of its own, the
//! attachments, reactions and edits shown after a message's text, and the export's moments.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use serde_json::value::RawValue;

use crate::input::pretty_json::{pretty_array_elements, pretty_array_elements_so_far, pretty_array_of, push_on_one_line};
use crate::model::LineKind;
use crate::parse::shapes::html::place_borrowed;
use crate::parse::{Context, Reading};

/// What `Reader::laid_out_note` says for the JSON exports.
pub(crate) const ONE_MESSAGE_PER_LINE: &str =
    "the export is shown laid out with one message per line (its own line breaks inside a message removed), and line numbers count those lines";

/// Where each of `values` (JSON values borrowed from `text`) is in it; `None` if one is not.
pub(crate) fn ranges_in(text: &str, values: &[&RawValue]) -> Option<Vec<Range<usize>>> {
    let base = text.as_ptr() as usize;
    values
        .iter()
        .map(|value| {
            let start = (value.get().as_ptr() as usize).checked_sub(base)?;
            (start + value.get().len() <= text.len()).then(|| start..start + value.get().len())
        })
        .collect()
}

/// Where the text that closes an array of laid-out messages (`],…`) goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closing {
    /// On a line of its own: the end of an export's one array, its footer.
    OwnLine,
    /// On the last message's line: the rest of a record around a thread's replies (Mattermost's
    /// `],"user":…}` after a post's replies), which as a line of its own would show raw JSON
    /// between two messages.
    OnLastMessage,
}

/// `text` with each of `messages` (ranges of `text` holding a JSON value, in order) on a line
/// of its own: the text between them kept as it is, and each message's own line breaks and the
/// indentation after them removed. A JSON string holds no raw line break, so no string changes.
/// `None` when every message already has a line of its own.
pub(crate) fn one_message_per_line(text: &str, messages: &[Range<usize>]) -> Option<String> {
    one_message_per_line_closed(text, messages, Closing::OwnLine)
}

/// [`one_message_per_line`], with the text that closes the messages' array placed as `closing`
/// says.
pub(crate) fn one_message_per_line_closed(text: &str, messages: &[Range<usize>], closing: Closing) -> Option<String> {
    // At most a line break before and after each message is added: the text is never moved.
    let mut laid_out = String::with_capacity(text.len() + 2 * messages.len());
    let mut changed = false;
    let mut at = 0;
    for message in messages {
        let (start, end) = (message.start, message.end);
        if start < at || end > text.len() {
            return None;
        }
        laid_out.push_str(&text[at..start]);
        if !laid_out.is_empty() && !laid_out.trim_end_matches([' ', '\t']).ends_with('\n') {
            laid_out.push('\n');
            changed = true;
        }
        changed |= push_on_one_line(&text[start..end], |piece| laid_out.push_str(piece));
        // The separator after the message stays on its line; whatever follows it starts a new one.
        let rest = &text[end..];
        let separator = rest.len() - rest.trim_start_matches([',', ' ', '\t', '\r']).len();
        laid_out.push_str(&rest[..separator]);
        at = end + separator;
        let closes_on_this_line = closing == Closing::OnLastMessage && text[at..].starts_with(']');
        if at < text.len() && !text[at..].starts_with('\n') && !closes_on_this_line {
            laid_out.push('\n');
            changed = true;
        }
    }
    laid_out.push_str(&text[at..]);
    changed.then_some(laid_out)
}

/// An export that is one JSON object holding a `messages` array (Discord's, Element's), read
/// once: its other fields as `H`, its messages borrowed for the layout.
#[derive(serde::Deserialize)]
struct MessagesAndHeader<'a, H> {
    #[serde(flatten)]
    header: H,
    #[serde(borrow)]
    messages: Vec<&'a RawValue>,
}

/// Reads such an export once: its header into `header`, and the text laid out one message per
/// line ([`one_message_per_line`]), `None` when it already is or is no such export.
pub(crate) fn lay_out_messages<H: serde::de::DeserializeOwned>(text: &str, header: &mut Option<H>) -> Option<String> {
    if let Some((messages, read_header)) = pretty_messages::<H>(text) {
        *header = Some(read_header);
        return one_message_per_line(text, &messages);
    }
    let export: MessagesAndHeader<H> = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    *header = Some(export.header);
    one_message_per_line(text, &ranges_in(text, &export.messages)?)
}

/// [`lay_out_messages`] for a head of a pretty-printed export (its first lines, which end inside
/// its `messages`): the header read from what comes before them, and the head up to the end of
/// the last message in it, laid out as the whole export's start is. `None` when the head is no
/// such export's, holds all of its messages, or none.
pub(crate) fn lay_out_messages_head<H: serde::de::DeserializeOwned>(head: &str, header: &mut Option<H>) -> Option<(usize, Option<String>)> {
    let open = pretty_array_of(head, "messages")?;
    let messages = pretty_array_elements_so_far(head, open)?;
    let last = messages.last()?.end;
    let length = last + memchr::memchr(b'\n', &head.as_bytes()[last..])? + 1;
    let without_messages = format!("{}]}}", &head[..=open]);
    *header = Some(serde_json::from_str(without_messages.trim_start_matches('\u{feff}')).ok()?);
    Some((length, one_message_per_line(&head[..length], &messages)))
}

/// A pretty-printed export's `messages`, found by their lines ([`pretty_array_elements`]:
/// serde_json need not read them twice), and the rest of the export read as `T` with the
/// messages left out. `None` when the export is not written so.
pub(crate) fn pretty_messages<T: serde::de::DeserializeOwned>(text: &str) -> Option<(Vec<Range<usize>>, T)> {
    let open = pretty_array_of(text, "messages")?;
    let (messages, close) = pretty_array_elements(text, open)?;
    let without_messages = format!("{}{}", &text[..=open], &text[close..]);
    let rest = serde_json::from_str(without_messages.trim_start_matches('\u{feff}')).ok()?;
    Some((messages, rest))
}

/// A laid-out message line's JSON: the line without its indentation and trailing comma.
pub(crate) fn message_json(line: &str) -> &str {
    line.trim().trim_end_matches(',')
}

/// Whether a laid-out line holds a whole JSON object: where a message stands.
pub(crate) fn holds_object(line: &str) -> bool {
    let json = message_json(line);
    json.starts_with('{') && json.ends_with('}')
}

/// The object a laid-out line holds, read as `T`; `None` for the export's other lines.
pub(crate) fn message_of<'a, T: serde::Deserialize<'a>>(line: &'a str) -> Option<T> {
    holds_object(line).then(|| serde_json::from_str(message_json(line)).ok()).flatten()
}

/// A string of an export, borrowed from the line where it holds no escape. Serde borrows a
/// `Cow` field itself but never one inside an `Option`: an optional field is `Option<Text>`.
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct Text<'a>(#[serde(borrow)] pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// What an export says about a message besides its text, shown after it.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    pub attachments: Vec<String>,
    /// Emoji (or a reaction's name) and how many reacted with it.
    pub reactions: Vec<(String, u64)>,
    pub edited: bool,
    pub forwarded_from: Option<String>,
}

impl Extras {
    /// `text` followed by the attachments as named placeholders, the reactions as counts and
    /// an edit mark: `see this [file: plan.pdf] [👍 2, 🎉 1] (edited)`; `text` itself when
    /// there are none.
    pub fn after<'a>(&self, text: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
        let text = text.into();
        let is_bare = self.forwarded_from.is_none() && self.attachments.is_empty() && self.reactions.is_empty() && !self.edited;
        if is_bare {
            return text;
        }
        // Written straight into one string: an export's every edited or reacted message passes here.
        let mut said = String::with_capacity(text.len() + 32);
        let space = |said: &mut String| {
            if !said.is_empty() {
                said.push(' ');
            }
        };
        if let Some(from) = &self.forwarded_from {
            said.push_str("[forwarded from ");
            said.push_str(from);
            said.push(']');
        }
        if !text.is_empty() {
            space(&mut said);
            said.push_str(&text);
        }
        for attachment in &self.attachments {
            space(&mut said);
            said.push_str("[file: ");
            said.push_str(attachment);
            said.push(']');
        }
        if !self.reactions.is_empty() {
            space(&mut said);
            said.push('[');
            for (index, (emoji, count)) in self.reactions.iter().enumerate() {
                if index > 0 {
                    said.push_str(", ");
                }
                said.push_str(emoji);
                let _ = write!(said, " {count}");
            }
            said.push(']');
        }
        if self.edited {
            space(&mut said);
            said.push_str("(edited)");
        }
        Cow::Owned(said)
    }
}

/// A message read from an export: its kind, speaker, moment and what it says.
pub(crate) struct Said<'a> {
    pub kind: LineKind,
    pub speaker: Option<&'a str>,
    pub moment: Option<chrono::NaiveDateTime>,
    /// Borrowed from the line where the export holds it verbatim: then it is a span of it.
    pub text: Cow<'a, str>,
}

impl Said<'_> {
    /// The reading of `line`: the speaker and text borrowed from it are spans of it, any other
    /// (decoded, or built by the reader) is kept as shown text.
    pub fn reading(self, line: &str, context: &mut Context) -> Reading {
        let speaker = self.speaker.filter(|_| self.kind.is_spoken() || matches!(self.kind, LineKind::System(_)));
        let (nick, body) = place_borrowed(line, speaker, &self.text, context);
        Reading {
            kind: self.kind,
            date: self.moment.map(|moment| moment.date()),
            time: self.moment.map(|moment| moment.time()),
            nick,
            body,
            confidence: 2,
        }
    }
}

/// An ISO 8601 moment as the export wrote it (`2020-01-01T12:00:00.000+00:00`): the wall-clock
/// time in the export's own offset, which is the time its readers saw.
pub(crate) fn export_moment(text: &str) -> Option<chrono::NaiveDateTime> {
    let (date, time) = crate::parse::shapes::html::iso_moment(text)?;
    Some(date.and_time(time))
}

/// A line of the export's structure: the header before the first message (folded under the
/// title) or the brackets after the last.
pub(crate) fn structure(line: &str, before_messages: bool) -> Reading {
    Reading::whole(if before_messages { LineKind::Header } else { LineKind::Markup }, line, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heads_messages_are_laid_out_as_the_whole_exports_start() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Header {
            name: Option<String>,
        }
        let messages: Vec<String> = (0..6).map(|n| format!("    {{\n      \"id\": {n},\n      \"text\": \"a ] {{ message, {n}\"\n    }}")).collect();
        let export = format!("{{\n  \"name\": \"general\",\n  \"messages\": [\n{}\n  ],\n  \"count\": 6\n}}\n", messages.join(",\n"));
        let mut whole_header = None;
        let whole = lay_out_messages::<Header>(&export, &mut whole_header).expect("laid out");
        let line_ends: Vec<usize> = export.match_indices('\n').map(|(at, _)| at + 1).collect();
        let mut n_heads = 0;
        for cut in line_ends {
            let mut header = None;
            let Some((length, laid_out)) = lay_out_messages_head::<Header>(&export[..cut], &mut header) else { continue };
            n_heads += 1;
            let laid_out = laid_out.unwrap_or_else(|| export[..length].to_owned());
            assert!(whole.starts_with(&laid_out), "cut at {cut}: {laid_out:?}");
            assert!(laid_out.ends_with("},\n") || laid_out.ends_with("}\n"), "cut at {cut}: it ends with a whole message: {laid_out:?}");
            assert_eq!(header, whole_header, "cut at {cut}");
        }
        // A head ending after each of the first five messages (the sixth closes the array).
        assert!(n_heads >= 5, "{n_heads} heads");
    }

    fn messages(text: &str) -> Vec<Range<usize>> {
        #[derive(serde::Deserialize)]
        struct Export<'a> {
            #[serde(borrow)]
            messages: Vec<&'a RawValue>,
        }
        ranges_in(text, &serde_json::from_str::<Export>(text).unwrap().messages).unwrap()
    }

    #[test]
    fn lays_out_pretty_and_minified_exports_one_message_per_line() {
        let pretty = "{\n  \"messages\": [\n    {\n      \"id\": 1,\n      \"text\": \"a  b\"\n    },\n    {\n      \"id\": 2\n    }\n  ]\n}\n";
        let laid_out = one_message_per_line(pretty, &messages(pretty)).unwrap();
        assert_eq!(laid_out, "{\n  \"messages\": [\n    {\"id\": 1,\"text\": \"a  b\"},\n    {\"id\": 2}\n  ]\n}\n");
        let minified = r#"{"messages":[{"id":1},{"id":2}],"n":2}"#;
        assert_eq!(one_message_per_line(minified, &messages(minified)).unwrap(), "{\"messages\":[\n{\"id\":1},\n{\"id\":2}\n],\"n\":2}");
        // Already one per line: nothing to do.
        assert_eq!(one_message_per_line(&laid_out, &messages(&laid_out)), None);
        // What closes the array goes on the last message's line when asked.
        let closed_on_last = one_message_per_line_closed(minified, &messages(minified), Closing::OnLastMessage).unwrap();
        assert_eq!(closed_on_last, "{\"messages\":[\n{\"id\":1},\n{\"id\":2}],\"n\":2}");
    }

    #[test]
    fn an_optional_text_is_borrowed_unless_it_holds_an_escape() {
        #[derive(serde::Deserialize)]
        struct Fields<'a> {
            #[serde(borrow)]
            plain: Option<Text<'a>>,
            #[serde(borrow)]
            escaped: Option<Text<'a>>,
            #[serde(borrow)]
            missing: Option<Text<'a>>,
        }
        let fields: Fields = serde_json::from_str(r#"{"plain": "as written", "escaped": "a \"quote\""}"#).unwrap();
        assert!(matches!(fields.plain.map(|text| text.0), Some(Cow::Borrowed("as written"))));
        assert!(matches!(fields.escaped.map(|text| text.0), Some(Cow::Owned(text)) if text == "a \"quote\""));
        assert!(fields.missing.is_none());
    }

    #[test]
    fn extras_follow_the_text() {
        let extras = Extras {
            attachments: vec!["plan.pdf".into()],
            reactions: vec![("👍".into(), 2), ("🎉".into(), 1)],
            edited: true,
            forwarded_from: None,
        };
        assert_eq!(extras.after("see this"), "see this [file: plan.pdf] [👍 2, 🎉 1] (edited)");
        assert_eq!(extras.after(""), "[file: plan.pdf] [👍 2, 🎉 1] (edited)");
        let forwarded = Extras { forwarded_from: Some("ada".into()), ..Extras::default() };
        assert_eq!(forwarded.after("hi"), "[forwarded from ada] hi");
        assert_eq!(forwarded.after(""), "[forwarded from ada]");
        assert_eq!(Extras::default().after("hi"), "hi");
    }
}
