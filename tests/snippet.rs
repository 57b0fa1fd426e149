//! Snippets shared in the URL fragment: a range round-trips with its numbers, format and name;
//! too big a range is refused with the limit; a crafted fragment is refused, not trusted.

use scrollback::model::Format;
use scrollback::parse::parse;
use scrollback::snippet::{Snippet, TooBig, MAX_LINES, PREFIX};

const LOG: &str = "29-06-2016 15:12 avsm Mirage 3! Over to yomimono\n29-06-2016 15:13 yomimono thanks avsm\n29-06-2016 15:14 hannes +1\n29-06-2016 15:15 mato let's go\n";

#[test]
fn a_range_round_trips_through_the_fragment() {
    let log = parse(LOG.as_bytes(), None);
    let cases = [(2, 3, 2, "29-06-2016 15:13 yomimono thanks avsm\n29-06-2016 15:14 hannes +1"), (4, 9, 4, "29-06-2016 15:15 mato let's go"), (0, 1, 1, "29-06-2016 15:12 avsm Mirage 3! Over to yomimono")];
    for (first, last, first_line, text) in cases {
        let snippet = Snippet::of(&log, "mirage call.txt", first, last);
        assert_eq!((snippet.first_line, snippet.text.as_str()), (first_line, text), "lines {first}–{last}");
        let fragment = snippet.encode().expect("small enough");
        assert!(fragment.starts_with(PREFIX) && fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"#=-_".contains(&b)), "URL-safe: {fragment}");
        let back = Snippet::decode(&fragment).expect("decodes");
        assert_eq!(back, snippet);
        assert_eq!(back.format, Format::MirageMeeting);
    }
}

#[test]
fn too_big_a_range_is_refused_with_its_limit() {
    let many: String = (0..MAX_LINES + 1).map(|i| format!("[10:00] <a> line {i}\n")).collect();
    let log = parse(many.as_bytes(), None);
    let refused = Snippet::of(&log, "big.log", 1, MAX_LINES + 1).encode().unwrap_err();
    assert_eq!(refused, TooBig::Lines(MAX_LINES + 1));
    assert!(refused.to_string().contains("up to 500"), "{refused}");
    // Incompressible text hits the length limit before the line limit.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut random = move || {
        // xorshift64: incompressible enough for a test.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let noisy: String = (0..490).map(|_| format!("[10:00] <a> {:016x}{:016x}{:016x}{:016x}\n", random(), random(), random(), random())).collect();
    let log = parse(noisy.as_bytes(), None);
    let encoded = Snippet::of(&log, "noisy.log", 1, 490).encode();
    assert!(matches!(encoded, Err(TooBig::Fragment(_))), "{:?}", encoded.map(|fragment| fragment.len()));
    assert!(Snippet::of(&log, "noisy.log", 1, 40).encode().is_ok());
}

#[test]
fn crafted_fragments_are_refused() {
    let bomb = {
        use std::io::Write;
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(b"1\nbracket-irc\n1\nx\n").unwrap();
        encoder.write_all(&vec![b'a'; 5_000_000]).unwrap();
        use base64::Engine;
        format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(encoder.finish().unwrap()))
    };
    for fragment in ["#L12", "#snippet=", "#snippet=!!!", "#snippet=AAAA", bomb.as_str()] {
        assert!(Snippet::decode(fragment).is_none(), "refused: {:.40}", fragment);
    }
}
