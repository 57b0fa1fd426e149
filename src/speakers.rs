//! Who spoke, and how much: the legend's data, one entry per person (nick variants merged).

use std::collections::HashMap;

use crate::colour::{colour_index, normalise_nick};
use crate::model::Log;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The nick as first written in the log.
    pub nick: String,
    /// Every other spelling seen (`mort___` for `mort`).
    pub aliases: Vec<String>,
    pub colour: usize,
    /// Messages, actions and notices.
    pub n_lines: usize,
}

/// The speakers of `log`, most lines first, ties by first appearance.
pub fn speakers(log: &Log) -> Vec<Speaker> {
    let mut by_person: HashMap<String, usize> = HashMap::new();
    let mut speakers: Vec<Speaker> = Vec::new();
    for line in log.lines.iter().filter(|line| line.kind.is_spoken()) {
        let Some(nick) = log.nick(line) else { continue };
        let index = *by_person.entry(normalise_nick(nick)).or_insert_with(|| {
            speakers.push(Speaker { nick: nick.to_owned(), aliases: Vec::new(), colour: colour_index(nick), n_lines: 0 });
            speakers.len() - 1
        });
        let speaker = &mut speakers[index];
        speaker.n_lines += 1;
        if speaker.nick != nick && !speaker.aliases.iter().any(|alias| alias == nick) {
            speaker.aliases.push(nick.to_owned());
        }
    }
    // Stable: equal counts keep their order of first appearance.
    speakers.sort_by(|a, b| b.n_lines.cmp(&a.n_lines));
    speakers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn counts_people_not_spellings() {
        let log = parse(b"[10:00] <mort> a\n[10:01] <avsm> b\n[10:02] <mort___> c\n=== x has joined #c\n[10:03] * avsm d\n[10:04] <mort> e\n", None);
        let speakers = speakers(&log);
        let got: Vec<(&str, usize, Vec<String>)> =
            speakers.iter().map(|s| (s.nick.as_str(), s.n_lines, s.aliases.clone())).collect();
        assert_eq!(got, vec![("mort", 3, vec!["mort___".to_owned()]), ("avsm", 2, vec![])]);
    }
}
