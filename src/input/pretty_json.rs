//! Pretty-printed JSON read by its lines: a JSON string holds no raw line break, so a pretty
//! printer's arrays show their elements by indentation, found without parsing, and any value can
//! be put on one line by removing its line breaks.

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
    let (elements, close) = walk_pretty_array(text, open, |_, _| {})?;
    Some((elements, close?))
}

/// The elements of such an array in a text that ends inside it (a head of a bigger file), found
/// as [`pretty_array_elements`] finds them: those that end in the text. `None` when the array
/// closes in the text, or is not written so.
pub(crate) fn pretty_array_elements_so_far(text: &str, open: usize) -> Option<Vec<std::ops::Range<usize>>> {
    match walk_pretty_array(text, open, |_, _| {})? {
        (elements, None) => Some(elements),
        (_, Some(_)) => None,
    }
}

/// [`pretty_array_elements`], handing each element to `piece` as it passes it, a line at a time:
/// each line without its indentation and line break (the last without the comma after the
/// element), and whether it ends the element. Their concatenation is the element on one line,
/// as [`push_on_one_line`] writes it: one pass lays out what would otherwise be read twice. The
/// closing `]` is `None` when the text ends inside the array. On `None` (or no `]` where one is
/// needed), what was handed on is the caller's to drop.
pub(super) fn walk_pretty_array(text: &str, open: usize, mut piece: impl FnMut(&[u8], bool)) -> Option<(Vec<std::ops::Range<usize>>, Option<usize>)> {
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
            (None, Some(expected)) if content.first() == Some(&b']') && indentation < expected => return Some((elements, Some(content_start))),
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
    // The text ends inside the array: a head of a bigger file.
    Some((elements, None))
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

    use super::{pretty_array_elements, pretty_array_elements_so_far, pretty_array_of, push_on_one_line, walk_pretty_array};

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
            // A head of it, cut where a line ends inside the array, holds the elements ending in it.
            for cut in text.match_indices('\n').map(|(at, _)| at + 1).filter(|cut| *cut <= close) {
                let so_far: Vec<_> = elements.iter().filter(|element| element.end <= cut).cloned().collect();
                assert_eq!(pretty_array_elements_so_far(&text[..cut], 0), Some(so_far), "{text:?} cut at {cut}");
            }
            assert_eq!(pretty_array_elements_so_far(text, 0), None, "closed in the text");
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
