//! Fuzz target: the agenda of any log: sections in order, never overlapping, inside the log;
//! items on real lines; `section_of` agreeing; the Markdown minutes written without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrollback::agenda::{analyse, minutes_markdown, section_of};
use scrollback::model::Format;
use scrollback::parse::parse;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let format = Format::ALL.get(usize::from(selector) % (Format::ALL.len() + 1)).copied();
    let log = parse(bytes, format);
    let agenda = analyse(&log);
    let mut next_free = 0;
    for (index, section) in agenda.sections.iter().enumerate() {
        assert!(section.first >= next_free && section.first <= section.last && section.last < log.lines.len());
        assert!(section.items.end <= agenda.items.len());
        assert_eq!(section_of(&agenda, section.first), Some(index));
        assert_eq!(section_of(&agenda, section.last), Some(index));
        next_free = section.last + 1;
    }
    for item in &agenda.items {
        assert!(item.line < log.lines.len());
    }
    let _ = minutes_markdown(&log, &agenda, "fuzz");
});
