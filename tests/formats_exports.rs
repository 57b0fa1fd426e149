//! Table-driven cases for the chat services' exports: DiscordChatExporter JSON, Telegram
//! Desktop JSON, Element JSON, Mattermost bulk JSONL and WhatsApp text; their detection, the
//! replies they state, edits, reactions, attachments, bots, service lines, and that every
//! message is a line. The fixtures are written here after each exporter's documented shape.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use std::rc::Rc;

use cases::{check_cases, check_detection};
use scrollback::model::{Format, LineKind, Log};
use scrollback::parse::{parse, parse_text};
use scrollback::report::describe_line;

const DISCORD: Format = Format::DiscordJson;
const TELEGRAM: Format = Format::TelegramJson;
const ELEMENT: Format = Format::ElementJson;
const MATTERMOST: Format = Format::MattermostJsonl;
const WHATSAPP: Format = Format::WhatsappText;

/// A DiscordChatExporter export as it writes it: pretty-printed, two-space indents.
const DISCORD_EXPORT: &str = r##"{
  "guild": {
    "id": "1",
    "name": "Mirage Club",
    "iconUrl": "https://cdn.discordapp.com/embed/avatars/0.png"
  },
  "channel": {
    "id": "2",
    "type": "GuildTextChat",
    "categoryId": "3",
    "category": "Text Channels",
    "name": "general",
    "topic": null
  },
  "dateRange": {
    "after": null,
    "before": null
  },
  "exportedAt": "2023-03-01T10:00:00.000+00:00",
  "messages": [
    {
      "id": "100",
      "type": "Default",
      "timestamp": "2023-02-28T15:12:00.000+00:00",
      "timestampEdited": null,
      "callEndedTimestamp": null,
      "isPinned": false,
      "content": "Mirage 4 is out \"today\"!",
      "author": {
        "id": "10",
        "name": "avsm",
        "discriminator": "0000",
        "nickname": "Anil",
        "color": "#1F8B4C",
        "isBot": false,
        "roles": [],
        "avatarUrl": "https://cdn.discordapp.com/embed/avatars/1.png"
      },
      "attachments": [],
      "embeds": [],
      "stickers": [],
      "reactions": [
        {
          "emoji": { "id": "", "name": "🎉", "code": "tada", "isAnimated": false, "imageUrl": "x" },
          "count": 3
        },
        {
          "emoji": { "id": "55", "name": "camel", "code": "camel", "isAnimated": false, "imageUrl": "x" },
          "count": 1
        }
      ],
      "mentions": []
    },
    {
      "id": "101",
      "type": "Reply",
      "timestamp": "2023-02-28T15:13:30.000+00:00",
      "timestampEdited": "2023-02-28T15:14:00.000+00:00",
      "isPinned": false,
      "content": "<@10> great, notes attached",
      "author": { "id": "11", "name": "yomimono", "discriminator": "0000", "nickname": null, "isBot": false },
      "attachments": [
        { "id": "9", "url": "https://cdn.discordapp.com/attachments/2/9/notes.pdf", "fileName": "notes.pdf", "fileSizeBytes": 1024 }
      ],
      "embeds": [],
      "stickers": [],
      "reactions": [],
      "mentions": [
        { "id": "10", "name": "avsm", "discriminator": "0000", "nickname": "Anil", "isBot": false }
      ],
      "reference": { "messageId": "100", "channelId": "2", "guildId": "1" }
    },
    {
      "id": "102",
      "type": "GuildMemberJoin",
      "timestamp": "2023-02-28T15:20:00.000+00:00",
      "timestampEdited": null,
      "isPinned": false,
      "content": "",
      "author": { "id": "12", "name": "hannes", "discriminator": "0000", "nickname": null, "isBot": false },
      "attachments": [],
      "embeds": [],
      "stickers": [],
      "reactions": [],
      "mentions": []
    },
    {
      "id": "103",
      "type": "Default",
      "timestamp": "2023-02-28T15:21:00.000+00:00",
      "timestampEdited": null,
      "isPinned": false,
      "content": "CI passed",
      "author": { "id": "13", "name": "ci-bot", "discriminator": "0000", "nickname": null, "isBot": true },
      "attachments": [],
      "embeds": [],
      "stickers": [],
      "reactions": [],
      "mentions": []
    }
  ],
  "messageCount": 4
}
"##;

const TELEGRAM_CHAT: &str = r#"{
 "name": "Mirage Friends",
 "type": "private_supergroup",
 "id": 1001,
 "messages": [
  {
   "id": 1,
   "type": "service",
   "date": "2021-05-01T09:00:00",
   "date_unixtime": "1619859600",
   "actor": "Anil",
   "actor_id": "user10",
   "action": "create_group",
   "title": "Mirage Friends",
   "members": ["Anil", "Mindy"],
   "text": "",
   "text_entities": []
  },
  {
   "id": 2,
   "type": "message",
   "date": "2021-05-01T09:01:00",
   "date_unixtime": "1619859660",
   "from": "Anil",
   "from_id": "user10",
   "text": ["See ", {"type": "link", "text": "https://mirage.io"}, " for the release"],
   "text_entities": [],
   "reactions": [{"type": "emoji", "count": 2, "emoji": "👍"}]
  },
  {
   "id": 3,
   "type": "message",
   "date": "2021-05-01T09:02:00",
   "date_unixtime": "1619859720",
   "edited": "2021-05-01T09:03:00",
   "edited_unixtime": "1619859780",
   "from": "Mindy",
   "from_id": "user11",
   "reply_to_message_id": 2,
   "photo": "photos/photo_1@01-05-2021_09-02-00.jpg",
   "width": 800,
   "height": 600,
   "text": "the slides",
   "text_entities": []
  },
  {
   "id": 4,
   "type": "message",
   "date": "2021-05-01T09:05:00",
   "date_unixtime": "1619859900",
   "from": "Mindy",
   "from_id": "user11",
   "forwarded_from": "OCaml Weekly",
   "file": "voice_messages/audio_1.ogg",
   "media_type": "voice_message",
   "mime_type": "audio/ogg",
   "text": "",
   "text_entities": []
  }
 ]
}
"#;

/// A whole account's export: two chats, whose message ids overlap.
const TELEGRAM_ACCOUNT: &str = r#"{
 "about": "Here is the data you requested.",
 "chats": {
  "about": "This page lists all chats from this export.",
  "list": [
   {
    "name": "Anil",
    "type": "personal_chat",
    "id": 10,
    "messages": [
     {"id": 1, "type": "message", "date": "2021-05-02T10:00:00", "from": "Anil", "from_id": "user10", "text": "hello"},
     {"id": 2, "type": "message", "date": "2021-05-02T10:01:00", "from": "Me", "from_id": "user1", "reply_to_message_id": 1, "text": "hi Anil"}
    ]
   },
   {
    "name": "Mindy",
    "type": "personal_chat",
    "id": 11,
    "messages": [
     {"id": 1, "type": "message", "date": "2021-05-03T11:00:00", "from": "Mindy", "from_id": "user11", "text": "ping"},
     {"id": 2, "type": "message", "date": "2021-05-03T11:02:00", "from": "Me", "from_id": "user1", "reply_to_message_id": 1, "text": "pong"}
    ]
   }
  ]
 }
}
"#;

const ELEMENT_EXPORT: &str = r##"{
  "room_name": "#mirage:matrix.org",
  "room_creator": "Anil",
  "topic": "MirageOS",
  "export_date": "01-06-2023",
  "exported_by": "Hannes",
  "messages": [
    {
      "type": "m.room.member",
      "sender": "@avsm:matrix.org",
      "content": {
        "membership": "join",
        "displayname": "Anil"
      },
      "state_key": "@avsm:matrix.org",
      "origin_server_ts": 1685606400000,
      "event_id": "$a"
    },
    {
      "type": "m.room.message",
      "sender": "@avsm:matrix.org",
      "content": {
        "msgtype": "m.text",
        "body": "Mirage call at 3"
      },
      "origin_server_ts": 1685606460000,
      "event_id": "$b"
    },
    {
      "type": "m.room.message",
      "sender": "@hannes:matrix.org",
      "content": {
        "msgtype": "m.text",
        "body": "> <@avsm:matrix.org> Mirage call at 3\n\nI will be there",
        "m.relates_to": {
          "m.in_reply_to": {
            "event_id": "$b"
          }
        }
      },
      "origin_server_ts": 1685606520000,
      "event_id": "$c"
    }
  ]
}
"##;

const MATTERMOST_EXPORT: &str = r#"{"type":"version","version":1}
{"type":"team","team":{"name":"mirage","display_name":"Mirage","type":"O"}}
{"type":"channel","channel":{"team":"mirage","name":"town-square","display_name":"Town Square","type":"O"}}
{"type":"user","user":{"username":"anil","email":"anil@example.org"}}
{"type":"post","post":{"team":"mirage","channel":"town-square","user":"anil","message":"Release plan?","create_at":1685606400000,"replies":[{"user":"mindy","message":"Friday","create_at":1685606460000},{"user":"hannes","message":"works for me","create_at":1685606520000,"edit_at":1685606530000}],"reactions":[{"user":"mindy","emoji_name":"+1","create_at":1685606470000},{"user":"hannes","emoji_name":"+1","create_at":1685606480000}]}}
{"type":"post","post":{"team":"mirage","channel":"town-square","user":"mindy","message":"here are the notes","create_at":1685606600000,"attachments":[{"path":"data/notes.md"}]}}
{"type":"direct_post","direct_post":{"channel_members":["anil","mindy"],"user":"anil","message":"thanks","create_at":1685606700000}}
"#;

const WHATSAPP_ANDROID: &str = "31/12/2020, 23:58 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.
31/12/2020, 23:59 - Ann Lee: Happy new year: soon!
01/01/2021, 00:00 - Bob: <Media omitted>
01/01/2021, 00:01 - Bob: IMG-20210101-WA0001.jpg (file attached)
a second line of Bob's
01/01/2021, 00:02 - Ann Lee changed the subject from \"2020\" to \"2021: the year\"
13/01/2021, 09:15 - Ann Lee: ok
";

const WHATSAPP_IOS_US: &str = "\u{200e}[12/31/20, 11:59:58 PM] Friends: \u{200e}Messages and calls are end-to-end encrypted.
[12/31/20, 11:59:59 PM] Ann: see you
\u{200e}[1/1/21, 12:00:05\u{202f}AM] Bob: \u{200e}<attached: 00000012-PHOTO-2021-01-01-00-00-05.jpg>
\u{200e}[1/1/21, 12:01:00 AM] Bob: \u{200e}image omitted
[1/13/21, 9:15:00 AM] Ann: later
";

const WHATSAPP_GERMAN: &str = "[27.10.23, 22:42:29] Jörg: Hallo zusammen
[27.10.23, 22:43:02] Jörg: <Medien ausgeschlossen>
";

const WHATSAPP_FINNISH: &str = "[27.10.2023 klo 14.08.18] Matti: Moi
[27.10.2023 klo 14.09.00] Liisa: Hei
";

const CASES: &[(Format, &str, usize, &str)] = &[
    // Discord: the header folded under the title, each message one line with its speaker's
    // server nickname, reactions as counts (custom emoji by name), edits and files marked.
    (DISCORD, DISCORD_EXPORT, 1, "header|-|-|{"),
    (DISCORD, DISCORD_EXPORT, 21, "message|2023-02-28T15:12:00|Anil|Mirage 4 is out \"today\"! [🎉 3, :camel: 1]"),
    (DISCORD, DISCORD_EXPORT, 22, "message|2023-02-28T15:13:30|yomimono|@Anil great, notes attached [file: notes.pdf] (edited)"),
    (DISCORD, DISCORD_EXPORT, 23, "system:join|2023-02-28T15:20:00|hannes|hannes joined the server"),
    (DISCORD, DISCORD_EXPORT, 24, "notice|2023-02-28T15:21:00|ci-bot|CI passed"),
    (DISCORD, DISCORD_EXPORT, 25, "markup|-|-|  ],"),
    // Telegram: text pieces joined, service lines, photos, forwards, voice messages.
    (TELEGRAM, TELEGRAM_CHAT, 6, "system:topic|2021-05-01T09:00:00|Anil|Anil created the group Mirage Friends"),
    (TELEGRAM, TELEGRAM_CHAT, 7, "message|2021-05-01T09:01:00|Anil|See https://mirage.io for the release [👍 2]"),
    (TELEGRAM, TELEGRAM_CHAT, 8, "message|2021-05-01T09:02:00|Mindy|the slides [file: photo photo_1@01-05-2021_09-02-00.jpg] (edited)"),
    (TELEGRAM, TELEGRAM_CHAT, 9, "message|2021-05-01T09:05:00|Mindy|[forwarded from OCaml Weekly] [file: voice message audio_1.ogg]"),
    // Element: Matrix events, display names from membership, the reply's quote dropped.
    (ELEMENT, ELEMENT_EXPORT, 8, "system:join|2023-06-01T08:00:00|-|Anil joined"),
    (ELEMENT, ELEMENT_EXPORT, 9, "message|2023-06-01T08:01:00|Anil|Mirage call at 3"),
    (ELEMENT, ELEMENT_EXPORT, 10, "message|2023-06-01T08:02:00|@hannes:matrix.org|I will be there"),
    // Mattermost: the header records, a post, its replies laid out after it (the rest of the
    // post's record on the last reply's line, not a line of raw JSON of its own), reactions
    // counted.
    (MATTERMOST, MATTERMOST_EXPORT, 1, "header|-|-|{\"type\":\"version\",\"version\":1}"),
    (MATTERMOST, MATTERMOST_EXPORT, 5, "message|2023-06-01T08:00:00|anil|Release plan? [:+1: 2]"),
    (MATTERMOST, MATTERMOST_EXPORT, 6, "message|2023-06-01T08:01:00|mindy|Friday"),
    (MATTERMOST, MATTERMOST_EXPORT, 7, "message|2023-06-01T08:02:00|hannes|works for me (edited)"),
    (MATTERMOST, MATTERMOST_EXPORT, 8, "message|2023-06-01T08:03:20|mindy|here are the notes [file: notes.md]"),
    (MATTERMOST, MATTERMOST_EXPORT, 9, "message|2023-06-01T08:05:00|anil|thanks"),
    // WhatsApp, Android: day first (13/01 decides), system lines, media, continuation lines,
    // a subject change whose words hold `: ` is no speaker.
    (WHATSAPP, WHATSAPP_ANDROID, 1, "system:other|2020-12-31T23:58:00|-|Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."),
    (WHATSAPP, WHATSAPP_ANDROID, 2, "message|2020-12-31T23:59:00|Ann Lee|Happy new year: soon!"),
    (WHATSAPP, WHATSAPP_ANDROID, 3, "message|2021-01-01T00:00:00|Bob|[file: Media omitted]"),
    (WHATSAPP, WHATSAPP_ANDROID, 4, "message|2021-01-01T00:01:00|Bob|[file: IMG-20210101-WA0001.jpg]"),
    (WHATSAPP, WHATSAPP_ANDROID, 5, "continuation|-|-|a second line of Bob's"),
    (WHATSAPP, WHATSAPP_ANDROID, 6, "system:other|2021-01-01T00:02:00|-|Ann Lee changed the subject from \"2020\" to \"2021: the year\""),
    (WHATSAPP, WHATSAPP_ANDROID, 7, "message|2021-01-13T09:15:00|Ann Lee|ok"),
    // iOS, US: month first (1/13 decides), a 12-hour clock with a narrow no-break space,
    // bidi marks, the group's own system line, attachments in both of iOS's shapes.
    (WHATSAPP, WHATSAPP_IOS_US, 1, "system:other|2020-12-31T23:59:58|Friends|Messages and calls are end-to-end encrypted."),
    (WHATSAPP, WHATSAPP_IOS_US, 2, "message|2020-12-31T23:59:59|Ann|see you"),
    (WHATSAPP, WHATSAPP_IOS_US, 3, "message|2021-01-01T00:00:05|Bob|[file: 00000012-PHOTO-2021-01-01-00-00-05.jpg]"),
    (WHATSAPP, WHATSAPP_IOS_US, 4, "message|2021-01-01T00:01:00|Bob|[file: image omitted]"),
    (WHATSAPP, WHATSAPP_IOS_US, 5, "message|2021-01-13T09:15:00|Ann|later"),
    // German and Finnish iOS shapes.
    (WHATSAPP, WHATSAPP_GERMAN, 1, "message|2023-10-27T22:42:29|Jörg|Hallo zusammen"),
    (WHATSAPP, WHATSAPP_GERMAN, 2, "message|2023-10-27T22:43:02|Jörg|[file: Medien ausgeschlossen]"),
    (WHATSAPP, WHATSAPP_FINNISH, 2, "message|2023-10-27T14:09:00|Liisa|Hei"),
];

#[test]
fn export_lines_read_as_expected() {
    check_cases(CASES);
}

#[test]
fn exports_are_detected_from_their_content() {
    check_detection(&[
        (DISCORD_EXPORT, DISCORD),
        (TELEGRAM_CHAT, TELEGRAM),
        (TELEGRAM_ACCOUNT, TELEGRAM),
        (ELEMENT_EXPORT, ELEMENT),
        (MATTERMOST_EXPORT, MATTERMOST),
        (WHATSAPP_ANDROID, WHATSAPP),
        (WHATSAPP_IOS_US, WHATSAPP),
        (WHATSAPP_GERMAN, WHATSAPP),
        (WHATSAPP_FINNISH, WHATSAPP),
    ]);
}

/// The 1-based `(reply, replied-to)` pairs a log states.
fn replies(log: &Log) -> Vec<(u32, u32)> {
    log.explicit_replies.iter().map(|(reply, parent)| (reply + 1, parent + 1)).collect()
}

#[test]
fn replies_come_from_the_export_itself() {
    assert_eq!(replies(&parse(DISCORD_EXPORT.as_bytes(), None)), [(22, 21)]);
    assert_eq!(replies(&parse(TELEGRAM_CHAT.as_bytes(), None)), [(8, 7)]);
    assert_eq!(replies(&parse(ELEMENT_EXPORT.as_bytes(), None)), [(10, 9)]);
    assert_eq!(replies(&parse(MATTERMOST_EXPORT.as_bytes(), None)), [(6, 5), (7, 5)]);
    // Message ids are per chat: each "reply to 1" answers its own chat's first message.
    let account = parse(TELEGRAM_ACCOUNT.as_bytes(), None);
    let said = |needle: &str| account.lines.iter().position(|line| account.body(line) == needle).map(|index| index as u32 + 1).unwrap();
    assert_eq!(replies(&account), [(said("hi Anil"), said("hello")), (said("pong"), said("ping"))]);
}

#[test]
fn every_message_of_an_export_is_one_line_and_the_header_is_titled() {
    let counted = |text: &str, needle: &str| text.matches(needle).count();
    let spoken = |log: &Log| log.lines.iter().filter(|line| line.kind != LineKind::Markup && line.kind != LineKind::Header && line.kind != LineKind::Blank).count();
    let discord = parse(DISCORD_EXPORT.as_bytes(), None);
    assert_eq!(spoken(&discord), counted(DISCORD_EXPORT, "\"timestamp\""));
    assert_eq!(discord.meta.title.as_deref(), Some("#general · Mirage Club"));
    let telegram = parse(TELEGRAM_ACCOUNT.as_bytes(), None);
    assert_eq!(spoken(&telegram), counted(TELEGRAM_ACCOUNT, "\"date\""));
    // An account's chats are its parts, which the agenda lists.
    let agenda = scrollback::agenda::analyse(&telegram);
    let chats: Vec<&str> = agenda.sections.iter().map(|section| section.title.as_str()).collect();
    assert_eq!(chats, ["Anil", "Mindy"]);
    let mattermost = parse(MATTERMOST_EXPORT.as_bytes(), None);
    assert_eq!(spoken(&mattermost), counted(MATTERMOST_EXPORT, "\"message\""));
    assert_eq!(parse(ELEMENT_EXPORT.as_bytes(), None).meta.title.as_deref(), Some("#mirage:matrix.org"));
    // Mattermost's channels, written one after another, are its parts; interleaved, they are not.
    let names = |log: &Log| log.parts.iter().map(|(name, line)| (name.to_string(), line + 1)).collect::<Vec<_>>();
    assert_eq!(names(&mattermost), [("Town Square".to_owned(), 5), ("direct messages: anil, mindy".to_owned(), 9)]);
    let post = |channel: &str, at: u64| format!("{{\"type\":\"post\",\"post\":{{\"channel\":\"{channel}\",\"user\":\"anil\",\"message\":\"hi\",\"create_at\":{at}}}}}\n");
    let interleaved = [post("a", 1), post("b", 2), post("a", 3)].concat();
    let log = parse_text(Rc::from(interleaved), Some(MATTERMOST));
    assert_eq!((log.lines.len(), log.parts.len()), (3, 0));
}

#[test]
fn a_minified_discord_export_reads_as_the_pretty_one() {
    let minified: String = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(DISCORD_EXPORT).unwrap()).unwrap();
    let log = parse(minified.as_bytes(), None);
    assert_eq!(log.format, DISCORD);
    let messages: Vec<String> = log.lines.iter().enumerate().filter(|(_, line)| line.kind.is_spoken()).map(|(index, _)| describe_line(&log, index + 1)).collect();
    let pretty = parse(DISCORD_EXPORT.as_bytes(), None);
    let expected: Vec<String> = pretty.lines.iter().enumerate().filter(|(_, line)| line.kind.is_spoken()).map(|(index, _)| describe_line(&pretty, index + 1)).collect();
    assert_eq!(messages, expected);
    assert_eq!(replies(&log).len(), 1);
    assert!(log.diagnostics.iter().any(|diagnostic| diagnostic.message.contains("one message per line")));
}

#[test]
fn a_broken_export_keeps_every_line() {
    let cut = &DISCORD_EXPORT[..DISCORD_EXPORT.len() / 2];
    let log = parse_text(Rc::from(cut), Some(DISCORD));
    assert_eq!(log.lines.len(), cut.lines().count());
    let log = parse_text(Rc::from("{\"type\":\"post\",\"post\":{\"user\":"), Some(MATTERMOST));
    assert_eq!(log.lines.len(), 1);
    assert_eq!(parse_text(Rc::from("[1/1/21, 99:00:00] Ann: x"), Some(WHATSAPP)).lines[0].kind, LineKind::Raw);
}

/// `scrollback json` of each export: its messages, speakers and the reply links it states.
#[test]
fn scrollback_json_gives_each_exports_messages_speakers_and_replies() {
    let exports = [
        ("discord.json", DISCORD_EXPORT, vec![("yomimono", "Anil")]),
        ("result.json", TELEGRAM_CHAT, vec![("Mindy", "Anil")]),
        ("element.json", ELEMENT_EXPORT, vec![("@hannes:matrix.org", "Anil")]),
        ("export.jsonl", MATTERMOST_EXPORT, vec![("mindy", "anil"), ("hannes", "anil")]),
    ];
    // DiscordChatExporter's HTML page of the generated talk: message 7 answers message 4.
    let page = exports::generated(exports::Export::DiscordHtml, 20);
    let html_reply = (exports::message(6).speaker, exports::message(3).speaker);
    // WhatsApp's text states no replies: its messages and speakers are what it gives.
    let exports = exports.into_iter().chain([("general.html", page.as_str(), vec![html_reply]), ("WhatsApp Chat with Ann.txt", WHATSAPP_ANDROID, vec![])]);
    let directory = std::env::temp_dir().join(format!("scrollback-exports-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    for (name, text, expected) in exports {
        let path = directory.join(name);
        std::fs::write(&path, text).unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_scrollback")).arg("json").arg(&path).output().unwrap();
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let lines = report["lines"].as_array().unwrap();
        let nick_of = |line: u64| lines[line as usize - 1]["nick"].as_str().unwrap_or("-").to_owned();
        let answered: Vec<(String, String)> = lines
            .iter()
            .flat_map(|line| line["reply_to"].as_array().unwrap().iter().map(move |parent| (line, parent.as_u64().unwrap())))
            .filter(|(line, _)| line["nick"].is_string())
            .map(|(line, parent)| (line["nick"].as_str().unwrap().to_owned(), nick_of(parent)))
            .collect();
        let expected: Vec<(String, String)> = expected.iter().map(|(reply, parent)| (reply.to_string(), parent.to_string())).collect();
        for pair in &expected {
            assert!(answered.contains(pair), "{name}: no reply {pair:?} in {answered:?}");
        }
        let spoken = lines.iter().filter(|line| line["kind"] == "message" || line["kind"] == "notice").count();
        assert!(spoken >= 2, "{name}: {spoken} messages");
    }
    std::fs::remove_dir_all(&directory).ok();
}

#[path = "support/exports.rs"]
#[allow(dead_code)]
mod exports;

/// The number in a generated message's text, `(message 12)`, or its file, `notes-12.pdf`, as its 0-based index.
fn generated_index(text: &str) -> Option<usize> {
    let start = text.find("(message ").map(|at| at + "(message ".len()).or_else(|| Some(text.find("notes-")? + "notes-".len()))?;
    let digits: String = text[start..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// Every export of 10,000 generated messages: detected, every message a spoken line of its
/// own, and every reply the export states linked to the message it answers.
#[test]
fn ten_thousand_message_exports_keep_every_message_and_reply() {
    const N: usize = 10_000;
    for export in exports::Export::ALL {
        let bytes = exports::generated_bytes(export, N);
        let log = parse(&scrollback::input::prepare(&bytes).unwrap(), None);
        assert!(log.format.label().contains(export.format_name()), "{export:?} read as {:?}", log.format);
        let said: Vec<usize> = log.lines.iter().filter(|line| line.kind.is_spoken()).filter_map(|line| generated_index(log.body(line))).collect();
        assert_eq!(said.len(), exports::n_spoken(N), "{export:?}: every message a spoken line");
        let mut in_order = said.clone();
        in_order.sort_unstable();
        in_order.dedup();
        assert_eq!(in_order.len(), said.len(), "{export:?}: no message twice");
        let stated = (0..N).filter(|index| exports::message(*index).answers.is_some()).count();
        let mut linked = 0;
        for (reply, parent) in &log.explicit_replies {
            let index = |line: u32| generated_index(log.body(&log.lines[line as usize]));
            let (Some(reply), Some(parent)) = (index(*reply), index(*parent)) else { panic!("{export:?}: a reply or its parent is no generated message") };
            assert_eq!(exports::message(reply).answers, Some(parent), "{export:?}: message {reply} answers {parent}?");
            linked += 1;
        }
        // Mattermost and Slack keep a reply to a reply as a post of its own (their threads are
        // one level deep); WhatsApp's text export does not say what a message answers.
        let at_least = match export {
            exports::Export::Mattermost | exports::Export::Slack => stated * 2 / 3,
            exports::Export::WhatsappAndroid | exports::Export::WhatsappIos => 0,
            _ => stated,
        };
        assert!(linked >= at_least, "{export:?}: {linked} of {stated} replies linked");
        let jumps = log.diagnostics.iter().filter(|diagnostic| diagnostic.kind == scrollback::model::DiagnosticKind::ClockJump).count();
        assert_eq!(jumps, 0, "{export:?}: the clock never goes back: {:?}", log.diagnostics.iter().take(3).collect::<Vec<_>>());
    }
}

#[test]
fn a_slack_export_zip_opens_as_its_channels_with_names_threads_and_markup_read() {
    let laid_out = scrollback::input::prepare(&exports::slack_zip()).unwrap().into_owned();
    let log = parse(&laid_out, None);
    assert_eq!(log.format, Format::SlackExport);
    let expected = [
        (1, "header|-|-|==> channels.json <=="),
        (9, "header|-|-|{\"id\": \"U3\", \"name\": \"hannes\", \"profile\": {\"display_name\": \"hannes\"}}"),
        (10, "markup|-|-|==> D1/2023-06-01.json <=="),
        (11, "message|2023-06-01T08:11:40|avsm|hi"),
        (12, "markup|-|-|==> general/2023-06-01.json <=="),
        (13, "system:join|2023-06-01T08:00:00|hannes|@hannes has joined the channel"),
        (14, "message|2023-06-01T08:01:00|avsm|Release plan for #random? See the site (https://mirage.io) [:+1: 2]"),
        (15, "message|2023-06-01T08:02:00|Mindy Preston|Friday & @avsm agrees (edited)"),
        (17, "notice|2023-06-02T08:00:00|CI|Build passed"),
        (18, "message|2023-06-02T08:01:00|hannes|[file: notes.md]"),
        (20, "message|2023-06-01T08:10:00|hannes|@here coffee? 1 < 2 <3"),
    ];
    for (line, description) in expected {
        assert_eq!(describe_line(&log, line), description, "line {line}");
    }
    // A thread's replies answer its first message, across days.
    assert_eq!(replies(&log), [(15, 14), (18, 14)]);
    // Each conversation is a part, and the agenda lists them: the export's channel list.
    let parts: Vec<(u32, &str)> = log.parts.iter().map(|(name, line)| (line + 1, &**name)).collect();
    assert_eq!(parts, [(10, "direct messages: avsm, Mindy Preston"), (12, "#general"), (19, "#random")]);
    let agenda = scrollback::agenda::analyse(&log);
    let titles: Vec<&str> = agenda.sections.iter().map(|section| section.title.as_str()).collect();
    assert_eq!(titles, ["direct messages: avsm, Mindy Preston", "#general", "#random"]);
    assert_eq!(agenda.sections[1].n_messages, 4, "#general's messages, its bot's notice included");
    assert_eq!(log.meta.title.as_deref(), Some("Slack export: 3 conversations"));
    // Each conversation has its own clock and its own threads: #random starting earlier than
    // #general ended is no clock jump, and no guessed reply crosses from one to another.
    assert!(log.diagnostics.iter().all(|diagnostic| diagnostic.kind != scrollback::model::DiagnosticKind::ClockJump), "{:?}", log.diagnostics);
    let threads = scrollback::thread::analyse(&log);
    let part = |line: usize| log.parts.partition_point(|(_, start)| *start as usize <= line);
    for line in 0..log.lines.len() {
        for parent in threads.reply_to(line) {
            assert_eq!(part(parent), part(line), "line {} answers line {} in another conversation", line + 1, parent + 1);
        }
    }
}

#[test]
fn zips_open_what_they_hold_or_say_what_they_are() {
    // WhatsApp's "Export chat" with media: the chat, whatever else is beside it.
    let chat = exports::zipped(&[("_chat.txt", WHATSAPP_IOS_US.as_bytes()), ("00000012-PHOTO-2021-01-01-00-00-05.jpg", b"\xFF\xD8\xFF\xE0 a jpeg")]);
    let log = parse(&scrollback::input::prepare(&chat).unwrap(), None);
    assert_eq!(log.format, WHATSAPP);
    assert_eq!(describe_line(&log, 2), "message|2020-12-31T23:59:59|Ann|see you");
    // An office document is a zip of XML, not an export; a broken zip says so.
    let document = exports::zipped(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
    assert_eq!(scrollback::input::prepare(&document).unwrap_err().to_string(), "This looks like an office document, not a chat log");
    let broken = &exports::slack_zip()[..200];
    assert!(scrollback::input::prepare(broken).unwrap_err().to_string().starts_with("This zip archive does not unpack"));
    // A file whose CRC-32 no longer matches it (in its local header and the central directory)
    // still shows what it holds: one damaged byte does not refuse the whole archive.
    let mut damaged = exports::zipped(&[("a.txt", b"[10:00] <ann> hi\n"), ("b.txt", b"[10:01] <bob> ho\n")]);
    let central = damaged.windows(4).position(|signature| signature == b"PK\x01\x02").unwrap();
    for crc in [14, central + 16] {
        damaged[crc] ^= 0xFF;
    }
    let laid_out = String::from_utf8(scrollback::input::prepare(&damaged).unwrap().into_owned()).unwrap();
    assert_eq!(laid_out, "==> a.txt <==\n[10:00] <ann> hi\n==> b.txt <==\n[10:01] <bob> ho\n");
    // Files that are not text keep a line that names them.
    let mixed = exports::zipped(&[("a.txt", b"[10:00] <ann> hi\n"), ("b.txt", b"[10:01] <bob> ho\n"), ("c.png", b"\x89PNG\r\n\x1a\n....")]);
    let laid_out = String::from_utf8(scrollback::input::prepare(&mixed).unwrap().into_owned()).unwrap();
    assert_eq!(laid_out, "==> a.txt <==\n[10:00] <ann> hi\n==> b.txt <==\n[10:01] <bob> ho\n==> c.png <== (12 bytes, not text)\n");
}

/// `scrollback json` of an unpacked Slack export's folder reads it as its zip.
#[test]
fn scrollback_json_reads_an_unpacked_slack_export_folder() {
    let directory = std::env::temp_dir().join(format!("scrollback-slack-{}", std::process::id()));
    for (path, text) in exports::SLACK_FILES {
        let path = directory.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_scrollback")).arg("json").arg(&directory).output().unwrap();
    std::fs::remove_dir_all(&directory).ok();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["format"], "slack-export");
    let line = |number: usize| &report["lines"][number - 1];
    assert_eq!(line(15)["nick"], "Mindy Preston");
    assert_eq!(line(15)["reply_to"], serde_json::json!([14]));
    let titles: Vec<&str> = report["sections"].as_array().unwrap().iter().map(|section| section["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["direct messages: avsm, Mindy Preston", "#general", "#random"]);
}

/// A message's text and speaker are spans of its line where the export holds them as written
/// (no escape, nothing added after them); only the rest is kept as shown text, where each
/// speaker's name is written once however often they speak.
#[test]
fn what_a_line_holds_as_written_is_a_span_of_it_and_names_are_kept_once() {
    let log = parse(DISCORD_EXPORT.as_bytes(), None);
    let bot_line = &log.lines[23];
    assert_eq!((bot_line.shown, log.slice(bot_line.body), log.nick(bot_line)), (None, "CI passed", Some("ci-bot")), "{}", log.source(bot_line));
    let escaped = &log.lines[20];
    assert!(escaped.shown.is_some() && log.body(escaped).contains("\"today\""), "an escaped quote is shown decoded");

    // Slack's names come from users.json, so every message's speaker is shown text.
    let slack = parse(&scrollback::input::prepare(&exports::generated_bytes(exports::Export::Slack, 1_000)).unwrap(), None);
    let nick_spans: std::collections::HashSet<(u32, u32)> = slack.shown.entries().iter().filter_map(|entry| entry.nick).map(|span| (span.start, span.end)).collect();
    let names: std::collections::HashSet<&str> = (0..slack.shown.len()).filter_map(|index| slack.shown.nick(index)).collect();
    let n_with_name = slack.shown.entries().iter().filter(|entry| entry.nick.is_some()).count();
    assert!(n_with_name > 900 && names.len() < 50, "{n_with_name} lines, {} names", names.len());
    assert_eq!(nick_spans.len(), names.len(), "one span of the shown text per name");
}

/// Reading an export does not copy a message the line holds as written (a JSON string without an
/// escape, WhatsApp's text after the name): its text is a span of its line, in every format.
#[test]
fn every_export_keeps_a_message_it_holds_as_written_as_a_span_of_its_line() {
    // An HTML page's text is read out of its markup: it is shown text, never a span.
    for export in exports::Export::ALL.into_iter().filter(|export| *export != exports::Export::DiscordHtml) {
        let log = parse(&scrollback::input::prepare(&exports::generated_bytes(export, 1_000)).unwrap(), None);
        let is_json = !matches!(export, exports::Export::WhatsappAndroid | exports::Export::WhatsappIos);
        let mut n_as_written = 0;
        for line in log.lines.iter().filter(|line| line.kind.is_spoken()) {
            let (source, body) = (log.source(line), log.body(line));
            let as_written = !body.is_empty() && if is_json { source.contains(&format!("\"{body}\"")) } else { source.ends_with(body) };
            if as_written {
                n_as_written += 1;
                assert_eq!(log.slice(line.body), body, "{export:?}: {source}");
            }
        }
        assert!(n_as_written > 500, "{export:?}: only {n_as_written} of 1,000 messages held as written");
    }
}

/// A pretty-printed export's messages are found by their lines, a minified one's by reading its
/// JSON: both read the same.
#[test]
fn a_minified_export_reads_as_its_pretty_printed_self() {
    for (pretty, format) in [(DISCORD_EXPORT, DISCORD), (TELEGRAM_CHAT, TELEGRAM), (ELEMENT_EXPORT, ELEMENT)] {
        let minified = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(pretty).unwrap()).unwrap();
        let read = |text: &str| {
            let log = parse(text.as_bytes(), None);
            assert_eq!(log.format, format);
            let said: Vec<(Option<String>, String)> = log.lines.iter().filter(|line| line.kind.is_spoken()).map(|line| (log.nick(line).map(str::to_owned), log.body(line).to_owned())).collect();
            let replies: Vec<(String, String)> = log.explicit_replies.iter().map(|(reply, parent)| (log.body(&log.lines[*reply as usize]).to_owned(), log.body(&log.lines[*parent as usize]).to_owned())).collect();
            (said, replies, log.meta.title.clone())
        };
        let (said, replies, title) = read(pretty);
        assert!(said.len() >= 2 && !replies.is_empty(), "{format:?}");
        assert_eq!(read(&minified), (said, replies, title), "{format:?}");
    }
}
