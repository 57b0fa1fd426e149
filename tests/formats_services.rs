//! Table-driven cases for the service and bot log formats: ISO-bracketed bot logs, W3C scribe
//! logs, Gitter copies, the zig logger's records, Pidgin text and Madoka.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use std::rc::Rc;

use cases::{check_cases, check_detection};
use scrollback::model::Format;
use scrollback::report::describe_line;
use scrollback::parse::{parse, parse_text};

const ISO: Format = Format::BracketIso;
const W3C: Format = Format::W3cScribe;
const GITTER: Format = Format::Gitter;
const ZIG: Format = Format::ZigRecords;
const PIDGIN: Format = Format::PidginText;
const MADOKA: Format = Format::Madoka;

/// (format, input, 1-based line to look at, expected `kind|time|nick|body`)
const CASES: &[(Format, &str, usize, &str)] = &[
    // The Cinch-style bot: `nick: text` and comma events.
    (ISO, "[2013-09-04 11:50:32] Ahmed_: ddary: good morning", 1, "message|2013-09-04T11:50:32|Ahmed_|ddary: good morning"),
    (ISO, "[2013-09-04 09:11:29] ddary: :help", 1, "message|2013-09-04T09:11:29|ddary|:help"),
    (ISO, "[2013-09-04 01:56:44] jlipps, joining. (#selendroid)", 1, "system:join|2013-09-04T01:56:44|jlipps|jlipps, joining. (#selendroid)"),
    (ISO, "[2015-06-29 12:26:22] selendroid-git, leaving. (#selendroid)", 1, "system:part|2015-06-29T12:26:22|selendroid-git|selendroid-git, leaving. (#selendroid)"),
    (ISO, "[2013-09-04 01:04:25] lukeis, quitting. (Quit: Leaving.)", 1, "system:quit|2013-09-04T01:04:25|lukeis|lukeis, quitting. (Quit: Leaving.)"),
    (ISO, "[2013-09-04 00:01:36] Ahmed_, changing nick to Guest61694.", 1, "system:nick|2013-09-04T00:01:36|Ahmed_|Ahmed_, changing nick to Guest61694."),
    (ISO, "[2013-09-04 00:01:36] Ahmed_, doing something odd.", 1, "system:other|2013-09-04T00:01:36|Ahmed_|Ahmed_, doing something odd."),
    (ISO, "[2015-06-29 21:30:56] *asm89 shrugs'", 1, "action|2015-06-29T21:30:56|asm89|shrugs"),
    // The Telegram relay: the bot is the nick, `<user>: text` the body.
    (ISO, "[2017-03-17 10:21:46] <SITCON-tgBot>: <pcchou>: @scottlin", 1, "message|2017-03-17T10:21:46|SITCON-tgBot|<pcchou>: @scottlin"),
    (ISO, "[2017-03-17 10:21:46] <nightfeather[R2]>: hi", 1, "message|2017-03-17T10:21:46|nightfeather[R2]|hi"),
    // The IRCCloud-like export.
    (ISO, "[2017-08-24 16:59:59] <DennyHuang> 安安", 1, "message|2017-08-24T16:59:59|DennyHuang|安安"),
    (ISO, "# 2017-08-24\r\n\r\n[2017-08-24 01:12:24] → Joined channel #HITCON\r\n", 1, "header|-|-|# 2017-08-24"),
    (ISO, "# 2017-08-24\r\n\r\n[2017-08-24 01:12:24] → Joined channel #HITCON\r\n", 3, "system:join|2017-08-24T01:12:24|-|Joined channel #HITCON"),
    (ISO, "[2017-08-24 01:46:06] → PichuChen joined (~PichuChen@v157-7-236-149.z1d7.static.cnode.jp)", 1, "system:join|2017-08-24T01:46:06|PichuChen|PichuChen joined (~PichuChen@v157-7-236-149.z1d7.static.cnode.jp)"),
    (ISO, "[2017-08-24 01:57:27] ⇐ PichuChen quit (~P@h): Ping timeout: 240 seconds", 1, "system:quit|2017-08-24T01:57:27|PichuChen|PichuChen quit (~P@h): Ping timeout: 240 seconds"),
    (ISO, "[2017-08-24 17:42:43] ← Chad___ left (76a319e4@gateway/web/freenode/ip.118.163.25.228): ", 1, "system:part|2017-08-24T17:42:43|Chad___|Chad___ left (76a319e4@gateway/web/freenode/ip.118.163.25.228): "),
    (ISO, "[2017-08-24 11:43:37] * harry → Guest43165", 1, "system:nick|2017-08-24T11:43:37|harry|harry → Guest43165"),
    (ISO, "[2017-08-24 18:38:18] * allenown set +o HITCON", 1, "system:mode|2017-08-24T18:38:18|allenown|allenown set +o HITCON"),
    (ISO, "[2017-08-25 09:45:05] * allenown set the topic to HITCON 2017 CMT", 1, "system:topic|2017-08-25T09:45:05|allenown|allenown set the topic to HITCON 2017 CMT"),
    (ISO, "[2017-08-24 01:12:25] * Channel mode is +cnt", 1, "system:other|2017-08-24T01:12:25|-|Channel mode is +cnt"),
    (ISO, "[2017-08-25 09:41:30] — oldmannut hugs kaka", 1, "action|2017-08-25T09:41:30|oldmannut|hugs kaka"),
    (ISO, "[2017-08-25 09:41:30] * oldmannut waves", 1, "action|2017-08-25T09:41:30|oldmannut|waves"),
    (ISO, "[2017-08-25 09:41:30]", 1, "raw|2017-08-25T09:41:30|-|[2017-08-25 09:41:30]"),
    (ISO, "[2017-13-25 09:41:30] x: y", 1, "raw|-|-|[2017-13-25 09:41:30] x: y"),
    // W3C scribe logs, old client: the weekday only.
    (W3C, "[Tue 11:04:56] <dlongley>\tscribe: dlongley", 1, "message|11:04:56|dlongley|scribe: dlongley"),
    (W3C, "[Tue 11:06:13] <m4nu>\tTopic: Introduction of new Members", 1, "message|11:06:13|m4nu|Topic: Introduction of new Members"),
    (W3C, "[Tue 11:06:22] *\tcmcavoy (~cmcavoy@207.58.203.50) has joined #credentials", 1, "system:join|11:06:22|cmcavoy|cmcavoy (~cmcavoy@207.58.203.50) has joined #credentials"),
    (W3C, "[Tue 11:52:44] *\tcmcavoy has quit (Quit: cmcavoy)", 1, "system:quit|11:52:44|cmcavoy|cmcavoy has quit (Quit: cmcavoy)"),
    (W3C, "[Tue 11:52:44] *\told is now known as new", 1, "system:nick|11:52:44|old|old is now known as new"),
    (W3C, "[Tue 11:42:06] *\tdlongley thanks", 1, "action|11:42:06|dlongley|thanks"),
    // New form: ISO with milliseconds; a space may stand for the TAB.
    (W3C, "[2020-01-07T17:04:33.555Z]\t<ChristopherA>\tpresent+", 1, "message|2020-01-07T17:04:33|ChristopherA|present+"),
    (W3C, "[2025-04-13T15:00:43.669Z]\t<Dmitri_Zagidulin> agenda: https://example.org/", 1, "message|2025-04-13T15:00:43|Dmitri_Zagidulin|agenda: https://example.org/"),
    (W3C, "[2025-04-14T15:00:48.354Z]\t<Don_Presant,_Learning_Agents,_🇨🇦>\tpresent+", 1, "message|2025-04-14T15:00:48|Don_Presant,_Learning_Agents,_🇨🇦|present+"),
    (W3C, "[2025-04-14T15:06:09.453Z]\t<Don>\tCall for contributions\nepic.openrecognition.org", 2, "continuation|-|-|epic.openrecognition.org"),
    (W3C, "[Xyz 11:04:56] <dlongley>\tscribe: dlongley", 1, "raw|-|-|[Xyz 11:04:56] <dlongley>\tscribe: dlongley"),
    // Gitter copies.
    (GITTER, "2016-10-28 07:06:08 < mkidyt > Hello, 測試中", 1, "message|2016-10-28T07:06:08|mkidyt|Hello, 測試中"),
    (GITTER, "2016-10-29 01:08:01 < NightFeather >  ' A')", 1, "message|2016-10-29T01:08:01|NightFeather|' A')"),
    (GITTER, "2016-10-29 01:08:01 < NightFeather > ", 1, "message|2016-10-29T01:08:01|NightFeather|"),
    (GITTER, "# Day0\n\n2016-10-28 07:06:08 < mkidyt > Hello", 1, "header|-|-|# Day0"),
    (GITTER, "2016-10-29 15:59:18 < liuyuchih > - 有獎實作1：\n1. 使用AWS\n\n- 有獎實作2：", 2, "continuation|-|-|1. 使用AWS"),
    (GITTER, "2016-10-29 15:59:18 < liuyuchih > - 有獎實作1：\n1. 使用AWS\n\n- 有獎實作2：", 4, "continuation|-|-|- 有獎實作2："),
    (GITTER, "2016-10-29 15:59:18 < liuyuchih > notes:\n# not a heading", 2, "continuation|-|-|# not a heading"),
    (GITTER, "2016-10-29 01:08:01 <NightFeather> hi", 1, "raw|-|-|2016-10-29 01:08:01 <NightFeather> hi"),
    // The zig logger: epoch, nick, text, blank.
    (ZIG, "1519907179\nhoppetosse\nandrewrk: so close\n\n", 1, "header|2018-03-01T12:26:19|-|1519907179"),
    (ZIG, "1519907179\nhoppetosse\nandrewrk: so close\n\n", 2, "message|2018-03-01T12:26:19|hoppetosse|"),
    (ZIG, "1519907179\nhoppetosse\nandrewrk: so close\n\n", 3, "continuation|-|-|andrewrk: so close"),
    (ZIG, "1519907179\nhoppetosse\nandrewrk: so close\n\n", 4, "blank|-|-|"),
    (ZIG, "1519907688\nhoppetosse\n\n\n1519907703\nMajorLag\nI just commented", 6, "message|2018-03-01T12:35:03|MajorLag|"),
    (ZIG, "1587108204\nshakesoda\n5076\n", 3, "continuation|-|-|5076"),
    (ZIG, "1587108204000\nshakesoda\nmilliseconds", 2, "message|2020-04-17T07:23:24|shakesoda|"),
    (ZIG, "1519907179\nhoppetosse\nfirst line\nsecond line", 4, "continuation|-|-|second line"),
    (ZIG, "not a record", 1, "raw|-|-|not a record"),
    // Pidgin text.
    (PIDGIN, "(04:00:50 PM) eyedeekay1: 1) Hi", 1, "message|16:00:50|eyedeekay1|1) Hi"),
    (PIDGIN, "(12:01:59 AM) zzz: after midnight", 1, "message|00:01:59|zzz|after midnight"),
    (PIDGIN, "(12:01:59 PM) zzz: noon", 1, "message|12:01:59|zzz|noon"),
    (PIDGIN, "(16:00:50) zzz: a 24-hour clock", 1, "message|16:00:50|zzz|a 24-hour clock"),
    (PIDGIN, "(02/05/2020 12:00:01 AM) zzz: a new day", 1, "message|2020-02-05T00:00:01|zzz|a new day"),
    (PIDGIN, "(04:00:50 PM) zzz [~zzz@host] entered the room.", 1, "system:join|16:00:50|zzz|zzz [~zzz@host] entered the room."),
    (PIDGIN, "(04:00:50 PM) zzz left the room (quit: Ping timeout).", 1, "system:quit|16:00:50|zzz|zzz left the room (quit: Ping timeout)."),
    (PIDGIN, "(04:00:50 PM) zzz left the room.", 1, "system:part|16:00:50|zzz|zzz left the room."),
    (PIDGIN, "(04:00:50 PM) zzz is now known as zzz_.", 1, "system:nick|16:00:50|zzz|zzz is now known as zzz_."),
    (PIDGIN, "(04:00:50 PM) zzz has changed the topic to: meeting", 1, "system:topic|16:00:50|zzz|zzz has changed the topic to: meeting"),
    (PIDGIN, "(04:00:50 PM) The topic for #i2p-dev is: meeting", 1, "system:topic|16:00:50|-|The topic for #i2p-dev is: meeting"),
    (PIDGIN, "(04:00:50 PM) ***zzz waves", 1, "action|16:00:50|zzz|waves"),
    (PIDGIN, "(04:00:50 PM) John Smith: hi", 1, "message|16:00:50|John Smith|hi"),
    (PIDGIN, "Conversation with #i2p-dev at Tue 04 Feb 2020 04:00:50 PM UTC on me@irc.freenode.net (irc)\n(04:00:50 PM) zzz: hi", 2, "message|2020-02-04T16:00:50|zzz|hi"),
    (PIDGIN, "(04:00:50 PM) zzz: a long\nsecond line", 2, "continuation|-|-|second line"),
    (PIDGIN, "(13:00:50 PM) zzz: no such hour", 1, "raw|-|-|(13:00:50 PM) zzz: no such hour"),
    // Madoka, decoded.
    (MADOKA, "12:34:56 <#cre:Toybox> てすと", 1, "message|12:34:56|Toybox|てすと"),
    (MADOKA, "12:34:56 >#cre:ocha< 自分", 1, "message|12:34:56|ocha|自分"),
    (MADOKA, "12:34:56 (#cre:Toybox) お知らせ", 1, "notice|12:34:56|Toybox|お知らせ"),
    (MADOKA, "05:00:17 + dice2(~dice@sv1.trpg.net) to #もの書き with +o", 1, "system:join|05:00:17|dice2|dice2(~dice@sv1.trpg.net) to #もの書き with +o"),
    (MADOKA, "05:00:17 - ocha from #cre (さようなら)", 1, "system:part|05:00:17|ocha|ocha from #cre (さようなら)"),
    (MADOKA, "08:54:52 - ocha by Toybox from #cre (ごめんね。)", 1, "system:kick|08:54:52|ocha|ocha by Toybox from #cre (ごめんね。)"),
    (MADOKA, "19:04:12 ! ocha (\"さようなら\")", 1, "system:quit|19:04:12|ocha|ocha (\"さようなら\")"),
    (MADOKA, "12:34:56 ocha -> ocha[away]", 1, "system:nick|12:34:56|ocha|ocha -> ocha[away]"),
    (MADOKA, "14:12:46 [!] nick changed (dice2 -> dice)", 1, "system:nick|14:12:46|dice2|[!] nick changed (dice2 -> dice)"),
    (MADOKA, "00:38:04 Topic of channel #kataribe by sf: 創作TRPG語り部関係雑談", 1, "system:topic|00:38:04|sf|Topic of channel #kataribe by sf: 創作TRPG語り部関係雑談"),
    (MADOKA, "01:05:52 Mode by Toybox: #もの書き +v ocha ", 1, "system:mode|01:05:52|Toybox|Mode by Toybox: #もの書き +v ocha "),
    (MADOKA, "03:00:00 [!] auto down", 1, "system:other|03:00:00|-|[!] auto down"),
    (MADOKA, "2000/02/07 03:00:00\n03:01:00 <#cre:a> b", 1, "header|2000-02-07T03:00:00|-|2000/02/07 03:00:00"),
    (MADOKA, "2000/02/07 03:00:00\n03:01:00 <#cre:a> b", 2, "message|2000-02-07T03:01:00|a|b"),
    (MADOKA, "12:34 <#cre:Toybox> no seconds", 1, "raw|-|-|12:34 <#cre:Toybox> no seconds"),
    (MADOKA, "", 0, ""),
];

#[test]
fn each_case_reads_as_expected() {
    check_cases(CASES);
}

#[test]
fn detects_the_format() {
    let cases: &[(&str, Format)] = &[
        (
            "[2013-09-04 09:11:11] ddary, joining. (#selendroid)\n[2013-09-04 09:11:29] ddary: :help\n[2013-09-04 09:30:50] ddary, quitting. (Quit: bye)\n",
            ISO,
        ),
        ("[2017-03-17 10:21:46] <SITCON-tgBot>: <pcchou>: @scottlin\n[2017-03-17 10:22:54] <SITCON-tgBot>: <tonyhhyip>: 問掛\n", ISO),
        (
            "# 2017-08-24\r\n\r\n[2017-08-24 01:12:24] → Joined channel #HITCON\r\n[2017-08-24 01:12:25] * Channel mode is +cnt\r\n[2017-08-24 16:59:59] <DennyHuang> 安安\r\n",
            ISO,
        ),
        ("[Tue 11:04:55] <m4nu>\tAgenda: http://example.org/\n[Tue 11:04:56] <dlongley>\tscribe: dlongley\n[Tue 11:06:22] *\tcmcavoy (~c@h) has joined #credentials\n", W3C),
        ("[2020-01-07T17:04:33.555Z]\t<ChristopherA>\tpresent+\n[2020-01-07T17:04:44.818Z]\t<manu>\tpresent+\n", W3C),
        ("# Day0\n\n2016-10-28 07:06:08 < mkidyt > Hello\n2016-10-28 07:44:54 < tpai > （探頭\ncontinued\n", GITTER),
        ("1519907179\nhoppetosse\nandrewrk: so close\n\n1519907200\nhoppetosse\nnote: integer value\n\n", ZIG),
        ("\n(04:00:50 PM) eyedeekay1: Hello\n(04:02:38 PM) zzz: hi\n(04:03:31 PM) zlatinb: hi\n", PIDGIN),
        ("12:34:56 <#cre:Toybox> てすと\n19:04:12 ! ocha (\"さようなら\")\n", MADOKA),
        ("08:54:52 - ocha by Toybox from #cre (ごめんね。)\n", MADOKA),
    ];
    check_detection(cases);
}

#[test]
fn an_iso_2022_jp_madoka_line_is_decoded_and_read() {
    let bytes = b"12:34:56 <#cre:Toybox> \x1b$B$F$9$H\x1b(B\n";
    let log = parse(bytes, None);
    assert_eq!(log.format, MADOKA);
    assert_eq!(describe_line(&log, 1), "message|12:34:56|Toybox|てすと");
}

#[test]
fn a_day_heading_dates_the_lines_after_it() {
    let log = parse_text(Rc::from("# 2017-08-24\n\n[2017-08-24 01:12:24] <a> b\n"), Some(ISO));
    assert_eq!(describe_line(&log, 3), "message|2017-08-24T01:12:24|a|b");
}

/// Cut short anywhere, a line of these formats still reads, with spans inside the line.
#[test]
fn every_prefix_of_every_case_reads_without_panic() {
    for (_, input, _, _) in CASES {
        for (cut, _) in input.char_indices() {
            for format in [ISO, W3C, GITTER, ZIG, PIDGIN, MADOKA] {
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
