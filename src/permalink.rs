//! Permalinks: the URL hash `#L123` names a line and `#L120-L140` a range (1-based source lines);
//! irclog2html-style `#t15:12` and `#t2016-06-29T15:12:03` name the first line at that time;
//! `#l-12`, the file's own line id in MeetBot and WHATWG-style HTML logs, names the line it names.

use std::fmt;

use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::model::Log;
use crate::parse::shapes::time::{clock, year_month_day};

/// What a URL hash points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Lines(Anchor),
    /// An old time link: the first line logged at this minute (or second, when given).
    Time { date: Option<NaiveDate>, time: NaiveTime, has_seconds: bool },
    /// A link into the archive the log came from: `#l-12`, the file's own id for a line.
    Alias(u32),
}

impl Link {
    /// Reads `#L…` and `#t…` hashes, with or without the `#`.
    pub fn parse(hash: &str) -> Option<Link> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if let Some(when) = hash.strip_prefix('t') {
            let bytes = when.as_bytes();
            let (date, clock_start) = match year_month_day(bytes) {
                Some(date) if bytes.get(10) == Some(&b'T') => (Some(date), 11),
                _ => (None, 0),
            };
            let (time, length) = clock(bytes.get(clock_start..)?)?;
            let is_whole = clock_start + length == bytes.len();
            return is_whole.then_some(Link::Time { date, time, has_seconds: length > 5 });
        }
        if let Some(number) = hash.strip_prefix("l-") {
            return number.bytes().all(|byte| byte.is_ascii_digit()).then(|| number.parse().ok().map(Link::Alias)).flatten();
        }
        Anchor::parse(hash).map(Link::Lines)
    }

    /// The lines this link points at in `log`; a time link that matches no line points nowhere.
    pub fn resolve(self, log: &Log) -> Option<Anchor> {
        match self {
            Link::Lines(anchor) => Some(anchor),
            Link::Alias(number) => log.line_of_alias(&format!("l-{number}")).map(|index| Anchor::Line(index + 1)),
            Link::Time { date, time, has_seconds } => {
                let matches = |stamp: crate::model::Stamp| {
                    let same_minute = stamp.time.hour() == time.hour() && stamp.time.minute() == time.minute();
                    let same_second = !has_seconds || stamp.time.second() == time.second();
                    let same_day = date.is_none() || stamp.date == date;
                    same_minute && same_second && same_day
                };
                let index = log.lines.iter().position(|line| line.time.is_some_and(matches))?;
                Some(Anchor::Line(index + 1))
            }
        }
    }
}

/// Where a link points: a line or an inclusive range of lines, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Line(usize),
    Range { first: usize, last: usize },
}

impl Anchor {
    /// Reads a URL hash, with or without its `#`. A reversed range is put right; line 0, other
    /// text and trailing junk are not links.
    pub fn parse(hash: &str) -> Option<Anchor> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (first, rest) = line_number(hash.strip_prefix('L')?)?;
        if rest.is_empty() {
            return Some(Anchor::Line(first));
        }
        let (last, rest) = line_number(rest.strip_prefix("-L").or_else(|| rest.strip_prefix('-'))?)?;
        if !rest.is_empty() {
            return None;
        }
        Some(match first.cmp(&last) {
            std::cmp::Ordering::Equal => Anchor::Line(first),
            std::cmp::Ordering::Less => Anchor::Range { first, last },
            std::cmp::Ordering::Greater => Anchor::Range { first: last, last: first },
        })
    }

    /// The first line, the one to scroll to.
    pub fn first(self) -> usize {
        match self {
            Anchor::Line(line) => line,
            Anchor::Range { first, .. } => first,
        }
    }

    pub fn last(self) -> usize {
        match self {
            Anchor::Line(line) => line,
            Anchor::Range { last, .. } => last,
        }
    }

    pub fn contains(self, line: usize) -> bool {
        (self.first()..=self.last()).contains(&line)
    }
}

/// `#L123` or `#L120-L140`.
impl fmt::Display for Anchor {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anchor::Line(line) => write!(formatter, "#L{line}"),
            Anchor::Range { first, last } => write!(formatter, "#L{first}-L{last}"),
        }
    }
}

/// A positive decimal line number (at most 10 digits) and what follows it.
fn line_number(text: &str) -> Option<(usize, &str)> {
    let n_digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if n_digits == 0 || n_digits > 10 {
        return None;
    }
    let number: usize = text[..n_digits].parse().ok()?;
    (number > 0).then_some((number, &text[n_digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hashes() {
        let cases = [
            ("#L123", Some(Anchor::Line(123))),
            ("L7", Some(Anchor::Line(7))),
            ("#L120-L140", Some(Anchor::Range { first: 120, last: 140 })),
            ("#L120-140", Some(Anchor::Range { first: 120, last: 140 })),
            ("#L140-L120", Some(Anchor::Range { first: 120, last: 140 })),
            ("#L5-L5", Some(Anchor::Line(5))),
            ("#L0", None),
            ("#L", None),
            ("#l12", None),
            ("#L12x", None),
            ("#L1-", None),
            ("#L1-L2-L3", None),
            ("#L99999999999", None),
            ("#t15:12", None),
            ("", None),
        ];
        for (hash, expected) in cases {
            assert_eq!(Anchor::parse(hash), expected, "{hash:?}");
        }
    }

    #[test]
    fn resolves_old_time_links_to_the_first_matching_line() {
        let log = crate::parse::parse(b"[15:11:59] <a> x\n[15:12:01] <b> y\n[15:12:03] <c> z\n", None);
        let cases = [
            ("#t15:12", Some(Anchor::Line(2))),
            ("#t15:12:03", Some(Anchor::Line(3))),
            ("t15:11", Some(Anchor::Line(1))),
            ("#t16:00", None),
            ("#L3", Some(Anchor::Line(3))),
        ];
        for (hash, expected) in cases {
            assert_eq!(Link::parse(hash).and_then(|link| link.resolve(&log)), expected, "{hash}");
        }
        let dated = crate::parse::parse(b"29-06-2016 15:12 avsm hi\n30-06-2016 15:12 avsm again\n", None);
        let link = Link::parse("#t2016-06-30T15:12:00").expect("a dated time link");
        assert_eq!(link.resolve(&dated), Some(Anchor::Line(2)));
    }

    #[test]
    fn reads_time_links() {
        assert!(matches!(Link::parse("#t15:12"), Some(Link::Time { date: None, has_seconds: false, .. })));
        assert!(matches!(Link::parse("#t2016-06-29T15:12:03"), Some(Link::Time { date: Some(_), has_seconds: true, .. })));
        for junk in ["#t", "#t15", "#t15:12x", "#t2016-06-29", "#tomorrow"] {
            assert_eq!(Link::parse(junk), None, "{junk}");
        }
    }

    #[test]
    fn prints_what_it_reads() {
        for anchor in [Anchor::Line(1), Anchor::Line(90000), Anchor::Range { first: 3, last: 30 }] {
            assert_eq!(Anchor::parse(&anchor.to_string()), Some(anchor));
        }
    }
}
