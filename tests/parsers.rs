//! Table-driven parser cases: one line of input, how it must be read. One table row per case.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use cases::{check_cases, check_detection};
use scrollback::model::Format;
use scrollback::report::describe_line;
use scrollback::parse::parse;

const MIRAGE: Format = Format::MirageMeeting;
const BRACKET: Format = Format::BracketIrc;
const IRSSI: Format = Format::Irssi;

/// (format, input, 1-based line to look at, expected `kind|time|nick|body`)
const CASES: &[(Format, &str, usize, &str)] = &[
    // The published Mirage meeting format.
    (MIRAGE, "29-06-2016 15:12 avsm Mirage 3! Over to our release manager yomimono...", 1, "message|2016-06-29T15:12:00|avsm|Mirage 3! Over to our release manager yomimono..."),
    (MIRAGE, "29-06-2016 15:12 avsm /me wonders how that would work on OSX", 1, "action|2016-06-29T15:12:00|avsm|wonders how that would work on OSX"),
    (MIRAGE, "29-06-2016 15:12 yomimono thomasga: yomimono: I think — so", 1, "message|2016-06-29T15:12:00|yomimono|thomasga: yomimono: I think — so"),
    (MIRAGE, "29-06-2016 15:12 mort___ ", 1, "message|2016-06-29T15:12:00|mort___|"),
    (MIRAGE, "29-06-2016 9:05 hannes early", 1, "message|2016-06-29T09:05:00|hannes|early"),
    (MIRAGE, "Irc discussions from #mirage on 29-06-2016", 1, "header|-|-|Irc discussions from #mirage on 29-06-2016"),
    (MIRAGE, "Irc discussions from #mirage on 29-06-2016\n\nWritten by unpurecamelbot", 2, "blank|-|-|"),
    (MIRAGE, "Irc discussions from #mirage on 29-06-2016\n\nWritten by unpurecamelbot", 3, "header|-|-|Written by unpurecamelbot"),
    (MIRAGE, "Classified under: irclog", 1, "header|-|-|Classified under: irclog"),
    (MIRAGE, "Published: 2016-06-29 (last updated: 2016-07-27)", 1, "header|-|-|Published: 2016-06-29 (last updated: 2016-07-27)"),
    // The Canopy source form of the same logs.
    (MIRAGE, "`15-06-2016 14:45`   `hannes`   just to let the IRC know", 1, "message|2016-06-15T14:45:00|hannes|just to let the IRC know"),
    (MIRAGE, "`01-06-2016 15:05`   ``Algebr` ``   lol", 1, "message|2016-06-01T15:05:00|Algebr`|lol"),
    (MIRAGE, "`06-04-2016 15:14`   `Algebr``   I mentioned", 1, "message|2016-04-06T15:14:00|Algebr`|I mentioned"),
    (MIRAGE, "`01-06-2016 15:05`   `hannes`   s/``Algebr` ``/AltGr/", 1, "message|2016-06-01T15:05:00|hannes|s/``Algebr` ``/AltGr/"),
    (MIRAGE, "`06-04-2016 15:01`   `avsm`   \u{1}ACTION waves\u{1}", 1, "action|2016-04-06T15:01:00|avsm|waves"),
    (MIRAGE, "---\ntitle: Irc discussions from #mirage on 12-04-2017\n---\n15:01   `yomimono`   hi folks!", 4, "message|2017-04-12T15:01:00|yomimono|hi folks!"),
    (MIRAGE, "`15-06-2016 14:45`   `hannes`   a long message\nthat was hard-wrapped", 2, "continuation|-|-|that was hard-wrapped"),
    (MIRAGE, "---\nauthor: avsm\n---\n```\n[16:02] <yomimono> so let's do that!", 5, "message|16:02:00|yomimono|so let's do that!"),
    (MIRAGE, "---\nauthor: avsm\n---\n```\n<yomimono> hello!", 5, "message|-|yomimono|hello!"),
    (MIRAGE, "---\nauthor: amirmc\n---\n<hr>\n15:00 * djs55 waves ", 5, "action|15:00:00|djs55|waves "),
    (MIRAGE, "---\nauthor: avsm\n---\n* a Markdown bullet", 4, "header|-|-|* a Markdown bullet"),
    (MIRAGE, "29-06-2016 15:12 avsm hi\n\nnot a message", 3, "raw|-|-|not a message"),
    // Bracketed IRC logs.
    (BRACKET, "[03:10] <nick> text", 1, "message|03:10:00|nick|text"),
    (BRACKET, "[03:10] <|trey|> usual, quite stable though  :)", 1, "message|03:10:00||trey||usual, quite stable though  :)"),
    (BRACKET, "[03:10:59] <@op> with seconds and a mode", 1, "message|03:10:59|op|with seconds and a mode"),
    (BRACKET, "[03:10]  * nick does something", 1, "action|03:10:00|nick|does something"),
    (BRACKET, "* nick does something", 1, "action|-|nick|does something"),
    (BRACKET, "=== nick [~user@host] has joined #ubuntu", 1, "system:join|-|nick|nick [~user@host] has joined #ubuntu"),
    (BRACKET, "=== Morpheus8 [~Morpheus8@morpheus8.user]  has left #ubuntu []", 1, "system:part|-|Morpheus8|Morpheus8 [~Morpheus8@morpheus8.user]  has left #ubuntu []"),
    (BRACKET, "=== old is now known as new", 1, "system:nick|-|old|old is now known as new"),
    (BRACKET, "=== bob [~b@h] has quit [\"bye\"]", 1, "system:quit|-|bob|bob [~b@h] has quit [\"bye\"]"),
    (BRACKET, "[03:10] -NickServ- This nickname is registered", 1, "notice|03:10:00|NickServ|This nickname is registered"),
    (BRACKET, "[03:10] ", 1, "raw|-|-|[03:10] "),
    (BRACKET, "just some words", 1, "raw|-|-|just some words"),
    (BRACKET, "", 0, ""),
    // irssi, default and custom themes.
    (IRSSI, "--- Log opened Tue Jun 11 22:52:16 2002\n22:55 <@mids> hi", 2, "message|2002-06-11T22:55:00|mids|hi"),
    (IRSSI, "--- Day changed 六  8月 18 2012\n03:00 < bobchao> 早", 2, "message|2012-08-18T03:00:00|bobchao|早"),
    (IRSSI, "--- Log opened Tue Jun 11 22:52:16 2002", 1, "header|-|-|--- Log opened Tue Jun 11 22:52:16 2002"),
    (IRSSI, "22:55 -!- mode/#iip-dev [+v logger] by mids", 1, "system:mode|22:55:00|-|mode/#iip-dev [+v logger] by mids"),
    (IRSSI, "00:02 -!- threelines [~t@host] has joined #coscup", 1, "system:join|00:02:00|threelines|threelines [~t@host] has joined #coscup"),
    (IRSSI, "01:43  * mids looks at the agenda", 1, "action|01:43:00|mids|looks at the agenda"),
    (IRSSI, "11:34< cclien_> 終於有空上 irc 了", 1, "message|11:34:00|cclien_|終於有空上 irc 了"),
    (IRSSI, "11:33::: othree [~o@host] has joined #coscup", 1, "system:join|11:33:00|othree|othree [~o@host] has joined #coscup"),
    (IRSSI, "03:00       Irvin  is now known as Irvin_", 1, "system:nick|03:00:00|Irvin|Irvin  is now known as Irvin_"),
    (IRSSI, "09:08              astro^ 今年有座位表嗎？", 1, "action|09:08:00|astro^|今年有座位表嗎？"),
    (IRSSI, "11:49 >>> CrBoy_room3 254使用中", 1, "action|11:49:00|CrBoy_room3|254使用中"),
    (IRSSI, "11:51>> xdite_tfn<< othree: 我還活著", 1, "message|11:51:00|xdite_tfn|othree: 我還活著"),
    (IRSSI, "[20110803T091729+0800]< sanyuan> w", 1, "message|2011-08-03T09:17:29|sanyuan|w"),
    (IRSSI, "# Day1", 1, "header|-|-|# Day1"),
    (IRSSI, "Day changed to 05  8 2017\n00:01 <a> b", 2, "message|2017-08-05T00:01:00|a|b"),
    (IRSSI, "00:01 [Users #coscup]", 1, "system:other|00:01:00|-|[Users #coscup]"),
];

#[test]
fn each_case_reads_as_expected() {
    check_cases(CASES);
}

#[test]
fn detects_the_format() {
    let cases: &[(&str, Format)] = &[
        ("Irc discussions from #mirage on 29-06-2016\n\nWritten by unpurecamelbot\n", Format::MirageMeeting),
        ("29-06-2016 15:12 avsm hi\n29-06-2016 15:13 hannes o/\n", Format::MirageMeeting),
        ("---\ntitle: Irc discussions from #mirage on 01-02-2017\n---\n```\n[16:02] <a> b\n[16:02] <c> d\n```\n", Format::MirageMeeting),
        ("[03:10] <a> hi\n=== b [~b@h] has joined #ubuntu\n[03:11] <b> hello\n", Format::BracketIrc),
        ("Dear diary,\ntoday I wrote a parser.\nIt was fine.\n", Format::PlainText),
        ("", Format::PlainText),
    ];
    check_detection(cases);
}

#[test]
fn reads_the_page_header_into_metadata() {
    let log = parse(b"Irc discussions from #mirage on 29-06-2016\n\nWritten by unpurecamelbot\nClassified under: irclog\nPublished: 2016-06-29 (last updated: 2016-07-27)\n\n29-06-2016 15:12 avsm hi\n", None);
    let meta = &log.meta;
    assert_eq!(meta.title.as_deref(), Some("Irc discussions from #mirage on 29-06-2016"));
    assert_eq!(meta.channel.as_deref(), Some("#mirage"));
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2016-06-29"));
    assert_eq!(meta.author.as_deref(), Some("unpurecamelbot"));
    assert_eq!(meta.tags, ["irclog"]);
    assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2016-06-29"));
    assert_eq!(meta.updated.map(|d| d.to_string()).as_deref(), Some("2016-07-27"));
}

#[test]
fn a_date_from_the_title_applies_to_time_only_lines() {
    let log = parse(b"---\ntitle: Irc discussions from #mirage on 12-04-2017\n---\n15:01   `yomimono`   hi\n", None);
    assert_eq!(describe_line(&log, 4), "message|2017-04-12T15:01:00|yomimono|hi");
}
