//! A query over the archive's index: every word on the line (and `from:nick`), newest log first.
//! It reads the chunk of each term, then the rarest term's pages from the newest, each with the
//! other terms' pages over the same logs, and stops once it has enough hits. The static site's
//! `search.js` does the same in the browser; this one is for the tests and the CLI.

use rustc_hash::FxHashMap;

use super::index::{chunk_path, gunzipped, page_path, Meta, PageRef, TermChunk, TermEntry};
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
    // Each (term, page) read once: a page of a frequent term serves several of the driver's.
    let mut pages: FxHashMap<(usize, usize), Groups> = FxHashMap::default();
    let mut lines_of = |term: usize, page: usize, read: &mut dyn FnMut(&str) -> Option<Vec<u8>>| -> Option<Groups> {
        if let Some(groups) = pages.get(&(term, page)) {
            return Some(groups.clone());
        }
        let entry = &entries[term];
        let groups = match entry.pages.is_empty() {
            true => decode_postings(&entry.postings)?,
            false => decode_postings(&postcard::from_bytes::<Vec<u32>>(&read(&page_path(&entry.stem, page))?).ok()?)?,
        };
        pages.insert((term, page), groups.clone());
        Some(groups)
    };
    let whole = [PageRef { first_file: 0, last_file: u32::MAX, count: 0 }];
    let pages_of = |entry: &TermEntry| -> Vec<PageRef> { if entry.pages.is_empty() { whole.to_vec() } else { entry.pages.clone() } };
    let driver_pages = pages_of(&entries[0]);
    let mut hits = Vec::new();
    for (index, page) in driver_pages.iter().enumerate().rev() {
        let mut found: Groups = lines_of(0, index, &mut read)?;
        for (other, entry) in entries.iter().enumerate().skip(1) {
            let mut theirs: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
            for (their_index, their_page) in pages_of(entry).iter().enumerate() {
                if their_page.last_file >= page.first_file && their_page.first_file <= page.last_file {
                    theirs.extend(lines_of(other, their_index, &mut read)?);
                }
            }
            for (file, lines) in &mut found {
                let empty = Vec::new();
                let their_lines = theirs.get(file).unwrap_or(&empty);
                lines.retain(|line| their_lines.binary_search(line).is_ok());
            }
        }
        for (file, lines) in found.into_iter().rev() {
            hits.extend(lines.into_iter().map(|line| Hit { file, line }));
        }
        if hits.len() >= limit {
            let more = hits.len() > limit || index > 0;
            hits.truncate(limit);
            return Some(Hits { hits, more });
        }
    }
    Some(Hits { hits, more: false })
}
