//! Titles for sections: the short name a chairing line gives its topic ("Solo5", "Mirage 3 APIs"),
//! never a fragment of a sentence.

use super::PersonLookup;

/// The topic a chair's line introduces, if it names one: "Outreachy", "TOPKG!", "talex5, got some
/// updates on capnp?", "I stuck a hackathon recap item on the agenda", "Mirage 2.8.0 released …".
pub(super) fn title_in_line(body: &str, people: &PersonLookup) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let at = skip_addressees_and_fillers(body, &lower, 0, people);
    let text = cut_clause(&body[at..]);
    let lower_text = text.to_ascii_lowercase();
    for mark in ["updates on ", "update on ", "news on ", "talk about ", "news about "] {
        if let Some(found) = lower_text.find(mark) {
            let title = tidy_title(&text[found + mark.len()..]);
            return (!title.is_empty()).then_some(title);
        }
    }
    // "a hackathon recap item on the agenda".
    if let Some(item_at) = lower_text.find(" item on the agenda").or_else(|| lower_text.find(" agenda item")) {
        let before = &text[..item_at];
        let from = before.to_ascii_lowercase().rfind(" a ").map_or(0, |at| at + 3);
        let title = tidy_title(&before[from..]);
        if !title.is_empty() && title.split_whitespace().count() <= 4 && from > 0 {
            return Some(title);
        }
    }
    if text.starts_with("http://") || text.starts_with("https://") {
        return github_name(text);
    }
    let first = text.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if ["which", "that", "and", "but", "so", "sorry", "i", "we", "it", "this", "what", "thanks", "yes", "no"].contains(&first.as_str()) {
        return None;
    }
    if text.split_whitespace().count() > 5 {
        // A long line names its topic when it starts with a name: "Mirage 2.8.0 released …".
        let name = name_in_sentence(text);
        let is_leading_name = name.len() < text.len() && text.starts_with(name) && name.split_whitespace().count() >= 2;
        return is_leading_name.then(|| tidy_title(name)).filter(|title| !title.is_empty()).or_else(|| github_name(text));
    }
    let title = tidy_title(text);
    (!title.is_empty()).then_some(title)
}

/// The topic text of a topic-change line, in the wordings loggers use.
pub(super) fn changed_topic(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let topic_at = lower.find("topic")?;
    let after_topic = &lower[topic_at..];
    let at = topic_at + [" to: ", " to ", ": ", " is: ", " is "].iter().filter_map(|marker| after_topic.find(marker).map(|at| at + marker.len())).min()?;
    let topic = body.get(at..)?.trim().trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”');
    let title = tidy_title(topic);
    (!title.is_empty()).then_some(title)
}
/// The topic named from `at` on: generic words ("the next topic", "on <url>", "is") skipped, cut at
/// the end of its clause, tidied. `None` when nothing names a topic.
pub(super) fn title_after(body: &str, lower: &str, mut at: usize, people: &PersonLookup) -> Option<String> {
    // A quoted name wins: `some items under "mirageos 3 targets"`.
    if let Some(quoted) = quoted_name(body.get(at..)?) {
        let title = tidy_title(cut_clause(quoted));
        if !title.is_empty() {
            return Some(title);
        }
    }
    for _ in 0..8 {
        let rest = lower.get(at..)?;
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || ".:;,—–-!…".contains(c));
        at += rest.len() - trimmed.len();
        // "(https://…)", "thomasga1, ", "unsurprisingly, ".
        if trimmed.starts_with('(') {
            if let Some(close) = trimmed.find(')') {
                at += close + 1;
                continue;
            }
        }
        // "of 2017 is, unsurprisingly, mirageos 3": a qualifier before "is".
        if let Some(is_at) = trimmed.get(..trimmed.len().min(24)).and_then(|head| head.find(" is")) {
            if ["of ", "for ", "in ", "on "].iter().any(|start| trimmed.starts_with(start)) {
                at += is_at + " is".len();
                continue;
            }
        }
        // "[Purging camlp4](…)": a Markdown link's text.
        if let Some(inner) = trimmed.strip_prefix('[') {
            if let Some(close) = inner.find("](") {
                let title = tidy_title(&body[at + 1..at + 1 + close]);
                return (!title.is_empty()).then_some(title);
            }
        }
        let word_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let word = &trimmed[..word_len];
        if word.len() > 1 && word.ends_with(',') && (word.ends_with("ly,") || people.person_named(&body[at..at + word_len]).is_some()) {
            at += word_len;
            continue;
        }
        let skip = [
            "the next topic", "next topic", "the next item", "next item", "the next library", "next library", "the next thing", "next thing", "the next", "next", "topic",
            "a headsup about", "headsup about", "a heads up about", "heads up about", "an update on", "a quick update on", "update on",
            "in the agenda", "in our agenda", "on the agenda", "on our agenda", "on the list", "of the day", "listed", "is", "are", "we have", "will be", "would be", "appears to be", "to", "with",
        ]
        .iter()
        .find(|word| trimmed.starts_with(**word) && (word.ends_with(' ') || !trimmed.as_bytes().get(word.len()).is_some_and(u8::is_ascii_alphanumeric)));
        if let Some(word) = skip {
            at += word.len();
            continue;
        }
        // "on https://…/Call-Agenda : compilers" and "at <url>".
        if trimmed.starts_with("on http") || trimmed.starts_with("at http") || trimmed.starts_with("http") {
            let url_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            at += url_end;
            continue;
        }
        break;
    }
    let clause = cut_clause(body.get(at..)?);
    // "an item I added on drup's behalf: Please help review <url>": the item is after the colon.
    let clause_lower = clause.to_ascii_lowercase();
    if clause_lower.starts_with("an item") || clause_lower.starts_with("item ") || clause_lower.starts_with("something") {
        let after = body.get(at + clause.len()..).and_then(|rest| rest.strip_prefix(": ")).unwrap_or("");
        if let Some(name) = github_name(after) {
            return Some(name);
        }
    }
    let title = tidy_title(name_in_sentence(clause));
    let is_pronoun = ["that", "this", "it", "them", "those", "these", "you", "me", "us"].iter().any(|pronoun| title.eq_ignore_ascii_case(pronoun));
    // "samoht linked to": a sentence cut short, not a name.
    let last_word = title.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    let is_cut_short = title.contains(' ') && ["to", "on", "of", "for", "at", "with", "about", "the", "a"].contains(&last_word.as_str());
    let is_pronoun = is_pronoun || is_cut_short;
    (!title.is_empty() && !is_pronoun).then_some(title)
}

/// A GitHub pull request or issue named as `repo #N`: "…review https://github.com/ocsigen/lwt/pull/354".
pub(super) fn github_name(text: &str) -> Option<String> {
    let at = text.find("github.com/")?;
    let mut parts = text[at + "github.com/".len()..].split(|c: char| c == '/' || c.is_whitespace());
    let (_owner, repo, kind, number) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let is_number = !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit());
    (matches!(kind, "pull" | "issues") && is_number && !repo.is_empty()).then(|| format!("{repo} #{number}"))
}

/// Where a clause ends: a sentence's end, a dash, a colon, a smiley, an aside, "which", ….
const CLAUSE_ENDS: [&str; 24] = [
    ". ", "! ", "? ", "!", "?", "...", "…", " — ", " -- ", " - ", "—", ": ", ", ", " :)", " :-)", " ;)", " :D", " :P", " (", "; ", " which ", " who ", " that's ", " because ",
];

/// `text` up to the end of its first clause: the leftmost of [`CLAUSE_ENDS`], found in one scan.
pub(super) fn cut_clause(text: &str) -> &str {
    static ENDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ends = ENDS.get_or_init(|| aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostFirst).build(CLAUSE_ENDS).expect("a few short marks make an automaton"));
    let end = ends.find(text).map_or(text.len(), |found| found.start());
    &text[..end]
}

/// The name a sentence is about: "this is our first catchup since MirageOS 3 was released" is
/// about "MirageOS 3", "I see that demonimin is going to work on a disk storage library" about
/// "a disk storage library". A short phrase is its own name.
pub(super) fn name_in_sentence(clause: &str) -> &str {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let first_lower = words.first().map(|word| word.to_ascii_lowercase()).unwrap_or_default();
    let starts_like_sentence = ["this", "it", "it's", "i", "i'm", "we", "we're", "there", "there's", "folks", "you", "so", "has", "have", "that"].contains(&first_lower.as_str());
    let lower = clause.to_ascii_lowercase();
    // "TImada has an update on solo5/netmap".
    for mark in [" update on ", " updates on ", " news on ", " news about ", " update about "] {
        if let Some(at) = lower.find(mark) {
            return &clause[at + mark.len()..];
        }
    }
    if words.len() <= 6 && !starts_like_sentence {
        return clause;
    }
    // "that the qubesos target pr is currently stalled": what "is".
    if first_lower == "that" {
        let rest = &clause[4..];
        if let Some(verb) = [" is ", " are ", " was ", " has "].iter().filter_map(|verb| rest.find(verb)).min() {
            return rest[..verb].trim();
        }
    }
    // The first run of name-like words (capitals, digits, dotted names), the sentence's first word aside.
    let is_name = |word: &str| {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        !bare.is_empty() && bare != "I" && (bare.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) || (bare.contains('.') && !bare.contains("://")))
    };
    let mut offset = 0;
    let mut run: Option<(usize, usize)> = None;
    for (index, word) in clause.split(' ').enumerate() {
        let start = offset;
        offset += word.len() + 1;
        let counts_first = index > 0 || clause.split(' ').nth(1).is_some_and(is_name);
        let name_like = counts_first && is_name(word) && !word.contains("://");
        match (&mut run, name_like) {
            (None, true) => run = Some((start, start + word.len())),
            (Some(found), true) => found.1 = start + word.len(),
            (Some(_), false) => break,
            (None, false) => {}
        }
    }
    if let Some((start, end)) = run {
        return &clause[start..end];
    }
    if !starts_like_sentence {
        return clause;
    }
    if let Some(at) = lower.rfind(" on ").or_else(|| lower.rfind(" about ")) {
        let tail = &clause[at..];
        let skip = if tail.starts_with(" on ") { 4 } else { 7 };
        return &clause[at + skip..];
    }
    clause
}

pub(super) fn quoted_name(text: &str) -> Option<&str> {
    let open = text.find(['"', '“'])?;
    // `“` is three bytes.
    let quote_len = text[open..].chars().next().map_or(1, char::len_utf8);
    let after = &text[open + quote_len..];
    let close = after.find(['"', '”'])?;
    let inner = after[..close].trim();
    (!inner.is_empty() && inner.split_whitespace().count() <= 12).then_some(inner)
}

/// A short title: articles, backticks and trailing punctuation and "then" dropped, at most
/// 40 characters cut at a word, the first letter capitalised when the first word is a plain word.
pub(super) fn tidy_title(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw.strip_prefix('(').and_then(|inner| inner.strip_suffix(')')).unwrap_or(raw);
    let mut text = raw.trim().trim_matches(|c| c == '"' || c == '“' || c == '”' || c == '\'').replace('`', "");
    // "8) chess server", "10/11) ns/dns": the agenda's number is not part of the name.
    let numbering = text.bytes().take_while(|byte| byte.is_ascii_digit() || *byte == b'/').count();
    if numbering > 0 && (text[numbering..].starts_with(") ") || text[numbering..].starts_with(". ")) {
        text.drain(..numbering + 2);
    }
    for scheme in ["https://", "http://"] {
        if text.starts_with(scheme) {
            text.drain(..scheme.len());
        }
    }
    for article in ["the ", "a ", "an ", "our ", "some "] {
        if text.len() > article.len() && text.get(..article.len()).is_some_and(|head| head.eq_ignore_ascii_case(article)) {
            text.drain(..article.len());
        }
    }
    let mut title = text.trim().trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '"').to_owned();
    for tail in [" then", " now", " please", " first"] {
        if title.len() > tail.len() && title.to_ascii_lowercase().ends_with(tail) {
            title.truncate(title.len() - tail.len());
        }
    }
    if title.chars().count() > 40 {
        let cut: String = title.chars().take(41).collect();
        let at = cut.rfind(' ').unwrap_or_else(|| cut.char_indices().nth(40).map_or(cut.len(), |(at, _)| at));
        title = cut[..at].to_owned();
    }
    let title = title.trim().trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '"').to_owned();
    let first_word = title.split_whitespace().next().unwrap_or("");
    if first_word.starts_with(|c: char| c.is_ascii_lowercase()) && first_word.chars().all(|c| c.is_ascii_alphanumeric()) {
        let mut chars = title.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    title
}

/// Filler words a chair starts a move with: "ok, so, right, …". Sorted, for a binary search.
const FILLERS: &[&str] = &[
    "ah", "all", "allright", "alright", "and", "awesome", "cool", "everyone", "excellent", "fine", "folks", "good", "great", "hearing", "if", "k", "lovely", "nice", "not", "nothing", "now", "oh", "ok", "okay", "perfect", "right", "segue", "so", "super", "sure", "thank", "thanks", "then", "well", "yep", "yes", "you",
];

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

/// Words a title may hold that name no topic: "first item", "moving on", "let's get started".
pub(super) const VAGUE_WORDS: &[&str] = &[
    "a", "about", "and", "agenda", "are", "begin", "call", "final", "first", "fun", "get", "go", "going", "item", "it", "last", "let's", "lets", "meeting", "more", "move", "moving", "next", "now", "of", "ok", "on",
    "one", "onto", "point", "start", "started", "that", "the", "then", "they", "thing", "this", "to", "topic", "up", "we", "with",
];

/// A title that names no topic: only [`VAGUE_WORDS`], no letter at all, or a person of the log.
pub(super) fn is_vague_title(title: &str, people: &PersonLookup) -> bool {
    let words: Vec<&str> = title.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|word| !word.is_empty()).collect();
    let all_vague = words.iter().all(|word| VAGUE_WORDS.iter().any(|vague| vague.eq_ignore_ascii_case(word)));
    all_vague || (words.len() == 1 && people.person_named(words[0]).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speakers::Roster;

    /// The clause ends at the leftmost mark, whichever of the marks that is.
    #[test]
    fn a_clause_ends_at_its_first_mark() {
        for (text, clause) in [
            ("Solo5 - the ELF loader, which is new", "Solo5"),
            ("wait... ok. next", "wait"),
            ("v2.8.0 released! yay", "v2.8.0 released"),
            ("Irmin (the store): news", "Irmin"),
            ("no mark at all", "no mark at all"),
            ("", ""),
        ] {
            assert_eq!(cut_clause(text), clause, "{text:?}");
        }
    }

    #[test]
    fn titles_are_short_and_tidy() {
        let cases = [
            ("the hackathon update!", "Hackathon update"),
            ("`Solo5`, which djwillia has", "Solo5"),
            ("libraries then, just to check", "Libraries"),
            ("mirage-rump", "mirage-rump"),
            ("solo5 which I bet mato likes", "Solo5"),
            ("a very long title that goes on and on and on beyond forty characters", "Very long title that goes on and on and"),
        ];
        let log = crate::parse::parse(b"15:00 <djwillia> hi\n", None);
        let roster = Roster::new(&log);
        let people = PersonLookup::new(&log, &roster);
        for (raw, expected) in cases {
            let lower = raw.to_ascii_lowercase();
            assert_eq!(title_after(raw, &lower, 0, &people).as_deref(), Some(expected), "{raw}");
        }
    }

    #[test]
    fn a_chairs_next_line_names_the_topic() {
        let log = crate::parse::parse(b"15:00 <talex5> hi\n", None);
        let roster = Roster::new(&log);
        let people = PersonLookup::new(&log, &roster);
        let cases = [
            ("Outreachy", Some("Outreachy")),
            ("TOPKG!", Some("TOPKG")),
            ("talex5, got some updates on capnp?", Some("Capnp")),
            ("I stuck a hackathon recap item on the agenda but it can wait", Some("Hackathon recap")),
            ("Mirage 2.8.0 released along with new version of TCP/IP, and most important", Some("Mirage 2.8.0")),
            ("samoht wanted to bring attention back to https://github.com/mirage/mirage-www/pull/562 , which", Some("mirage-www #562")),
            ("(old GitHub issues and PRs)", Some("Old GitHub issues and PRs")),
            ("and https://github.com/pulls?page=1&q=is%3Aopen", None),
            ("which is...", None),
            ("so I think we should all go and read the documentation first", None),
        ];
        for (line, expected) in cases {
            assert_eq!(title_in_line(line, &people).as_deref(), expected, "{line}");
        }
    }
}
