//! The boundary model: every message of a meeting scored as a possible section start, from binary
//! features (the chairing cue it holds, who says it, the pause before it, how much the words change
//! around it), with weights learned from the hand-annotated meetings in `tests/agenda-gold/`.
//!
//! Sections start at the best-scoring messages that reach the model's threshold, no two within
//! [`SPACING`] messages of each other; a log with fewer than two is not given an agenda.

use std::collections::HashMap;

use super::phrases::{read_cues, title_from_next_line};
use super::titles::{tidy_title, title_in_line};
use super::weights::{THRESHOLD, WEIGHTS};
use super::{forward_seconds, Boundary, PersonLookup, Start};
use crate::model::{LineKind, Log};

/// Feature ids. A message by the chair also has each of its ids plus [`BY_CHAIR`].
pub mod feature {
    /// Every message: with [`super::BY_CHAIR`] added, "the chair said it".
    pub const ALWAYS: u8 = 0;
    /// The message holds a chairing cue of this strength (see `cues.rs`).
    pub const CUE_WEAK: u8 = 1;
    pub const CUE_MOVE: u8 = 2;
    pub const CUE_STRONG: u8 = 3;
    pub const CUE_ANSWER: u8 = 4;
    pub const CUE_TITLED: u8 = 5;
    pub const CUE_WANTS_TITLE: u8 = 6;
    pub const CUE_AOB: u8 = 7;
    pub const CUE_NUMBERED: u8 = 8;
    /// A closing question ("anything else for Solo5?") within six lines before.
    pub const AFTER_CLOSING: u8 = 9;
    pub const IS_CLOSING: u8 = 10;
    /// The next message is by the same person.
    pub const GOES_ON: u8 = 11;
    /// Two and five minutes of quiet before the message.
    pub const PAUSE: u8 = 12;
    pub const LONG_PAUSE: u8 = 13;
    /// The words of the next messages share little (or almost nothing) with the previous ones.
    pub const WORDS_CHANGE: u8 = 14;
    pub const WORDS_CHANGE_FULLY: u8 = 15;
    /// At most five words ("Outreachy", "TOPKG!").
    pub const SHORT: u8 = 16;
    pub const EXCLAIMS: u8 = 17;
    pub const HAS_LINK: u8 = 18;
    /// "talex5: any news on capnp?": the floor handed to someone.
    pub const ASKS_SOMEONE: u8 = 19;
    pub const ADDRESSES_SOMEONE: u8 = 20;
    /// Names the agenda, an item or a topic.
    pub const NAMES_AGENDA: u8 = 21;
    /// "let's start", "let's get started", "welcome".
    pub const STARTS_MEETING: u8 = 22;
    /// The log's first message naming the agenda or the meeting.
    pub const FIRST_AGENDA_MENTION: u8 = 23;
    /// The speaker had been quiet for four messages or more.
    pub const RETURNS: u8 = 24;
    /// Starts with "ok", "so", "alright", "right", "now", …
    pub const FILLER_START: u8 = 25;
    pub const QUOTES: u8 = 26;
    pub const QUESTION: u8 = 27;
    /// More than 25 words.
    pub const LONG: u8 = 28;
    /// A short line of the chair's that reads as a topic's name.
    pub const NAMES_TOPIC: u8 = 29;
    /// Starts with a greeting: "hi all", "greetings!", "o/".
    pub const GREETS: u8 = 30;
    /// Names the meeting itself: "meeting", "call", "catchup", "get started".
    pub const MEETING_WORDS: u8 = 31;
    /// One of the chair's first three messages.
    pub const CHAIR_FIRST_LINES: u8 = 32;
    /// Before the log's first strong chairing cue.
    pub const BEFORE_FIRST_MOVE: u8 = 33;
    /// An agenda's numbering anywhere in the line: "2) sdk", "(4) - Website", "6. Stickers".
    pub const ITEM_NUMBER: u8 = 34;
    /// One of several numbered lines said in a row: the agenda listed, not moved through.
    pub const LISTED_ITEM: u8 = 35;
    /// Asks for or gives news: "any news on …", "how's … going", "tell us about …", "an update on …".
    pub const NEWS_WORDS: u8 = 36;
    /// "first", "next", "last", "finally", "another", "one more".
    pub const ORDINAL: u8 = 37;
    /// An ordinal and the agenda together: "one more item on the agenda", "next agenda item".
    pub const AGENDA_ORDINAL: u8 = 38;
    /// At most six words, and a question: "OK then. topkg?".
    pub const SHORT_QUESTION: u8 = 39;
    /// A pull request or issue: a GitHub link, "#123", or a line that starts with a number like "230:".
    pub const ITEM_REFERENCE: u8 = 40;
    /// A link and at most three other words.
    pub const LINK_ONLY: u8 = 41;
    /// Words that move on wherever they sit: "move on", "continue", "pick up", "jump to", "switch".
    pub const MOVE_WORDS: u8 = 42;
    /// Wraps a topic up: "that's all", "that's it for", "done", "wrap up".
    pub const WRAPS_UP: u8 = 43;
    /// A wrap-up or closing question within the four messages before.
    pub const AFTER_WRAP_UP: u8 = 44;
    /// A chair's line of a shape the chair repeats through the meeting (four times or more): a
    /// link to the next pull request, "3) …", a bare name. Chairs keep one way of moving on.
    pub const SHAPE_RECURS: u8 = 45;
    /// The item number that follows the last one moved to: "2) …" after "1) …".
    pub const NEXT_IN_SEQUENCE: u8 = 46;
    /// Someone brings an item in: "I put an agenda item up for …", "we have an item from …",
    /// "I added a late agenda item about …".
    pub const BRINGS_ITEM: u8 = 47;
    /// Hands the floor to someone: names a person of the log and asks for news or a question
    /// ("how's the Solo5 ELF review going `mato`?", "`avsm`, tell us about TWiOPAM").
    pub const HANDS_FLOOR: u8 = 48;
    /// The chair's first greeting or first words about the meeting: where the call opens.
    pub const CHAIR_OPENS: u8 = 49;
    pub const BASE: u8 = 50;
}

/// Added to a feature id when the chair says the message.
pub const BY_CHAIR: u8 = feature::BASE;
pub const N_FEATURES: usize = 2 * feature::BASE as usize;

/// The names of the base features, for reports and the weights file.
pub const FEATURE_NAMES: [&str; feature::BASE as usize] = [
    "always", "cue-weak", "cue-move", "cue-strong", "cue-answer", "cue-titled", "cue-wants-title", "cue-aob", "cue-numbered", "after-closing", "is-closing", "goes-on", "pause", "long-pause",
    "words-change", "words-change-fully", "short", "exclaims", "has-link", "asks-someone", "addresses-someone", "names-agenda", "starts-meeting", "first-agenda-mention", "returns",
    "filler-start", "quotes", "question", "long", "names-topic", "greets", "meeting-words", "chair-first-lines", "before-first-move", "item-number", "listed-item", "news-words", "ordinal",
    "agenda-ordinal", "short-question", "item-reference", "link-only", "move-words", "wraps-up", "after-wrap-up", "shape-recurs", "next-in-sequence", "brings-item", "hands-floor", "chair-opens",
];

/// No two sections start within this many messages of each other.
pub const SPACING: usize = 3;

/// Messages on each side whose words are compared for [`feature::WORDS_CHANGE`].
const WORD_WINDOW: usize = 8;

/// Weights over the features, and the score a message needs to open a section.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryModel {
    pub weights: Vec<f32>,
    pub threshold: f32,
}

impl BoundaryModel {
    /// The model the page uses, trained on every annotated meeting (`scrollback train-agenda`).
    pub fn shipped() -> BoundaryModel {
        let mut weights = WEIGHTS.to_vec();
        weights.resize(N_FEATURES, 0.0);
        BoundaryModel { weights, threshold: THRESHOLD }
    }
}

/// What the model needs of one log, found once: each message's features, the cue titles, the chair.
#[derive(Debug, Clone, Default)]
pub struct BoundaryFacts {
    /// Candidate lines (0-based): every message and action, in order.
    lines: Vec<u32>,
    /// The features of candidate `i` are `features[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    features: Vec<u8>,
    /// Titles the chairing cues give, by candidate.
    cue_titles: HashMap<u32, String>,
    topic_changes: Vec<Start>,
    chair: Option<String>,
}

impl BoundaryFacts {
    /// The candidate lines (0-based).
    pub fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.lines.iter().map(|&line| line as usize)
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The feature ids of candidate `index`.
    pub fn features_of(&self, index: usize) -> &[u8] {
        &self.features[self.offsets[index] as usize..self.offsets[index + 1] as usize]
    }

    pub fn chair(&self) -> Option<&str> {
        self.chair.as_deref()
    }

    fn score(&self, index: usize, model: &BoundaryModel) -> f32 {
        self.features_of(index).iter().map(|&feature| model.weights.get(usize::from(feature)).copied().unwrap_or(0.0)).sum()
    }

    /// The candidates (indices) that open sections under `model`, in line order.
    pub fn start_candidates(&self, model: &BoundaryModel) -> Vec<usize> {
        let mut above: Vec<(f32, usize)> = (0..self.len()).map(|index| (self.score(index, model), index)).filter(|(score, _)| *score >= model.threshold).collect();
        above.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut taken = vec![false; self.len()];
        let mut starts = Vec::new();
        for (_, index) in above {
            if taken[index] {
                continue;
            }
            starts.push(index);
            taken[index.saturating_sub(SPACING)..(index + SPACING + 1).min(self.len())].fill(true);
        }
        starts.sort_unstable();
        if starts.len() < 2 {
            starts.clear();
        }
        starts
    }
}

/// Words that say little about a topic, left out of [`content_words`].
const COMMON_WORDS: &[&str] = &[
    "about", "also", "been", "does", "doesn", "done", "from", "going", "good", "have", "here", "just", "know", "like", "make", "more", "much", "need", "okay", "really", "should", "some", "sure", "thanks", "that", "then", "there", "they", "thing", "think", "this", "want", "well", "were",
    "what", "when", "which", "will", "with", "would", "yeah", "your",
];

/// The hashes of [`COMMON_WORDS`], sorted: a word is looked up by the hash it needs anyway.
fn common_word_hashes() -> &'static [u64] {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let mut hashes: Vec<u64> = COMMON_WORDS.iter().map(|word| word_hash(word)).collect();
        hashes.sort_unstable();
        hashes
    })
}

/// The words of four letters or more that are not [`COMMON_WORDS`], each with where it starts
/// and its hash (the same for any ASCII case). A word is a run of letters, digits, `-`, `_` and
/// non-ASCII bytes, hashed as it is scanned: this runs over every message of the log.
fn content_words(body: &str) -> impl Iterator<Item = (usize, &str, u64)> {
    let common = common_word_hashes();
    let bytes = body.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let is_word_byte = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || byte >= 0x80;
            while at < bytes.len() && !is_word_byte(bytes[at]) {
                at += 1;
            }
            let start = at;
            let mut hash = FNV_OFFSET;
            while at < bytes.len() && is_word_byte(bytes[at]) {
                hash = fnv_step(hash, bytes[at]);
                at += 1;
            }
            if at - start >= 4 && common.binary_search(&hash).is_err() {
                return Some((start, &body[start..at], hash));
            }
        }
        None
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
}

fn word_hash(word: &str) -> u64 {
    word.bytes().fold(FNV_OFFSET, fnv_step)
}

/// For each candidate, how alike the words of the [`WORD_WINDOW`] messages before it and of it and
/// the ones after are (cosine of word counts); `None` at the log's start.
fn word_similarity(log: &Log, lines: &[u32]) -> Vec<Option<f32>> {
    let mut hashes: Vec<u64> = Vec::new();
    let mut hash_offsets: Vec<usize> = vec![0];
    for &line in lines {
        hashes.extend(content_words(log.body(&log.lines[line as usize])).map(|(_, _, hash)| hash));
        hash_offsets.push(hashes.len());
    }
    let words_of = |index: usize| &hashes[hash_offsets[index]..hash_offsets[index + 1]];
    // Per word: its count before and after the current candidate; the dot product and squared norms kept as counts change.
    // The keys are already hashes: hashing them again would be most of this loop's work.
    let mut counts: nohash_hasher::IntMap<u64, [i64; 2]> = nohash_hasher::IntMap::default();
    let (mut dot, mut squares) = (0i64, [0i64; 2]);
    let mut change = |word: u64, side: usize, delta: i64, dot: &mut i64, squares: &mut [i64; 2]| {
        let entry = counts.entry(word).or_insert([0, 0]);
        let count = entry[side];
        *dot += delta * entry[1 - side];
        squares[side] += (count + delta) * (count + delta) - count * count;
        entry[side] = count + delta;
    };
    for index in 0..WORD_WINDOW.min(lines.len()) {
        for &word in words_of(index) {
            change(word, 1, 1, &mut dot, &mut squares);
        }
    }
    let mut similarity = Vec::with_capacity(lines.len());
    for index in 0..lines.len() {
        let has_before = index >= WORD_WINDOW / 2 && squares[0] > 0;
        similarity.push(has_before.then(|| if squares[1] == 0 { 0.0 } else { dot as f32 / ((squares[0] as f32).sqrt() * (squares[1] as f32).sqrt()) }));
        // Candidate `index` moves from the after-window to the before-window.
        for &word in words_of(index) {
            change(word, 1, -1, &mut dot, &mut squares);
            change(word, 0, 1, &mut dot, &mut squares);
        }
        if index >= WORD_WINDOW {
            for &word in words_of(index - WORD_WINDOW) {
                change(word, 0, -1, &mut dot, &mut squares);
            }
        }
        if index + WORD_WINDOW < lines.len() {
            for &word in words_of(index + WORD_WINDOW) {
                change(word, 1, 1, &mut dot, &mut squares);
            }
        }
    }
    similarity
}

/// Reads the features of every message of `log`. `chair`: the `#startmeeting` nick, when known.
pub(super) fn gather(log: &Log, people: &PersonLookup, chair: Option<&str>) -> BoundaryFacts {
    let pass = read_cues(log, people, chair);
    let Some(chair) = pass.chair else { return BoundaryFacts::default() };
    let lines: Vec<u32> = (0..log.lines.len()).filter(|&index| matches!(log.lines[index].kind, LineKind::Message | LineKind::Action)).map(|index| index as u32).collect();
    let similarity = word_similarity(log, &lines);
    let mut facts = BoundaryFacts { offsets: vec![0], topic_changes: pass.topic_changes, chair: Some(people.name(chair).to_owned()), ..BoundaryFacts::default() };
    let mut last_said_by: Vec<Option<usize>> = vec![None; people.roster.people().len()];
    let mut next_cue = 0;
    let mut next_closing = 0;
    let mut own: Vec<u8> = Vec::with_capacity(32);
    let mut n_chair_lines = 0;
    let mut chair_has_opened = false;
    let mut last_item_number: Option<u32> = None;
    let (mut last_wrap_up, mut last_closing): (Option<usize>, Option<usize>) = (None, None);
    let mut shapes: Vec<(usize, u8)> = Vec::new();
    let mut shape_counts = [0u32; 256];
    let first_move = pass.cues.iter().find(|cue| cue.strength >= 3).map(|cue| cue.line);
    for (index, &line) in lines.iter().enumerate() {
        let line = line as usize;
        let body = log.body(&log.lines[line]);
        let person = people.of_line(line);
        let words = word_groups(body);
        own.clear();
        own.push(feature::ALWAYS);
        while pass.cues.get(next_cue).is_some_and(|cue| cue.line < line) {
            next_cue += 1;
        }
        if let Some(cue) = pass.cues.get(next_cue).filter(|cue| cue.line == line) {
            own.push(match cue.strength {
                ..=1 => feature::CUE_WEAK,
                2 => feature::CUE_MOVE,
                3 => feature::CUE_STRONG,
                _ => feature::CUE_ANSWER,
            });
            if cue.title.is_some() {
                own.push(feature::CUE_TITLED);
            }
            if cue.wants_title {
                own.push(feature::CUE_WANTS_TITLE);
            }
            if cue.is_aob {
                own.push(feature::CUE_AOB);
            }
            if cue.numbered {
                own.push(feature::CUE_NUMBERED);
            }
            let title = cue.title.clone().or_else(|| title_from_next_line(log, people, &pass.cues, next_cue, line));
            if let Some(title) = title {
                facts.cue_titles.insert(index as u32, title);
            }
        }
        while pass.closings.get(next_closing).is_some_and(|&closing| closing + 6 < line) {
            next_closing += 1;
        }
        if pass.closings[next_closing..].iter().take_while(|&&closing| closing < line).next().is_some() {
            own.push(feature::AFTER_CLOSING);
        }
        if pass.closings[next_closing..].contains(&line) {
            own.push(feature::IS_CLOSING);
        }
        if lines.get(index + 1).is_some_and(|&next| person.is_some() && people.of_line(next as usize) == person) {
            own.push(feature::GOES_ON);
        }
        if let (Some(previous), Some(now)) = (index.checked_sub(1).and_then(|previous| log.lines[lines[previous] as usize].time), log.lines[line].time) {
            let quiet = forward_seconds(previous, now);
            if quiet >= 120 {
                own.push(feature::PAUSE);
            }
            if quiet >= 300 {
                own.push(feature::LONG_PAUSE);
            }
        }
        if let Some(similarity) = similarity[index] {
            if similarity < 0.15 {
                own.push(feature::WORDS_CHANGE);
            }
            if similarity < 0.05 {
                own.push(feature::WORDS_CHANGE_FULLY);
            }
        }
        let shape = LineShape::of(body);
        let n_words = shape.n_words;
        if n_words <= 5 {
            own.push(feature::SHORT);
        }
        if n_words > 25 {
            own.push(feature::LONG);
        }
        if shape.ends_with_bang && n_words <= 8 {
            own.push(feature::EXCLAIMS);
        }
        if words & LINK != 0 {
            own.push(feature::HAS_LINK);
        }
        let first_word = shape.first_word;
        let addresses = (first_word.ends_with(':') || first_word.ends_with(',')) && first_word.len() > 1 && people.person_named(first_word).is_some();
        let asks = shape.has_question;
        if addresses {
            own.push(if asks { feature::ASKS_SOMEONE } else { feature::ADDRESSES_SOMEONE });
        }
        if asks {
            own.push(feature::QUESTION);
        }
        if words & AGENDA != 0 {
            own.push(feature::NAMES_AGENDA);
        }
        if words & STARTING != 0 {
            own.push(feature::STARTS_MEETING);
        }
        if pass.first_agenda_mention == Some(line) {
            own.push(feature::FIRST_AGENDA_MENTION);
        }
        if let Some(person) = person {
            if last_said_by[person].is_none_or(|last| index - last > 4) {
                own.push(feature::RETURNS);
            }
            last_said_by[person] = Some(index);
        }
        let first_bare = first_word.trim_matches(|c: char| !c.is_alphanumeric());
        if ["ok", "okay", "so", "alright", "allright", "right", "now", "next", "moving", "then", "great", "cool", "well", "and"].iter().any(|filler| filler.eq_ignore_ascii_case(first_bare)) {
            own.push(feature::FILLER_START);
        }
        if shape.has_quote {
            own.push(feature::QUOTES);
        }
        // Only the chair's lines: reading a title is the costliest feature, and a topic's name
        // from anyone else is no move.
        if person == Some(chair) && n_words <= 8 && !asks && title_in_line(body, people).is_some() {
            own.push(feature::NAMES_TOPIC);
        }
        let start = body.trim_start().as_bytes();
        let starts_with = |greeting: &str| start.get(..greeting.len()).is_some_and(|head| head.eq_ignore_ascii_case(greeting.as_bytes()));
        if ["hi ", "hi!", "hello", "hey ", "greetings", "welcome", "morning", "evening", "o/", "\\o"].iter().any(|greeting| starts_with(greeting)) || start.eq_ignore_ascii_case(b"hi") {
            own.push(feature::GREETS);
        }
        if words & MEETING != 0 {
            own.push(feature::MEETING_WORDS);
        }
        if person == Some(chair) {
            n_chair_lines += 1;
            if n_chair_lines <= 3 {
                own.push(feature::CHAIR_FIRST_LINES);
            }
        }
        if first_move.is_none_or(|first| line < first) {
            own.push(feature::BEFORE_FIRST_MOVE);
        }
        let is_listed = pass.listed.binary_search(&line).is_ok();
        if let Some(number) = shape.may_number_items.then(|| item_number(body)).flatten() {
            own.push(feature::ITEM_NUMBER);
            if !is_listed {
                if last_item_number.is_some_and(|last| number == last + 1) {
                    own.push(feature::NEXT_IN_SEQUENCE);
                }
                last_item_number = Some(number);
            }
        }
        if is_listed {
            own.push(feature::LISTED_ITEM);
        }
        if words & NEWS != 0 {
            own.push(feature::NEWS_WORDS);
        }
        if words & ORDINAL != 0 {
            own.push(feature::ORDINAL);
            if own.contains(&feature::NAMES_AGENDA) {
                own.push(feature::AGENDA_ORDINAL);
            }
        }
        if asks && n_words <= 6 {
            own.push(feature::SHORT_QUESTION);
        }
        if words & ISSUE_LINK != 0 || shape.has_issue_number {
            own.push(feature::ITEM_REFERENCE);
        }
        if words & LINK != 0 && body.split_whitespace().filter(|word| !word.contains("://")).count() <= 3 {
            own.push(feature::LINK_ONLY);
        }
        if words & MOVING != 0 {
            own.push(feature::MOVE_WORDS);
        }
        if words & WRAP_UP != 0 {
            own.push(feature::WRAPS_UP);
            last_wrap_up = Some(index);
        }
        if last_wrap_up.is_some_and(|wrap_up| wrap_up < index && index - wrap_up <= 4) || last_closing.is_some_and(|closing| closing < index && index - closing <= 4) {
            own.push(feature::AFTER_WRAP_UP);
        }
        if own.contains(&feature::IS_CLOSING) {
            last_closing = Some(index);
        }
        if words & AGENDA != 0 && words & BRINGING != 0 {
            own.push(feature::BRINGS_ITEM);
        }
        let by_chair = person == Some(chair);
        if by_chair && (words & NEWS != 0 || asks) && names_someone_else(body, people, chair) {
            own.push(feature::HANDS_FLOOR);
        }
        if by_chair && !chair_has_opened && (own.contains(&feature::GREETS) || words & (MEETING | STARTING) != 0) {
            chair_has_opened = true;
            own.push(feature::CHAIR_OPENS);
        }
        if by_chair {
            let shape = SHAPE_FEATURES.iter().enumerate().filter(|(_, feature)| own.contains(feature)).fold(0u8, |shape, (bit, _)| shape | 1 << bit);
            shapes.push((index, shape));
            shape_counts[usize::from(shape)] += 1;
        }
        facts.features.extend_from_slice(&own);
        if by_chair {
            facts.features.extend(own.iter().map(|feature| feature + BY_CHAIR));
        }
        facts.offsets.push(facts.features.len() as u32);
    }
    facts.lines = lines;
    add_recurring_shapes(&mut facts, &shapes, &shape_counts);
    facts
}

/// The features whose combination is a chair line's shape, for [`feature::SHAPE_RECURS`].
const SHAPE_FEATURES: [u8; 8] = [feature::ITEM_NUMBER, feature::ITEM_REFERENCE, feature::LINK_ONLY, feature::SHORT, feature::NAMES_TOPIC, feature::CUE_TITLED, feature::QUOTES, feature::QUESTION];

/// Marks the chair's lines whose shape (not the plain one) the chair uses four times or more.
fn add_recurring_shapes(facts: &mut BoundaryFacts, shapes: &[(usize, u8)], shape_counts: &[u32; 256]) {
    let recurring: Vec<usize> = shapes.iter().filter(|(_, shape)| *shape != 0 && shape_counts[usize::from(*shape)] >= 4).map(|(index, _)| *index).collect();
    if recurring.is_empty() {
        return;
    }
    let mut features = Vec::with_capacity(facts.features.len() + 2 * recurring.len());
    let mut offsets = Vec::with_capacity(facts.offsets.len());
    offsets.push(0);
    let mut next = recurring.iter().peekable();
    for index in 0..facts.lines.len() {
        features.extend_from_slice(facts.features_of(index));
        if next.peek() == Some(&&index) {
            next.next();
            features.extend([feature::SHAPE_RECURS, feature::SHAPE_RECURS + BY_CHAIR]);
        }
        offsets.push(features.len() as u32);
    }
    facts.features = features;
    facts.offsets = offsets;
}

/// Whether a word of `body` (up to twelve) is a person of the log other than `chair`.
fn names_someone_else(body: &str, people: &PersonLookup, chair: usize) -> bool {
    body.split_whitespace().take(12).any(|word| word.len() >= 3 && people.person_named(word).is_some_and(|person| person != chair))
}

/// What one scan of a message's bytes tells: it runs over every message, so it is one loop.
#[derive(Debug, Clone, Copy)]
struct LineShape<'a> {
    /// Words, counted up to 26.
    n_words: usize,
    first_word: &'a str,
    has_question: bool,
    /// `"` or `“`.
    has_quote: bool,
    /// "#123", or a line that starts with a number of three digits or more ("230: I'm not sure").
    has_issue_number: bool,
    /// A digit just before ")" or ".": the line may number an item.
    may_number_items: bool,
    ends_with_bang: bool,
}

impl<'a> LineShape<'a> {
    fn of(body: &'a str) -> LineShape<'a> {
        let bytes = body.as_bytes();
        let (mut n_words, mut in_word, mut first_word) = (0, false, (0, 0));
        let (mut has_question, mut has_quote, mut has_issue_number, mut may_number_items) = (false, false, false, false);
        let leading_digits = bytes.iter().take_while(|byte| byte.is_ascii_digit()).count();
        for (at, &byte) in bytes.iter().enumerate() {
            if byte.is_ascii_whitespace() {
                if in_word && n_words == 1 {
                    first_word.1 = at;
                }
                in_word = false;
                continue;
            }
            if !in_word {
                in_word = true;
                n_words += 1;
                if n_words == 1 {
                    first_word = (at, bytes.len());
                }
            }
            match byte {
                b'?' => has_question = true,
                b'"' => has_quote = true,
                // The first byte of `“` (E2 80 9C).
                0xe2 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x9c]) => has_quote = true,
                b'#' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => has_issue_number = true,
                b')' | b'.' if at > 0 && bytes[at - 1].is_ascii_digit() => may_number_items = true,
                _ => {}
            }
        }
        LineShape {
            n_words: n_words.min(26),
            first_word: &body[first_word.0..first_word.1],
            has_question,
            has_quote,
            has_issue_number: has_issue_number || leading_digits >= 3,
            may_number_items,
            ends_with_bang: body.trim_end().ends_with('!'),
        }
    }
}

// Groups of words looked for in every message, as bits: [`word_groups`] finds them all in one pass.
const AGENDA: u16 = 1;
const STARTING: u16 = 1 << 1;
const MEETING: u16 = 1 << 2;
const NEWS: u16 = 1 << 3;
const ORDINAL: u16 = 1 << 4;
const MOVING: u16 = 1 << 5;
const WRAP_UP: u16 = 1 << 6;
const LINK: u16 = 1 << 7;
const ISSUE_LINK: u16 = 1 << 8;
const BRINGING: u16 = 1 << 9;

/// (group, whole words only, phrases), matched without regard to ASCII case.
const WORD_GROUPS: [(u16, bool, &[&str]); 10] = [
    (AGENDA, false, &["agenda", "item", "topic"]),
    (STARTING, false, &["let's start", "lets start", "get started", "let's begin", "lets begin", "get going", "welcome", "kick off", "let's do th", "lets do th"]),
    (MEETING, true, &["meeting", "call", "catchup", "catch-up", "sync", "started", "start"]),
    (NEWS, true, &["news", "update", "updates", "status", "progress", "tell us", "report", "going on", "how's", "hows", "happening"]),
    (ORDINAL, true, &["first", "next", "last", "finally", "another", "one more"]),
    (MOVING, true, &["move on", "moving on", "move to", "continue", "pick up", "jump", "switch", "segue", "divert", "go on to", "onto"]),
    (WRAP_UP, true, &["that's all", "thats all", "that's it", "that's about it", "done", "wrap up", "wrap it up", "settled", "all set"]),
    (LINK, false, &["http"]),
    (ISSUE_LINK, false, &["/pull/", "/issues/"]),
    (BRINGING, true, &["i put", "i'd put", "i added", "i've added", "added", "i had", "we have", "there is", "there's", "i see", "i stuck", "i'd like", "wanted to", "from"]),
];

/// One automaton for every phrase of [`WORD_GROUPS`], and each pattern's (group, whole words only).
fn word_automaton() -> &'static (aho_corasick::AhoCorasick, Vec<(u16, bool)>) {
    static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<(u16, bool)>)> = std::sync::OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let patterns: Vec<(&str, u16, bool)> = WORD_GROUPS.iter().flat_map(|(group, whole, phrases)| phrases.iter().map(move |phrase| (*phrase, *group, *whole))).collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|(phrase, _, _)| phrase))
            .expect("a handful of short phrases make an automaton");
        (automaton, patterns.iter().map(|(_, group, whole)| (*group, *whole)).collect())
    })
}

/// The groups of [`WORD_GROUPS`] that `body` holds; a whole-words phrase must start and end at word boundaries.
fn word_groups(body: &str) -> u16 {
    let (automaton, groups) = word_automaton();
    let mut found = 0;
    for hit in automaton.find_overlapping_iter(body) {
        let (group, whole) = groups[hit.pattern().as_usize()];
        if found & group != 0 {
            continue;
        }
        let at_boundaries = !whole || (!body[..hit.start()].chars().next_back().is_some_and(char::is_alphanumeric) && !body[hit.end()..].chars().next().is_some_and(char::is_alphanumeric));
        if at_boundaries {
            found |= group;
        }
    }
    found
}

/// The number of an agenda's numbering written as a word among the first twelve: "2)", "(4)",
/// "6.", "2b)", "10/11)" (10), but not "2.8.0".
fn item_number(body: &str) -> Option<u32> {
    body.split_whitespace().take(12).find_map(|word| {
        let word = word.strip_prefix('(').unwrap_or(word);
        let digits = word.bytes().take_while(|byte| byte.is_ascii_digit() || *byte == b'/').count();
        let rest = &word[digits..];
        let rest = rest.strip_prefix(|c: char| c.is_ascii_lowercase()).filter(|after| after.starts_with(')')).unwrap_or(rest);
        let is_numbering = (1..=5).contains(&digits) && word.as_bytes()[0].is_ascii_digit() && (rest == ")" || rest == ".");
        is_numbering.then(|| word[..digits].split('/').next().and_then(|number| number.parse().ok())).flatten()
    })
}

/// The sections' starts and titles under `model`, topic changes merged in.
pub(super) fn decide(log: &Log, people: &PersonLookup, facts: &BoundaryFacts, model: &BoundaryModel) -> Vec<Start> {
    let candidates = facts.start_candidates(model);
    let mut starts: Vec<Start> = Vec::with_capacity(candidates.len());
    for (order, &index) in candidates.iter().enumerate() {
        let line = facts.lines[index] as usize;
        let next_start = candidates.get(order + 1).map_or(facts.len(), |&next| next);
        let body = log.body(&log.lines[line]);
        // A cue's title, or that of a cue just after that the spacing kept from opening its own
        // section ("what's the next topic?" answered by "Outreachy - …").
        let cue_title = (index..(index + SPACING + 1).min(next_start)).find_map(|at| facts.cue_titles.get(&(at as u32)));
        let named = |title: &String| !is_vague_title(title, people);
        let title = match cue_title.filter(|title| named(title)) {
            Some(title) => title.clone(),
            None if order == 0 => String::from("Opening"),
            None => title_in_line(body, people)
                .filter(|title| title.split_whitespace().count() <= 4 && !body.contains('?') && named(title) && recurs(log, facts, title, index, next_start))
                .or_else(|| keyword_title(log, people, facts, index, next_start))
                .or_else(|| cue_title.cloned())
                .unwrap_or_else(|| String::from("Next topic")),
        };
        starts.push(Start { line, title, how: Boundary::Phrase });
    }
    if !starts.is_empty() && !facts.topic_changes.is_empty() {
        starts.extend(facts.topic_changes.iter().cloned());
        starts.sort_by_key(|start| start.line);
        starts.dedup_by_key(|start| start.line);
    }
    starts
}

/// The word a section's first messages use most that the messages before it did not: its topic's name.
fn keyword_title(log: &Log, people: &PersonLookup, facts: &BoundaryFacts, start: usize, next_start: usize) -> Option<String> {
    let body_of = |index: usize| log.body(&log.lines[facts.lines[index] as usize]);
    // Per word: (weight, first candidate, offset there, as written there).
    let mut counts: HashMap<u64, (i32, usize, usize, &str)> = HashMap::new();
    for index in start..next_start.min(start + 12) {
        for (offset, word, hash) in content_words(body_of(index)) {
            let entry = counts.entry(hash).or_insert((0, index, offset, word));
            entry.0 += 2;
        }
    }
    for index in start.saturating_sub(30)..start {
        for (_, _, hash) in content_words(body_of(index)) {
            if let Some(entry) = counts.get_mut(&hash) {
                entry.0 -= 1;
            }
        }
    }
    // A name ("Solo5", "jbuilder", "mirage-www") says more than a plain word ("work", "news"),
    // and a person is no topic. The earliest of the best, so the choice never depends on the map's order.
    let is_name_like = |word: &str| word.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.') || word.starts_with(char::is_uppercase);
    let (count, _, _, word) = counts
        .into_values()
        .filter(|(count, _, _, word)| *count >= 4 && !word.contains("http") && people.person_named(word).is_none())
        .max_by_key(|(count, first, offset, word)| (*count + if is_name_like(word) { 4 } else { 0 }, std::cmp::Reverse((*first, *offset))))?;
    let title = tidy_title(word);
    (count >= 4 && !title.is_empty()).then_some(title)
}

/// Whether a word of `title` (a content word: four letters or more, not a common one) comes
/// back in the section's next dozen messages: a topic's name does ("Outreachy", then "both
/// Outreachy interns…"), "Aha" or "apologies for the late reminder" do not.
fn recurs(log: &Log, facts: &BoundaryFacts, title: &str, start: usize, next_start: usize) -> bool {
    let words: Vec<u64> = content_words(title).map(|(_, _, hash)| hash).collect();
    (start + 1..next_start.min(start + 13)).any(|index| content_words(log.body(&log.lines[facts.lines[index] as usize])).any(|(_, _, hash)| words.contains(&hash)))
}

/// Words a title may hold that name no topic: "first item", "moving on", "let's get started".
const VAGUE_WORDS: &[&str] = &[
    "a", "about", "and", "agenda", "are", "begin", "call", "final", "first", "fun", "get", "go", "going", "item", "it", "last", "let's", "lets", "meeting", "more", "move", "moving", "next", "now", "of", "ok", "on",
    "one", "onto", "point", "start", "started", "that", "the", "then", "they", "thing", "this", "to", "topic", "up", "we", "with",
];

/// A title that names no topic: only [`VAGUE_WORDS`], no letter at all, or a person of the log.
fn is_vague_title(title: &str, people: &PersonLookup) -> bool {
    let words: Vec<&str> = title.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|word| !word.is_empty()).collect();
    let all_vague = words.iter().all(|word| VAGUE_WORDS.iter().any(|vague| vague.eq_ignore_ascii_case(word)));
    all_vague || (words.len() == 1 && people.person_named(words[0]).is_some())
}
