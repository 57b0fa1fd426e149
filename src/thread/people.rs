//! The reply model's table of people: person ids by normalised nick, and the nicks sorted so
//! that an unambiguous prefix (`yomi:` for `yomimono`) names its person.

use std::collections::BTreeMap;

/// Person ids by normalised nick, and the nicks sorted for unambiguous prefixes.
#[derive(Default)]
pub(super) struct People {
    pub(super) by_nick: FastMap<String, u32>,
    pub(super) sorted: BTreeMap<String, u32>,
    pub(super) n_people: u32,
    /// Counts the nicks added: what was looked up before a change may be stale.
    pub(super) version: u32,
}

impl People {
    pub(super) fn get_or_add(&mut self, normal: &str) -> u32 {
        if let Some(&person) = self.by_nick.get(normal) {
            return person;
        }
        let person = self.n_people;
        self.n_people += 1;
        self.add_nick(normal, person);
        person
    }

    /// Another nick of `person` (a rename), unless the nick is known already.
    pub(super) fn add_nick(&mut self, normal: &str, person: u32) {
        if !self.by_nick.contains_key(normal) {
            self.by_nick.insert(normal.to_owned(), person);
            self.sorted.insert(normal.to_owned(), person);
            self.version += 1;
        }
    }

    /// The one known nick starting with `prefix` (three letters at least), if only one does.
    pub(super) fn by_prefix(&self, prefix: &str) -> Option<u32> {
        if prefix.chars().count() < 3 {
            return None;
        }
        let mut matches = self.sorted.range(prefix.to_owned()..).take_while(|(nick, _)| nick.starts_with(prefix));
        let (_, &person) = matches.next()?;
        matches.next().is_none().then_some(person)
    }
}

/// [`crate::colour::normalise_nick`] into a reused buffer: this runs on every word of the log.
pub(super) fn normalise_into(nick: &str, buffer: &mut String) {
    buffer.clear();
    for c in nick_stem(nick).chars() {
        buffer.extend(c.to_lowercase());
    }
}

/// The part of a nick that names the person: no `|away` suffix, no trailing `_`, `` ` `` or digits.
pub(super) fn nick_stem(nick: &str) -> &str {
    let without_status = nick.split_once('|').map_or(nick, |(head, _)| head);
    let without_status = if without_status.is_empty() { nick } else { without_status };
    let stem = without_status.trim_end_matches(|c: char| c == '_' || c == '`' || c.is_ascii_digit());
    if stem.is_empty() {
        without_status
    } else {
        stem
    }
}

/// FxHash for the nick and word tables: their keys are short, and SipHash showed in profiles
/// (as did FNV-1a, a multiply per byte).
pub(super) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
