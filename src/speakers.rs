//! Who spoke, and how much: one person per nick and its variants, following nick changes, so a
//! renamed speaker keeps their colour and their place in the legend.

use std::collections::HashMap;

use crate::colour::distinct::distinct_colours;
use crate::colour::{colour_index, normalise_nick};
use crate::model::{LineKind, Log, SystemEvent};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Speaker {
    /// The nick as first written in the log.
    pub nick: String,
    /// Every other spelling and later nick seen (`mort___` for `mort`, `new` after a rename).
    pub aliases: Vec<String>,
    pub colour: usize,
    /// Messages, actions and notices.
    pub n_lines: usize,
}

/// The people of one log, and which nick is whom.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Roster {
    people: Vec<Speaker>,
    /// Normalised nick → index into `people`.
    by_nick: HashMap<String, usize>,
}

impl Roster {
    pub fn new(log: &Log) -> Roster {
        let mut roster = Roster::default();
        // Nicks repeat on most lines: look each spelling up once, without normalising it again.
        let mut by_spelling: HashMap<&str, usize> = HashMap::new();
        for line in &log.lines {
            match line.kind {
                kind if kind.is_spoken() => {
                    if let Some(nick) = log.nick(line) {
                        let person = match by_spelling.get(nick) {
                            Some(&person) => person,
                            None => *by_spelling.entry(nick).or_insert_with(|| roster.person(nick)),
                        };
                        roster.people[person].n_lines += 1;
                    }
                }
                LineKind::System(SystemEvent::NickChange) => {
                    if let Some((old, new)) = nick_change(log.body(line)) {
                        roster.rename(old, new);
                        // The new spelling may have been seen before the rename; look it up afresh.
                        by_spelling.remove(new);
                    }
                }
                _ => {}
            }
        }
        roster.tell_apart();
        roster
    }

    /// Gives each person a colour no more active speaker of this log has (see
    /// [`crate::colour::distinct::distinct_colours`]): decided once, from the whole log.
    fn tell_apart(&mut self) {
        let by_activity = self.by_activity();
        let homes: Vec<usize> = by_activity.iter().map(|&person| colour_index(&self.people[person].nick)).collect();
        for (person, colour) in by_activity.into_iter().zip(distinct_colours(&homes)) {
            self.people[person].colour = colour;
        }
    }

    /// Whether every nick names someone on the roster: what a roster from the parse worker
    /// must show before the views index people with it.
    pub fn is_whole(&self) -> bool {
        self.by_nick.values().all(|&person| person < self.people.len())
    }

    /// The speakers who said something, most lines first; ties keep their order of appearance.
    pub fn ranked(&self) -> Vec<Speaker> {
        self.by_activity().into_iter().map(|person| &self.people[person]).filter(|speaker| speaker.n_lines > 0).cloned().collect()
    }

    /// Everyone, as indices into `people`, most lines first; ties keep their order of appearance.
    fn by_activity(&self) -> Vec<usize> {
        // Plain pairs (fewer lines sort later, then the index): the same order as a stable sort,
        // and the same sort as the listing's (`listing.rs`), so the page links one sort, not two.
        let lines_then_index = |(person, speaker): (usize, &Speaker)| (u32::MAX - speaker.n_lines.min(u32::MAX as usize) as u32, person as u32);
        let mut people: Vec<(u32, u32)> = self.people.iter().enumerate().map(lines_then_index).collect();
        people.sort_unstable();
        people.into_iter().map(|(_, person)| person as usize).collect()
    }

    /// The person `nick` is (any spelling or later nick), as an index into [`Roster::people`].
    pub fn index_of(&self, nick: &str) -> Option<usize> {
        self.by_nick.get(&normalise_nick(nick)).copied()
    }

    /// Everyone seen, in order of appearance, including people who only changed nick.
    pub fn people(&self) -> &[Speaker] {
        &self.people
    }

    /// The palette index for `nick`: its person's colour in this log, or the nick's own if nobody
    /// by that name is on the roster.
    pub fn colour(&self, nick: &str) -> usize {
        self.by_nick.get(&normalise_nick(nick)).map_or_else(|| colour_index(nick), |&person| self.people[person].colour)
    }

    /// Whether `word` is the nick of someone in the log (any spelling of it).
    pub fn knows(&self, word: &str) -> bool {
        self.by_nick.contains_key(&normalise_nick(word))
    }

    fn person(&mut self, nick: &str) -> usize {
        let people = &mut self.people;
        let person = *self.by_nick.entry(normalise_nick(nick)).or_insert_with(|| {
            people.push(Speaker { nick: nick.to_owned(), aliases: Vec::new(), colour: colour_index(nick), n_lines: 0 });
            people.len() - 1
        });
        let speaker = &mut self.people[person];
        if speaker.nick != nick && !speaker.aliases.iter().any(|alias| alias == nick) {
            speaker.aliases.push(nick.to_owned());
        }
        person
    }

    /// `new` is `old` from now on, unless `new` is already somebody.
    fn rename(&mut self, old: &str, new: &str) {
        if self.by_nick.contains_key(&normalise_nick(new)) {
            return;
        }
        let person = self.person(old);
        self.by_nick.insert(normalise_nick(new), person);
        self.people[person].aliases.push(new.to_owned());
    }
}

/// The speakers of `log`, most lines first.
pub fn speakers(log: &Log) -> Vec<Speaker> {
    Roster::new(log).ranked()
}

/// The old and new nick in a nick-change line, in the wordings loggers use.
pub fn nick_change(text: &str) -> Option<(&str, &str)> {
    const WORDINGS: [&str; 6] = [" is now known as ", " changing nick to ", " changed nick to ", " -> ", " ist jetzt bekannt als ", " now known as "];
    let text = text.strip_prefix("Nick change:").unwrap_or(text);
    WORDINGS.iter().find_map(|wording| {
        let (before, after) = text.split_once(wording)?;
        let old = before.split_whitespace().last()?.trim_end_matches(',');
        let new = after.split_whitespace().next()?.trim_end_matches(['.', ',']);
        (!old.is_empty() && !new.is_empty()).then_some((old, new))
    })
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

    #[test]
    fn a_renamed_speaker_keeps_colour_and_place() {
        let log = parse(b"[10:00] <alice> a\n=== alice is now known as zed\n[10:01] <zed> b\n[10:02] <bob> c\n", None);
        let roster = Roster::new(&log);
        assert_eq!(roster.colour("zed"), roster.colour("alice"));
        let ranked = roster.ranked();
        assert_eq!((ranked[0].nick.as_str(), ranked[0].n_lines), ("alice", 2));
        assert_eq!(ranked[0].aliases, ["zed"]);
    }

    #[test]
    fn ranks_by_lines_and_ties_by_appearance() {
        type Ranked<'a> = &'a [(&'a str, usize)];
        let cases: [(&[u8], Ranked); 3] = [
            (b"[10:00] <a> x\n[10:01] <b> x\n[10:02] <b> x\n[10:03] <c> x\n", &[("b", 2), ("a", 1), ("c", 1)]),
            (b"[10:00] <c> x\n[10:01] <b> x\n[10:02] <a> x\n", &[("c", 1), ("b", 1), ("a", 1)]),
            (b"[10:00] <a> x\n[10:01] <b> x\n[10:02] <c> x\n[10:03] <c> x\n[10:04] <b> x\n[10:05] <c> x\n", &[("c", 3), ("b", 2), ("a", 1)]),
        ];
        for (text, want) in cases {
            let ranked = Roster::new(&parse(text, None)).ranked();
            let got: Vec<(&str, usize)> = ranked.iter().map(|speaker| (speaker.nick.as_str(), speaker.n_lines)).collect();
            assert_eq!(got, want, "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn reads_nick_change_wordings() {
        let cases = [
            ("old is now known as new", Some(("old", "new"))),
            ("-!- old is now known as new", Some(("old", "new"))),
            ("Nick change: mrtux -> Mrtux-Minetest", Some(("mrtux", "Mrtux-Minetest"))),
            ("Ahmed_, changing nick to Guest61694.", Some(("Ahmed_", "Guest61694"))),
            ("old has quit", None),
        ];
        for (text, expected) in cases {
            assert_eq!(nick_change(text), expected, "{text}");
        }
    }
}
