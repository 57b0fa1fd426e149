//! The worker's boundary end to end: a file through the worker's side in small slices, then the
//! page's, gives the log a direct parse gives.

use chrono::{NaiveDate, NaiveTime};

use super::encoding::SYSTEM_EVENTS;
use super::*;
use crate::model::{Line, LineKind, Span, Stamp};
use crate::parse::parse_file;

/// Runs the worker's side with a tiny budget, then the main thread's, as the browser would.
fn through_the_worker(name: &str, bytes: &[u8], format: Option<Format>) -> Result<(Log, ParsedLog), String> {
    through_the_worker_with_notes(name, bytes, format, Vec::new()).map(|(log, _, parsed)| (log, parsed))
}

fn through_the_worker_with_notes(name: &str, bytes: &[u8], format: Option<Format>, notes: Vec<Diagnostic>) -> Result<(Log, Roster, ParsedLog), String> {
    let request = ParseRequest { job: 7, file_name: name.to_owned(), format, bytes: SharedBytes(Rc::from(bytes)), notes, demo: false, folder: Vec::new() };
    let ToWorker::Parse(request) = over_the_wire(&ToWorker::Parse(request)) else { panic!("a parse request comes back a parse request") };
    let mut parse = WorkerParse::begin(request)?;
    // Text the page lacks crosses first, as the worker sends it.
    let text_ahead = parse.text_for_page().map(|text| {
        let ParseReply::Text(text) = over_the_wire(&FromWorker { job: 7, reply: ParseReply::Text(text) }).reply else { panic!("text comes back text") };
        text
    });
    assert!(parse.text_for_page().is_none(), "the text crosses once");
    let mut progress = Vec::new();
    while !parse.read(16) {
        progress.push(parse.progress());
    }
    assert!(bytes.len() < 64 || !progress.is_empty(), "progress is reported");
    let (parsed, _) = parse.finish(&|| 0.0);
    let sent = FromWorker { job: 7, reply: ParseReply::Parsed(Box::new(parsed.clone())) };
    let ParseReply::Parsed(mut reply) = over_the_wire(&sent).reply else { panic!("a parsed log comes back a parsed log") };
    assert!(reply.text.is_none() || !reply.text_sent_before, "the reply does not carry the text sent ahead of it");
    let text = reply.take_text(Rc::from(bytes), text_ahead)?;
    let (log, roster) = reply.into_log(text)?;
    Ok((log, roster, parsed))
}

/// `message` encoded as the worker's codec does, its blocks kept aside, and decoded again.
fn over_the_wire<T: serde::Serialize + serde::de::DeserializeOwned>(message: &T) -> T {
    let blocks = Rc::new(std::cell::RefCell::new(Vec::<Vec<u8>>::new()));
    let sink_blocks = Rc::clone(&blocks);
    let fields = wire::encode(message, Box::new(move |block: &[u8]| sink_blocks.borrow_mut().push(block.to_vec())));
    let mut blocks = blocks.take();
    let fields_hold_no_block = blocks.iter().all(|block| block.len() < 8 || !fields.windows(block.len()).any(|window| window == block.as_slice()));
    assert!(!blocks.is_empty() && fields_hold_no_block, "every block (the file, the line table, the threads) travels out of band");
    wire::decode(&fields, Box::new(move |number| blocks.get_mut(number as usize).map(std::mem::take).map(wire::Received::of))).expect("a message comes back")
}

#[test]
fn the_analyses_cross_the_wire_with_their_threads_as_one_block() {
    let text = "29-06-2016 15:12 alice #topic release\n29-06-2016 15:13 bob alice: when?\n29-06-2016 15:14 alice bob: friday\n";
    let log = parse_file(text.as_bytes(), Some("29-06-2016.txt"), None);
    let analyses = Analyses::of(&PreviousLog::new("29-06-2016.txt", log.clone()), &|| 0.0);
    let sent = FromWorker { job: 3, reply: ParseReply::Analysed(Box::new(analyses.clone())) };
    let ParseReply::Analysed(back) = over_the_wire(&sent).reply else { panic!("analyses come back analyses") };
    assert_eq!(back.threads, analyses.threads);
    assert!(!back.threads.0.is_empty(), "the threads were sent");
    let checked = back.checked(log.lines.len()).expect("they fit the log");
    assert_eq!(checked.threads, crate::thread::analyse(&log));
    assert_eq!(checked.agenda, crate::agenda::analyse(&log));
    // The minutes are written in the worker, as the native tool writes them.
    assert_eq!(checked.minutes_markdown, crate::agenda::minutes_markdown(&log, &checked.agenda, "29-06-2016.txt"));
    assert!(checked.minutes_markdown.contains("release"), "{}", checked.minutes_markdown);
}

#[test]
fn a_message_cut_short_or_missing_a_block_is_an_error_not_a_panic() {
    let sent = FromWorker { job: 1, reply: ParseReply::Analysed(Box::new(Analyses { threads: Bytes(vec![1, 2, 3]), ..Analyses::default() })) };
    let fields = wire::encode(&sent, Box::new(|_: &[u8]| ()));
    let no_blocks = wire::decode::<FromWorker>(&fields, Box::new(|_| None));
    assert!(no_blocks.is_err(), "the threads' block is missing");
    let cut_short = wire::decode::<FromWorker>(&fields[..fields.len() / 2], Box::new(|_| Some(wire::Received::of(Vec::new()))));
    assert!(cut_short.is_err(), "half a message");
}

const LOG: &str = "Irc discussions from #mirage on 29-06-2016\n\n29-06-2016 15:12 alice hi \u{e9}\n29-06-2016 15:13 bob * waves\n29-06-2016 12:00 carol back in time\n";

#[test]
fn a_utf8_log_comes_back_equal_and_its_text_is_not_sent_back() {
    let (log, parsed) = through_the_worker("29-06-2016.txt", LOG.as_bytes(), None).unwrap();
    assert_eq!(log, parse_file(LOG.as_bytes(), Some("29-06-2016.txt"), None));
    assert!(parsed.text.is_none() && !parsed.text_sent_before, "the main thread already has the text");
    assert_eq!(parsed.lines.0.len(), log.lines.len() * LINE_RECORD_BYTES);
}

#[test]
fn an_inferred_log_comes_back_with_its_line_shape() {
    let text = "rust 2018-05-29 [21:20:37] <ann> hi\nrust 2018-05-29 [21:20:41] <bob> ann: hello\nrust 2018-05-29 [21:20:50] <ann> bob: news?\n";
    let (log, parsed) = through_the_worker("rust.log", text.as_bytes(), None).unwrap();
    assert_eq!(log, parse_file(text.as_bytes(), Some("rust.log"), None));
    assert_eq!((log.format, parsed.detected_format), (Format::Inferred, Format::Inferred));
    assert_eq!(log.meta.line_shape.as_deref(), Some("channel · date · [time] · <nick>"));
}

/// A Matrix dump: display names and JSON-escaped bodies are shown text, and a reply is stated.
const MATRIX: &str = concat!(
    r#"{"@a:example.org":"Alice","@b:example.org":"Bob"}"#, "\n",
    r#"{"origin_server_ts":1643377279000,"event_id":"$1","sender":"@a:example.org","type":"m.room.message","content":{"msgtype":"m.text","body":"caf\u00e9 \"quoted\""}}"#, "\n",
    r#"{"origin_server_ts":1643377300000,"event_id":"$2","sender":"@b:example.org","type":"m.room.message","content":{"msgtype":"m.text","body":"agreed","m.relates_to":{"m.in_reply_to":{"event_id":"$1"}}}}"#, "\n",
);

#[test]
fn a_structured_export_comes_back_with_its_shown_text_and_stated_replies() {
    let (log, parsed) = through_the_worker("room.json", MATRIX.as_bytes(), None).unwrap();
    assert_eq!(log, parse_file(MATRIX.as_bytes(), Some("room.json"), None));
    assert_eq!(log.nick(&log.lines[1]), Some("Alice"));
    assert_eq!(log.body(&log.lines[1]), "café \"quoted\"");
    assert_eq!(log.explicit_replies, vec![(2, 1)]);
    assert!(!parsed.shown_spans.0.is_empty() && !parsed.line_shown.0.is_empty());
    let into_log = |mut parsed: ParsedLog| {
        // The text as the page has it (sent ahead, if the export was laid out).
        let text = parsed.take_text(Rc::from(MATRIX.as_bytes()), Some(SharedBytes(Rc::from(Rc::clone(&log.text))))).unwrap();
        parsed.into_log(text)
    };
    let mut broken = parsed.clone();
    broken.line_shown.0.extend(encode_pairs([(0, 9999)].into_iter()));
    assert!(into_log(broken).is_err(), "a shown index out of range is an error, not a panic");
    let mut broken = parsed.clone();
    broken.line_shown.0.pop();
    assert!(into_log(broken).is_err(), "a table cut short is an error");
    let mut broken = parsed.clone();
    broken.shown_spans.0[..4].copy_from_slice(&0u32.to_le_bytes()[..]);
    broken.shown_spans.0[4..8].copy_from_slice(&(1u32 << 20).to_le_bytes()[..]);
    assert!(into_log(broken).is_err(), "a span past the shown text is an error, not a panic");
}

#[test]
fn the_demo_is_read_from_the_workers_copy_and_its_text_sent_to_the_page() {
    let request = ParseRequest { job: 1, file_name: crate::demo::DEMO_FILE_NAME.to_owned(), format: None, bytes: SharedBytes(Rc::from([])), notes: Vec::new(), demo: true, folder: Vec::new() };
    let mut parse = WorkerParse::begin(request).expect("the demo opens");
    let ahead = parse.text_for_page();
    while !parse.read(1 << 20) {}
    let (mut parsed, _) = parse.finish(&|| 0.0);
    assert!(parsed.text.is_none() && parsed.text_sent_before, "the demo's text went ahead of its lines");
    let text = parsed.take_text(Rc::from([]), ahead).expect("the worker sends the demo's text");
    assert_eq!(&*text, crate::demo::DEMO_LOG);
    let (log, _) = parsed.into_log(text).unwrap();
    assert_eq!(log, parse_file(crate::demo::DEMO_LOG.as_bytes(), Some(crate::demo::DEMO_FILE_NAME), None));
}

#[test]
fn the_threads_and_agenda_are_found_in_the_worker_and_checked_on_the_way_back() {
    let log = parse_file(crate::demo::DEMO_LOG.as_bytes(), Some("demo.txt"), None);
    let analyses = Analyses::of(&PreviousLog::new("demo.txt", log.clone()), &|| 0.0);
    let crate::transfer::CheckedAnalyses { threads, agenda, .. } = analyses.clone().checked(log.lines.len()).unwrap();
    assert_eq!(threads, crate::thread::analyse(&log));
    assert_eq!(agenda, crate::agenda::analyse(&log));
    assert!(agenda.sections.len() >= 4);
    let mut cut = analyses.clone();
    cut.threads.0.truncate(cut.threads.0.len() - 4);
    assert!(cut.checked(log.lines.len()).is_err(), "short threads are refused");
    assert!(analyses.clone().checked(log.lines.len() + 1).is_err(), "threads for another log are refused");
    let mut far = analyses;
    far.agenda.items.push(crate::agenda::Item { line: 1_000_000, kind: crate::agenda::ItemKind::Info, text: String::new(), owners: Vec::new() });
    assert!(far.checked(log.lines.len()).is_err(), "an agenda past the log is refused");
}

#[test]
fn decoded_text_comes_back_when_it_is_not_the_bytes() {
    let latin = b"[10:00] <a> it\x92s\n[10:01] <b> ok\n";
    let (log, parsed) = through_the_worker("a.log", latin, None).unwrap();
    assert_eq!(log, parse_file(latin, Some("a.log"), None));
    assert!(parsed.text_sent_before, "the decoded text went to the page");
    assert_eq!(&*log.text, "[10:00] <a> it\u{2019}s\n[10:01] <b> ok\n", "the page has the decoded text");

    let mut packed = Vec::new();
    let mut encoder = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, LOG.as_bytes()).unwrap();
    encoder.finish().unwrap();
    let (log, _) = through_the_worker("m.log.gz", &packed, Some(Format::PlainText)).unwrap();
    assert_eq!(&*log.text, LOG);
    assert_eq!(log.format, Format::PlainText);
}

#[test]
fn a_forced_format_keeps_the_detected_one() {
    let (log, parsed) = through_the_worker("m.txt", LOG.as_bytes(), Some(Format::PlainText)).unwrap();
    assert_eq!((log.format, parsed.detected_format), (Format::PlainText, Format::MirageMeeting));
}

#[test]
fn what_is_no_log_is_refused_with_its_name() {
    let error = through_the_worker("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).unwrap_err();
    assert_eq!(error, "x.png: This looks like a PNG image, not a chat log");
}

#[test]
fn every_kind_and_stamp_survives_the_table() {
    let text = "0123456789abcdef";
    let date = NaiveDate::from_ymd_opt(2016, 6, 29);
    let time = NaiveTime::from_hms_milli_opt(15, 12, 3, 250).unwrap();
    let kinds = [LineKind::Header, LineKind::Blank, LineKind::Message, LineKind::Action, LineKind::Notice, LineKind::Continuation, LineKind::Raw, LineKind::Markup]
        .into_iter()
        .chain(SYSTEM_EVENTS.map(LineKind::System));
    let lines: Vec<Line> = kinds
        .enumerate()
        .map(|(index, kind)| Line {
            shown: None,
            span: Span::new(0..index),
            kind,
            time: (index % 3 > 0).then_some(Stamp { date: date.filter(|_| index % 3 == 2), time }),
            nick: (index % 2 == 0).then_some(Span::new(1..2)),
            body: Span::new(index..index + 1),
        })
        .collect();
    assert_eq!(decode_lines(&encode_lines(&lines), text), Ok(lines));
}

#[test]
fn a_broken_table_is_an_error_not_a_panic() {
    let line = Line { span: Span::new(0..4), kind: LineKind::Message, time: None, nick: None, body: Span::new(2..4), shown: None };
    let table = encode_lines(&[line]);
    assert!(decode_lines(&table[..10], "abcd").is_err());
    assert!(decode_lines(&table, "ab").is_err(), "a span past the text");
    assert!(decode_lines(&table, "a\u{e9}d").is_err(), "a span inside a character");
    let mut bad_kind = table.clone();
    bad_kind[8] = 99;
    assert!(decode_lines(&bad_kind, "abcd").is_err());
}

#[test]
fn the_roster_is_found_in_the_worker_and_a_broken_one_is_refused() {
    let (log, roster, parsed) = through_the_worker_with_notes("29-06-2016.txt", LOG.as_bytes(), None, Vec::new()).unwrap();
    assert_eq!(roster, Roster::new(&log));
    assert_eq!(roster.ranked().iter().map(|speaker| speaker.nick.as_str()).collect::<Vec<_>>(), ["alice", "bob", "carol"]);
    let mut broken = parsed;
    broken.roster = serde_json::from_str(r#"{"people":[],"by_nick":{"alice":3}}"#).unwrap();
    let text = broken.take_text(Rc::from(LOG.as_bytes()), None).unwrap();
    assert_eq!(broken.into_log(text).unwrap_err(), "the parse worker sent a broken roster");
}

const MEETING: &str = "10:00:02 <ann> #startmeeting weekly\n10:00:10 <ann> #topic Release\n10:00:20 <bob> ok\n10:01:00 <ann> #agreed ship it\n10:02:00 <ann> #endmeeting\n";
const MEETING_MINUTES: &str = "=====\n#chan: weekly\n=====\n\nMeeting started by ann at 10:00:02 UTC.\n\nMeeting summary\n---------------\n* Release  (ann, 10:00:10)\n  * AGREED: ship it  (ann, 10:01:00)\n\nMeeting ended at 10:02:00 UTC.\n";

#[test]
fn minutes_of_the_open_log_come_back_as_its_agenda_and_are_checked_against_it() {
    let log = parse_file(MEETING.as_bytes(), None, None);
    let minutes = parse_file(MEETING_MINUTES.as_bytes(), None, None);
    let previous = PreviousLog::new("weekly.log.txt", log.clone());
    let reply = previous.minutes_of_it("weekly.txt", &minutes).expect("the minutes of that log");
    assert_eq!((reply.note.file_name.as_str(), reply.note.placed), ("weekly.txt", 2));
    let (agenda, _, markdown) = reply.clone().checked(&log).expect("the same log");
    assert_eq!(agenda.sections[0].how, crate::agenda::Boundary::Minutes);
    assert!(markdown.contains("ship it"), "the minutes' Markdown has their decision: {markdown}");
    assert!(reply.checked(&parse_file(b"10:00:00 <x> another log\n", None, None)).is_err(), "not over another log");
    assert!(previous.minutes_of_it("other.txt", &log).is_none(), "a log is no minutes");

    // The other way round: minutes open, then their log.
    let previous = PreviousLog::new("weekly.txt", minutes);
    let analysed = PreviousLog::new("weekly.log.txt", log.clone());
    let mut analyses = Analyses::of(&analysed, &|| 0.0);
    previous.lay_over(&analysed, &mut analyses);
    assert_eq!(analyses.minutes.as_ref().map(|note| note.file_name.as_str()), Some("weekly.txt"));
    assert_eq!(analyses.agenda.items.len(), 1);
    assert_eq!(analyses.minutes_markdown, crate::agenda::minutes_markdown(&log, &analyses.agenda, "weekly"), "the minutes follow the laid-over agenda");
}

#[test]
fn a_laid_out_export_sends_its_laid_out_text() {
    let minified = br#"[{"id":1,"username":"ann","date":"2021-03-03T01:44:06Z","html":"<p>hi</p>"}]"#;
    let (log, parsed) = through_the_worker("chat.json", minified, None).unwrap();
    assert_eq!(log, parse_file(minified, Some("chat.json"), None));
    assert!(parsed.text_sent_before, "the page lacks the laid-out text");
    assert!(log.text.lines().count() > 1 && log.text.len() > minified.len(), "the page has the laid-out text: {}", log.text);
    assert_eq!(log.lines.len(), 8);
}

#[test]
fn a_folder_through_the_worker_is_its_zip() {
    let files = [("users.json", &br#"[{"id":"U1","name":"ann"}]"#[..]), ("general/2024-01-02.json", br#"[{"ts":"1704189600.000100","user":"U1","text":"hi"}]"#), ("photo.png", b"\x89PNG\r\n\x1a\n\0\0")];
    let bytes: Vec<u8> = files.iter().flat_map(|(_, contents)| contents.iter().copied()).collect();
    let folder = files.iter().map(|(path, contents)| (path.to_string(), contents.len() as u32)).collect();
    let request = ParseRequest { job: 1, file_name: "slack-export".to_owned(), format: None, bytes: SharedBytes(Rc::from(&bytes[..])), notes: Vec::new(), demo: false, folder };
    let ToWorker::Parse(request) = over_the_wire(&ToWorker::Parse(request)) else { panic!("a parse request comes back a parse request") };
    let mut parse = WorkerParse::begin(request).unwrap();
    while !parse.read(1 << 20) {}
    let (parsed, log) = parse.finish(&|| 0.0);
    let laid_out = crate::input::archive::lay_out(files.iter().map(|(path, contents)| (path.to_string(), *contents)).collect()).unwrap();
    assert_eq!(log.text.as_bytes(), &laid_out[..]);
    assert_eq!(parsed.text.as_ref().map(|text| &*text.0), Some(&laid_out[..]), "the page has only the files, not their layout");
    assert_eq!(log.format, Format::SlackExport);
    assert!(log.text.contains("==> photo.png <== (10 bytes, not text)"), "{}", log.text);
    let said: Vec<&str> = log.lines.iter().filter_map(|line| log.nick(line)).collect();
    assert_eq!(said, ["ann"]);
}

#[test]
fn text_the_page_lacks_crosses_once_before_the_lines_are_read() {
    let mut packed = Vec::new();
    let mut encoder = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, LOG.as_bytes()).unwrap();
    encoder.finish().unwrap();
    let request = |bytes: &[u8]| ParseRequest { job: 2, file_name: "29-06-2016.txt".to_owned(), format: None, bytes: SharedBytes(Rc::from(bytes)), notes: Vec::new(), demo: false, folder: Vec::new() };
    let mut parse = WorkerParse::begin(request(&packed)).unwrap();
    let ahead = parse.text_for_page().expect("the page has only the gzip");
    assert_eq!(&*ahead.0, LOG.as_bytes());
    assert!(parse.text_for_page().is_none(), "sent once");
    while !parse.read(1 << 20) {}
    let (parsed, log) = parse.finish(&|| 0.0);
    assert!(parsed.text.is_none() && parsed.text_sent_before);
    let (mut without, mut with) = (parsed.clone(), parsed);
    assert_eq!(without.take_text(Rc::from(&packed[..]), None).unwrap_err(), "the parse worker's text did not come");
    assert_eq!(with.clone().take_text(Rc::from(&packed[..]), Some(ahead)).unwrap(), log.text);
    assert_eq!(with.take_text(Rc::from(&packed[..]), Some(SharedBytes(Rc::from(&b"caf\xe9"[..])))).unwrap_err(), "the parse worker sent text that is not UTF-8");

    let mut parse = WorkerParse::begin(request(LOG.as_bytes())).unwrap();
    assert!(parse.text_for_page().is_none(), "the page has plain UTF-8 already");
    while !parse.read(1 << 20) {}
    let (parsed, _) = parse.finish(&|| 0.0);
    assert!(parsed.text.is_none() && !parsed.text_sent_before);
}

#[test]
fn a_re_read_keeps_what_the_first_decoding_said() {
    let (first, _) = through_the_worker("latin.log", b"[10:00] <a> caf\xe9\n", None).unwrap();
    let notes: Vec<Diagnostic> = first.diagnostics.iter().filter(|diagnostic| diagnostic.kind == crate::model::DiagnosticKind::Encoding).cloned().collect();
    assert!(!notes.is_empty(), "windows-1252 is said: {:?}", first.diagnostics);
    let (again, _, _) = through_the_worker_with_notes("latin.log", first.text.as_bytes(), Some(Format::PlainText), notes.clone()).unwrap();
    assert!(notes.iter().all(|note| again.diagnostics.contains(note)), "{:?}", again.diagnostics);
    assert_eq!(again.format, Format::PlainText);
}

#[test]
fn a_shared_block_is_read_whole_by_one_copy_of_what_arrived() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let fields = wire::encode(&SharedBytes(Rc::from(&bytes[..])), Box::new(|_: &[u8]| {}));
    let copies = Rc::new(std::cell::Cell::new(0));
    let counted = Rc::clone(&copies);
    let sent = bytes.clone();
    let source = Box::new(move |number: u32| {
        let sent = sent.clone();
        let counted = Rc::clone(&counted);
        (number == 0).then(|| wire::Received::new(sent.len(), Box::new(move |into: &mut [u8]| {
            counted.set(counted.get() + 1);
            into.copy_from_slice(&sent);
        })))
    });
    let SharedBytes(back) = wire::decode(&fields, source).expect("the block comes back");
    assert_eq!(&back[..], &bytes[..]);
    assert_eq!(copies.get(), 1);
}
