//! Chat exports of any size, written the way each service's exporter writes them, for the e2e
//! tests and the benchmarks: a deterministic conversation of `n` messages among 24 people, with
//! replies (every 7th message answers the one 3 before it), reactions, attachments, edits, a
//! bot and people joining, so every feature of the readers is exercised at size.

use serde_json::{json, Value};

/// The exports the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Discord,
    DiscordHtml,
    Telegram,
    Element,
    Mattermost,
    WhatsappAndroid,
    WhatsappIos,
    Slack,
}

impl Export {
    pub const ALL: [Export; 8] = [Export::Discord, Export::DiscordHtml, Export::Telegram, Export::Element, Export::Mattermost, Export::WhatsappAndroid, Export::WhatsappIos, Export::Slack];

    /// A file name the service's exporter would give.
    pub fn file_name(self) -> &'static str {
        match self {
            Export::Discord => "Mirage Club - general [2].json",
            Export::DiscordHtml => "Mirage Club - general [2].html",
            Export::Telegram => "result.json",
            Export::Element => "matrix - #mirage - Chat Export - 2023-06-01.json",
            Export::Mattermost => "export.jsonl",
            Export::WhatsappAndroid => "WhatsApp Chat with Mirage.txt",
            Export::WhatsappIos => "_chat.txt",
            Export::Slack => "Mirage Slack export Jun 1 2023 - Jun 30 2023.zip",
        }
    }

    /// The name scrollback shows for the format (a part of it).
    pub fn format_name(self) -> &'static str {
        match self {
            Export::Discord | Export::DiscordHtml => "Discord",
            Export::Telegram => "Telegram",
            Export::Element => "Element",
            Export::Mattermost => "Mattermost",
            Export::WhatsappAndroid | Export::WhatsappIos => "WhatsApp",
            Export::Slack => "Slack",
        }
    }
}

const PEOPLE: [&str; 24] = [
    "Anil", "Mindy", "Hannes", "Thomas", "Gemma", "Reynir", "Romain", "Calascibetta", "Daniel", "Kate", "Jon", "Lucas", "Pierre", "Sonja", "Ada",
    "Grace", "Barbara", "Edsger", "Leslie", "Niklaus", "Frances", "Radia", "Shafi", "Tony",
];

const WORDS: [&str; 40] = [
    "the", "release", "unikernel", "opam", "build", "is", "green", "again", "we", "should", "merge", "this", "before", "friday", "solo5", "tests",
    "pass", "on", "arm64", "ok", "thanks", "I", "think", "so", "network", "stack", "needs", "a", "review", "dune", "fix", "it", "tomorrow", "agreed",
    "docs", "are", "out", "of", "date", "—",
];

/// What message `index` is: who says it, what, and what else is on it.
pub struct Message {
    pub index: usize,
    pub speaker: &'static str,
    pub text: String,
    /// The earlier message this one answers.
    pub answers: Option<usize>,
    pub reacted: bool,
    pub attachment: Option<String>,
    pub edited: bool,
    pub bot: bool,
    /// A person joining, not a message.
    pub joins: bool,
    /// Seconds after the start.
    pub at: u64,
}

/// Message `index` of the generated conversation.
pub fn message(index: usize) -> Message {
    let mut state = (index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move || {
        state ^= state >> 29;
        state = state.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        state ^= state >> 32;
        state
    };
    let length = 3 + next() as usize % 14;
    let text: Vec<&str> = (0..length).map(|_| WORDS[next() as usize % WORDS.len()]).collect();
    let bot = index % 50 == 49;
    Message {
        index,
        speaker: if bot { "ci-bot" } else { PEOPLE[(next() as usize) % PEOPLE.len()] },
        text: format!("(message {}) {}", index + 1, text.join(" ")),
        answers: (index % 7 == 6 && index % 97 != 96 && (index - 3) % 97 != 96).then(|| index - 3),
        reacted: index % 11 == 10,
        attachment: (index % 13 == 12).then(|| format!("notes-{}.pdf", index + 1)),
        edited: index % 17 == 16,
        bot,
        joins: index % 97 == 96,
        at: index as u64 * 20,
    }
}

/// How many of the first `n` messages are said by someone (not joins): what the page counts as messages.
pub fn n_spoken(n: usize) -> usize {
    (0..n).filter(|index| !message(*index).joins).count()
}

/// The file `export` gives for the conversation's `n` messages: Slack's a zip, the others text.
pub fn generated_bytes(export: Export, n: usize) -> Vec<u8> {
    match export {
        Export::Slack => {
            let files = slack((0..n).map(message));
            let files: Vec<(&str, &[u8])> = files.iter().map(|(path, text)| (path.as_str(), text.as_bytes())).collect();
            zipped(&files)
        }
        text => generated(text, n).into_bytes(),
    }
}

/// The conversation's `n` messages as `export` writes them (a text export; see [`generated_bytes`]).
pub fn generated(export: Export, n: usize) -> String {
    let messages = (0..n).map(message);
    match export {
        Export::Slack => panic!("Slack's export is a zip: see generated_bytes"),
        Export::Discord => discord(messages),
        Export::DiscordHtml => discord_html(messages),
        Export::Telegram => telegram(messages),
        Export::Element => element(messages),
        Export::Mattermost => mattermost(messages),
        Export::WhatsappAndroid => whatsapp(messages, false),
        Export::WhatsappIos => whatsapp(messages, true),
    }
}

/// Seconds after 2023-06-01 08:00:00 UTC as `(date, time)` parts.
fn clock(at: u64) -> (u64, u64, u64, u64) {
    let total = 8 * 3600 + at;
    let seconds = total % 86_400;
    (1 + total / 86_400, seconds / 3600, seconds / 60 % 60, seconds % 60)
}

fn iso(at: u64) -> String {
    // Days run past June's end into a month of 31 days' worth: keep it a real date by rolling over.
    let (day, hour, minute, second) = clock(at);
    let (month, day) = month_day(day);
    format!("2023-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
}

/// Day `day` counted from June 1st as (month, day of month), through the year's end.
fn month_day(day: u64) -> (u64, u64) {
    let lengths = [30, 31, 31, 30, 31, 30, 31];
    let mut day = day;
    for (offset, length) in lengths.iter().enumerate() {
        if day <= *length {
            return (6 + offset as u64, day);
        }
        day -= length;
    }
    (12, day.min(31))
}

fn epoch_millis(at: u64) -> u64 {
    (1_685_606_400 + at) * 1000
}

/// An object pretty-printed (two spaces) with its keys in the exporter's order, not sorted.
fn pretty(fields: &[(&str, Value)]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("  {}: {}", Value::from(*key), serde_json::to_string_pretty(value).unwrap().replace('\n', "\n  ")))
        .collect();
    format!("{{\n{}\n}}\n", fields.join(",\n"))
}

fn discord(messages: impl Iterator<Item = Message>) -> String {
    let author = |name: &str, bot: bool| json!({"id": format!("{}", name.len() * 1000 + name.bytes().map(usize::from).sum::<usize>()), "name": name.to_lowercase(), "discriminator": "0000", "nickname": name, "color": null, "isBot": bot, "roles": [], "avatarUrl": "https://cdn.discordapp.com/embed/avatars/0.png"});
    let messages: Vec<Value> = messages
        .map(|message| {
            let id = format!("{}", 1_000_000 + message.index);
            json!({
                "id": id,
                "type": if message.joins { "GuildMemberJoin" } else if message.answers.is_some() { "Reply" } else { "Default" },
                "timestamp": format!("{}.000+00:00", iso(message.at)),
                "timestampEdited": if message.edited { Value::from(format!("{}.000+00:00", iso(message.at + 5))) } else { Value::Null },
                "callEndedTimestamp": null,
                "isPinned": false,
                "content": if message.joins { String::new() } else { message.text.clone() },
                "author": author(message.speaker, message.bot),
                "attachments": message.attachment.iter().map(|name| json!({"id": "1", "url": format!("https://cdn.discordapp.com/attachments/1/1/{name}"), "fileName": name, "fileSizeBytes": 1000})).collect::<Vec<_>>(),
                "embeds": [],
                "stickers": [],
                "reactions": if message.reacted { json!([{"emoji": {"id": "", "name": "👍", "code": "thumbsup", "isAnimated": false, "imageUrl": "x"}, "count": 2}]) } else { json!([]) },
                "mentions": [],
                "reference": message.answers.map(|parent| json!({"messageId": format!("{}", 1_000_000 + parent), "channelId": "2", "guildId": "1"})),
            })
        })
        .collect();
    let count = messages.len();
    pretty(&[
        ("guild", json!({"id": "1", "name": "Mirage Club", "iconUrl": "x"})),
        ("channel", json!({"id": "2", "type": "GuildTextChat", "categoryId": "3", "category": "Text", "name": "general", "topic": null})),
        ("dateRange", json!({"after": null, "before": null})),
        ("exportedAt", json!("2024-01-01T00:00:00.000+00:00")),
        ("messages", Value::Array(messages)),
        ("messageCount", json!(count)),
    ])
}

/// DiscordChatExporter's HTML page, minified as it writes it: a group per run of one author's
/// messages (a reply or a join starts its own), en-US timestamps in the titles.
fn discord_html(messages: impl Iterator<Item = Message>) -> String {
    let moment = |at: u64| chrono::DateTime::from_timestamp((epoch_millis(at) / 1000) as i64, 0).unwrap().naive_utc();
    let long = |at: u64| moment(at).format("%A, %B %-d, %Y %-I:%M %p").to_string();
    let mut page = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Mirage Club - general</title>\n<meta charset=\"utf-8\">\n<style>\n.chatlog__message-group { display: grid; }\n</style>\n</head>\n<body>\n");
    page.push_str("<div class=\"preamble\"><div class=\"preamble__entry\">Mirage Club</div><div class=\"preamble__entry\">Text / general</div></div>\n<div class=\"chatlog\">");
    let mut previous: Option<Message> = None;
    let mut count = 0;
    for message in messages {
        count += 1;
        let id = 1_000_000 + message.index;
        let follows = previous.as_ref().is_some_and(|previous| previous.speaker == message.speaker && !previous.joins) && !message.joins && message.answers.is_none();
        if !follows {
            if previous.is_some() {
                page.push_str("</div>");
            }
            page.push_str("<div class=\"chatlog__message-group\">");
        }
        page.push_str(&format!("<div id=\"chatlog__message-container-{id}\" class=\"chatlog__message-container\" data-message-id=\"{id}\"><div class=\"chatlog__message\">"));
        if message.joins {
            page.push_str(&format!("<div class=\"chatlog__message-aside\"><svg class=\"chatlog__system-notification-icon\"><use href=\"#join-icon\"></use></svg></div><div class=\"chatlog__message-primary\"><span class=\"chatlog__system-notification-author\" title=\"{0}\" data-user-id=\"7\">{0}</span> <span> </span><span class=\"chatlog__system-notification-content\"><span>joined the server.</span></span><span class=\"chatlog__system-notification-timestamp\" title=\"{1}\"><a href=\"#chatlog__message-container-{id}\">{1}</a></span></div></div></div>", message.speaker, long(message.at)));
            previous = Some(message);
            continue;
        }
        if follows {
            page.push_str(&format!("<div class=\"chatlog__message-aside\"><div class=\"chatlog__short-timestamp\" title=\"{}\">{}</div></div><div class=\"chatlog__message-primary\">", long(message.at), moment(message.at).format("%-I:%M %p")));
        } else {
            page.push_str("<div class=\"chatlog__message-aside\"><img class=\"chatlog__avatar\" src=\"https://cdn.discordapp.com/embed/avatars/0.png\" alt=\"Avatar\" loading=\"lazy\"></div><div class=\"chatlog__message-primary\">");
            if let Some(parent) = message.answers {
                page.push_str(&format!("<div class=\"chatlog__reply\"><div class=\"chatlog__reply-author\">{}</div><div class=\"chatlog__reply-content\"><span class=\"chatlog__reply-link\" onclick=\"scrollToMessage(event, '{}')\">{}</span></div></div>", self::message(parent).speaker, 1_000_000 + parent, self::message(parent).text));
            }
            let bot = if message.bot { " <span class=\"chatlog__author-tag\">BOT</span>" } else { "" };
            page.push_str(&format!("<div class=\"chatlog__header\"><span class=\"chatlog__author\" title=\"{0}\" data-user-id=\"7\">{0}</span>{bot} <span class=\"chatlog__timestamp\" title=\"{1}\"><a href=\"#chatlog__message-container-{id}\">{2}</a></span></div>", message.speaker, long(message.at), moment(message.at).format("%-m/%-d/%Y %-I:%M %p")));
        }
        let edited = if message.edited { format!("<span class=\"chatlog__edited-timestamp\" title=\"{}\">(edited)</span>", long(message.at + 5)) } else { String::new() };
        page.push_str(&format!("<div class=\"chatlog__content chatlog__markdown\"><span class=\"chatlog__markdown-preserve\"><!--wmm:ignore-->{}<!--/wmm:ignore--></span>{edited}</div>", message.text));
        if let Some(name) = &message.attachment {
            page.push_str(&format!("<div class=\"chatlog__attachment\"><div class=\"chatlog__attachment-generic\"><div class=\"chatlog__attachment-generic-name\"><a href=\"https://cdn.discordapp.com/attachments/1/1/{name}\">{name}</a></div><div class=\"chatlog__attachment-generic-size\">1000 bytes</div></div></div>"));
        }
        if message.reacted {
            page.push_str("<div class=\"chatlog__reactions\"><div class=\"chatlog__reaction\" title=\"thumbsup\"><img class=\"chatlog__emoji chatlog__emoji--small\" alt=\"👍\" src=\"x\" loading=\"lazy\"><span class=\"chatlog__reaction-count\">2</span></div></div>");
        }
        page.push_str("</div></div></div>");
        previous = Some(message);
    }
    page.push_str(&format!("</div></div>\n<div class=\"postamble\"><div class=\"postamble__entry\">Exported {count} message(s)</div></div>\n</body>\n</html>\n"));
    page
}

fn telegram(messages: impl Iterator<Item = Message>) -> String {
    let messages: Vec<Value> = messages
        .map(|message| {
            let id = message.index + 1;
            if message.joins {
                return json!({"id": id, "type": "service", "date": iso(message.at), "date_unixtime": format!("{}", epoch_millis(message.at) / 1000), "actor": message.speaker, "actor_id": "user1", "action": "join_group_by_link", "text": "", "text_entities": []});
            }
            let mut value = json!({"id": id, "type": "message", "date": iso(message.at), "date_unixtime": format!("{}", epoch_millis(message.at) / 1000), "from": message.speaker, "from_id": format!("user{}", message.speaker.len()), "text": message.text, "text_entities": [{"type": "plain", "text": message.text}]});
            let object = value.as_object_mut().unwrap();
            if let Some(parent) = message.answers {
                object.insert("reply_to_message_id".into(), json!(parent + 1));
            }
            if message.edited {
                object.insert("edited".into(), json!(iso(message.at + 5)));
            }
            if let Some(name) = &message.attachment {
                object.insert("file".into(), json!(format!("files/{name}")));
                object.insert("mime_type".into(), json!("application/pdf"));
            }
            if message.reacted {
                object.insert("reactions".into(), json!([{"type": "emoji", "count": 2, "emoji": "👍"}]));
            }
            if message.bot {
                object.insert("via_bot".into(), json!("@ci_bot"));
            }
            value
        })
        .collect();
    pretty(&[("name", json!("Mirage Friends")), ("type", json!("private_supergroup")), ("id", json!(1001)), ("messages", Value::Array(messages))])
}

fn element(messages: impl Iterator<Item = Message>) -> String {
    let sender = |name: &str| format!("@{}:matrix.org", name.to_lowercase());
    let mut events = Vec::new();
    for person in PEOPLE {
        events.push(json!({"type": "m.room.member", "sender": sender(person), "state_key": sender(person), "content": {"membership": "join", "displayname": person}, "origin_server_ts": epoch_millis(0), "event_id": format!("$join-{person}")}));
    }
    events.extend(messages.map(|message| {
        if message.joins {
            return json!({"type": "m.room.member", "sender": sender(message.speaker), "state_key": sender(message.speaker), "content": {"membership": "join", "displayname": message.speaker}, "origin_server_ts": epoch_millis(message.at), "event_id": format!("$m{}", message.index)});
        }
        let mut content = json!({"msgtype": if message.bot { "m.notice" } else { "m.text" }, "body": message.text});
        if let Some(parent) = message.answers {
            content["m.relates_to"] = json!({"m.in_reply_to": {"event_id": format!("$m{parent}")}});
        }
        json!({"type": "m.room.message", "sender": sender(message.speaker), "content": content, "origin_server_ts": epoch_millis(message.at), "event_id": format!("$m{}", message.index), "room_id": "!room:matrix.org"})
    }));
    pretty(&[
        ("room_name", json!("#mirage:matrix.org")),
        ("room_creator", json!("Anil")),
        ("topic", json!("MirageOS")),
        ("export_date", json!("01-06-2023")),
        ("exported_by", json!("Anil")),
        ("messages", Value::Array(events)),
    ])
}

/// Mattermost's bulk export: every 7th message's answer is a reply inside the post it answers,
/// so posts are written once all their replies are known.
fn mattermost(messages: impl Iterator<Item = Message>) -> String {
    let messages: Vec<Message> = messages.collect();
    let mut replies: Vec<Vec<Value>> = (0..messages.len()).map(|_| Vec::new()).collect();
    let post = |message: &Message| {
        let mut post = json!({"user": message.speaker.to_lowercase(), "message": message.text, "create_at": epoch_millis(message.at)});
        if message.edited {
            post["edit_at"] = json!(epoch_millis(message.at + 5));
        }
        if message.reacted {
            post["reactions"] = json!([{"user": "anil", "emoji_name": "+1", "create_at": epoch_millis(message.at + 1)}, {"user": "mindy", "emoji_name": "+1", "create_at": epoch_millis(message.at + 2)}]);
        }
        if let Some(name) = &message.attachment {
            post["attachments"] = json!([{"path": format!("data/{name}")}]);
        }
        post
    };
    for message in &messages {
        if let Some(parent) = message.answers.filter(|parent| !messages[*parent].joins && messages[*parent].answers.is_none()) {
            replies[parent].push(post(message));
        }
    }
    let mut lines = vec![
        json!({"type": "version", "version": 1}).to_string(),
        json!({"type": "team", "team": {"name": "mirage", "display_name": "Mirage", "type": "O"}}).to_string(),
        json!({"type": "channel", "channel": {"team": "mirage", "name": "town-square", "display_name": "Town Square", "type": "O"}}).to_string(),
    ];
    lines.extend(PEOPLE.iter().map(|person| json!({"type": "user", "user": {"username": person.to_lowercase(), "email": format!("{}@example.org", person.to_lowercase())}}).to_string()));
    for message in &messages {
        let is_reply = message.answers.is_some_and(|parent| !messages[parent].joins && messages[parent].answers.is_none());
        if is_reply {
            continue;
        }
        let mut record = post(message);
        record["team"] = json!("mirage");
        record["channel"] = json!("town-square");
        if message.joins {
            record["type"] = json!("system_join_channel");
            record["message"] = json!(format!("{} joined the channel.", message.speaker.to_lowercase()));
        }
        record["replies"] = Value::Array(std::mem::take(&mut replies[message.index]));
        lines.push(json!({"type": "post", "post": record}).to_string());
    }
    lines.join("\n") + "\n"
}

fn whatsapp(messages: impl Iterator<Item = Message>, ios: bool) -> String {
    let mut text = String::new();
    for message in messages {
        let (day, hour, minute, second) = clock(message.at);
        let (month, day) = month_day(day);
        let said = if message.joins {
            None
        } else if let Some(name) = &message.attachment {
            Some(if ios { format!("\u{200e}<attached: {name}>") } else { format!("{name} (file attached)") })
        } else {
            Some(message.text.replace(" — ", "\n"))
        };
        if ios {
            // iOS, US: month first, a 12-hour clock with a narrow no-break space.
            let (twelve, mark) = (if hour % 12 == 0 { 12 } else { hour % 12 }, if hour < 12 { "AM" } else { "PM" });
            let stamp = format!("[{month}/{day}/23, {twelve}:{minute:02}:{second:02}\u{202f}{mark}]");
            match said {
                Some(said) => text.push_str(&format!("{stamp} {}: {said}\n", message.speaker)),
                None => text.push_str(&format!("\u{200e}{stamp} Mirage: \u{200e}{} joined using this group's invite link\n", message.speaker)),
            }
        } else {
            let stamp = format!("{day:02}/{month:02}/2023, {hour:02}:{minute:02}");
            match said {
                Some(said) => text.push_str(&format!("{stamp} - {}: {said}\n", message.speaker)),
                None => text.push_str(&format!("{stamp} - {} joined using this group's invite link\n", message.speaker)),
            }
        }
    }
    text
}

/// A Slack workspace export's files, as its `.zip` holds them.
pub const SLACK_FILES: &[(&str, &str)] = &[
    (
        "users.json",
        r#"[
    {
        "id": "U1",
        "name": "anil",
        "real_name": "Anil Madhavapeddy",
        "profile": {"display_name": "avsm", "real_name": "Anil Madhavapeddy"}
    },
    {"id": "U2", "name": "mindy", "profile": {"display_name": "", "real_name": "Mindy Preston"}},
    {"id": "U3", "name": "hannes", "profile": {"display_name": "hannes"}}
]"#,
    ),
    ("channels.json", r#"[{"id": "C1", "name": "general", "members": ["U1", "U2", "U3"], "topic": {"value": "MirageOS"}}, {"id": "C2", "name": "random"}]"#),
    ("dms.json", r#"[{"id": "D1", "members": ["U1", "U2"]}]"#),
    ("D1/2023-06-01.json", r#"[{"type": "message", "user": "U1", "text": "hi", "ts": "1685607100.000100"}]"#),
    (
        "general/2023-06-01.json",
        r#"[
    {"type": "message", "subtype": "channel_join", "user": "U3", "text": "<@U3> has joined the channel", "ts": "1685606400.000100"},
    {"type": "message", "user": "U1", "text": "Release plan for <#C2|random>? See <https://mirage.io|the site>", "ts": "1685606460.000200", "thread_ts": "1685606460.000200", "reply_count": 2, "reactions": [{"name": "+1", "users": ["U2", "U3"], "count": 2}]},
    {"type": "message", "user": "U2", "text": "Friday &amp; <@U1> agrees", "ts": "1685606520.000300", "thread_ts": "1685606460.000200", "parent_user_id": "U1", "edited": {"user": "U2", "ts": "1685606530.000000"}}
]"#,
    ),
    (
        "general/2023-06-02.json",
        r#"[{"type": "message", "subtype": "bot_message", "username": "CI", "bot_id": "B1", "text": "Build passed", "ts": "1685692800.000100"}, {"type": "message", "user": "U3", "text": "", "files": [{"id": "F1", "name": "notes.md", "title": "Notes"}], "ts": "1685692860.000200", "thread_ts": "1685606460.000200"}]"#,
    ),
    ("random/2023-06-01.json", r#"[{"type": "message", "user": "U3", "text": "<!here> coffee? 1 < 2 &lt;3", "ts": "1685607000.000100"}]"#),
];

/// `files` zipped, deflated, as a browser or Slack would give them.
pub fn zipped(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, contents) in files {
        writer.start_file(*path, options).unwrap();
        writer.write_all(contents).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

pub fn slack_zip() -> Vec<u8> {
    let files: Vec<(&str, &[u8])> = SLACK_FILES.iter().map(|(path, text)| (*path, text.as_bytes())).collect();
    zipped(&files)
}


/// Slack's export of the conversation: its users, one channel, and a file per day, a thread's
/// replies carrying the `thread_ts` of its first message (threads are one level deep).
fn slack(messages: impl Iterator<Item = Message>) -> Vec<(String, String)> {
    let messages: Vec<Message> = messages.collect();
    let user_id = |name: &str| format!("U{}", PEOPLE.iter().position(|person| *person == name).unwrap_or(99));
    let users: Vec<Value> = PEOPLE.iter().map(|person| json!({"id": user_id(person), "name": person.to_lowercase(), "profile": {"display_name": person, "real_name": person}})).collect();
    let ts = |message: &Message| format!("{}.{:06}", epoch_millis(message.at) / 1000, message.index);
    let is_reply = |message: &Message| message.answers.is_some_and(|parent| messages[parent].answers.is_none());
    let mut days: Vec<(String, Vec<Value>)> = Vec::new();
    for message in &messages {
        let (day, ..) = clock(message.at);
        let (month, day) = month_day(day);
        let path = format!("general/2023-{month:02}-{day:02}.json");
        let mut value = json!({"type": "message", "user": user_id(message.speaker), "text": message.text, "ts": ts(message)});
        if message.joins {
            value["subtype"] = json!("channel_join");
            value["text"] = json!(format!("<@{}> has joined the channel", user_id(message.speaker)));
        }
        if message.bot && !message.joins {
            value = json!({"type": "message", "subtype": "bot_message", "username": "ci-bot", "bot_id": "B1", "text": message.text, "ts": ts(message)});
        }
        if let Some(parent) = message.answers.filter(|_| is_reply(message)) {
            value["thread_ts"] = json!(ts(&messages[parent]));
        }
        if message.reacted {
            value["reactions"] = json!([{"name": "+1", "users": ["U0", "U1"], "count": 2}]);
        }
        if let Some(name) = &message.attachment {
            value["files"] = json!([{"id": "F1", "name": name, "title": name}]);
        }
        if message.edited {
            value["edited"] = json!({"user": user_id(message.speaker), "ts": ts(message)});
        }
        match days.last_mut() {
            Some((last, day_messages)) if *last == path => day_messages.push(value),
            _ => days.push((path, vec![value])),
        }
    }
    let mut files = vec![
        ("users.json".to_owned(), serde_json::to_string_pretty(&users).unwrap()),
        ("channels.json".to_owned(), json!([{"id": "C1", "name": "general", "members": PEOPLE.iter().map(|person| user_id(person)).collect::<Vec<_>>()}]).to_string()),
    ];
    files.extend(days.into_iter().map(|(path, day)| (path, serde_json::to_string_pretty(&day).unwrap())));
    files
}
