//! "Share these lines" with no server: a range of a log, compressed into the URL fragment
//! (`#snippet=…`), and read back into a small log that keeps its original line numbers.

use std::io::{Read, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;

use crate::model::{Format, Log};

/// The fragment's prefix.
pub const PREFIX: &str = "#snippet=";

/// At most this many lines: a snippet is a moment in a meeting, not a log.
pub const MAX_LINES: usize = 500;

/// At most this many characters of fragment, so the link survives chat clients, mail and
/// browsers' address bars.
pub const MAX_FRAGMENT_CHARS: usize = 16_000;

/// A decoded snippet never unpacks past this, whatever a crafted link says.
const MAX_UNPACKED_BYTES: u64 = 1_000_000;

/// A range of lines and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub file_name: String,
    pub format: Format,
    /// The 1-based source line number of the snippet's first line.
    pub first_line: usize,
    /// The lines' source text, joined by `\n`.
    pub text: String,
}

/// Why a range cannot be shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooBig {
    Lines(usize),
    Fragment(usize),
}

impl std::fmt::Display for TooBig {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TooBig::Lines(n) => write!(formatter, "That is {n} lines; a shared snippet holds up to {MAX_LINES}, so that its link fits in a chat message. Select fewer lines."),
            TooBig::Fragment(n) => write!(
                formatter,
                "Those lines make a link of {n} characters; a shared snippet's link is kept under {MAX_FRAGMENT_CHARS} so that chat and mail keep it whole. Select fewer lines."
            ),
        }
    }
}

impl Snippet {
    /// Lines `first..=last` (1-based, clamped to the log) of `log`.
    pub fn of(log: &Log, file_name: &str, first: usize, last: usize) -> Snippet {
        let first = first.clamp(1, log.lines.len().max(1));
        let last = last.clamp(first, log.lines.len().max(1));
        let text = log.lines.get(first - 1..last).unwrap_or_default().iter().map(|line| log.source(line)).collect::<Vec<_>>().join("\n");
        Snippet { file_name: file_name.to_owned(), format: log.format, first_line: first, text }
    }

    /// The fragment, `#snippet=…`, or why it would be too big.
    pub fn encode(&self) -> Result<String, TooBig> {
        let n_lines = self.text.lines().count();
        if n_lines > MAX_LINES {
            return Err(TooBig::Lines(n_lines));
        }
        let plain = format!("1\n{}\n{}\n{}\n{}", self.format.id(), self.first_line, self.file_name.replace('\n', " "), self.text);
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        // Writing to a Vec cannot fail.
        let packed = encoder.write_all(plain.as_bytes()).and_then(|()| encoder.finish()).unwrap_or_default();
        let fragment = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed));
        if fragment.len() > MAX_FRAGMENT_CHARS {
            return Err(TooBig::Fragment(fragment.len()));
        }
        Ok(fragment)
    }

    /// Reads a fragment back; `None` for anything that is not a whole, well-formed snippet.
    pub fn decode(fragment: &str) -> Option<Snippet> {
        let packed = URL_SAFE_NO_PAD.decode(fragment.strip_prefix(PREFIX)?).ok()?;
        let mut plain = String::new();
        DeflateDecoder::new(packed.as_slice()).take(MAX_UNPACKED_BYTES + 1).read_to_string(&mut plain).ok()?;
        if plain.len() as u64 > MAX_UNPACKED_BYTES {
            return None;
        }
        let mut fields = plain.splitn(5, '\n');
        if fields.next()? != "1" {
            return None;
        }
        let format = Format::from_id(fields.next()?)?;
        let first_line = fields.next()?.parse().ok().filter(|&line| line >= 1)?;
        let file_name = fields.next()?.to_owned();
        let text = fields.next()?.to_owned();
        Some(Snippet { file_name, format, first_line, text })
    }
}
