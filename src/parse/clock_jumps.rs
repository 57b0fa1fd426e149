//! Where the clock goes backwards in a log: each jump is a diagnostic, the lines keep their order.

use crate::model::{Diagnostic, DiagnosticKind, Line, Stamp};

/// A backwards step of the clock larger than this is a jump worth telling the reader about.
const CLOCK_JUMP_MINUTES: i64 = 30;

/// Reports each place where the clock goes backwards. Lines are never reordered.
///
/// Without a date a step from late evening to early morning is midnight passing, not a jump.
/// `lines` come with their 0-based index, in the order they were written (newest-first files reversed).
pub(super) fn clock_jumps<'a>(lines: impl Iterator<Item = (usize, &'a Line)>) -> Vec<Diagnostic> {
    let mut jumps = Vec::new();
    let mut previous: Option<Stamp> = None;
    for (index, line) in lines {
        let Some(stamp) = line.time else { continue };
        if let Some(before) = previous {
            let minutes_back = match (before.date, stamp.date) {
                (Some(date_before), Some(date)) => (date_before.and_time(before.time) - date.and_time(stamp.time)).num_minutes(),
                _ => {
                    let back = (before.time - stamp.time).num_minutes();
                    if back > 18 * 60 { 0 } else { back }
                }
            };
            if minutes_back >= CLOCK_JUMP_MINUTES {
                jumps.push(Diagnostic {
                    line: index + 1,
                    kind: DiagnosticKind::ClockJump,
                    message: format!("clock jumps back {} here", describe_minutes(minutes_back)),
                });
            }
        }
        previous = Some(stamp);
    }
    jumps
}

/// `2 h`, `45 min`, `1 h 30 min`, `3 days`.
pub fn describe_minutes(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (hours, _) if hours >= 48 => format!("{} days", hours / 24),
        (0, minutes) => format!("{minutes} min"),
        (hours, 0) => format!("{hours} h"),
        (hours, minutes) => format!("{hours} h {minutes} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn reports_a_clock_jump_once_and_keeps_the_order() {
        let text = "29-06-2016 17:05 a one\n29-06-2016 17:06 b two\n29-06-2016 15:06 a three\n29-06-2016 15:07 b four\n";
        let log = parse(text.as_bytes(), None);
        let jumps: Vec<_> = log.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::ClockJump).collect();
        assert_eq!(jumps.len(), 1);
        assert_eq!(jumps[0].line, 3);
        assert_eq!(jumps[0].message, "clock jumps back 2 h here");
        assert_eq!(log.body(&log.lines[2]), "three");
    }

    #[test]
    fn midnight_without_a_date_is_not_a_jump() {
        let log = parse(b"[23:58] <a> late\n[00:02] <b> early\n", None);
        assert!(log.diagnostics.is_empty(), "{:?}", log.diagnostics);
    }

    #[test]
    fn describes_durations() {
        for (minutes, text) in [(120, "2 h"), (45, "45 min"), (90, "1 h 30 min"), (3 * 24 * 60, "3 days")] {
            assert_eq!(describe_minutes(minutes), text);
        }
    }
}
