//! The reply model's candidates: for one line, every candidate parent in the window before it
//! (and "no parent", which starts a conversation) as a short list of binary feature ids.

use super::facts::{Facts, Naming, ANSWER, COMMAND, FIRST_OF_SPEAKER, GREETING, JOIN, NONE, QUESTION, SPOKEN, THANKS};
use super::feature::{self, coarse, gap_bucket, line_bucket, naming_index, rank_bucket, rarity_bucket, spoken_bucket, words_bucket};
use super::sink::Sink;

/// How many lines back a parent may be: 98% of the benchmark's links are within 50 lines.
pub const WINDOW: usize = 60;

/// Spoken lines this close are always candidates; further back, only lines of the same
/// speaker or of someone they named or answered, which keeps the work per line small. Six, not
/// twelve: the same dev F (71.5), a fifth fewer candidates in a meeting.
const ALWAYS_SCORED: usize = 6;

/// The lines of `lines` (in order) at or after `window_start`, latest first.
fn in_window(lines: &[u32], window_start: u32) -> impl Iterator<Item = u32> + '_ {
    lines.iter().rev().copied().take_while(move |&line| line >= window_start)
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
    last_spoken: u32,
    /// The spoken lines so far, and where each spoken line is in it: how many spoken lines lie
    /// between two is a subtraction.
    spoken: Vec<u32>,
    spoken_index: Vec<u32>,
    /// Per person, the lines they said, the lines that name them and the lines found to answer
    /// them, in order: a line's candidates further back than [`ALWAYS_SCORED`] are read from
    /// these rather than by walking every line of the window.
    said_by: Vec<Vec<u32>>,
    naming: Vec<Vec<u32>>,
    answering: Vec<Vec<u32>>,
    /// Where each spoken line is in its speaker's `said_by`.
    said_index: Vec<u32>,
    /// The current line's candidates, latest first.
    chosen: Vec<u32>,
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
            last_spoken: NONE,
            spoken: Vec::new(),
            spoken_index: vec![NONE; facts.len()],
            said_by: vec![Vec::new(); facts.n_people],
            naming: vec![Vec::new(); facts.n_people],
            answering: vec![Vec::new(); facts.n_people],
            said_index: vec![NONE; facts.len()],
            chosen: Vec::new(),
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
        let names_someone_directly = names.iter().any(|named| named.how != Naming::Mention);
        let own_last_parent = if own_last == NONE { NONE } else { self.parent_of[own_last as usize] };
        let mut named_in_window = [false; 3];
        let mut partner_in_window = false;

        let window_start = target.saturating_sub(WINDOW) as u32;
        // The candidates: the latest spoken lines, and further back in the window only lines of
        // the same speaker or of someone they named or answered.
        let mut chosen = std::mem::take(&mut self.chosen);
        chosen.clear();
        chosen.extend(in_window(&self.spoken[self.spoken.len().saturating_sub(ALWAYS_SCORED)..], window_start));
        if speaker != NONE {
            for person in [speaker, partner, implicit_partner].into_iter().chain(names.iter().map(|named| named.speaker)) {
                if let Some(lines) = self.said_by.get(person as usize) {
                    chosen.extend(in_window(lines, window_start));
                }
            }
            chosen.extend(in_window(&self.naming[speaker as usize], window_start));
            chosen.extend(in_window(&self.answering[speaker as usize], window_start));
        }
        chosen.sort_unstable_by(|a, b| b.cmp(a));
        chosen.dedup();
        let spoken_before = self.spoken.len();
        for &candidate in &chosen {
            let candidate = candidate as usize;
            let candidate_flags = facts.flags[candidate];
            let spoken_distance = spoken_before - self.spoken_index[candidate] as usize;
            let candidate_speaker = facts.speaker[candidate];
            // This line and the speaker's later lines before the target.
            let rank = match self.said_by.get(candidate_speaker as usize) {
                Some(lines) => (lines.len() - self.said_index[candidate] as usize).min(usize::from(u16::MAX)) as u16,
                None => 1,
            };
            let distance = target - candidate;
            let near = coarse(spoken_distance);
            let same_speaker = speaker != NONE && candidate_speaker == speaker;
            let candidate_names = facts.names_of(candidate);
            let target_names = names.iter().find(|named| named.speaker == candidate_speaker && candidate_speaker != NONE);
            let candidate_names_target = if speaker == NONE { None } else { candidate_names.iter().find(|named| named.speaker == speaker) };
            let names_target = candidate_names_target.is_some();
            let candidate_parent = self.parent_of[candidate];
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
            sink.feature_if(same_speaker, feature(feature::SAME_SPEAKER_BY_GAP, gap));
            sink.feature_if(same_speaker, feature(feature::SAME_SPEAKER_BY_RANK, rank_bucket(rank)));
            sink.feature_if(same_speaker, feature(feature::SAME_SPEAKER_BY_DISTANCE, near));
            match target_names {
                Some(named) => {
                    sink.feature(feature(feature::TARGET_NAMES_CANDIDATE_BY_RANK, naming_index(named.how) * 4 + rank_bucket(rank)));
                    sink.feature(feature(feature::TARGET_NAMES_CANDIDATE_BY_DISTANCE, near));
                }
                None if names_someone_directly => sink.feature(feature(feature::TARGET_NAMES_OTHER_BY_DISTANCE, near)),
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
            sink.feature_if(own_last_parent == candidate as u32, feature(feature::SAME_PARENT_AS_OWN_LAST, u16::from(same_speaker)));
            match candidate_names_target {
                Some(named) => {
                    sink.feature(feature(feature::CANDIDATE_NAMES_TARGET_BY_RANK, naming_index(named.how) * 4 + rank_bucket(rank)));
                    sink.feature(feature(feature::CANDIDATE_NAMES_TARGET_BY_DISTANCE, near));
                    named_in_window[usize::from(naming_index(named.how))] = true;
                }
                None => sink.feature_if(!candidate_names.is_empty(), feature(feature::CANDIDATE_NAMES_OTHER, near)),
            }
            let is_partner = candidate_speaker == partner && partner != NONE;
            sink.feature_if(is_partner, feature(feature::PARTNER_BY_RANK, rank_bucket(rank)));
            sink.feature_if(is_partner, feature(feature::PARTNER_BY_DISTANCE, near));
            partner_in_window |= is_partner;
            let answered_target = candidate_parent != NONE && speaker != NONE && facts.speaker[candidate_parent as usize] == speaker;
            sink.feature_if(answered_target, feature(feature::CANDIDATE_ANSWERED_TARGET_BY_RANK, rank_bucket(rank)));
            sink.feature_if(answered_target, feature(feature::CANDIDATE_ANSWERED_TARGET_BY_DISTANCE, near));
            sink.feature_if(candidate_speaker != NONE && implicit_partner == candidate_speaker, feature(feature::IMPLICIT_PARTNER_BY_RANK, rank_bucket(rank)));
            sink.feature(feature(feature::CANDIDATE_REPLIES, u16::from(self.n_replies[candidate].min(2))));
            let candidate_asks = candidate_flags & QUESTION != 0;
            sink.feature_if(candidate_asks, feature(feature::CANDIDATE_QUESTION_BY_DISTANCE, near));
            sink.feature_if(candidate_asks && flags & ANSWER != 0, feature(feature::QUESTION_ANSWER, 0));
            sink.feature_if(candidate_asks && flags & THANKS != 0, feature(feature::QUESTION_ANSWER, 1));
            sink.feature_if(candidate_asks && flags & QUESTION != 0, feature(feature::QUESTION_ANSWER, 2));
            sink.feature_if(flags & ANSWER != 0, feature(feature::TARGET_ANSWER_BY_DISTANCE, near));
            sink.feature_if(flags & QUESTION != 0, feature(feature::TARGET_QUESTION_BY_DISTANCE, near));
            let overlap = (facts.signature[candidate] & facts.signature[target]).count_ones().min(4) as u16;
            sink.feature(feature(feature::OVERLAP, overlap));
            sink.feature_if(same_speaker, feature(feature::OVERLAP_SAME_SPEAKER, overlap));
            sink.feature_if(target_names.is_some(), feature(feature::OVERLAP_NAMED, overlap));
            // The signature holds the same words: no common bit, no common word.
            let (shared, rarest) = if overlap == 0 { (0, 0) } else { facts.words.shared(candidate, target) };
            sink.feature_if(shared > 0, feature(feature::SHARED_WORDS, shared.clamp(1, 4) - 1));
            sink.feature_if(shared > 0, feature(feature::RAREST_SHARED, rarity_bucket(rarest)));
            let long_overlap = (facts.long_signature[candidate] & facts.long_signature[target]).count_ones().min(3) as u16;
            sink.feature(feature(feature::LONG_OVERLAP, long_overlap));
            for (bit, index) in [(GREETING, 0), (THANKS, 1), (ANSWER, 2)] {
                sink.feature_if(candidate_flags & bit != 0, feature(feature::CANDIDATE_FLAGS, index));
            }
            sink.feature_if(flags & GREETING != 0, feature(feature::TARGET_GREETING_BY_DISTANCE, near));
            sink.feature(feature(feature::CANDIDATE_WORDS, words_bucket(facts.n_words[candidate])));
            sink.feature_if(candidate_flags & FIRST_OF_SPEAKER != 0, feature(feature::CANDIDATE_FIRST_OF_SPEAKER, 0));
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
        self.chosen = chosen;
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
            if let Some(answering) = self.answering.get_mut(parent_speaker as usize) {
                answering.push(line as u32);
            }
        }
        if facts.flags[line] & SPOKEN != 0 {
            self.spoken_index[line] = self.spoken.len() as u32;
            self.spoken.push(line as u32);
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
            if let Some(said) = self.said_by.get_mut(person) {
                self.said_index[line] = said.len() as u32;
                said.push(line as u32);
            }
            for named in facts.names_of(line) {
                if let Some(naming) = self.naming.get_mut(named.speaker as usize) {
                    naming.push(line as u32);
                }
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

#[cfg(test)]
mod tests {
    use super::super::facts::gather;
    use super::super::sink::Candidates;
    use super::*;

    /// The candidates read from the per-person lists are the lines a walk back through the window
    /// picks: the latest spoken lines, then only the speaker's own lines and those of people
    /// they named, answered or were named or answered by.
    #[test]
    fn the_lists_give_the_lines_a_walk_would() {
        let log = crate::parse::parse(crate::demo::DEMO_LOG.as_bytes(), None);
        let facts = gather(&log);
        let mut scan = Scan::new(&facts);
        let mut candidates = Candidates::default();
        let mut n_further_back = 0;
        for target in 0..facts.len() {
            let speaker = facts.speaker[target];
            if facts.flags[target] & SPOKEN != 0 {
                scan.candidates(target, &mut candidates);
                let partner = scan.partner.get(speaker as usize).copied().unwrap_or(NONE);
                let implicit_partner = scan.implicit_partner.get(speaker as usize).copied().unwrap_or(NONE);
                let mut expected = Vec::new();
                let mut spoken_distance = 0;
                for candidate in (target.saturating_sub(WINDOW)..target).rev().filter(|&line| facts.flags[line] & SPOKEN != 0) {
                    spoken_distance += 1;
                    let by = facts.speaker[candidate];
                    let parent = scan.parent_of[candidate];
                    let related = by != NONE
                        && speaker != NONE
                        && (by == speaker
                            || by == partner
                            || by == implicit_partner
                            || facts.names_of(target).iter().any(|named| named.speaker == by)
                            || facts.names_of(candidate).iter().any(|named| named.speaker == speaker)
                            || parent != NONE && facts.speaker[parent as usize] == speaker);
                    if spoken_distance <= ALWAYS_SCORED || related {
                        n_further_back += usize::from(spoken_distance > ALWAYS_SCORED);
                        expected.push(candidate as u32);
                    }
                }
                expected.push(NONE);
                assert_eq!(candidates.lines, expected, "line {target}");
            }
            // Each line answers its latest candidate, so that answers build up as well.
            let parent = candidates.lines.first().copied().filter(|_| facts.flags[target] & SPOKEN != 0).unwrap_or(NONE);
            scan.advance(target, parent);
        }
        assert!(n_further_back > 100, "the demo should reach past the latest lines ({n_further_back})");
    }
}
