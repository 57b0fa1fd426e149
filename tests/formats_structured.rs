//! Table-driven cases for the structured exports: MeetBot and LogBot HTML, WHATWG-style log
//! pages, Pidgin HTML, Adium XML, Matrix NDJSON, TopAnswers JSON and BotBot dumps; their
//! detection, explicit replies, line aliases, newest-first order, that markup stays text, and
//! a minified TopAnswers export laid out.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;
#[path = "support/shared.rs"]
#[allow(dead_code)]
mod shared;

use std::rc::Rc;

use cases::{check_cases, check_detection};
use scrollback::listing::{Entry, Listing, Rules};
use scrollback::model::{Format, LineKind};
use scrollback::parse::parse_text;
use scrollback::permalink::{Anchor, Link};

const MEETBOT: Format = Format::MeetbotHtml;
const LOGBOT: Format = Format::LogbotHtml;
const PAGES: Format = Format::IrcLogsHtml;
const PIDGIN: Format = Format::PidginHtml;
const ADIUM: Format = Format::AdiumXml;
const MATRIX: Format = Format::MatrixNdjson;
const TOPANSWERS: Format = Format::TopanswersJson;
const BOTBOT: Format = Format::BotbotRepr;

const MEETBOT_LOG: &str = r#"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>#fedora-meeting log</title></head>
<body>
<pre><a name="l-1"></a><span class="tm">13:32:00</span><span class="nk"> &lt;jmrodri&gt;</span> <span class="cmd">#startmeeting </span><span class="cmdline">community meeting</span>
<a name="l-2"></a><span class="tm">13:32:05</span><span class="nk"> &lt;fabianvf&gt;</span> <span class="hi">dymurray:</span> use 2.4 &amp; later
<a name="l-3"></a><span class="tm">13:50:42 </span><span class="nka">* jmrodri</span> <span class="ac">waves</span>
<a name="l-4"></a><span class="tm">14:22:29</span><span class="nk"> &lt;jmrodri&gt;</span> <span class="cmd">#endmeeting</span><span class="cmdline"></span></pre>
</body></html>
"#;

const LOGBOT_LOG: &str = r#"<span class="irc-date">[6:33]</span> <span class="irc-brown">-wolfe.freenode.net- *** Looking up your hostname...</span><br />
<span class="irc-date">[6:33]</span> <span class="irc-green">* DuraLogBot (~PircBot@ec2.example.com) has joined #duraspace</span><br />
<span class="irc-date">[13:52]</span> <span class="irc-black">&lt;hpottinger&gt; see &lt;b&gt; &amp; http://example.org/</span><br />
<span class="irc-date">[13:53]</span> <span class="irc-brick">* hpottinger is a stickler for that rule</span><br />
<span class="irc-date">[21:25]</span> <span class="irc-green">* tdonohue (~t@example.net) has left #duraspace</span><br />
"#;

const PAGE_LOG: &str = r##"<!DOCTYPE html>
<title>IRC logs: freenode / #whatwg / 20120515</title>
<ol id="lines">
 <li id="l-1"><a href="#l-1">#</a> Session Start: Tue May 15 00:00:00 2012</li>
 <li id="l-5" _a="Velmont"><a href="#l-5">#</a> [00:09] &lt;Velmont&gt; So. Are we &quot;using&quot; that?</li>
 <li id="l-9" _a="zcorpan" _r="Velmont"><a href="#l-9">#</a> [00:12] &lt;zcorpan&gt; Velmont: <a href="https://twitter.com/z/1">https://twitter.com/z/1</a></li>
 <li id="l-10" _a="eeejay"><a href="#l-10">#</a> [00:13] * eeejay is now known as eeejay_afk</li>
 <li id="l-11"><a href="#l-11">#</a> [00:22] * Joins: silvia (Adium@example.net)</li>
 <li id="l-12" _a="Hixie"><a href="#l-12">#</a> [00:23] &lt;Hixie&gt; a paste
  over two lines &amp; more</li>
</ol>
<p id="end">The end :)
"##;

const PIDGIN_LOG: &str = r##"<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"><title>Conversation with dest@example.com at Fri 09 Dec 2011 01:13:43 PST</title></head><body><h3>Conversation with dest@example.com</h3>
<font color="#16569E"><font size="2">(01:13:43)</font> <b>Source:</b></font> regular message<br/>
<font color="#16569E"><font size="2">(04:00:50 PM)</font> <b>Source:</b></font> afternoon<br/>
<font color="#16569E"><font size="2">(01:24:18)</font> <b>Source:</b></font> <div><span style="color: #000000;">multiline<br/>char&gt;message</span></div><br/>
<font color="#A82F2F"><font size="2">(2011-12-09 01:24:03)</font> <b>Dest:</b></font> delayed<br/>
<font size="2">(18:08:24)</font><b> Dest has gone away.</b><br/>
<font color="#A82F2F"><font size="2">(01:16:05)</font> <b>Dest &lt;AUTO-REPLY&gt;:</b></font> this is an autoreply<br/>
</body></html>
"##;

const ADIUM_LOG: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<chat xmlns="http://purl.org/net/ulf/ns/0.4-02" account="source@example.com" service="GTalk">
<message alias="Source" sender="source@example.com" time="2011-12-09T01:13:43-08:00"><div><span style="color: #000000;">regular message</span></div></message>
<message alias="Dest" sender="dest@example.com" time="2011-12-09T01:24:11-08:00"><div><span>char&gt;message÷ &amp; <a href="https://example.org/a">a link</a></span></div></message>
<status type="away" sender="dest@example.com" time="2011-12-09T18:08:24-08:00" alias="Dest"></status>
<message alias="Broken" time="2011-12-09T18:10:00-08:00"><div>closed
on the next line &amp; <b>bold</b></div></message>
<message alias="Dest" sender="dest@example.com" time="2011-12-09T18:11:00-08:00"><div>after</div></message>
</chat>
"#;

const MATRIX_DUMP: &str = r#"{"@dzaima:matrix.org":"dzaima","@ml:matrix.org":"Marshall"}
{"state_key":"","origin_server_ts":1643377074452,"event_id":"$create","sender":"@dzaima:matrix.org","type":"m.room.create","content":{"room_version":"6"}}
{"state_key":"@ml:matrix.org","origin_server_ts":1643377074597,"event_id":"$join","sender":"@ml:matrix.org","type":"m.room.member","content":{"displayname":"Marshall","membership":"join"}}
{"origin_server_ts":1643377279000,"event_id":"$first","sender":"@dzaima:matrix.org","type":"m.room.message","content":{"msgtype":"m.text","body":"caf\u00e9 \"quoted\" <script>alert(1)</script>"}}
{"origin_server_ts":1643377300000,"event_id":"$reply","sender":"@ml:matrix.org","type":"m.room.message","content":{"msgtype":"m.text","body":"> <@dzaima:matrix.org> café\n\nagreed","m.relates_to":{"m.in_reply_to":{"event_id":"$first"}}}}
{"origin_server_ts":1643377310000,"event_id":"$emote","sender":"@ml:matrix.org","type":"m.room.message","content":{"msgtype":"m.emote","body":"waves"}}
{"origin_server_ts":1643377320000,"event_id":"$topic","sender":"@dzaima:matrix.org","type":"m.room.topic","content":{"topic":"Nial"}}
not json at all {
s7197705762_757284980_50393932
"#;

const TOPANSWERS_EXPORT: &str = r#"[
  {
    "id": 3,
    "username": "Marshall Lochbaum",
    "userID": 1715,
    "date": "2021-03-03T12:20:24Z",
    "html": "<p class=\"source-line\">Yes, <code>def</code> &amp; that\u2019s <script>alert(1)</script></p>\n",
    "replyID": 2,
    "replyName": "dzaima"
  },
  {
    "id": 2,
    "username": "dzaima",
    "userID": 1178,
    "date": "2021-03-03T10:01:47Z",
    "html": "<p>see <a href=\"https://example.org/x\">this</a></p>",
    "replyID": 1,
    "replyName": "Marshall Lochbaum"
  },
  {
    "id": 1,
    "username": "Marshall Lochbaum",
    "userID": 1715,
    "date": "2021-03-03T01:44:06Z",
    "html": "<p>Still working</p>"
  }
]
"#;

const BOTBOT_DUMP: &str = r"b'2016-06-17T22:41:17 <Bosmon> We don\'t have it, caf\xc3\xa9
2016-06-17T22:45:24 * colinclark waves
2016-06-17T22:46:00 * wannabeCitizen has quit
'

b'2016-06-17T21:00:00 * kasparnet joined the channel
2016-06-17T21:01:00 <gloob> earlier
'
";

const CASES: &[(Format, &str, usize, &str)] = &[
    // MeetBot: the head and closing tags are markup; each anchored line is a message or action.
    (MEETBOT, MEETBOT_LOG, 1, r#"markup|-|-|<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">"#),
    (MEETBOT, MEETBOT_LOG, 4, "message|13:32:00|jmrodri|#startmeeting community meeting"),
    (MEETBOT, MEETBOT_LOG, 5, "message|13:32:05|fabianvf|dymurray: use 2.4 & later"),
    (MEETBOT, MEETBOT_LOG, 6, "action|13:50:42|jmrodri|waves"),
    (MEETBOT, MEETBOT_LOG, 7, "message|14:22:29|jmrodri|#endmeeting"),
    (MEETBOT, MEETBOT_LOG, 8, "markup|-|-|</body></html>"),
    // LogBot: colours tell events from messages; entities are decoded.
    (LOGBOT, LOGBOT_LOG, 1, "notice|06:33:00|wolfe.freenode.net|*** Looking up your hostname..."),
    (LOGBOT, LOGBOT_LOG, 2, "system:join|06:33:00|DuraLogBot|(~PircBot@ec2.example.com) has joined #duraspace"),
    (LOGBOT, LOGBOT_LOG, 3, "message|13:52:00|hpottinger|see <b> & http://example.org/"),
    (LOGBOT, LOGBOT_LOG, 4, "action|13:53:00|hpottinger|is a stickler for that rule"),
    (LOGBOT, LOGBOT_LOG, 5, "system:part|21:25:00|tdonohue|(~t@example.net) has left #duraspace"),
    // WHATWG-style pages: each item a mIRC line; the page around it is markup.
    (PAGES, PAGE_LOG, 3, r#"markup|-|-|<ol id="lines">"#),
    (PAGES, PAGE_LOG, 4, "header|-|-|Session Start: Tue May 15 00:00:00 2012"),
    (PAGES, PAGE_LOG, 5, r#"message|2012-05-15T00:09:00|Velmont|So. Are we "using" that?"#),
    (PAGES, PAGE_LOG, 6, "message|2012-05-15T00:12:00|zcorpan|Velmont: https://twitter.com/z/1"),
    (PAGES, PAGE_LOG, 7, "system:nick|2012-05-15T00:13:00|eeejay|eeejay is now known as eeejay_afk"),
    (PAGES, PAGE_LOG, 8, "system:join|2012-05-15T00:22:00|silvia|Joins: silvia (Adium@example.net)"),
    (PAGES, PAGE_LOG, 9, "message|2012-05-15T00:23:00|Hixie|a paste"),
    (PAGES, PAGE_LOG, 10, "continuation|-|-|over two lines & more"),
    (PAGES, PAGE_LOG, 11, "markup|-|-|</ol>"),
    // Pidgin HTML: bold `nick:` speaks, bold text without a colon is a status.
    (PIDGIN, PIDGIN_LOG, 2, "message|01:13:43|Source|regular message"),
    (PIDGIN, PIDGIN_LOG, 3, "message|16:00:50|Source|afternoon"),
    (PIDGIN, PIDGIN_LOG, 4, "message|01:24:18|Source|multiline\nchar>message"),
    (PIDGIN, PIDGIN_LOG, 5, "message|2011-12-09T01:24:03|Dest|delayed"),
    (PIDGIN, PIDGIN_LOG, 6, "system:other|18:08:24|-|Dest has gone away."),
    (PIDGIN, PIDGIN_LOG, 7, "notice|01:16:05|Dest|this is an autoreply"),
    (PIDGIN, PIDGIN_LOG, 8, "markup|-|-|</body></html>"),
    // Adium XML: attributes and XHTML bodies decoded; a broken element is still one line.
    (ADIUM, ADIUM_LOG, 1, r#"markup|-|-|<?xml version="1.0" encoding="UTF-8" ?>"#),
    (ADIUM, ADIUM_LOG, 3, "message|2011-12-09T01:13:43|Source|regular message"),
    (ADIUM, ADIUM_LOG, 4, "message|2011-12-09T01:24:11|Dest|char>message÷ & a link <https://example.org/a>"),
    (ADIUM, ADIUM_LOG, 5, "system:other|2011-12-09T18:08:24|-|Dest: away"),
    (ADIUM, ADIUM_LOG, 6, "message|2011-12-09T18:10:00|Broken|closed"),
    (ADIUM, ADIUM_LOG, 7, "continuation|-|-|on the next line & bold"),
    (ADIUM, ADIUM_LOG, 8, "message|2011-12-09T18:11:00|Dest|after"),
    (ADIUM, ADIUM_LOG, 9, "markup|-|-|</chat>"),
    // Matrix: names from the first line, JSON escapes decoded, reply quotes dropped.
    (
        MATRIX,
        MATRIX_DUMP,
        2,
        r#"markup|2022-01-28T13:37:54|-|{"state_key":"","origin_server_ts":1643377074452,"event_id":"$create","sender":"@dzaima:matrix.org","type":"m.room.create","content":{"room_version":"6"}}"#,
    ),
    (MATRIX, MATRIX_DUMP, 3, "system:join|2022-01-28T13:37:54|-|Marshall joined"),
    (MATRIX, MATRIX_DUMP, 4, r#"message|2022-01-28T13:41:19|dzaima|café "quoted" <script>alert(1)</script>"#),
    (MATRIX, MATRIX_DUMP, 5, "message|2022-01-28T13:41:40|Marshall|agreed"),
    (MATRIX, MATRIX_DUMP, 6, "action|2022-01-28T13:41:50|Marshall|waves"),
    (MATRIX, MATRIX_DUMP, 7, "system:topic|2022-01-28T13:42:00|-|dzaima set the topic: Nial"),
    (MATRIX, MATRIX_DUMP, 8, "raw|-|-|not json at all {"),
    (MATRIX, MATRIX_DUMP, 9, "markup|-|-|s7197705762_757284980_50393932"),
    // TopAnswers: the `html` field is the message; brackets and other fields are markup.
    (TOPANSWERS, TOPANSWERS_EXPORT, 1, "markup|-|-|["),
    (TOPANSWERS, TOPANSWERS_EXPORT, 3, r#"markup|-|-|    "id": 3,"#),
    (TOPANSWERS, TOPANSWERS_EXPORT, 7, "message|2021-03-03T12:20:24|Marshall Lochbaum|Yes, def & that’s alert(1)"),
    (TOPANSWERS, TOPANSWERS_EXPORT, 16, "message|2021-03-03T10:01:47|dzaima|see this <https://example.org/x>"),
    (TOPANSWERS, TOPANSWERS_EXPORT, 25, "message|2021-03-03T01:44:06|Marshall Lochbaum|Still working"),
    // BotBot: escapes undone, `* nick joined the channel` is a join.
    (BOTBOT, BOTBOT_DUMP, 1, "message|2016-06-17T22:41:17|Bosmon|We don't have it, café"),
    (BOTBOT, BOTBOT_DUMP, 2, "action|2016-06-17T22:45:24|colinclark|waves"),
    (BOTBOT, BOTBOT_DUMP, 3, "system:quit|2016-06-17T22:46:00|wannabeCitizen|has quit"),
    (BOTBOT, BOTBOT_DUMP, 4, "markup|-|-|'"),
    (BOTBOT, BOTBOT_DUMP, 6, "system:join|2016-06-17T21:00:00|kasparnet|joined the channel"),
];

#[test]
fn reads_each_structured_format() {
    check_cases(CASES);
}

#[test]
fn detects_structured_formats_from_their_first_bytes() {
    check_detection(&[
        (MEETBOT_LOG, MEETBOT),
        (LOGBOT_LOG, LOGBOT),
        (PAGE_LOG, PAGES),
        (PIDGIN_LOG, PIDGIN),
        (ADIUM_LOG, ADIUM),
        (MATRIX_DUMP, MATRIX),
        (TOPANSWERS_EXPORT, TOPANSWERS),
        (BOTBOT_DUMP, BOTBOT),
        // Look-alikes stay what they are.
        ("[10:00] <a> {\"html\": 1}\n[10:01] <b> [{\n", Format::BracketIrc),
        ("{ not json\n{ nor this\n", Format::PlainText),
    ]);
    // Other XML is not an Adium log.
    assert!(!scrollback::parse::parse(b"<?xml version=\"1.0\"?>\n<rss>\n</rss>\n", None).format.is_structured());
}

#[test]
fn every_source_line_is_one_model_line_in_every_structured_format() {
    for (format, input) in [
        (MEETBOT, MEETBOT_LOG),
        (LOGBOT, LOGBOT_LOG),
        (PAGES, PAGE_LOG),
        (PIDGIN, PIDGIN_LOG),
        (ADIUM, ADIUM_LOG),
        (MATRIX, MATRIX_DUMP),
        (TOPANSWERS, TOPANSWERS_EXPORT),
        (BOTBOT, BOTBOT_DUMP),
    ] {
        let log = parse_text(Rc::from(input), Some(format));
        assert_eq!(log.lines.len(), input.lines().count(), "{format:?}");
        // A line's source is its own text, whatever it shows.
        for (line, source) in log.lines.iter().zip(input.lines()) {
            assert_eq!(log.source(line), source, "{format:?}");
        }
    }
}

#[test]
fn explicit_replies_become_reply_to() {
    let replies = |format, input| parse_text(Rc::from(input), Some(format)).explicit_replies;
    // TopAnswers `replyID`: the reply comes first in a newest-first file.
    assert_eq!(replies(TOPANSWERS, TOPANSWERS_EXPORT), vec![(6, 15), (15, 24)]);
    // WHATWG `_r`: the addressee's last line before.
    assert_eq!(replies(PAGES, PAGE_LOG), vec![(5, 4)]);
    // Matrix `m.in_reply_to`.
    assert_eq!(replies(MATRIX, MATRIX_DUMP), vec![(4, 3)]);
    let log = parse_text(Rc::from(TOPANSWERS_EXPORT), Some(TOPANSWERS));
    let report = scrollback::report::report(&log);
    assert_eq!(report.lines[6].reply_to, vec![16]);
    assert!(report.lines[24].reply_to.is_empty());
    // The stated replies are the threads: the reply model does not second-guess them.
    let threads = scrollback::thread::analyse(&log);
    assert_eq!(threads.reply_to(6).collect::<Vec<_>>(), vec![15]);
    assert_eq!(threads.reply_to(15).collect::<Vec<_>>(), vec![24]);
    assert!(threads.thread_of(6).is_some() && threads.thread_of(6) == threads.thread_of(24), "one conversation");
    let matrix = parse_text(Rc::from(MATRIX_DUMP), Some(MATRIX));
    assert_eq!(scrollback::thread::analyse(&matrix).reply_to(4).collect::<Vec<_>>(), vec![3]);
}

#[test]
fn the_files_own_line_ids_are_aliases() {
    let log = parse_text(Rc::from(PAGE_LOG), Some(PAGES));
    assert_eq!(log.line_of_alias("l-9"), Some(5));
    assert_eq!(Link::parse("#l-9").and_then(|link| link.resolve(&log)), Some(Anchor::Line(6)));
    assert_eq!(Link::parse("#l-404").and_then(|link| link.resolve(&log)), None);
    assert_eq!(Link::parse("#l-9x"), None);
    let meetbot = parse_text(Rc::from(MEETBOT_LOG), Some(MEETBOT));
    assert_eq!(meetbot.line_of_alias("l-3"), Some(5));
}

#[test]
fn newest_first_files_are_listed_oldest_first() {
    let log = parse_text(Rc::from(TOPANSWERS_EXPORT), Some(TOPANSWERS));
    assert!(log.meta.newest_first);
    let listing = Listing::build(&log, &Rules::EVERYTHING);
    let messages: Vec<usize> =
        listing.entries.iter().map(|entry| entry.first_line()).filter(|line| log.lines[*line].kind == LineKind::Message).collect();
    assert_eq!(messages, vec![24, 15, 6]);
    assert_eq!(listing.len(), log.lines.len());
    // Every line is found where the listing shows it, in either order.
    for line in 0..log.lines.len() {
        let position = listing.position_of_line(line).unwrap();
        assert_eq!(listing.entries[position], Entry::Line(line as u32));
    }
    // With lines filtered out, a line is found at the entry that starts last at or before it in
    // the file, whichever block that entry is shown in.
    let every_other = Rules { keep: &|line| line % 2 == 0, ..Rules::EVERYTHING };
    let filtered = Listing::build(&log, &every_other);
    for line in 0..log.lines.len() {
        let before = filtered.entries.iter().enumerate().filter(|(_, entry)| entry.first_line() <= line).max_by_key(|(_, entry)| entry.first_line());
        assert_eq!(filtered.position_of_line(line), before.map(|(position, _)| position), "line {line}");
    }
    // No clock jumps in the order shown.
    assert!(log.diagnostics.is_empty(), "{:?}", log.diagnostics);

    // BotBot: pages newest first, each page oldest first.
    let dump = parse_text(Rc::from(BOTBOT_DUMP), Some(BOTBOT));
    assert!(dump.meta.newest_first);
    assert_eq!(dump.display_ranges(), vec![5..8, 0..5]);
    assert!(dump.diagnostics.is_empty(), "{:?}", dump.diagnostics);

    // A dump in order is left in order.
    let in_order = parse_text(Rc::from("b'2014-02-09T12:44:15 <a> one\n2014-02-09T13:08:12 <b> two\n'\n"), Some(BOTBOT));
    assert!(!in_order.meta.newest_first);
    assert_eq!(in_order.display_ranges(), vec![0..3]);
}

#[test]
fn markup_in_bodies_stays_text() {
    let hostile = [
        (TOPANSWERS, "[\n  {\n    \"id\": 1,\n    \"username\": \"<img src=x onerror=alert(1)>\",\n    \"date\": \"2021-03-03T01:44:06Z\",\n    \"html\": \"&lt;script&gt;alert(1)&lt;/script&gt;<a href=\\\"javascript:alert(1)\\\">x</a>\"\n  }\n]\n", 6),
        (MATRIX, "{\"@a:b\":\"<b>a</b>\"}\n{\"origin_server_ts\":1,\"event_id\":\"$1\",\"sender\":\"@a:b\",\"type\":\"m.room.message\",\"content\":{\"body\":\"<script>alert(1)</script>\"}}\n", 2),
    ];
    for (format, input, line_number) in hostile {
        let log = parse_text(Rc::from(input), Some(format));
        let line = &log.lines[line_number - 1];
        let body = log.body(line);
        // Shown as text: the escaped markup reads as characters, the link goes nowhere.
        assert!(body.contains("<script>alert(1)</script>"), "{format:?}: {body}");
        let pieces = scrollback::text::pieces(body, |_| false);
        assert!(
            pieces.iter().all(|piece| !matches!(piece, scrollback::text::Piece::Link { href, .. } if href.starts_with("javascript"))),
            "{format:?}: {pieces:?}"
        );
        assert!(log.nick(line).is_some_and(|nick| nick.contains('<')), "{format:?}: the nick is text too");
    }
}

#[test]
fn a_line_stays_small() {
    // 48 bytes before structured exports; the index of a shown text adds four.
    assert!(std::mem::size_of::<scrollback::model::Line>() <= 52, "{}", std::mem::size_of::<scrollback::model::Line>());
}

/// What a reader sees in a log: each message's speaker, time and text, and which message each
/// reply answers (by message number, so a laid-out file compares with its original).
/// (speaker, time, text) of each message, and (reply, answered) message numbers.
type MessagesAndReplies = (Vec<(String, String, String)>, Vec<(usize, usize)>);

fn messages_and_replies(log: &scrollback::model::Log) -> MessagesAndReplies {
    let message_lines: Vec<usize> = (0..log.lines.len()).filter(|&index| log.lines[index].kind == LineKind::Message).collect();
    let messages = message_lines
        .iter()
        .map(|&index| {
            let line = &log.lines[index];
            (log.nick(line).unwrap_or("").to_owned(), line.time.map(|stamp| format!("{stamp:?}")).unwrap_or_default(), log.body(line).to_owned())
        })
        .collect();
    let number = |line: u32| message_lines.binary_search(&(line as usize)).ok();
    let replies = log.explicit_replies.iter().filter_map(|&(reply, parent)| Some((number(reply)?, number(parent)?))).collect();
    (messages, replies)
}

#[test]
fn a_minified_topanswers_export_is_laid_out_and_read_like_the_pretty_one() {
    let pretty = "[\n  {\n    \"id\": 2,\n    \"username\": \"dzaima\",\n    \"date\": \"2021-03-03T10:01:47Z\",\n    \"html\": \"<p>later &amp; \\\"quoted\\\"</p>\",\n    \"replyID\": 1\n  },\n  {\n    \"id\": 1,\n    \"username\": \"Marshall\",\n    \"date\": \"2021-03-03T01:44:06Z\",\n    \"html\": \"<p>earlier</p>\"\n  }\n]\n";
    let minified = r#"[{"id":2,"username":"dzaima","date":"2021-03-03T10:01:47Z","html":"<p>later &amp; \"quoted\"</p>","replyID":1},{"id":1,"username":"Marshall","date":"2021-03-03T01:44:06Z","html":"<p>earlier</p>"}]"#;
    let (from_pretty, from_minified) = (parse_text(Rc::from(pretty), None), parse_text(Rc::from(minified), None));
    assert_eq!(from_minified.format, Format::TopanswersJson);
    assert_eq!(&*from_minified.text, pretty, "laid out as the pretty-printed export is");
    assert_eq!(messages_and_replies(&from_minified), messages_and_replies(&from_pretty));
    assert_eq!(messages_and_replies(&from_minified).1, [(0, 1)], "the reply is kept");
    let note = from_minified.diagnostics.iter().find(|diagnostic| diagnostic.kind == scrollback::model::DiagnosticKind::LaidOut).expect("the layout is said");
    assert!(note.message.contains("one line of JSON"), "{note:?}");
    assert!(from_pretty.diagnostics.iter().all(|diagnostic| diagnostic.kind != scrollback::model::DiagnosticKind::LaidOut));
    // One line that is no array of records stays as it is.
    assert_eq!(parse_text(Rc::from("[{\"html\": 1, \"username\": broken"), Some(Format::TopanswersJson)).lines.len(), 1);

    // The real export, minified (its strings hold no newline, so joining trimmed lines is exact).
    let Some(folder) = shared::shared("corpus/topanswers-json") else { return };
    let original = std::fs::read_to_string(folder.join("ta_singeli.json")).expect("readable");
    let one_line: String = original.lines().map(str::trim).collect();
    let (read_pretty, read_minified) = (parse_text(Rc::from(original.as_str()), None), parse_text(Rc::from(one_line.as_str()), None));
    let (messages, replies) = messages_and_replies(&read_minified);
    assert!(messages.len() > 100 && !replies.is_empty(), "{} messages, {} replies", messages.len(), replies.len());
    assert_eq!((messages, replies), messages_and_replies(&read_pretty));
}
