//! Agenda detection and minutes: one small log per chairing phrase and MeetBot command, chatty
//! channels that must get no agenda, the demo call, and the real meeting logs in `../shared`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
mod shared;

use scrollback::agenda::{analyse, minutes_markdown, section_of, sections_report, Agenda, Boundary, ItemKind};
use scrollback::model::Log;
use scrollback::parse::parse;
use shared::{files_under, shared};

/// Lines of discussion after each line of a case, as in a real call: topics are never a line apart.
const DISCUSSION: [(&str, &str); 3] = [("zed", "sounds good to me"), ("yan", "+1"), ("zed", "I agree with that")];

/// A Mirage-style meeting log from (nick, text) pairs, one minute apart from 15:00, after a first
/// line (line 1) where `chair` points at the agenda, as calls begin. A turn (the lines one person
/// says in a row) is followed by [`DISCUSSION`], unless it asks a question. Also gives where each line (1-based, counting the
/// first line) lands.
fn mirage_log(lines: &[(&str, &str)]) -> (String, Vec<usize>) {
    let mut all = vec![("chair", "hi all, the agenda is on the wiki")];
    let mut lands = vec![0, 1];
    for (index, line) in lines.iter().enumerate() {
        all.push(*line);
        lands.push(all.len());
        // A question is answered at once.
        if lines.get(index + 1).is_none_or(|next| next.0 != line.0) && !line.1.ends_with('?') {
            all.extend(DISCUSSION);
        }
    }
    let text = all.iter().enumerate().map(|(index, (nick, text))| format!("13-07-2016 {:02}:{:02} {nick} {text}\n", 15 + index / 60, index % 60)).collect();
    (text, lands)
}

/// `(title, first line)` of each section, 1-based.
fn titles_and_starts(agenda: &Agenda) -> Vec<(String, usize)> {
    agenda.sections.iter().map(|section| (section.title.clone(), section.first + 1)).collect()
}

/// Sections are contiguous, ordered and non-overlapping, and inside the log.
fn check_invariants(log: &Log, agenda: &Agenda, name: &str) {
    for pair in agenda.sections.windows(2) {
        assert_eq!(pair[0].last + 1, pair[1].first, "{name}: sections must be contiguous");
    }
    for section in &agenda.sections {
        assert!(section.first <= section.last && section.last < log.lines.len(), "{name}: {section:?}");
        assert!(section.duration_minutes().is_none_or(|minutes| minutes >= 0), "{name}: negative duration");
        assert!(section.items.end <= agenda.items.len(), "{name}: item range");
        for item in &agenda.items[section.items.clone()] {
            assert!((section.first..=section.last).contains(&item.line), "{name}: item outside its section");
        }
    }
}

/// Each chairing-phrase family: a small call, and the sections it must give.
#[test]
fn each_chairing_phrase_family_opens_a_section() {
    /// (family, the call's lines after the first, expected (title, first line))
    type Case = (&'static str, &'static [(&'static str, &'static str)], &'static [(&'static str, usize)]);
    let cases: &[Case] = &[
        (
            "next topic, then the topic's name on the next line",
            &[("ann", "o/"), ("chair", "ok, onto Solo5"), ("ann", "ukvm boots"), ("chair", "Next topic"), ("chair", "Outreachy"), ("bob", "interns are great")],
            &[("Solo5", 3), ("Outreachy", 5)],
        ),
        (
            "onto X",
            &[("ann", "hi"), ("chair", "ok, onto Solo5"), ("ann", "news"), ("chair", "alright, onto the hackathon then"), ("bob", "Marrakech")],
            &[("Solo5", 3), ("Hackathon", 5)],
        ),
        (
            "X! Over to a person",
            &[("yomimono", "o/"), ("chair", "Mirage 3! Over to our release manager yomimono"), ("yomimono", "thanks, the release is close"), ("chair", "ok, onto Solo5"), ("mato", "ukvm")],
            &[("Mirage 3", 3), ("Solo5", 5)],
        ),
        (
            "nick: over to a topic",
            &[("chair", "ok, onto Solo5"), ("mato", "ukvm news"), ("GemmaG", "hello"), ("chair", "GemmaG: over to the hackathon update!"), ("GemmaG", "Marrakech is booked")],
            &[("Solo5", 2), ("Hackathon update", 5)],
        ),
        (
            "moving on to X",
            &[("chair", "moving on to TLS and nocrypto"), ("hannes", "nocrypto 0.5.4 is out"), ("chair", "Ok, moving onto Mirage 3 APIs..."), ("talex5", "signatures")],
            &[("TLS and nocrypto", 2), ("Mirage 3 APIs", 4)],
        ),
        (
            "let's start with X",
            &[("chair", "let's start with the quality topic, and bulk builds"), ("ann", "builds are green"), ("chair", "ok, onto Windows support: Appveyor is active"), ("djs55", "yes")],
            &[("Quality topic", 2), ("Windows support", 4)],
        ),
        (
            "next item / next up",
            &[("chair", "first item on the agenda is: hack retreat!"), ("ann", "tickets booked"), ("chair", "next up: irmin and the rest api. thomasga?"), ("thomasga", "1.0 is out")],
            &[("Hack retreat", 2), ("Irmin and the rest api", 4)],
        ),
        (
            "item N:",
            &[("chair", "item 1: CI status"), ("ann", "green"), ("chair", "item 2: Release schedule"), ("bob", "next month")],
            &[("CI status", 2), ("Release schedule", 4)],
        ),
        (
            "the chair's numbered items, not an agenda listed line by line",
            &[
                ("chair", "1) CI status"),
                ("chair", "2) Release schedule"),
                ("ann", "ok"),
                ("chair", "1) CI status"),
                ("ann", "the builds are green on every platform"),
                ("chair", "2) Release schedule"),
                ("bob", "the release is planned for next month"),
            ],
            &[("CI status", 5), ("Release schedule", 7)],
        ),
        (
            "a scribe's Topic: lines",
            &[("scribe", "Topic: Introductions"), ("ann", "hi, I'm new"), ("scribe", "Topic: Charter Vote Status"), ("bob", "passed")],
            &[("Introductions", 2), ("Charter Vote Status", 4)],
        ),
        (
            "anything else for X? then a move",
            &[("chair", "onto Solo5"), ("mato", "ukvm"), ("chair", "anything else for Solo5?"), ("mato", "nope"), ("chair", "ok, let's move on"), ("chair", "Outreachy"), ("ann", "both interns passed")],
            &[("Solo5", 2), ("Outreachy", 6)],
        ),
        (
            "what's the next topic? answered by a name and a dash",
            &[("chair", "onto Solo5"), ("mato", "ukvm"), ("chair", "ok, what's the next topic?"), ("ann", "Outreachy - both interns passed their midpoint"), ("bob", "great news")],
            // The section starts where the chair asks.
            &[("Solo5", 2), ("Outreachy", 4)],
        ),
        (
            "AOB and any other business",
            &[("chair", "onto Solo5"), ("mato", "ukvm"), ("chair", "AOB?"), ("ann", "irmin 0.11 is out"), ("chair", "any other business?"), ("bob", "no")],
            &[("Solo5", 2), ("AOB", 4)],
        ),
    ];
    let mut failures = Vec::new();
    for (family, lines, expected) in cases {
        let (text, lands) = mirage_log(lines);
        let log = parse(text.as_bytes(), None);
        let agenda = analyse(&log);
        check_invariants(&log, &agenda, family);
        // The chair's first line opens the call; the families are about the moves after it.
        let got: Vec<(String, usize)> = titles_and_starts(&agenda).into_iter().filter(|(title, line)| !(title == "Opening" && *line == 1)).collect();
        let expected: Vec<(String, usize)> = expected.iter().map(|(title, line)| (title.to_string(), lands[*line])).collect();
        if got != expected {
            failures.push(format!("{family}\n    expected {expected:?}\n    got      {got:?}"));
        }
        assert!(agenda.sections.iter().all(|section| section.how == Boundary::Phrase), "{family}");
    }
    assert!(failures.is_empty(), "{} of {} families differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// A support channel uses the same words casually; it is not a meeting.
#[test]
fn a_chatty_channel_gets_no_agenda() {
    let chatty = "\
[10:00] <tweaked> ok how many partitions should i make?
[10:00] <HrdwrBoB> tweaked: one for / and one for swap is fine
[10:01] <tweaked> done. what's next?
[10:01] <HrdwrBoB> next up you pick a mirror
[10:02] <usual> anyone know why xorg won't start after the upgrade?
[10:02] <Matt|> usual: check /var/log/Xorg.0.log
[10:03] <usual> moving on to the nvidia driver then, the nv one is broken
[10:03] <tweaked> what's the next step after the mirror?
[10:04] <HrdwrBoB> tweaked: onto the packages, pick ubuntu-desktop
[10:04] <Matt|> anything else broken, usual?
[10:05] <usual> nope, moving on
[10:05] <jrib> !topic
[10:06] <ubotu> The topic is: Ubuntu support | be patient
[10:06] <tweaked> ok, onto the next problem: grub
[10:07] <HrdwrBoB> tweaked: grub-install /dev/sda
[10:08] <tweaked> thanks, let's start with that
[10:09] <usual> next item on my list is wine
[10:10] <Matt|> usual: winehq has a ppa
[10:11] <Matt|> tweaked, 1. yes, 2. use gnomemeeting
[10:12] <Matt|> tweaked, 1. maybe iptables 2. change the permissions
";
    let log = parse(chatty.as_bytes(), None);
    let agenda = analyse(&log);
    assert_eq!(titles_and_starts(&agenda), Vec::<(String, usize)>::new());
    assert!(agenda.chair.is_none());
    assert!(minutes_markdown(&log, &agenda, "support").contains("No agenda was found"));
}

/// (command, a small MeetBot log, expected topics, expected items as `kind|line|text|owners`)
#[test]
fn each_meetbot_command() {
    type Case = (&'static str, &'static str, &'static [&'static str], &'static [&'static str]);
    let cases: &[Case] = &[
        (
            "#startmeeting, #topic, #endmeeting",
            "13:32:00 <jmrodri> #startmeeting asbroker community meeting\n13:32:10 <jmrodri> #topic attendance\n13:32:20 <ann> o/\n13:34:00 <jmrodri> #topic news\n13:35:00 <ann> bundle-lib released\n13:36:00 <jmrodri> #endmeeting\n13:37:00 <ann> bye\n",
            &["attendance 2-3", "news 4-6"],
            &[],
        ),
        (
            "#agreed #action #info #link #idea #help #accepted #rejected",
            "12:00:00 <bc> #startmeeting m\n12:00:01 <bc> #topic One\n12:00:02 <bc> #agreed ship it\n12:00:03 <bc> #action ann to edit #184\n12:00:04 <bc> #info 6 articles\n12:00:05 <bc> #link https://example.org/a\n12:00:06 <bc> #idea more posts\n12:00:07 <bc> #help need an editor\n12:00:08 <bc> #accepted proposal 1\n12:00:09 <bc> #rejected proposal 2\n12:00:10 <ann> ok\n12:00:11 <bc> #endmeeting\n",
            &["One 2-12"],
            &["agreed|3|ship it|", "action|4|ann to edit #184|ann", "info|5|6 articles|", "link|6|https://example.org/a|", "idea|7|more posts|", "help|8|need an editor|", "accepted|9|proposal 1|", "rejected|10|proposal 2|"],
        ),
        (
            "#undo removes the last item, then the last topic",
            "12:00:00 <bc> #startmeeting m\n12:00:01 <bc> #topic One\n12:00:02 <bc> #action greg to edit #175\n12:00:03 <bc> #undo\n12:00:04 <bc> #action greg to edit #181\n12:00:05 <bc> #topic Oops\n12:00:06 <bc> #undo\n12:00:07 <greg> sure\n",
            &["One 2-8"],
            &["action|5|greg to edit #181|greg"],
        ),
        (
            "#meetingname and #chair; a bare URL is a link",
            "12:02:26 <bcotton> #startmeeting Magazine editorial board\n12:02:27 <bcotton> #meetingname magazine\n12:02:48 <bcotton> #topic Roll call\n12:02:49 <bcotton> #chair stickster ryanlerch\n12:02:50 <ryanlerch> https://example.org/board\n12:02:51 <bcotton> #TOPIC Agenda\n",
            &["Roll call 3-5", "Agenda 6-6"],
            &["link|5|https://example.org/board|"],
        ),
        (
            "an action names its owners, each once, as their first nick",
            "12:00:00 <bc> #startmeeting m\n12:00:01 <maleck13> hi\n12:00:02 <shurley> hi\n12:00:03 <bc> #topic Bugs\n12:00:04 <bc> #action maleck13 Shurley_ and maleck13 investigate clients\n",
            &["Bugs 4-5"],
            &["action|5|maleck13 Shurley_ and maleck13 investigate clients|maleck13,shurley"],
        ),
    ];
    let mut failures = Vec::new();
    for (name, input, topics, items) in cases {
        let log = parse(input.as_bytes(), None);
        let agenda = analyse(&log);
        check_invariants(&log, &agenda, name);
        let got_topics: Vec<String> = agenda.sections.iter().map(|section| format!("{} {}-{}", section.title, section.first + 1, section.last + 1)).collect();
        let got_items: Vec<String> =
            agenda.items.iter().map(|item| format!("{}|{}|{}|{}", item.kind.name(), item.line + 1, item.text, item.owners.join(","))).collect();
        if got_topics != *topics || got_items != *items {
            failures.push(format!("{name}\n    expected {topics:?} {items:?}\n    got      {got_topics:?} {got_items:?}"));
        }
        assert!(agenda.sections.iter().all(|section| section.how == Boundary::MeetBot), "{name}");
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    let log = parse(cases[3].1.as_bytes(), None);
    let agenda = analyse(&log);
    assert_eq!((agenda.chair.as_deref(), agenda.meeting_name.as_deref()), (Some("bcotton"), Some("magazine")));
}

#[test]
fn an_irc_topic_change_opens_a_section_in_a_meeting() {
    let input = "\
[15:00] <chair> hi all, agenda is on the wiki
[15:00] <ann> o/
[15:00] <bob> hi
[15:01] <chair> ok, onto Solo5
[15:02] <mato> ukvm boots
[15:02] <ann> on which hosts?
[15:03] <mato> KVM, and bhyve soon
=== chair changed the topic of #mirage to: Hackathon planning
[15:04] <ann> Marrakech
[15:04] <bob> in March
[15:04] <ann> flights are booked
[15:05] <chair> moving on to Outreachy
[15:06] <bob> interns
[15:06] <ann> both passed
";
    let log = parse(input.as_bytes(), None);
    let agenda = analyse(&log);
    let hows: Vec<(String, usize, Boundary)> = agenda.sections.iter().map(|section| (section.title.clone(), section.first + 1, section.how)).collect();
    assert_eq!(
        hows,
        [
            ("Solo5".to_owned(), 4, Boundary::Phrase),
            ("Hackathon planning".to_owned(), 8, Boundary::TopicChange),
            ("Outreachy".to_owned(), 12, Boundary::Phrase)
        ]
    );
}

#[test]
fn the_demo_call_has_its_opening_and_six_agenda_items() {
    let log = parse(scrollback::demo::DEMO_LOG.as_bytes(), None);
    let agenda = analyse(&log);
    check_invariants(&log, &agenda, "demo");
    let expected = [("Opening", 7), ("Mirage 3", 33), ("Solo5", 55), ("Hackathon update", 97), ("Outreachy", 117), ("TLS and nocrypto", 151), ("AOB", 174)];
    let expected: Vec<(String, usize)> = expected.iter().map(|(title, line)| (title.to_string(), *line)).collect();
    assert_eq!(titles_and_starts(&agenda), expected);
    assert_eq!(agenda.chair.as_deref(), Some("yomimono"));
    let solo5 = &agenda.sections[2];
    // The clock jumps back two hours at line 33, before Mirage 3: durations stay sane.
    assert_eq!((solo5.start.map(|stamp| stamp.hours_minutes()), solo5.duration_minutes()), (Some("15:14".to_owned()), Some(6)));
    // mort and mort___ are one person.
    assert!(solo5.participants.iter().any(|(nick, count)| nick == "mort___" && *count == 4), "{:?}", solo5.participants);
    assert!(!solo5.participants.iter().any(|(nick, _)| nick == "mort"));
    assert_eq!(solo5.participants.first().map(|(nick, _)| nick.as_str()), Some("djwillia"));
    let n_spoken = (solo5.first..=solo5.last).filter(|&index| log.lines[index].kind.is_spoken()).count();
    assert_eq!(solo5.n_messages, n_spoken);
    assert_eq!(solo5.participants.iter().map(|(_, count)| count).sum::<usize>(), n_spoken);
    for index in 0..log.lines.len() {
        let linear = agenda.sections.iter().position(|section| (section.first..=section.last).contains(&index));
        assert_eq!(section_of(&agenda, index), linear, "line {}", index + 1);
    }
}

#[test]
fn the_report_carries_the_sections() {
    let log = parse(scrollback::demo::DEMO_LOG.as_bytes(), None);
    let report = scrollback::report::report(&log);
    let sections: Vec<(&str, usize, usize)> = report.sections.iter().map(|section| (section.title.as_str(), section.start_line, section.end_line)).collect();
    assert_eq!(sections.first(), Some(&("Opening", 7, 32)));
    assert_eq!(sections.get(1), Some(&("Mirage 3", 33, 54)));
    assert_eq!(sections.len(), 7);
    assert_eq!(report.lines[5].section, None);
    assert_eq!(report.lines[6].section, Some(0));
    assert_eq!(report.lines[32].section, Some(1));
    assert_eq!(report.lines[54].section, Some(2));
    assert_eq!(report.lines.last().and_then(|line| line.section), Some(6));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["sections"][2]["duration_minutes"], 6);
    assert_eq!(json["sections"][2]["participants"][0]["nick"], "djwillia");
}

#[test]
fn minutes_list_topics_items_actions_and_people() {
    let input = "\
12:00:00 <bc> #startmeeting Editorial board
12:00:01 <bc> #topic Articles *to* review
12:00:02 <ann> I can take <script>alert(1)</script>
12:00:03 <bc> #action ann to edit [#184](evil) and bob to help
12:00:04 <bc> #agreed publish on Friday
12:01:00 <bc> #topic Open floor
12:01:01 <bob> #info https://example.org/x_y is the board
12:02:00 <bc> #action bc to email the list
12:03:00 <bc> #endmeeting
";
    let log = parse(input.as_bytes(), None);
    let agenda = analyse(&log);
    let minutes = minutes_markdown(&log, &agenda, "Editorial board");
    let expected_lines = [
        "# Editorial board",
        "1. [Articles \\*to\\* review](#L2-L5) (12:00–12:00, 0 min, 4 messages)",
        "   - **ACTION:** ann to edit \\[\\#184\\](evil) and bob to help (bc, [12:00](#L4))",
        "   - **AGREED:** publish on Friday (bc, [12:00](#L5))",
        "2. [Open floor](#L6-L9) (12:01–12:03, 2 min, 4 messages)",
        "   - <https://example.org/x_y> is the board (bob, [12:01](#L7))",
        "## Action items",
        "- ann to edit \\[\\#184\\](evil) and bob to help ([12:00](#L4))",
        "## Action items, by person",
        "- ann",
        "  - ann to edit \\[\\#184\\](evil) and bob to help ([12:00](#L4))",
        "- bc",
        "  - bc to email the list ([12:02](#L8))",
        "## People present (lines said)",
        "- bc (7)",
        "- ann (1)",
        "- bob (1)",
    ];
    let mut at = 0;
    for expected in expected_lines {
        let found = minutes[at..].find(&format!("{expected}\n")).unwrap_or_else(|| panic!("missing, or out of order: {expected:?}\n\n{minutes}"));
        at += found + expected.len();
    }
    // bob never spoke before the action, but he is in the log: he owns it too.
    assert!(minutes.contains("- bob\n  - ann to edit"), "{minutes}");
    assert!(!minutes.contains("<script>"), "log text must be escaped");
}

#[test]
fn minutes_without_meetbot_list_sections_people_and_length() {
    let log = parse(scrollback::demo::DEMO_LOG.as_bytes(), None);
    let agenda = analyse(&log);
    let minutes = minutes_markdown(&log, &agenda, "MirageOS call");
    for expected in [
        "1. [Opening](#L7-L32)",
        "2. [Mirage 3](#L33-L54) (15:06–15:13, 7 min, 22 messages)\n   - People: hannes (7),",
        "3. [Solo5](#L55-L96) (15:14–15:20, 6 min,",
        "7. [AOB](#L174-L226)",
        "## People present (lines said)\n\n- yomimono (",
    ] {
        assert!(minutes.contains(expected), "missing {expected:?} in\n{minutes}");
    }
    assert!(!minutes.contains("## Action items"));
}

#[test]
fn analysis_never_panics_on_odd_lines() {
    let odd = [
        "", "\n\n", "15:00 <a> #topic\n", "15:00 <a> #undo\n15:00 <a> #undo\n", "15:00 <a> #endmeeting\n15:00 <a> #topic x\n",
        "15:00 <a> onto\n15:01 <a> onto \n15:02 <a> next up: \n", "15:00 <a> over to\n15:00 <a> item 9:\n15:00 <a> item 99999999999999999999: x\n",
        "15:00 <a> moving on— \u{1f389}\n15:00 <a> onto é́́́ ü, x\n", "15:00 <a> first item on the agenda (unclosed is \"quoted\n",
        "15:00 <a> next topic\n15:00 <a> next topic\n15:00 <a> \n", "15:00 <a> what's the next topic?\n15:00 <b> - \n15:00 <b> X: \n",
    ];
    for input in odd {
        let log = parse(input.as_bytes(), None);
        let agenda = analyse(&log);
        check_invariants(&log, &agenda, input);
        let _ = minutes_markdown(&log, &agenda, input);
        let _ = sections_report(&agenda);
    }
}

// ---------------------------------------------------------------------------------------------
// Real logs

fn meeting_report(name: &str, agenda: &Agenda) {
    println!("== {name}: {} sections, chair {}", agenda.sections.len(), agenda.chair.as_deref().unwrap_or("-"));
    print!("{}", sections_report(agenda));
}

/// MeetBot's topics and actions, read from its own minutes (`NAME.txt`).
fn meetbot_minutes(text: &str) -> (Vec<String>, Vec<String>) {
    let summary = text.split("Meeting summary").nth(1).and_then(|rest| rest.split("Meeting ended").next()).unwrap_or("");
    // A topic is a bullet at column 0: `* title  (nick, HH:MM:SS)`, possibly wrapped.
    let mut topics = Vec::new();
    for bullet in summary.split("\n* ").skip(1) {
        let first_lines: String = bullet.lines().take_while(|line| !line.starts_with("  *")).collect::<Vec<_>>().join(" ");
        let title = first_lines.rsplit_once("  (").or_else(|| first_lines.rsplit_once(" (")).map_or(first_lines.as_str(), |(title, _)| title);
        topics.push(title.trim().to_owned());
    }
    let actions_block = text.split("Action Items\n------------").nth(1).and_then(|rest| rest.split("\n\n").next()).unwrap_or("");
    let actions = actions_block.split("\n* ").map(|action| action.split_whitespace().collect::<Vec<_>>().join(" ")).map(|action| action.trim_start_matches("* ").to_owned()).filter(|action| !action.is_empty()).collect();
    (topics, actions)
}

#[test]
fn meetbot_logs_have_meetbots_topics_and_actions() {
    let Some(dir) = shared("corpus/meetbot") else { return };
    let mut n_checked = 0;
    for path in files_under(&dir) {
        let name = path.display().to_string();
        let Some(stem) = name.strip_suffix(".log.txt") else { continue };
        let bytes = std::fs::read(&path).unwrap();
        let log = parse(&bytes, None);
        let agenda = analyse(&log);
        meeting_report(&name, &agenda);
        check_invariants(&log, &agenda, &name);
        // Independently of the analysis: the `#topic` lines, as written.
        let text = String::from_utf8_lossy(&bytes);
        let topic_lines: Vec<String> = text.lines().filter_map(|line| line.split_once("> #topic ").map(|(_, topic)| topic.trim().to_owned())).collect();
        let titles: Vec<String> = agenda.sections.iter().map(|section| section.title.clone()).collect();
        if !text.contains("#undo") {
            assert_eq!(titles, topic_lines, "{name}");
        }
        let Ok(minutes) = std::fs::read_to_string(format!("{stem}.txt")) else { continue };
        let (topics, actions) = meetbot_minutes(&minutes);
        assert_eq!(titles, topics, "{name}: MeetBot's own minutes list these topics");
        let our_actions: Vec<String> = agenda.items.iter().filter(|item| item.kind == ItemKind::Action).map(|item| item.text.clone()).collect();
        assert_eq!(our_actions, actions, "{name}: MeetBot's action items");
        n_checked += 1;
    }
    assert!(n_checked >= 3, "checked {n_checked} MeetBot logs against their minutes");
}

#[test]
fn every_mirage_meeting_log_gets_sensible_sections() {
    let Some(dir) = shared("corpus/mirage-canopy") else { return };
    let mut n_logs = 0;
    for path in files_under(&dir) {
        // `history/` holds older versions of the same calls.
        if path.components().any(|part| part.as_os_str() == "history") {
            continue;
        }
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let log = parse(&bytes, None);
        let agenda = analyse(&log);
        meeting_report(&name, &agenda);
        check_invariants(&log, &agenda, &name);
        assert!(agenda.sections.len() >= 2, "{name}: a meeting has at least two sections");
        assert!(agenda.chair.is_some(), "{name}: someone chairs");
        for section in &agenda.sections {
            let title = &section.title;
            assert!(!title.is_empty() && title.chars().count() <= 40, "{name}: title {title:?}");
            assert!(title.ends_with(|c: char| c.is_alphanumeric() || c == ')'), "{name}: title {title:?} ends in punctuation");
            assert!(!title.contains("://"), "{name}: title {title:?} is an address");
            assert!(section.duration_minutes().is_some_and(|minutes| (0..=120).contains(&minutes)), "{name}: {title} lasts {:?}", section.duration_minutes());
        }
        n_logs += 1;
    }
    assert!(n_logs >= 20, "expected the MirageOS logs in {}", dir.display());
}

#[test]
fn support_logs_get_at_most_one_section() {
    let Some(dir) = shared("threads/dev") else { return };
    let mut n_logs = 0;
    for path in files_under(&dir) {
        let name = path.display().to_string();
        if !name.ends_with(".raw.txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let log = parse(&bytes, None);
        let agenda = analyse(&log);
        println!("{name}: {} sections", agenda.sections.len());
        assert!(agenda.sections.len() <= 1, "{name}: a support channel has no agenda\n{}", sections_report(&agenda));
        n_logs += 1;
    }
    assert!(n_logs >= 5, "expected support logs in {}", dir.display());
}
