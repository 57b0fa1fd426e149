//! What the reply model knows about each line, gathered in one pass: who spoke, when, whom the
//! line names, whether it asks or answers, and a 64-bit signature of its words.

use super::people::{normalise_into, FastMap, People};
use super::tokens::{trim_word, WordCache, Words, IS_ANSWER, IS_GREETING, IS_QUESTION, IS_STOP, IS_THANKS};
use super::words::LineWords;
use crate::model::{LineKind, Log, SystemEvent};
use crate::speakers::nick_change;

/// "No speaker", "no time".
pub(crate) const NONE: u32 = u32::MAX;

pub(crate) const SPOKEN: u8 = 1;
pub(crate) const QUESTION: u8 = 1 << 1;
/// Starts with yes, no, yeah, nope, not, nah, sure, ok.
pub(crate) const ANSWER: u8 = 1 << 2;
pub(crate) const THANKS: u8 = 1 << 3;
pub(crate) const GREETING: u8 = 1 << 4;
pub(crate) const JOIN: u8 = 1 << 5;
/// The speaker's first spoken line in the log.
pub(crate) const FIRST_OF_SPEAKER: u8 = 1 << 6;
/// A bot command: `!factoid`, `!factoid | nick`.
pub(crate) const COMMAND: u8 = 1 << 7;

/// Names kept per line.
const MAX_NAMES_PER_LINE: usize = 8;

/// How a line names someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// `nick: text`, `nick, text`, `(nick: text`, `nick text`: at the start of the line.
    Address,
    /// `@nick` anywhere, or the nick as the last word (`+1 hannes`).
    Pointed,
    /// Anywhere else in the line.
    Mention,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Named {
    pub speaker: u32,
    pub how: Naming,
}

/// Per-line facts, one entry per model line; names in one flat side table.
pub(crate) struct Facts {
    /// Person id (nick variants and renames merged), for spoken lines and joins; `NONE` otherwise.
    pub speaker: Vec<u32>,
    pub flags: Vec<u8>,
    /// Seconds since the first stamped line, carried over unstamped lines; `NONE` before any stamp.
    pub seconds: Vec<u32>,
    pub n_words: Vec<u16>,
    /// Content words, each hashed to one of 64 bits: shared words are `(a & b).count_ones()`.
    pub signature: Vec<u64>,
    /// The same for long words (six letters or more), which say more.
    pub long_signature: Vec<u64>,
    /// Content words, hashed exactly, for the words two lines share and how rare they are.
    pub words: LineWords,
    /// `names[name_start[i]..name_start[i + 1]]` are the people line `i` names.
    pub name_start: Vec<u32>,
    pub names: Vec<Named>,
    pub n_people: usize,
}

impl Facts {
    #[inline]
    pub fn names_of(&self, line: usize) -> &[Named] {
        let start = self.name_start[line] as usize;
        let end = self.name_start[line + 1] as usize;
        &self.names[start..end]
    }

    pub fn len(&self) -> usize {
        self.speaker.len()
    }
}


pub(crate) fn gather(log: &Log) -> Facts {
    let n = log.lines.len();
    let mut facts = Facts {
        speaker: Vec::with_capacity(n),
        flags: Vec::with_capacity(n),
        seconds: Vec::with_capacity(n),
        n_words: Vec::with_capacity(n),
        signature: Vec::with_capacity(n),
        long_signature: Vec::with_capacity(n),
        name_start: Vec::with_capacity(n + 1),
        names: Vec::new(),
        words: LineWords::with_capacity(n),
        n_people: 0,
    };
    let mut people = People::default();
    let mut by_spelling: FastMap<&str, u32> = FastMap::default();
    let mut buffer = String::new();
    let mut clock = Clock::default();
    let mut cache = WordCache::default();
    let mut has_spoken: Vec<bool> = Vec::new();
    facts.name_start.push(0);
    for line in &log.lines {
        let seconds = clock.seconds(line.time.map(|stamp| stamp.time));
        let mut flags = 0u8;
        let mut speaker = NONE;
        let mut n_words = 0u16;
        let mut signature = 0u64;
        let mut long_signature = 0u64;
        match line.kind {
            kind if kind.is_spoken() => {
                flags |= SPOKEN;
                if let Some(nick) = log.nick(line) {
                    speaker = match by_spelling.get(nick) {
                        Some(&person) => person,
                        None => {
                            normalise_into(nick, &mut buffer);
                            let person = people.get_or_add(&buffer);
                            by_spelling.insert(nick, person);
                            person
                        }
                    };
                    if has_spoken.len() <= speaker as usize {
                        has_spoken.resize(speaker as usize + 1, false);
                    }
                    if !has_spoken[speaker as usize] {
                        has_spoken[speaker as usize] = true;
                        flags |= FIRST_OF_SPEAKER;
                    }
                }
                let body = log.body(line);
                if body.contains('?') {
                    flags |= QUESTION;
                }
                if body.starts_with('!') {
                    flags |= COMMAND;
                }
                let mut at_start = true;
                let mut words = Words::of(body).peekable();
                let mut first_word = true;
                while let Some(raw) = words.next() {
                    n_words = n_words.saturating_add(1);
                    let is_last = words.peek().is_none();
                    let word = trim_word(raw);
                    let facts_of_word = cache.get(word, &people);
                    let class = facts_of_word.class;
                    if first_word {
                        first_word = false;
                        for (is, flag) in [(IS_ANSWER, ANSWER), (IS_GREETING, GREETING), (IS_QUESTION, QUESTION)] {
                            if class & is != 0 {
                                flags |= flag;
                            }
                        }
                    }
                    if class & IS_THANKS != 0 {
                        flags |= THANKS;
                    }
                    let named = if word.is_empty() {
                        None
                    } else {
                        let addressing = raw.ends_with(':') || raw.ends_with(',');
                        let person = match facts_of_word.person {
                            Some(person) => Some(person),
                            None if at_start && addressing => {
                                normalise_into(word, &mut buffer);
                                people.by_prefix(&buffer)
                            }
                            None => None,
                        };
                        person.filter(|&person| person != speaker).map(|person| {
                            // After the first word, only `nick:` and `nick,` keep addressing.
                            let how = if at_start && (n_words == 1 || addressing) {
                                Naming::Address
                            } else if raw.starts_with('@') || (is_last && n_words > 1) {
                                Naming::Pointed
                            } else {
                                Naming::Mention
                            };
                            Named { speaker: person, how }
                        })
                    };
                    match named {
                        Some(named) => {
                            let line_names = &facts.names[facts.name_start[facts.name_start.len() - 1] as usize..];
                            // A line naming a crowd names nobody in particular; the cap keeps this linear.
                            let is_new = line_names.len() < MAX_NAMES_PER_LINE && !line_names.iter().any(|seen| seen.speaker == named.speaker);
                            if is_new {
                                facts.names.push(named);
                            }
                            // `a: b: text` and `a, b: text` address both.
                            at_start = at_start && (raw.ends_with(':') || raw.ends_with(','));
                        }
                        None => {
                            at_start = false;
                            let n_chars = facts_of_word.n_chars;
                            if n_chars >= 3 && class & IS_STOP == 0 {
                                let hash = facts_of_word.hash;
                                facts.words.add(hash);
                                signature |= 1u64 << (hash % 64);
                                if n_chars >= 6 {
                                    long_signature |= 1u64 << ((hash >> 8) % 64);
                                }
                            }
                        }
                    }
                }
            }
            LineKind::System(SystemEvent::Join) => {
                flags |= JOIN;
                if let Some(nick) = log.nick(line) {
                    normalise_into(nick, &mut buffer);
                    speaker = people.get_or_add(&buffer);
                }
            }
            LineKind::System(SystemEvent::NickChange) => {
                if let Some((old, new)) = nick_change(log.body(line)) {
                    normalise_into(old, &mut buffer);
                    let person = people.get_or_add(&buffer);
                    normalise_into(new, &mut buffer);
                    people.add_nick(&buffer, person);
                    by_spelling.remove(new);
                }
            }
            _ => {}
        }
        facts.speaker.push(speaker);
        facts.flags.push(flags);
        facts.seconds.push(seconds);
        facts.n_words.push(n_words);
        facts.signature.push(signature);
        facts.long_signature.push(long_signature);
        facts.name_start.push(facts.names.len() as u32);
        facts.words.end_line();
    }
    facts.words.finish();
    facts.n_people = people.n_people as usize;
    facts
}

/// Turns times of day into seconds since the first stamp, counting a day each time the clock
/// goes back by more than an hour (logs of one channel past midnight).
#[derive(Default)]
struct Clock {
    first: Option<i64>,
    last: i64,
    days: i64,
    elapsed: u32,
}

impl Clock {
    fn seconds(&mut self, time: Option<chrono::NaiveTime>) -> u32 {
        use chrono::Timelike;
        let Some(time) = time else {
            return if self.first.is_some() { self.elapsed } else { NONE };
        };
        let of_day = i64::from(time.num_seconds_from_midnight());
        let first = *self.first.get_or_insert(of_day);
        if of_day + 3600 < self.last {
            self.days += 86_400;
        }
        self.last = of_day;
        self.elapsed = (self.days + of_day - first).clamp(0, i64::from(NONE - 1)) as u32;
        self.elapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    /// The nicks (as first spoken) and ways the last line of `log` names people.
    fn names_in_last_line(log: &str) -> Vec<(String, Naming)> {
        let log = parse(log.as_bytes(), None);
        let facts = gather(&log);
        let mut nick_of = vec![String::new(); facts.n_people];
        for (index, line) in log.lines.iter().enumerate() {
            let person = facts.speaker[index];
            if let (Some(nick), Some(slot)) = (log.nick(line), nick_of.get_mut(person as usize)) {
                if slot.is_empty() {
                    *slot = nick.to_owned();
                }
            }
        }
        facts.names_of(log.lines.len() - 1).iter().map(|named| (nick_of[named.speaker as usize].clone(), named.how)).collect()
    }

    #[test]
    fn finds_whom_a_line_names() {
        use Naming::{Address, Mention, Pointed};
        let spoken = "[10:00] <yomimono> a\n[10:00] <thomasga> b\n[10:00] <mort___> c\n[10:00] <hannes> d\n";
        let cases: &[(&str, &[(&str, Naming)])] = &[
            ("thomasga: yomimono: I think so", &[("thomasga", Address), ("yomimono", Address)]),
            ("thomasga, yes", &[("thomasga", Address)]),
            ("thomasga yes", &[("thomasga", Address)]),
            ("(hannes: fwiw it builds)", &[("hannes", Address)]),
            ("@hannes it builds", &[("hannes", Address)]),
            ("it builds @hannes now", &[("hannes", Pointed)]),
            ("+1 hannes", &[("hannes", Pointed)]),
            ("I asked hannes about it", &[("hannes", Mention)]),
            ("MORT: which compiler?", &[("mort___", Address)]),
            ("mort_: which compiler?", &[("mort___", Address)]),
            ("yomi: thanks", &[("yomimono", Address)]),
            // Too short to be a prefix, and not a nick.
            ("yo: thanks", &[]),
            ("thomasga: and hannes too", &[("thomasga", Address), ("hannes", Mention)]),
            ("nobody here", &[]),
        ];
        let mut failures = Vec::new();
        for (body, expected) in cases {
            let got = names_in_last_line(&format!("{spoken}[10:01] <avsm> {body}\n"));
            let expected: Vec<(String, Naming)> = expected.iter().map(|(nick, how)| (nick.to_string(), *how)).collect();
            if got != expected {
                failures.push(format!("{body:?}: {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn an_ambiguous_prefix_names_nobody() {
        let log = "[10:00] <yomimono> a\n[10:00] <yomiko> b\n[10:01] <avsm> yomi: which one?\n";
        assert_eq!(names_in_last_line(log), []);
        // Nobody names themselves.
        assert_eq!(names_in_last_line("[10:00] <avsm> a\n[10:01] <avsm> avsm: note to self\n"), []);
    }

    /// The scan compares two lines' words only when their signatures meet: both must hold the
    /// same words.
    #[test]
    fn lines_sharing_words_share_signature_bits() {
        let log = parse("[10:00] <a> the kernel panics on boot\n[10:01] <b> which Kernel? Ünïcode boot\n[10:02] <c> ünïcode, not here\n".as_bytes(), None);
        let facts = gather(&log);
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            let (shared, _) = facts.words.shared(a, b);
            assert!(shared == 0 || facts.signature[a] & facts.signature[b] != 0, "lines {a} and {b} share {shared} words but no bit");
        }
        assert_eq!([facts.words.shared(0, 1).0, facts.words.shared(1, 2).0, facts.words.shared(0, 2).0], [2, 1, 0]);
    }

    #[test]
    fn the_clock_counts_past_midnight() {
        let log = parse(b"[23:58] <a> x\n=== b [~b@h] has joined #c\n[00:01] <b> y\n", None);
        let facts = gather(&log);
        assert_eq!(facts.seconds, [0, 0, 180]);
    }
}
