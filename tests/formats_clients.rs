//! Table-driven cases for the IRC clients' own logs: irssi, WeeChat, HexChat/XChat and the
//! pipe-aligned irssi theme; and which format each client's log is detected as.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use std::rc::Rc;

use cases::{check_cases, check_detection};
use scrollback::model::Format;
use scrollback::parse::parse_text;

const IRSSI: Format = Format::Irssi;
const WEECHAT: Format = Format::Weechat;
const HEXCHAT: Format = Format::Hexchat;
const PIPE: Format = Format::PipeAligned;

/// (format, input, 1-based line to look at, expected `kind|time|nick|body`)
const CASES: &[(Format, &str, usize, &str)] = &[
    // irssi's default theme.
    (IRSSI, "--- Log opened Tue Jun 11 22:52:16 2002", 1, "header|-|-|--- Log opened Tue Jun 11 22:52:16 2002"),
    (IRSSI, "--- Log opened Tue Jun 11 22:52:16 2002\n22:55 <@mids> already?", 2, "message|2002-06-11T22:55:00|mids|already?"),
    (IRSSI, "--- Day changed Wed Jun 12 2002\n00:41 < UnDeRToW> hi, good night", 2, "message|2002-06-12T00:41:00|UnDeRToW|hi, good night"),
    (IRSSI, "--- Day changed 六  8月 18 2012\n00:01 <@  bobchao> yeah!!!", 2, "message|2012-08-18T00:01:00|bobchao|yeah!!!"),
    (IRSSI, "--- Log opened 六  8 05 00:01:17 2017\n00:01 <     jcrt_> hi", 2, "message|2017-08-05T00:01:00|jcrt_|hi"),
    (IRSSI, "Day changed to 05  8 2017\n00:00 < CrBoy> pong", 2, "message|2017-08-05T00:00:00|CrBoy|pong"),
    (IRSSI, "--- Log closed Wed Jun 12 01:52:16 2002", 1, "header|-|-|--- Log closed Wed Jun 12 01:52:16 2002"),
    (IRSSI, "14:03  * jrandom waves", 1, "action|14:03:00|jrandom|waves"),
    (IRSSI, "00:02 -!- threelines [~t@host] has joined #coscup", 1, "system:join|00:02:00|threelines|threelines [~t@host] has joined #coscup"),
    (IRSSI, "00:04 -!- threelines [~t@host] has left #coscup []", 1, "system:part|00:04:00|threelines|threelines [~t@host] has left #coscup []"),
    (IRSSI, "00:06 -!- u10313335 [~u@host] has quit [Remote host closed the connection]", 1, "system:quit|00:06:00|u10313335|u10313335 [~u@host] has quit [Remote host closed the connection]"),
    (IRSSI, "00:18 -!- pichuang_ is now known as Airplan", 1, "system:nick|00:18:00|pichuang_|pichuang_ is now known as Airplan"),
    (IRSSI, "00:01 -!- You're now known as chusiang-", 1, "system:nick|00:01:00|-|You're now known as chusiang-"),
    (IRSSI, "22:55 -!- mode/#iip-dev [+v logger] by mids", 1, "system:mode|22:55:00|-|mode/#iip-dev [+v logger] by mids"),
    (IRSSI, "00:49 -!- DennyHuang changed the topic of #sitcon to: SITCON", 1, "system:topic|00:49:00|DennyHuang|DennyHuang changed the topic of #sitcon to: SITCON"),
    (IRSSI, "02:08 -!- Topic for #coscup: [UTF8] COSCUP", 1, "system:topic|02:08:00|-|Topic for #coscup: [UTF8] COSCUP"),
    (IRSSI, "02:08 -!- Topic set by _bobchao [sid@irccloud] [Mon Apr 20 22:45:18 2015]", 1, "system:topic|02:08:00|-|Topic set by _bobchao [sid@irccloud] [Mon Apr 20 22:45:18 2015]"),
    (IRSSI, "15:12 -!- barneybook_8 was kicked from #coscup by chihchun [別激動]", 1, "system:kick|15:12:00|barneybook_8|barneybook_8 was kicked from #coscup by chihchun [別激動]"),
    (IRSSI, "02:08 -!- Channel #coscup created Sat Mar 22 22:31:50 2008", 1, "system:other|02:08:00|-|Channel #coscup created Sat Mar 22 22:31:50 2008"),
    (IRSSI, "11:33 -!- Irssi: Join to #coscup was synced in 1 secs", 1, "system:other|11:33:00|-|Irssi: Join to #coscup was synced in 1 secs"),
    (IRSSI, "02:08 [Users #coscup]", 1, "system:other|02:08:00|-|[Users #coscup]"),
    (IRSSI, "02:08 [@_bobchao    ] [ coldturnip_] ", 1, "system:other|02:08:00|-|[@_bobchao    ] [ coldturnip_] "),
    // Themes: `:::` events, no space before `<`, `>>>` actions, `>> nick<<` highlights, no markers.
    (IRSSI, "11:33::: othree [~othree@host] has joined #coscup", 1, "system:join|11:33:00|othree|othree [~othree@host] has joined #coscup"),
    (IRSSI, "16:09::: Netsplit *.net <-> *.split quits: thschee, ych", 1, "system:quit|16:09:00|-|Netsplit *.net <-> *.split quits: thschee, ych"),
    (IRSSI, "16:55::: Netsplit over, joins: kennyluck, ronnywang", 1, "system:join|16:55:00|-|Netsplit over, joins: kennyluck, ronnywang"),
    (IRSSI, "11:34< cclien_> 終於有空上 irc 了", 1, "message|11:34:00|cclien_|終於有空上 irc 了"),
    (IRSSI, "11:49 >>> CrBoy_room3 254使用中", 1, "action|11:49:00|CrBoy_room3|254使用中"),
    (IRSSI, "11:51>> xdite_tfn<< othree: 我還活著 XD", 1, "message|11:51:00|xdite_tfn|othree: 我還活著 XD"),
    (IRSSI, "03:00       Irvin  is now known as Irvin_", 1, "system:nick|03:00:00|Irvin|Irvin  is now known as Irvin_"),
    (IRSSI, "10:52 bobchao changed the topic of #coscup to: COSCUP", 1, "system:topic|10:52:00|bobchao|bobchao changed the topic of #coscup to: COSCUP"),
    (IRSSI, "08:33 mode/#coscup ; +o bobchao by ChanServ", 1, "system:mode|08:33:00|-|mode/#coscup ; +o bobchao by ChanServ"),
    (IRSSI, "09:24              lzy flee", 1, "action|09:24:00|lzy|flee"),
    // Custom timestamps carry the date.
    (IRSSI, "[20110803T091729+0800]< sanyuan> w", 1, "message|2011-08-03T09:17:29|sanyuan|w"),
    (IRSSI, "[20110808T130743+0800]-!- kyu is now known as kengyu", 1, "system:nick|2011-08-08T13:07:43|kyu|kyu is now known as kengyu"),
    (IRSSI, "[20110815T100000+0800] * icman 餓了", 1, "action|2011-08-15T10:00:00|icman|餓了"),
    // Days joined by hand.
    (IRSSI, "# Day1", 1, "header|-|-|# Day1"),
    (IRSSI, "Day 1\n========", 1, "header|-|-|Day 1"),
    (IRSSI, "Day 1\n========", 2, "header|-|-|========"),
    (IRSSI, "00:00 < CrBoy> pong\n...", 2, "header|-|-|..."),
    (IRSSI, "just some words", 1, "raw|-|-|just some words"),
    // WeeChat: TAB-separated, the prefix column says what the line is.
    (WEECHAT, "2018-02-27 20:00:57\t~japaric\thello everyone", 1, "message|2018-02-27T20:00:57|japaric|hello everyone"),
    (WEECHAT, "2019-06-18 18:01:51\t<therealprof>\tLet's get this meeting going.", 1, "message|2019-06-18T18:01:51|therealprof|Let's get this meeting going."),
    (WEECHAT, "2019-08-17 09:00:01\t-->\ta12 (~a12@host) has joined #coscup", 1, "system:join|2019-08-17T09:00:01|a12|a12 (~a12@host) has joined #coscup"),
    (WEECHAT, "2019-08-17 09:00:01\t<--\ta12 (~a12@host) has quit (Ping timeout)", 1, "system:quit|2019-08-17T09:00:01|a12|a12 (~a12@host) has quit (Ping timeout)"),
    (WEECHAT, "2019-08-17 09:00:01\t<--\ta12 (~a12@host) has left #coscup", 1, "system:part|2019-08-17T09:00:01|a12|a12 (~a12@host) has left #coscup"),
    (WEECHAT, "2019-08-17 09:00:01\t--\tmp607_ is now known as mp607", 1, "system:nick|2019-08-17T09:00:01|mp607_|mp607_ is now known as mp607"),
    (WEECHAT, "2019-08-17 09:00:01\t--\tTopic for #coscup is \"COSCUP\"", 1, "system:topic|2019-08-17T09:00:01|-|Topic for #coscup is \"COSCUP\""),
    (WEECHAT, "2019-08-17 09:00:01\t--\tMode #coscup [+o x] by ChanServ", 1, "system:mode|2019-08-17T09:00:01|-|Mode #coscup [+o x] by ChanServ"),
    (WEECHAT, "2019-08-17 09:00:01\t--\tTopic set by bobchao (70681c7b@host) on Thu, 18 Aug 2016", 1, "system:topic|2019-08-17T09:00:01|-|Topic set by bobchao (70681c7b@host) on Thu, 18 Aug 2016"),
    (WEECHAT, "2019-08-17 09:00:01\t--\tx has changed topic for #coscup from \"a\" to \"b\"", 1, "system:topic|2019-08-17T09:00:01|x|x has changed topic for #coscup from \"a\" to \"b\""),
    (WEECHAT, "2019-08-17 09:00:01\t<--\top has kicked spammer (bye)", 1, "system:kick|2019-08-17T09:00:01|op|op has kicked spammer (bye)"),
    (WEECHAT, "2019-08-17 09:00:01\t *\tjamesmunns waves", 1, "action|2019-08-17T09:00:01|jamesmunns|waves"),
    (WEECHAT, "2019-08-17 09:00:01\t=!=\tirc: command not found", 1, "system:other|2019-08-17T09:00:01|-|irc: command not found"),
    // WeeChat 0.2, with German event texts.
    (WEECHAT, "****  Beginning of log  2007 Sep 01 00:23:55  ****", 1, "header|-|-|****  Beginning of log  2007 Sep 01 00:23:55  ****"),
    (WEECHAT, "2007 Sep 01 00:23:55  <root> Welcome to the BitlBee gateway!", 1, "message|2007-09-01T00:23:55|root|Welcome to the BitlBee gateway!"),
    (WEECHAT, "2007 Sep 01 00:23:55  --> weechat_user (weechat@localhost.) ist in den Channel &bitlbee gekommen", 1, "system:join|2007-09-01T00:23:55|weechat_user|weechat_user (weechat@localhost.) ist in den Channel &bitlbee gekommen"),
    (WEECHAT, "2007 Sep 01 00:23:55  -=- Modus &bitlbee [+t] durch localhost.", 1, "system:mode|2007-09-01T00:23:55|-|Modus &bitlbee [+t] durch localhost."),
    (WEECHAT, "2007 Sep 01 00:23:55  -=- Das Topic von &bitlbee lautet: \"Welcome\"", 1, "system:topic|2007-09-01T00:23:55|-|Das Topic von &bitlbee lautet: \"Welcome\""),
    // HexChat: session markers give the year the lines lack.
    (HEXCHAT, "**** BEGIN LOGGING AT Mon May 19 23:59:44 2025", 1, "header|-|-|**** BEGIN LOGGING AT Mon May 19 23:59:44 2025"),
    (HEXCHAT, "**** BEGIN LOGGING AT Mon May 19 23:59:44 2025\n\nMay 20 00:01:37 <wm>\tLINK: https://mpv.io/", 3, "message|2025-05-20T00:01:37|wm|LINK: https://mpv.io/"),
    (HEXCHAT, "**** BEGIN LOGGING AT Wed Dec 31 23:59:00 2025\nJan 01 00:00:05 <wm>\thappy new year", 2, "message|2026-01-01T00:00:05|wm|happy new year"),
    (HEXCHAT, "May 20 00:01:37 <@wm>\top speaks", 1, "message|00:01:37|wm|op speaks"),
    (HEXCHAT, "**** ENDING LOGGING AT Tue May 20 00:03:25 2025", 1, "header|-|-|**** ENDING LOGGING AT Tue May 20 00:03:25 2025"),
    (HEXCHAT, "May 22 10:01:58 *\thalloy2979 (~halloy297@host) has joined", 1, "system:join|10:01:58|halloy2979|halloy2979 (~halloy297@host) has joined"),
    (HEXCHAT, "May 22 10:01:58 *\tChanServ (ChanServ@services.libera.chat) has left", 1, "system:part|10:01:58|ChanServ|ChanServ (ChanServ@services.libera.chat) has left"),
    (HEXCHAT, "May 22 10:03:58 *\thalloy2979 has quit (Client Quit)", 1, "system:quit|10:03:58|halloy2979|halloy2979 has quit (Client Quit)"),
    (HEXCHAT, "May 22 10:03:58 *\tbrad is now known as acridfusion", 1, "system:nick|10:03:58|brad|brad is now known as acridfusion"),
    (HEXCHAT, "May 22 10:03:58 *\twm has changed the topic to: a", 1, "system:topic|10:03:58|wm|wm has changed the topic to: a"),
    (HEXCHAT, "May 22 10:03:58 *\tTopic for #wmjpg is: This space intentionally left blank.", 1, "system:topic|10:03:58|-|Topic for #wmjpg is: This space intentionally left blank."),
    (HEXCHAT, "May 19 23:59:44 *\tzinc.libera.chat sets mode +C on #wmjpg", 1, "system:mode|23:59:44|zinc.libera.chat|zinc.libera.chat sets mode +C on #wmjpg"),
    (HEXCHAT, "May 19 23:59:44 *\tservices. gives channel operator status to ChanServ", 1, "system:mode|23:59:44|services.|services. gives channel operator status to ChanServ"),
    (HEXCHAT, "May 19 23:59:44 *\top has kicked spammer from #wmjpg (bye)", 1, "system:kick|23:59:44|op|op has kicked spammer from #wmjpg (bye)"),
    (HEXCHAT, "May 19 23:59:44 *\tYou have left channel #wmjpg", 1, "system:part|23:59:44|-|You have left channel #wmjpg"),
    (HEXCHAT, "May 19 23:59:44 *\tNow talking on #wmjpg", 1, "system:other|23:59:44|-|Now talking on #wmjpg"),
    (HEXCHAT, "May 19 23:59:44 *\tDisconnected ()", 1, "system:other|23:59:44|-|Disconnected ()"),
    (HEXCHAT, "May 19 23:59:44 *\twm waves at everyone", 1, "action|23:59:44|wm|waves at everyone"),
    (HEXCHAT, "May 19 23:59:44 -NickServ-\tYou are already logged in as wm.", 1, "notice|23:59:44|NickServ|You are already logged in as wm."),
    (HEXCHAT, "Nov 15 14:19:02 -She/Wallops-\tHeads up", 1, "notice|14:19:02|She|Heads up"),
    (HEXCHAT, "May 22 10:14:05 >ChanServ<\tflags #wmjpg ChanServ +o", 1, "message|10:14:05|-|>ChanServ<\tflags #wmjpg ChanServ +o"),
    (HEXCHAT, "May 29 21:13:33 Usage: MSG <nick> <message>, sends a private message", 1, "system:other|21:13:33|-|Usage: MSG <nick> <message>, sends a private message"),
    (HEXCHAT, "just some words", 1, "raw|-|-|just some words"),
    // The pipe-aligned theme.
    (PIPE, "08:11    mia0ski| +1", 1, "message|08:11:00|mia0ski|+1"),
    (PIPE, "08:11 jason_linu| truncated to ten", 1, "message|08:11:00|jason_linu|truncated to ten"),
    (PIPE, "18:26  orinx|bof| a bar in the nick", 1, "message|18:26:00|orinx|bof|a bar in the nick"),
    (PIPE, "10:21 TobySkarti|", 1, "message|10:21:00|TobySkarti|"),
    (PIPE, "01:55         * | waeting joined #HITCON", 1, "system:join|01:55:00|waeting|waeting joined #HITCON"),
    (PIPE, "00:04         * | sky__ quit (Reason: Quit: Page closed)", 1, "system:quit|00:04:00|sky__|sky__ quit (Reason: Quit: Page closed)"),
    (PIPE, "00:04         * | sky__ left #HITCON", 1, "system:part|00:04:00|sky__|sky__ left #HITCON"),
    (PIPE, "08:09         * | AndChat720225 is now known as mia0ski", 1, "system:nick|08:09:00|AndChat720225|AndChat720225 is now known as mia0ski"),
    (PIPE, "09:52         * | allenown changed topic of #HITCON to: HITCON 2015", 1, "system:topic|09:52:00|allenown|allenown changed topic of #HITCON to: HITCON 2015"),
    (PIPE, "10:35         * | tracer was kicked from #HITCON by orange_ (tracer)", 1, "system:kick|10:35:00|tracer|tracer was kicked from #HITCON by orange_ (tracer)"),
    (PIPE, "18:27         * | netsplit *.net <-> *.split quits: eit, jump", 1, "system:quit|18:27:00|-|netsplit *.net <-> *.split quits: eit, jump"),
    (PIPE, "18:33         * | netsplit - over, joins: seadog007, JYNY", 1, "system:join|18:33:00|-|netsplit - over, joins: seadog007, JYNY"),
    (PIPE, "14:39         * | #hitcon: Total: 317 users (2 ops, 0 halfops,", 1, "system:other|14:39:00|-|#hitcon: Total: 317 users (2 ops, 0 halfops,"),
    (PIPE, "10:11         * | CCbin slaps nidc around a bit with a large fishbot", 1, "action|10:11:00|CCbin|slaps nidc around a bit with a large fishbot"),
    (PIPE, "10:11         * | root____7 quitting time", 1, "action|10:11:00|root____7|quitting time"),
    (PIPE, "--- Day changed Sat Aug 29 2015\n08:11    mia0ski| +1", 2, "message|2015-08-29T08:11:00|mia0ski|+1"),
    (PIPE, "08:11    mia0ski| a long message\n                 | wrapped", 2, "continuation|-|-|wrapped"),
    (PIPE, "just some words", 1, "raw|-|-|just some words"),
];

#[test]
fn each_case_reads_as_expected() {
    check_cases(CASES);
}

/// (a few lines as a client writes them, the format they must be detected as)
const DETECTION: &[(&str, Format)] = &[
    (
        "--- Log opened Tue Jun 11 22:52:16 2002\n22:55 < logger> logging started\n22:55 <@mids> already?\n22:55 -!- mode/#iip-dev [+v logger] by mids\n",
        Format::Irssi,
    ),
    ("03:55 < JulianAssange> https://example.org\n10:34 < Madara> hi!\n11:10 <@minus> dumping damaged HDD\n11:11  * BotoX waves\n", Format::Irssi),
    ("[20110803T091729+0800]< sanyuan> w\n[20110804T075207+0800]-!- Irssi: #coscup: Total of 27 nicks\n", Format::Irssi),
    (
        "2018-02-27 20:00:57\t~japaric\thello everyone\n2018-02-27 20:01:02\t@adamgreig\thi\n2018-02-27 20:01:05\t-->\tx (~x@h) has joined #rust-embedded\n",
        Format::Weechat,
    ),
    ("****  Beginning of log  2007 Sep 01 00:23:55  ****\n2007 Sep 01 00:23:55  <root> Welcome to the BitlBee gateway!\n2007 Sep 01 00:23:55  <root> hi\n", Format::Weechat),
    (
        "**** BEGIN LOGGING AT Mon May 19 23:59:44 2025\n\nMay 19 23:59:44 *\tNow talking on #wmjpg\nMay 20 00:01:37 <wm>\tLINK: https://mpv.io/\n**** ENDING LOGGING AT Tue May 20 00:03:25 2025\n",
        Format::Hexchat,
    ),
    ("08:10         * | DuckLL joined #HITCON\n08:10     DuckLL| hello\n08:11    mia0ski| +1\n08:21    FarkPay| XXD\n", Format::PipeAligned),
];

#[test]
fn each_client_log_is_detected() {
    check_detection(DETECTION);
}

/// Every prefix of every case, and each case with a multibyte character put at every boundary,
/// reads without a panic and keeps one model line per source line.
#[test]
fn cut_and_spliced_cases_never_panic() {
    for (format, input, _, _) in CASES {
        for (at, _) in input.char_indices().chain([(input.len(), ' ')]) {
            for text in [input[..at].to_owned(), format!("{}é{}", &input[..at], &input[at..])] {
                let log = parse_text(Rc::from(text.as_str()), Some(*format));
                assert_eq!(log.lines.len(), text.lines().count(), "{format:?} {text:?}");
            }
        }
    }
}
