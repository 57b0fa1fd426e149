//! Properties over arbitrary input: parsing and agenda analysis never panic, and every source
//! line becomes one model line (of the laid-out text, for a one-line JSON export); MeetBot
//! minutes, alone or over a log, give agendas that fit.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use scrollback::model::{DiagnosticKind, Format, Log};
use scrollback::parse::lines::{count_file_lines, count_lines};
use scrollback::parse::parse;

/// As many lines as the file has, or as its text has once laid out (a one-line JSON export).
fn has_its_lines(log: &Log, bytes: &[u8]) -> bool {
    let laid_out = log.diagnostics.iter().any(|diagnostic| diagnostic.kind == DiagnosticKind::LaidOut);
    log.lines.len() == count_lines(log.text.as_bytes()) && (laid_out || log.lines.len() == count_file_lines(bytes))
}

/// Bytes that look a bit like logs, so the parsers' deeper paths are reached, mixed with noise.
fn loggy_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"29-06-2016 15:12 ".to_vec()),
        Just(b"`29-06-2016 15:12`   `nick`   ".to_vec()),
        Just(b"[03:10] <".to_vec()),
        Just(b"> ".to_vec()),
        Just(b"=== ".to_vec()),
        Just(b"* ".to_vec()),
        Just(b"---\n".to_vec()),
        Just(b"```\n".to_vec()),
        Just(b"Irc discussions from #m on 01-01-2016\n".to_vec()),
        Just(b"/me ".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just("\u{2014}\u{202e}".as_bytes().to_vec()),
        // Structured exports' pieces.
        Just(b"<a name=\"l-1\"></a><span class=\"tm\">".to_vec()),
        Just(b"<span class=\"nk\"> &lt;".to_vec()),
        Just(b"</span>".to_vec()),
        Just(b"<li id=\"l-2\" _a=\"x\" _r=\"y\"><a href=\"#l-2\">#</a> ".to_vec()),
        Just(b"<span class=\"irc-date\">[6:33]</span> ".to_vec()),
        Just(b"<font size=\"2\">(01:13:43)</font> <b>".to_vec()),
        Just(b"<message alias=\"a\" time=\"2011-12-09T01:13:43-08:00\"><div>".to_vec()),
        Just(b"{\"origin_server_ts\":1,\"event_id\":\"$1\",\"type\":\"m.room.message\",\"content\":{\"body\":\"\\u00e9\",\"m.relates_to\":{\"m.in_reply_to\":{\"event_id\":\"$1\"}}}}".to_vec()),
        Just(b"    \"html\": \"<p>x &amp;</p>\",".to_vec()),
        Just(b"    \"replyID\": 1,".to_vec()),
        Just(b"b'2016-06-17T22:41:17 ".to_vec()),
        Just(br#"[{"id":2,"username":"a","date":"2021-03-03T01:44:06Z","html":"<p>x</p>","replyID":1},{"id":1}]"#.to_vec()),
        Just(b"=====\n#m: t\n=====\nMeeting started by a at 12:00:00 UTC.\n".to_vec()),
        Just(b"  * ACTION: x  (a,\n    12:00:01)".to_vec()),
        Just(b"\\x".to_vec()),
        Just(b"&#x".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_keep_their_line_count(bytes in loggy_bytes()) {
        // Decoding may only turn invalid bytes into characters, never into line breaks.
        let log = parse(&bytes, None);
        prop_assert!(has_its_lines(&log, &bytes));
        for format in Format::ALL {
            let forced = parse(&bytes, Some(format));
            prop_assert!(has_its_lines(&forced, &bytes), "{:?}", format);
            for line in &forced.lines {
                // Spans stay inside the text and on character boundaries.
                prop_assert!(forced.text.get(line.span.range()).is_some());
                prop_assert!(forced.text.get(line.body.range()).is_some());
            }
        }
    }

    #[test]
    fn reply_links_point_back_within_the_log(bytes in loggy_bytes(), nicks in proptest::collection::vec("[a-z_|`0-9]{1,6}[:,]? ", 0..20)) {
        // Lines naming nicks reach the addressing paths; links only ever point to earlier lines.
        let mut input = bytes;
        for (index, nick) in nicks.iter().enumerate() {
            input.extend_from_slice(format!("[10:{:02}] <{}> {nick}{nick}ok?\n", index % 60, nick.trim_end_matches([':', ',', ' '])).as_bytes());
        }
        let log = parse(&input, None);
        let threads = scrollback::thread::analyse(&log);
        prop_assert_eq!(threads.len(), log.lines.len());
        for line in 0..threads.len() {
            for parent in threads.reply_to(line) {
                prop_assert!(parent < line || log.meta.newest_first, "line {} answers the later line {}", line, parent);
                prop_assert!(threads.thread_of(parent).is_some() && threads.thread_of(parent) == threads.thread_of(line));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let log = parse(&bytes, None);
        prop_assert!(has_its_lines(&log, &bytes));
    }
}

/// Meeting-shaped lines: MeetBot commands and chairing phrases, with odd characters between.
fn meeting_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"12:00:00 <bc> ".to_vec()),
        Just(b"13-07-2016 15:06 yomimono ".to_vec()),
        Just(b"#startmeeting ".to_vec()),
        Just(b"#endmeeting".to_vec()),
        Just(b"#topic ".to_vec()),
        Just(b"#undo".to_vec()),
        Just(b"#action bc ".to_vec()),
        Just(b"ok, onto ".to_vec()),
        Just(b"next up: ".to_vec()),
        Just(b"moving on".to_vec()),
        Just(b"! Over to ".to_vec()),
        Just(b"item 3: ".to_vec()),
        Just(b"AOB? agenda ".to_vec()),
        Just(b"what's the next topic?".to_vec()),
        Just(b" - ".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"[x](".to_vec()),
        Just(b"\n".to_vec()),
        Just("é\u{1}\u{2014}`".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_agenda_never_panics_and_keeps_its_sections_in_order(bytes in meeting_bytes()) {
        use scrollback::agenda::{analyse, minutes_markdown, section_of};
        let log = parse(&bytes, None);
        let agenda = analyse(&log);
        for pair in agenda.sections.windows(2) {
            prop_assert_eq!(pair[0].last + 1, pair[1].first);
        }
        for (index, section) in agenda.sections.iter().enumerate() {
            prop_assert!(section.first <= section.last && section.last < log.lines.len());
            prop_assert!(section.duration_minutes().is_none_or(|minutes| minutes >= 0));
            prop_assert_eq!(section_of(&agenda, section.first), Some(index));
        }
        let _ = minutes_markdown(&log, &agenda, "minutes");
    }

    #[test]
    fn minutes_never_panic_and_their_agendas_fit(minutes in minutes_bytes(), meeting in meeting_bytes()) {
        use scrollback::agenda::{analyse, link_minutes};
        let log = parse(&meeting, None);
        for format in [None, Some(Format::MeetbotMinutes)] {
            let read = parse(&minutes, format);
            prop_assert_eq!(read.lines.len(), count_file_lines(&minutes));
            prop_assert!(analyse(&read).fits(read.lines.len()));
            if let Some(linked) = link_minutes(&read, &log) {
                prop_assert!(linked.agenda.fits(log.lines.len()));
            }
        }
    }
}

/// Minutes-shaped text: MeetBot's text and HTML pieces, with odd characters between.
fn minutes_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"=====\n#m: t\n=====\n".to_vec()),
        Just(b"Meeting started by bc at 12:00:00 UTC.\n".to_vec()),
        Just(b"Meeting summary\n---------------\n".to_vec()),
        Just(b"Action Items, by person\n---\n".to_vec()),
        Just(b"* ".to_vec()),
        Just(b"  * ".to_vec()),
        Just(b"    ".to_vec()),
        Just(b"ACTION: ".to_vec()),
        Just(b"  (bc, 12:00:0".to_vec()),
        Just(b")".to_vec()),
        Just(b"Meeting ended at 12:30:00 UTC.\n".to_vec()),
        Just(b"<h3>Meeting summary</h3>\n<ol>".to_vec()),
        Just(b"<li><b class=\"TOPIC\">".to_vec()),
        Just(b"<li><i class=\"itemtype\">AGREED</i>: <span class=\"AGREED\">".to_vec()),
        Just(b"<span class=\"details\">(<a\n href='m.log.html#l-2'>bc</a>,\n 12:00:00)</span></li>".to_vec()),
        Just(b"<ol type=\"a\">".to_vec()),
        Just(b"</ol>".to_vec()),
        Just(b"\n".to_vec()),
        Just("é\u{1}\u{2014}&amp;".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn permalinks_round_trip(first in 1usize..10_000_000, length in 0usize..5000) {
        use scrollback::permalink::Anchor;
        let anchor = if length == 0 { Anchor::Line(first) } else { Anchor::Range { first, last: first + length } };
        prop_assert_eq!(Anchor::parse(&anchor.to_string()), Some(anchor));
    }

    #[test]
    fn any_hash_parses_without_panic(hash in ".{0,30}") {
        let _ = scrollback::permalink::Anchor::parse(&hash);
    }
}
