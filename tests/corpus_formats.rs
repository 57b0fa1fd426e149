//! Every folder of `../shared/corpus`, line-based and structured: the right format detected,
//! lines in = lines out, messages and two speakers found in every log, and raw lines at most 1%
//! of each real log; then inference alone on every line-based log, as if no reader knew it.
//! Prints one report line per file.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
mod shared;

use std::path::Path;

use shared::{files_under, shared};
use scrollback::model::LineKind;
use scrollback::parse::lines::count_file_lines;
use scrollback::parse::parse_file;

/// (folder, expected format id).
const FOLDERS: &[(&str, &str)] = &[
    ("mirage-canopy", "mirage-meeting"),
    ("irssi", "irssi"),
    ("irssi-bare", "irssi"),
    ("irssi-concatenated", "irssi"),
    ("irssi-custom-timestamp", "irssi"),
    ("weechat", "weechat"),
    ("weechat-legacy", "weechat"),
    ("hexchat", "hexchat"),
    ("znc", "znc"),
    ("eggdrop", "eggdrop"),
    ("supybot-channellogger", "supybot"),
    ("irclog2html-testcases", "supybot"),
    ("mirc", "mirc"),
    ("pidgin-text", "pidgin-text"),
    ("pipe-aligned", "pipe-aligned"),
    ("bracket-iso-comma-events", "bracket-iso"),
    ("bridge-bracket-iso", "bracket-iso"),
    ("irccloud-like", "bracket-iso"),
    ("w3c-scribe-irc", "w3c-scribe"),
    ("gitter", "gitter"),
    ("zig-epoch-records", "zig-records"),
    ("madoka-iso2022jp", "madoka"),
    ("hhmmss-one-space", "clock-irc"),
    ("hhmmss-two-space", "clock-irc"),
    ("meetbot", "clock-irc"),
    ("irc-bracket-hhmm", "bracket-irc"),
    ("ubuntu-irclogs", "bracket-irc"),
    ("no-timestamp", "plain-nick"),
    ("meetbot-handwritten", "plain-text"),
    ("pircbot-logbot-html", "logbot-html"),
    ("html-mirc-krijnhoetmer", "irc-logs-html"),
    ("pidgin-html", "pidgin-html"),
    ("adium-xml", "adium-xml"),
    ("matrix-ndjson", "matrix-ndjson"),
    ("topanswers-json", "topanswers-json"),
    ("botbot-pyrepr", "botbot-repr"),
];

/// Files whose format differs from their folder's.
fn expected_format(path: &Path, folder_format: &'static str) -> &'static str {
    let name = path.file_name().unwrap().to_string_lossy();
    if name.contains("dircproxy") {
        "dircproxy"
    } else if is_minutes(path) {
        "meetbot-minutes"
    } else if name.ends_with(".log.html") {
        "meetbot-html"
    } else {
        folder_format
    }
}

/// Test fixtures rather than logs, with test strings appended: the raw limit is not theirs.
fn is_fixture(path: &Path) -> bool {
    // pygments' example.weechatlog ends with a pathological-regex test line.
    path.ends_with("weechat-legacy/example.weechatlog")
}

/// MeetBot's minutes (`NAME.txt`, `NAME.html` beside `NAME.log.txt`, `NAME.log.html`).
fn is_minutes(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    path.parent().is_some_and(|dir| dir.ends_with("meetbot")) && (name.ends_with(".txt") || name.ends_with(".html")) && !name.contains(".log.")
}

#[test]
fn every_line_based_corpus_file_is_read_in_its_format() {
    let Some(corpus) = shared("corpus") else { return };
    let mut failures = Vec::new();
    for (folder, folder_format) in FOLDERS {
        for path in files_under(&corpus.join(folder)) {
            let file = std::fs::read(&path).unwrap();
            let name = path.strip_prefix(&corpus).unwrap().display().to_string();
            let bytes = match scrollback::input::prepare(&file) {
                Ok(bytes) => bytes,
                Err(problem) => {
                    failures.push(format!("{name}: {problem}"));
                    continue;
                }
            };
            let log = parse_file(&bytes, path.file_name().and_then(|name| name.to_str()), None);
            let n_raw = log.lines.iter().filter(|line| line.kind == LineKind::Raw).count();
            let raw_percent = 100.0 * n_raw as f64 / log.lines.len().max(1) as f64;
            let n_spoken = log.lines.iter().filter(|line| line.kind.is_spoken()).count();
            println!("{name:<60} {:<15} lines {:>6} messages {n_spoken:>6} raw {raw_percent:5.2}%", log.format.id(), log.lines.len());
            let expected = expected_format(&path, folder_format);
            if log.format.id() != expected {
                failures.push(format!("{name}: format {} (expected {expected})", log.format.id()));
            }
            if log.lines.len() != count_file_lines(&bytes) {
                failures.push(format!("{name}: {} model lines for {} source lines", log.lines.len(), count_file_lines(&bytes)));
            }
            let is_a_log = expected != "plain-text" && !is_fixture(&path);
            let n_messages = log.lines.iter().filter(|line| line.kind.is_spoken()).count();
            // A few-line sample of one event (a Madoka kick, a BotBot day of joins) may say nothing.
            let is_event_sample = log.lines.len() < 20;
            if is_a_log && !is_event_sample && n_messages == 0 {
                failures.push(format!("{name}: no messages"));
            }
            let n_speakers = scrollback::speakers::speakers(&log).len();
            // Minutes are a summary: one chair may have written every entry.
            if is_a_log && !is_event_sample && !log.format.is_summary() && n_speakers < 2 {
                failures.push(format!("{name}: {n_speakers} speakers"));
            }
            if is_a_log && n_raw * 100 > log.lines.len() {
                let first_raw = log.lines.iter().position(|line| line.kind == LineKind::Raw).unwrap();
                failures.push(format!(
                    "{name}: {raw_percent:.2}% raw, first at line {}: {:?}",
                    first_raw + 1,
                    log.source(&log.lines[first_raw])
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// Inference alone, on every line-based log of the corpus, as if no reader knew its format: the
/// shape it learns, its raw lines, and how many of the known reader's messages it gives the same
/// speaker. Logs whose lines are a prefix, a time, a speaker and text (the shape inference is
/// for) must come out as their reader reads them: no more than 1% raw, 95% of speakers alike.
/// None of these readers' code is used: it is inference on logs it was not written for.
#[test]
fn inference_alone_reads_the_corpus_logs_of_simple_shapes() {
    let Some(corpus) = shared("corpus") else { return };
    let mut failures = Vec::new();
    let (mut n_files, mut n_inferred) = (0, 0);
    for (folder, folder_format) in FOLDERS {
        for path in files_under(&corpus.join(folder)) {
            let expected = expected_format(&path, folder_format);
            let is_line_based = scrollback::model::Format::from_id(expected).is_some_and(|format| !format.is_structured());
            if !is_line_based || expected == "plain-text" || is_fixture(&path) {
                continue;
            }
            let file = std::fs::read(&path).unwrap();
            let bytes = scrollback::input::prepare(&file).unwrap();
            let file_name = path.file_name().and_then(|name| name.to_str());
            let known = parse_file(&bytes, file_name, None);
            let inferred = parse_file(&bytes, file_name, Some(scrollback::model::Format::Inferred));
            n_files += 1;
            let name = path.strip_prefix(&corpus).unwrap().display().to_string();
            let n_raw = inferred.lines.iter().filter(|line| line.kind == LineKind::Raw).count();
            let raw_percent = 100.0 * n_raw as f64 / inferred.lines.len().max(1) as f64;
            let known_messages: Vec<usize> = (0..known.lines.len()).filter(|index| known.lines[*index].kind == LineKind::Message).collect();
            let n_alike = known_messages.iter().filter(|index| inferred.nick(&inferred.lines[**index]) == known.nick(&known.lines[**index])).count();
            let alike_percent = 100.0 * n_alike as f64 / known_messages.len().max(1) as f64;
            let shape = inferred.meta.line_shape.clone().unwrap_or_else(|| "(no shape learned)".to_owned());
            println!("inferred {name:<56} raw {raw_percent:6.2}% speakers alike {alike_percent:6.2}%  {shape}");
            assert_eq!(inferred.lines.len(), known.lines.len(), "{name}");
            // Not a prefix, a time, a speaker and text: Mirage pages (Markdown, backquoted columns),
            // one field per line, a `nick|` column, no time at all; and a few-line sample of one
            // event has too few speakers to learn from.
            let other_shape = matches!(expected, "mirage-meeting" | "zig-records" | "pipe-aligned" | "plain-nick");
            let simple_shape = !other_shape && known.lines.len() >= 20;
            if inferred.meta.line_shape.is_some() {
                n_inferred += 1;
            }
            if simple_shape && (raw_percent > 1.0 || alike_percent < 95.0) {
                failures.push(format!("{name}: raw {raw_percent:.2}%, speakers alike {alike_percent:.2}%, shape {shape}"));
            }
        }
    }
    println!("inference alone learned a shape for {n_inferred} of {n_files} line-based logs");
    assert!(failures.is_empty(), "{} logs of simple shapes misread by inference alone:\n{}", failures.len(), failures.join("\n"));
}
