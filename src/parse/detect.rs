//! Picks the parser that reads a sample of the file best, so nobody has to name the format.

use super::lines::{line_ranges, samples};
use super::{is_blank, reader_for, Context};
use crate::model::Format;

/// The format whose reader is most confident over samples from the start, middle and end.
///
/// Each reader gives each line 0 (not mine), 1 (a shape many formats share) or 2 (my own
/// shape); the best total wins. Below a fifth of the best possible score, it is plain text.
pub fn detect(text: &str) -> Format {
    // A document header is stronger evidence than any count of lines: Mirage logs paste
    // other clients' lines inside their articles.
    if has_mirage_header(text) {
        return Format::MirageMeeting;
    }
    if let Some(format) = structured_format(text) {
        return format;
    }
    let samples = samples(text);
    let n_lines: usize = samples.iter().map(|sample| sample.iter().filter(|line| !is_blank(line)).count()).sum();
    if n_lines == 0 {
        return Format::PlainText;
    }
    // On a tie the earlier format wins: `Format::ALL` lists the specific before the generic.
    let mut best = (Format::PlainText, Score::default());
    for format in Format::ALL.into_iter().filter(|format| !matches!(format, Format::PlainText | Format::Inferred) && !format.is_structured()) {
        let format_score = score(format, &samples);
        if format_score.total > best.1.total {
            best = (format, format_score);
        }
    }
    let (best_format, best_score) = best;
    let known_reads_it = best_score.total * 5 >= n_lines * 2;
    // A shape no reader knows: learn it when the known readers read too little of the file
    // (nothing, a third of its lines unread, or messages on under half of the first sample's),
    // and take it when it reads a quarter more lines or finds twice the messages.
    let n_head_lines = samples[0].iter().filter(|line| !is_blank(line)).count();
    if !known_reads_it || best_score.unread * 3 > n_lines || best_score.spoken * 2 < n_head_lines {
        let sample_lines: Vec<&str> = samples.iter().flatten().copied().collect();
        if let Some(template) = super::infer::Template::learn(&sample_lines, text) {
            let (n_read, n_head_spoken) = template.count_read(&samples);
            let reads_more = n_read * 4 >= (n_lines - best_score.unread) * 5;
            let says_more = n_head_spoken > best_score.spoken * 2;
            if !known_reads_it || reads_more || says_more {
                return Format::Inferred;
            }
        }
    }
    if known_reads_it {
        best_format
    } else {
        Format::PlainText
    }
}

/// A structured export, from its first bytes: cheap, and never a line-based log.
fn structured_format(text: &str) -> Option<Format> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head = &start[..floor_char_boundary(start, 4096)];
    let lower = head.to_ascii_lowercase();
    let second_line = line_ranges(start).nth(1).map_or("", |range| &start[range]);
    if let Some(rest) = start.strip_prefix("b'").or_else(|| start.strip_prefix("b\"")) {
        return super::shapes::time::year_month_day(rest.as_bytes()).map(|_| Format::BotbotRepr);
    }
    if start.starts_with('[') && start[1..].trim_start().starts_with('{') {
        return (head.contains("\"html\"") && head.contains("\"username\"")).then_some(Format::TopanswersJson);
    }
    if start.starts_with("==> ") {
        // An archive laid out by `input::archive`: Slack's export names its people and channels.
        let is_slack = ["users.json", "channels.json"].iter().any(|file| start.contains(&format!("==> {file} <==\n")));
        return is_slack.then_some(Format::SlackExport);
    }
    if start.starts_with('{') {
        if let Some(format) = json_export(start, head) {
            return Some(format);
        }
        let is_event = second_line.starts_with('{') && second_line.contains("\"type\"") && second_line.contains("\"origin_server_ts\"");
        return is_event.then_some(Format::MatrixNdjson);
    }
    if super::minutes::meetbot::looks_like_minutes(head) && (start.starts_with("==") || lower.contains("class=\"details\"")) {
        return Some(Format::MeetbotMinutes);
    }
    if start.starts_with("<?xml") && lower.contains("<chat") {
        return Some(Format::AdiumXml);
    }
    if !start.starts_with('<') {
        return None;
    }
    // DiscordChatExporter's page: its style sheet alone can be longer than the head.
    if memchr::memmem::find(start.as_bytes(), b"class=\"chatlog__message-container").is_some() {
        return Some(Format::DiscordHtml);
    }
    if lower.starts_with("<span class=\"irc-date\">") {
        Some(Format::LogbotHtml)
    } else if lower.contains("<pre><a name=\"l-") || (lower.contains("<pre>") && lower.contains("<span class=\"tm\">")) {
        Some(Format::MeetbotHtml)
    } else if lower.contains("<li id=\"l-") || lower.contains("<li id=l-") || (lower.contains("<ol id=\"lines\">") || lower.contains("<ol id=lines>")) {
        Some(Format::IrcLogsHtml)
    } else if lower.contains("<font size=\"2\">(") || lower.contains("<title>conversation with") {
        Some(Format::PidginHtml)
    } else {
        None
    }
}

/// A chat service's JSON export, from the keys its head holds: DiscordChatExporter's `guild`
/// and `channel`, Element's `room_name` (or its messages' `origin_server_ts`), Telegram's
/// `messages` with their `from_id` (or an account's `chats` list), or a Mattermost record
/// (`{"type": "post", "post": {…}}`) per line.
fn json_export(start: &str, head: &str) -> Option<Format> {
    let has = |key: &str| head.contains(&format!("\"{key}\""));
    if has("guild") && has("channel") {
        return Some(Format::DiscordJson);
    }
    if (has("room_name") && (has("messages") || has("export_date"))) || (has("messages") && has("origin_server_ts")) {
        return Some(Format::ElementJson);
    }
    if (has("messages") && (has("from_id") || has("date_unixtime") || has("actor_id"))) || (has("chats") && has("list")) {
        return Some(Format::TelegramJson);
    }
    let first_line = &start[..memchr::memchr(b'\n', start.as_bytes()).unwrap_or(start.len())];
    let record: serde_json::Map<String, serde_json::Value> = serde_json::from_str(first_line).ok()?;
    let kind = record.get("type")?.as_str()?;
    let is_record = record.len() == 2 && record.contains_key(kind);
    is_record.then_some(Format::MattermostJsonl)
}

/// The largest char boundary at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The published page's title line, or Canopy front matter naming a title or an author.
fn has_mirage_header(text: &str) -> bool {
    let mut lines = line_ranges(text).map(|range| text[range].trim_end()).filter(|line| !line.is_empty());
    match lines.next() {
        Some("---") => lines
            .take_while(|line| *line != "---")
            .take(20)
            .any(|line| line.starts_with("title:") || line.starts_with("author:")),
        Some(first) => first.get(..21).is_some_and(|head| head.eq_ignore_ascii_case("irc discussions from ")),
        None => false,
    }
}

/// How well a reader reads the samples.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    /// The sum of the readers' confidences.
    total: usize,
    /// Non-blank lines it did not know at all (confidence 0).
    unread: usize,
    /// Lines of the first sample it read as someone's message.
    spoken: usize,
}

fn score(format: Format, samples: &[Vec<&str>]) -> Score {
    let mut score = Score::default();
    for (index, sample) in samples.iter().enumerate() {
        // Each sample gets a fresh reader: a reader may keep state, such as being in a header.
        let mut reader = reader_for(format);
        let mut context = Context::default();
        for line in sample.iter().filter(|line| !is_blank(line)) {
            let reading = reader.read(line, &mut context);
            let confidence = usize::from(reading.confidence);
            score.total += confidence;
            score.unread += usize::from(confidence == 0);
            // Messages are counted in the first sample only: it is evidence enough, and it keeps
            // scoring every reader as cheap as it was.
            if index == 0 {
                score.spoken += usize::from(reading.kind == crate::model::LineKind::Message && reading.nick.is_some());
            }
        }
    }
    score
}

