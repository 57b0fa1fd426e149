//! `?src=`: which addresses the viewer will fetch a log from. Only `http:`, `https:` and
//! relative URLs: never `javascript:`, `data:`, `file:` or any other scheme.

/// Why an address is refused, in words for the page.
pub fn check_source(src: &str) -> Result<(), String> {
    let src = src.trim();
    if src.is_empty() {
        return Err("?src= is empty: give the address of a log file".to_owned());
    }
    match scheme(src) {
        None => Ok(()),
        Some(scheme) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => Ok(()),
        Some(scheme) => Err(format!("?src= must be an http, https or relative address, not a {scheme}: one")),
    }
}

/// The URL's scheme, if it has one: letters, then letters, digits, `+`, `-` or `.`, then `:`.
fn scheme(src: &str) -> Option<&str> {
    let colon = src.find(':')?;
    let candidate = &src[..colon];
    let mut bytes = candidate.bytes();
    let starts_with_letter = bytes.next().is_some_and(|byte| byte.is_ascii_alphabetic());
    let rest_is_scheme = bytes.all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.'));
    // A colon after a `/`, `?` or `#` belongs to a path or query: `logs/a:b.txt` is relative.
    (starts_with_letter && rest_is_scheme).then_some(candidate)
}

/// The name to show for a fetched log: the last path segment, without query or fragment.
pub fn file_name_of(src: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or(path);
    if name.is_empty() { src.to_owned() } else { name.to_owned() }
}

/// The element a static export (`scrollback html`) keeps its log's text in, so that the viewer
/// pointed at the page (`?src=page.html`) opens the log itself, not its markup.
const EMBED_OPEN: &str = "<textarea hidden readonly id=\"scrollback-source\" data-file-name=\"";
const EMBED_CLOSE: &str = "</textarea>";

/// The log's text as the static export embeds it. A textarea's content ends only at
/// `</textarea`, and escaping `&` and `<` keeps even that out.
pub fn embed_source(file_name: &str, text: &str) -> String {
    format!("{EMBED_OPEN}{}\">{}{EMBED_CLOSE}", escape_html(file_name, true), escape_html(text, false))
}

/// The file name and text a static export embeds, if `page` is one.
pub fn embedded_source(page: &[u8]) -> Option<(String, String)> {
    let at = memchr::memmem::find(page, EMBED_OPEN.as_bytes())? + EMBED_OPEN.len();
    let rest = std::str::from_utf8(&page[at..]).ok()?;
    let (name, rest) = rest.split_once("\">")?;
    let end = rest.rfind(EMBED_CLOSE)?;
    Some((unescape(name), unescape(&rest[..end])))
}

/// `text` for HTML: `&`, `<` and `>` as entities, and `"` too inside an attribute.
pub fn escape_html(text: &str, in_attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' if in_attribute => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    escaped
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_web_and_relative_addresses() {
        let cases = [
            ("https://example.org/logs/29-06-2016", true),
            ("HTTP://example.org/x.log", true),
            ("//example.org/x.log", true),
            ("logs/2016/meeting.txt", true),
            ("/logs/meeting.txt", true),
            ("logs/a:b.txt", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            (" javascript:alert(1)", false),
            ("data:text/plain,hello", false),
            ("vbscript:msgbox", false),
            ("file:///etc/passwd", false),
            ("", false),
        ];
        for (src, allowed) in cases {
            assert_eq!(check_source(src).is_ok(), allowed, "{src:?}: {:?}", check_source(src));
        }
    }

    #[test]
    fn names_a_fetched_file() {
        for (src, name) in [("https://h/logs/29-06-2016?raw=1#L3", "29-06-2016"), ("meeting.log", "meeting.log"), ("https://h/", "h")] {
            assert_eq!(file_name_of(src), name);
        }
    }
}
