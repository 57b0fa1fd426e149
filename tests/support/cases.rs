//! The table-driven parser tests' one check: each case parses `input` as `format` and describes
//! line `line` (1-based) as `kind|time|nick|text`; line 0 means the input has no line at all.

use std::rc::Rc;

use scrollback::model::Format;
use scrollback::parse::parse_text;
use scrollback::report::describe_parsed;

/// (format, input, 1-based line to look at, expected description)
pub type Case = (Format, &'static str, usize, &'static str);

/// Checks every case and reports every mismatch at once, so one run shows all that broke.
pub fn check_cases(cases: &[Case]) {
    let mut failures = Vec::new();
    for (format, input, line, expected) in cases {
        if *line == 0 {
            if !parse_text(Rc::from(*input), Some(*format)).lines.is_empty() {
                failures.push(format!("{format:?} {input:?}: expected no line"));
            }
            continue;
        }
        let got = describe_parsed(*format, input, *line);
        if got != *expected {
            failures.push(format!("{format:?} line {line} of {input:?}\n    expected {expected}\n    got      {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// Checks that each snippet is detected as its format, reporting every miss at once.
pub fn check_detection(cases: &[(&str, Format)]) {
    let misses: Vec<String> = cases
        .iter()
        .filter_map(|(input, format)| {
            let got = scrollback::parse::parse(input.as_bytes(), None).format;
            (got != *format).then(|| format!("{input:?}\n    expected {format:?}, detected {got:?}"))
        })
        .collect();
    assert!(misses.is_empty(), "{} of {} snippets misdetected:\n{}", misses.len(), cases.len(), misses.join("\n"));
}
