//! DiscordChatExporter's HTML page, its default export: detected by its message containers,
//! laid out one message per line however minified, each message read with its group's author,
//! its time from the timestamp's title, the reply it states, emoji, mentions, files, reactions,
//! edits, bots and system notifications. The fixture is written here after the exporter's
//! message template (`MessageGroupTemplate.cshtml`), minified as it writes it.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use cases::{check_cases, check_detection};
use scrollback::model::{Format, LineKind};
use scrollback::parse::parse;

const DISCORD_HTML: Format = Format::DiscordHtml;

/// The page's head on lines of its own, then every message group on one minified line, and the
/// postamble. The second message of Anil's group has no author or full timestamp of its own,
/// and its text a line break; yomimono's reply quotes the message it answers.
const PAGE: &str = concat!(
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Mirage Club - general</title>\n<meta charset=\"utf-8\">\n",
    "<style>\n.chatlog__message-group { display: grid; }\n</style>\n</head>\n<body>\n",
    "<div class=\"preamble\"><div class=\"preamble__entries-container\"><div class=\"preamble__entry\">Mirage Club</div><div class=\"preamble__entry\">Text / general</div></div></div>\n",
    "<div class=\"chatlog\">",
    // Anil's group: two messages.
    "<div class=\"chatlog__message-group\">",
    "<div id=\"chatlog__message-container-101\" class=\"chatlog__message-container\" data-message-id=\"101\"><div class=\"chatlog__message\"><div class=\"chatlog__message-aside\"><img class=\"chatlog__avatar\" src=\"https://cdn.discordapp.com/avatars/1/a.png\" alt=\"Avatar\" loading=\"lazy\"></div><div class=\"chatlog__message-primary\"><div class=\"chatlog__header\"><span class=\"chatlog__author\" style=\"color: rgb(52, 152, 219)\" title=\"anil\" data-user-id=\"1\">Anil</span> <span class=\"chatlog__timestamp\" title=\"Tuesday, February 28, 2023 3:12 PM\"><a href=\"#chatlog__message-container-101\">2/28/2023 3:12 PM</a></span></div>",
    "<div class=\"chatlog__content chatlog__markdown\"><span class=\"chatlog__markdown-preserve\"><!--wmm:ignore-->Mirage 4 is out &quot;today&quot;! <img loading=\"lazy\" class=\"chatlog__emoji \" alt=\"🎉\" title=\"tada\" src=\"https://cdn.jsdelivr.net/x.svg\"><!--/wmm:ignore--></span></div>",
    "<div class=\"chatlog__reactions\"><div class=\"chatlog__reaction\" title=\"tada\"><img class=\"chatlog__emoji chatlog__emoji--small\" alt=\"🎉\" src=\"x\" loading=\"lazy\"><span class=\"chatlog__reaction-count\">3</span></div><div class=\"chatlog__reaction\" title=\"camel\"><img class=\"chatlog__emoji chatlog__emoji--small\" alt=\"camel\" src=\"x\" loading=\"lazy\"><span class=\"chatlog__reaction-count\">1</span></div></div>",
    "</div></div></div>",
    "<div id=\"chatlog__message-container-102\" class=\"chatlog__message-container\" data-message-id=\"102\"><div class=\"chatlog__message\"><div class=\"chatlog__message-aside\"><div class=\"chatlog__short-timestamp\" title=\"Tuesday, February 28, 2023 3:13 PM\">3:13 PM</div></div><div class=\"chatlog__message-primary\"><div class=\"chatlog__content chatlog__markdown\"><span class=\"chatlog__markdown-preserve\"><!--wmm:ignore-->the notes are in <strong>the wiki</strong>\nsee <a href=\"https://mirage.io/wiki\">https://mirage.io/wiki</a><!--/wmm:ignore--></span><span class=\"chatlog__edited-timestamp\" title=\"Tuesday, February 28, 2023 3:14 PM\">(edited)</span></div></div></div></div>",
    "</div>",
    // yomimono's reply, with a mention, a file, a picture, a video and a sticker.
    "<div class=\"chatlog__message-group\"><div id=\"chatlog__message-container-103\" class=\"chatlog__message-container\" data-message-id=\"103\"><div class=\"chatlog__message\"><div class=\"chatlog__message-aside\"><div class=\"chatlog__reply-symbol\"></div><img class=\"chatlog__avatar\" src=\"x\" alt=\"Avatar\" loading=\"lazy\"></div><div class=\"chatlog__message-primary\">",
    "<div class=\"chatlog__reply\"><img class=\"chatlog__reply-avatar\" src=\"x\" alt=\"Avatar\" loading=\"lazy\"><div class=\"chatlog__reply-author\" title=\"anil\">Anil</div><div class=\"chatlog__reply-content\"><span class=\"chatlog__reply-link\" onclick=\"scrollToMessage(event, '101')\"><!--wmm:ignore-->Mirage 4 is out &quot;today&quot;!<!--/wmm:ignore--></span></div></div>",
    "<div class=\"chatlog__header\"><span class=\"chatlog__author\" title=\"yomimono\" data-user-id=\"2\">yomimono</span> <span class=\"chatlog__timestamp\" title=\"Tuesday, February 28, 2023 3:15 PM\"><a href=\"#chatlog__message-container-103\">2/28/2023 3:15 PM</a></span></div>",
    "<div class=\"chatlog__content chatlog__markdown\"><span class=\"chatlog__markdown-preserve\"><!--wmm:ignore--><span class=\"chatlog__markdown-mention\" title=\"anil\">@Anil</span> great &amp; thanks<!--/wmm:ignore--></span></div>",
    "<div class=\"chatlog__attachment\"><div class=\"chatlog__attachment-generic\"><svg class=\"chatlog__attachment-generic-icon\"><use href=\"#attachment-icon\"/></svg><div class=\"chatlog__attachment-generic-name\"><a href=\"https://cdn.discordapp.com/attachments/1/2/notes.pdf\">notes.pdf</a></div><div class=\"chatlog__attachment-generic-size\">12.5 KB</div></div></div>",
    "<div class=\"chatlog__attachment\"><a href=\"https://cdn.discordapp.com/attachments/1/3/plan.png\"><img class=\"chatlog__attachment-media\" src=\"https://cdn.discordapp.com/attachments/1/3/plan.png\" alt=\"Image attachment\" title=\"Image: plan.png (40 KB)\" loading=\"lazy\"></a></div>",
    "<div class=\"chatlog__attachment\"><video class=\"chatlog__attachment-media\" controls><source src=\"https://cdn.discordapp.com/attachments/1/4/talk.mp4\" alt=\"Video attachment\" title=\"Video: talk.mp4 (2 MB)\"></video></div>",
    "<div class=\"chatlog__sticker\" title=\"wave\"><img class=\"chatlog__sticker--media\" src=\"x\" alt=\"Sticker\"></div>",
    "</div></div></div></div>",
    // A system notification, then a bot.
    "<div class=\"chatlog__message-group\"><div id=\"chatlog__message-container-104\" class=\"chatlog__message-container\" data-message-id=\"104\"><div class=\"chatlog__message\"><div class=\"chatlog__message-aside\"><svg class=\"chatlog__system-notification-icon\"><use href=\"#join-icon\"></use></svg></div><div class=\"chatlog__message-primary\"><span class=\"chatlog__system-notification-author\" title=\"hannes\" data-user-id=\"3\">hannes</span> <span> </span><span class=\"chatlog__system-notification-content\"><span>joined the server.</span></span><span class=\"chatlog__system-notification-timestamp\" title=\"Tuesday, February 28, 2023 3:20 PM\"><a href=\"#chatlog__message-container-104\">2/28/2023 3:20 PM</a></span></div></div></div></div>",
    "<div class=\"chatlog__message-group\"><div id=\"chatlog__message-container-105\" class=\"chatlog__message-container\" data-message-id=\"105\"><div class=\"chatlog__message\"><div class=\"chatlog__message-aside\"><img class=\"chatlog__avatar\" src=\"x\" alt=\"Avatar\" loading=\"lazy\"></div><div class=\"chatlog__message-primary\"><div class=\"chatlog__header\"><span class=\"chatlog__author\" title=\"ci-bot#0000\" data-user-id=\"4\">ci-bot</span> <span class=\"chatlog__author-tag\">BOT</span> <span class=\"chatlog__timestamp\" title=\"Tuesday, February 28, 2023 3:21 PM\"><a href=\"#chatlog__message-container-105\">2/28/2023 3:21 PM</a></span></div><div class=\"chatlog__content chatlog__markdown\"><span class=\"chatlog__markdown-preserve\"><!--wmm:ignore-->CI passed<!--/wmm:ignore--></span></div></div></div></div></div>",
    "</div>\n",
    "<div class=\"postamble\"><div class=\"postamble__entry\">Exported 5 message(s)</div></div>\n</body>\n</html>\n",
);

const CASES: &[(Format, &str, usize, &str)] = &[
    // The head and the page's structure before the first message are its folded header.
    (DISCORD_HTML, PAGE, 4, "header|-|-|<title>Mirage Club - general</title>"),
    (DISCORD_HTML, PAGE, 12, "header|-|-|<div class=\"chatlog\"><div class=\"chatlog__message-group\">"),
    (DISCORD_HTML, PAGE, 13, "message|2023-02-28T15:12:00|Anil|Mirage 4 is out \"today\"! 🎉 [🎉 3, camel 1]"),
    // The group's second message: its author from the group, its time from its short stamp.
    (DISCORD_HTML, PAGE, 14, "message|2023-02-28T15:13:00|Anil|the notes are in the wiki\nsee https://mirage.io/wiki (edited)"),
    (DISCORD_HTML, PAGE, 15, "message|2023-02-28T15:15:00|yomimono|@Anil great & thanks [file: notes.pdf] [file: plan.png] [file: talk.mp4] [file: sticker wave]"),
    (DISCORD_HTML, PAGE, 16, "system:join|2023-02-28T15:20:00|hannes|hannes joined the server."),
    (DISCORD_HTML, PAGE, 17, "notice|2023-02-28T15:21:00|ci-bot|CI passed"),
    (DISCORD_HTML, PAGE, 18, "markup|-|-|<div class=\"postamble\"><div class=\"postamble__entry\">Exported 5 message(s)</div></div>"),
];

#[test]
fn a_minified_page_reads_one_message_per_line() {
    check_cases(CASES);
}

#[test]
fn the_page_is_detected_and_titled_and_its_reply_linked() {
    check_detection(&[(PAGE, DISCORD_HTML)]);
    let log = parse(PAGE.as_bytes(), None);
    assert_eq!(log.meta.title.as_deref(), Some("#general · Mirage Club"));
    let replies: Vec<(u32, u32)> = log.explicit_replies.iter().map(|(reply, parent)| (reply + 1, parent + 1)).collect();
    assert_eq!(replies, [(15, 13)]);
    let said = log.lines.iter().filter(|line| line.kind.is_spoken() || matches!(line.kind, LineKind::System(_))).count();
    assert_eq!(said, PAGE.matches(" data-message-id=").count(), "every message a line");
}

#[test]
fn timestamps_read_in_the_cultures_that_write_month_names_or_numbers() {
    let stamped = |title: &str| {
        let page = PAGE.replace("Tuesday, February 28, 2023 3:12 PM", title);
        let log = parse(page.as_bytes(), None);
        scrollback::report::describe_line(&log, 13).split('|').nth(1).unwrap().to_owned()
    };
    assert_eq!(stamped("Tuesday, 28 February 2023 15:12"), "2023-02-28T15:12:00");
    assert_eq!(stamped("Dienstag, 28. Februar 2023 15:12"), "2023-02-28T15:12:00");
    assert_eq!(stamped("28.02.2023 15:12"), "2023-02-28T15:12:00");
    assert_eq!(stamped("2023-02-28 15:12:30"), "2023-02-28T15:12:30");
    // A month name in another language gives no time; the message is still read.
    assert_eq!(stamped("mardi 28 février 2023 15:12"), "-");
}
