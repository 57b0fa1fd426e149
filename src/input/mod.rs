//! Prepares a file for parsing: unpacks gzip, lays out a zip's files as one text, and gives
//! what is not a chat log a clear answer instead of a page of noise.

pub mod archive;
pub mod head;
pub(crate) mod pretty_json;

use std::borrow::Cow;
use std::io::Read;

/// The largest file the viewer opens. A million-line log is about 100 MB; beyond 256 MB the
/// browser tab runs out of memory holding the text and its line index.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// Why a file is not opened as a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    Empty,
    TooBig { bytes: usize },
    Binary { what: &'static str },
    /// A gzip file that does not unpack.
    BrokenGzip { reason: String },
    /// A zip archive that does not unpack.
    BrokenArchive { reason: String },
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputProblem::Empty => write!(formatter, "This file is empty: there is no log to show"),
            InputProblem::TooBig { bytes } => write!(
                formatter,
                "This file is {} MB; the viewer opens files up to {} MB, because a browser tab cannot hold more text and its index in memory",
                bytes / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
            InputProblem::Binary { what } => write!(formatter, "This looks like {what}, not a chat log"),
            InputProblem::BrokenGzip { reason } => write!(formatter, "This gzip file does not unpack: {reason}"),
            InputProblem::BrokenArchive { reason } => write!(formatter, "This zip archive does not unpack: {reason}"),
        }
    }
}

/// File signatures of things people drop by mistake.
const SIGNATURES: [(&[u8], &str); 8] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7FELF", "a program (ELF executable)"),
    (b"\0asm", "a WebAssembly module"),
    (b"BZh", "a bzip2-compressed file"),
];

const GZIP_MAGIC: &[u8] = b"\x1F\x8B";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The bytes to parse: `bytes` itself, its contents when it is gzip-compressed (loggers rotate
/// old logs into `.log.gz`), or a zip's files laid out as one text ([`archive`]). Refuses what
/// is not a log, with the reason.
pub fn prepare(bytes: &[u8]) -> Result<Cow<'_, [u8]>, InputProblem> {
    if bytes.starts_with(ZIP_MAGIC) {
        let files = archive::unzip(bytes)?;
        if archive::is_office_document(files.iter().map(|(path, _)| path.as_str())) {
            return Err(InputProblem::Binary { what: "an office document" });
        }
        let laid_out = archive::lay_out(files)?;
        check_input(&laid_out)?;
        return Ok(Cow::Owned(laid_out));
    }
    if !bytes.starts_with(GZIP_MAGIC) {
        check_input(bytes)?;
        return Ok(Cow::Borrowed(bytes));
    }
    let mut unpacked = Vec::new();
    // One byte over the limit is enough to know the file is too big.
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut unpacked)
        .map_err(|error| InputProblem::BrokenGzip { reason: error.to_string() })?;
    check_input(&unpacked)?;
    Ok(Cow::Owned(unpacked))
}

/// The files of a folder (paths inside it, and their bytes) laid out as one text to parse, as
/// a zip of them would be: a Slack export unpacked, or a chat with its media beside it.
pub fn prepare_folder<B: AsRef<[u8]>>(files: Vec<(String, B)>) -> Result<Vec<u8>, InputProblem> {
    let total: usize = files.iter().map(|(_, bytes)| bytes.as_ref().len()).sum();
    if total > MAX_FILE_BYTES {
        return Err(InputProblem::TooBig { bytes: total });
    }
    let laid_out = archive::lay_out(files)?;
    check_input(&laid_out)?;
    Ok(laid_out)
}

/// Whether `bytes` can be opened as a log.
pub fn check_input(bytes: &[u8]) -> Result<(), InputProblem> {
    if bytes.is_empty() {
        return Err(InputProblem::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InputProblem::TooBig { bytes: bytes.len() });
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(InputProblem::Binary { what });
    }
    // UTF-16 text has many NULs too, but it announces itself with a byte-order mark.
    let is_utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let head = &bytes[..bytes.len().min(8192)];
    let n_nul = memchr::memchr_iter(0, head).count();
    if !is_utf16 && n_nul * 10 > head.len() {
        return Err(InputProblem::Binary { what: "a binary file" });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_gzip() {
        let mut packed = Vec::new();
        let mut encoder = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
        std::io::Write::write_all(&mut encoder, b"[10:00] <a> hi\n").unwrap();
        encoder.finish().unwrap();
        assert_eq!(prepare(&packed).unwrap().as_ref(), b"[10:00] <a> hi\n");
        assert!(matches!(prepare(&packed[..packed.len() / 2]), Err(InputProblem::BrokenGzip { .. })));
        assert!(matches!(prepare(b"plain"), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn tells_what_a_file_is() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"", Some("This file is empty: there is no log to show")),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("This looks like a PNG image, not a chat log")),
            (b"%PDF-1.7\n", Some("This looks like a PDF document, not a chat log")),
            (b"\0\0\0\0\x01\x02\x03\0\0\0", Some("This looks like a binary file, not a chat log")),
            (b"\xFF\xFEh\0i\0", None),
            (b"[10:00] <a> hi\n", None),
            (b"a stray \0 NUL in a long enough line of text\n", None),
        ];
        for (bytes, message) in cases {
            let got = check_input(bytes).err().map(|problem| problem.to_string());
            assert_eq!(got.as_deref(), *message, "{bytes:?}");
        }
    }
}
