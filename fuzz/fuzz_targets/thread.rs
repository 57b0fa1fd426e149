//! Fuzz target: the replies of any log: each reply points to an earlier line (or, in an export,
//! to the line it names), a reply shares its parent's thread, and counts agree with the links.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrollback::model::Format;
use scrollback::parse::parse;
use scrollback::thread::analyse;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let format = Format::ALL.get(usize::from(selector) % (Format::ALL.len() + 1)).copied();
    let log = parse(bytes, format);
    let threads = analyse(&log);
    assert_eq!(threads.len(), log.lines.len());
    let mut answered = vec![0usize; log.lines.len()];
    for line in 0..log.lines.len() {
        for parent in threads.reply_to(line) {
            // Only an export's own reply links may point later in the file (newest-first exports).
            assert!(parent < line || (parent != line && !log.explicit_replies.is_empty()), "line {line} answers {parent}");
            assert_eq!(threads.thread_of(line), threads.thread_of(parent), "a reply shares its parent's thread");
            answered[parent] += 1;
        }
    }
    for (line, &count) in answered.iter().enumerate() {
        assert_eq!(threads.reply_count(line), count, "reply count of line {line}");
    }
});
