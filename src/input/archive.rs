//! A `.zip` (or a folder) of files laid out as one text, so that an export made of many files
//! (Slack's workspace export, WhatsApp's chat with its media) opens as one log: every file under
//! a `==> path <==` heading (as `head` writes them), top-level files first, then each folder's
//! in path order; a JSON array's elements one per line, other JSON on one line, text as it is,
//! and a file that is not text named with its size. An archive of one text file is that file.

use std::io::Read;

use serde_json::value::RawValue;

use super::{check_input, InputProblem, MAX_FILE_BYTES};

/// The archive's files, read: path and bytes, in the archive's order.
pub fn unzip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, InputProblem> {
    let broken = |error: zip::result::ZipError| InputProblem::BrokenArchive { reason: error.to_string() };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(broken)?;
    let mut files = Vec::with_capacity(archive.len());
    let mut total = 0usize;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(broken)?;
        if file.is_dir() {
            continue;
        }
        let path = file.name().map_err(broken)?.into_owned();
        let mut contents = Vec::new();
        (&mut file).take((MAX_FILE_BYTES - total) as u64 + 1).read_to_end(&mut contents).map_err(|error| InputProblem::BrokenArchive { reason: error.to_string() })?;
        total += contents.len();
        if total > MAX_FILE_BYTES {
            return Err(InputProblem::TooBig { bytes: total });
        }
        files.push((path, contents));
    }
    Ok(files)
}

/// The files as one text to parse (see the module's comment), or the one text file there is.
pub fn lay_out<B: AsRef<[u8]>>(mut files: Vec<(String, B)>) -> Result<Vec<u8>, InputProblem> {
    // macOS's zip tool adds resource forks under `__MACOSX/`: not part of what was zipped.
    files.retain(|(path, _)| !path.starts_with("__MACOSX/") && path.rsplit('/').next() != Some(".DS_Store"));
    let is_text = |bytes: &[u8]| check_input(bytes).is_ok();
    let texts: Vec<usize> = (0..files.len()).filter(|index| is_text(files[*index].1.as_ref())).collect();
    if let [only] = texts[..] {
        return Ok(files.swap_remove(only).1.as_ref().to_vec());
    }
    if texts.is_empty() {
        return Err(InputProblem::Binary { what: "an archive with no text file in it" });
    }
    // Top-level files before folders, then by path.
    files.sort_by(|(a, _), (b, _)| (a.contains('/'), a.as_str()).cmp(&(b.contains('/'), b.as_str())));
    let mut laid_out = Vec::with_capacity(files.iter().map(|(_, bytes)| bytes.as_ref().len() + 64).sum());
    for (path, bytes) in &files {
        let bytes = bytes.as_ref();
        let path = path.replace(['\n', '\r'], " ");
        if !is_text(bytes) {
            laid_out.extend_from_slice(format!("==> {path} <== ({} bytes, not text)\n", bytes.len()).as_bytes());
            continue;
        }
        laid_out.extend_from_slice(format!("==> {path} <==\n").as_bytes());
        match std::str::from_utf8(bytes).ok().filter(|_| path.ends_with(".json")).and_then(|text| json_lines(text.trim_start_matches('\u{feff}'))) {
            Some(lines) => laid_out.extend_from_slice(lines.as_bytes()),
            None => {
                laid_out.extend_from_slice(bytes);
                if !bytes.ends_with(b"\n") {
                    laid_out.push(b'\n');
                }
            }
        }
    }
    Ok(laid_out)
}

/// A JSON file as lines: an array's elements one per line, anything else on one line; each
/// element's own line breaks and the indentation after them removed (JSON strings hold none).
fn json_lines(text: &str) -> Option<String> {
    let mut lines = String::with_capacity(text.len());
    let mut push_compact = |json: &str| {
        push_on_one_line(&mut lines, json);
        lines.push('\n');
    };
    match serde_json::from_str::<Vec<&RawValue>>(text) {
        Ok(elements) => elements.iter().for_each(|element| push_compact(element.get())),
        Err(_) => {
            serde_json::from_str::<&RawValue>(text).ok()?;
            push_compact(text.trim());
        }
    }
    Some(lines)
}

/// Pushes a JSON value onto `out` on one line: its line breaks and the indentation after each
/// removed (a JSON string holds no raw line break, so no string changes). True when it had any.
pub(crate) fn push_on_one_line(out: &mut String, json: &str) -> bool {
    let mut pieces = json.split('\n');
    out.push_str(pieces.next().unwrap_or_default().trim_end_matches('\r'));
    let mut had_breaks = false;
    for piece in pieces {
        had_breaks = true;
        // Bytes, not chars: this runs on every line of a pretty-printed export.
        let indentation = piece.bytes().take_while(|byte| matches!(byte, b' ' | b'\t')).count();
        out.push_str(piece[indentation..].trim_end_matches('\r'));
    }
    had_breaks
}
