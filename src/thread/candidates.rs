//! The reply model's candidates: for one line, every candidate parent in the window before it
//! (and "no parent", which starts a conversation) as a short list of binary feature ids.

use super::facts::{Facts, Naming, ANSWER, COMMAND, FIRST_OF_SPEAKER, GREETING, JOIN, NONE, QUESTION, SPOKEN, THANKS};
use super::feature::{self, coarse, gap_bucket, line_bucket, naming_index, rank_bucket, rarity_bucket, spoken_bucket, words_bucket};

/// How many lines back a parent may be: 98% of the benchmark's links are within 50 lines.
pub const WINDOW: usize = 60;

/// Spoken lines this close are always candidates; further back, only lines of the same
/// speaker or of someone they named or answered, which keeps the work per line small. Six, not
/// twelve: the same dev F (71.5), a fifth fewer candidates in a meeting.
const ALWAYS_SCORED: usize = 6;

/// The candidates of one line: `lines[k]` (`NONE` for "no parent", always last) has the
/// features `features[starts[k]..starts[k + 1]]`.
#[derive(Default)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // Training (native only) scores whole candidate lists.
pub struct Candidates {
    pub lines: Vec<u32>,
    pub starts: Vec<u32>,
    pub features: Vec<u16>,
    relation_offset: u16,
}

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
impl Candidates {
    pub fn features_of(&self, candidate: usize) -> &[u16] {
        &self.features[self.starts[candidate] as usize..self.starts[candidate + 1] as usize]
    }

    pub fn score(&self, candidate: usize, weights: &[f32]) -> f32 {
        self.features_of(candidate).iter().map(|&id| weights.get(usize::from(id)).copied().unwrap_or(0.0)).sum()
    }

}

/// Where a candidate's feature ids go: stored for training ([`Candidates`]), or summed into
/// scores as the model runs. Each id counts twice: as itself and in its relation's copy.
pub trait Sink {
    fn clear(&mut self);
    /// A candidate begins, in relation class `relation`.
    fn start(&mut self, relation: u16);
    fn feature(&mut self, id: u16);
    /// The candidate is complete: `line`, or `NONE` for "no parent".
    fn finish(&mut self, line: u32);
}

/// Where relation class `relation`'s copy of the features starts.
pub fn relation_offset(relation: u16) -> u16 {
    feature::N_BASE_FEATURES * (1 + relation)
}

impl Sink for Candidates {
    fn clear(&mut self) {
        self.lines.clear();
        self.starts.clear();
        self.features.clear();
        self.starts.push(0);
    }

    fn start(&mut self, relation: u16) {
        self.relation_offset = relation_offset(relation);
    }

    fn feature(&mut self, id: u16) {
        self.features.push(id);
        self.features.push(id + self.relation_offset);
    }

    fn finish(&mut self, line: u32) {
        self.lines.push(line);
        self.starts.push(self.features.len() as u32);
    }
}

/// Walks the log forward, keeping what the features need about each person.
pub struct Scan<'f> {
    facts: &'f Facts,
    last_spoken_of: Vec<u32>,
    last_join_of: Vec<u32>,
    /// Whom each person last named, or was last named by.
    partner: Vec<u32>,
    /// Whom each person last answered or was last answered by, by the links found so far.
    implicit_partner: Vec<u32>,
    /// The parent found for each line so far.
    parent_of: Vec<u32>,
    n_replies: Vec<u8>,
    /// Lines seen per person while walking back through the window.
    seen: Vec<u16>,
    touched: Vec<u32>,
    last_spoken: u32,
}

impl<'f> Scan<'f> {
    pub fn new(facts: &'f Facts) -> Scan<'f> {
        Scan {
            facts,
            last_spoken_of: vec![NONE; facts.n_people],
            last_join_of: vec![NONE; facts.n_people],
            partner: vec![NONE; facts.n_people],
            implicit_partner: vec![NONE; facts.n_people],
            parent_of: vec![NONE; facts.len()],
            n_replies: vec![0; facts.len()],
            seen: vec![0; facts.n_people],
            touched: Vec::new(),
            last_spoken: NONE,
        }
    }

    /// The latest spoken line of `person` before the current line.
    pub fn last_spoken_of(&self, person: u32) -> Option<usize> {
        let line = *self.last_spoken_of.get(person as usize)?;
        (line != NONE).then_some(line as usize)
    }

    /// Fills `out` with the candidates for spoken line `target`: the spoken lines of the window,
    /// latest first, then "no parent". Call [`Scan::advance`] for every line in order.
    pub fn candidates<S: Sink>(&mut self, target: usize, sink: &mut S) {
        sink.clear();
        let facts = self.facts;
        let speaker = facts.speaker[target];
        let flags = facts.flags[target];
        let names = facts.names_of(target);
        let names_anyone = !names.is_empty();
        let partner = self.partner.get(speaker as usize).copied().unwrap_or(NONE);
        let implicit_partner = self.implicit_partner.get(speaker as usize).copied().unwrap_or(NONE);
        let own_last = self.last_spoken_of.get(speaker as usize).copied().unwrap_or(NONE);
        let mut named_in_window = [false; 3];
        let mut partner_in_window = false;

        let window_start = target.saturating_sub(WINDOW);
        let mut spoken_distance = 0usize;
        for candidate in (window_start..target).rev() {
            let candidate_flags = facts.flags[candidate];
            if candidate_flags & SPOKEN == 0 {
                continue;
            }
            spoken_distance += 1;
            let candidate_speaker = facts.speaker[candidate];
            let rank = match self.seen.get_mut(candidate_speaker as usize) {
                Some(seen) => {
                    if *seen == 0 {
                        self.touched.push(candidate_speaker);
                    }
                    *seen = seen.saturating_add(1);
                    *seen
                }
                None => 1,
            };
            let distance = target - candidate;
            let near = coarse(spoken_distance);
            let same_speaker = speaker != NONE && candidate_speaker == speaker;
            let candidate_names = facts.names_of(candidate);
            let target_names = names.iter().find(|named| named.speaker == candidate_speaker && candidate_speaker != NONE);
            let names_target = speaker != NONE && candidate_names.iter().any(|named| named.speaker == speaker);
            if spoken_distance > ALWAYS_SCORED && !same_speaker {
                let related = candidate_speaker != NONE
                    && speaker != NONE
                    && (candidate_speaker == partner
                        || candidate_speaker == implicit_partner
                        || target_names.is_some()
                        || names_target
                        || self.parent_of[candidate] != NONE && facts.speaker[self.parent_of[candidate] as usize] == speaker);
                if !related {
                    continue;
                }
            }
            let feature = |group: u16, index: u16| group + index;
            let relation = if same_speaker {
                0
            } else if target_names.is_some() {
                1
            } else if names_target {
                2
            } else {
                3
            };
            sink.start(relation);
            sink.feature(feature(feature::DISTANCE, line_bucket(distance)));
            sink.feature(feature(feature::SPOKEN_DISTANCE, spoken_bucket(spoken_distance)));
            let gap = gap_bucket(facts.seconds[candidate], facts.seconds[target]);
            sink.feature(feature(feature::GAP, gap));
            sink.feature(feature(feature::RANK_BY_DISTANCE, rank_bucket(rank) * 4 + near));
            if same_speaker {
                sink.feature(feature(feature::SAME_SPEAKER_BY_GAP, gap));
                sink.feature(feature(feature::SAME_SPEAKER_BY_RANK, rank_bucket(rank)));
                sink.feature(feature(feature::SAME_SPEAKER_BY_DISTANCE, near));
            }
            match target_names {
                Some(named) => {
                    sink.feature(feature(feature::TARGET_NAMES_CANDIDATE_BY_RANK, naming_index(named.how) * 4 + rank_bucket(rank)));
                    sink.feature(feature(feature::TARGET_NAMES_CANDIDATE_BY_DISTANCE, near));
                }
                None if names.iter().any(|named| named.how != Naming::Mention) => sink.feature(feature(feature::TARGET_NAMES_OTHER_BY_DISTANCE, near)),
                None => {}
            }
            if target_names.is_some() {
                let index = match names_target {
                    true => 0,
                    false if candidate_names.is_empty() => 1,
                    false => 2,
                };
                sink.feature(feature(feature::TARGET_NAMES_CANDIDATE_WHO_NAMES, index));
            }
            if candidate_flags & COMMAND != 0 {
                sink.feature(feature(feature::CANDIDATE_COMMAND_BY_DISTANCE, near));
                // `!factoid | nick`, then the bot's `nick: …`.
                if candidate_names.iter().any(|named| names.iter().any(|target_named| target_named.speaker == named.speaker)) {
                    sink.feature(feature(feature::COMMAND_NAMES_WHOM_TARGET_NAMES, 0));
                }
            }
            if own_last != NONE && self.parent_of[own_last as usize] == candidate as u32 {
                sink.feature(feature(feature::SAME_PARENT_AS_OWN_LAST, u16::from(same_speaker)));
            }
            match candidate_names.iter().find(|named| named.speaker == speaker && speaker != NONE) {
                Some(named) => {
                    sink.feature(feature(feature::CANDIDATE_NAMES_TARGET_BY_RANK, naming_index(named.how) * 4 + rank_bucket(rank)));
                    sink.feature(feature(feature::CANDIDATE_NAMES_TARGET_BY_DISTANCE, near));
                    named_in_window[usize::from(naming_index(named.how))] = true;
                }
                None if !candidate_names.is_empty() => sink.feature(feature(feature::CANDIDATE_NAMES_OTHER, near)),
                None => {}
            }
            if candidate_speaker == partner && partner != NONE {
                sink.feature(feature(feature::PARTNER_BY_RANK, rank_bucket(rank)));
                sink.feature(feature(feature::PARTNER_BY_DISTANCE, near));
                partner_in_window = true;
            }
            let candidate_parent = self.parent_of[candidate];
            if candidate_parent != NONE && speaker != NONE && facts.speaker[candidate_parent as usize] == speaker {
                sink.feature(feature(feature::CANDIDATE_ANSWERED_TARGET_BY_RANK, rank_bucket(rank)));
                sink.feature(feature(feature::CANDIDATE_ANSWERED_TARGET_BY_DISTANCE, near));
            }
            if candidate_speaker != NONE && self.implicit_partner.get(speaker as usize) == Some(&candidate_speaker) {
                sink.feature(feature(feature::IMPLICIT_PARTNER_BY_RANK, rank_bucket(rank)));
            }
            sink.feature(feature(feature::CANDIDATE_REPLIES, u16::from(self.n_replies[candidate].min(2))));
            if candidate_flags & QUESTION != 0 {
                sink.feature(feature(feature::CANDIDATE_QUESTION_BY_DISTANCE, near));
                if flags & ANSWER != 0 {
                    sink.feature(feature(feature::QUESTION_ANSWER, 0));
                }
                if flags & THANKS != 0 {
                    sink.feature(feature(feature::QUESTION_ANSWER, 1));
                }
                if flags & QUESTION != 0 {
                    sink.feature(feature(feature::QUESTION_ANSWER, 2));
                }
            }
            if flags & ANSWER != 0 {
                sink.feature(feature(feature::TARGET_ANSWER_BY_DISTANCE, near));
            }
            if flags & QUESTION != 0 {
                sink.feature(feature(feature::TARGET_QUESTION_BY_DISTANCE, near));
            }
            let overlap = (facts.signature[candidate] & facts.signature[target]).count_ones().min(4) as u16;
            sink.feature(feature(feature::OVERLAP, overlap));
            if same_speaker {
                sink.feature(feature(feature::OVERLAP_SAME_SPEAKER, overlap));
            }
            if target_names.is_some() {
                sink.feature(feature(feature::OVERLAP_NAMED, overlap));
            }
            // The signature holds the same words: no common bit, no common word.
            let (shared, rarest) = if overlap == 0 { (0, 0) } else { facts.words.shared(candidate, target) };
            if shared > 0 {
                sink.feature(feature(feature::SHARED_WORDS, shared.min(4) - 1));
                sink.feature(feature(feature::RAREST_SHARED, rarity_bucket(rarest)));
            }
            let long_overlap = (facts.long_signature[candidate] & facts.long_signature[target]).count_ones().min(3) as u16;
            sink.feature(feature(feature::LONG_OVERLAP, long_overlap));
            for (bit, index) in [(GREETING, 0), (THANKS, 1), (ANSWER, 2)] {
                if candidate_flags & bit != 0 {
                    sink.feature(feature(feature::CANDIDATE_FLAGS, index));
                }
            }
            if flags & GREETING != 0 {
                sink.feature(feature(feature::TARGET_GREETING_BY_DISTANCE, near));
            }
            sink.feature(feature(feature::CANDIDATE_WORDS, words_bucket(facts.n_words[candidate])));
            if candidate_flags & FIRST_OF_SPEAKER != 0 {
                sink.feature(feature(feature::CANDIDATE_FIRST_OF_SPEAKER, 0));
            }
            sink.feature(feature(feature::RANK, rank_bucket(rank)));
            if !names_anyone {
                sink.feature(feature(feature::RANK_UNNAMED_TARGET, rank_bucket(rank)));
            }
            let joined = self.last_join_of.get(candidate_speaker as usize).copied().unwrap_or(NONE);
            if joined != NONE && (joined as usize) < candidate && candidate - (joined as usize) <= 30 {
                sink.feature(feature(feature::CANDIDATE_JOINED_RECENTLY, near));
            }
            if own_last == NONE {
                sink.feature(feature(feature::TARGET_FIRST_LINE_BY_DISTANCE, near));
            }
            if !names_anyone && candidate_names.is_empty() {
                sink.feature(feature(feature::BOTH_UNNAMED_BY_DISTANCE, near));
            }
            if rank > 1 {
                sink.feature(feature(feature::CANDIDATE_SPEAKER_SPOKE_SINCE, if same_speaker { 0 } else { 1 }));
            }
            sink.finish(candidate as u32);
        }

        // "No parent" comes last; its features are about the target alone.
        let feature = |group: u16, index: u16| group + index;
        // Apart for lines that name someone and lines that do not.
        sink.start(if names_anyone { 0 } else { 1 });
        sink.feature(feature(feature::SELF_BIAS, 0));
        for (bit, index) in [(QUESTION, 0), (ANSWER, 1), (THANKS, 2), (GREETING, 3)] {
            if flags & bit != 0 {
                sink.feature(feature(feature::SELF_TARGET_FLAGS, index));
            }
        }
        if names.iter().any(|named| named.how == Naming::Address) {
            sink.feature(feature(feature::SELF_TARGET_FLAGS, 4));
        } else if names_anyone {
            sink.feature(feature(feature::SELF_TARGET_FLAGS, 5));
        }
        if own_last == NONE {
            sink.feature(feature(feature::SELF_FIRST_LINE_OF_SPEAKER, 0));
            sink.feature(feature(feature::SELF_LINES_SINCE_OWN_LAST, 7));
        } else {
            sink.feature(feature(feature::SELF_LINES_SINCE_OWN_LAST, line_bucket(target - own_last as usize).min(6)));
        }
        let joined = self.last_join_of.get(speaker as usize).copied().unwrap_or(NONE);
        let since_join = if joined == NONE { 5 } else { (line_bucket(target - joined as usize) / 2).min(4) };
        sink.feature(feature(feature::SELF_LINES_SINCE_JOIN, since_join));
        let previous_seconds = if self.last_spoken == NONE { NONE } else { facts.seconds[self.last_spoken as usize] };
        sink.feature(feature(feature::SELF_GAP_SINCE_LAST_SPOKEN, gap_bucket(previous_seconds, facts.seconds[target])));
        sink.feature(feature(feature::SELF_WORDS, words_bucket(facts.n_words[target])));
        for (index, named) in named_in_window.iter().enumerate() {
            if *named {
                sink.feature(feature(feature::SELF_NAMED_IN_WINDOW, index as u16));
            }
        }
        sink.feature(feature(feature::SELF_PARTNER_IN_WINDOW, u16::from(partner_in_window)));
        if flags & COMMAND != 0 {
            sink.feature(feature(feature::SELF_COMMAND, 0));
        }
        if own_last != NONE && self.parent_of[own_last as usize] == NONE {
            sink.feature(feature(feature::SELF_OWN_LAST_STARTED, 0));
        }
        sink.finish(NONE);

        for person in self.touched.drain(..) {
            if let Some(seen) = self.seen.get_mut(person as usize) {
                *seen = 0;
            }
        }
    }

    /// Takes line `line`, and the parent found for it (`NONE` if none), into account for the
    /// lines after it.
    pub fn advance(&mut self, line: usize, parent: u32) {
        let facts = self.facts;
        let speaker = facts.speaker[line];
        if parent != NONE {
            self.parent_of[line] = parent;
            if let Some(count) = self.n_replies.get_mut(parent as usize) {
                *count = count.saturating_add(1);
            }
            let parent_speaker = facts.speaker.get(parent as usize).copied().unwrap_or(NONE);
            if speaker != NONE && parent_speaker != NONE && parent_speaker != speaker {
                self.implicit_partner[speaker as usize] = parent_speaker;
                self.implicit_partner[parent_speaker as usize] = speaker;
            }
        }
        if speaker == NONE {
            return;
        }
        let person = speaker as usize;
        if facts.flags[line] & SPOKEN != 0 {
            if let Some(last) = self.last_spoken_of.get_mut(person) {
                *last = line as u32;
            }
            self.last_spoken = line as u32;
            for named in facts.names_of(line) {
                if named.how != Naming::Mention {
                    if let Some(partner) = self.partner.get_mut(person) {
                        *partner = named.speaker;
                    }
                    if let Some(partner) = self.partner.get_mut(named.speaker as usize) {
                        *partner = speaker;
                    }
                }
            }
        } else if facts.flags[line] & JOIN != 0 {
            if let Some(joined) = self.last_join_of.get_mut(person) {
                *joined = line as u32;
            }
        }
    }
}
