//! What the structured readers share: an HTML fragment tokenized (html5gum) into tags and decoded
//! text, HTML reduced to plain text plus link addresses, ISO moments, and placing a decoded nick
//! and body into a line: as spans where the source has them verbatim, else as `Shown` text.

use std::ops::Range;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use html5gum::{Token, Tokenizer};

use super::time::{clock, year_month_day};
use crate::parse::Context;

/// An HTML start tag: its lower-case name and attributes, values decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attribute("class").is_some_and(|classes| classes.split_ascii_whitespace().any(|each| each == class))
    }
}

/// One token of an HTML fragment. Comments, doctypes and tokenizer errors are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Open(Tag),
    Close(String),
    Text(String),
}

/// Tokenizes one line of HTML. Entities are decoded; nothing is interpreted.
pub(crate) fn pieces(fragment: &str) -> Vec<Piece> {
    let lossy = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut pieces: Vec<Piece> = Vec::new();
    for token in Tokenizer::new(fragment).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                let attributes = tag.attributes.iter().map(|(key, value)| (lossy(key).to_ascii_lowercase(), lossy(&value.value))).collect();
                pieces.push(Piece::Open(Tag { name: name.clone(), attributes }));
                if tag.self_closing {
                    pieces.push(Piece::Close(name));
                }
            }
            Token::EndTag(tag) => pieces.push(Piece::Close(lossy(&tag.name).to_ascii_lowercase())),
            Token::String(text) => match pieces.last_mut() {
                Some(Piece::Text(before)) => before.push_str(&lossy(&text.value)),
                _ => pieces.push(Piece::Text(lossy(&text.value))),
            },
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    pieces
}

/// Elements after which the text goes on on a new line.
const BLOCKS: [&str; 10] = ["br", "p", "div", "li", "tr", "pre", "blockquote", "h1", "h2", "h3"];

/// The text of `pieces` as a person reads it: text kept, a line break for `<br>` and block ends,
/// and a link's address after its text when the text does not show it. No markup survives;
/// only `text::pieces` later makes links, by its own rules.
pub(crate) fn text_of(pieces: &[Piece]) -> String {
    let mut text = String::new();
    let mut link: Option<(String, usize)> = None;
    for piece in pieces {
        match piece {
            Piece::Text(words) => text.push_str(words),
            Piece::Open(tag) if tag.name == "a" => link = tag.attribute("href").map(|href| (href.trim().to_owned(), text.len())),
            Piece::Open(tag) if tag.name == "br" => text.push('\n'),
            Piece::Open(_) => {}
            Piece::Close(name) if name == "a" => {
                if let Some((href, start)) = link.take() {
                    let shows_address = text.get(start..).is_some_and(|shown| shown.contains(href.as_str()) || href.starts_with('#'));
                    if !href.is_empty() && !shows_address {
                        text.push_str(" <");
                        text.push_str(&href);
                        text.push('>');
                    }
                }
            }
            Piece::Close(name) if name != "br" && BLOCKS.contains(&name.as_str()) && !text.ends_with('\n') => text.push('\n'),
            Piece::Close(_) => {}
        }
    }
    text.trim().to_owned()
}

/// An HTML body reduced to text (see [`text_of`]).
pub(crate) fn html_text(fragment: &str) -> String {
    text_of(&pieces(fragment))
}

/// `2021-03-03T12:20:24Z`, `2011-12-09T01:13:43-08:00`, `2016-06-17 22:41:17`: the local date
/// and time as written (the zone is not applied).
pub(crate) fn iso_moment(text: &str) -> Option<(NaiveDate, NaiveTime)> {
    let bytes = text.as_bytes();
    let date = year_month_day(bytes)?;
    if !matches!(bytes.get(10), Some(b'T' | b' ')) {
        return None;
    }
    let (time, _) = clock(bytes.get(11..)?)?;
    Some((date, time))
}

/// Unix milliseconds as a UTC moment.
pub(crate) fn epoch_millis(millis: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_millis(millis).map(|moment| moment.naive_utc())
}

/// Where a decoded nick and body go: ranges of `line` where the line holds them verbatim (so
/// search and the source agree), otherwise the text is kept in `context.shown` and the range is
/// empty. Returns the nick's and the body's range.
pub(crate) fn place(line: &str, nick: Option<&str>, body: &str, context: &mut Context) -> (Option<Range<usize>>, Range<usize>) {
    place_pieces(line, nick, body, context, true)
}

/// [`place`] for pieces a reader borrowed from the line or built itself (a JSON export's: a
/// string with an escape, text with its extras): a borrowed piece is its span of the line, any
/// other is shown text, never looked for, since the line does not hold it as written.
pub(crate) fn place_borrowed(line: &str, nick: Option<&str>, body: &str, context: &mut Context) -> (Option<Range<usize>>, Range<usize>) {
    place_pieces(line, nick, body, context, false)
}

fn place_pieces(line: &str, nick: Option<&str>, body: &str, context: &mut Context, search: bool) -> (Option<Range<usize>>, Range<usize>) {
    let (mut shown_nick, mut shown_body) = (None, None);
    // A piece borrowed from the line is where it is; any other is looked for (memchr's memmem:
    // a big export looks for a message's text in every line).
    let find = |piece: &str| within(line, piece).map(|range| range.start).or_else(|| search.then(|| memchr::memmem::find(line.as_bytes(), piece.as_bytes())).flatten());
    let rfind = |piece: &str| within(line, piece).map(|range| range.start).or_else(|| search.then(|| memchr::memmem::rfind(line.as_bytes(), piece.as_bytes())).flatten());
    let nick_range = nick.map(|nick| match find(nick).filter(|_| !nick.is_empty()) {
        Some(start) => start..start + nick.len(),
        None => {
            shown_nick = Some(nick);
            0..0
        }
    });
    let body_range = if body.is_empty() {
        line.len()..line.len()
    } else {
        match rfind(body) {
            Some(start) => start..start + body.len(),
            None => {
                shown_body = Some(body);
                line.len()..line.len()
            }
        }
    };
    if shown_nick.is_some() || shown_body.is_some() {
        context.shown = Some(context.shown_table.spans(shown_nick, shown_body));
    }
    (nick_range, body_range)
}

/// Where `piece` is in `line` when it is a slice of it (borrowed, not a copy).
pub(crate) fn within(line: &str, piece: &str) -> Option<Range<usize>> {
    let start = (piece.as_ptr() as usize).checked_sub(line.as_ptr() as usize)?;
    (start + piece.len() <= line.len()).then(|| start..start + piece.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_html_to_text_and_link_addresses() {
        let cases = [
            ("<p>a &amp; b</p>\n", "a & b"),
            ("multiline<br/>message<br/>", "multiline\nmessage"),
            ("<a href=\"https://x.org/\">https://x.org/</a>", "https://x.org/"),
            ("<a href=\"https://x.org/\">here</a>", "here <https://x.org/>"),
            ("<script>alert(1)</script>", "alert(1)"),
            ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
            ("<p>one</p><p>two</p>", "one\ntwo"),
            ("<img src=x onerror=alert(1)>", ""),
        ];
        for (html, text) in cases {
            assert_eq!(html_text(html), text, "{html}");
        }
    }

    #[test]
    fn reads_iso_moments() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let hms = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        assert_eq!(iso_moment("2021-03-03T12:20:24Z"), Some((ymd(2021, 3, 3), hms(12, 20, 24))));
        assert_eq!(iso_moment("2011-12-09T01:13:43-08:00"), Some((ymd(2011, 12, 9), hms(1, 13, 43))));
        assert_eq!(iso_moment("2011-12-09"), None);
        assert_eq!(iso_moment("not a date"), None);
    }
}
