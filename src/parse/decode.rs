//! Turns the bytes of a file into text without losing a line: UTF-8 where valid, windows-1252 where not.

use std::rc::Rc;

use crate::model::{Diagnostic, DiagnosticKind};

/// The encodings read besides UTF-8, named as the WHATWG Encoding Standard names them. Natively
/// encoding_rs decodes them; in the browser, the browser's own `TextDecoder` (the same standard),
/// installed by the parse worker with [`set_legacy_decoder`], so its wasm carries no tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Utf16Le,
    Utf16Be,
    Iso2022Jp,
    Windows1252,
}

impl Legacy {
    pub const ALL: [Legacy; 4] = [Legacy::Utf16Le, Legacy::Utf16Be, Legacy::Iso2022Jp, Legacy::Windows1252];

    /// The standard's name, which is also what a `TextDecoder` takes as its label.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Utf16Le => "UTF-16LE",
            Legacy::Utf16Be => "UTF-16BE",
            Legacy::Iso2022Jp => "ISO-2022-JP",
            Legacy::Windows1252 => "windows-1252",
        }
    }
}

/// Decodes bytes in a [`Legacy`] encoding, a byte-order mark kept as text: the text (malformed
/// parts as U+FFFD) and whether there were any.
pub type LegacyDecoder = fn(Legacy, &[u8]) -> (String, bool);

/// encoding_rs's decoder of `encoding`: the native build's, and the reference the browser's is
/// tested against.
#[cfg(not(target_arch = "wasm32"))]
fn decode_legacy(encoding: Legacy, bytes: &[u8]) -> (String, bool) {
    let encoding = match encoding {
        Legacy::Utf16Le => encoding_rs::UTF_16LE,
        Legacy::Utf16Be => encoding_rs::UTF_16BE,
        Legacy::Iso2022Jp => encoding_rs::ISO_2022_JP,
        Legacy::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), had_errors)
}

#[cfg(target_arch = "wasm32")]
static LEGACY_DECODER: std::sync::OnceLock<LegacyDecoder> = std::sync::OnceLock::new();

/// Installs the browser's decoder; the parse worker does so before its first job.
#[cfg(target_arch = "wasm32")]
pub fn set_legacy_decoder(decoder: LegacyDecoder) {
    let _ = LEGACY_DECODER.set(decoder);
}

/// The installed decoder's reading of `bytes`. Without one (a wasm build that never installed it)
/// the bytes are read as UTF-8 with every malformed part marked: nothing is lost, and the
/// diagnostic says the line was not read as it should be.
#[cfg(target_arch = "wasm32")]
fn decode_legacy(encoding: Legacy, bytes: &[u8]) -> (String, bool) {
    match LEGACY_DECODER.get() {
        Some(decode) => decode(encoding, bytes),
        None => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

const UTF_8: &str = "UTF-8";

/// Decoded text plus what the decoding had to say about it.
#[derive(Debug)]
pub struct Decoded {
    /// Shared from the start: a log's text is copied once, from the file's bytes into this.
    pub text: Rc<str>,
    /// The encoding of the file as a whole (`"UTF-8"`, `"UTF-16LE"`, …).
    pub encoding: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// Like [`decode`], but a file that is already plain UTF-8 (the usual case) becomes the text
/// without a copy: the bytes' allocation is the text's.
pub fn decode_shared(bytes: Rc<[u8]>) -> Decoded {
    match shared_plain_utf8(bytes) {
        Ok(text) => Decoded { text, encoding: UTF_8, diagnostics: Vec::new() },
        Err(bytes) => decode(&bytes),
    }
}

/// Whether `bytes` read as UTF-8 are exactly the text: no byte-order mark, no ISO-2022-JP, valid
/// UTF-8. Uses no decoder, so the web app's main bundle can decide without linking encoding_rs.
pub fn is_plain_utf8(bytes: &[u8]) -> bool {
    const BOMS: [&[u8]; 3] = [b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
    !BOMS.iter().any(|bom| bytes.starts_with(bom)) && !looks_like_iso_2022_jp(bytes) && std::str::from_utf8(bytes).is_ok()
}

/// The bytes as the text without a copy when they are valid UTF-8 (text already decoded, as
/// the parse worker sends it); the bytes back otherwise.
pub fn shared_utf8(bytes: Rc<[u8]>) -> Result<Rc<str>, Rc<[u8]>> {
    if std::str::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: the bytes were just validated as UTF-8, and `str` has the layout of `[u8]`.
    Ok(unsafe { Rc::from_raw(Rc::into_raw(bytes) as *const str) })
}

/// The bytes as the text without a copy when they are plain UTF-8 ([`is_plain_utf8`]); the
/// bytes back otherwise.
pub fn shared_plain_utf8(bytes: Rc<[u8]>) -> Result<Rc<str>, Rc<[u8]>> {
    if !is_plain_utf8(&bytes) {
        return Err(bytes);
    }
    // SAFETY: the bytes were just validated as UTF-8, and `str` has the layout of `[u8]`.
    Ok(unsafe { Rc::from_raw(Rc::into_raw(bytes) as *const str) })
}

/// Decodes `bytes`. Never fails: a line that is not valid UTF-8 is read as windows-1252,
/// as irclog2html does, and reported with its line number.
pub fn decode(bytes: &[u8]) -> Decoded {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(Legacy::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Legacy::Utf16Be),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        let (text, had_errors) = decode_legacy(encoding, &bytes[2..]);
        let mut diagnostics = Vec::new();
        if had_errors {
            diagnostics.push(Diagnostic {
                line: 1,
                kind: DiagnosticKind::Encoding,
                message: format!("the file is {} with malformed parts, shown as �", encoding.name()),
            });
        }
        return Decoded { text: Rc::from(text), encoding: encoding.name(), diagnostics };
    }
    if let Some(after_bom) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8_with_fallback(after_bom);
    }
    if looks_like_iso_2022_jp(bytes) {
        return decode_iso_2022_jp(bytes);
    }
    decode_utf8_with_fallback(bytes)
}

/// ISO-2022-JP is 7-bit and switches to JIS X 0208 with `ESC $ B` (or the older `ESC $ @`).
fn looks_like_iso_2022_jp(bytes: &[u8]) -> bool {
    let switches_to_jis = memchr::memmem::find(bytes, b"\x1B$B").is_some() || memchr::memmem::find(bytes, b"\x1B$@").is_some();
    switches_to_jis && bytes.is_ascii()
}

/// Line by line: a newline left inside JIS mode would otherwise be eaten as an error, and the
/// file would lose a line. (Well-formed ISO-2022-JP returns to ASCII before each newline.)
fn decode_iso_2022_jp(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut diagnostics = Vec::new();
    for (index, line) in bytes.split_inclusive(|&byte| byte == b'\n').enumerate() {
        let (body, newline) = match line.strip_suffix(b"\n") {
            Some(body) => (body, true),
            None => (line, false),
        };
        let (decoded, had_errors) = decode_legacy(Legacy::Iso2022Jp, body);
        text.push_str(&decoded);
        // A last line of nothing but escapes would vanish: keep it as one mark.
        let vanished = !newline && decoded.is_empty() && !body.is_empty();
        if vanished {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        if newline {
            text.push('\n');
        }
        if had_errors || vanished {
            diagnostics.push(Diagnostic { line: index + 1, kind: DiagnosticKind::Encoding, message: "malformed ISO-2022-JP, shown as �".to_owned() });
        }
    }
    Decoded { text: Rc::from(text), encoding: Legacy::Iso2022Jp.name(), diagnostics }
}

fn decode_utf8_with_fallback(bytes: &[u8]) -> Decoded {
    // The common case: one validation pass, one copy.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: Rc::from(text), encoding: UTF_8, diagnostics: Vec::new() };
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut diagnostics = Vec::new();
    let mut start = 0;
    let mut line_number = 1;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |offset| start + offset + 1);
        let line = &bytes[start..end];
        match std::str::from_utf8(line) {
            Ok(valid) => text.push_str(valid),
            // The file stops partway through a character (a cut download): keep what is whole.
            Err(error) if error.error_len().is_none() => {
                text.push_str(std::str::from_utf8(&line[..error.valid_up_to()]).unwrap_or_default());
                text.push(char::REPLACEMENT_CHARACTER);
                diagnostics.push(Diagnostic {
                    line: line_number,
                    kind: DiagnosticKind::Encoding,
                    message: "the file ends inside a UTF-8 character: its last bytes are shown as �".to_owned(),
                });
            }
            Err(_) => {
                let (decoded, _) = decode_legacy(Legacy::Windows1252, line);
                text.push_str(&decoded);
                diagnostics.push(Diagnostic {
                    line: line_number,
                    kind: DiagnosticKind::Encoding,
                    message: "not valid UTF-8: read as windows-1252".to_owned(),
                });
            }
        }
        start = end;
        line_number += 1;
    }
    Decoded { text: Rc::from(text), encoding: UTF_8, diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::count_lines;

    #[test]
    fn decodes_each_encoding() {
        let cases: &[(&[u8], &str, &str, usize)] = &[
            (b"plain\n", "plain\n", "UTF-8", 0),
            ("caf\u{e9} \u{2014}\n".as_bytes(), "caf\u{e9} \u{2014}\n", "UTF-8", 0),
            (b"\xEF\xBB\xBFbom\n", "bom\n", "UTF-8", 0),
            (b"ok\nit\x92s\nok\n", "ok\nit\u{2019}s\nok\n", "UTF-8", 1),
            (b"\xFF\xFEh\x00i\x00\n\x00", "hi\n", "UTF-16LE", 0),
            (b"\xFE\xFF\x00h\x00i", "hi", "UTF-16BE", 0),
            (b"cut \xE2\x80", "cut \u{FFFD}", "UTF-8", 1),
            (b"\x1B$B$3$s$K$A$O\x1B(B\n", "\u{3053}\u{3093}\u{306b}\u{3061}\u{306f}\n", "ISO-2022-JP", 0),
        ];
        for (bytes, text, encoding, n_diagnostics) in cases {
            let decoded = decode(bytes);
            assert_eq!(&*decoded.text, *text, "text of {bytes:?}");
            assert_eq!(decoded.encoding, *encoding, "encoding of {bytes:?}");
            assert_eq!(decoded.diagnostics.len(), *n_diagnostics, "diagnostics of {bytes:?}");
        }
    }

    #[test]
    fn shared_utf8_is_not_copied() {
        let bytes: Rc<[u8]> = Rc::from(&b"[10:00] <a> caf\xC3\xA9\n"[..]);
        let address = bytes.as_ptr();
        let decoded = decode_shared(bytes);
        assert_eq!(&*decoded.text, "[10:00] <a> caf\u{e9}\n");
        assert_eq!(decoded.text.as_ptr(), address, "the same allocation");
        // Anything else goes the copying way and still decodes.
        assert_eq!(&*decode_shared(Rc::from(&b"it\x92s"[..])).text, "it\u{2019}s");
        assert_eq!(&*decode_shared(Rc::from(&b"\xEF\xBB\xBFbom"[..])).text, "bom");
    }

    /// Found by the `parse` fuzz target: `ESC $ @` then a newline while in JIS mode lost the line.
    #[test]
    fn a_newline_inside_iso_2022_jp_jis_mode_keeps_its_line() {
        let bytes = b"Day changed\n\x1B$@\noDa y E\n";
        let decoded = decode(bytes);
        assert_eq!(decoded.encoding, "ISO-2022-JP");
        assert_eq!(count_lines(decoded.text.as_bytes()), 3, "{:?}", decoded.text);
        assert_eq!(decoded.diagnostics.iter().map(|d| d.line).collect::<Vec<_>>(), Vec::<usize>::new());
        // Found by the fuzzer too: a last line of only an escape sequence must stay a line.
        assert_eq!(count_lines(decode(b"\x1B$@").text.as_bytes()), 1);
        let cut = decode(b"a\n\x1B$B$3$\n\x1B$B$3$s\x1B(B\n");
        assert_eq!(count_lines(cut.text.as_bytes()), 3);
        assert_eq!(cut.diagnostics.iter().map(|d| d.line).collect::<Vec<_>>(), vec![2], "the malformed line is named");
    }

    #[test]
    fn a_character_cut_at_the_end_of_the_file_keeps_the_rest_of_its_line() {
        let mut bytes = "ok\n[10:00] <a> café".as_bytes().to_vec();
        bytes.pop();
        let decoded = decode(&bytes);
        assert_eq!(&*decoded.text, "ok\n[10:00] <a> caf\u{FFFD}");
        assert_eq!(decoded.diagnostics.len(), 1);
        assert_eq!(decoded.diagnostics[0].line, 2);
        assert!(decoded.diagnostics[0].message.contains("ends inside a UTF-8 character"));
    }

    #[test]
    fn a_bad_line_is_reported_by_number_and_keeps_the_line_count() {
        let bytes = b"one\ntwo\nth\xE9ree\nfour";
        let decoded = decode(bytes);
        assert_eq!(decoded.diagnostics[0].line, 3);
        assert_eq!(count_lines(decoded.text.as_bytes()), count_lines(bytes));
    }
}
