//! The archive the page has open (a dropped folder, zip or several files of logs): its list of
//! logs, which one is shown, and the last search across them. The worker holds the files.

use std::rc::Rc;

use crate::transfer::archive::{ArchiveHits, ArchiveListing};

/// Hits asked for at a time.
pub const ARCHIVE_HITS: u32 = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveState {
    pub listing: Rc<ArchiveListing>,
    /// The log shown (or being opened), by id.
    pub current: Option<u32>,
    /// The search asked for (its number, so an answer to an older one is dropped) and its hits.
    pub search: Option<(u32, Rc<str>)>,
    pub hits: Option<Rc<ArchiveHits>>,
}

impl ArchiveState {
    /// The log before or after the shown one in its folder (a channel's previous day).
    pub fn neighbour(&self, forward: bool) -> Option<u32> {
        let current = self.current? as usize;
        let files = &self.listing.files;
        let channel = &files.get(current)?.channel;
        let next = if forward { current.checked_add(1)? } else { current.checked_sub(1)? };
        files.get(next).filter(|file| file.channel == *channel).map(|_| next as u32)
    }

    /// This archive, searching for `query` as search number `number`.
    pub fn searching(&self, number: u32, query: &str) -> ArchiveState {
        let query = query.trim();
        let search = (!query.is_empty()).then(|| (number, Rc::from(query)));
        ArchiveState { search, hits: None, ..self.clone() }
    }
}
