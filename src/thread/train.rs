//! Training the reply model on the benchmark's `train/` logs: a ranking model (a softmax over
//! each line's candidates) whose score is linear in the features plus a small hidden layer,
//! fitted by AdaGrad in a fixed order from a fixed start, so the same data always gives the same
//! weights. `scrollback train-threads` writes them as
//! `src/thread/weights.rs`.

use super::benchmark::Annotated;
use super::facts::{gather, NONE, SPOKEN};
use super::feature::{HIDDEN, N_FEATURES, N_WEIGHTS};
use super::candidates::Scan;
use super::sink::Candidates;

/// How the model is fitted; [`Settings::default`] made the committed weights.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub learning_rate: f64,
    /// L2 penalty per update, keeping rare features' weights small.
    pub l2: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { epochs: 8, learning_rate: 0.1, l2: 1e-6 }
    }
}

/// Fits the weights on `files`' annotated spoken lines whose parents are in the window.
pub fn train(files: &[Annotated], settings: Settings) -> Vec<f32> {
    let tail = N_FEATURES * (1 + HIDDEN);
    let mut weights = vec![0.0f64; N_WEIGHTS];
    // The units' weights start spread over ±0.5 by a fixed xorshift sequence (the same data
    // gives the same weights), half the units counting up in the score and half down.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for weight in &mut weights[N_FEATURES..tail] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *weight = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
    }
    for (unit, weight) in weights[tail + HIDDEN..].iter_mut().enumerate() {
        *weight = if unit % 2 == 0 { 1.0 } else { -1.0 };
    }
    let mut squared_gradients = vec![1e-8f64; N_WEIGHTS];
    let prepared: Vec<_> = files.iter().map(|file| (gather(&file.log), &file.links)).collect();
    let mut candidates = Candidates::default();
    let mut scores = Vec::new();
    let mut all_units: Vec<[f32; HIDDEN]> = Vec::new();
    let mut gold = Vec::new();
    let mut weights_f32: Vec<f32> = weights.iter().map(|&weight| weight as f32).collect();
    let step = |weights: &mut Vec<f64>, weights_f32: &mut Vec<f32>, squared: &mut Vec<f64>, index: usize, gradient: f64| {
        let step = gradient + settings.l2 * weights[index];
        squared[index] += step * step;
        weights[index] -= settings.learning_rate * step / squared[index].sqrt();
        weights_f32[index] = weights[index] as f32;
    };
    for _ in 0..settings.epochs {
        for (facts, links) in &prepared {
            let mut scan = Scan::new(facts);
            let mut next_link = 0;
            for line in 0..facts.len() {
                while next_link < links.len() && (links[next_link].0 as usize) < line {
                    next_link += 1;
                }
                let line_links = links[next_link..].iter().take_while(|(child, _)| *child as usize == line);
                let parents: Vec<u32> = line_links.map(|&(child, parent)| if child == parent { NONE } else { parent }).collect();
                let mut found_parent = NONE;
                if facts.flags[line] & SPOKEN != 0 {
                    scan.candidates(line, &mut candidates);
                    scores.clear();
                    all_units.clear();
                    for index in 0..candidates.lines.len() {
                        let mut units = [0.0f32; HIDDEN];
                        scores.push(f64::from(candidates.score(index, &weights_f32, &mut units)));
                        all_units.push(units);
                    }
                    let mut best = f64::NEG_INFINITY;
                    for (index, &score) in scores.iter().enumerate() {
                        if score > best {
                            best = score;
                            found_parent = candidates.lines[index];
                        }
                    }
                }
                if facts.flags[line] & SPOKEN != 0 && !parents.is_empty() {
                    gold.clear();
                    gold.extend(candidates.lines.iter().map(|candidate| parents.contains(candidate)));
                    let n_gold = gold.iter().filter(|&&is_gold| is_gold).count();
                    if n_gold > 0 {
                        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let total: f64 = scores.iter().map(|score| (score - max).exp()).sum();
                        for index in 0..scores.len() {
                            let probability = (scores[index] - max).exp() / total;
                            let target = if gold[index] { 1.0 / n_gold as f64 } else { 0.0 };
                            let gradient = probability - target;
                            if gradient.abs() < 1e-9 {
                                continue;
                            }
                            let units = all_units[index];
                            let mut unit_gradients = [0.0f64; HIDDEN];
                            for j in 0..HIDDEN {
                                let out = tail + HIDDEN + j;
                                if units[j] > 0.0 {
                                    unit_gradients[j] = gradient * weights[out];
                                }
                                step(&mut weights, &mut weights_f32, &mut squared_gradients, out, gradient * f64::from(units[j].max(0.0)));
                            }
                            for j in 0..HIDDEN {
                                if unit_gradients[j] != 0.0 {
                                    step(&mut weights, &mut weights_f32, &mut squared_gradients, tail + j, unit_gradients[j]);
                                }
                            }
                            for &feature in candidates.features_of(index) {
                                let feature = usize::from(feature);
                                step(&mut weights, &mut weights_f32, &mut squared_gradients, feature, gradient);
                                for j in 0..HIDDEN {
                                    if unit_gradients[j] != 0.0 {
                                        step(&mut weights, &mut weights_f32, &mut squared_gradients, N_FEATURES + feature * HIDDEN + j, unit_gradients[j]);
                                    }
                                }
                            }
                        }
                    }
                }
                scan.advance(line, found_parent);
            }
        }
    }
    weights_f32
}

/// The weights as the Rust source of `src/thread/weights.rs`.
pub fn weights_source(weights: &[f32], how_made: &str) -> String {
    let mut source = String::new();
    source += "//! The reply model's weights: one per feature id of `feature.rs`, then each id's weights into\n";
    source += "//! the hidden units, then the units' biases and their weights in the score. Generated, do not edit:\n";
    source += &format!("//! {how_made}\n");
    source += "// Learned numbers: one may happen to be close to 1/π.\n#![allow(clippy::approx_constant)]\n\n";
    source += &format!("pub(super) const WEIGHTS: [f32; {}] = [\n", weights.len());
    // 32 a row: the file stays under 400 lines with the hidden units' weights.
    for chunk in weights.chunks(32) {
        let row: Vec<String> = chunk.iter().map(|weight| format!("{weight:.4}")).collect();
        source += &format!("    {},\n", row.join(", "));
    }
    source += "];\n";
    source
}
