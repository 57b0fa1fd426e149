//! A `.zip` (or a folder) of files laid out as one text, so that an export made of many files
//! (Slack's workspace export, WhatsApp's chat with its media) opens as one log: every file under
//! a `==> path <==` heading (as `head` writes them), top-level files first, then each folder's
//! in path order; a JSON array's elements one per line, other JSON on one line, text as it is,
//! and a file that is not text named with its size. An archive of one text file is that file.

use std::io::Read;

use serde_json::value::RawValue;

use super::pretty_json::{push_on_one_line, walk_pretty_array};
use super::{check_input, InputProblem, MAX_FILE_BYTES};

/// A zip archive opened: its directory read, its files still packed.
pub(super) type Zip<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

pub(super) fn broken(error: zip::result::ZipError) -> InputProblem {
    InputProblem::BrokenArchive { reason: error.to_string() }
}

pub(super) fn open_zip(bytes: &[u8]) -> Result<Zip<'_>, InputProblem> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(broken)
}

/// The archive's files, read: path and bytes, in the archive's order.
pub fn unzip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, InputProblem> {
    let mut archive = open_zip(bytes)?;
    let mut files = Vec::with_capacity(archive.len());
    let mut total = 0usize;
    for index in 0..archive.len() {
        let Some((path, contents)) = unpack(&mut archive, index, MAX_FILE_BYTES - total)? else { continue };
        total += contents.len();
        files.push((path, contents));
    }
    Ok(files)
}

/// File `index` of `archive`, unpacked, with `room` bytes left of the viewer's limit; `None` for
/// a folder's entry.
pub(super) fn unpack(archive: &mut Zip<'_>, index: usize, room: usize) -> Result<Option<(String, Vec<u8>)>, InputProblem> {
    // Not checked against their CRC-32: a viewer shows what a damaged file still holds rather
    // than refuse the whole archive, and checking costs as much as a third of unpacking in wasm.
    let options = zip::read::ZipReadOptions::new().ignore_crc32(true);
    let mut file = archive.by_index_with_options(index, options).map_err(broken)?;
    if file.is_dir() {
        return Ok(None);
    }
    let path = file.name().map_err(broken)?.into_owned();
    // Sized by what the archive says the file holds, no more than deflate can unpack from its
    // compressed bytes (1032 to 1) nor than the room left: no regrowing, and a header that
    // lies reserves no more than a real zip bomb would fill.
    let claimed = file.size().min(file.compressed_size().saturating_mul(1032)) as usize;
    let mut contents = Vec::with_capacity(claimed.min(room + 1));
    (&mut file).take(room as u64 + 1).read_to_end(&mut contents).map_err(|error| InputProblem::BrokenArchive { reason: error.to_string() })?;
    if contents.len() > room {
        return Err(InputProblem::TooBig { bytes: MAX_FILE_BYTES - room + contents.len() });
    }
    // A header that claimed more than the file holds does not keep its room reserved: each
    // of many such files would.
    contents.shrink_to_fit();
    Ok(Some((path, contents)))
}

/// Whether a zip's paths are an office document's (a zip of XML), not an export's.
pub(super) fn is_office_document<'a>(mut paths: impl Iterator<Item = &'a str>) -> bool {
    paths.any(|path| path == "[Content_Types].xml" || path == "mimetype")
}

/// Puts `files` (each with its path, `path`) in lay-out order: top-level files before folders,
/// then by path; leaving out what macOS's zip tool adds, resource forks under `__MACOSX/` and its
/// folders' settings, which are not part of what was zipped.
pub(super) fn in_lay_out_order<T>(files: &mut Vec<T>, path: impl Fn(&T) -> &str) {
    files.retain(|file| !path(file).starts_with("__MACOSX/") && path(file).rsplit('/').next() != Some(".DS_Store"));
    files.sort_by(|a, b| (path(a).contains('/'), path(a)).cmp(&(path(b).contains('/'), path(b))));
}

/// Whether files with these paths are an archive of logs (a channel's days, a project's
/// meetings) rather than one export or one log: two or more files named as logs are (`.txt`,
/// `.log`, `.html`, `.gz`, or no extension), and none of an export's or a web page's own (`.json`:
/// Slack's, Telegram's; `.css`, `.js`: a saved page's assets). A chat beside its media is one log.
pub fn is_archive_of_logs<'a>(paths: impl IntoIterator<Item = &'a str>) -> bool {
    let mut logs = 0;
    for path in paths {
        match name_kind(path) {
            NameKind::ExportOrPage => return false,
            NameKind::Log => logs += 1,
            NameKind::Other => {}
        }
    }
    logs >= 2
}

/// Whether a file of an archive is named as a log is (see [`is_archive_of_logs`]).
pub fn is_log_name(path: &str) -> bool {
    name_kind(path) == NameKind::Log
}

#[derive(PartialEq, Eq)]
enum NameKind {
    Log,
    ExportOrPage,
    /// Media, a folder's entry, macOS's resource forks.
    Other,
}

fn name_kind(path: &str) -> NameKind {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.is_empty() || path.starts_with("__MACOSX/") || name.starts_with('.') {
        return NameKind::Other;
    }
    match name.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase()).as_deref() {
        Some("json" | "jsonl" | "css" | "js") => NameKind::ExportOrPage,
        None | Some("txt" | "log" | "html" | "htm" | "gz") => NameKind::Log,
        Some(_) => NameKind::Other,
    }
}

/// The paths of a zip's files, read from its central directory without unpacking them.
pub fn zip_paths(bytes: &[u8]) -> Option<Vec<String>> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    archive.file_names().map(|name| name.ok().map(|name| name.into_owned())).collect()
}

/// The files as one text to parse (see the module's comment), or the one text file there is.
pub fn lay_out<B: AsRef<[u8]>>(mut files: Vec<(String, B)>) -> Result<Vec<u8>, InputProblem> {
    in_lay_out_order(&mut files, |(path, _)| path);
    let is_text = |bytes: &[u8]| check_input(bytes).is_ok();
    let texts: Vec<usize> = (0..files.len()).filter(|index| is_text(files[*index].1.as_ref())).collect();
    if let [only] = texts[..] {
        return Ok(files.swap_remove(only).1.as_ref().to_vec());
    }
    if texts.is_empty() {
        return Err(InputProblem::Binary { what: "an archive with no text file in it" });
    }
    let mut laid_out = Vec::with_capacity(files.iter().map(|(_, bytes)| bytes.as_ref().len() + 64).sum());
    // Each file is let go once laid out: the archive is not held twice over.
    for (path, bytes) in files {
        lay_out_file(&mut laid_out, &path, bytes.as_ref());
    }
    Ok(laid_out)
}

/// Lays out one file of several onto `out`, under its heading: a JSON file's elements one per
/// line, other text as it is, a file that is not text named with its size.
pub(super) fn lay_out_file(out: &mut Vec<u8>, path: &str, bytes: &[u8]) {
    let path = path.replace(['\n', '\r'], " ");
    if check_input(bytes).is_err() {
        out.extend_from_slice(format!("==> {path} <== ({} bytes, not text)\n", bytes.len()).as_bytes());
        return;
    }
    out.extend_from_slice(format!("==> {path} <==\n").as_bytes());
    let json = std::str::from_utf8(bytes).ok().filter(|_| path.ends_with(".json"));
    if !json.is_some_and(|text| push_json_lines(out, text.trim_start_matches('\u{feff}'))) {
        out.extend_from_slice(bytes);
        if !bytes.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
}

/// Pushes a JSON file onto `out` as lines: an array's elements one per line, anything else on
/// one line; each element's own line breaks and the indentation after them removed (JSON
/// strings hold none). False, with nothing pushed, when the file is not JSON.
fn push_json_lines(out: &mut Vec<u8>, text: &str) -> bool {
    // Slack writes its files pretty-printed: their elements are found, and laid out, by their
    // lines.
    if text.starts_with('[') {
        let before = out.len();
        let pretty = walk_pretty_array(text, 0, |piece, ends_element| {
            out.extend_from_slice(piece);
            if ends_element {
                out.push(b'\n');
            }
        });
        if pretty.is_some_and(|(_, close)| close.is_some_and(|close| text[close + 1..].trim().is_empty())) {
            return true;
        }
        out.truncate(before);
    }
    let mut push_compact = |json: &str| {
        push_on_one_line(json, |piece| out.extend_from_slice(piece.as_bytes()));
        out.push(b'\n');
    };
    match serde_json::from_str::<Vec<&RawValue>>(text) {
        Ok(elements) => elements.iter().for_each(|element| push_compact(element.get())),
        Err(_) if serde_json::from_str::<&RawValue>(text).is_ok() => push_compact(text.trim()),
        Err(_) => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{is_archive_of_logs, lay_out};

    #[test]
    fn each_json_file_is_laid_out_one_element_per_line_and_other_files_as_they_are() {
        let pretty = "[\n  {\n    \"a\": 1,\n    \"b\": [2]\n  },\n  {\"c\": 3}\n]\n";
        let cases: [(&str, &str, &str); 6] = [
            ("pretty.json", pretty, "{\"a\": 1,\"b\": [2]}\n{\"c\": 3}\n"),
            ("minified.json", r#"[{"a":1},{"b":2}]"#, "{\"a\":1}\n{\"b\":2}\n"),
            ("object.json", "{\n  \"a\": 1\n}", "{\"a\": 1}\n"),
            // Not JSON: kept as it is, and nothing of it laid out before.
            ("broken.json", "[\n  {\"a\": 1},\n  {\"b\":\n", "[\n  {\"a\": 1},\n  {\"b\":\n"),
            ("notes.txt", "[1, 2]", "[1, 2]\n"),
            ("bom.json", "\u{feff}[1,2]", "1\n2\n"),
        ];
        for (path, contents, expected) in cases {
            // A second file after it, to show where the first one ends.
            let files = vec![(path.to_owned(), contents.as_bytes()), ("z.txt".to_owned(), &b"x\n"[..])];
            let laid_out = String::from_utf8(lay_out(files).unwrap()).unwrap();
            assert_eq!(laid_out, format!("==> {path} <==\n{expected}==> z.txt <==\nx\n"), "{path}");
        }
    }

    #[test]
    fn logs_side_by_side_are_an_archive_and_an_export_is_not() {
        let cases: [(&[&str], bool); 10] = [
            (&["2016/06/29-06-2016.txt", "2016/07/13-07-2016.txt"], true),
            (&["#mirage/2016-06-29.log", "#mirage/2016-06-30.log.gz", "notes.png"], true),
            (&["meetings/mirage.2016-06-29-15.00.log.html", "meetings/mirage.2016-06-29-15.00.html"], true),
            (&["a", "b", "2016/"], true),
            (&["2016/", "2016/06/", "2016/06/29.txt"], false),
            (&["users.json", "channels.json", "general/2023-06-01.json"], false),
            (&["WhatsApp Chat with Ann.txt", "IMG-2023.jpg", "PTT-2023.opus"], false),
            (&["Export.html", "Export_Files/style.css", "Export_Files/notes.txt"], false),
            (&["day.txt", "__MACOSX/._day.txt", ".DS_Store"], false),
            (&["only.log"], false),
        ];
        for (paths, expected) in cases {
            assert_eq!(is_archive_of_logs(paths.iter().copied()), expected, "{paths:?}");
        }
    }
}
