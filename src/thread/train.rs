//! Training the reply model on the benchmark's `train/` logs: a log-linear ranking model (a
//! softmax over each line's candidates) fitted by AdaGrad, in a fixed order with no randomness,
//! so the same data always gives the same weights. `scrollback train-threads` writes them as
//! `src/thread/weights.rs`.

use super::benchmark::Annotated;
use super::facts::{gather, NONE, SPOKEN};
use super::feature::N_FEATURES;
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
        Settings { epochs: 8, learning_rate: 0.3, l2: 1e-6 }
    }
}

/// Fits the weights on `files`' annotated spoken lines whose parents are in the window.
pub fn train(files: &[Annotated], settings: Settings) -> Vec<f32> {
    let mut weights = vec![0.0f64; N_FEATURES];
    let mut squared_gradients = vec![1e-8f64; N_FEATURES];
    let prepared: Vec<_> = files.iter().map(|file| (gather(&file.log), &file.links)).collect();
    let mut candidates = Candidates::default();
    let mut scores = Vec::new();
    let mut gold = Vec::new();
    let mut weights_f32 = vec![0.0f32; N_FEATURES];
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
                    found_parent = super::best_candidate(&candidates, &weights_f32);
                }
                if facts.flags[line] & SPOKEN != 0 && !parents.is_empty() {
                    gold.clear();
                    gold.extend(candidates.lines.iter().map(|candidate| parents.contains(candidate)));
                    let n_gold = gold.iter().filter(|&&is_gold| is_gold).count();
                    if n_gold > 0 {
                        // Scores with the current weights (as f32, as the model runs).
                        scores.clear();
                        scores.extend((0..candidates.lines.len()).map(|index| f64::from(candidates.score(index, &weights_f32))));
                        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let total: f64 = scores.iter().map(|score| (score - max).exp()).sum();
                        for (index, score) in scores.iter().enumerate() {
                            let probability = (score - max).exp() / total;
                            let target = if gold[index] { 1.0 / n_gold as f64 } else { 0.0 };
                            let gradient = probability - target;
                            if gradient.abs() < 1e-9 {
                                continue;
                            }
                            for &feature in candidates.features_of(index) {
                                let feature = usize::from(feature);
                                let step = gradient + settings.l2 * weights[feature];
                                squared_gradients[feature] += step * step;
                                weights[feature] -= settings.learning_rate * step / squared_gradients[feature].sqrt();
                                weights_f32[feature] = weights[feature] as f32;
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
    source += "//! The reply model's weights, one per feature id of `features.rs`. Generated, do not edit:\n";
    source += &format!("//! {how_made}\n");
    source += "// Learned numbers: one may happen to be close to 1/π.\n#![allow(clippy::approx_constant)]\n\n";
    source += &format!("pub(super) const WEIGHTS: [f32; {}] = [\n", weights.len());
    for chunk in weights.chunks(8) {
        let row: Vec<String> = chunk.iter().map(|weight| format!("{weight:.4}")).collect();
        source += &format!("    {},\n", row.join(", "));
    }
    source += "];\n";
    source
}
