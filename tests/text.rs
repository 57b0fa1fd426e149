//! Message text pieces: which links are made (http, https and mailto only), mentions, and nicks with hidden characters.

use scrollback::colour::colour_index;
use scrollback::text::{pieces, visible_nick, Piece};

/// The pieces of `text` as short strings: `text|…`, `link|href|…`, `mention|…`.
fn describe(text: &str, nicks: &[&str]) -> Vec<String> {
    pieces(text, |word| nicks.iter().any(|nick| nick.eq_ignore_ascii_case(word)))
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(range) => format!("text|{}", &text[range]),
            Piece::Link { range, href } => format!("link|{href}|{}", &text[range]),
            Piece::Mention(range) => format!("mention|{}", &text[range]),
        })
        .collect()
}

#[test]
fn only_http_https_and_mailto_become_links() {
    let cases: &[(&str, &[&str])] = &[
        ("see https://mirage.io/blog for more", &["text|see ", "link|https://mirage.io/blog|https://mirage.io/blog", "text| for more"]),
        ("(http://example.org/a_(b))", &["text|(", "link|http://example.org/a_(b)|http://example.org/a_(b)", "text|)"]),
        ("HTTPS://EXAMPLE.ORG", &["link|HTTPS://EXAMPLE.ORG|HTTPS://EXAMPLE.ORG"]),
        ("mail avsm@example.org please", &["text|mail ", "link|mailto:avsm@example.org|avsm@example.org", "text| please"]),
        ("javascript:alert(1)", &["text|javascript:alert(1)"]),
        ("click javascript://%0aalert(1)", &["text|click javascript://%0aalert(1)"]),
        ("data:text/html;base64,PHNjcmlwdD4=", &["text|data:text/html;base64,PHNjcmlwdD4="]),
        ("vbscript:msgbox(1)", &["text|vbscript:msgbox(1)"]),
        ("file:///etc/passwd", &["text|file:///etc/passwd"]),
        ("ftp://example.org/x", &["text|ftp://example.org/x"]),
        ("www.example.org has no scheme", &["text|www.example.org has no scheme"]),
        ("<a href=\"javascript:x\">x</a>", &["text|<a href=\"javascript:x\">x</a>"]),
    ];
    for (text, expected) in cases {
        assert_eq!(describe(text, &[]), *expected, "pieces of {text:?}");
    }
}

#[test]
fn known_nicks_are_mentions() {
    let nicks = ["avsm", "yomimono", "mort"];
    let cases: &[(&str, &[&str])] = &[
        ("avsm: looks good", &["mention|avsm", "text|: looks good"]),
        ("+1 yomimono", &["text|+1 ", "mention|yomimono"]),
        ("thanks AVSM!", &["text|thanks ", "mention|AVSM", "text|!"]),
        ("mortal danger", &["text|mortal danger"]),
        ("ask mort, he knows", &["text|ask ", "mention|mort", "text|, he knows"]),
        ("see https://avsm.example.org/ avsm", &["text|see ", "link|https://avsm.example.org/|https://avsm.example.org/", "text| ", "mention|avsm"]),
        ("nobody here", &["text|nobody here"]),
        ("", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(describe(text, &nicks), *expected, "pieces of {text:?}");
    }
}

#[test]
fn hidden_characters_in_a_nick_are_shown_and_coloured_apart() {
    let cases = [
        ("avsm", "avsm"),
        ("avsm\u{200B}", "avsm⟨U+200B⟩"),
        ("\u{202E}msva", "⟨U+202E⟩msva"),
        ("a\u{2066}b\u{2069}", "a⟨U+2066⟩b⟨U+2069⟩"),
        ("av\u{00AD}sm", "av⟨U+00AD⟩sm"),
        ("ж\u{FEFF}", "ж⟨U+FEFF⟩"),
    ];
    for (nick, shown) in cases {
        assert_eq!(visible_nick(nick), shown, "visible form of {nick:?}");
    }
    for imitation in ["avsm\u{200B}", "av\u{200D}sm", "\u{2060}avsm", "avsm\u{00AD}"] {
        assert_ne!(colour_index(imitation), colour_index("avsm"), "{imitation:?} must not wear avsm's colour");
    }
}
