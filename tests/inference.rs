//! Line shapes no hand-written reader knows, inferred from the file: a table of invented shapes
//! (each read with the right speakers, times, events and continuations), prose and code that
//! stay plain text, a property that inference never loses a line, and the irc-disentanglement
//! dev set rewritten into new shapes scoring the same reply F as the original.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
#[allow(dead_code)]
mod shared;

use proptest::prelude::*;
use scrollback::model::{Format, LineKind, Log};
use scrollback::parse::lines::count_lines;
use scrollback::parse::parse;
use scrollback::thread::benchmark::{evaluate, read_dir, Annotated};

/// One invented shape: its lines, the description the header shows, and what every line reads
/// as: `kind nick` (`message bob`, `system carol`, `continuation -`).
struct Shape {
    lines: &'static [&'static str],
    description: &'static str,
    readings: &'static [&'static str],
    /// The first line's date and time as the JSON report writes them.
    first_time: &'static str,
}

const SHAPES: &[Shape] = &[
    Shape {
        lines: &[
            "rust 2018-05-29 [21:20:37] <talchas> it scans /proc/",
            "rust 2018-05-29 [21:20:41] <@bob> talchas: which part of it?",
            "rust 2018-05-29 [21:20:50] <talchas> bob: the maps file, line by line, and",
            "then it gives up when the file is gone",
            "rust 2018-05-29 [21:21:02] * bob nods",
            "rust 2018-05-29 [21:21:30] -!- carol has joined #rust",
            "rust 2018-05-29 [21:22:00] <carol> hi all",
        ],
        description: "channel · date · [time] · <nick>",
        readings: &["message talchas", "message bob", "message talchas", "continuation -", "action bob", "system carol", "message carol"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "2018-05-29T21:20:37 talchas: it scans /proc/",
            "2018-05-29T21:20:41 bob: talchas: which part of it?",
            "2018-05-29T21:20:50 talchas: bob: the maps file",
            "2018-05-29T21:21:30 === carol has joined #rust",
            "2018-05-29T21:22:00 carol: hi all",
        ],
        description: "date-time · nick:",
        readings: &["message talchas", "message bob", "message talchas", "system carol", "message carol"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "[29.05.2018 21:20] <ann> shall we start?",
            "[29.05.2018 21:21] <bob> yes, the agenda is on the pad",
            "[29.05.2018 21:21] <cyd> I'm here too",
            "[29.05.2018 21:22] <ann> first topic: the release",
        ],
        description: "[date time] · <nick>",
        readings: &["message ann", "message bob", "message cyd", "message ann"],
        first_time: "2018-05-29T21:20:00",
    },
    Shape {
        lines: &[
            "05/29/2018 09:20:37 PM bob: evening everyone",
            "05/29/2018 09:21:05 PM ann: hi bob",
            "05/29/2018 09:21:40 PM bob: did the build go green?",
            "05/29/2018 09:22:10 PM ann: it did, after the retry",
        ],
        description: "date · time · nick:",
        readings: &["message bob", "message ann", "message bob", "message ann"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "1527628837 <bob> epoch seconds are what the bot writes",
            "1527628850 <ann> and nobody reads them",
            "1527628900 <bob> the viewer does now",
            "1527628960 --> carol has joined",
        ],
        description: "epoch · <nick>",
        readings: &["message bob", "message ann", "message bob", "system carol"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "#rust 21:20:37 [bob] who maintains the crate?",
            "#rust 21:20:50 [ann] I do, mostly",
            "#rust 21:21:10 [bob] thanks",
            "#rust 21:21:30 [cyd] same question here",
        ],
        description: "channel · time · [nick]",
        readings: &["message bob", "message ann", "message bob", "message cyd"],
        first_time: "21:20:37",
    },
    Shape {
        lines: &[
            "2018-05-29 (21:20:37) (bob) parenthesised all the way",
            "2018-05-29 (21:20:50) (ann) it happens",
            "2018-05-29 (21:21:00) (bob) with a wrapped line that",
            "   carries on here",
        ],
        description: "date · (time) · (nick)",
        readings: &["message bob", "message ann", "message bob", "continuation -"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "2018.05.29 21:20:37.123\tbob\ttabs between the columns",
            "2018.05.29 21:20:40.456\tann\tlike WeeChat, but dotted",
            "2018.05.29 21:20:41.000\t-->\tcarol (~c@host) has joined #rust",
            "2018.05.29 21:20:42.000\t *\tbob waves",
            "2018.05.29 21:20:50.000\tcarol\thello",
        ],
        description: "date · time · nick⇥",
        readings: &["message bob", "message ann", "system carol", "action bob", "message carol"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "libera #rust 2018-05-29 21:20:37+0200 <bob> zones after the clock",
            "libera #rust 2018-05-29 21:20:50+0200 <ann> and a network column",
            "libera #rust 2018-05-29 21:21:00+0200 <bob> both before the date",
        ],
        description: "channel · channel · date · time · <nick>",
        readings: &["message bob", "message ann", "message bob"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "29/05/2018 21:20 | bob: a pipe between stamp and speaker",
            "29/05/2018 21:21 | ann: day first, as the 29 says",
            "29/05/2018 21:22 | bob: ok",
        ],
        description: "date · time · | · nick:",
        readings: &["message bob", "message ann", "message bob"],
        first_time: "2018-05-29T21:20:00",
    },
    Shape {
        lines: &[
            "Tue May 29 21:20:37 2018 <bob> a ctime stamp",
            "Tue May 29 21:20:50 2018 <ann> with the year last",
            "Tue May 29 21:21:00 2018 <bob> read as columns",
        ],
        description: "weekday · month · day · time · year · <nick>",
        readings: &["message bob", "message ann", "message bob"],
        first_time: "2018-05-29T21:20:37",
    },
    Shape {
        lines: &[
            "[21:20:37] [bob] bracketed time, bracketed nick",
            "[21:20:50] [ann] square all the way",
            "[21:21:00] [bob] and an event:",
            "[21:21:05] *** cyd is now known as cyd_away",
        ],
        description: "[time] · [nick]",
        readings: &["message bob", "message ann", "message bob", "system cyd"],
        first_time: "21:20:37",
    },
    Shape {
        lines: &[
            "2018-05-29 21:20:37 +0000 bob: a zone as its own column",
            "2018-05-29 21:20:50 +0000 ann: and the speaker after it",
            "2018-05-29 21:21:00 +0000 bob: fine",
        ],
        description: "date · time · zone · nick:",
        readings: &["message bob", "message ann", "message bob"],
        first_time: "2018-05-29T21:20:37",
    },
];

/// More shapes, one line each: `NICK`, `TEXT` and the seconds `SS` are filled in four times
/// (bob, ann, bob, cyd). Each must give those four speakers, whichever reader takes it.
const ONE_LINE_SHAPES: &[&str] = &[
    "[2018-05-29 21:20:SS UTC] <NICK> TEXT",
    "2018-05-29 21:20:SS [#rust] <NICK> TEXT",
    "Tue 29 May 2018 21:20:SS <NICK> TEXT",
    "2018-05-29 21:20:SS NICK: TEXT",
    "[21:20:SS] NICK: TEXT",
    "(2018-05-29 21:20:SS) NICK: TEXT",
    "15276288SS123 NICK: TEXT",
    "2018-05-29T21:20:SS+02:00 <NICK> TEXT",
    "[2018-05-29][21:20:SS] <NICK> TEXT",
    "#rust: 21:SS <NICK> TEXT",
    "2018/05/29 21:20:SS [NICK] TEXT",
    "29.05.2018 - 21:SS - <NICK> TEXT",
    "irc.libera.chat/#rust 2018-05-29 21:20:SS <NICK> TEXT",
    "21:20:SS.123456 <NICK> TEXT",
    "2018-05-29 09:20:SS PM <NICK> TEXT",
    "2018-05-29 21:20:SS | #rust | NICK: TEXT",
    "[Tue, 29 May 2018 21:20:SS] NICK: TEXT",
    "29 May 2018 21:SS <NICK> TEXT",
    "2018-05-29 21:20:SS.123456+00:00 <NICK> TEXT",
    "21.20.SS <NICK> TEXT",
    "(#rust) 21:20:SS (NICK) TEXT",
    "2018-05-29\t21:20:SS\tNICK\tTEXT",
    "<2018-05-29 21:20:SS> NICK: TEXT",
    "21:20:SS [#rust] <@NICK> TEXT",
    "[21:SS] <NICK!~NICK@host.example> TEXT",
    "2018-05-29 21:20:SS UTC NICK: TEXT",
    "15276288SS.123 <NICK> TEXT",
    "29/05/18 21:SS - NICK: TEXT",
    "2018-05-29 21:20:SS #rust <NICK> TEXT",
    "[#rust 21:20:SS] NICK: TEXT",
    "May 29, 2018 9:20:SS PM NICK: TEXT",
    "29-May-2018 21:20:SS <NICK> TEXT",
    "21:20:SSZ <NICK> TEXT",
    "2018-05-29 21:20:SS +0200 [NICK] TEXT",
    "libera/#rust [21:20:SS] <NICK> TEXT",
    "21:20:SS | NICK | TEXT",
    "2018-05-29 21:20:SS - NICK - TEXT",
    "(21:20:SS) <NICK> TEXT",
    "15276288SS [NICK] TEXT",
    "2018-05-29 21:20 (UTC) <NICK> TEXT",
    "[2018-05-29 21:20:SS.123] NICK: TEXT",
    "29.5.2018 21:SS <NICK> TEXT",
];

#[test]
fn more_shapes_give_their_speakers_and_seconds() {
    let mut failures = Vec::new();
    for shape in ONE_LINE_SHAPES {
        let rows = [("bob", "hi there", "37"), ("ann", "hello bob", "40"), ("bob", "ann: how are you", "45"), ("cyd", "fine thanks", "50")];
        let text: String = rows.iter().map(|(nick, said, seconds)| shape.replace("NICK", nick).replace("TEXT", said).replace("SS", seconds) + "\n").collect();
        let log = parse(text.as_bytes(), None);
        let speakers: Vec<Option<&str>> = log.lines.iter().map(|line| log.nick(line)).collect();
        let bodies: Vec<&str> = log.lines.iter().map(|line| log.body(line)).collect();
        if speakers != [Some("bob"), Some("ann"), Some("bob"), Some("cyd")] || bodies != rows.map(|(_, said, _)| said) {
            failures.push(format!("{shape:?} ({}): {speakers:?} {bodies:?}", log.format.id()));
        }
    }
    assert!(failures.is_empty(), "{} shapes misread:\n{}", failures.len(), failures.join("\n"));
}

fn reading_of(log: &Log, index: usize) -> String {
    let line = &log.lines[index];
    format!("{} {}", line.kind.name(), log.nick(line).unwrap_or("-"))
}

fn time_of(log: &Log, index: usize) -> String {
    let stamp = log.lines[index].time.expect("a time");
    match stamp.date {
        Some(date) => format!("{}", date.and_time(stamp.time).format("%Y-%m-%dT%H:%M:%S")),
        None => format!("{}", stamp.time.format("%H:%M:%S")),
    }
}

#[test]
fn invented_shapes_are_inferred_and_read_line_by_line() {
    let mut failures = Vec::new();
    for shape in SHAPES {
        let text = shape.lines.join("\n") + "\n";
        let log = parse(text.as_bytes(), None);
        let first = shape.lines[0];
        if log.format != Format::Inferred {
            failures.push(format!("{first:?}: read as {}", log.format.id()));
            continue;
        }
        if log.meta.line_shape.as_deref() != Some(shape.description) {
            failures.push(format!("{first:?}: described as {:?}, expected {:?}", log.meta.line_shape, shape.description));
        }
        let readings: Vec<String> = (0..log.lines.len()).map(|index| reading_of(&log, index)).collect();
        if readings != shape.readings {
            failures.push(format!("{first:?}: read as {readings:?}, expected {:?}", shape.readings));
        }
        if time_of(&log, 0) != shape.first_time {
            failures.push(format!("{first:?}: first time {}, expected {}", time_of(&log, 0), shape.first_time));
        }
    }
    assert!(failures.is_empty(), "{} shapes misread:\n{}", failures.len(), failures.join("\n"));
}

/// A time-only shape takes its dates from the logger's day lines.
#[test]
fn day_lines_date_the_lines_after_them() {
    let text = "--- Day changed Tue May 29 2018\n21:20:37 | bob: late\n21:21:00 | ann: very\n--- Day changed Wed May 30 2018\n00:01:02 | bob: early\n00:02:00 | cyd: yes\n";
    let log = parse(text.as_bytes(), None);
    assert_eq!(log.format, Format::Inferred);
    let times: Vec<String> = [1, 2, 4, 5].iter().map(|index| time_of(&log, *index)).collect();
    assert_eq!(times, ["2018-05-29T21:20:37", "2018-05-29T21:21:00", "2018-05-30T00:01:02", "2018-05-30T00:02:00"]);
    assert_eq!(log.lines[0].kind, LineKind::Header);
}

/// Text that is not a chat log, even with times in it, stays plain text.
#[test]
fn prose_code_and_lists_stay_plain_text() {
    let texts = [
        "The meeting was long. We talked about the release,\nthe hackathon and the docs.\n\nNext time: 15:00 on Tuesday.\nBring notes.\n",
        "fn main() {\n    let x = 12:30;\n    println!(\"{x}\");\n}\n// 21:20 is when it ran\n",
        "Schedule\n09:00 registration\n09:30 keynote\n10:30 coffee\n11:00 talks\n12:30 lunch\n",
        "2018-05-29 released 1.2\n2018-06-01 released 1.3\n2018-07-12 released 1.4\n",
    ];
    for text in texts {
        let log = parse(text.as_bytes(), None);
        assert_eq!(log.format, Format::PlainText, "{text:?} read as {}", log.format.id());
    }
}

/// A long message wrapped over untimed lines, in a format that has its own reader: the lines go
/// with the message, not raw; a blank line ends the message; a Markdown heading is a header.
#[test]
fn wrapped_lines_continue_the_message_in_a_known_format() {
    let text = "--- Log opened Wed Jun 29 15:50:00 2016\n15:55 <ann> hi\n15:56 <@bob> we should look at the release plan and the\ndevelopment schedule.\nand the docs.\n\na paragraph after a blank line\n15:57 <ann> yes\n15:58 -!- cyd has quit [bye]\nstray text after an event\n\n# Day 2\n";
    let log = parse(text.as_bytes(), None);
    assert_eq!(log.format, Format::Irssi);
    let kinds: Vec<&str> = log.lines.iter().map(|line| line.kind.name()).collect();
    assert_eq!(kinds, ["header", "message", "message", "continuation", "continuation", "blank", "raw", "message", "system", "raw", "blank", "header"]);
}

/// A line with a shape of its own after a message is a line its reader failed on: it stays raw.
#[test]
fn a_line_in_another_shape_is_not_a_continuation() {
    let text = "15:55 <ann> hi\n15:56 <@bob> hello\n[2018-05-29 21:20] something else\n<cyd> untimed\n";
    let log = parse(text.as_bytes(), Some(Format::Irssi));
    let kinds: Vec<&str> = log.lines.iter().map(|line| line.kind.name()).collect();
    assert_eq!(kinds, ["message", "message", "raw", "raw"]);
}

/// Bytes made of stamps, nicks, markers and noise.
fn shaped_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("rust ".to_owned()),
        Just("2018-05-29 ".to_owned()),
        Just("29/05/2018 ".to_owned()),
        Just("[21:20:37] ".to_owned()),
        Just("(09:20 PM) ".to_owned()),
        Just("2018-05-29T21:20:37.5Z ".to_owned()),
        Just("1527628837 ".to_owned()),
        Just("<bob> ".to_owned()),
        Just("ann: ".to_owned()),
        Just("[cyd] ".to_owned()),
        Just("\t".to_owned()),
        Just("-->".to_owned()),
        Just("* ".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        "[ -~]{0,12}",
        "\\PC{0,4}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat().into_bytes())
}

proptest! {
    #[test]
    fn inference_never_loses_a_line(bytes in shaped_bytes()) {
        for format in [None, Some(Format::Inferred)] {
            let log = parse(&bytes, format);
            prop_assert_eq!(log.lines.len(), count_lines(log.text.as_bytes()));
            for line in &log.lines {
                prop_assert!(line.span.end as usize <= log.text.len() && line.body.end <= line.span.end);
                prop_assert!(line.nick.is_none_or(|nick| nick.start >= line.span.start && nick.end <= line.span.end));
            }
        }
    }
}

/// `[HH:MM] <nick> text` rewritten into another shape, the date carried over midnight; untimed
/// lines (`=== x has joined`) stay untimed.
fn rewrite(raw: &str, shape: fn(&str, Option<&str>, &str) -> String) -> String {
    let mut day = chrono::NaiveDate::from_ymd_opt(2016, 6, 29).unwrap();
    let mut last_minutes = 0;
    let mut out = String::new();
    for line in raw.lines() {
        let date = day.format("%Y-%m-%d").to_string();
        match line.strip_prefix('[').filter(|rest| rest.as_bytes().get(5) == Some(&b']')) {
            Some(rest) => {
                let minutes = rest[..2].parse::<u32>().unwrap_or(0) * 60 + rest[3..5].parse::<u32>().unwrap_or(0);
                if minutes + 60 < last_minutes {
                    day = day.succ_opt().unwrap();
                }
                last_minutes = minutes;
                out += &shape(&day.format("%Y-%m-%d").to_string(), Some(&rest[..5]), rest[6..].trim_start());
            }
            None => out += &shape(&date, None, line),
        }
        out.push('\n');
    }
    out
}

/// `chan 2016-06-29 [03:10] <nick> text`.
fn channel_and_date(date: &str, clock: Option<&str>, rest: &str) -> String {
    match clock {
        Some(clock) => format!("chan {date} [{clock}] {rest}"),
        None => format!("chan {date} {rest}"),
    }
}

/// `2016-06-29T03:10:00 nick: text`.
/// Untimed lines stay as they are.
fn iso_and_colon(date: &str, clock: Option<&str>, rest: &str) -> String {
    let said = rest.strip_prefix('<').and_then(|inner| inner.split_once("> ").or_else(|| inner.strip_suffix('>').map(|nick| (nick, ""))));
    match (clock, said) {
        (Some(clock), Some((nick, text))) => format!("{date}T{clock}:00 {}: {text}", nick.trim()),
        (Some(clock), None) => format!("{date}T{clock}:00 {rest}"),
        (None, _) => rest.to_owned(),
    }
}

#[test]
fn the_dev_set_in_new_shapes_scores_the_same_reply_f() {
    let Some(dir) = shared::shared("threads/dev") else { return };
    let originals = read_dir(&dir).expect("the dev set reads");
    let original = evaluate(&originals, None).total;
    for (name, shape) in [("chan date [time] <nick>", channel_and_date as fn(&str, Option<&str>, &str) -> String), ("date-time nick:", iso_and_colon)] {
        let rewritten: Vec<Annotated> = originals
            .iter()
            .map(|file| {
                let text = rewrite(&file.log.text, shape);
                let log = parse(text.as_bytes(), None);
                Annotated { name: file.name.clone(), log, links: file.links.clone() }
            })
            .collect();
        let mut raw_lines = 0;
        for (file, original_file) in rewritten.iter().zip(&originals) {
            assert_eq!(file.log.format, Format::Inferred, "{} in the shape {name}", file.name);
            assert_eq!(file.log.lines.len(), original_file.log.lines.len(), "{}", file.name);
            raw_lines += file.log.lines.iter().filter(|line| line.kind == LineKind::Raw).count();
            for (index, (line, original_line)) in file.log.lines.iter().zip(&original_file.log.lines).enumerate() {
                let (said, originally) = ((line.kind, file.log.nick(line)), (original_line.kind, original_file.log.nick(original_line)));
                assert_eq!(said, originally, "{} line {} in the shape {name}: {:?}", file.name, index + 1, file.log.source(line));
            }
        }
        let score = evaluate(&rewritten, None).total;
        eprintln!("dev set as {name:<24} p/r/f {} (original {}), raw lines {raw_lines}", score.summary(), original.summary());
        assert!((score.f() - original.f()).abs() < 0.05, "{name}: F {:.2} against {:.2}", score.f(), original.f());
    }
}

/// Every timed line of `log` written in a shape no reader knows (`#chan 2016-07-13T17:00:00
/// nick: text`, `* nick waves`, `*** event`); a page header (which names the format) becomes a
/// blank line, and other untimed lines stay as they are.
fn in_a_new_shape(log: &Log) -> String {
    let fallback_date = chrono::NaiveDate::from_ymd_opt(2018, 5, 1).unwrap();
    let mut out = String::new();
    for line in &log.lines {
        if line.kind == LineKind::Header {
            out.push('\n');
            continue;
        }
        let (Some(stamp), Some(nick)) = (line.time, log.nick(line)) else {
            out += log.source(line);
            out.push('\n');
            continue;
        };
        let moment = stamp.date.unwrap_or(fallback_date).and_time(stamp.time).format("%Y-%m-%dT%H:%M:%S");
        let body = log.body(line);
        out += &match line.kind {
            LineKind::Message => format!("#chan {moment} {nick}: {body}\n"),
            LineKind::Action => format!("#chan {moment} * {nick} {body}\n"),
            _ => format!("#chan {moment} *** {body}\n"),
        };
    }
    out
}

/// What the agenda and the threads say of a log: each section's title, lines and cue, and
/// every spoken line's parents.
type Sections = Vec<(String, usize, usize)>;
type Replies = Vec<(usize, Vec<usize>)>;

fn analyses(log: &Log) -> (Sections, Replies) {
    let agenda = scrollback::agenda::analyse(log);
    let sections = agenda.sections.iter().map(|section| (section.title.clone(), section.first, section.last)).collect();
    let threads = scrollback::thread::analyse(log);
    let replies = (0..log.lines.len()).filter(|index| log.lines[*index].kind.is_spoken()).map(|index| (index, threads.reply_to(index).collect())).collect();
    (sections, replies)
}

/// Meetings in a shape no reader knows get the agenda and threads they get from their own
/// reader: the demo call, every MirageOS call and every MeetBot log of the corpus, rewritten.
#[test]
fn meetings_in_a_new_shape_get_the_same_agenda_and_threads() {
    let mut meetings: Vec<(String, Vec<u8>)> = vec![("demo".to_owned(), scrollback::demo::DEMO_LOG.as_bytes().to_vec())];
    if let Some(corpus) = shared::shared("corpus") {
        for folder in ["mirage-canopy", "meetbot"] {
            for path in shared::files_under(&corpus.join(folder)) {
                if folder == "meetbot" && !path.to_string_lossy().ends_with(".log.txt") {
                    continue;
                }
                meetings.push((path.strip_prefix(&corpus).unwrap().display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let (mut n_sections, mut n_replies) = (0, 0);
    let mut n_meetings = 0;
    for (name, bytes) in &meetings {
        let original = parse(bytes, None);
        // Inference learns a shape from two speakers at least; a one-line file has one.
        if scrollback::speakers::speakers(&original).len() < 2 {
            continue;
        }
        n_meetings += 1;
        let rewritten = parse(in_a_new_shape(&original).as_bytes(), None);
        assert_eq!(rewritten.format, Format::Inferred, "{name}");
        assert_eq!(rewritten.lines.len(), original.lines.len(), "{name}");
        let (sections, replies) = analyses(&original);
        let (new_sections, new_replies) = analyses(&rewritten);
        assert_eq!(new_sections, sections, "{name}: the agenda differs");
        assert_eq!(new_replies, replies, "{name}: the reply links differ");
        n_sections += sections.len();
        n_replies += replies.iter().filter(|(_, parents)| !parents.is_empty()).count();
    }
    eprintln!("{n_meetings} meetings in a new shape: {n_sections} sections and {n_replies} replies, as in their own format");
    assert!(n_sections >= 6, "the demo alone has six topics");
}
