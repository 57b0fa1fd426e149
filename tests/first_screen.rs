//! A big log's first screen: the lines the worker reads first and sends before the rest, with
//! their own text, are the whole log's first lines as the page will show them, in the IRC and
//! meeting logs and in every chat export (Slack's zip, the JSON exports laid out, WhatsApp).
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "support/exports.rs"]
mod exports;

use std::rc::Rc;

use exports::{generated_bytes, Export};
use scrollback::model::Log;
use scrollback::transfer::{ParseReply, ParseRequest, ParsedLog, SharedBytes, WorkerParse};

fn request(file_name: &str, bytes: &[u8]) -> ParseRequest {
    ParseRequest { job: 1, file_name: file_name.to_owned(), format: None, bytes: SharedBytes(Rc::from(bytes)), notes: Vec::new(), demo: false, folder: Vec::new() }
}

/// A first screen opened as the page opens it.
fn opened(file_name: &str, bytes: &[u8], mut first: ParsedLog) -> Log {
    assert!(first.text.is_some() && first.first_screen, "{file_name}: a first screen carries its own text");
    let text = first.take_text(Rc::from(bytes), None).expect("its text is UTF-8");
    first.into_log(text).expect("the first screen's table fits its text").0
}

/// The first screen of `bytes` (over `after` bytes, its first `budget` bytes of lines) as the
/// worker sends it, from the file's head where it can be read alone, and the whole log, each
/// opened as the page opens the worker's replies. A first screen read from the head is the one
/// read from the whole text.
fn first_screen_and_whole(file_name: &str, bytes: &[u8], after: usize, budget: usize) -> (Option<Log>, Log) {
    first_screen_and_whole_of(request(file_name, bytes), after, budget).0
}

/// Like [`first_screen_and_whole`] for any request; and whether the first screen was read from
/// the head.
fn first_screen_and_whole_of(request: ParseRequest, after: usize, budget: usize) -> ((Option<Log>, Log), bool) {
    let (file_name, bytes) = (request.file_name.clone(), request.bytes.0.clone());
    let of_head = WorkerParse::first_screen_of_head(&request, after, budget).map(|(first, progress)| {
        assert!(matches!(progress, ParseReply::Progress { read, total } if read > 0 && read < total), "{file_name}: {progress:?}");
        opened(&file_name, &bytes, first)
    });
    let folder = request.folder.clone();
    let mut parse = WorkerParse::begin(request).expect("the file opens");
    let first = parse.first_screen(after, budget).map(|first| opened(&file_name, &bytes, first));
    if let Some(of_head) = &of_head {
        let first = first.as_ref().expect("a head's first screen is one the whole text has too");
        assert_eq!((&of_head.text, &of_head.lines, &of_head.explicit_replies), (&first.text, &first.lines, &first.explicit_replies), "{file_name}: from the head or the whole");
        assert_eq!((&of_head.parts, &of_head.meta, of_head.format), (&first.parts, &first.meta, first.format), "{file_name}");
        assert_eq!(of_head.shown.text(), first.shown.text(), "{file_name}");
    }
    let text_ahead = parse.text_for_page();
    // In small slices: a reader that reads ahead a slice at a time (Mattermost's) reads the same.
    while !parse.read(4 << 10) {}
    let (mut whole, _) = parse.finish(&|| 0.0);
    let read_from_head = of_head.is_some();
    let first = of_head.or(first);
    let text = whole.take_text(Rc::clone(&bytes), text_ahead).expect("the whole text");
    let whole = whole.into_log(text).expect("the whole table fits the text").0;
    let unpacked = match folder.is_empty() {
        true => scrollback::input::prepare(&bytes).expect("a log").into_owned(),
        false => scrollback::input::prepare_folder(in_folder(&bytes, &folder)).expect("a log"),
    };
    let read_at_once = scrollback::parse::parse_file(&unpacked, Some(&file_name), None);
    assert_eq!(whole.lines, read_at_once.lines, "{file_name}: read in slices or at once");
    assert_eq!((&whole.explicit_replies, &whole.parts, &whole.meta), (&read_at_once.explicit_replies, &read_at_once.parts, &read_at_once.meta), "{file_name}");
    ((first, whole), read_from_head)
}

/// A folder's files out of the one block a request sends them in.
fn in_folder<'a>(bytes: &'a [u8], folder: &[(String, u32)]) -> Vec<(String, &'a [u8])> {
    let mut start = 0;
    folder.iter().map(|(path, length)| {
        start += *length as usize;
        (path.clone(), &bytes[start - *length as usize..start])
    }).collect()
}

/// A Mirage meeting of `n` lines, talk and replies by prefix, as the page's bigger drops are.
fn meeting(n: usize) -> String {
    const NICKS: [&str; 6] = ["avsm", "yomimono", "hannes", "mato", "talex5", "samoht"];
    let header = "Irc discussions from #mirage on 29-06-2016\n\nWritten by avsm\n\n";
    let lines = (0..n).map(|index| {
        let (hour, minute) = (10 + index / 3600 % 10, index / 60 % 60);
        let addressed = if index % 5 == 4 { format!("{}: ", NICKS[(index + 2) % 6]) } else { String::new() };
        format!("29-06-2016 {hour:02}:{minute:02} {} {addressed}message number {}\n", NICKS[index % 6], index + 1)
    });
    std::iter::once(header.to_owned()).chain(lines).collect()
}

/// The same talk as irssi writes it, with joins and a day change.
fn irssi(n: usize) -> String {
    let lines = (0..n).map(|index| match index % 40 {
        39 => "--- Day changed Thu Jun 30 2016\n".to_owned(),
        13 => format!("{:02}:{:02} -!- guest{index} [~g@example.org] has joined #mirage\n", index / 60 % 24, index % 60),
        _ => format!("{:02}:{:02} < nick{}> line {index}, about the release\n", index / 60 % 24, index % 60, index % 9),
    });
    std::iter::once("--- Log opened Wed Jun 29 10:00:00 2016\n".to_owned()).chain(lines).collect()
}

#[test]
fn a_first_screen_is_the_whole_logs_first_lines_in_every_family() {
    let mut cases: Vec<(String, Vec<u8>)> = vec![("29-06-2016.txt".to_owned(), meeting(4000).into_bytes()), ("mirage.log".to_owned(), irssi(4000).into_bytes())];
    cases.extend(Export::ALL.iter().map(|export| (export.file_name().to_owned(), generated_bytes(*export, 3000))));
    for (file_name, bytes) in &cases {
        let (first, whole) = first_screen_and_whole(file_name, bytes, 0, 32 << 10);
        let first = first.unwrap_or_else(|| panic!("{file_name}: a first screen"));
        let n = first.lines.len();
        assert!(n >= 40 && n < whole.lines.len(), "{file_name}: {n} of {} lines", whole.lines.len());
        assert_eq!(first.format, whole.format, "{file_name}");
        // Its text is the whole text's start, up to the end of its last line.
        assert!(whole.text.starts_with(&*first.text), "{file_name}");
        assert_eq!(first.text.len(), whole.lines[n].span.start as usize, "{file_name}: it ends where a line ends");
        for (index, (line, whole_line)) in first.lines.iter().zip(&whole.lines).enumerate() {
            assert_eq!(line, whole_line, "{file_name}: line {}", index + 1);
            assert_eq!((first.nick(line), first.body(line)), (whole.nick(whole_line), whole.body(whole_line)), "{file_name}: line {}", index + 1);
        }
        // The replies and parts among its lines, all of them: none is left for later.
        let within = |pairs: &[(u32, u32)]| pairs.iter().copied().filter(|(reply, _)| (*reply as usize) < n).collect::<Vec<_>>();
        assert_eq!(first.explicit_replies, within(&whole.explicit_replies), "{file_name}: the replies among its lines");
        // The parts it has are the whole log's (some are known only once the file is read).
        assert!(first.parts.iter().all(|part| whole.parts.contains(part)), "{file_name}: {:?} of {:?}", first.parts, whole.parts);
        assert_eq!(first.meta.title, whole.meta.title, "{file_name}");
    }
    let exports_with_replies = cases.iter().filter(|(file_name, bytes)| first_screen_and_whole(file_name, bytes, 0, 32 << 10).0.is_some_and(|first| !first.explicit_replies.is_empty())).count();
    assert!(exports_with_replies >= 6, "the exports state replies within their first screen: {exports_with_replies}");
}

#[test]
fn only_a_log_longer_than_the_threshold_and_the_screen_has_a_first_screen() {
    let log = meeting(4000);
    let (first, whole) = first_screen_and_whole("29-06-2016.txt", log.as_bytes(), log.len(), 32 << 10);
    assert!(first.is_none(), "a log no longer than the threshold opens whole");
    assert_eq!(whole.lines.len(), log.lines().count());
    let (first, _) = first_screen_and_whole("29-06-2016.txt", log.as_bytes(), 0, log.len());
    assert!(first.is_none(), "a log read whole by the first screen's budget is simply the log");
    let (first, whole) = first_screen_and_whole("29-06-2016.txt", log.as_bytes(), log.len() - 1, 32 << 10);
    assert!(first.is_some_and(|first| first.lines.len() < whole.lines.len()), "a log one byte over the threshold shows its first screen");
}

#[test]
fn an_export_of_records_shows_its_first_screen_from_its_head() {
    let slack = generated_bytes(Export::Slack, 3000);
    let files = scrollback::input::archive::unzip(&slack).expect("the export unzips");
    let folder = files.iter().map(|(path, contents)| (path.clone(), contents.len() as u32)).collect();
    let block: Vec<u8> = files.into_iter().flat_map(|(_, contents)| contents).collect();
    // Slack's zip (its first files unpacked), the same export unzipped as a folder, Mattermost's
    // lines (its first records laid out), the pretty-printed JSON of Discord, Element and a
    // Telegram chat (their first messages laid out, their header read from before them), and
    // Discord's minified HTML page (cut where a message starts).
    let mut requests = vec![request(Export::Slack.file_name(), &slack), ParseRequest { folder, ..request("slack-export", &block) }];
    requests.extend([Export::Mattermost, Export::Discord, Export::Element, Export::Telegram, Export::DiscordHtml].map(|export| request(export.file_name(), &generated_bytes(export, 3000))));
    for request in requests {
        let file_name = request.file_name.clone();
        let ((first, whole), read_from_head) = first_screen_and_whole_of(request, 0, 32 << 10);
        assert!(read_from_head, "{file_name}: read from its head");
        let n = first.map_or(0, |first| first.lines.len());
        assert!(n >= 40 && n < whole.lines.len(), "{file_name}: {n} of {} lines", whole.lines.len());
    }
    // A reader that looks at the whole text first (WhatsApp's day order), and a log whose whole
    // is read as soon, read their first screen from the whole text.
    let mut whole_first: Vec<(&str, Vec<u8>)> = [Export::WhatsappAndroid, Export::WhatsappIos].map(|export| (export.file_name(), generated_bytes(export, 3000))).into();
    whole_first.push(("29-06-2016.txt", meeting(4000).into_bytes()));
    for (file_name, bytes) in whole_first {
        let ((first, _), read_from_head) = first_screen_and_whole_of(request(file_name, &bytes), 0, 32 << 10);
        assert!(first.is_some() && !read_from_head, "{file_name}");
    }
}
