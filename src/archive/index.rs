//! The archive's search index, split the way Pagefind splits its own so that a query fetches
//! only what it needs: a small `meta` (the first term of each chunk: the site's index page holds
//! it, so a query's first fetch is its terms' chunks), the logs' names in parts, the terms
//! in sorted chunks (each term's count, and its lines when it has few), a frequent term's lines
//! in pages of a few thousand (each page names the logs it covers, so a query reads the newest
//! pages first and stops), and the lines hits show in blocks of [`LINES_PER_BLOCK`] per log.
//!
//! Every file is gzipped (a reader checks for gzip's magic bytes, since a host may have
//! unpacked it already); chunks and pages are postcard (unsigned numbers as LEB128 varints,
//! a string or list as its length then its items), `meta` is JSON. A term's lines ("postings")
//! are numbers: for each log in order, the log's id less the previous one's, how many lines,
//! then each line number less the previous one's (1-based source lines: `#L<n>`).

use std::io::Write;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{FileWords, IndexedFile};

/// Source lines per block of the lines hits show.
pub const LINES_PER_BLOCK: u32 = 128;
/// A term on at most this many lines keeps them in its chunk: no page to fetch.
pub const INLINE_POSTINGS: u32 = 64;
/// A page of a frequent term holds about this many lines (whole logs: a log is never split).
pub const PAGE_POSTINGS: u32 = 4096;
/// A chunk of terms is cut after this many bytes (before gzip).
pub const CHUNK_BYTES: usize = 16_384;
/// Logs named per part of `search/files/`: a query's hits, newest first, mostly need one part.
pub const FILES_PER_PART: u32 = 256;

/// The files of the index, under this folder of the site.
pub const INDEX_DIR: &str = "search";
pub const META_PATH: &str = "search/meta.sbx";

/// `search/meta.sbx`: what a query reads first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    pub lines_per_block: u32,
    /// How many logs there are; log `n` is named in part `n / files_per_part` of `search/files/`.
    pub files: u32,
    pub files_per_part: u32,
    /// The first term of each chunk, in order: chunk `n` is `search/terms/<n>.sbx`.
    pub chunks: Vec<String>,
}

/// A chunk of terms, sorted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermChunk {
    pub terms: Vec<TermEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermEntry {
    pub term: String,
    /// Lines the term is on, in every log.
    pub count: u32,
    /// The postings, when the term has no pages.
    pub postings: Vec<u32>,
    /// Its pages are `search/postings/<stem>-<n>.sbx`.
    pub stem: String,
    pub pages: Vec<PageRef>,
}

/// One page of a frequent term's postings: the logs it covers (ids, inclusive) and its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRef {
    pub first_file: u32,
    pub last_file: u32,
    pub count: u32,
}

pub fn chunk_path(chunk: usize) -> String {
    format!("{INDEX_DIR}/terms/{chunk}.sbx")
}

/// Page `page` of a term's `pages`. The newest is `<stem>-newest`: its name needs nothing from
/// the term's chunk (the stem is the term's hash), so a query asks for it with the chunk.
pub fn page_path(stem: &str, page: usize, pages: usize) -> String {
    match page + 1 == pages {
        true => format!("{INDEX_DIR}/postings/{stem}-newest.sbx"),
        false => format!("{INDEX_DIR}/postings/{stem}-{page}.sbx"),
    }
}

/// A part of the logs' names: a JSON list of [`IndexedFile`]s.
pub fn files_path(part: u32) -> String {
    format!("{INDEX_DIR}/files/{part}.sbx")
}

pub fn lines_path(file: u32, block: u32) -> String {
    format!("{INDEX_DIR}/lines/{file}/{block}.sbx")
}

/// A term's postings as they are appended, log by log, cut into pages.
#[derive(Default)]
struct Postings {
    numbers: Vec<u32>,
    count: u32,
    /// Closed pages: where each ends in `numbers`, and what it covers.
    pages: Vec<(usize, PageRef)>,
    open: Option<PageRef>,
    last_file: u32,
}

impl Postings {
    fn add(&mut self, file: u32, lines: &[u32]) {
        let page = self.open.get_or_insert(PageRef { first_file: file, last_file: file, count: 0 });
        // A page starts from log 0, so that it reads on its own.
        let previous = if page.count == 0 { 0 } else { self.last_file };
        self.numbers.push(file - previous);
        self.numbers.push(lines.len() as u32);
        let mut previous_line = 0;
        for &line in lines {
            self.numbers.push(line - previous_line);
            previous_line = line;
        }
        page.last_file = file;
        page.count += lines.len() as u32;
        self.count += lines.len() as u32;
        self.last_file = file;
        if page.count >= PAGE_POSTINGS {
            self.close_page();
        }
    }

    fn close_page(&mut self) {
        if let Some(page) = self.open.take() {
            self.pages.push((self.numbers.len(), page));
        }
    }
}

/// Builds the index from the archive's logs, given in the order of their ids.
#[derive(Default)]
pub struct IndexBuilder {
    files: Vec<IndexedFile>,
    terms: FxHashMap<Box<str>, Postings>,
    blocks: Vec<(String, Vec<u8>)>,
    /// For a query in the same memory (the page's worker): no gzip, and no lines for the hits,
    /// which are read from the logs themselves.
    in_memory: bool,
}

impl IndexBuilder {
    /// A builder for an index kept in memory, not written out.
    pub fn in_memory() -> IndexBuilder {
        IndexBuilder { in_memory: true, ..IndexBuilder::default() }
    }

    /// Adds the next log: it gets the next id (0, 1, …).
    pub fn add(&mut self, file: IndexedFile, words: FileWords) {
        let id = self.files.len() as u32;
        for (term, lines) in &words.terms {
            match self.terms.get_mut(term.as_str()) {
                Some(postings) => postings.add(id, lines),
                None => {
                    let mut postings = Postings::default();
                    postings.add(id, lines);
                    self.terms.insert(term.as_str().into(), postings);
                }
            }
        }
        if !self.in_memory {
            self.blocks.extend(words.blocks.into_iter().map(|(block, text)| (lines_path(id, block), text.into_bytes())));
        }
        self.files.push(file);
    }

    /// Every file of the index: its path under the site and its bytes, gzipped.
    pub fn finish(self) -> Vec<(String, Vec<u8>)> {
        let gzip = !self.in_memory;
        self.finish_with(gzip)
    }

    /// Every file of the index, not yet gzipped ([`gzipped`] does it): a site compares them
    /// with what it wrote last time before spending the time to gzip them.
    pub fn finish_unpacked(self) -> Vec<(String, Vec<u8>)> {
        self.finish_with(false)
    }

    fn finish_with(self, gzip: bool) -> Vec<(String, Vec<u8>)> {
        let IndexBuilder { files, terms, blocks, .. } = self;
        let gzipped = |bytes: &[u8]| if gzip { gzipped(bytes) } else { bytes.to_vec() };
        let mut out: Vec<(String, Vec<u8>)> = blocks.into_iter().map(|(path, text)| (path, gzipped(&text))).collect();
        let mut terms: Vec<(Box<str>, Postings)> = terms.into_iter().collect();
        terms.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let mut stems = FxHashSet::default();
        let mut chunks: Vec<String> = Vec::new();
        let mut chunk = TermChunk { terms: Vec::new() };
        let mut chunk_bytes = 0;
        for (term, mut postings) in terms {
            postings.close_page();
            let entry = if postings.count <= INLINE_POSTINGS {
                TermEntry { term: term.into(), count: postings.count, postings: postings.numbers, stem: String::new(), pages: Vec::new() }
            } else {
                let stem = unique_stem(&term, &mut stems);
                let mut start = 0;
                let count = postings.pages.len();
                for (index, (end, _)) in postings.pages.iter().enumerate() {
                    out.push((page_path(&stem, index, count), gzipped(&encoded(&postings.numbers[start..*end]))));
                    start = *end;
                }
                let pages = postings.pages.into_iter().map(|(_, page)| page).collect();
                TermEntry { term: term.into(), count: postings.count, postings: Vec::new(), stem, pages }
            };
            if chunk.terms.is_empty() {
                chunks.push(entry.term.clone());
            }
            chunk_bytes += entry.term.len() + 8 + entry.postings.len() * 2 + entry.pages.len() * 8;
            chunk.terms.push(entry);
            if chunk_bytes >= CHUNK_BYTES {
                out.push((chunk_path(chunks.len() - 1), gzipped(&encoded(&chunk))));
                chunk.terms.clear();
                chunk_bytes = 0;
            }
        }
        if !chunk.terms.is_empty() {
            out.push((chunk_path(chunks.len() - 1), gzipped(&encoded(&chunk))));
        }
        for (part, names) in files.chunks(FILES_PER_PART as usize).enumerate() {
            out.push((files_path(part as u32), gzipped(serde_json::to_string(names).unwrap_or_default().as_bytes())));
        }
        let meta = Meta { version: 2, lines_per_block: LINES_PER_BLOCK, files: files.len() as u32, files_per_part: FILES_PER_PART, chunks };
        out.push((META_PATH.to_owned(), gzipped(serde_json::to_string(&meta).unwrap_or_default().as_bytes())));
        out
    }
}

/// A term's pages' name: its FNV-1a hash in hex, stable across builds, told apart from another
/// term's with the same hash.
fn unique_stem(term: &str, used: &mut FxHashSet<String>) -> String {
    let hash = fnv1a64(term.as_bytes());
    let mut stem = format!("{hash:016x}");
    let mut suffix = 1;
    while !used.insert(stem.clone()) {
        stem = format!("{hash:016x}{suffix}");
        suffix += 1;
    }
    stem
}

/// FNV-1a, 64-bit: stable across platforms, builds and Rust versions, unlike std's hasher, so
/// names and hashes written into a site stay the same from one build to the next.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn encoded<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_default()
}

/// `bytes` as the index stores them.
pub fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Bytes as the index wrote them, or as a host that unpacked them serves them.
pub fn gunzipped(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Some(bytes.to_vec());
    }
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).ok()?;
    Some(out)
}
