//! Message text split for display: plain text, safe links (http, https, mailto only) and mentions
//! of known nicks. Pure: the view turns pieces into text nodes and `<a>`s, never into markup.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};

/// One stretch of a message, as a byte range of the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(Range<usize>),
    /// A link the page may make: `href` is `http:`, `https:` or `mailto:`, never anything else.
    Link { range: Range<usize>, href: String },
    /// A word that names a speaker of the log.
    Mention(Range<usize>),
}

/// The schemes a link may have. `javascript:`, `data:`, `vbscript:`, `file:` and the rest stay text.
const SAFE_SCHEMES: [&str; 2] = ["http://", "https://"];

/// The safe href for a URL or e-mail address the finder saw, or `None` to keep it as text.
pub fn safe_href(found: &str, kind: &LinkKind) -> Option<String> {
    match kind {
        LinkKind::Email => Some(format!("mailto:{found}")),
        LinkKind::Url => {
            let lower = found.get(..8).unwrap_or(found).to_ascii_lowercase();
            SAFE_SCHEMES.iter().any(|scheme| lower.starts_with(scheme)).then(|| found.to_owned())
        }
        _ => None,
    }
}

/// Splits `text` into text, links and mentions. `is_nick` says whether a word is someone's nick.
pub fn pieces(text: &str, is_nick: impl Fn(&str) -> bool) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(true);
    let mut done = 0;
    for link in finder.links(text) {
        mentions(text, done..link.start(), &is_nick, &mut pieces);
        let range = link.start()..link.end();
        match safe_href(link.as_str(), link.kind()) {
            Some(href) => pieces.push(Piece::Link { range, href }),
            None => push_text(&mut pieces, range),
        }
        done = link.end();
    }
    mentions(text, done..text.len(), &is_nick, &mut pieces);
    pieces
}

/// Characters that may be part of an IRC nick (RFC 2812 plus `-`), and letters and digits of
/// any script.
fn is_nick_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '[' | ']' | '\\' | '`' | '^' | '{' | '}' | '|');
    }
    is_unicode_alphanumeric(c)
}

/// Whether a character is a letter or a digit: Rust's `char::is_alphanumeric` (Unicode's
/// Alphabetic property, or a number). The page installs the browser's own ([`set_alphanumeric`]):
/// the same property through a regular expression, so that its wasm carries no Unicode tables
/// (1.7 KB of its gzipped size). `tests/wasm.rs` holds the two equal on every code point.
pub type IsAlphanumeric = fn(char) -> bool;

#[cfg(target_arch = "wasm32")]
static ALPHANUMERIC: std::sync::OnceLock<IsAlphanumeric> = std::sync::OnceLock::new();

/// Installs the test a wasm build uses; the first one installed stays.
#[cfg(target_arch = "wasm32")]
pub fn set_alphanumeric(is_alphanumeric: IsAlphanumeric) {
    let _ = ALPHANUMERIC.set(is_alphanumeric);
}

/// Rust's own test: natively, and what `tests/wasm.rs` holds the browser's to.
pub fn rust_alphanumeric(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(not(target_arch = "wasm32"))]
fn is_unicode_alphanumeric(c: char) -> bool {
    rust_alphanumeric(c)
}

/// Without a test installed (a wasm build that never installed one) every character beyond
/// ASCII counts as a letter: a word then ends only at ASCII punctuation or space.
#[cfg(target_arch = "wasm32")]
fn is_unicode_alphanumeric(c: char) -> bool {
    ALPHANUMERIC.get().is_none_or(|is_alphanumeric| is_alphanumeric(c))
}

fn mentions(text: &str, range: Range<usize>, is_nick: &impl Fn(&str) -> bool, pieces: &mut Vec<Piece>) {
    let mut text_start = range.start;
    let mut word_start = None;
    let ends = text[range.clone()].char_indices().map(|(offset, c)| (range.start + offset, Some(c)));
    for (at, c) in ends.chain(std::iter::once((range.end, None))) {
        if c.is_some_and(is_nick_char) {
            word_start.get_or_insert(at);
            continue;
        }
        let Some(start) = word_start.take() else { continue };
        if let Some(end) = mention_end(text, start..at, is_nick) {
            push_text(pieces, text_start..start);
            pieces.push(Piece::Mention(start..end));
            text_start = end;
        }
    }
    push_text(pieces, text_start..range.end);
}

/// Where a word that names a speaker ends, without trailing brackets and dashes, which are more
/// often prose than nick; `None` if it names nobody.
fn mention_end(text: &str, word: Range<usize>, is_nick: &impl Fn(&str) -> bool) -> Option<usize> {
    let trimmed = text[word.clone()].trim_end_matches(['-', ']', '[', '{', '}', '|', '\\', '^']);
    (trimmed.chars().count() >= 2 && is_nick(trimmed)).then_some(word.start + trimmed.len())
}

fn push_text(pieces: &mut Vec<Piece>, range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        if last.end == range.start {
            last.end = range.end;
            return;
        }
    }
    pieces.push(Piece::Text(range));
}

/// Characters that show nothing yet change how a nick reads or sorts: zero-width spaces and
/// joiners, bidi controls, the soft hyphen, fillers, and control codes.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}')
        || c.is_control()
}

/// A nick as the page shows it: each invisible character written out as `⟨U+200B⟩`, so
/// `avsm` and `avsm` with a zero-width space can never look alike.
pub fn visible_nick(nick: &str) -> std::borrow::Cow<'_, str> {
    if !nick.chars().any(is_invisible) {
        return std::borrow::Cow::Borrowed(nick);
    }
    let mut shown = String::with_capacity(nick.len() + 16);
    for c in nick.chars() {
        if is_invisible(c) {
            shown.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}
