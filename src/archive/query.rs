//! A query over the archive's index: every word on the line (and `from:nick`), newest log first.
//! It reads the chunk of each term, then the rarest term's pages from the newest, a log at a
//! time, each with the other terms' page that covers that log, and stops once it has enough
//! hits. The static site's `search.js` does the same in the browser; this one is for the tests
//! and the CLI.

use rustc_hash::FxHashMap;

use super::index::{chunk_path, gunzipped, page_path, Meta, TermChunk, TermEntry};
use super::terms::{for_each_term, from_term, FROM_PREFIX};

/// A line that holds every term of the query: the log's id and the 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub file: u32,
    pub line: u32,
}

/// The hits found, and whether there may be more past `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    pub hits: Vec<Hit>,
    pub more: bool,
}

/// The terms a query asks for: its words as the index keeps them, `from:nick` as a speaker.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut word = String::new();
    for part in query.split_whitespace() {
        match part.get(..FROM_PREFIX.len()).filter(|prefix| prefix.eq_ignore_ascii_case(FROM_PREFIX)).map(|_| &part[FROM_PREFIX.len()..]) {
            Some(nick) if !nick.is_empty() => terms.push(from_term(nick)),
            _ => for_each_term(part, &mut word, |term| terms.push(term.to_owned())),
        }
    }
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// A term's lines by log: `(log id, lines)`, in the order written.
pub type Groups = Vec<(u32, Vec<u32>)>;

/// Postings as the index writes them (`index`'s comment), read back; `None` if malformed.
pub fn decode_postings(numbers: &[u32]) -> Option<Groups> {
    let mut groups = Vec::new();
    let mut numbers = numbers.iter().copied();
    let mut file = 0u32;
    while let Some(delta) = numbers.next() {
        file = file.checked_add(delta)?;
        let count = numbers.next()?;
        let mut line = 0u32;
        let lines = (0..count).map(|_| numbers.next().and_then(|delta| line.checked_add(delta)).inspect(|next| line = *next)).collect::<Option<Vec<u32>>>()?;
        groups.push((file, lines));
    }
    Some(groups)
}

/// Each (term, page) read once: a page of a frequent term serves many of the rarest one's logs.
struct PageCache<'a> {
    entries: &'a [TermEntry],
    groups: FxHashMap<(usize, usize), Groups>,
}

impl PageCache<'_> {
    fn lines_of(&mut self, term: usize, page: usize, read: &mut dyn FnMut(&str) -> Option<Vec<u8>>) -> Option<&Groups> {
        if !self.groups.contains_key(&(term, page)) {
            let entry = &self.entries[term];
            let groups = match entry.pages.is_empty() {
                true => decode_postings(&entry.postings)?,
                false => decode_postings(&postcard::from_bytes::<Vec<u32>>(&read(&page_path(&entry.stem, page, entry.pages.len()))?).ok()?)?,
            };
            self.groups.insert((term, page), groups);
        }
        self.groups.get(&(term, page))
    }

    /// The lines of log `file` that `term` is on (a log is never split across pages).
    fn lines_in(&mut self, term: usize, file: u32, read: &mut dyn FnMut(&str) -> Option<Vec<u8>>) -> Option<Vec<u32>> {
        let pages = &self.entries[term].pages;
        let page = pages.partition_point(|page| page.last_file < file);
        if !pages.is_empty() && pages.get(page).is_none_or(|covering| covering.first_file > file) {
            return Some(Vec::new());
        }
        let groups = self.lines_of(term, page, read)?;
        Some(groups.binary_search_by_key(&file, |(their_file, _)| *their_file).map(|at| groups[at].1.clone()).unwrap_or_default())
    }
}

/// Finds up to `limit` hits of `query`, reading the index's files through `fetch` (a path
/// under the site, its bytes as stored). `None` when a file is missing or malformed.
pub fn search(meta: &Meta, query: &str, limit: usize, fetch: &mut dyn FnMut(&str) -> Option<Vec<u8>>) -> Option<Hits> {
    let mut read = |path: &str| fetch(path).and_then(|bytes| gunzipped(&bytes));
    let mut chunks: FxHashMap<usize, TermChunk> = FxHashMap::default();
    let mut entries: Vec<TermEntry> = Vec::new();
    for term in query_terms(query) {
        let Some(chunk) = meta.chunks.partition_point(|first| first.as_str() <= term.as_str()).checked_sub(1) else {
            return Some(Hits { hits: Vec::new(), more: false });
        };
        if let std::collections::hash_map::Entry::Vacant(vacant) = chunks.entry(chunk) {
            vacant.insert(postcard::from_bytes(&read(&chunk_path(chunk))?).ok()?);
        }
        match chunks[&chunk].terms.binary_search_by(|entry| entry.term.as_str().cmp(&term)) {
            Ok(at) => entries.push(chunks[&chunk].terms[at].clone()),
            Err(_) => return Some(Hits { hits: Vec::new(), more: false }),
        }
    }
    if entries.is_empty() {
        return Some(Hits { hits: Vec::new(), more: false });
    }
    entries.sort_by_key(|entry| entry.count);
    let mut pages = PageCache { entries: &entries, groups: FxHashMap::default() };
    // The rarest term's lines, newest log first; each log's kept where every other term is on
    // the line, from the one page of theirs that covers that log (the newest, for the first
    // hits), so a frequent word costs a page, not every page over the rarest one's logs.
    let driver_pages = entries[0].pages.len().max(1);
    let mut hits = Vec::new();
    for index in (0..driver_pages).rev() {
        let found = pages.lines_of(0, index, &mut read)?.clone();
        for (at, (file, lines)) in found.iter().enumerate().rev() {
            let mut lines = lines.clone();
            for other in 1..entries.len() {
                let theirs = pages.lines_in(other, *file, &mut read)?;
                lines.retain(|line| theirs.binary_search(line).is_ok());
            }
            hits.extend(lines.into_iter().map(|line| Hit { file: *file, line }));
            if hits.len() >= limit {
                let more = hits.len() > limit || at > 0 || index > 0;
                hits.truncate(limit);
                return Some(Hits { hits, more });
            }
        }
    }
    Some(Hits { hits, more: false })
}
