//! The archive's search index: every query finds, through the chunked files as a static site
//! serves them, exactly the lines a scan of every log finds, newest log first.

#[path = "support/exports.rs"]
#[allow(dead_code)]
mod exports;

use std::collections::HashMap;
use std::rc::Rc;

use scrollback::archive::index::{fnv1a64, IndexBuilder, Meta, META_PATH, PAGE_POSTINGS};
use scrollback::archive::query::{query_terms, search, Hit};
use scrollback::archive::terms::{from_term, terms};
use scrollback::archive::{words_of, IndexedFile};
use scrollback::model::Log;
use scrollback::parse::parse_file;

const WORDS: &[&str] = &["the", "solo5", "release", "mirage", "unikernel", "opam", "xen", "review", "branch", "été", "東京", "ci", "a", "I", "arm64", "the", "the", "to"];
const NICKS: &[&str] = &["avsm", "yomimono", "Mort___", "mort", "hannes", "samoht|away"];

/// A day's meeting, the same for the same `day` on every run.
fn day_log(day: u32, lines: u32) -> String {
    let mut state = 0x9e37_79b9_u64 ^ (u64::from(day) * 0x2545_f491);
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let date = format!("{:02}-{:02}-2016", day % 28 + 1, day / 28 + 1);
    let mut log = String::new();
    for line in 0..lines {
        let mut words: Vec<String> = (0..1 + next(9)).map(|_| WORDS[next(WORDS.len())].to_owned()).collect();
        // Tickets: thousands of rare terms, so the terms fill several chunks.
        if next(3) == 0 {
            words.push(format!("#{}", 1000 + next(4000)));
        }
        let nick = NICKS[next(NICKS.len())];
        log.push_str(&format!("{date} {:02}:{:02} {nick} {}\n", 10 + line / 60 % 10, line % 60, words.join(" ")));
    }
    log
}

struct Archive {
    logs: Vec<Log>,
    files: HashMap<String, Vec<u8>>,
    meta: Meta,
}

fn archive(days: u32, lines: u32) -> Archive {
    let mut builder = IndexBuilder::default();
    let mut logs = Vec::new();
    for day in 0..days {
        let log = parse_file(day_log(day, lines).as_bytes(), Some("day.txt"), None);
        let source = format!("2016/{day:03}.txt");
        builder.add(IndexedFile::of(&log, &source, &source.replace(".txt", ".html")), words_of(&log, true));
        logs.push(log);
    }
    let files: HashMap<String, Vec<u8>> = builder.finish().into_iter().collect();
    let meta = serde_json::from_slice(&scrollback::archive::index::gunzipped(&files[META_PATH]).unwrap()).unwrap();
    Archive { logs, files, meta }
}

/// Every line holding all of `query`'s terms, newest log first, by reading every log.
fn scanned(archive: &Archive, query: &str) -> Vec<Hit> {
    let wanted = query_terms(query);
    let mut hits = Vec::new();
    for (file, log) in archive.logs.iter().enumerate().rev() {
        for (index, line) in log.lines.iter().enumerate() {
            if !line.kind.is_spoken() {
                continue;
            }
            let mut held = terms(log.body(line));
            held.extend(log.nick(line).map(from_term));
            if !wanted.is_empty() && wanted.iter().all(|term| held.contains(term)) {
                hits.push(Hit { file: file as u32, line: index as u32 + 1 });
            }
        }
    }
    hits
}

fn searched(archive: &Archive, query: &str, limit: usize, fetched: &mut Vec<String>) -> (Vec<Hit>, bool) {
    let mut fetch = |path: &str| {
        fetched.push(path.to_owned());
        archive.files.get(path).cloned()
    };
    let found = search(&archive.meta, query, limit, &mut fetch).unwrap_or_else(|| panic!("{query:?}: the index could not be read"));
    (found.hits, found.more)
}

#[test]
fn every_query_finds_what_a_scan_of_every_log_finds_newest_first() {
    let archive = archive(40, 500);
    assert!(archive.meta.chunks.len() > 1, "the terms fill several chunks");
    let queries = [
        "solo5", "the", "THE release", "the to", "the to review", "ci arm64 xen", "from:avsm", "from:Mort mirage", "from:mort___", "from:samoht the", "été", "東京 the",
        "nowhere", "a I", "", "mirage nowhere", "from:nobody", "1234", "#2345 the", "4999 from:avsm",
    ];
    for query in queries {
        let expected = scanned(&archive, query);
        let (all, more) = searched(&archive, query, usize::MAX, &mut Vec::new());
        assert_eq!(all, expected, "{query:?}");
        assert!(!more, "{query:?}");
        for limit in [1, 50, 4000] {
            let (first, more) = searched(&archive, query, limit, &mut Vec::new());
            assert_eq!(first, expected[..limit.min(expected.len())], "{query:?}, limit {limit}");
            if expected.len() > limit {
                assert!(more, "{query:?}, limit {limit}: more to come");
            }
        }
    }
    assert!(!scanned(&archive, "the to review").is_empty() && !scanned(&archive, "from:Mort mirage").is_empty());
}

#[test]
fn a_query_reads_only_the_newest_pages_it_needs() {
    let archive = archive(40, 500);
    let total = scanned(&archive, "the").len();
    assert!(total as u32 > 2 * PAGE_POSTINGS, "`the` must span several pages ({total} lines)");
    let mut fetched = Vec::new();
    let (hits, more) = searched(&archive, "the", 20, &mut fetched);
    assert_eq!(hits.len(), 20);
    assert!(more);
    assert_eq!(hits[0].file, 39, "the newest log first");
    let pages: Vec<&String> = fetched.iter().filter(|path| path.contains("/postings/")).collect();
    assert_eq!(pages.len(), 1, "one page of `the` is enough for 20 hits: {fetched:?}");
    assert_eq!(fetched.iter().filter(|path| path.contains("/terms/")).count(), 1);
}

#[test]
fn a_frequent_word_beside_a_rarer_one_costs_the_page_over_the_newest_logs_named_from_the_word() {
    let archive = archive(40, 500);
    let mut fetched = Vec::new();
    let (hits, _) = searched(&archive, "THE release", 20, &mut fetched);
    assert_eq!(hits, scanned(&archive, "THE release")[..20]);
    let newest = |term: &str| format!("search/postings/{:016x}-newest.sbx", fnv1a64(term.as_bytes()));
    assert!(fetched.contains(&newest("the")), "the newest page's name is the word's hash: {fetched:?}");
    let pages: Vec<&String> = fetched.iter().filter(|path| path.contains("/postings/")).collect();
    assert!(pages.len() <= 2, "a page of each word: {pages:?}");
}

#[test]
fn a_rare_term_is_answered_from_its_chunk_alone() {
    // A day of 60 lines: no term is on more than 64, so none has pages.
    let archive = archive(1, 60);
    let mut fetched = Vec::new();
    let (hits, _) = searched(&archive, "from:hannes unikernel", 10_000, &mut fetched);
    assert_eq!(hits, scanned(&archive, "from:hannes unikernel"));
    assert!(fetched.iter().all(|path| path.contains("/terms/")), "{fetched:?}");
}

#[test]
fn a_zip_of_logs_opens_as_an_archive_and_a_zip_of_an_export_does_not() {
    use scrollback::transfer::archive::WorkerArchive;
    use scrollback::transfer::{ParseRequest, SharedBytes};
    let request = |file_name: &str, bytes: Vec<u8>| ParseRequest { job: 1, file_name: file_name.to_owned(), format: None, bytes: SharedBytes(Rc::from(bytes)), notes: Vec::new(), demo: false, folder: Vec::new() };
    let days: Vec<(String, String)> = (0..3).map(|day| (format!("#mirage/2016-06-{:02}.log", 10 + day), day_log(day, 40))).collect();
    let files: Vec<(&str, &[u8])> = days.iter().map(|(path, text)| (path.as_str(), text.as_bytes())).collect();
    let mut archive = WorkerArchive::of(&request("mirage.zip", exports::zipped(&files))).expect("a zip of logs is an archive").expect("it unpacks");
    while !archive.index(1 << 20) {}
    let listing = archive.listing();
    assert_eq!(listing.files.iter().map(|file| file.source.as_str()).collect::<Vec<_>>(), ["#mirage/2016-06-10.log", "#mirage/2016-06-11.log", "#mirage/2016-06-12.log"]);
    assert_eq!(listing.files[0].channel, "#mirage");
    let found = archive.search("mirage", 1000);
    let scan = {
        let logs: Vec<Log> = days.iter().map(|(_, text)| parse_file(text.as_bytes(), Some("day.log"), None)).collect();
        scanned(&Archive { logs, files: HashMap::new(), meta: Meta { version: 2, lines_per_block: 128, files: 0, files_per_part: 256, chunks: Vec::new() } }, "mirage")
    };
    assert_eq!(found.hits.iter().map(|hit| Hit { file: hit.file, line: hit.line }).collect::<Vec<_>>(), scan);
    assert!(!scan.is_empty());

    // Slack's export (JSON files) stays one text; so does a chat beside its media.
    assert!(WorkerArchive::of(&request("slack.zip", exports::slack_zip())).is_none());
    assert!(WorkerArchive::of(&request("chat.zip", exports::zipped(&[("WhatsApp Chat.txt", &b"1/2/23, 10:00 - Ann: hi"[..]), ("IMG-1.jpg", &b"\xff\xd8\xff"[..])]))).is_none());
}
