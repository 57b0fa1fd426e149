//! Where the reply model's feature ids go, candidate by candidate: stored for training
//! ([`Candidates`]), or summed into scores as the model runs (`Scores`, in `mod.rs`).

use super::feature::{self, HIDDEN, N_FEATURES};

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

    /// Candidate `candidate`'s score under all the weights (`feature::N_WEIGHTS` of them), as
    /// training sees it; `units` gets the hidden units' inputs, before the ReLU.
    pub fn score(&self, candidate: usize, weights: &[f32], units: &mut [f32; HIDDEN]) -> f32 {
        let tail = N_FEATURES * (1 + HIDDEN);
        units.copy_from_slice(&weights[tail..tail + HIDDEN]);
        let mut score = 0.0;
        for &id in self.features_of(candidate) {
            let id = usize::from(id);
            score += weights[id];
            for (unit, weight) in units.iter_mut().zip(&weights[N_FEATURES + id * HIDDEN..]) {
                *unit += weight;
            }
        }
        score + units.iter().zip(&weights[tail + HIDDEN..]).map(|(unit, weight)| unit.max(0.0) * weight).sum::<f32>()
    }
}

/// Where a candidate's feature ids go: stored for training ([`Candidates`]), or summed into
/// scores as the model runs. Each id counts twice: as itself and in its relation's copy.
pub trait Sink {
    fn clear(&mut self);
    /// A candidate begins, in relation class `relation`.
    fn start(&mut self, relation: u16);
    fn feature(&mut self, id: u16);
    /// [`Sink::feature`] when `present`.
    fn feature_if(&mut self, present: bool, id: u16) {
        if present {
            self.feature(id);
        }
    }
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

/// `units += row`, for every feature of every candidate. In the worker four lanes at a time:
/// the plain loop, as the worker's opt-level "s" compiles it, made the threads of 100k lines
/// take 1,082 ms there against 849 ms (BENCHMARKS.md, 2026-12-08 04:15).
#[inline(always)]
pub(super) fn add_row(units: &mut [f32; HIDDEN], row: &[f32; HIDDEN]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{f32x4, f32x4_add};
        for (units, row) in units.chunks_exact_mut(4).zip(row.chunks_exact(4)) {
            let sum = f32x4_add(f32x4(units[0], units[1], units[2], units[3]), f32x4(row[0], row[1], row[2], row[3]));
            units.copy_from_slice(&[
                core::arch::wasm32::f32x4_extract_lane::<0>(sum),
                core::arch::wasm32::f32x4_extract_lane::<1>(sum),
                core::arch::wasm32::f32x4_extract_lane::<2>(sum),
                core::arch::wasm32::f32x4_extract_lane::<3>(sum),
            ]);
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (unit, weight) in units.iter_mut().zip(row) {
        *unit += weight;
    }
}
