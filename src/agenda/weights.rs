//! The agenda's boundary model: a weight per feature of `boundary.rs` (the base features, then
//! the same said by the chair) and the score a message needs. Generated, do not edit:
//! `scrollback train-agenda tests/agenda-gold ../shared/corpus` (38 meetings); see tests/agenda_gold.rs.
// Learned numbers: one may happen to be close to π/4.
#![allow(clippy::approx_constant)]

pub(super) const THRESHOLD: f32 = -0.25;

pub(super) const WEIGHTS: [f32; super::boundary::N_FEATURES] = [
    -3.7557, // always
    0.5147, // cue-weak
    0.7916, // cue-move
    1.5807, // cue-strong
    0.0000, // cue-answer
    1.2688, // cue-titled
    0.4052, // cue-wants-title
    -0.0907, // cue-aob
    0.1578, // cue-numbered
    0.6588, // after-closing
    0.8970, // is-closing
    -0.6698, // goes-on
    0.4274, // pause
    -0.1088, // long-pause
    -0.0947, // words-change
    0.8137, // words-change-fully
    0.0314, // short
    1.1607, // exclaims
    0.5345, // has-link
    -0.3195, // asks-someone
    -1.0783, // addresses-someone
    1.7639, // names-agenda
    0.5719, // starts-meeting
    0.9916, // first-agenda-mention
    -0.5205, // returns
    0.0457, // filler-start
    0.1171, // quotes
    0.2164, // question
    -0.4212, // long
    0.4682, // names-topic
    0.8915, // greets
    0.8848, // meeting-words
    1.7682, // chair-first-lines
    -0.1585, // before-first-move
    -0.5658, // item-number
    -0.1463, // listed-item
    0.9912, // news-words
    0.2066, // ordinal
    1.4586, // agenda-ordinal
    0.0383, // short-question
    1.5307, // item-reference
    1.4466, // link-only
    0.9866, // move-words
    -0.1244, // wraps-up
    0.3501, // after-wrap-up
    -0.0440, // shape-recurs
    0.6187, // next-in-sequence
    -1.0191, // always (chair)
    0.6727, // cue-weak (chair)
    0.6690, // cue-move (chair)
    0.6048, // cue-strong (chair)
    0.0000, // cue-answer (chair)
    0.8402, // cue-titled (chair)
    -0.1142, // cue-wants-title (chair)
    -0.6501, // cue-aob (chair)
    0.2431, // cue-numbered (chair)
    0.1995, // after-closing (chair)
    -0.7056, // is-closing (chair)
    1.3597, // goes-on (chair)
    0.2413, // pause (chair)
    -0.7363, // long-pause (chair)
    1.0915, // words-change (chair)
    -0.4912, // words-change-fully (chair)
    -0.3243, // short (chair)
    -0.3146, // exclaims (chair)
    0.6439, // has-link (chair)
    -0.5850, // asks-someone (chair)
    0.7854, // addresses-someone (chair)
    -0.2405, // names-agenda (chair)
    1.0756, // starts-meeting (chair)
    0.5439, // first-agenda-mention (chair)
    0.1271, // returns (chair)
    0.8016, // filler-start (chair)
    1.4156, // quotes (chair)
    1.0728, // question (chair)
    -0.5573, // long (chair)
    0.4682, // names-topic (chair)
    -0.6207, // greets (chair)
    0.0494, // meeting-words (chair)
    1.7682, // chair-first-lines (chair)
    -0.2185, // before-first-move (chair)
    0.4675, // item-number (chair)
    -0.1000, // listed-item (chair)
    0.3014, // news-words (chair)
    0.5568, // ordinal (chair)
    0.2719, // agenda-ordinal (chair)
    -0.0703, // short-question (chair)
    -0.4403, // item-reference (chair)
    -1.2174, // link-only (chair)
    0.4337, // move-words (chair)
    0.5709, // wraps-up (chair)
    -0.1654, // after-wrap-up (chair)
    -0.0440, // shape-recurs (chair)
    0.9956, // next-in-sequence (chair)
];
