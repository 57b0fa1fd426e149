//! The reply model's feature ids: each group of features is a range of ids laid end to end (a
//! group's first id plus a bucket), and the buckets that turn distances, gaps and counts into ids.

use super::facts::{Naming, NONE};

// Feature groups, each a range of ids laid end to end: a group's id plus a bucket.
pub(super) const SELF_BIAS: u16 = 0;
pub(super) const SELF_TARGET_FLAGS: u16 = SELF_BIAS + 1;
pub(super) const SELF_FIRST_LINE_OF_SPEAKER: u16 = SELF_TARGET_FLAGS + 6;
pub(super) const SELF_LINES_SINCE_OWN_LAST: u16 = SELF_FIRST_LINE_OF_SPEAKER + 1;
pub(super) const SELF_LINES_SINCE_JOIN: u16 = SELF_LINES_SINCE_OWN_LAST + 8;
pub(super) const SELF_GAP_SINCE_LAST_SPOKEN: u16 = SELF_LINES_SINCE_JOIN + 6;
pub(super) const SELF_WORDS: u16 = SELF_GAP_SINCE_LAST_SPOKEN + 8;
pub(super) const SELF_NAMED_IN_WINDOW: u16 = SELF_WORDS + 6;
pub(super) const SELF_PARTNER_IN_WINDOW: u16 = SELF_NAMED_IN_WINDOW + 3;
pub(super) const DISTANCE: u16 = SELF_PARTNER_IN_WINDOW + 2;
pub(super) const SPOKEN_DISTANCE: u16 = DISTANCE + 12;
pub(super) const GAP: u16 = SPOKEN_DISTANCE + 10;
pub(super) const SAME_SPEAKER_BY_RANK: u16 = GAP + 8;
pub(super) const SAME_SPEAKER_BY_DISTANCE: u16 = SAME_SPEAKER_BY_RANK + 4;
pub(super) const TARGET_NAMES_CANDIDATE_BY_RANK: u16 = SAME_SPEAKER_BY_DISTANCE + 4;
pub(super) const TARGET_NAMES_OTHER_BY_DISTANCE: u16 = TARGET_NAMES_CANDIDATE_BY_RANK + 12;
pub(super) const CANDIDATE_NAMES_TARGET_BY_RANK: u16 = TARGET_NAMES_OTHER_BY_DISTANCE + 4;
pub(super) const CANDIDATE_NAMES_OTHER: u16 = CANDIDATE_NAMES_TARGET_BY_RANK + 12;
pub(super) const PARTNER_BY_RANK: u16 = CANDIDATE_NAMES_OTHER + 4;
pub(super) const CANDIDATE_QUESTION_BY_DISTANCE: u16 = PARTNER_BY_RANK + 4;
pub(super) const QUESTION_ANSWER: u16 = CANDIDATE_QUESTION_BY_DISTANCE + 4;
pub(super) const TARGET_ANSWER_BY_DISTANCE: u16 = QUESTION_ANSWER + 4;
pub(super) const TARGET_QUESTION_BY_DISTANCE: u16 = TARGET_ANSWER_BY_DISTANCE + 4;
pub(super) const OVERLAP: u16 = TARGET_QUESTION_BY_DISTANCE + 4;
pub(super) const OVERLAP_SAME_SPEAKER: u16 = OVERLAP + 5;
pub(super) const CANDIDATE_FLAGS: u16 = OVERLAP_SAME_SPEAKER + 5;
pub(super) const TARGET_GREETING_BY_DISTANCE: u16 = CANDIDATE_FLAGS + 4;
pub(super) const CANDIDATE_WORDS: u16 = TARGET_GREETING_BY_DISTANCE + 4;
pub(super) const CANDIDATE_FIRST_OF_SPEAKER: u16 = CANDIDATE_WORDS + 6;
pub(super) const RANK: u16 = CANDIDATE_FIRST_OF_SPEAKER + 1;
pub(super) const RANK_UNNAMED_TARGET: u16 = RANK + 4;
pub(super) const CANDIDATE_JOINED_RECENTLY: u16 = RANK_UNNAMED_TARGET + 4;
pub(super) const TARGET_FIRST_LINE_BY_DISTANCE: u16 = CANDIDATE_JOINED_RECENTLY + 4;
pub(super) const BOTH_UNNAMED_BY_DISTANCE: u16 = TARGET_FIRST_LINE_BY_DISTANCE + 4;
pub(super) const CANDIDATE_SPEAKER_SPOKE_SINCE: u16 = BOTH_UNNAMED_BY_DISTANCE + 4;
pub(super) const RANK_BY_DISTANCE: u16 = CANDIDATE_SPEAKER_SPOKE_SINCE + 2;
pub(super) const SAME_SPEAKER_BY_GAP: u16 = RANK_BY_DISTANCE + 16;
pub(super) const PARTNER_BY_DISTANCE: u16 = SAME_SPEAKER_BY_GAP + 8;
pub(super) const CANDIDATE_NAMES_TARGET_BY_DISTANCE: u16 = PARTNER_BY_DISTANCE + 4;
pub(super) const TARGET_NAMES_CANDIDATE_BY_DISTANCE: u16 = CANDIDATE_NAMES_TARGET_BY_DISTANCE + 4;
pub(super) const CANDIDATE_ANSWERED_TARGET_BY_RANK: u16 = TARGET_NAMES_CANDIDATE_BY_DISTANCE + 4;
pub(super) const IMPLICIT_PARTNER_BY_RANK: u16 = CANDIDATE_ANSWERED_TARGET_BY_RANK + 4;
pub(super) const CANDIDATE_REPLIES: u16 = IMPLICIT_PARTNER_BY_RANK + 4;
pub(super) const CANDIDATE_ANSWERED_TARGET_BY_DISTANCE: u16 = CANDIDATE_REPLIES + 3;
pub(super) const CANDIDATE_COMMAND_BY_DISTANCE: u16 = CANDIDATE_ANSWERED_TARGET_BY_DISTANCE + 4;
pub(super) const TARGET_NAMES_CANDIDATE_WHO_NAMES: u16 = CANDIDATE_COMMAND_BY_DISTANCE + 4;
pub(super) const SAME_PARENT_AS_OWN_LAST: u16 = TARGET_NAMES_CANDIDATE_WHO_NAMES + 3;
pub(super) const SELF_COMMAND: u16 = SAME_PARENT_AS_OWN_LAST + 2;
pub(super) const SELF_OWN_LAST_STARTED: u16 = SELF_COMMAND + 1;
pub(super) const COMMAND_NAMES_WHOM_TARGET_NAMES: u16 = SELF_OWN_LAST_STARTED + 1;
pub(super) const LONG_OVERLAP: u16 = COMMAND_NAMES_WHOM_TARGET_NAMES + 1;
pub(super) const OVERLAP_NAMED: u16 = LONG_OVERLAP + 4;
/// Words the two lines share, counted exactly, and how rare in the log the rarest of them is.
pub(super) const SHARED_WORDS: u16 = OVERLAP_NAMED + 5;
pub(super) const RAREST_SHARED: u16 = SHARED_WORDS + 4;
pub(super) const N_BASE_FEATURES: u16 = RAREST_SHARED + 5;
/// Every candidate's features again, once per relation between the two speakers (same person,
/// the line names the candidate's speaker, the candidate names the line's, neither), so the
/// model can weigh distance, time and words differently in each case.
pub(super) const N_RELATIONS: u16 = 4;
/// The number of feature ids, and of weights.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub const N_FEATURES: usize = (N_BASE_FEATURES * (1 + N_RELATIONS)) as usize;
/// Units of the hidden layer: each feature id also has a weight per unit.
pub const HIDDEN: usize = 8;
/// All weights: the linear ones, then per feature id [`HIDDEN`] unit weights, then the units'
/// biases and their weights in the score.
pub const N_WEIGHTS: usize = N_FEATURES * (1 + HIDDEN) + 2 * HIDDEN;

#[inline]
pub(super) fn line_bucket(distance: usize) -> u16 {
    match distance {
        0..=1 => 0,
        2 => 1,
        3 => 2,
        4 => 3,
        5..=6 => 4,
        7..=9 => 5,
        10..=14 => 6,
        15..=20 => 7,
        21..=30 => 8,
        31..=40 => 9,
        41..=50 => 10,
        _ => 11,
    }
}

/// Like [`line_bucket`], with everything past 30 spoken lines in one bucket.
#[inline]
pub(super) fn spoken_bucket(distance: usize) -> u16 {
    line_bucket(distance).min(9)
}

/// 1, 2–3, 4–10, more spoken lines back.
#[inline]
pub(super) fn coarse(spoken_distance: usize) -> u16 {
    match spoken_distance {
        0..=1 => 0,
        2..=3 => 1,
        4..=10 => 2,
        _ => 3,
    }
}

/// Seconds → 0, 1, 2, 3–5, 6–10, 11–30, 31+ minutes, or unknown.
#[inline]
pub(super) fn gap_bucket(earlier: u32, later: u32) -> u16 {
    if earlier == NONE || later == NONE {
        return 7;
    }
    match later.saturating_sub(earlier) / 60 {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=5 => 3,
        6..=10 => 4,
        11..=30 => 5,
        _ => 6,
    }
}

#[inline]
pub(super) fn words_bucket(n_words: u16) -> u16 {
    match n_words {
        0..=1 => 0,
        2..=3 => 1,
        4..=6 => 2,
        7..=12 => 3,
        13..=25 => 4,
        _ => 5,
    }
}

#[inline]
pub(super) fn rank_bucket(rank: u16) -> u16 {
    rank.clamp(1, 4) - 1
}

#[inline]
pub(super) fn naming_index(how: Naming) -> u16 {
    match how {
        Naming::Address => 0,
        Naming::Pointed => 1,
        Naming::Mention => 2,
    }
}

/// How many lines of the log hold a word: 1–2, 3–5, 6–20, 21–100, more.
#[inline]
pub(super) fn rarity_bucket(lines: u32) -> u16 {
    match lines {
        0..=2 => 0,
        3..=5 => 1,
        6..=20 => 2,
        21..=100 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    /// Distances fall in the buckets the features were trained with.
    #[test]
    fn line_buckets_by_distance() {
        let got: Vec<u16> = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 14, 15, 20, 21, 30, 31, 40, 41, 50, 51, 63, 64, 1000].map(super::line_bucket).to_vec();
        assert_eq!(got, [0, 0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 11, 11]);
    }
}
