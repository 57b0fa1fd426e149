//! Chairing phrases: the cues that move a meeting on ("ok, onto Solo5", "Next topic", "AOB"),
//! how strong each is, and the short title each names.

use super::*;

/// A chairing cue read from one line, before it is scored.
#[derive(Debug, Clone)]
struct Cue {
    line: usize,
    person: Option<usize>,
    /// 3 for words that move a meeting on ("onto X", "next topic"), 2 for weaker ones ("let's move on").
    strength: i32,
    title: Option<String>,
    /// The cue says a move is coming but names nothing ("Next topic"): a title may follow.
    wants_title: bool,
    is_aob: bool,
    /// "3) Solo5": an agenda's numbering.
    numbered: bool,
}

/// Phrase and topic-change boundaries; sets the chair when phrases find one.
pub(super) fn phrases(log: &Log, people: &PersonLookup, agenda: &mut Agenda) -> Vec<Start> {
    let mut cues: Vec<Cue> = Vec::new();
    // Lines (0-based) of closing questions: "anything else for Solo5?".
    let mut closings: Vec<usize> = Vec::new();
    let mut topic_changes: Vec<Start> = Vec::new();
    let mut lower = String::new();
    // The last spoken lines (index, person) for answers to "what's the next topic?".
    let mut asked_next: Option<usize> = None;
    // Someone names the agenda, the meeting or AOB: without that, a log is not a meeting.
    let mut mentions_agenda = false;
    for (index, line) in log.lines.iter().enumerate() {
        match line.kind {
            LineKind::System(SystemEvent::Topic) => {
                if let Some(title) = changed_topic(log.body(line)) {
                    topic_changes.push(Start { line: index, title, how: Boundary::TopicChange });
                }
                continue;
            }
            LineKind::Message | LineKind::Action => {}
            _ => continue,
        }
        let body = log.body(line);
        if body.len() > 600 {
            continue;
        }
        let line_hints = hints(body, !mentions_agenda);
        if asked_next.is_none() && !line_hints.any {
            continue;
        }
        lower.clear();
        lower.push_str(body);
        lower.make_ascii_lowercase();
        let person = people.of_line(index);
        if let Some(asked) = asked_next {
            if index > asked + 4 {
                asked_next = None;
            } else if let Some(title) = answered_topic(body) {
                cues.push(Cue { line: index, person, strength: 4, title: Some(title), wants_title: false, is_aob: false, numbered: false });
                asked_next = None;
                continue;
            }
        }
        if !mentions_agenda && ["agenda", "meeting", "aob", "any other business"].iter().any(|word| find_word(&lower, word).is_some()) {
            mentions_agenda = true;
        }
        if is_closing_question(&lower) {
            closings.push(index);
        }
        if asks_next_topic(&lower) {
            asked_next = Some(index);
            continue;
        }
        if asks_to_move_on(&lower) {
            closings.push(index);
            continue;
        }
        if let Some(mut cue) = read_cue(body, &lower, people, line_hints.anywhere) {
            cue.line = index;
            cue.person = person;
            cues.push(cue);
        }
    }
    // Numbered lines said one after another list the agenda; they do not move through it.
    let listed: Vec<bool> = (0..cues.len())
        .map(|index| {
            let cue = &cues[index];
            // Nobody else spoke between the two.
            let near = |other: Option<&Cue>| {
                other.is_some_and(|other| {
                    let between = other.line.min(cue.line) + 1..other.line.max(cue.line);
                    other.numbered && other.person == cue.person && between.clone().count() <= 4 && between.into_iter().all(|index| people.of_line(index).is_none_or(|person| Some(person) == cue.person))
                })
            };
            cue.numbered && (near(index.checked_sub(1).and_then(|before| cues.get(before))) || near(cues.get(index + 1)))
        })
        .collect();
    let cues: Vec<Cue> = cues.into_iter().zip(listed).filter(|(_, listed)| !listed).map(|(cue, _)| cue).collect();
    // The chair: whoever moves the meeting on most; a strong move counts twice a weak one or AOB.
    let mut moves: HashMap<usize, usize> = HashMap::new();
    for cue in &cues {
        let weight = match cue {
            Cue { is_aob: true, .. } => 1,
            Cue { strength: 3.., title: Some(_), .. } | Cue { strength: 3.., wants_title: true, .. } => 2,
            Cue { strength: 2.., title: Some(_), .. } => 1,
            _ => 0,
        };
        if let (Some(person), true) = (cue.person, weight > 0) {
            *moves.entry(person).or_default() += weight;
        }
    }
    let chair_person = match agenda.chair.as_deref() {
        Some(chair) => people.roster.index_of(chair),
        None if !mentions_agenda => None,
        None => moves.iter().max_by_key(|(&person, &count)| (count, std::cmp::Reverse(person))).map(|(&person, _)| person),
    };
    let Some(chair_person) = chair_person else { return Vec::new() };
    let mut starts: Vec<Start> = Vec::new();
    // A move the chair announced without a title ("let's move on"), waiting for one.
    let mut pending_title_from: Option<(usize, usize, Option<usize>)> = None;
    for (cue_index, cue) in cues.iter().enumerate() {
        let by_chair = cue.person == Some(chair_person);
        let after_closing = closings.iter().rev().take(3).any(|&closing| closing < cue.line && cue.line - closing <= 6);
        let mut score = cue.strength;
        score += if by_chair { 2 } else { 0 };
        score += i32::from(after_closing);
        score += i32::from(cue.title.is_some());
        score += i32::from(!by_chair && mentions_agenda && cue.strength >= 3 && cue.title.is_some());
        // What follows: the chair who announces a move and goes on to introduce it.
        score += i32::from(by_chair && cue.title.is_none() && next_spoken_by_same(log, people, cue.line));
        if score < 5 {
            continue;
        }
        if cue.is_aob && starts.last().is_some_and(|start| start.title == "AOB") {
            continue;
        }
        // A title given just after an announced move names that move's section.
        if let (Some((pending_line, pending_start, pending_person)), Some(title)) = (pending_title_from, cue.title.as_ref()) {
            let n_between = (pending_line + 1..cue.line).filter(|&index| log.lines.get(index).is_some_and(|line| line.kind.is_spoken())).take(7).count();
            if n_between <= 6 && cue.person == pending_person {
                if let Some(start) = starts.get_mut(pending_start) {
                    start.title = title.clone();
                }
                pending_title_from = None;
                continue;
            }
        }
        pending_title_from = None;
        let title = match &cue.title {
            Some(title) => title.clone(),
            None => match title_from_next_line(log, people, &cues, cue_index, cue.line) {
                Some(title) => title,
                None => {
                    pending_title_from = Some((cue.line, starts.len(), cue.person));
                    String::from("Next topic")
                }
            },
        };
        starts.push(Start { line: cue.line, title, how: Boundary::Phrase });
    }
    let n_phrases = starts.len();
    if n_phrases < 2 {
        return Vec::new();
    }
    agenda.chair = Some(people.name(chair_person).to_owned());
    // Topic changes count in a meeting; merge them in line order.
    if !topic_changes.is_empty() {
        starts.extend(topic_changes);
        starts.sort_by_key(|start| start.line);
        starts.dedup_by_key(|start| start.line);
    }
    starts
}

fn next_spoken_by_same(log: &Log, people: &PersonLookup, line: usize) -> bool {
    let next = (line + 1..log.lines.len().min(line + 6)).find(|&index| log.lines[index].kind.is_spoken());
    next.is_some_and(|next| people.of_line(next).is_some() && people.of_line(next) == people.of_line(line))
}

/// "Next topic" followed by "Outreachy": a short line by the same person names the topic.
fn title_from_next_line(log: &Log, people: &PersonLookup, cues: &[Cue], cue_index: usize, line: usize) -> Option<String> {
    let person = people.of_line(line);
    let next_cue_line = cues.get(cue_index + 1).map_or(usize::MAX, |cue| cue.line);
    let mut n_spoken = 0;
    for index in line + 1..log.lines.len() {
        if !log.lines[index].kind.is_spoken() {
            continue;
        }
        n_spoken += 1;
        if n_spoken > 5 || index >= next_cue_line {
            return None;
        }
        if people.of_line(index) == person {
            if let Some(title) = title_in_line(log.body(&log.lines[index]), people) {
                return Some(title);
            }
        }
    }
    None
}

/// The topic a chair's line introduces, if it names one: "Outreachy", "TOPKG!", "talex5, got some
/// updates on capnp?", "I stuck a hackathon recap item on the agenda", "Mirage 2.8.0 released …".
fn title_in_line(body: &str, people: &PersonLookup) -> Option<String> {
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
fn changed_topic(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let topic_at = lower.find("topic")?;
    let after_topic = &lower[topic_at..];
    let at = topic_at + [" to: ", " to ", ": ", " is: ", " is "].iter().filter_map(|marker| after_topic.find(marker).map(|at| at + marker.len())).min()?;
    let topic = body.get(at..)?.trim().trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”');
    let title = tidy_title(topic);
    (!title.is_empty()).then_some(title)
}

/// What a line may hold, from one cheap scan of its word starts: most lines hold no cue.
#[derive(Debug, Clone, Copy, Default)]
struct Hints {
    /// A word starts like a cue, a closing question or a meeting word.
    any: bool,
    /// Which words of phrases that move on wherever they sit occur: one bit per [`ANCHORS`] entry.
    anywhere: u8,
}

/// A word's first four bytes, lower-cased, as one number: a word start is compared in one step.
const fn prefix(word: &[u8; 4]) -> u32 {
    u32::from_le_bytes(*word)
}

const ONTO: u32 = prefix(b"onto");
const ON_TO: u32 = prefix(b"on t");
const OVER: u32 = prefix(b"over");
const OTHER: u32 = prefix(b"othe");
const ITEM: u32 = prefix(b"item");
const START: u32 = prefix(b"star");
const BEGIN: u32 = prefix(b"begi");
const BACK: u32 = prefix(b"back");
const IN_T: u32 = prefix(b"in t");
const IN_A: u32 = prefix(b"in a");
const WE_RE: u32 = prefix(b"we'r");
const AGENDA: u32 = prefix(b"agen");
const MEETING: u32 = prefix(b"meet");
const ALL: u32 = prefix(b"all ");
const ANY: u32 = prefix(b"any ");
const WHAT: u32 = prefix(b"what");
const MOVING: u32 = prefix(b"movi");
const MOVE: u32 = prefix(b"move");
const NEXT: u32 = prefix(b"next");
const FIRST: u32 = prefix(b"firs");
const LAST: u32 = prefix(b"last");
const TOPIC: u32 = prefix(b"topi");
const AOB: u32 = prefix(b"aob\0") & 0x00ff_ffff;

/// Where `bytes` holds a space, found eight bytes at a time: most bytes of a line are not spaces,
/// and a byte-by-byte loop over every line of a big log is the analysis's largest cost.
fn space_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
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
const ANCHORS: [&str; 5] = ["mov", "next", "first", "last", "any other"];

/// `needs_meeting_words`: whether the log has yet to name its agenda or meeting.
fn hints(body: &str, needs_meeting_words: bool) -> Hints {
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
fn is_closing_question(lower: &str) -> bool {
    lower.trim_end().ends_with('?')
        && ["anything else", "anything more", "any more", "anyone else", "any other questions", "any questions", "all for"].iter().any(|phrase| lower.contains(phrase))
}

/// "Objections to moving on?", "any points before we move on to solo5?": a question, not yet a move.
fn asks_to_move_on(lower: &str) -> bool {
    let Some(question) = lower.find('?') else { return false };
    let asked = &lower[..question];
    let clause = asked.rfind(['.', '!']).map_or(asked, |at| &asked[at + 1..]);
    (clause.contains("move on") || clause.contains("moving on") || clause.contains("before we")) && !lower[question..].contains('"')
}

/// "what's the next topic?", "what's next on the agenda?".
fn asks_next_topic(lower: &str) -> bool {
    lower.contains('?')
        && (lower.contains("next topic") || lower.contains("next item") || lower.contains("next on the agenda"))
        && (lower.contains("what") || lower.contains("which"))
}

/// "Outreachy - both interns passed": a short name, then a dash or colon.
fn answered_topic(body: &str) -> Option<String> {
    let (head, _) = [" - ", " – ", " — ", ": "].iter().filter_map(|dash| body.split_once(dash)).min_by_key(|(head, _)| head.len())?;
    let words = head.split_whitespace().count();
    let first = head.chars().next()?;
    ((1..=4).contains(&words) && (first.is_uppercase() || first.is_ascii_digit())).then(|| tidy_title(head)).filter(|title| !title.is_empty())
}

/// Filler words a chair starts a move with: "ok, so, right, …". Sorted, for a binary search.
const FILLERS: &[&str] = &[
    "ah", "all", "allright", "alright", "and", "awesome", "cool", "everyone", "excellent", "fine", "folks", "good", "great", "hearing", "if", "k", "lovely", "nice", "not", "nothing", "now", "oh", "ok", "okay", "perfect", "right", "segue", "so", "super", "sure", "thank", "thanks", "then", "well", "yep", "yes", "you",
];

/// Reads a chairing cue from a spoken line. `lower` is `body` in ASCII lower case, so byte offsets agree.
fn read_cue(body: &str, lower: &str, people: &PersonLookup, anywhere: u8) -> Option<Cue> {
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
fn titled_move(body: &str, lower: &str, title_at: usize, strength: i32, people: &PersonLookup) -> Cue {
    let title = title_after(body, lower, title_at, people);
    let wants_title = title.is_none();
    Cue { line: 0, person: None, strength, title, wants_title, is_aob: false, numbered: false }
}

/// Byte offsets where clauses start: 0 and after sentence ends.
fn clause_starts(lower: &str) -> Vec<usize> {
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
fn skip_addressees_and_fillers(body: &str, lower: &str, mut at: usize, people: &PersonLookup) -> usize {
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
fn find_word(lower: &str, phrase: &str) -> Option<usize> {
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
fn previous_sentence(body: &str, clause: usize) -> Option<&str> {
    if clause < 2 {
        return None;
    }
    let before = body.get(..clause - 2)?;
    let start = before.rfind(['.', '!', '?']).map_or(0, |at| at + 1);
    let sentence = before[start..].trim();
    let words = sentence.split_whitespace().count();
    (1..=5).contains(&words).then_some(sentence)
}

fn is_filler_sentence(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    lower.starts_with("ok") || lower.starts_with("let") || lower.starts_with("right") || lower.starts_with("thank")
}

/// The topic named from `at` on: generic words ("the next topic", "on <url>", "is") skipped, cut at
/// the end of its clause, tidied. `None` when nothing names a topic.
fn title_after(body: &str, lower: &str, mut at: usize, people: &PersonLookup) -> Option<String> {
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
fn github_name(text: &str) -> Option<String> {
    let at = text.find("github.com/")?;
    let mut parts = text[at + "github.com/".len()..].split(|c: char| c == '/' || c.is_whitespace());
    let (_owner, repo, kind, number) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let is_number = !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit());
    (matches!(kind, "pull" | "issues") && is_number && !repo.is_empty()).then(|| format!("{repo} #{number}"))
}

/// `text` up to the end of its first clause.
fn cut_clause(text: &str) -> &str {
    let end = [
        ". ", "! ", "? ", "!", "?", "...", "…", " — ", " -- ", " - ", "—", ": ", ", ", " :)", " :-)", " ;)", " :D", " :P", " (", "; ", " which ", " who ", " that's ", " because ",
    ]
    .iter()
    .filter_map(|mark| text.find(mark))
    .min()
    .unwrap_or(text.len());
    &text[..end]
}

/// The name a sentence is about: "this is our first catchup since MirageOS 3 was released" is
/// about "MirageOS 3", "I see that demonimin is going to work on a disk storage library" about
/// "a disk storage library". A short phrase is its own name.
fn name_in_sentence(clause: &str) -> &str {
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

fn quoted_name(text: &str) -> Option<&str> {
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
fn tidy_title(raw: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn finds_every_space() {
        for text in ["", " ", "a b", "ok, onto Solo5 and  more", "exactly8 bytes!", "tabs\tare not spaces é é", "        x        "] {
            let expected: Vec<usize> = text.bytes().enumerate().filter(|(_, byte)| *byte == b' ').map(|(at, _)| at).collect();
            assert_eq!(space_positions(text.as_bytes()).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
