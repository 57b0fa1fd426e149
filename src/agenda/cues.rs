//! Reading chairing cues from a line: the words that move a meeting on ("ok, onto Solo5",
//! "Next topic", "AOB"), how strong each is, closing questions and questions about the next topic.

use super::hints::ANCHORS;
use super::titles::{cut_clause, skip_addressees_and_fillers, tidy_title, title_after};
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
