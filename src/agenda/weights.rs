//! The agenda's boundary model: a weight per feature of `feature.rs` (the base features, then
//! the same said by the chair) and the score a message needs. Generated, do not edit:
//! `scrollback train-agenda tests/agenda-gold ../shared/corpus` (38 meetings); see tests/agenda_gold.rs.
// Learned numbers: one may happen to be close to π/4.
#![allow(clippy::approx_constant)]

pub(super) const THRESHOLD: f32 = -0.50;

pub(super) const WEIGHTS: &[f32] = &[
    -3.7500, // always
    0.5207, // cue-weak
    0.7991, // cue-move
    1.6264, // cue-strong
    0.0000, // cue-answer
    1.2920, // cue-titled
    0.4276, // cue-wants-title
    -0.0680, // cue-aob
    0.1367, // cue-numbered
    0.6893, // after-closing
    0.9416, // is-closing
    -0.6617, // goes-on
    0.3965, // pause
    -0.1004, // long-pause
    -0.1059, // words-change
    0.8223, // words-change-fully
    0.0327, // short
    1.1641, // exclaims
    0.5439, // has-link
    -0.4235, // asks-someone
    -1.0952, // addresses-someone
    1.5839, // names-agenda
    0.5873, // starts-meeting
    1.0572, // first-agenda-mention
    -0.5202, // returns
    0.0381, // filler-start
    0.1055, // quotes
    0.1999, // question
    -0.4431, // long
    0.4695, // names-topic
    0.8649, // greets
    0.8815, // meeting-words
    1.7617, // chair-first-lines
    -0.1517, // before-first-move
    -0.5588, // item-number
    -0.1376, // listed-item
    0.9739, // news-words
    0.2018, // ordinal
    1.4117, // agenda-ordinal
    0.0681, // short-question
    1.5277, // item-reference
    1.4390, // link-only
    0.9565, // move-words
    -0.1250, // wraps-up
    0.3522, // after-wrap-up
    -0.0525, // shape-recurs
    0.6004, // next-in-sequence
    0.8198, // brings-item
    0.3827, // hands-floor
    0.1056, // chair-opens
    -1.0340, // always (chair)
    0.6793, // cue-weak (chair)
    0.6814, // cue-move (chair)
    0.6160, // cue-strong (chair)
    0.0000, // cue-answer (chair)
    0.8561, // cue-titled (chair)
    -0.1184, // cue-wants-title (chair)
    -0.6076, // cue-aob (chair)
    0.2367, // cue-numbered (chair)
    0.2568, // after-closing (chair)
    -0.6741, // is-closing (chair)
    1.3821, // goes-on (chair)
    0.2353, // pause (chair)
    -0.7346, // long-pause (chair)
    1.0889, // words-change (chair)
    -0.5005, // words-change-fully (chair)
    -0.3007, // short (chair)
    -0.3177, // exclaims (chair)
    0.6678, // has-link (chair)
    -0.9500, // asks-someone (chair)
    0.7609, // addresses-someone (chair)
    -0.3786, // names-agenda (chair)
    1.1032, // starts-meeting (chair)
    0.5916, // first-agenda-mention (chair)
    0.1086, // returns (chair)
    0.8085, // filler-start (chair)
    1.4215, // quotes (chair)
    0.9622, // question (chair)
    -0.6166, // long (chair)
    0.4695, // names-topic (chair)
    -0.7349, // greets (chair)
    0.0710, // meeting-words (chair)
    1.7617, // chair-first-lines (chair)
    -0.2270, // before-first-move (chair)
    0.4723, // item-number (chair)
    -0.0902, // listed-item (chair)
    0.1900, // news-words (chair)
    0.5501, // ordinal (chair)
    0.3009, // agenda-ordinal (chair)
    -0.0333, // short-question (chair)
    -0.4489, // item-reference (chair)
    -1.2190, // link-only (chair)
    0.4377, // move-words (chair)
    0.5405, // wraps-up (chair)
    -0.2114, // after-wrap-up (chair)
    -0.0525, // shape-recurs (chair)
    0.9760, // next-in-sequence (chair)
    0.2898, // brings-item (chair)
    0.3827, // hands-floor (chair)
    0.1056, // chair-opens (chair)
];
