//! The boundary model: every message of a meeting scored as a possible section start, from binary
//! features (the chairing cue it holds, who says it, the pause before it, how much the words change
//! around it), with weights learned from the hand-annotated meetings in `tests/agenda-gold/`.
//!
//! Sections start at the best-scoring messages that reach the model's threshold, no two within
//! [`SPACING`] messages of each other; a log with fewer than two is not given an agenda.

use std::collections::HashMap;

use super::feature::{self, BY_CHAIR, N_FEATURES};
use super::phrases::{read_cues, title_from_next_line};
use super::keywords::{keyword_title, recurs};
use super::titles::{is_vague_title, title_in_line};
use super::weights::{THRESHOLD, WEIGHTS};
use super::words::{item_number, word_groups, word_similarity, LineShape, AGENDA, BRINGING, ISSUE_LINK, LINK, MEETING, MOVING, NEWS, ORDINAL, STARTING, WRAP_UP};
use super::{forward_seconds, Boundary, PersonLookup, Start};
use crate::model::{LineKind, Log};

/// No two sections start within this many messages of each other.
pub const SPACING: usize = 3;

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
        // The closings are in order: the search stops at this line, not at the log's end.
        if pass.closings[next_closing..].iter().take_while(|&&closing| closing <= line).any(|&closing| closing == line) {
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
        // A word group found is its feature.
        for (group, group_feature) in [(AGENDA, feature::NAMES_AGENDA), (STARTING, feature::STARTS_MEETING), (MEETING, feature::MEETING_WORDS), (NEWS, feature::NEWS_WORDS), (MOVING, feature::MOVE_WORDS)] {
            if words & group != 0 {
                own.push(group_feature);
            }
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
                .filter(|title| title.split_whitespace().count() <= 4 && !body.contains('?') && named(title) && recurs(log, &facts.lines, title, index, next_start))
                .or_else(|| keyword_title(log, people, &facts.lines, index, next_start))
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
