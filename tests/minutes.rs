//! MeetBot's minutes (`NAME.txt`, `NAME.html`): read as a log of the commands that made them,
//! their own agenda, and laid over the meeting's log when both are loaded.

#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
#[allow(dead_code)]
mod shared;

use scrollback::agenda::{analyse, link_minutes, Boundary, ItemKind};
use scrollback::model::{Format, LineKind, Log};
use scrollback::parse::parse_file;
use shared::shared;

/// Minutes as MeetBot writes them, cut short, with a bullet wrapped over two lines and its
/// `(nick, time)` on the second.
const MINUTES_TEXT: &str = "\
===================================
#scrollback: scrollback weekly 2026
===================================


Meeting started by ann at 10:00:02 UTC. The full logs are available at
weekly.log.html .



Meeting summary
---------------
* Release  (ann, 10:00:10)
  * AGREED: ship on Friday  (ann, 10:01:00)
  * ACTION: bob to tag the release and write the notes for it, then tell
    everyone  (ann, 10:02:30)

* AOB  (ann, 10:03:00)
  * LINK: https://example.org/plan  (bob, 10:03:20)

Meeting ended at 10:04:00 UTC.




Action Items
------------
* bob to tag the release and write the notes for it, then tell everyone
";

/// The same meeting's log, as MeetBot's `.log.txt`.
const LOG_TEXT: &str = "\
10:00:02 <ann> #startmeeting scrollback weekly 2026
10:00:05 <bob> hi
10:00:10 <ann> #topic Release
10:00:40 <bob> Friday works for me
10:01:00 <ann> #agreed ship on Friday
10:02:30 <ann> #action bob to tag the release and write the notes for it, then tell everyone
10:03:00 <ann> #topic AOB
10:03:20 <bob> #link https://example.org/plan
10:04:00 <ann> #endmeeting
";

/// The minutes as HTML: tags across lines, an entity, the label in its own element.
const MINUTES_HTML: &str = r#"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>#scrollback: scrollback weekly 2026</title>
</head>
<body>
<h1>#scrollback: scrollback weekly 2026</h1>
<span class="details">
Meeting started by ann at 10:00:02 UTC
(<a href="weekly.log.html">full logs</a>).</span>
<h3>Meeting summary</h3>
<ol>
<li><b class="TOPIC">Release</b> <span class="details">(<a href='weekly.log.html#l-3'>ann</a>, 10:00:10)</span>
<ol type="a">
  <li><i class="itemtype">AGREED</i>: <span class="AGREED">ship on Friday &amp; celebrate</span> <span
    class="details">(<a href='weekly.log.html#l-5'>ann</a>,
    10:01:00)</span></li>
</ol>
<br></li>
</ol>
<br><br>
Meeting ended at 10:04:00 UTC
<h3>People present (lines said)</h3>
<ol><li>ann (5)</li></ol>
</body></html>
"#;

fn commands(log: &Log) -> Vec<(usize, String, String, String)> {
    log.lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.kind == LineKind::Message)
        .map(|(index, line)| (index + 1, log.nick(line).unwrap_or("").to_owned(), line.time.map(|stamp| stamp.time.to_string()).unwrap_or_default(), log.body(line).to_owned()))
        .collect()
}

#[test]
fn text_minutes_read_as_the_commands_that_made_them() {
    let log = parse_file(MINUTES_TEXT.as_bytes(), Some("weekly.txt"), None);
    assert_eq!(log.format, Format::MeetbotMinutes);
    assert_eq!(log.lines.len(), MINUTES_TEXT.lines().count(), "one model line per source line");
    assert_eq!(log.meta.title.as_deref(), Some("#scrollback: scrollback weekly 2026"));
    assert_eq!(log.meta.channel.as_deref(), Some("#scrollback"));
    let said = |line: usize, nick: &str, time: &str, body: &str| (line, nick.to_owned(), time.to_owned(), body.to_owned());
    assert_eq!(
        commands(&log),
        [
            said(6, "ann", "10:00:02", "#startmeeting scrollback weekly 2026"),
            said(13, "ann", "10:00:10", "#topic Release"),
            said(14, "ann", "10:01:00", "#agreed ship on Friday"),
            said(15, "ann", "10:02:30", "#action bob to tag the release and write the notes for it, then tell everyone"),
            said(18, "ann", "10:03:00", "#topic AOB"),
            said(19, "bob", "10:03:20", "#link https://example.org/plan"),
            said(21, "ann", "10:04:00", "#endmeeting"),
        ]
    );
    assert_eq!(log.lines[15].kind, LineKind::Markup, "the wrapped half of a bullet is the bullet's");
    assert_eq!(log.lines[1].kind, LineKind::Header, "the title");
    assert!(log.lines.iter().all(|line| line.kind != LineKind::Raw), "every line is understood");
}

#[test]
fn html_minutes_read_like_text_minutes() {
    let log = parse_file(MINUTES_HTML.as_bytes(), Some("weekly.html"), None);
    assert_eq!(log.format, Format::MeetbotMinutes);
    assert_eq!(log.lines.len(), MINUTES_HTML.lines().count());
    let bodies: Vec<String> = commands(&log).into_iter().map(|(line, nick, time, body)| format!("L{line} {nick} {time} {body}")).collect();
    assert_eq!(
        bodies,
        [
            "L9 ann 10:00:02 #startmeeting scrollback weekly 2026",
            "L13 ann 10:00:10 #topic Release",
            "L15 ann 10:01:00 #agreed ship on Friday & celebrate",
            "L22 ann 10:04:00 #endmeeting",
        ]
    );
    assert!(log.lines.iter().all(|line| line.kind != LineKind::Raw));
}

#[test]
fn minutes_are_no_conversation() {
    let minutes = parse_file(MINUTES_TEXT.as_bytes(), None, None);
    let threads = scrollback::thread::analyse(&minutes);
    assert!((0..minutes.lines.len()).all(|line| threads.reply_to(line).next().is_none()), "no line of minutes answers another");
    let log = parse_file(LOG_TEXT.as_bytes(), None, None);
    let threads = scrollback::thread::analyse(&log);
    assert!((0..log.lines.len()).any(|line| threads.reply_to(line).next().is_some()), "the meeting itself is a conversation");
}

#[test]
fn minutes_alone_give_their_own_agenda() {
    let agenda = analyse(&parse_file(MINUTES_TEXT.as_bytes(), None, None));
    assert_eq!(agenda.chair.as_deref(), Some("ann"));
    assert_eq!(agenda.meeting_name.as_deref(), Some("scrollback weekly 2026"));
    assert_eq!(agenda.sections.iter().map(|section| section.title.as_str()).collect::<Vec<_>>(), ["Release", "AOB"]);
    let items: Vec<(ItemKind, &str)> = agenda.items.iter().map(|item| (item.kind, item.text.as_str())).collect();
    assert_eq!(
        items,
        [
            (ItemKind::Agreed, "ship on Friday"),
            (ItemKind::Action, "bob to tag the release and write the notes for it, then tell everyone"),
            (ItemKind::Link, "https://example.org/plan")
        ]
    );
    assert_eq!(agenda.items[1].owners, ["bob"]);
}

#[test]
fn minutes_laid_over_their_log_link_each_topic_and_item_to_its_line() {
    let log = parse_file(LOG_TEXT.as_bytes(), Some("weekly.log.txt"), None);
    for minutes_text in [MINUTES_TEXT, MINUTES_HTML] {
        let minutes = parse_file(minutes_text.as_bytes(), None, None);
        let linked = link_minutes(&minutes, &log).expect("these are the log's minutes");
        let sections: Vec<(&str, usize, usize, Boundary)> = linked.agenda.sections.iter().map(|section| (section.title.as_str(), section.first + 1, section.last + 1, section.how)).collect();
        let items: Vec<usize> = linked.agenda.items.iter().map(|item| item.line + 1).collect();
        if minutes_text == MINUTES_TEXT {
            assert_eq!(sections, [("Release", 3, 6, Boundary::Minutes), ("AOB", 7, 9, Boundary::Minutes)]);
            assert_eq!(items, [5, 6, 8]);
            assert_eq!((linked.placed, linked.unplaced.len()), (5, 0));
            assert_eq!(linked.agenda.sections[0].participants, [("ann".to_owned(), 3), ("bob".to_owned(), 1)]);
        } else {
            assert_eq!(sections, [("Release", 3, 9, Boundary::Minutes)]);
            assert_eq!(items, [5], "the item's text differs (`& celebrate`), its person, second and command do not");
        }
        assert_eq!(linked.agenda.ended, Some(8));
    }
}

#[test]
fn what_the_log_does_not_have_is_listed_and_other_meetings_do_not_link() {
    let log = parse_file(LOG_TEXT.replace("10:03:20 <bob> #link", "10:03:21 <bob> #link").as_bytes(), None, None);
    let linked = link_minutes(&parse_file(MINUTES_TEXT.as_bytes(), None, None), &log).expect("most of it is there");
    assert_eq!(linked.unplaced, ["#link https://example.org/plan (bob, 10:03:20)"]);
    assert_eq!(linked.agenda.items.len(), 2);

    let other = parse_file(b"11:00:00 <carl> #startmeeting other\n11:00:10 <carl> #topic Something else\n11:05:00 <carl> #endmeeting\n", None, None);
    assert!(link_minutes(&parse_file(MINUTES_TEXT.as_bytes(), None, None), &other).is_none());
    assert!(link_minutes(&log, &log).is_none(), "a log is no minutes");
}

/// The corpus's minutes and logs: each pair links, every topic and item of the minutes is found
/// in the log, and they give the sections the log's own MeetBot commands give and its items
/// (MeetBot leaves a repeated `#link` out of its minutes, and Fedora's minutes a bare link too).
#[test]
fn corpus_minutes_link_to_their_logs_as_the_logs_own_commands_do() {
    let Some(meetbot) = shared("corpus/meetbot") else { return };
    let read = |name: &str| {
        let path = meetbot.join(name);
        parse_file(&std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display())), Some(name), None)
    };
    let pairs = [
        ("asbroker.2018-05-01-13.32.txt", "asbroker.2018-05-01-13.32.log.txt"),
        ("asbroker.2018-05-01-13.32.html", "asbroker.2018-05-01-13.32.log.txt"),
        ("asbroker.2018-05-01-13.32.txt", "asbroker.2018-05-01-13.32.log.html"),
        ("asbroker.2018-05-01-13.32.html", "asbroker.2018-05-01-13.32.log.html"),
        ("asbroker.2018-06-05-13.31.txt", "asbroker.2018-06-05-13.31.log.txt"),
        ("magazine.2020-06-10-12.02.txt", "magazine.2020-06-10-12.02.log.txt"),
        ("magazine.2020-06-10-12.02.html", "magazine.2020-06-10-12.02.log.txt"),
        ("magazine.2020-06-10-12.02.html", "magazine.2020-06-10-12.02.log.html"),
    ];
    for (minutes_name, log_name) in pairs {
        let (minutes, log) = (read(minutes_name), read(log_name));
        assert_eq!(minutes.format, Format::MeetbotMinutes, "{minutes_name}");
        let raw = minutes.lines.iter().filter(|line| line.kind == LineKind::Raw).count();
        assert_eq!(raw, 0, "{minutes_name}: every line is understood");
        let linked = link_minutes(&minutes, &log).unwrap_or_else(|| panic!("{minutes_name} are the minutes of {log_name}"));
        let own = analyse(&log);
        let titles = |agenda: &scrollback::agenda::Agenda| agenda.sections.iter().map(|section| (section.title.clone(), section.first)).collect::<Vec<_>>();
        assert_eq!(titles(&linked.agenda), titles(&own), "{minutes_name} over {log_name}: sections");
        assert!(linked.unplaced.is_empty(), "{minutes_name} over {log_name}: not found {:?}", linked.unplaced);
        let own_items: Vec<(usize, ItemKind)> = own.items.iter().map(|item| (item.line, item.kind)).collect();
        let shared_items = linked.agenda.items.iter().filter(|item| own_items.contains(&(item.line, item.kind))).count();
        assert!(shared_items + 1 >= own_items.len(), "{minutes_name} over {log_name}: {shared_items} of the log's {} items", own_items.len());
        println!(
            "{minutes_name} over {log_name}: {} sections, {} items, {} placed, {} not in the log {:?}",
            linked.agenda.sections.len(),
            linked.agenda.items.len(),
            linked.placed,
            linked.unplaced.len(),
            linked.unplaced
        );
    }
    let (minutes, other) = (read("asbroker.2018-05-01-13.32.txt"), read("asbroker.2018-06-05-13.31.log.txt"));
    assert!(link_minutes(&minutes, &other).is_none(), "one meeting's minutes do not link to another meeting's log");
    // Hand-edited minutes with no log beside them: `(nick 13:57)`, no end, still read.
    let name = "asbroker.2018-06-26-13.34.txt";
    let minutes = read(name);
    assert_eq!(minutes.format, Format::MeetbotMinutes, "{name}");
    let titles: Vec<String> = analyse(&minutes).sections.iter().map(|section| section.title.clone()).collect();
    assert_eq!(titles, ["Attendance", "News", "Review Previous Actions", "Bugs/issues triage", "features"], "{name}");
    if let Some(handwritten) = shared("corpus/meetbot-handwritten") {
        let text = std::fs::read(handwritten.join("20170119-minutes.txt")).expect("readable");
        assert_ne!(parse_file(&text, None, None).format, Format::MeetbotMinutes, "hand-written minutes are no MeetBot minutes");
    }
}

/// Two HTML entries on one line: the second goes on its details line, or, when that is the
/// same line, is said as a diagnostic; nothing is dropped unsaid.
#[test]
fn two_entries_on_one_html_line_are_both_kept_or_said() {
    let minutes = |second_details_break: &str| {
        format!(
            "<html><body>\n<span class=\"details\">Meeting started by ann at 10:00:00 UTC</span>\n<h3>Meeting summary</h3>\n<ol>\n\
             <li><b class=\"TOPIC\">One</b> <span class=\"details\">(<a href='x.log.html#l-1'>ann</a>, 10:00:10)</span></li><li><b class=\"TOPIC\">Two</b> <span class=\"details\">(<a{second_details_break}href='x.log.html#l-2'>ann</a>, 10:00:20)</span></li>\n\
             </ol>\nMeeting ended at 10:01:00 UTC\n</body></html>\n"
        )
    };
    let wrapped = parse_file(minutes("\n ").as_bytes(), None, None);
    assert_eq!(wrapped.format, Format::MeetbotMinutes);
    let bodies: Vec<String> = commands(&wrapped).into_iter().map(|(line, _, _, body)| format!("L{line} {body}")).collect();
    assert_eq!(bodies, ["L2 #startmeeting", "L5 #topic One", "L6 #topic Two", "L8 #endmeeting"], "the second on its details line");

    let one_line = parse_file(minutes(" ").as_bytes(), None, None);
    let said = one_line.diagnostics.iter().find(|diagnostic| diagnostic.kind == scrollback::model::DiagnosticKind::SharedLine).expect("said");
    assert_eq!(said.line, 5);
    assert!(said.message.contains("#topic Two (ann, 10:00:20)"), "{said:?}");
    assert_eq!(commands(&one_line).len(), 3, "start, One, end");
}
