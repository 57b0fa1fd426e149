//! Table-driven cases for the bouncer, bot and client logs: ZNC, eggdrop, Supybot, dircproxy, mIRC,
//! `HH:MM:SS` logs, logs with no times, and bracketed `[HH:MM]` logs.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use std::rc::Rc;

use cases::{check_cases, check_detection};
use scrollback::model::Format;
use scrollback::report::describe_line;
use scrollback::parse::{parse, parse_file, parse_text};

const ZNC: Format = Format::Znc;
const EGGDROP: Format = Format::Eggdrop;
const SUPYBOT: Format = Format::Supybot;
const DIRCPROXY: Format = Format::Dircproxy;
const MIRC: Format = Format::Mirc;
const CLOCK: Format = Format::ClockIrc;
const PLAIN: Format = Format::PlainNick;
const BRACKET: Format = Format::BracketIrc;
const ALL_OF_THEM: [Format; 8] = [ZNC, EGGDROP, SUPYBOT, DIRCPROXY, MIRC, CLOCK, PLAIN, BRACKET];

/// (format, input, 1-based line to look at, expected `kind|time|nick|body`)
const CASES: &[(Format, &str, usize, &str)] = &[
    // ZNC's log module.
    (ZNC, "[10:44:14] <zetok> linuxmodder: sounds like sqlite", 1, "message|10:44:14|zetok|linuxmodder: sounds like sqlite"),
    (ZNC, "[16:19:53] * zetok wonders how it'll work", 1, "action|16:19:53|zetok|wonders how it'll work"),
    (ZNC, "[12:00:00] -qtox-git-spam- [qTox] tux3 pushed 1 new commit", 1, "notice|12:00:00|qtox-git-spam|[qTox] tux3 pushed 1 new commit"),
    (ZNC, "[02:12:50] *** Joins: Rowen_Stipe (~rowen_sti@ )", 1, "system:join|02:12:50|Rowen_Stipe|Joins: Rowen_Stipe (~rowen_sti@ )"),
    (ZNC, "[06:18:11] *** Parts: tdmps (~ray@ ) ()", 1, "system:part|06:18:11|tdmps|Parts: tdmps (~ray@ ) ()"),
    (ZNC, "[02:06:03] *** Quits: f10 (~flo@ ) (Ping timeout: 240 seconds)", 1, "system:quit|02:06:03|f10|Quits: f10 (~flo@ ) (Ping timeout: 240 seconds)"),
    (ZNC, "[11:42:41] *** ChanServ sets mode: +o tux3", 1, "system:mode|11:42:41|ChanServ|ChanServ sets mode: +o tux3"),
    (ZNC, "[16:05:00] *** shiva is now known as in1t3r", 1, "system:nick|16:05:00|shiva|shiva is now known as in1t3r"),
    (ZNC, "[19:38:33] *** zetok changes topic to 'qTox support'", 1, "system:topic|19:38:33|zetok|zetok changes topic to 'qTox support'"),
    (ZNC, "[19:40:00] *** troll was kicked by zetok (spam)", 1, "system:kick|19:40:00|troll|troll was kicked by zetok (spam)"),
    (ZNC, "[19:41:00] *** Connected to IRC (irc.example.org)", 1, "system:other|19:41:00|-|Connected to IRC (irc.example.org)"),
    (ZNC, "no time here", 1, "raw|-|-|no time here"),
    // Eggdrop.
    (EGGDROP, "[00:06:39] <Urchlay> well if I wanna drink", 1, "message|00:06:39|Urchlay|well if I wanna drink"),
    (EGGDROP, "[00:08:17] Action: TheM4ch1n3 is 'light buzz' level atm", 1, "action|00:08:17|TheM4ch1n3|is 'light buzz' level atm"),
    (EGGDROP, "[00:07:18] egasco_ (~egasco@190.18.48.205) joined ##slackware.", 1, "system:join|00:07:18|egasco_|egasco_ (~egasco@190.18.48.205) joined ##slackware."),
    (EGGDROP, "[00:06:41] Guest86829 (~alejandro@190.250.76.206) left irc: Quit: Lost terminal", 1, "system:quit|00:06:41|Guest86829|Guest86829 (~alejandro@190.250.76.206) left irc: Quit: Lost terminal"),
    (EGGDROP, "[04:53:57] tod_ (tod_@71.46.202.184) left irc: ", 1, "system:quit|04:53:57|tod_|tod_ (tod_@71.46.202.184) left irc: "),
    (EGGDROP, "[01:13:18] chasmo (~chas@35.222-62-69.ftth.swbr.surewest.net) left ##slackware.", 1, "system:part|01:13:18|chasmo|chasmo (~chas@35.222-62-69.ftth.swbr.surewest.net) left ##slackware."),
    (EGGDROP, "[01:14:00] bob (~b@h) left ##slackware (\"Leaving\")", 1, "system:part|01:14:00|bob|bob (~b@h) left ##slackware (\"Leaving\")"),
    (EGGDROP, "[01:10:40] Nick change: FLYSWATER -> devise", 1, "system:nick|01:10:40|FLYSWATER|Nick change: FLYSWATER -> devise"),
    (EGGDROP, "[02:00:00] Topic changed on #teatime by kettle!~k@k.users.undernet.org: the kettle is on", 1, "system:topic|02:00:00|kettle|Topic changed on #teatime by kettle!~k@k.users.undernet.org: the kettle is on"),
    (EGGDROP, "[02:01:00] #teatime: mode change '+o scone' by kettle!~k@k.users.undernet.org", 1, "system:mode|02:01:00|kettle|#teatime: mode change '+o scone' by kettle!~k@k.users.undernet.org"),
    (EGGDROP, "[02:02:00] scone kicked from #teatime by kettle: behave", 1, "system:kick|02:02:00|scone|scone kicked from #teatime by kettle: behave"),
    (EGGDROP, "[02:03:00] bob (~b@h) got netsplit.", 1, "system:quit|02:03:00|bob|bob (~b@h) got netsplit."),
    (EGGDROP, "[02:04:00] -NickServ (services@services.example)- identify first", 1, "notice|02:04:00|NickServ|identify first"),
    (EGGDROP, "[00:00:00] --- Wed Jan  2 2013", 1, "header|2013-01-02T00:00:00|-|--- Wed Jan  2 2013"),
    (EGGDROP, "[00:00:00] --- Wed Jan  2 2013\n[00:00:00] Backing up user file...", 2, "system:other|2013-01-02T00:00:00|-|Backing up user file..."),
    (EGGDROP, "Backing up user file...", 1, "raw|-|-|Backing up user file..."),
    // Supybot/Limnoria ChannelLogger.
    (SUPYBOT, "2019-10-03T06:42:17  <ltsp> The operation succeeded.", 1, "message|2019-10-03T06:42:17|ltsp|The operation succeeded."),
    (SUPYBOT, "2019-10-17T05:28:55  * alkisg waves; breakfast time", 1, "action|2019-10-17T05:28:55|alkisg|waves; breakfast time"),
    (SUPYBOT, "2019-03-08T00:40:49  *** colinclark <colinclark!~colinclar@192.0.159.124> has joined #fluid-work", 1, "system:join|2019-03-08T00:40:49|colinclark|colinclark <colinclark!~colinclar@192.0.159.124> has joined #fluid-work"),
    (SUPYBOT, "2019-10-03T02:17:00  *** vagrantc <vagrantc!~vagrant@unaffiliated/vagrantc> has quit IRC (Quit: leaving)", 1, "system:quit|2019-10-03T02:17:00|vagrantc|vagrantc <vagrantc!~vagrant@unaffiliated/vagrantc> has quit IRC (Quit: leaving)"),
    (SUPYBOT, "2019-10-03T15:18:48  *** gkolomvos <gkolomvos!02577a11@h> has left #ltsp", 1, "system:part|2019-10-03T15:18:48|gkolomvos|gkolomvos <gkolomvos!02577a11@h> has left #ltsp"),
    (SUPYBOT, "2005-01-08T23:49:00  *** mgedmin is now known as mg_away", 1, "system:nick|2005-01-08T23:49:00|mgedmin|mgedmin is now known as mg_away"),
    (SUPYBOT, "2005-01-08T23:50:00  *** ChanServ sets mode: +o mgedmin", 1, "system:mode|2005-01-08T23:50:00|ChanServ|ChanServ sets mode: +o mgedmin"),
    (SUPYBOT, "2005-01-08T23:51:00  *** mgedmin changes topic to \"POV-Ray\"", 1, "system:topic|2005-01-08T23:51:00|mgedmin|mgedmin changes topic to \"POV-Ray\""),
    (SUPYBOT, "2005-01-08T23:52:00  *** troll was kicked by mgedmin (bye)", 1, "system:kick|2005-01-08T23:52:00|troll|troll was kicked by mgedmin (bye)"),
    (SUPYBOT, "2005-01-08T23:53:00  -NickServ- hello", 1, "notice|2005-01-08T23:53:00|NickServ|hello"),
    (SUPYBOT, "2005-01-08 23:53:00  <a> not a T", 1, "raw|-|-|2005-01-08 23:53:00  <a> not a T"),
    // dircproxy.
    (DIRCPROXY, "[14 Jan 12:37] <jsmith!n=jsmith@72.21.36.138> +No clue... there's probably a plugin", 1, "message|12:37:00|jsmith|No clue... there's probably a plugin"),
    (DIRCPROXY, "[14 Jan 12:36] <nombyte!n=nmcbride@h> -hey doesn't anyone know", 1, "message|12:36:00|nombyte|hey doesn't anyone know"),
    (DIRCPROXY, "[14 Jan 23:26] <stickster!n=paul@fedora/stickster> nombyte: Yes", 1, "message|23:26:00|stickster|nombyte: Yes"),
    (DIRCPROXY, "[15 Jan 13:00] * jsmith pounds his gavel on the table", 1, "action|13:00:00|jsmith|pounds his gavel on the table"),
    (DIRCPROXY, "[14 Jan 10:36] --> jsmith (n=user@68-246-114-6.area3.spcsdns.net) joined the channel", 1, "system:join|10:36:00|jsmith|jsmith (n=user@68-246-114-6.area3.spcsdns.net) joined the channel"),
    (DIRCPROXY, "[14 Jan 10:40] <-- jsmith (n=u@h) left the channel", 1, "system:part|10:40:00|jsmith|jsmith (n=u@h) left the channel"),
    (DIRCPROXY, "[14 Jan 10:41] <-- jsmith (n=u@h) quit from IRC: Ping timeout", 1, "system:quit|10:41:00|jsmith|jsmith (n=u@h) quit from IRC: Ping timeout"),
    (DIRCPROXY, "[14 Jan 10:42] <-- troll kicked off by jsmith (n=u@h): bye", 1, "system:kick|10:42:00|troll|troll kicked off by jsmith (n=u@h): bye"),
    (DIRCPROXY, "[14 Jan 10:43] --- jsmith (n=u@h) changed nickname to jsmith-away", 1, "system:nick|10:43:00|jsmith|jsmith (n=u@h) changed nickname to jsmith-away"),
    (DIRCPROXY, "[14 Jan 10:44] --- jsmith (n=u@h) changed topic: Fedora", 1, "system:topic|10:44:00|jsmith|jsmith (n=u@h) changed topic: Fedora"),
    (DIRCPROXY, "[14 Jan 10:45] --- ChanServ (s@s) changed mode: +o jsmith", 1, "system:mode|10:45:00|ChanServ|ChanServ (s@s) changed mode: +o jsmith"),
    (DIRCPROXY, "[14 Jan 11:32] *** You disconnected", 1, "system:other|11:32:00|-|You disconnected"),
    (DIRCPROXY, "[14 Jan 11:33] -NickServ!s@s- This nickname is registered", 1, "notice|11:33:00|NickServ|This nickname is registered"),
    (DIRCPROXY, "[Tue 11:04:55] <m4nu> not dircproxy", 1, "raw|-|-|[Tue 11:04:55] <m4nu> not dircproxy"),
    // mIRC.
    (MIRC, "\r\nSession Start: Mon Dec 29 19:37:51 2014\r\n", 2, "header|-|-|Session Start: Mon Dec 29 19:37:51 2014"),
    (MIRC, "Session Ident: #salamanders", 1, "header|-|-|Session Ident: #salamanders"),
    (MIRC, "Session Start: Mon Dec 29 19:37:51 2014\r\n\u{3}01[19:37] <@conkerer> testing\r\n", 2, "message|2014-12-29T19:37:00|conkerer|testing"),
    (MIRC, "\u{3}03[19:37] * Now talking in #salamanders", 1, "system:join|19:37:00|-|Now talking in #salamanders"),
    (MIRC, "\u{3}03[19:37] * irc.cyberdynesystems.net sets mode: +nt", 1, "system:mode|19:37:00|irc.cyberdynesystems.net|irc.cyberdynesystems.net sets mode: +nt"),
    (MIRC, "\u{3}04,01\u{2}[19:38] <bob> \u{2}bold\u{2} text", 1, "message|19:38:00|bob|\u{2}bold\u{2} text"),
    (MIRC, "[19:39] * bob waves", 1, "action|19:39:00|bob|waves"),
    (MIRC, "[19:40] * Joins: alice (a@host)", 1, "system:join|19:40:00|alice|Joins: alice (a@host)"),
    (MIRC, "[19:41] * alice has quit IRC (Quit: bye)", 1, "system:quit|19:41:00|alice|alice has quit IRC (Quit: bye)"),
    (MIRC, "[19:42] * troll was kicked by bob (bye)", 1, "system:kick|19:42:00|troll|troll was kicked by bob (bye)"),
    (MIRC, "Session Close: Mon Dec 29 19:38:38 2014", 1, "header|-|-|Session Close: Mon Dec 29 19:38:38 2014"),
    (MIRC, "\u{3}03", 1, "raw|-|-|\u{3}03"),
    // `HH:MM:SS <nick>` logs.
    (CLOCK, "12:02:26 <bcotton> #startmeeting Magazine editorial board", 1, "message|12:02:26|bcotton|#startmeeting Magazine editorial board"),
    (CLOCK, "20:58:32  <unixfr3ak> dev meeting eh?", 1, "message|20:58:32|unixfr3ak|dev meeting eh?"),
    (CLOCK, "20:59:27  -*- dream turns on devo", 1, "action|20:59:27|dream|turns on devo"),
    (CLOCK, "12:05:28 * bcotton pours sysoplab some coffee", 1, "action|12:05:28|bcotton|pours sysoplab some coffee"),
    (CLOCK, "21:05:28  -=- Sie sind nun als welterde bekannt", 1, "system:nick|21:05:28|-|Sie sind nun als welterde bekannt"),
    (CLOCK, "21:06:00  *** str4d is now known as str4d_afk", 1, "system:nick|21:06:00|str4d|str4d is now known as str4d_afk"),
    (CLOCK, "21:07:00 * bob has joined #i2p", 1, "system:join|21:07:00|bob|bob has joined #i2p"),
    (CLOCK, "21:08 <bob> no seconds", 1, "message|21:08:00|bob|no seconds"),
    (CLOCK, "* Meeting summary", 1, "raw|-|-|* Meeting summary"),
    // Logs with no times.
    (PLAIN, "<eche|on> 0) Hi", 1, "message|-|eche|on|0) Hi"),
    (PLAIN, "< zzz>  padded", 1, "message|-|zzz|padded"),
    (PLAIN, "<@op> with a mode", 1, "message|-|op|with a mode"),
    (PLAIN, "* str4d waves", 1, "action|-|str4d|waves"),
    (PLAIN, "-NickServ- hello", 1, "notice|-|NickServ|hello"),
    (PLAIN, "*** bob has joined #i2p", 1, "system:join|-|bob|bob has joined #i2p"),
    (PLAIN, "just some words", 1, "raw|-|-|just some words"),
    // Bracketed `[HH:MM]` logs with mIRC's event wording.
    (BRACKET, "[21:13] * UserX has joined #iip-dev", 1, "system:join|21:13:00|UserX|UserX has joined #iip-dev"),
    (BRACKET, "[21:20] * ion has quit IRC (Ping timeout\u{f})", 1, "system:quit|21:20:00|ion|ion has quit IRC (Ping timeout\u{f})"),
    (BRACKET, "[22:05] * mihi_away is now known as mihi", 1, "system:nick|22:05:00|mihi_away|mihi_away is now known as mihi"),
    (BRACKET, "[22:06] * mihi hands jrandom the *baf*er", 1, "action|22:06:00|mihi|hands jrandom the *baf*er"),
    (BRACKET, "Session Time: Wed Jan 07 00:00:00 2004", 1, "header|-|-|Session Time: Wed Jan 07 00:00:00 2004"),
    (BRACKET, "Session Time: Wed Jan 07 00:00:00 2004\n[00:01] <a> b", 2, "message|2004-01-07T00:01:00|a|b"),
    (BRACKET, "", 0, ""),
];

#[test]
fn each_case_reads_as_expected() {
    check_cases(CASES);
}

#[test]
fn detects_the_format() {
    let cases: &[(&str, Format)] = &[
        ("[02:06:03] *** Quits: f10 (~flo@ ) (Ping timeout)\n[02:12:50] *** Joins: Rowen (~r@ )\n[10:44:14] <zetok> hi\n[10:44:20] <tux3> hello\n", ZNC),
        ("[00:06:39] <Urchlay> well\n[00:06:41] Guest (~a@h) left irc: Quit: bye\n[00:07:04] <Urchlay> nothing here\n[00:08:17] Action: TheM4ch1n3 waves\n", EGGDROP),
        ("2005-01-08T23:33:54  *** povbot has joined #pov\n2005-01-08T23:34:46  <mgedmin> let's see\n2005-01-08T23:47:19  <povbot> ok\n", SUPYBOT),
        ("[14 Jan 10:36] --> jsmith (n=u@h) joined the channel\n[14 Jan 11:32] *** You disconnected\n[14 Jan 12:37] <jsmith!n=j@h> +No clue\n", DIRCPROXY),
        ("\r\nSession Start: Mon Dec 29 19:37:51 2014\r\nSession Ident: #salamanders\r\n\u{3}03[19:37] * Now talking in #salamanders\r\n\u{3}01[19:37] <@conkerer> testing\r\nSession Close: Mon Dec 29 19:38:38 2014\r\n", MIRC),
        ("20:58:32  <unixfr3ak> dev meeting eh?\n20:59:27  -*- dream turns on devo\n21:00:25  <welt> dream: ah\n", CLOCK),
        ("12:02:26 <bcotton> #startmeeting Magazine\n12:02:26 <zodbot> Meeting started\n12:05:28 * bcotton pours coffee\n", CLOCK),
        ("<eche|on> 0) Hi\n<eche|on> 1) status\n<zlatinb> hi\n<str4d> hi\n", PLAIN),
        ("[21:09] <jrand0m> ok\n[21:13] * UserX has joined #iip-dev\n[21:13] <jrand0m> hey, its UserX\n[21:20] * ion has quit IRC (Ping timeout)\n", BRACKET),
        ("[03:10] <a> hi\n=== b [~b@h] has joined #ubuntu\n[03:11] <b> hello\n", BRACKET),
    ];
    check_detection(cases);
}

#[test]
fn dircproxy_takes_its_year_from_the_file_name() {
    let log = parse_file(b"[14 Jan 12:37] <jsmith!n=j@h> +hi\n", Some("2009-01-14-dircproxy.log"), Some(DIRCPROXY));
    assert_eq!(describe_line(&log, 1), "message|2009-01-14T12:37:00|jsmith|hi");
}

#[test]
fn a_mirc_session_names_the_channel_and_the_date() {
    let log = parse(b"Session Start: Mon Dec 29 19:37:51 2014\r\nSession Ident: #salamanders\r\n", Some(MIRC));
    assert_eq!(log.meta.channel.as_deref(), Some("#salamanders"));
    assert_eq!(log.meta.date.map(|date| date.to_string()).as_deref(), Some("2014-12-29"));
}

/// Cut short anywhere, a line of these formats still reads, with spans inside the line.
#[test]
fn every_prefix_of_every_case_reads_without_panic() {
    for (_, input, _, _) in CASES {
        for (cut, _) in input.char_indices() {
            for format in ALL_OF_THEM {
                let log = parse_text(Rc::from(&input[..cut]), Some(format));
                for line in &log.lines {
                    let span = line.span.range();
                    let inside = |range: std::ops::Range<usize>| span.start <= range.start && range.start <= range.end && range.end <= span.end;
                    assert!(inside(line.body.range()), "{format:?} body of {:?}", &input[..cut]);
                    assert!(line.nick.is_none_or(|nick| inside(nick.range())), "{format:?} nick of {:?}", &input[..cut]);
                    assert!(log.text.get(line.body.range()).is_some());
                }
            }
        }
    }
}
