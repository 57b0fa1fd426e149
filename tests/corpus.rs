//! Real logs from `../shared` (when present): every line kept, the right format, nothing raw.
//!
//! `../shared/corpus` and `../shared/threads` sit beside the repository in CI; a fresh clone
//! without them skips these tests and says so.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
mod shared;

use shared::{files_under, shared};
use scrollback::model::{Format, LineKind};
use scrollback::parse::lines::count_file_lines;
use scrollback::parse::parse;
use scrollback::report::report;

/// The bot's own message line, read independently of the parser: `` `DD-MM-YYYY HH:MM`   `nick`   text ``,
/// where a nick holding a backtick is written ``` ``Algebr` `` ```.
fn canopy_message(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('`')?;
    let (stamp, rest) = rest.split_once("`   ")?;
    let (date, time) = stamp.split_once(' ')?;
    let nick = match rest.strip_prefix("``") {
        Some(doubled) => doubled.split_once("``")?.0.trim(),
        // The first bot wrote `` `Algebr`` `` with single backticks.
        None => rest.strip_prefix('`')?.split_once("`   ").or_else(|| rest[1..].split_once("` "))?.0,
    };
    let mut date_parts = date.split('-');
    let (day, month, year) = (date_parts.next()?, date_parts.next()?, date_parts.next()?);
    Some((nick.to_owned(), format!("{year}-{month}-{day}T{time}:00")))
}

#[test]
fn every_mirage_log_reads_without_a_raw_line() {
    let Some(dir) = shared("corpus/mirage-canopy") else { return };
    let files = files_under(&dir);
    assert!(files.len() >= 20, "expected the MirageOS logs in {}", dir.display());
    let mut n_checked_messages = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let log = parse(&bytes, None);
        let name = path.display();
        assert_eq!(log.format, Format::MirageMeeting, "{name}");
        assert_eq!(log.lines.len(), count_file_lines(&bytes), "{name}: lines in = lines out");
        let report = report(&log);
        for line in &report.lines {
            assert_ne!(line.kind, "raw", "{name}:{} is raw: {:?}", line.line, line.text);
            let source = log.source(&log.lines[line.line - 1]);
            if source.trim().is_empty() {
                assert_eq!(line.kind, "blank", "{name}:{}", line.line);
            }
            if let Some((nick, time)) = canopy_message(source) {
                assert!(matches!(line.kind, "message" | "action"), "{name}:{} is {}: {source:?}", line.line, line.kind);
                assert_eq!(line.nick, Some(nick.as_str()), "{name}:{} nick", line.line);
                assert_eq!(line.time.as_deref(), Some(time.as_str()), "{name}:{} time", line.line);
                n_checked_messages += 1;
            }
        }
        let n_header = log.lines.iter().take_while(|line| line.kind != LineKind::Message).filter(|line| line.kind == LineKind::Header).count();
        assert!(n_header >= 3, "{name}: the front matter is header lines");
    }
    assert!(n_checked_messages > 4000, "checked {n_checked_messages} bot message lines");
}

#[test]
fn the_demo_log_is_a_clean_mirage_meeting() {
    let log = parse(scrollback::demo::DEMO_LOG.as_bytes(), None);
    assert_eq!(log.format, Format::MirageMeeting);
    assert!(log.lines.iter().all(|line| line.kind != LineKind::Raw));
    // Every non-blank line after the header is `DD-MM-YYYY HH:MM nick text`.
    for (index, line) in log.lines.iter().enumerate().skip(6) {
        let source = log.source(line);
        if source.is_empty() {
            assert_eq!(line.kind, LineKind::Blank);
            continue;
        }
        let mut words = source.splitn(4, ' ');
        let (date, time, nick) = (words.next().unwrap(), words.next().unwrap(), words.next().unwrap());
        assert!(line.kind.is_spoken(), "line {}: {source}", index + 1);
        assert_eq!(log.nick(line), Some(nick));
        let stamp = line.time.expect("a time").iso();
        assert!(stamp.ends_with(&format!("T{time}:00")) && stamp.starts_with(&date[6..]), "line {}: {stamp}", index + 1);
    }
    assert_eq!(log.meta.author.as_deref(), Some("unpurecamelbot"));
    let clock_jumps: Vec<_> = log.diagnostics.iter().filter(|d| d.message.starts_with("clock jumps back 2 h")).collect();
    assert_eq!(clock_jumps.len(), 1, "{:?}", log.diagnostics);
}

#[test]
fn the_disentanglement_logs_read_as_bracketed_irc() {
    let Some(dir) = shared("threads/dev") else { return };
    for path in files_under(&dir).into_iter().filter(|path| path.to_string_lossy().ends_with(".raw.txt")) {
        let bytes = std::fs::read(&path).unwrap();
        let log = parse(&bytes, None);
        let name = path.display();
        assert_eq!(log.format, Format::BracketIrc, "{name}");
        assert_eq!(log.lines.len(), count_file_lines(&bytes), "{name}: lines in = lines out");
        let n_raw = log.lines.iter().filter(|line| line.kind == LineKind::Raw).count();
        assert!(n_raw * 100 <= log.lines.len(), "{name}: {n_raw} raw lines of {}", log.lines.len());
    }
}
