//! DiscordChatExporter's HTML page (its default export): a `<div class="chatlog__message-group">`
//! per run of one author's messages, each message a `<div class="chatlog__message-container"
//! data-message-id="…">` holding the author (first of a group only), the time in the `title` of
//! its timestamp, the text in `chatlog__markdown-preserve`, a reply's `scrollToMessage(event,
//! 'id')`, attachments, reactions and the edited mark; system notifications name their author
//! and what happened. The exporter minifies the page, so it is laid out one message per line.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use memchr::memmem::Finder;

use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::export::{structure, Extras, Said};
use crate::parse::shapes::html::{pieces, text_of, Piece};
use crate::parse::shapes::time::{clock, slash_or_iso_date};
use crate::parse::{is_blank, Context, Reader, Reading};
use crate::parse::ids::MessageId;

#[derive(Debug, Default)]
pub struct DiscordHtmlReader {
    seen_message: bool,
    /// The author of the group being read: a group's later messages do not repeat it.
    author: String,
    /// The last timestamp's title and its moment: a minute's messages share it.
    last_title: (String, Option<NaiveDateTime>),
}

/// Where each message's container starts: the `<div` whose tag holds a `data-message-id`.
fn message_starts(text: &str) -> Vec<usize> {
    memchr::memmem::find_iter(text.as_bytes(), b" data-message-id=\"")
        .filter_map(|at| memchr::memrchr(b'<', &text.as_bytes()[..at]))
        .filter(|start| text[*start..].starts_with("<div"))
        .collect()
}

/// The inner HTML of the element whose start tag holds byte `at` of `line`: up to the end tag
/// that closes it, elements of the same name inside it counted.
fn inner_at(line: &str, at: usize) -> &str {
    let bytes = line.as_bytes();
    let Some(tag_start) = memchr::memrchr(b'<', &bytes[..at]) else { return "" };
    let name_length = line[tag_start + 1..].bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &line[tag_start + 1..tag_start + 1 + name_length];
    let Some(content_start) = memchr::memchr(b'>', &bytes[at..]).map(|end| at + end + 1) else { return "" };
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let closes = Finder::new(close.as_bytes());
    let mut depth = 1;
    let mut from = content_start;
    while let Some(next_close) = closes.find(&bytes[from..]).map(|offset| from + offset) {
        // Elements are short here: a byte-wise count beats building another searcher.
        depth += bytes[from..next_close].windows(open.len()).filter(|window| *window == open.as_bytes()).count();
        depth -= 1;
        if depth == 0 {
            return &line[content_start..next_close];
        }
        from = next_close + close.len();
    }
    &line[content_start..]
}

/// The value of an attribute (`name` written as ` title="`) in the start tag that holds byte
/// `at` of `line`.
fn attribute_at<'a>(line: &'a str, at: usize, name: &str) -> Option<&'a str> {
    let bytes = line.as_bytes();
    let tag_start = memchr::memrchr(b'<', &bytes[..at])?;
    let tag_end = memchr::memchr(b'>', &bytes[at..]).map_or(line.len(), |end| at + end);
    // Attributes are short: a byte-wise look beats building a searcher.
    let start = bytes[tag_start..tag_end].windows(name.len()).position(|window| window == name.as_bytes())? + tag_start + name.len();
    let length = memchr::memchr(b'"', &bytes[start..tag_end])?;
    Some(&line[start..start + length])
}

/// A fragment of the message as text: its words, an emoji image as the emoji, a line break as
/// one; entities decoded and no markup kept. Plain words (most messages') are taken as they are.
fn fragment_text(fragment: &str) -> String {
    // The exporter wraps a message's text in comments that tell its minifier to keep it.
    let fragment = fragment.strip_prefix("<!--wmm:ignore-->").and_then(|inside| inside.strip_suffix("<!--/wmm:ignore-->")).unwrap_or(fragment);
    if memchr::memchr2(b'<', b'&', fragment.as_bytes()).is_none() {
        return fragment.trim().to_owned();
    }
    let pieces: Vec<Piece> = pieces(fragment)
        .into_iter()
        .map(|piece| match piece {
            Piece::Open(tag) if tag.name == "img" => Piece::Text(tag.attribute("alt").unwrap_or_default().to_owned()),
            piece => piece,
        })
        .collect();
    text_of(&pieces)
}

/// The words of a fragment without a link's address: a file's name from its download link.
fn words_of(fragment: &str) -> String {
    let words = pieces(fragment).into_iter().filter_map(|piece| match piece {
        Piece::Text(words) => Some(words),
        _ => None,
    });
    words.collect::<String>().trim().to_owned()
}

/// What a message's line says, read by the classes of the exporter's template.
#[derive(Default)]
struct Parts {
    id: Option<String>,
    author: Option<String>,
    system_author: Option<String>,
    system_text: String,
    icon: Option<String>,
    title: Option<String>,
    replies_to: Option<String>,
    text: String,
    is_bot: bool,
    edited: bool,
    attachments: Vec<String>,
    reactions: Vec<(String, u64)>,
}

impl Parts {
    /// One walk over the line's `class="chatlog__…"` attributes.
    fn of(line: &str) -> Parts {
        let mut parts = Parts::default();
        // Between a reaction and its count, the emoji image is the reaction's.
        let mut in_reaction = false;
        static CLASS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"class=\"chatlog__"));
        for at in CLASS.find_iter(line.as_bytes()) {
            let class_start = at + "class=\"".len();
            let class = line[class_start..].split('"').next().unwrap_or_default();
            match class.split(' ').next().unwrap_or_default() {
                "chatlog__message-container" if parts.id.is_none() => parts.id = attribute_at(line, at, " data-message-id=\"").map(str::to_owned),
                "chatlog__author" => parts.author = Some(fragment_text(inner_at(line, at))),
                "chatlog__author-tag" => parts.is_bot = true,
                "chatlog__system-notification-author" => parts.system_author = Some(fragment_text(inner_at(line, at))),
                "chatlog__system-notification-content" => parts.system_text = fragment_text(inner_at(line, at)),
                "chatlog__system-notification-icon" => {
                    parts.icon = line[at..].split_once("<use href=\"#").and_then(|(_, icon)| icon.split_once('"')).map(|(icon, _)| icon.to_owned());
                }
                "chatlog__timestamp" | "chatlog__short-timestamp" | "chatlog__system-notification-timestamp" if parts.title.is_none() => {
                    parts.title = attribute_at(line, at, " title=\"").map(fragment_text);
                }
                "chatlog__reply-link" => {
                    let onclick = attribute_at(line, at, " onclick=\"").unwrap_or_default();
                    parts.replies_to = onclick.split_once("scrollToMessage(event, '").and_then(|(_, id)| id.split_once('\'')).map(|(id, _)| id.to_owned());
                }
                "chatlog__markdown-preserve" if class == "chatlog__markdown-preserve" && parts.text.is_empty() => parts.text = fragment_text(inner_at(line, at)),
                "chatlog__edited-timestamp" => parts.edited = true,
                "chatlog__attachment-generic-name" => parts.attachments.push(words_of(inner_at(line, at))),
                "chatlog__attachment-media" => {
                    // A picture's title is on its `<img>`; a video's and a sound's on the `<source>` inside.
                    let title = line[at..].split_once(" title=\"").and_then(|(_, title)| title.split_once('"')).map(|(title, _)| fragment_text(title)).unwrap_or_default();
                    let name = title.split_once(": ").map_or(title.as_str(), |(_, name)| name);
                    parts.attachments.push(name.rsplit_once(" (").map_or(name, |(name, _)| name).to_owned());
                }
                "chatlog__sticker" => parts.attachments.push(format!("sticker {}", attribute_at(line, at, " title=\"").map(fragment_text).unwrap_or_default())),
                "chatlog__reaction" => {
                    parts.reactions.push((String::new(), 1));
                    in_reaction = true;
                }
                "chatlog__emoji" if in_reaction => {
                    if let Some(reaction) = parts.reactions.last_mut() {
                        reaction.0 = attribute_at(line, at, " alt=\"").map(fragment_text).unwrap_or_default();
                    }
                }
                "chatlog__reaction-count" => {
                    if let Some(reaction) = parts.reactions.last_mut() {
                        reaction.1 = inner_at(line, at).trim().parse().unwrap_or(1);
                    }
                    in_reaction = false;
                }
                _ => {}
            }
        }
        parts
    }
}

/// A timestamp's `title` in the export's culture: en-US's `Thursday, June 1, 2023 8:00 AM`,
/// en-GB's `Thursday, 1 June 2023 08:00`, or a numeric `01/06/2023 08:00`, `2023-06-01 08:00`.
/// Month names are read in English, and where another language's begin as English ones do
/// (German's `Februar`, `Juni`); other cultures' names give no moment.
fn moment(title: &str) -> Option<NaiveDateTime> {
    let words: Vec<&str> = title.split(|c: char| c.is_whitespace() || c == ',').filter(|word| !word.is_empty()).collect();
    let clock_at = words.iter().position(|word| clock(word.as_bytes()).is_some())?;
    let (time, _) = clock(words[clock_at].as_bytes())?;
    let time = match words.get(clock_at + 1).map(|mark| mark.to_ascii_uppercase()).as_deref() {
        Some("AM") if (1..=12).contains(&time.hour()) => time.with_hour(time.hour() % 12)?,
        Some("PM") if (1..=12).contains(&time.hour()) => time.with_hour(time.hour() % 12 + 12)?,
        _ => time,
    };
    let date_words = &words[..clock_at];
    // German writes the day as `1.`.
    let number = |word: &&str| Some(word.trim_end_matches('.')).filter(|word| word.bytes().all(|byte| byte.is_ascii_digit())).and_then(|word| word.parse::<u32>().ok());
    let month = date_words.iter().find_map(|word| month_named(word));
    let date = match month {
        Some(month) => {
            let year = date_words.iter().filter(|word| word.len() == 4).find_map(number)?;
            let day = date_words.iter().filter(|word| word.trim_end_matches('.').len() <= 2).find_map(number)?;
            NaiveDate::from_ymd_opt(year as i32, month, day)?
        }
        None => date_words.iter().find_map(|word| match word.split('.').map(|part| part.parse::<i32>().ok()).collect::<Vec<_>>()[..] {
            // `01.06.2023`: day first, as every culture that writes dots does.
            [Some(day), Some(month), Some(year)] => NaiveDate::from_ymd_opt(year, month as u32, day as u32),
            _ => slash_or_iso_date(word),
        })?,
    };
    Some(date.and_time(time))
}

/// `February`, `Feb`, `Feb.`, `Sept`, `Februar`, `Juni`: the month an English name, or a word
/// beginning as one, names. Not `mardi` (French for Tuesday), though it begins as March does.
fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    let start = word.get(..3)?;
    MONTHS
        .iter()
        .position(|month| month.starts_with(&word) || word.starts_with(month) || (word.len() <= 4 && month.starts_with(start)))
        .map(|index| index as u32 + 1)
}

impl Reader for DiscordHtmlReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        let starts = message_starts(text);
        let first = *starts.first()?;
        // The messages end where the page's closing part (its postamble) starts.
        let end = memchr::memmem::rfind(&text.as_bytes()[first..], b"<div class=\"postamble\"").map_or(text.len(), |at| first + at);
        let mut laid_out = String::with_capacity(text.len() + starts.len() * 2);
        laid_out.push_str(&text[..first]);
        let mut changed = false;
        for (index, start) in starts.iter().enumerate() {
            if !laid_out.is_empty() && !laid_out.ends_with('\n') {
                laid_out.push('\n');
                changed = true;
            }
            let next = starts.get(index + 1).copied().unwrap_or(end).max(*start);
            // A line break inside a message, in its text (kept by `white-space: pre-wrap`) or
            // between its tags, is written as the `<br>` it shows as.
            for (piece_index, piece) in text[*start..next].split('\n').enumerate() {
                if piece_index > 0 {
                    laid_out.push_str("<br>");
                    changed = true;
                }
                laid_out.push_str(piece.strip_suffix('\r').unwrap_or(piece));
            }
        }
        if end < text.len() {
            laid_out.push('\n');
            laid_out.push_str(&text[end..]);
        }
        changed.then_some(laid_out)
    }

    /// The page's title comes before its messages, and each message is laid out on a line of
    /// its own: a head ends where the last message starting in it starts (it may run on).
    fn lay_out_head(&mut self, head: &str) -> Option<(usize, Option<String>)> {
        let starts = message_starts(head);
        let [_, .., last] = starts[..] else { return None };
        Some((last, self.lay_out(&head[..last])))
    }

    fn laid_out_note(&self) -> &'static str {
        "the export is shown laid out with one message per line (a line break inside a message written as <br>), and line numbers count those lines"
    }

    fn prepare(&mut self, text: &str, context: &mut Context) {
        let Some(title) = inner_of_title(text) else { return };
        // `Guild - channel`: a channel's name holds no spaces, a server's may.
        context.meta.title = Some(match title.rsplit_once(" - ") {
            Some((guild, channel)) => format!("#{channel} · {guild}"),
            None => title,
        });
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let parts = Parts::of(line);
        let Some(id) = parts.id else { return structure(line, !self.seen_message) };
        self.seen_message = true;
        context.ids.name(MessageId::of(0, &id), context.line_index);
        if let Some(parent) = parts.replies_to {
            context.ids.reply(context.line_index, MessageId::of(0, &parent));
        }
        let is_system = parts.system_author.is_some();
        if let Some(author) = parts.author.or(parts.system_author) {
            self.author = author;
        }
        let moment = parts.title.and_then(|title| {
            if title != self.last_title.0 {
                let read = moment(&title);
                self.last_title = (title, read);
            }
            self.last_title.1
        });
        if is_system {
            let event = match parts.icon.as_deref() {
                Some("join-icon") => SystemEvent::Join,
                Some("leave-icon") => SystemEvent::Part,
                Some("pencil-icon") => SystemEvent::Topic,
                _ => SystemEvent::Other,
            };
            let text = format!("{} {}", self.author, parts.system_text);
            return Said { kind: LineKind::System(event), speaker: Some(&self.author), moment, text: text.into() }.reading(line, context);
        }
        let extras = Extras { edited: parts.edited, attachments: parts.attachments, reactions: parts.reactions, forwarded_from: None };
        let kind = if parts.is_bot { LineKind::Notice } else { LineKind::Message };
        Said { kind, speaker: Some(&self.author), moment, text: extras.after(parts.text) }.reading(line, context)
    }
}

/// The text of the page's `<title>`.
fn inner_of_title(text: &str) -> Option<String> {
    let start = text.find("<title>")? + "<title>".len();
    let length = text[start..].find("</title>")?;
    Some(fragment_text(&text[start..start + length])).filter(|title| !title.is_empty())
}
