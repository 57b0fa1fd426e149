//! "Share these lines" with no server: a range of a log, compressed (raw deflate) into the URL
//! fragment (`#snippet=…`), and read back into a small log that keeps its original line numbers.
//! The page packs with the browser's own `CompressionStream` and writes base64 with `btoa`, so
//! here is everything around those; natively `encode` and `decode` use flate2 and base64.

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

    /// The text to pack: a version, the format, the first line's number, the file's name and
    /// the lines; or why the range is too big to share.
    pub fn unpacked(&self) -> Result<String, TooBig> {
        let n_lines = self.text.lines().count();
        if n_lines > MAX_LINES {
            return Err(TooBig::Lines(n_lines));
        }
        Ok(format!("1\n{}\n{}\n{}\n{}", self.format.id(), self.first_line, self.file_name.replace('\n', " "), self.text))
    }

    /// The fragment, `#snippet=…`, for the packed (raw deflate) [`Snippet::unpacked`] text in
    /// URL-safe base64 without padding.
    pub fn fragment(packed_base64: &str) -> Result<String, TooBig> {
        let fragment = format!("{PREFIX}{packed_base64}");
        if fragment.len() > MAX_FRAGMENT_CHARS {
            return Err(TooBig::Fragment(fragment.len()));
        }
        Ok(fragment)
    }

    /// The packed bytes a fragment carries, in URL-safe base64; `None` when it is no snippet.
    pub fn packed_base64(fragment: &str) -> Option<&str> {
        fragment.strip_prefix(PREFIX)
    }

    /// A snippet from its unpacked text; `None` for anything that is not a whole, well-formed
    /// snippet or is bigger than a snippet can be.
    pub fn from_unpacked(unpacked: &[u8]) -> Option<Snippet> {
        if unpacked.len() as u64 > MAX_UNPACKED_BYTES {
            return None;
        }
        let unpacked = std::str::from_utf8(unpacked).ok()?;
        let mut fields = unpacked.splitn(5, '\n');
        if fields.next()? != "1" {
            return None;
        }
        let format = Format::from_id(fields.next()?)?;
        let first_line = fields.next()?.parse().ok().filter(|&line| line >= 1)?;
        let file_name = fields.next()?.to_owned();
        let text = fields.next()?.to_owned();
        Some(Snippet { file_name, format, first_line, text })
    }

    /// The fragment, `#snippet=…`, or why it would be too big (packed with flate2).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn encode(&self) -> Result<String, TooBig> {
        use std::io::Write;
        let unpacked = self.unpacked()?;
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let packed = encoder.write_all(unpacked.as_bytes()).and_then(|()| encoder.finish()).unwrap_or_default();
        Snippet::fragment(&base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, packed))
    }

    /// Reads a fragment back (unpacked with flate2); `None` for anything that is not a whole,
    /// well-formed snippet.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn decode(fragment: &str) -> Option<Snippet> {
        use std::io::Read;
        let packed = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, Snippet::packed_base64(fragment)?).ok()?;
        let mut unpacked = Vec::new();
        flate2::read::DeflateDecoder::new(packed.as_slice()).take(MAX_UNPACKED_BYTES + 1).read_to_end(&mut unpacked).ok()?;
        Snippet::from_unpacked(&unpacked)
    }
}
