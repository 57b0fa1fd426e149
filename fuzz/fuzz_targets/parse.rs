//! Fuzz target: any bytes, in any forced format or detected, parse without panicking and keep every line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrollback::model::{DiagnosticKind, Format};
use scrollback::parse::lines::{count_file_lines, count_lines};
use scrollback::parse::parse;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a format (or detection), the rest is the file.
    let Some((&selector, bytes)) = data.split_first() else { return };
    let format = Format::ALL.get(usize::from(selector) % (Format::ALL.len() + 1)).copied();
    let log = parse(bytes, format);
    // One model line per source line: of the file, or of its text once laid out (one-line JSON).
    let laid_out = log.diagnostics.iter().any(|diagnostic| diagnostic.kind == DiagnosticKind::LaidOut);
    assert_eq!(log.lines.len(), if laid_out { count_lines(log.text.as_bytes()) } else { count_file_lines(bytes) });
    for line in &log.lines {
        assert!(log.text.get(line.span.range()).is_some());
        assert!(log.text.get(line.body.range()).is_some());
        if let Some(nick) = line.nick {
            assert!(log.text.get(nick.range()).is_some());
        }
    }
    // The report runs the agenda analysis; the minutes write it out.
    let _ = scrollback::report::report(&log);
    let agenda = scrollback::agenda::analyse(&log);
    let _ = scrollback::agenda::minutes_markdown(&log, &agenda, "fuzz");
    let _ = scrollback::speakers::speakers(&log);
});
