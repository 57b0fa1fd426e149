//! Fuzz target: any URL hash parses without panicking; a parsed anchor prints back to itself;
//! a time link resolves against a log; a snippet fragment decodes without panicking or bloating.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrollback::permalink::{Anchor, Link};
use scrollback::snippet::Snippet;

fuzz_target!(|data: &[u8]| {
    let Ok(hash) = std::str::from_utf8(data) else { return };
    if let Some(anchor) = Anchor::parse(hash) {
        assert_eq!(Anchor::parse(&anchor.to_string()), Some(anchor), "{hash:?} prints as {anchor}");
        assert!(anchor.first() >= 1 && anchor.first() <= anchor.last());
    }
    if let Some(link) = Link::parse(hash) {
        let log = scrollback::parse::parse(b"[15:12] <avsm> hi\n[15:13] <mort> hello\n", None);
        if let Some(anchor) = link.resolve(&log) {
            assert!(anchor.last() <= log.lines.len() || matches!(link, Link::Lines(_)));
        }
    }
    if let Some(snippet) = Snippet::decode(hash) {
        assert!(snippet.first_line >= 1);
        assert!(snippet.text.len() <= 1_000_000);
    }
});
