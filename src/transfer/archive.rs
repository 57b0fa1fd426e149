//! An archive in the worker: the logs of a dropped folder, a zip or several files, kept as they
//! came, indexed once for the search (`archive::index`, in memory), and each parsed only when
//! the page opens it, so the worker holds the files and the index, never every parsed log.

use std::rc::Rc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};


use super::worker_parse::folder_files;
use super::{ParseRequest, SharedBytes};
use crate::archive::index::{IndexBuilder, Meta, META_PATH};
use crate::archive::{query, words_of, IndexedFile};
use crate::input::archive::{is_archive_of_logs, is_log_name, unzip, zip_paths};
use crate::model::{Format, LineKind, Log};

/// The logs an archive holds, as the page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveListing {
    /// The folder's or the zip's name.
    pub name: String,
    /// Each log, its id its position (sorted by path).
    pub files: Vec<IndexedFile>,
    /// Files that are no log (a picture), with why.
    pub skipped: Vec<String>,
}

/// What a search across the archive found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveHits {
    pub query: String,
    pub hits: Vec<ArchiveHit>,
    /// More lines hold the words than were sent.
    pub more: bool,
}

/// A line that holds every word, with what a hit shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveHit {
    pub file: u32,
    /// 1-based, as `#L<n>`.
    pub line: u32,
    /// `15:12`, or "".
    pub time: String,
    pub nick: String,
    /// As [`LineKind::name`].
    pub kind: String,
    pub text: String,
}

/// [`ArchiveListing`] on the wire: the name, each log's source, title, date ("" for none) and
/// folder one after another, each log's message count, and the skipped files. Plain lists, not
/// a struct per log: their decoder is what the page already links (serde's derive for each
/// struct would weigh kilobytes in the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingOnWire(pub String, pub Vec<String>, pub Vec<u32>, pub Vec<String>);

impl From<ArchiveListing> for ListingOnWire {
    fn from(listing: ArchiveListing) -> ListingOnWire {
        let texts = listing.files.iter().flat_map(|file| [file.source.clone(), file.title.clone(), file.date.clone().unwrap_or_default(), file.channel.clone()]).collect();
        ListingOnWire(listing.name, texts, listing.files.iter().map(|file| file.messages).collect(), listing.skipped)
    }
}

impl ListingOnWire {
    /// The listing again, or why the worker's message is malformed.
    pub fn listing(self) -> Result<ArchiveListing, String> {
        let ListingOnWire(name, texts, messages, skipped) = self;
        if texts.len() != messages.len() * 4 {
            return Err("the parse worker sent a broken list of the archive's logs".to_owned());
        }
        let mut texts = texts.into_iter();
        let mut next = || texts.next().unwrap_or_default();
        let files = messages
            .into_iter()
            .map(|messages| {
                let (source, title, date, channel) = (next(), next(), next(), next());
                IndexedFile { page: source.clone(), source, title, date: (!date.is_empty()).then_some(date), channel, messages }
            })
            .collect();
        Ok(ArchiveListing { name, files, skipped })
    }
}

/// [`ArchiveHits`] on the wire, as plain lists like [`ListingOnWire`]: the query, each hit's log
/// and line, each hit's time, speaker, kind and text, and whether there are more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitsOnWire(pub String, pub Vec<u32>, pub Vec<String>, pub bool);

impl From<ArchiveHits> for HitsOnWire {
    fn from(hits: ArchiveHits) -> HitsOnWire {
        let places = hits.hits.iter().flat_map(|hit| [hit.file, hit.line]).collect();
        let texts = hits.hits.into_iter().flat_map(|hit| [hit.time, hit.nick, hit.kind, hit.text]).collect();
        HitsOnWire(hits.query, places, texts, hits.more)
    }
}

impl HitsOnWire {
    pub fn hits(self) -> Result<ArchiveHits, String> {
        let HitsOnWire(query, places, texts, more) = self;
        if places.len() % 2 != 0 || texts.len() != places.len() * 2 {
            return Err("the parse worker sent broken search hits".to_owned());
        }
        let mut texts = texts.into_iter();
        let mut next = || texts.next().unwrap_or_default();
        let hits = places.chunks(2).map(|place| ArchiveHit { file: place[0], line: place[1], time: next(), nick: next(), kind: next(), text: next() }).collect();
        Ok(ArchiveHits { query, hits, more })
    }
}

/// An archive being indexed, then searched and opened a log at a time.
pub struct WorkerArchive {
    name: String,
    format: Option<Format>,
    /// Every file as it came, by path; those that are logs get an id in `files`.
    pending: Vec<(String, Rc<[u8]>)>,
    next: usize,
    bytes_read: u64,
    bytes_total: u64,
    builder: Option<IndexBuilder>,
    logs: Vec<Rc<[u8]>>,
    files: Vec<IndexedFile>,
    skipped: Vec<String>,
    index: FxHashMap<String, Vec<u8>>,
    meta: Option<Meta>,
}

impl WorkerArchive {
    /// The request's files as an archive, when they are one: a dropped folder's, or a zip's
    /// (judged by the names in its central directory, before anything is unpacked).
    pub fn of(request: &ParseRequest) -> Option<Result<WorkerArchive, String>> {
        if request.demo {
            return None;
        }
        let files: Vec<(String, Rc<[u8]>)> = if !request.folder.is_empty() {
            if !is_archive_of_logs(request.folder.iter().map(|(path, _)| path.as_str())) {
                return None;
            }
            folder_files(&request.bytes.0, &request.folder).into_iter().map(|(path, bytes)| (path, Rc::from(bytes))).collect()
        } else {
            // Only a zip's central directory is read, and only for a zip.
            if !request.bytes.0.starts_with(b"PK\x03\x04") {
                return None;
            }
            let paths = zip_paths(&request.bytes.0)?;
            if !is_archive_of_logs(paths.iter().map(String::as_str)) {
                return None;
            }
            match unzip(&request.bytes.0) {
                Ok(files) => files.into_iter().map(|(path, bytes)| (path, Rc::from(bytes))).collect(),
                Err(problem) => return Some(Err(format!("{}: {problem}", request.file_name))),
            }
        };
        let mut pending: Vec<(String, Rc<[u8]>)> = files.into_iter().filter(|(path, _)| is_log_name(path)).collect();
        pending.sort_by(|(a, _), (b, _)| a.cmp(b));
        let bytes_total = pending.iter().map(|(_, bytes)| bytes.len() as u64).sum();
        let archive = WorkerArchive {
            name: request.file_name.clone(),
            format: request.format,
            pending,
            next: 0,
            bytes_read: 0,
            bytes_total,
            builder: Some(IndexBuilder::in_memory()),
            logs: Vec::new(),
            files: Vec::new(),
            skipped: Vec::new(),
            index: FxHashMap::default(),
            meta: None,
        };
        Some(Ok(archive))
    }

    /// Reads and indexes files until about `budget` bytes are done; true once all are.
    pub fn index(&mut self, budget: usize) -> bool {
        let until = self.bytes_read + budget as u64;
        while self.next < self.pending.len() && self.bytes_read < until {
            let (path, bytes) = &self.pending[self.next];
            self.next += 1;
            self.bytes_read += bytes.len() as u64;
            let log = match self.parse(path, bytes) {
                Ok(log) => log,
                Err(why) => {
                    self.skipped.push(format!("{path}: {why}"));
                    continue;
                }
            };
            let file = IndexedFile::of(&log, path, path);
            if let Some(builder) = self.builder.as_mut() {
                builder.add(file.clone(), words_of(&log, false));
            }
            self.files.push(file);
            self.logs.push(Rc::clone(bytes));
        }
        if self.next < self.pending.len() {
            return false;
        }
        if let Some(builder) = self.builder.take() {
            self.index = builder.finish().into_iter().collect();
            self.meta = self.index.get(META_PATH).and_then(|meta| serde_json::from_slice(meta).ok());
            self.pending = Vec::new();
        }
        true
    }

    fn parse(&self, path: &str, bytes: &[u8]) -> Result<Log, String> {
        let prepared = crate::input::prepare(bytes).map_err(|problem| problem.to_string())?;
        let file_name = path.rsplit('/').next().unwrap_or(path);
        Ok(crate::parse::parse_file(&prepared, Some(file_name), self.format))
    }

    /// The format the archive was dropped with (`?format=`), `None` to detect each log's.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// Bytes indexed so far, of all.
    pub fn progress(&self) -> (u64, u64) {
        (self.bytes_read, self.bytes_total)
    }

    pub fn listing(&self) -> ArchiveListing {
        ArchiveListing { name: self.name.clone(), files: self.files.clone(), skipped: self.skipped.clone() }
    }

    /// Log `file` as a parse request of job `job`, read as `format`, or `None` if there is no
    /// such log.
    pub fn request(&self, job: u32, file: u32, format: Option<Format>) -> Option<ParseRequest> {
        let bytes = self.logs.get(file as usize)?;
        let file_name = self.files[file as usize].source.clone();
        Some(ParseRequest { job, file_name, format, bytes: SharedBytes(Rc::clone(bytes)), notes: Vec::new(), demo: false, folder: Vec::new() })
    }

    /// Up to `limit` lines of every log that hold every word of `query` (and `from:nick`),
    /// newest log first; `kind:` keeps the hits of those kinds.
    pub fn search(&self, query: &str, limit: usize) -> ArchiveHits {
        let kinds: Vec<String> = query.split_whitespace().filter_map(|part| crate::casefold::lowercase(part).strip_prefix("kind:").map(str::to_owned)).filter(|kind| !kind.is_empty()).collect();
        let words: String = query.split_whitespace().filter(|part| !crate::casefold::lowercase(part).starts_with("kind:")).collect::<Vec<_>>().join(" ");
        let Some(meta) = &self.meta else { return ArchiveHits { query: query.to_owned(), hits: Vec::new(), more: false } };
        // `kind:` filters after the index: ask for more, so that a page of them is left.
        let wanted = if kinds.is_empty() { limit } else { limit.saturating_mul(4) };
        let found = query::search(meta, &words, wanted, &mut |path: &str| self.index.get(path).cloned()).unwrap_or(query::Hits { hits: Vec::new(), more: false });
        let mut hits = Vec::new();
        let mut parsed: Option<(u32, Log)> = None;
        for hit in &found.hits {
            if parsed.as_ref().is_none_or(|(file, _)| *file != hit.file) {
                let (Some(bytes), Some(file)) = (self.logs.get(hit.file as usize), self.files.get(hit.file as usize)) else { continue };
                parsed = self.parse(&file.source, bytes).ok().map(|log| (hit.file, log));
            }
            let Some((_, log)) = &parsed else { continue };
            let Some(line) = log.lines.get(hit.line as usize - 1) else { continue };
            let kind = match line.kind {
                LineKind::System(event) => event.name(),
                kind => kind.name(),
            };
            if !kinds.is_empty() && !kinds.iter().any(|wanted| wanted == kind || wanted == line.kind.name()) {
                continue;
            }
            let time = line.time.map(|stamp| stamp.hours_minutes()).unwrap_or_default();
            hits.push(ArchiveHit { file: hit.file, line: hit.line, time, nick: log.nick(line).unwrap_or_default().to_owned(), kind: kind.to_owned(), text: log.body(line).to_owned() });
            if hits.len() == limit {
                break;
            }
        }
        let more = found.more || hits.len() == limit;
        ArchiveHits { query: query.to_owned(), hits, more }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::WorkerArchive;
    use crate::transfer::{ParseRequest, SharedBytes, WorkerParse};

    /// A dropped folder, as the page sends it: the files one after another, with paths and lengths.
    fn folder(files: &[(&str, &str)]) -> ParseRequest {
        let bytes: Vec<u8> = files.iter().flat_map(|(_, text)| text.bytes()).collect();
        let folder = files.iter().map(|(path, text)| ((*path).to_owned(), text.len() as u32)).collect();
        ParseRequest { job: 4, file_name: "calls".to_owned(), format: None, bytes: SharedBytes(Rc::from(bytes)), notes: Vec::new(), demo: false, folder }
    }

    #[test]
    fn a_folder_of_logs_is_indexed_in_slices_searched_and_opened_a_log_at_a_time() {
        let days = [
            ("b/29-06-2016.txt", "29-06-2016 15:12 avsm Mirage 3! Over to yomimono\n29-06-2016 15:13 yomimono the release is tagged\n"),
            ("a/15-06-2016.txt", "15-06-2016 15:12 hannes solo5 first\n15-06-2016 15:13 avsm release planning\n"),
            ("a/logo.png", "\u{89}PNG"),
            ("a/empty.txt", ""),
        ];
        let mut archive = WorkerArchive::of(&folder(&days)).expect("logs side by side are an archive").expect("it reads");
        let mut steps = 0;
        while !archive.index(1) {
            steps += 1;
        }
        assert!(steps > 0, "a slice at a time");
        let listing = archive.listing();
        let sources: Vec<&str> = listing.files.iter().map(|file| file.source.as_str()).collect();
        assert_eq!(sources, ["a/15-06-2016.txt", "b/29-06-2016.txt"], "sorted by path; the picture is no log");
        assert_eq!(listing.skipped.len(), 1, "the empty file is said: {:?}", listing.skipped);
        assert_eq!((listing.files[1].messages, listing.files[1].date.as_deref(), listing.files[1].channel.as_str()), (2, Some("2016-06-29"), "b"));

        let found = archive.search("Release", 10);
        let hits: Vec<(u32, u32, &str, &str, &str)> = found.hits.iter().map(|hit| (hit.file, hit.line, hit.time.as_str(), hit.nick.as_str(), hit.text.as_str())).collect();
        assert_eq!(hits, [(1, 2, "15:13", "yomimono", "the release is tagged"), (0, 2, "15:13", "avsm", "release planning")]);
        assert!(!found.more);
        assert_eq!(archive.search("from:avsm release", 10).hits.len(), 1);
        assert_eq!(archive.search("release", 1).hits.len(), 1);
        assert!(archive.search("release", 1).more);
        assert!(archive.search("release kind:action", 10).hits.is_empty());
        assert!(archive.search("nowhere", 10).hits.is_empty());

        // Opening a log: the worker sends its text, which the page does not have.
        let request = archive.request(9, 1, None).expect("log 1 is there");
        let mut parse = WorkerParse::begin(request).expect("it parses").sending_text();
        while !parse.read(16) {}
        let (parsed, log) = parse.finish(&|| 0.0);
        assert_eq!(parsed.text.map(|text| text.0.to_vec()), Some(days[0].1.as_bytes().to_vec()));
        assert_eq!(log.lines.len(), 2);
        assert!(archive.request(9, 2, None).is_none());
    }

    #[test]
    fn a_listing_and_hits_cross_as_plain_lists_and_a_broken_one_is_refused() {
        use super::{ArchiveHit, ArchiveHits, ArchiveListing, HitsOnWire, ListingOnWire};
        use crate::archive::IndexedFile;
        let file = |source: &str, date: Option<&str>| IndexedFile { page: source.to_owned(), source: source.to_owned(), title: "Weekly".to_owned(), date: date.map(str::to_owned), channel: "#mirage".to_owned(), messages: 7 };
        let listing = ArchiveListing { name: "calls".to_owned(), files: vec![file("a.txt", Some("2016-06-29")), file("notes", None)], skipped: vec!["x.png: not text".to_owned()] };
        assert_eq!(ListingOnWire::from(listing.clone()).listing(), Ok(listing));
        let hits = ArchiveHits { query: "q".to_owned(), hits: vec![ArchiveHit { file: 1, line: 3, time: "15:12".to_owned(), nick: "avsm".to_owned(), kind: "message".to_owned(), text: "hi".to_owned() }], more: true };
        assert_eq!(HitsOnWire::from(hits.clone()).hits(), Ok(hits));
        assert!(ListingOnWire("x".to_owned(), vec!["a".to_owned()], vec![1], Vec::new()).listing().is_err());
        assert!(HitsOnWire("x".to_owned(), vec![1], Vec::new(), false).hits().is_err());
    }

    #[test]
    fn one_log_or_an_export_is_no_archive() {
        assert!(WorkerArchive::of(&folder(&[("only.txt", "29-06-2016 15:12 avsm hi\n")])).is_none());
        assert!(WorkerArchive::of(&folder(&[("users.json", "[]"), ("general/2023-06-01.json", "[]"), ("general/2023-06-02.json", "[]")])).is_none());
        let file = ParseRequest { folder: Vec::new(), ..folder(&[("a.txt", "29-06-2016 15:12 avsm hi\n")]) };
        assert!(WorkerArchive::of(&file).is_none(), "a file that is no zip");
    }
}
