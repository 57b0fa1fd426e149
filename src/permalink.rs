//! Permalinks: the URL hash `#L123` names a line and `#L120-L140` a range (1-based source lines).

use std::fmt;

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
    fn prints_what_it_reads() {
        for anchor in [Anchor::Line(1), Anchor::Line(90000), Anchor::Range { first: 3, last: 30 }] {
            assert_eq!(Anchor::parse(&anchor.to_string()), Some(anchor));
        }
    }
}
