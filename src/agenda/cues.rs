//! Reading chairing cues from a line: the words that move a meeting on ("ok, onto Solo5",
//! "Next topic", "AOB"), how strong each is, closing questions and questions about the next topic.

use super::titles::{cut_clause, tidy_title, title_after};
use super::PersonLookup;

/// A chairing cue read from one line, before it is scored.
#[derive(Debug, Clone)]
pub(super) struct Cue {
    pub(super) line: usize,
    pub(super) person: Option<usize>,
    /// 3 for words that move a meeting on ("onto X", "next topic"), 2 for weaker ones ("let's move on").
    pub(super) strength: i32,
    pub(super) title: Option<String>,
    /// The cue says a move is coming but names nothing ("Next topic"): a title may follow.
    pub(super) wants_title: bool,
    pub(super) is_aob: bool,
    /// "3) Solo5": an agenda's numbering.
    pub(super) numbered: bool,
}

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
        // Only words starting with these two letters can start a cue: most words are skipped at once.
        let pair = [byte | 0x20, bytes.get(index + 1).map_or(b' ', |next| next | 0x20)];
        if !matches!(
            &pair,
            b"mo" | b"ne" | b"fi" | b"la" | b"an" | b"al" | b"wh" | b"we" | b"ag" | b"me" | b"on" | b"ov" | b"ot" | b"it" | b"in" | b"st" | b"be" | b"ba" | b"to" | b"ao"
        ) {
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

/// "anything else for Mirage 3?", "anything more on this?", "any more questions?".
pub(super) fn is_closing_question(lower: &str) -> bool {
    lower.trim_end().ends_with('?')
        && ["anything else", "anything more", "any more", "anyone else", "any other questions", "any questions", "all for"].iter().any(|phrase| lower.contains(phrase))
}

/// "Objections to moving on?", "any points before we move on to solo5?": a question, not yet a move.
pub(super) fn asks_to_move_on(lower: &str) -> bool {
    let Some(question) = lower.find('?') else { return false };
    let asked = &lower[..question];
    let clause = asked.rfind(['.', '!']).map_or(asked, |at| &asked[at + 1..]);
    (clause.contains("move on") || clause.contains("moving on") || clause.contains("before we")) && !lower[question..].contains('"')
}

/// "what's the next topic?", "what's next on the agenda?".
pub(super) fn asks_next_topic(lower: &str) -> bool {
    lower.contains('?')
        && (lower.contains("next topic") || lower.contains("next item") || lower.contains("next on the agenda"))
        && (lower.contains("what") || lower.contains("which"))
}

/// "Outreachy - both interns passed": a short name, then a dash or colon.
pub(super) fn answered_topic(body: &str) -> Option<String> {
    let (head, _) = [" - ", " – ", " — ", ": "].iter().filter_map(|dash| body.split_once(dash)).min_by_key(|(head, _)| head.len())?;
    let words = head.split_whitespace().count();
    let first = head.chars().next()?;
    ((1..=4).contains(&words) && (first.is_uppercase() || first.is_ascii_digit())).then(|| tidy_title(head)).filter(|title| !title.is_empty())
}

/// Filler words a chair starts a move with: "ok, so, right, …". Sorted, for a binary search.
pub(super) const FILLERS: &[&str] = &[
    "ah", "all", "allright", "alright", "and", "awesome", "cool", "everyone", "excellent", "fine", "folks", "good", "great", "hearing", "if", "k", "lovely", "nice", "not", "nothing", "now", "oh", "ok", "okay", "perfect", "right", "segue", "so", "super", "sure", "thank", "thanks", "then", "well", "yep", "yes", "you",
];

/// Reads a chairing cue from a spoken line. `lower` is `body` in ASCII lower case, so byte offsets agree.
pub(super) fn read_cue(body: &str, lower: &str, people: &PersonLookup, anywhere: u8) -> Option<Cue> {
    let cue = |strength: i32, title: Option<String>, wants_title: bool| Cue { line: 0, person: None, strength, title, wants_title, is_aob: false, numbered: false };
    // Each clause start: the line's start, and after ". ", "! ", "? ".
    for clause in clause_starts(lower) {
        let at = skip_addressees_and_fillers(body, lower, clause, people);
        let text = &lower[at..];
        // "AOB", "any other business".
        if ["aob", "in aob", "any other business", "any other topics", "other items?", "we're out of agenda items", "that's the end of our agenda", "that concludes the agenda"]
            .iter()
            .any(|phrase| text.starts_with(phrase))
        {
            return Some(Cue { is_aob: true, ..cue(3, Some("AOB".to_owned()), false) });
        }
        // "item 3: Solo5".
        if let Some(rest) = text.strip_prefix("item ") {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && rest[digits..].starts_with([':', '.', ')']) {
                let title_at = at + "item ".len() + digits + 1;
                return Some(cue(3, title_after(body, lower, title_at, people), false));
            }
        }
        // "3) 2.2.0 Development Status", "4. Congestion Throttling", "10/11) ns/dns": an agenda's
        // numbering, weak on its own (people number their own points too), so the chair's.
        let digits = text.bytes().take_while(|byte| byte.is_ascii_digit() || *byte == b'/').count();
        if digits > 0 && digits <= 5 && text.as_bytes()[0].is_ascii_digit() {
            let after = &text[digits..];
            let letter = usize::from(after.as_bytes().first().is_some_and(u8::is_ascii_lowercase) && after.as_bytes().get(1) == Some(&b')'));
            let rest_of_line = &after[letter..];
            // "1. yes, 2. yes" is a list of answers, not an agenda item.
            let lists_more = rest_of_line.get(2..).is_some_and(|tail| {
                tail.as_bytes().windows(3).any(|window| window[0].is_ascii_digit() && matches!(window[1], b'.' | b')') && window[2] == b' ')
            });
            if !lists_more && (rest_of_line.starts_with(") ") || rest_of_line.starts_with(". ")) {
                let title_at = at + digits + letter + 2;
                let title = title_after(body, lower, title_at, people).filter(|title| title.chars().any(char::is_alphabetic));
                return Some(Cue { numbered: true, ..cue(2, title, false) });
            }
        }
        // The scribe's "Topic: Quick IGF 2014 Review".
        if let Some(rest) = text.strip_prefix("topic: ") {
            let title = tidy_title(cut_clause(&body[at + "topic: ".len()..at + "topic: ".len() + rest.len()]));
            return Some(cue(3, (!title.is_empty()).then_some(title), false));
        }
        // "onto Solo5", "on to the hackathon".
        for prefix in ["onto ", "onto:", "on to ", "next, onto ", "next onto ", "next, on to ", "now onto ", "next: ", "next:", "next, ", "next is "] {
            if text.starts_with(prefix) {
                return Some(titled_move(body, lower, at + prefix.len(), 3, people));
            }
        }
        // "back to discuss.ocaml.org", "in terms of release schedules, …": weaker.
        if let Some(object) = text.strip_prefix("back to ") {
            let names_person = object.starts_with("you") || object.split_whitespace().next().is_some_and(|word| people.person_named(word).is_some());
            if !names_person {
                return Some(titled_move(body, lower, at + "back to ".len(), 3, people));
            }
        }
        if text.starts_with("in terms of ") {
            return Some(titled_move(body, lower, at + "in terms of ".len(), 2, people));
        }
        // "let's start with X".
        for prefix in ["i'll start us off ", "let's start with ", "let's start with:", "lets start with ", "lets start with:", "let's begin with ", "starting with ", "first up: ", "first up, ", "first up "] {
            if text.starts_with(prefix) {
                return Some(titled_move(body, lower, at + prefix.len(), 3, people));
            }
        }
        // "over to the hackathon update!", "Mirage 3! Over to our release manager, hannes".
        if text.starts_with("over to ") {
            let object_at = at + "over to ".len();
            let object = &body[object_at..];
            let names_person = object.split_whitespace().take(6).any(|word| people.person_named(word).is_some())
                || ["you", "our ", "my ", "the floor", "him", "her", "them"].iter().any(|start| object.to_ascii_lowercase().starts_with(start));
            if !names_person {
                return Some(titled_move(body, lower, object_at, 3, people));
            }
            let title = previous_sentence(body, clause).map(tidy_title).filter(|title| !title.is_empty() && !is_filler_sentence(title));
            return Some(cue(if title.is_some() { 3 } else { 2 }, title, false));
        }
    }
    if anywhere == 0 {
        return None;
    }
    // Words that move on wherever they sit in the line.
    for (phrase, strength) in [
        ("moving onto", 3),
        ("moving on to ", 3),
        ("move onto", 3),
        ("move on to ", 3),
        ("moving on", 2),
        ("move on", 2),
        ("next topic", 3),
        ("next big topic", 3),
        ("next item", 3),
        ("next point", 3),
        ("next up", 3),
        ("first item", 3),
        ("first agenda item", 3),
        ("first topic", 3),
        ("first thing we have", 3),
        ("first up", 3),
        ("first on the agenda", 3),
        ("last item", 3),
        ("next on the agenda", 3),
        ("any other business", 3),
    ] {
        let anchor = ANCHORS.iter().position(|anchor| phrase.starts_with(anchor)).map_or(u8::MAX, |bit| 1 << bit);
        if anywhere & anchor == 0 {
            continue;
        }
        let Some(found) = find_word(lower, phrase) else { continue };
        // "moving onto..." but not "moving ontology".
        if lower.as_bytes().get(found + phrase.len()).is_some_and(u8::is_ascii_alphanumeric) && !phrase.ends_with(' ') && phrase.ends_with("onto") {
            continue;
        }
        let rest_at = found + phrase.len();
        // Mid-sentence ("then move onto the rest") is weaker than a clause's start.
        let lead_in = lower[..found].trim_end();
        let at_clause_start = clause_starts(lower).into_iter().any(|clause| skip_addressees_and_fillers(body, lower, clause, people) == found)
            || ["let's", "lets", "let us", "we'll", "we will", "we can", "time to", "so", "now", ","].iter().any(|lead| lead_in.ends_with(lead));
        let strength = if at_clause_start || phrase.contains("topic") || phrase.contains("item") { strength } else { strength - 1 };
        if phrase == "any other business" {
            return Some(Cue { is_aob: true, ..cue(3, Some("AOB".to_owned()), false) });
        }
        if phrase == "moving on" || phrase == "move on" {
            // "moving on: X" and "moving on— X" name it; "let's move on..." does not.
            let rest = &lower[rest_at..];
            let named = [": ", "— ", "—", " - ", " -- ", ", to "].iter().find(|mark| rest.starts_with(**mark));
            return Some(match named {
                Some(mark) => titled_move(body, lower, rest_at + mark.len(), strength + 1, people),
                None => cue(strength, None, true),
            });
        }
        // "…more to say on migration docs, our next item?" names it before.
        let before = &lower[..found];
        let rest_is_empty = lower[rest_at..].trim_start_matches(|c: char| c.is_whitespace() || "?.!".contains(c)).is_empty();
        if rest_is_empty && (before.ends_with(", our ") || before.ends_with(" is our ")) {
            let clause = &body[..before.rfind(',').or_else(|| before.rfind(" is ")).unwrap_or(0)];
            let from = [" on ", " about ", ", "].iter().filter_map(|mark| clause.rfind(mark).map(|at| at + mark.len())).max().unwrap_or(0);
            let title = tidy_title(&clause[from..]);
            if !title.is_empty() && title.split_whitespace().count() <= 5 {
                return Some(cue(3, Some(title), false));
            }
        }
        // A question about the next item is not a move.
        if lower[rest_at..].trim_start().starts_with('?') || before.contains("what") {
            return None;
        }
        return Some(titled_move(body, lower, rest_at, strength, people));
    }
    None
}

/// A move whose title follows at `title_at`; without a title it is weaker and waits for one.
pub(super) fn titled_move(body: &str, lower: &str, title_at: usize, strength: i32, people: &PersonLookup) -> Cue {
    let title = title_after(body, lower, title_at, people);
    let wants_title = title.is_none();
    Cue { line: 0, person: None, strength, title, wants_title, is_aob: false, numbered: false }
}

/// Byte offsets where clauses start: 0 and after sentence ends.
pub(super) fn clause_starts(lower: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = lower.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        if matches!(byte, b'.' | b'!' | b'?') && bytes.get(index + 1) == Some(&b' ') && starts.len() < 4 {
            starts.push(index + 2);
        }
    }
    starts
}

/// Skips "hannes: ", "`avsm`, " and "ok, so " from `at`.
pub(super) fn skip_addressees_and_fillers(body: &str, lower: &str, mut at: usize, people: &PersonLookup) -> usize {
    for _ in 0..8 {
        let rest = &lower[at..];
        let word_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        if word_len == 0 || word_len == rest.len() {
            break;
        }
        let word = &rest[..word_len];
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let is_filler = FILLERS.binary_search(&bare).is_ok() && (bare.len() > 1 || word.ends_with(','));
        let is_addressee = (word.ends_with(':') || word.ends_with(',')) && people.person_named(&body[at..at + word_len]).is_some();
        let is_punctuation = bare.is_empty();
        if !(is_filler || is_addressee || is_punctuation) {
            break;
        }
        at += word_len;
        at += lower[at..].len() - lower[at..].trim_start().len();
    }
    at
}

/// Where `phrase` occurs starting at a word boundary.
pub(super) fn find_word(lower: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = lower.get(from..)?.find(phrase) {
        let at = from + found;
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        if before_ok {
            return Some(at);
        }
        from = at + phrase.len();
    }
    None
}

/// The sentence ending just before `clause` ("Mirage 3" in "ok. Mirage 3! Over to hannes").
pub(super) fn previous_sentence(body: &str, clause: usize) -> Option<&str> {
    if clause < 2 {
        return None;
    }
    let before = body.get(..clause - 2)?;
    let start = before.rfind(['.', '!', '?']).map_or(0, |at| at + 1);
    let sentence = before[start..].trim();
    let words = sentence.split_whitespace().count();
    (1..=5).contains(&words).then_some(sentence)
}

pub(super) fn is_filler_sentence(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    lower.starts_with("ok") || lower.starts_with("let") || lower.starts_with("right") || lower.starts_with("thank")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_space() {
        for text in ["", " ", "a b", "ok, onto Solo5 and  more", "exactly8 bytes!", "tabs\tare not spaces é é", "        x        "] {
            let expected: Vec<usize> = text.bytes().enumerate().filter(|(_, byte)| *byte == b' ').map(|(at, _)| at).collect();
            assert_eq!(space_positions(text.as_bytes()).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
