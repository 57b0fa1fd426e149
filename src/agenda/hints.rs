//! A cheap first look at a message for the cue reader: one scan of its word starts says whether
//! it may hold a chairing cue at all (most lines hold none) and which of the words that move on
//! wherever they sit it has.

/// What a line may hold, from one cheap scan of its word starts: most lines hold no cue.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Hints {
    /// A word starts like a cue, a closing question or a meeting word.
    pub(super) any: bool,
    /// Which words of phrases that move on wherever they sit occur: one bit per [`ANCHORS`] entry.
    pub(super) anywhere: u8,
}

/// A word's first four bytes, lower-cased, as one number: a word start is compared in one step.
pub(super) const fn prefix(word: &[u8; 4]) -> u32 {
    u32::from_le_bytes(*word)
}

pub(super) const ONTO: u32 = prefix(b"onto");
pub(super) const ON_TO: u32 = prefix(b"on t");
pub(super) const OVER: u32 = prefix(b"over");
pub(super) const OTHER: u32 = prefix(b"othe");
pub(super) const ITEM: u32 = prefix(b"item");
pub(super) const START: u32 = prefix(b"star");
pub(super) const BEGIN: u32 = prefix(b"begi");
pub(super) const BACK: u32 = prefix(b"back");
pub(super) const IN_T: u32 = prefix(b"in t");
pub(super) const IN_A: u32 = prefix(b"in a");
pub(super) const WE_RE: u32 = prefix(b"we'r");
pub(super) const AGENDA: u32 = prefix(b"agen");
pub(super) const MEETING: u32 = prefix(b"meet");
pub(super) const ALL: u32 = prefix(b"all ");
pub(super) const ANY: u32 = prefix(b"any ");
pub(super) const WHAT: u32 = prefix(b"what");
pub(super) const MOVING: u32 = prefix(b"movi");
pub(super) const MOVE: u32 = prefix(b"move");
pub(super) const NEXT: u32 = prefix(b"next");
pub(super) const FIRST: u32 = prefix(b"firs");
pub(super) const LAST: u32 = prefix(b"last");
pub(super) const TOPIC: u32 = prefix(b"topi");
pub(super) const AOB: u32 = prefix(b"aob\0") & 0x00ff_ffff;

/// Where `bytes` holds a space, found eight bytes at a time: most bytes of a line are not spaces,
/// and a byte-by-byte loop over every line of a big log is the analysis's largest cost.
pub(super) fn space_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    bytes.chunks(8).enumerate().flat_map(|(chunk_index, chunk)| {
        let mut word = [b'x'; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let zeroed = u64::from_le_bytes(word) ^ SPACES;
        // 0x80 in each byte that was a space, exactly (no borrow between bytes).
        let mut marks = !(((zeroed & LOW7).wrapping_add(LOW7)) | zeroed | LOW7);
        std::iter::from_fn(move || {
            (marks != 0).then(|| {
                let at = marks.trailing_zeros() as usize / 8;
                marks &= marks - 1;
                chunk_index * 8 + at
            })
        })
    })
}

/// The first two letters (lower case) of every word that may start a cue.
const CUE_PAIRS: [&[u8; 2]; 20] = [b"mo", b"ne", b"fi", b"la", b"an", b"al", b"wh", b"we", b"ag", b"me", b"on", b"ov", b"ot", b"it", b"in", b"st", b"be", b"ba", b"to", b"ao"];

/// [`CUE_PAIRS`] as bits: entry `first - 'a'` has bit `second - 'a'`.
const CUE_PAIR_BITS: [u32; 26] = {
    let mut bits = [0u32; 26];
    let mut index = 0;
    while index < CUE_PAIRS.len() {
        let [first, second] = *CUE_PAIRS[index];
        bits[(first - b'a') as usize] |= 1 << (second - b'a');
        index += 1;
    }
    bits
};

/// The first words of the phrases that move on wherever they sit, in the bit order of [`Hints::anywhere`].
pub(super) const ANCHORS: [&str; 5] = ["mov", "next", "first", "last", "any other"];

/// `needs_meeting_words`: whether the log has yet to name its agenda or meeting.
pub(super) fn hints(body: &str, needs_meeting_words: bool) -> Hints {
    let bytes = body.as_bytes();
    let has_question = memchr::memchr(b'?', bytes).is_some();
    let mut hints = Hints::default();
    // Words start at the line's start and after spaces, past up to two marks: "(next", "`avsm`".
    for start in std::iter::once(0).chain(space_positions(bytes).map(|space| space + 1)) {
        let mut index = start;
        for _ in 0..2 {
            if bytes.get(index).is_some_and(|byte| !byte.is_ascii_alphanumeric() && *byte != b' ') {
                index += 1;
            }
        }
        let Some(&byte) = bytes.get(index) else { continue };
        if byte.is_ascii_digit() {
            // "3) …", "4. …", "2b) …": a numbered item, not "5.0".
            let end = bytes[index..].iter().position(|byte| !byte.is_ascii_digit() && *byte != b'/').map_or(bytes.len(), |end| index + end);
            let after = bytes.get(end..).unwrap_or(&[]);
            let after = if after.first().is_some_and(u8::is_ascii_lowercase) { &after[1..] } else { after };
            hints.any |= after.starts_with(b") ") || after.starts_with(b". ");
            continue;
        }
        // Only words starting with one of [`CUE_PAIRS`] can start a cue: most words are skipped
        // at once, by one bit of a table.
        let pair = [byte | 0x20, bytes.get(index + 1).map_or(b' ', |next| next | 0x20)];
        if !(pair[0].is_ascii_lowercase() && pair[1].is_ascii_lowercase() && CUE_PAIR_BITS[usize::from(pair[0] - b'a')] & 1 << (pair[1] - b'a') != 0) {
            continue;
        }
        let mut four = [b' '; 4];
        for (slot, next) in four.iter_mut().zip(&bytes[index..]) {
            *slot = next.to_ascii_lowercase();
        }
        let word = u32::from_le_bytes(four);
        let rest = &bytes[index..];
        let followed_by = |phrase: &str| rest.get(..phrase.len()).is_some_and(|head| head.eq_ignore_ascii_case(phrase.as_bytes()));
        match word {
            MOVING | MOVE => hints.anywhere |= 1,
            NEXT => hints.anywhere |= 2,
            FIRST => hints.anywhere |= 4,
            LAST => hints.anywhere |= 8,
            ANY if followed_by("any other") => hints.anywhere |= 16,
            ANY | WHAT | ALL => hints.any |= has_question,
            ONTO | ITEM | START | BEGIN | WE_RE => hints.any = true,
            // Four bytes are not enough here: "on the", "in the", "in a", "over there".
            ON_TO => hints.any |= followed_by("on to "),
            OVER => hints.any |= followed_by("over to "),
            OTHER => hints.any |= followed_by("other items"),
            BACK => hints.any |= followed_by("back to "),
            IN_T => hints.any |= followed_by("in terms"),
            IN_A => hints.any |= followed_by("in aob"),
            // "that's the end of our agenda" and "that concludes the agenda" name it.
            AGENDA => hints.any = true,
            MEETING => hints.any |= needs_meeting_words,
            TOPIC => hints.any = true,
            _ => hints.any |= word & 0x00ff_ffff == AOB,
        }
    }
    hints.any |= hints.anywhere != 0;
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pair_table_holds_exactly_the_cue_pairs() {
        for first in b'a'..=b'z' {
            for second in b'a'..=b'z' {
                let in_table = CUE_PAIR_BITS[usize::from(first - b'a')] & 1 << (second - b'a') != 0;
                assert_eq!(in_table, CUE_PAIRS.contains(&&[first, second]), "{}{}", first as char, second as char);
            }
        }
        assert!(hints("ok, Onto Solo5", false).any && hints("(next up: CI", false).anywhere == 2 && !hints("nothing here at all", false).any);
    }

    #[test]
    fn finds_every_space() {
        for text in ["", " ", "a b", "ok, onto Solo5 and  more", "exactly8 bytes!", "tabs\tare not spaces é é", "        x        "] {
            let expected: Vec<usize> = text.bytes().enumerate().filter(|(_, byte)| *byte == b' ').map(|(at, _)| at).collect();
            assert_eq!(space_positions(text.as_bytes()).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
