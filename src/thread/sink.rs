//! Where the reply model's feature ids go, candidate by candidate: stored for training
//! ([`Candidates`]), or summed into scores as the model runs (`Scores`, in `mod.rs`).

use super::feature;

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
