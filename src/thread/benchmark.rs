//! The irc-disentanglement benchmark (Kummerfeld et al., ACL 2019): reading its `.raw.txt` +
//! `.annotation.txt` pairs and scoring reply links against it, as `scrollback eval-threads` and
//! the corpus test do.
//!
//! An annotation line `a b -` says message `b` answers message `a` (`a a` starts a
//! conversation); messages are 0-based source lines. Only the messages that appear as `b` are
//! scored: precision, recall and F over (message, parent) links, a line with no predicted parent
//! counting as its own self-link.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Threads;
use crate::model::Log;

/// One annotated log.
pub struct Annotated {
    pub name: String,
    pub log: Log,
    /// `(child, parent)`, sorted; `parent == child` starts a conversation.
    pub links: Vec<(u32, u32)>,
}

/// Link counts, summed over files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Score {
    pub fn precision(self) -> f64 {
        100.0 * self.correct as f64 / self.predicted.max(1) as f64
    }

    pub fn recall(self) -> f64 {
        100.0 * self.correct as f64 / self.gold.max(1) as f64
    }

    pub fn f(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Score) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    /// `P R F`, percentages with one decimal.
    pub fn summary(self) -> String {
        format!("{:.1} {:.1} {:.1}", self.precision(), self.recall(), self.f())
    }
}

/// Reads every `NAME.raw.txt` with its `NAME.annotation.txt` in `dir`, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<Annotated>, String> {
    let entries = std::fs::read_dir(dir).map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
    let mut raw_paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.to_string_lossy().ends_with(".raw.txt"))
        .collect();
    raw_paths.sort();
    if raw_paths.is_empty() {
        return Err(format!("no .raw.txt files in {}", dir.display()));
    }
    raw_paths.iter().map(|path| read_pair(path)).collect()
}

fn read_pair(raw_path: &Path) -> Result<Annotated, String> {
    let raw_name = raw_path.to_string_lossy();
    let name = raw_name.trim_end_matches(".raw.txt").to_owned();
    let annotation_path = format!("{name}.annotation.txt");
    let bytes = std::fs::read(raw_path).map_err(|error| format!("cannot read {raw_name}: {error}"))?;
    let annotation = std::fs::read_to_string(&annotation_path).map_err(|error| format!("cannot read {annotation_path}: {error}"))?;
    let links = parse_annotation(&annotation).map_err(|problem| format!("{annotation_path}: {problem}"))?;
    let log = crate::parse::parse(&bytes, None);
    let short_name = Path::new(&name).file_name().map_or_else(|| name.clone(), |file| file.to_string_lossy().into_owned());
    Ok(Annotated { name: short_name, log, links })
}

/// `a b -` lines into sorted `(b, a)` pairs.
pub fn parse_annotation(text: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut links = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let (Some(parent), Some(child)) = (fields.next(), fields.next()) else { continue };
        let number = |field: &str| field.parse::<u32>().map_err(|_| format!("line {}: {field:?} is not a message number", index + 1));
        links.push((number(child)?, number(parent)?));
    }
    links.sort_unstable();
    links.dedup();
    Ok(links)
}

/// Scores predicted links against `links` for the annotated messages.
pub fn score(threads: &Threads, links: &[(u32, u32)]) -> Score {
    let mut score = Score::default();
    let mut start = 0;
    while start < links.len() {
        let child = links[start].0;
        let end = start + links[start..].iter().take_while(|(other, _)| *other == child).count();
        let gold = &links[start..end];
        let mut predicted: Vec<u32> = threads.reply_to(child as usize).map(|parent| parent as u32).collect();
        if predicted.is_empty() {
            predicted.push(child);
        }
        score.gold += gold.len();
        score.predicted += predicted.len();
        score.correct += predicted.iter().filter(|parent| gold.iter().any(|(_, gold_parent)| gold_parent == *parent)).count();
        start = end;
    }
    score
}

/// The whole benchmark directory, scored with the built-in weights.
pub struct Evaluation {
    pub per_file: Vec<(String, Score, usize)>,
    pub total: Score,
    pub n_lines: usize,
    /// Time spent in [`super::analyse`] alone (parsing excluded).
    pub analyse_time: Duration,
}

pub fn evaluate(files: &[Annotated], weights: Option<&[f32]>) -> Evaluation {
    let mut evaluation = Evaluation { per_file: Vec::new(), total: Score::default(), n_lines: 0, analyse_time: Duration::ZERO };
    for file in files {
        let started = Instant::now();
        let threads = match weights {
            Some(weights) => super::analyse_with(&file.log, weights),
            None => super::analyse(&file.log),
        };
        evaluation.analyse_time += started.elapsed();
        let file_score = score(&threads, &file.links);
        evaluation.total.add(file_score);
        evaluation.n_lines += file.log.lines.len();
        evaluation.per_file.push((file.name.clone(), file_score, file.log.lines.len()));
    }
    evaluation
}

impl Evaluation {
    pub fn ms_per_10k_lines(&self) -> f64 {
        self.analyse_time.as_secs_f64() * 1000.0 * 10_000.0 / self.n_lines.max(1) as f64
    }
}
