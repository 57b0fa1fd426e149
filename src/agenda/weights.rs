//! The agenda's boundary model: a weight per feature of `boundary.rs` (the base features, then
//! the same said by the chair) and the score a message needs. Generated, do not edit:
//! `scrollback train-agenda tests/agenda-gold ../shared/corpus` (38 meetings); see tests/agenda_gold.rs.

pub(super) const THRESHOLD: f32 = -0.25;

pub(super) const WEIGHTS: [f32; super::boundary::N_FEATURES] = [
    -3.7977, // always
    0.5205, // cue-weak
    0.7751, // cue-move
    1.6144, // cue-strong
    0.0000, // cue-answer
    1.2502, // cue-titled
    0.3862, // cue-wants-title
    -0.0843, // cue-aob
    0.0332, // cue-numbered
    0.6667, // after-closing
    0.8926, // is-closing
    -0.6711, // goes-on
    0.4351, // pause
    -0.1188, // long-pause
    -0.1041, // words-change
    0.8018, // words-change-fully
    -0.1513, // short
    1.1098, // exclaims
    0.5569, // has-link
    -0.3138, // asks-someone
    -1.0752, // addresses-someone
    1.7608, // names-agenda
    0.5601, // starts-meeting
    0.9910, // first-agenda-mention
    -0.5304, // returns
    0.0496, // filler-start
    0.1286, // quotes
    0.2635, // question
    -0.3932, // long
    0.3662, // names-topic
    0.8267, // greets
    0.9021, // meeting-words
    1.7729, // chair-first-lines
    -0.1762, // before-first-move
    -0.1550, // item-number
    -0.3835, // listed-item
    1.0066, // news-words
    0.2100, // ordinal
    1.4804, // agenda-ordinal
    0.1533, // short-question
    1.4542, // item-reference
    1.4279, // link-only
    0.9823, // move-words
    -0.1384, // wraps-up
    0.3618, // after-wrap-up
    -0.0387, // shape-recurs
    0.3553, // next-in-sequence
    -0.9939, // always (chair)
    0.6710, // cue-weak (chair)
    0.6768, // cue-move (chair)
    0.6165, // cue-strong (chair)
    0.0000, // cue-answer (chair)
    0.7885, // cue-titled (chair)
    -0.0938, // cue-wants-title (chair)
    -0.6426, // cue-aob (chair)
    0.1122, // cue-numbered (chair)
    0.1664, // after-closing (chair)
    -0.7305, // is-closing (chair)
    1.3594, // goes-on (chair)
    0.2406, // pause (chair)
    -0.7338, // long-pause (chair)
    1.1206, // words-change (chair)
    -0.4804, // words-change-fully (chair)
    -0.2045, // short (chair)
    -0.2446, // exclaims (chair)
    0.6374, // has-link (chair)
    -0.5924, // asks-someone (chair)
    0.7900, // addresses-someone (chair)
    -0.2462, // names-agenda (chair)
    1.0738, // starts-meeting (chair)
    0.5585, // first-agenda-mention (chair)
    0.1478, // returns (chair)
    0.8004, // filler-start (chair)
    1.3991, // quotes (chair)
    1.0154, // question (chair)
    -0.5649, // long (chair)
    0.5974, // names-topic (chair)
    -0.5512, // greets (chair)
    0.0329, // meeting-words (chair)
    1.7729, // chair-first-lines (chair)
    -0.2178, // before-first-move (chair)
    0.6158, // item-number (chair)
    -0.3228, // listed-item (chair)
    0.2904, // news-words (chair)
    0.5190, // ordinal (chair)
    0.2851, // agenda-ordinal (chair)
    -0.1141, // short-question (chair)
    -0.3749, // item-reference (chair)
    -1.1718, // link-only (chair)
    0.4459, // move-words (chair)
    0.5813, // wraps-up (chair)
    -0.1701, // after-wrap-up (chair)
    -0.0387, // shape-recurs (chair)
    0.7347, // next-in-sequence (chair)
];
