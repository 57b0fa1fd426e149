//! The app's state as a reducer, natively: which file the worker is given, and when.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use scrollback::state::{Action, OpenLog, Shared, State};
use scrollback::model::Format;
use yew::Reducible;

fn bytes(text: &str) -> Rc<[u8]> {
    Rc::from(text.as_bytes())
}

#[test]
fn a_format_from_the_address_waits_for_a_log_when_none_is_shown() {
    // `?src=`: nothing shown yet, nothing to read again (an empty page would be refused).
    let waiting = Rc::new(State::opened(Shared::new(OpenLog::empty(""))));
    let forced = waiting.reduce(Action::ForceFormat(Format::PlainText));
    assert!(forced.parsing.is_none() && forced.problem.is_none());
    assert_eq!(forced.forced_format, Some(Format::PlainText));
    let opened = forced.reduce(Action::Open { file_name: "a.log".to_owned(), bytes: bytes("[10:00] <a> hi\n") });
    assert_eq!(opened.parsing.as_ref().map(|job| job.format), Some(Some(Format::PlainText)), "the log comes in the format");

    // A log shown: read again in the format, its text sent to the worker.
    let shown = Rc::new(State::opened(Shared::new(OpenLog::demo())));
    let again = shown.reduce(Action::ForceFormat(Format::PlainText));
    let job = again.parsing.as_ref().expect("a re-read");
    assert_eq!((job.format, &*job.bytes), (Some(Format::PlainText), scrollback::demo::DEMO_LOG.as_bytes()));
}

#[test]
fn files_dropped_together_open_in_turn_logs_first() {
    let shown = Rc::new(State::opened(Shared::new(OpenLog::demo())));
    let dropped = shown.reduce(Action::OpenInTurn(vec![("weekly.txt".to_owned(), bytes("minutes")), ("weekly.log.txt".to_owned(), bytes("log"))]));
    let first = dropped.parsing.clone().expect("a job");
    assert_eq!(first.file_name, "weekly.log.txt", "the log first");
    assert_eq!(dropped.queued.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["weekly.txt"]);

    // The log is shown and analysed: the minutes go next.
    let parsed = dropped.reduce(Action::Parsed { job: first.id, result: Ok(Shared::new(OpenLog::demo())) });
    assert_eq!(parsed.parsing.as_ref().map(|job| job.id), Some(first.id), "still the log's job until its analyses come");
    let analysed = parsed.clone().reduce(Action::Analysed { job: first.id, result: Ok(parsed.open.clone()) });
    let next = analysed.parsing.as_ref().expect("the next file");
    assert_eq!((next.file_name.as_str(), analysed.queued.len()), ("weekly.txt", 0));
    assert_ne!(next.id, first.id);

    // A file that cannot be opened is said, and the next one still opens.
    let refused = Rc::new(State::opened(Shared::new(OpenLog::demo())))
        .reduce(Action::OpenInTurn(vec![("photo.log.png".to_owned(), bytes("\u{89}PNG")), ("b.txt".to_owned(), bytes("b"))]));
    let first = refused.parsing.as_ref().map(|job| job.id).expect("a job");
    let after = refused.reduce(Action::Parsed { job: first, result: Err("photo.log.png: a PNG image".to_owned()) });
    assert_eq!(after.problem.as_deref(), Some("photo.log.png: a PNG image"));
    assert_eq!(after.parsing.as_ref().map(|job| job.file_name.as_str()), Some("b.txt"));

    // Nothing readable is said, naming it, and the open log stays.
    let unreadable = Rc::new(State::opened(Shared::new(OpenLog::demo()))).reduce(Action::Unreadable(vec!["gone.log".to_owned()]));
    assert_eq!(unreadable.problem.as_deref(), Some("gone.log could not be read"));
    assert!(unreadable.parsing.is_none() && !unreadable.open.log.lines.is_empty());

    // A folder is one job, named after it, whose bytes are its files with their paths and lengths.
    let files: Rc<[(String, u32)]> = Rc::from(vec![("users.json".to_owned(), 2), ("general/2024-01-02.json".to_owned(), 1)]);
    let folder = Rc::new(State::opened(Shared::new(OpenLog::demo())))
        .reduce(Action::OpenInTurn(vec![("a.log.txt".to_owned(), bytes("a")), ("a.txt".to_owned(), bytes("b"))]))
        .reduce(Action::OpenFolder { name: "slack-export".to_owned(), bytes: bytes("[]1"), files: Rc::clone(&files) });
    let job = folder.parsing.as_ref().expect("the folder is opened");
    assert_eq!((job.file_name.as_str(), &job.folder[..], folder.queued.len()), ("slack-export", &files[..], 0));

    // A single file dropped meanwhile wins, and the queue is forgotten.
    let again = Rc::new(State::opened(Shared::new(OpenLog::demo())))
        .reduce(Action::OpenInTurn(vec![("a.log.txt".to_owned(), bytes("a")), ("a.txt".to_owned(), bytes("b"))]))
        .reduce(Action::Open { file_name: "other.log".to_owned(), bytes: bytes("c") });
    assert_eq!((again.parsing.as_ref().map(|job| job.file_name.as_str()), again.queued.len()), (Some("other.log"), 0));
}

#[test]
fn a_damaged_snippet_link_is_still_said_once_the_demo_it_shows_instead_is_open() {
    let waiting = Rc::new(State::opened(Shared::new(OpenLog::empty(""))));
    let demo = waiting.reduce(Action::ShowDemoSaying("This snippet link is damaged".to_owned()));
    let job = demo.parsing.clone().expect("the demo is opened");
    assert!(job.demo);
    assert_eq!(demo.problem.as_deref(), Some("This snippet link is damaged"), "said at once");
    let parsed = demo.reduce(Action::Parsed { job: job.id, result: Ok(Shared::new(OpenLog::demo())) });
    assert_eq!(parsed.problem.as_deref(), Some("This snippet link is damaged"), "and still once the demo is open");

    // Any other file's log, once open, clears what was said before it.
    let next = parsed.reduce(Action::Open { file_name: "a.log".to_owned(), bytes: bytes("[10:00] <a> hi\n") });
    let job = next.parsing.clone().expect("a job");
    let opened = next.reduce(Action::Parsed { job: job.id, result: Ok(Shared::new(OpenLog::demo())) });
    assert_eq!(opened.problem, None);
}

#[test]
fn an_archive_opens_a_log_at_a_time_and_keeps_only_its_newest_search() {
    use scrollback::archive::IndexedFile;
    use scrollback::transfer::archive::{ArchiveHit, ArchiveHits, ArchiveListing};
    let file = |source: &str, date: &str| IndexedFile { page: source.to_owned(), source: source.to_owned(), title: String::new(), date: Some(date.to_owned()), channel: source.split('/').next().unwrap_or_default().to_owned(), messages: 2 };
    let listing = ArchiveListing { name: "calls".to_owned(), files: vec![file("mirage/a.txt", "2016-06-15"), file("mirage/b.txt", "2016-06-29"), file("other/c.txt", "2016-07-01")], skipped: Vec::new() };

    // Three logs dropped together are one folder job, which the worker answers with the list.
    let dropped = Rc::new(State::opened(Shared::new(OpenLog::demo())))
        .reduce(Action::OpenInTurn(vec![("a.txt".to_owned(), bytes("1")), ("b.txt".to_owned(), bytes("22")), ("c.log".to_owned(), bytes("333"))]));
    let job = dropped.parsing.clone().expect("one job");
    assert_eq!((&job.folder[..], &*job.bytes, dropped.queued.len()), (&[("a.txt".to_owned(), 1), ("b.txt".to_owned(), 2), ("c.log".to_owned(), 3)][..], &b"122333"[..], 0));
    let listed = dropped.reduce(Action::ArchiveListed { job: job.id, listing: listing.clone() });
    let archive = listed.archive.clone().expect("an archive");
    assert_eq!(archive.current, Some(2), "the newest log opens first");
    assert_eq!(listed.parsing.as_ref().map(|parsing| (parsing.id, parsing.archived)), Some((job.id, Some(2))));
    assert_eq!((archive.neighbour(false), archive.neighbour(true)), (None, None), "alone in its folder");

    // A log of it opens in the worker, which has its bytes.
    let opened = listed.clone().reduce(Action::OpenArchived(1));
    let job = opened.parsing.clone().expect("a job for the log");
    assert_eq!((job.archived, job.file_name.as_str(), job.bytes.len()), (Some(1), "mirage/b.txt", 0));
    let archive = opened.archive.clone().expect("still the archive");
    assert_eq!((archive.current, archive.neighbour(false), archive.neighbour(true)), (Some(1), Some(0), None));
    assert!(Rc::ptr_eq(&opened.clone().reduce(Action::OpenArchived(9)), &opened), "no such log: nothing changes");

    // Read as another format, it is read again from the worker's copy: the job stays the
    // archive's, so the worker that holds the archive is not replaced.
    let shown = opened.clone().reduce(Action::Parsed { job: job.id, result: Ok(Shared::new(OpenLog { file_name: "mirage/b.txt".into(), ..OpenLog::demo() })) });
    let reread = shown.reduce(Action::ReadAs(Some(Format::PlainText))).parsing.clone().expect("a job for the log again");
    assert_eq!((reread.archived, reread.format, reread.file_name.as_str(), reread.bytes.len()), (Some(1), Some(Format::PlainText), "mirage/b.txt", 0));

    // Searches are numbered; an answer to an older one is dropped.
    let first = opened.reduce(Action::SearchArchive("release".to_owned()));
    let second = first.reduce(Action::SearchArchive(" tagged ".to_owned()));
    let (number, query) = second.archive.as_ref().and_then(|archive| archive.search.clone()).expect("a search");
    assert_eq!(&*query, "tagged");
    let hits = |query: &str| ArchiveHits { query: query.to_owned(), hits: vec![ArchiveHit { file: 1, line: 2, time: "15:13".to_owned(), nick: "yomimono".to_owned(), kind: "message".to_owned(), text: "tagged".to_owned() }], more: false };
    let stale = second.clone().reduce(Action::ArchiveHits { search: number - 1, hits: hits("release") });
    assert!(stale.archive.as_ref().is_some_and(|archive| archive.hits.is_none()));
    let answered = second.reduce(Action::ArchiveHits { search: number, hits: hits("tagged") });
    assert_eq!(answered.archive.as_ref().and_then(|archive| archive.hits.as_ref()).map(|hits| hits.hits.len()), Some(1));
    let cleared = answered.reduce(Action::SearchArchive(String::new()));
    assert!(cleared.archive.as_ref().is_some_and(|archive| archive.search.is_none() && archive.hits.is_none()));

    // Another file dropped closes the archive.
    let other = cleared.reduce(Action::Open { file_name: "other.log".to_owned(), bytes: bytes("c") });
    assert!(other.archive.is_none());
}

#[test]
fn a_big_logs_first_screen_shows_while_its_job_reads_the_rest_and_goes_with_it() {
    let log = scrollback::parse::parse_text(Rc::from("29-06-2016 15:12 avsm hello\n"), None);
    let screen = Shared::new(OpenLog { first_screen: true, ..OpenLog::from_parts(log, "big.log", Default::default(), Default::default(), Default::default()) });
    let demo = Shared::new(OpenLog::demo());
    let opening = Rc::new(State::opened(demo.clone())).reduce(Action::Open { file_name: "big.log".to_owned(), bytes: bytes("29-06-2016 15:12 avsm hello\n") });
    let job = opening.parsing.as_ref().map(|job| job.id).expect("a job");
    let first_screen = Some((job, screen.clone()));
    assert!(*opening.shown(&first_screen) == screen, "its first lines show while the rest is read");
    assert!(*opening.shown(&None) == demo && *opening.shown(&Some((job + 1, screen.clone()))) == demo, "none, or another job's: the open log");

    // The whole log takes its place, and its threads and agenda follow it.
    let whole = Shared::new(OpenLog::demo());
    let parsed = opening.clone().reduce(Action::Parsed { job, result: Ok(whole.clone()) });
    assert!(*parsed.shown(&first_screen) == whole);
    assert!(*parsed.clone().reduce(Action::Analysed { job, result: Ok(whole.clone()) }).shown(&first_screen) == whole);
    // A cancel, a refusal or a new file goes back to the log that was open.
    assert!(*opening.clone().reduce(Action::Cancel).shown(&first_screen) == demo);
    let refused = opening.clone().reduce(Action::Parsed { job, result: Err("big.log: no".to_owned()) });
    assert!(*refused.shown(&first_screen) == demo && refused.problem.is_some());
    let replaced = opening.reduce(Action::Open { file_name: "next.log".to_owned(), bytes: bytes("x\n") });
    assert!(*replaced.shown(&first_screen) == demo);
}
