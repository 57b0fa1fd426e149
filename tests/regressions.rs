//! Inputs the fuzzers and property tests found that once crashed, each named after what it
//! found. (The decoder's finds are unit tests in `src/parse/decode.rs`.)

use scrollback::parse::parse;

/// `parse` fuzz target: a chair's "next, on to “…" cut a title one byte into a curly quote.
#[test]
fn a_curly_quote_after_a_chairing_phrase_is_no_char_boundary_panic() {
    let text = "[10:00] <chair> #startmeeting\n[10:01] <chair> next, on to “Solo5” then\n[10:02] <chair> ok, onto “\n[10:03] <bob> “”\n";
    let log = parse(text.as_bytes(), None);
    let agenda = scrollback::agenda::analyse(&log);
    for section in &agenda.sections {
        assert!(section.first <= section.last && section.last < log.lines.len());
    }
    // The fuzzer's own input: its first byte chose the format (detection), the rest is the file.
    let mut fuzzed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions/agenda-curly-quote.bin")).expect("the saved input");
    let log = parse(&fuzzed.split_off(1), None);
    let _ = scrollback::agenda::analyse(&log);
}

/// Property test `minutes_never_panic_and_their_agendas_fit`: the HTML minutes reader cut the
/// text after "Meeting started by" 200 bytes on, inside a two-byte character.
#[test]
fn minutes_whose_start_runs_into_a_wide_character_are_no_char_boundary_panic() {
    for padding in 0..220 {
        let text = format!("<span class=\"details\">Meeting started by {}¬ at 12:00:00</span>\n<h3>Meeting summary</h3>\nMeeting ended at {}¬\n", "a".repeat(padding), "b".repeat(padding));
        let log = parse(text.as_bytes(), None);
        assert_eq!(log.format, scrollback::model::Format::MeetbotMinutes);
        assert_eq!(log.lines.len(), 3);
    }
}

/// Property test `reply_links_point_back_within_the_log`: two Matrix events with the same id,
/// each "in reply to" it, made the first answer the second, a line after it.
#[test]
fn a_reused_event_id_makes_no_reply_to_a_later_line() {
    let event = r#"{"origin_server_ts":1,"event_id":"$1","type":"m.room.message","content":{"body":"\u00e9","m.relates_to":{"m.in_reply_to":{"event_id":"$1"}}}}"#;
    let log = parse(format!("{event}\r\n{event}\r\n").as_bytes(), None);
    assert_eq!(log.format, scrollback::model::Format::MatrixNdjson);
    assert!(log.explicit_replies.iter().all(|(reply, parent)| parent < reply), "{:?}", log.explicit_replies);
    let threads = scrollback::thread::analyse(&log);
    for line in 0..log.lines.len() {
        assert!(threads.reply_to(line).all(|parent| parent < line), "line {line} answers a later line");
    }
}
