//! The hand-annotated agenda gold set (`tests/agenda-gold/`): reading it, scoring found sections
//! against it, and training the boundary model on it. Native only: the page never trains.

use std::collections::BTreeMap;
use std::path::Path;

use super::boundary::{gather, BoundaryFacts, BoundaryModel};
use super::feature::{FEATURE_NAMES, N_FEATURES};
use super::{PersonLookup, Roster};
use crate::model::Log;

/// One annotated boundary: the section may start on any of the lines `first..=last` (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldBoundary {
    pub first: usize,
    pub last: usize,
    /// Finding it is not required, and is not a false boundary.
    pub optional: bool,
    /// The title, then other acceptable names.
    pub names: Vec<String>,
}

/// Reads a `.gold` file (format in `tests/agenda-gold/README.md`). Line numbers are 1-based there.
pub fn read_gold(text: &str) -> Result<Vec<GoldBoundary>, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (optional, rest) = match line.strip_prefix("? ") {
                Some(rest) => (true, rest.trim_start()),
                None => (false, line),
            };
            let (range, names) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let (first, last) = range.split_once('-').unwrap_or((range, range));
            let number = |text: &str| text.parse::<usize>().ok().filter(|&number| number > 0).map(|number| number - 1).ok_or_else(|| format!("no line number in {line:?}"));
            let names = names.split('|').map(|name| name.trim().to_owned()).filter(|name| !name.is_empty()).collect();
            Ok(GoldBoundary { first: number(first)?, last: number(last)?, optional, names })
        })
        .collect()
}

/// How one log's found sections compare with its gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Required boundaries, and how many of them were found.
    pub required: usize,
    pub found: usize,
    /// Starts that match no boundary, required or optional.
    pub false_boundaries: usize,
    /// Found boundaries (required or optional) with a title, and how many titles name the topic.
    pub titled: usize,
    pub titles_right: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, other: Score) {
        self.required += other.required;
        self.found += other.found;
        self.false_boundaries += other.false_boundaries;
        self.titled += other.titled;
        self.titles_right += other.titles_right;
    }
}

/// Words that name no topic by themselves.
const GENERIC_WORDS: &[&str] = &["a", "an", "and", "discussion", "for", "in", "item", "news", "next", "of", "on", "our", "the", "to", "topic", "update", "updates", "with"];

fn title_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).filter(|word| !word.is_empty() && !GENERIC_WORDS.contains(&word.as_str())).collect()
}

/// A title names the topic when it shares a word (generic words aside) with one of the gold names.
pub fn title_names(title: &str, names: &[String]) -> bool {
    let words = title_words(title);
    names.iter().flat_map(|name| title_words(name)).any(|word| words.contains(&word))
}

/// Scores `starts` (0-based line, title if known) against `gold`: a boundary is found when a
/// section starts within one message of its range; each start matches one boundary at most.
/// `spoken`: which lines are messages, for "one message".
pub fn score(spoken: &[bool], gold: &[GoldBoundary], starts: &[(usize, Option<&str>)]) -> Score {
    let mut used = vec![false; starts.len()];
    let mut result = Score { required: gold.iter().filter(|boundary| !boundary.optional).count(), ..Score::default() };
    // Required boundaries take their starts first, so an optional one never takes a required one's.
    let mut order: Vec<&GoldBoundary> = gold.iter().collect();
    order.sort_by_key(|boundary| boundary.optional);
    for boundary in order {
        let window = widened(spoken, boundary);
        let Some(index) = (0..starts.len()).find(|&index| !used[index] && window.contains(&starts[index].0)) else { continue };
        used[index] = true;
        result.found += usize::from(!boundary.optional);
        if let Some(title) = starts[index].1 {
            result.titled += 1;
            result.titles_right += usize::from(title_names(title, &boundary.names));
        }
    }
    result.false_boundaries = used.iter().filter(|used| !**used).count();
    result
}

/// A boundary's lines with one message before and after.
fn widened(spoken: &[bool], boundary: &GoldBoundary) -> std::ops::RangeInclusive<usize> {
    let before = (0..boundary.first).rev().find(|&line| spoken[line]).unwrap_or(boundary.first);
    let after = (boundary.last + 1..spoken.len()).find(|&line| spoken[line]).unwrap_or(boundary.last);
    before..=after
}

/// One annotated meeting, parsed, with its boundary features read once.
pub struct GoldMeeting {
    /// The log's path under the corpus.
    pub name: String,
    pub log: Log,
    pub gold: Vec<GoldBoundary>,
    spoken: Vec<bool>,
    facts: BoundaryFacts,
}

impl GoldMeeting {
    pub fn new(name: String, log: Log, gold: Vec<GoldBoundary>) -> Result<GoldMeeting, String> {
        if let Some(outside) = gold.iter().find(|boundary| boundary.first > boundary.last || boundary.last >= log.lines.len()) {
            return Err(format!("{name}: {outside:?} is outside the log's {} lines", log.lines.len()));
        }
        let roster = Roster::new(&log);
        let facts = gather(&log, &PersonLookup::new(&log, &roster), None);
        let spoken = log.lines.iter().map(|line| line.kind.is_spoken()).collect();
        Ok(GoldMeeting { name, log, gold, spoken, facts })
    }

    /// Per candidate message: a section starts here (`Some(true)`), does not (`Some(false)`), or
    /// the gold leaves it open (`None`: an optional boundary, or one message from a required one).
    fn labels(&self) -> Vec<Option<bool>> {
        self.facts
            .lines()
            .map(|line| {
                if self.gold.iter().any(|boundary| !boundary.optional && (boundary.first..=boundary.last).contains(&line)) {
                    Some(true)
                } else if self.gold.iter().any(|boundary| widened(&self.spoken, boundary).contains(&line)) {
                    None
                } else {
                    Some(false)
                }
            })
            .collect()
    }

    /// Starts only, without titles: cheap, for choosing a threshold.
    fn score_lines(&self, model: &BoundaryModel) -> Score {
        let lines: Vec<usize> = self.facts.lines().collect();
        let starts: Vec<(usize, Option<&str>)> = self.facts.start_candidates(model).into_iter().map(|index| (lines[index], None)).collect();
        score(&self.spoken, &self.gold, &starts)
    }

    /// The sections `model` finds, titled, against the gold.
    pub fn score(&self, model: &BoundaryModel) -> Score {
        let starts = self.starts(model);
        let starts: Vec<(usize, Option<&str>)> = starts.iter().map(|(line, title)| (*line, Some(title.as_str()))).collect();
        score(&self.spoken, &self.gold, &starts)
    }

    /// (first line, title) of each section `model` finds, topic changes included.
    pub fn starts(&self, model: &BoundaryModel) -> Vec<(usize, String)> {
        let roster = Roster::new(&self.log);
        let people = PersonLookup::new(&self.log, &roster);
        super::boundary::decide(&self.log, &people, &self.facts, model).into_iter().map(|start| (start.line, start.title)).collect()
    }
}

/// Every meeting annotated under `gold_dir`, its log read from the same path under `corpus`.
pub fn load(gold_dir: &Path, corpus: &Path) -> Result<Vec<GoldMeeting>, String> {
    let mut paths = Vec::new();
    let mut folders = vec![gold_dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|error| format!("{}: {error}", folder.display()))? {
            let path = entry.map_err(|error| error.to_string())?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "gold") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(gold_dir).map_err(|error| error.to_string())?.with_extension("").to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(corpus.join(&name)).map_err(|error| format!("{name}: {error}"))?;
            let gold = read_gold(&std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?)?;
            GoldMeeting::new(name, crate::parse::parse(&bytes, None), gold)
        })
        .collect()
}

/// What training maximises when it chooses the threshold: boundaries found, less the false ones.
fn objective(score: Score) -> i64 {
    score.found as i64 - score.false_boundaries as i64
}

/// Fits the boundary model on `meetings`: logistic regression over the candidates' features
/// (AdaGrad on the full batch, in a fixed order, so the same meetings give the same weights), then
/// the threshold that finds the most boundaries less false ones on the same meetings.
pub fn train(meetings: &[&GoldMeeting]) -> BoundaryModel {
    // Identical feature sets are one example with counts: most messages share a handful of sets.
    let mut patterns: BTreeMap<Vec<u8>, [f64; 2]> = BTreeMap::new();
    for meeting in meetings {
        for (index, label) in meeting.labels().into_iter().enumerate() {
            let Some(is_start) = label else { continue };
            let mut features = meeting.facts.features_of(index).to_vec();
            features.sort_unstable();
            patterns.entry(features).or_insert([0.0, 0.0])[usize::from(is_start)] += 1.0;
        }
    }
    let mut weights = vec![0.0f64; N_FEATURES];
    let mut squared = vec![1e-8f64; N_FEATURES];
    let mut gradient = vec![0.0f64; N_FEATURES];
    const L2: f64 = 1.0;
    for _ in 0..400 {
        gradient.iter_mut().zip(&weights).for_each(|(slot, weight)| *slot = L2 * weight);
        for (features, [negatives, positives]) in &patterns {
            let score: f64 = features.iter().map(|&feature| weights[usize::from(feature)]).sum();
            let probability = 1.0 / (1.0 + (-score).exp());
            let error = probability * (negatives + positives) - positives;
            for &feature in features {
                gradient[usize::from(feature)] += error;
            }
        }
        for feature in 0..N_FEATURES {
            squared[feature] += gradient[feature] * gradient[feature];
            weights[feature] -= 0.5 * gradient[feature] / squared[feature].sqrt();
        }
    }
    let mut model = BoundaryModel { weights: weights.iter().map(|&weight| weight as f32).collect(), threshold: 0.0 };
    let mut best = i64::MIN;
    for step in -24..=24 {
        let threshold = step as f32 * 0.25;
        let trial = BoundaryModel { threshold, ..model.clone() };
        let mut total = Score::default();
        for meeting in meetings {
            total += meeting.score_lines(&trial);
        }
        if objective(total) > best {
            best = objective(total);
            model.threshold = threshold;
        }
    }
    model
}

/// The model as the Rust source of `src/agenda/weights.rs`.
pub fn weights_source(model: &BoundaryModel, how_made: &str) -> String {
    let mut source = String::new();
    source += "//! The agenda's boundary model: a weight per feature of `feature.rs` (the base features, then\n";
    source += "//! the same said by the chair) and the score a message needs. Generated, do not edit:\n";
    source += &format!("//! {how_made}\n");
    source += "// Learned numbers: one may happen to be close to π/4.\n#![allow(clippy::approx_constant)]\n\n";
    source += &format!("pub(super) const THRESHOLD: f32 = {:.2};\n\n", model.threshold);
    // A slice, not an array of N_FEATURES: after a feature is added, the old file must still
    // build so the trainer can run (the test checks that the committed weights are the trained ones).
    source += "pub(super) const WEIGHTS: &[f32] = &[\n";
    for (index, weight) in model.weights.iter().enumerate() {
        let name = FEATURE_NAMES[index % FEATURE_NAMES.len()];
        let said_by = if index >= FEATURE_NAMES.len() { " (chair)" } else { "" };
        source += &format!("    {weight:.4}, // {name}{said_by}\n");
    }
    source += "];\n";
    source
}
