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
    // Not checked against their CRC-32: a viewer shows what a damaged file still holds rather
    // than refuse the whole archive, and checking costs as much as a third of unpacking in wasm.
    let options = || zip::read::ZipReadOptions::new().ignore_crc32(true);
    for index in 0..archive.len() {
        let mut file = archive.by_index_with_options(index, options()).map_err(broken)?;
        if file.is_dir() {
            continue;
        }
        let path = file.name().map_err(broken)?.into_owned();
        let room = MAX_FILE_BYTES - total;
        // Sized by what the archive says the file holds, no more than deflate can unpack from its
        // compressed bytes (1032 to 1) nor than the room left: no regrowing, and a header that
        // lies reserves no more than a real zip bomb would fill.
        let claimed = file.size().min(file.compressed_size().saturating_mul(1032)) as usize;
        let mut contents = Vec::with_capacity(claimed.min(room + 1));
        (&mut file).take(room as u64 + 1).read_to_end(&mut contents).map_err(|error| InputProblem::BrokenArchive { reason: error.to_string() })?;
        // A header that claimed more than the file holds does not keep its room reserved: each
        // of many such files would.
        contents.shrink_to_fit();
        total += contents.len();
        if total > MAX_FILE_BYTES {
            return Err(InputProblem::TooBig { bytes: total });
        }
        files.push((path, contents));
    }
    Ok(files)
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
    // Each file is let go once laid out: the archive is not held twice over.
    for (path, bytes) in files {
        let bytes = bytes.as_ref();
        let path = path.replace(['\n', '\r'], " ");
        if !is_text(bytes) {
            laid_out.extend_from_slice(format!("==> {path} <== ({} bytes, not text)\n", bytes.len()).as_bytes());
            continue;
        }
        laid_out.extend_from_slice(format!("==> {path} <==\n").as_bytes());
        let json = std::str::from_utf8(bytes).ok().filter(|_| path.ends_with(".json"));
        if !json.is_some_and(|text| push_json_lines(&mut laid_out, text.trim_start_matches('\u{feff}'))) {
            laid_out.extend_from_slice(bytes);
            if !bytes.ends_with(b"\n") {
                laid_out.push(b'\n');
            }
        }
    }
    Ok(laid_out)
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
        if pretty.is_some_and(|(_, close)| text[close + 1..].trim().is_empty()) {
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

/// Pushes a JSON value on one line, a piece at a time: its line breaks and the indentation
/// after each removed (a JSON string holds no raw line break, so no string changes). True when
/// it had any.
pub(crate) fn push_on_one_line(json: &str, mut push: impl FnMut(&str)) -> bool {
    // Bytes and memchr, not `str::split`: this runs on every line of a pretty-printed export.
    let bytes = json.as_bytes();
    let mut start = 0;
    let mut had_breaks = false;
    for newline in memchr::memchr_iter(b'\n', bytes) {
        let end = if newline > start && bytes[newline - 1] == b'\r' { newline - 1 } else { newline };
        push(&json[start..end]);
        had_breaks = true;
        start = newline + 1;
        start += bytes[start..].iter().take_while(|byte| matches!(byte, b' ' | b'\t')).count();
    }
    let last = &json[start..];
    push(last.strip_suffix('\r').unwrap_or(last));
    had_breaks
}

/// The elements of a pretty-printed JSON array whose `[` is at byte `open`, the last thing on its
/// line, found by their lines rather than by reading the JSON. A JSON string holds no raw line
/// break, so a pretty printer starts each element on a line of its own at one indentation, and
/// an element written over several lines ends on the next line back at that indentation. Each
/// element's range and where the closing `]` is; `None` when the array is not written so
/// (minified, empty, unevenly indented, scalars), and then it is for serde_json to read.
pub(crate) fn pretty_array_elements(text: &str, open: usize) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    walk_pretty_array(text, open, |_, _| {})
}

/// [`pretty_array_elements`], handing each element to `piece` as it passes it, a line at a time:
/// each line without its indentation and line break (the last without the comma after the
/// element), and whether it ends the element. Their concatenation is the element on one line,
/// as [`push_on_one_line`] writes it: one pass lays out what would otherwise be read twice. On
/// `None`, what was handed on is the caller's to drop.
fn walk_pretty_array(text: &str, open: usize, mut piece: impl FnMut(&[u8], bool)) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    let bytes = text.as_bytes();
    let break_at = open + 1 + memchr::memchr(b'\n', bytes.get(open + 1..)?)?;
    if !bytes[open + 1..break_at].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let mut elements = Vec::new();
    let mut element_indentation = None;
    // Where the element being passed started, when it spans lines.
    let mut open_element: Option<usize> = None;
    let mut line_start = break_at + 1;
    while line_start < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |at| line_start + at);
        let line = &bytes[line_start..line_end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let indentation = line.iter().take_while(|byte| matches!(byte, b' ' | b'\t')).count();
        let content = &line[indentation..];
        let content_start = line_start + indentation;
        let element = content.strip_suffix(b",").unwrap_or(content);
        match (open_element, element_indentation) {
            (None, Some(expected)) if content.first() == Some(&b']') && indentation < expected => return Some((elements, content_start)),
            (None, _) => {
                if content.is_empty() || *element_indentation.get_or_insert(indentation) != indentation {
                    return None;
                }
                match element {
                    [b'{'] | [b'['] => open_element = Some(content_start),
                    [b'{', .., b'}'] | [b'[', .., b']'] => elements.push(content_start..content_start + element.len()),
                    _ => return None,
                }
                piece(element, open_element.is_none());
            }
            (Some(start), Some(expected)) => {
                if content.is_empty() || indentation < expected {
                    return None;
                }
                if indentation == expected {
                    if !matches!(element, [b'}'] | [b']']) {
                        return None;
                    }
                    elements.push(start..content_start + 1);
                    open_element = None;
                    piece(element, true);
                } else {
                    piece(content, false);
                }
            }
            (Some(_), None) => return None,
        }
        line_start = line_end + 1;
    }
    None
}

/// Where the array of a pretty-printed object's key opens: the `[` of a `"key": [` line.
pub(crate) fn pretty_array_of(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let quoted = format!("\"{key}\"");
    memchr::memmem::find_iter(bytes, quoted.as_bytes()).find_map(|at| {
        // The key starts its line (after the indentation), so it is no string's words.
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |at| at + 1);
        if !bytes[line_start..at].iter().all(|byte| matches!(byte, b' ' | b'\t')) {
            return None;
        }
        let after = at + quoted.len();
        let colon = after + bytes[after..].iter().position(|byte| !matches!(byte, b' ' | b'\t'))?;
        (bytes[colon] == b':').then_some(())?;
        let open = colon + 1 + bytes[colon + 1..].iter().position(|byte| !matches!(byte, b' ' | b'\t'))?;
        (bytes[open] == b'[').then_some(open)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::value::RawValue;
    use serde_json::Value;

    use super::{is_archive_of_logs, lay_out, pretty_array_elements, pretty_array_of, push_on_one_line, walk_pretty_array};

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

    /// Where serde_json finds the elements of `text`, an array or an object's `messages`.
    fn as_json_reads_them(text: &str) -> Vec<std::ops::Range<usize>> {
        #[derive(serde::Deserialize)]
        struct Export<'a> {
            #[serde(borrow)]
            messages: Vec<&'a RawValue>,
        }
        let base = text.as_ptr() as usize;
        let elements: Vec<&RawValue> = serde_json::from_str(text).or_else(|_| serde_json::from_str::<Export>(text).map(|export| export.messages)).unwrap();
        elements.iter().map(|element| element.get().as_ptr() as usize - base).zip(elements.iter().map(|element| element.get().len())).map(|(start, length)| start..start + length).collect()
    }

    #[test]
    fn finds_the_elements_of_arrays_as_pretty_printers_write_them() {
        let arrays = [
            "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": [\n      2\n    ]\n  }\n]",
            "[\n {\n  \"id\": 1,\n  \"text\": \"} ] {\"\n },\n {}\n]\n",
            "[\r\n\t{\"a\": {\"b\": 1}},\r\n\t[1, 2]\r\n]",
        ];
        for text in arrays {
            let (elements, close) = pretty_array_elements(text, 0).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(elements, as_json_reads_them(text), "{text:?}");
            assert_eq!(&text[close..=close], "]");
        }
        let not_pretty = [
            "[{\"a\": 1}, {\"b\": 2}]",
            "[\n  {\n    \"a\": 1\n  },\n    {}\n]",
            "[\n  1,\n  2\n]",
            "[\n  {\n    \"a\": 1\n  },\n",
            "[\n]",
            "[\n  {\n\n  }\n]",
        ];
        for text in not_pretty {
            assert_eq!(pretty_array_elements(text, 0), None, "{text:?}");
        }
        let export = "{\n  \"text\": \"\\\"messages\\\": [\",\n  \"messages\": [\n    {}\n  ]\n}";
        assert_eq!(pretty_array_of(export, "messages").map(|open| &export[open..]), Some("[\n    {}\n  ]\n}"));
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<i64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
            Just(Value::Null),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\"{}\\[\\] ]{1,6}", inner, 0..4).prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever the objects hold (brackets, quotes and escapes in their strings, nesting),
        /// the elements found by their lines are those serde_json reads.
        #[test]
        fn pretty_elements_are_what_serde_json_reads(objects in prop::collection::vec(prop::collection::btree_map("[a-z]{1,4}", json_value(), 0..4), 1..6)) {
            let array = Value::Array(objects.into_iter().map(|map| Value::Object(map.into_iter().collect())).collect());
            let text = format!("{{\n  \"messages\": {}\n}}", serde_json::to_string_pretty(&array).unwrap().replace('\n', "\n  "));
            let open = pretty_array_of(&text, "messages").unwrap();
            let mut walked = Vec::new();
            let (elements, _) = walk_pretty_array(&text, open, |piece, ends_element| {
                walked.extend_from_slice(piece);
                if ends_element {
                    walked.push(b'\n');
                }
            }).unwrap();
            // Laid out in the walk as each element is on one line.
            let mut one_per_line = String::new();
            for element in &elements {
                push_on_one_line(&text[element.clone()], |piece| one_per_line.push_str(piece));
                one_per_line.push('\n');
            }
            prop_assert_eq!(String::from_utf8(walked).unwrap(), one_per_line);
            prop_assert_eq!(elements, as_json_reads_them(&text));
        }
    }
}
