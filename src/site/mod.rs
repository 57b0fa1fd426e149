//! `scrollback site LOGDIR OUTDIR`: a whole archive of logs as a static site that any host
//! serves: `index.html` (every log by folder and month, and the search), one page per log
//! rendered server-side beside a copy of the log, the viewer (which opens that copy with
//! `?src=`), and the search index in chunks (`archive::index`) that `search.js` reads.
//! Run again, it renders only the logs that changed (or whose neighbours did) and writes only
//! the files whose bytes differ.

pub mod pages;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::archive::index::{fnv1a64, gzipped, IndexBuilder, INDEX_DIR, META_PATH};
use crate::archive::{words_of, FileWords, IndexedFile};
use crate::export::{site_page, stylesheet, SitePage};

/// What the site remembers of its last build, to render only what changed.
const MANIFEST: &str = ".scrollback-site.json";

pub struct SiteOptions {
    pub logs: PathBuf,
    pub out: PathBuf,
    /// The built viewer (`trunk build --release`'s `dist/`), copied under `viewer/`.
    pub viewer: PathBuf,
    pub title: Option<String>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct SiteReport {
    pub logs: usize,
    pub log_bytes: u64,
    pub pages_rendered: usize,
    pub files_written: usize,
    pub files_unchanged: usize,
    pub files_removed: usize,
    /// The search index: terms and postings, then the lines its hits show.
    pub index_bytes: u64,
    pub hit_lines_bytes: u64,
    pub skipped: Vec<String>,
}

/// Each log as the last build rendered it: its size and time, and its neighbours' pages.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    builder: String,
    /// Each page, with what it was made from (the log's size and time, its neighbours).
    pages: BTreeMap<String, String>,
    /// The logs copied beside their pages.
    #[serde(default)]
    sources: BTreeSet<String>,
    /// Each file of the search index, with a hash of what it holds before gzip.
    #[serde(default)]
    index: BTreeMap<String, String>,
}

/// A log found under LOGDIR.
struct Source {
    relative: String,
    path: PathBuf,
    stamp: String,
}

pub fn build(options: &SiteOptions) -> Result<SiteReport, String> {
    let viewer_index = options.viewer.join("index.html");
    if !viewer_index.is_file() {
        return Err(format!("no viewer at {} (build it with `trunk build --release`, or name it with --viewer DIR)", options.viewer.display()));
    }
    std::fs::create_dir_all(&options.out).map_err(|error| format!("cannot create {}: {error}", options.out.display()))?;
    let out = options.out.canonicalize().map_err(|error| error.to_string())?;
    let sources = find_logs(&options.logs, &out)?;
    let relatives: Vec<String> = sources.iter().map(|source| source.relative.clone()).collect();
    let page_of = pages::page_paths(&relatives);
    let previous_build: Manifest = std::fs::read(out.join(MANIFEST)).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default();
    // What a page is made with: the renderer, as the demo log's page shows it (a change to any
    // row or panel changes it, in a release or not), and the stylesheets. (The index page holds
    // search.js and the site's rules; it is written on every build.)
    let builder = format!("scrollback {} {}", env!("CARGO_PKG_VERSION"), fingerprint(&[renderer_sample().as_bytes(), stylesheet().as_bytes(), pages::LOG_STYLESHEET.as_bytes(), pages::STYLESHEET.as_bytes()]));
    let mut report = SiteReport { logs: sources.len(), ..SiteReport::default() };
    let mut writes = Writes::default();

    // Every log read and indexed, on every core, in order.
    let mut index = IndexBuilder::default();
    let mut kept: Vec<(usize, IndexedFile)> = Vec::with_capacity(sources.len());
    in_parallel(sources.len(), |at| read_log(&sources[at], &page_of[at]), |at, read| match read {
        Ok((file, words, bytes)) => {
            report.log_bytes += bytes;
            index.add(file.clone(), words);
            kept.push((at, file));
        }
        Err(skipped) => report.skipped.push(skipped),
    });
    // A page links the logs before and after it in its folder; it is rendered again when its
    // log, its neighbours or the builder changed.
    let folder = |file: &IndexedFile| file.channel.clone();
    let planned: Vec<(usize, String, bool)> = (0..kept.len())
        .map(|position| {
            let (at, file) = &kept[position];
            let previous = position.checked_sub(1).map(|before| &kept[before].1).filter(|other| folder(other) == folder(file));
            let next = kept.get(position + 1).map(|(_, other)| other).filter(|other| folder(other) == folder(file));
            let key = format!("{builder} {} {} {}", sources[*at].stamp, previous.map_or("", |other| other.page.as_str()), next.map_or("", |other| other.page.as_str()));
            let fresh = previous_build.pages.get(&file.page) == Some(&key) && out.join(&file.page).is_file() && out.join(&file.source).is_file();
            (*at, key, !fresh)
        })
        .collect();
    let nav_of = |position: usize| {
        let file = &kept[position].1;
        let previous = position.checked_sub(1).map(|before| &kept[before].1).filter(|other| folder(other) == folder(file));
        let next = kept.get(position + 1).map(|(_, other)| other).filter(|other| folder(other) == folder(file));
        pages::nav(file, previous, next)
    };
    let to_render: Vec<usize> = (0..kept.len()).filter(|position| planned[*position].2).collect();
    let shared_writes = Mutex::new(writes);
    let mut failures = Vec::new();
    in_parallel(
        to_render.len(),
        |job| render_page(&sources[kept[to_render[job]].0], &kept[to_render[job]].1, &nav_of(to_render[job]), &out, &shared_writes),
        |_, rendered| match rendered {
            Ok(()) => report.pages_rendered += 1,
            Err(problem) => failures.push(problem),
        },
    );
    if let Some(problem) = failures.into_iter().next() {
        return Err(problem);
    }
    writes = shared_writes.into_inner().map_err(|_| "a page's writer failed".to_owned())?;
    for (_, file) in &kept {
        writes.paths.extend([file.page.clone(), file.source.clone()]);
    }
    let files: Vec<IndexedFile> = kept.iter().map(|(_, file)| file.clone()).collect();
    let title = options.title.clone().unwrap_or_else(|| options.logs.canonicalize().ok().and_then(|path| path.file_name().map(|name| name.to_string_lossy().into_owned())).unwrap_or_else(|| "Logs".to_owned()));
    writes.put(&out, pages::STYLESHEET, pages::SITE_CSS.as_bytes())?;
    writes.put(&out, pages::LOG_STYLESHEET, stylesheet().as_bytes())?;
    // The index's files are gzipped (on every core) only when what they hold changed since
    // the last build: most of a rebuild's time would go to gzipping the same bytes again.
    let unpacked = index.finish_unpacked();
    let search_meta = unpacked.iter().find(|(path, _)| path == META_PATH).map(|(_, meta)| String::from_utf8_lossy(meta).into_owned()).unwrap_or_default();
    writes.put(&out, "index.html", pages::index_page(&title, &files, &search_meta).as_bytes())?;
    let mut index_hashes = BTreeMap::new();
    let mut to_gzip = Vec::new();
    for (path, bytes) in unpacked {
        let hash = format!("{:016x}", fnv1a64(&bytes));
        let kept = previous_build.index.get(&path) == Some(&hash) && out.join(&path).is_file();
        index_hashes.insert(path.clone(), hash);
        if kept {
            let size = std::fs::metadata(out.join(&path)).map_or(0, |metadata| metadata.len());
            count_index_bytes(&mut report, &path, size);
            writes.paths.insert(path);
            writes.unchanged += 1;
        } else {
            to_gzip.push((path, bytes));
        }
    }
    let mut failure = None;
    in_parallel(to_gzip.len(), |at| gzipped(&to_gzip[at].1), |at, bytes| {
        count_index_bytes(&mut report, &to_gzip[at].0, bytes.len() as u64);
        if let Err(problem) = writes.put(&out, &to_gzip[at].0, &bytes) {
            failure.get_or_insert(problem);
        }
    });
    if let Some(problem) = failure {
        return Err(problem);
    }
    copy_viewer(&options.viewer, &out, &mut writes)?;
    let manifest = Manifest {
        builder,
        pages: planned.iter().zip(&kept).map(|((_, key, _), (_, file))| (file.page.clone(), key.clone())).collect(),
        sources: kept.iter().map(|(_, file)| file.source.clone()).collect(),
        index: index_hashes,
    };
    writes.put(&out, MANIFEST, serde_json::to_string_pretty(&manifest).unwrap_or_default().as_bytes())?;
    // What the last build wrote and this one did not (a removed log's page and copy, old index
    // files, an older viewer's files).
    let ours = |path: &str| [INDEX_DIR, pages::VIEWER_DIR].iter().any(|dir| path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))) || previous_build.pages.contains_key(path) || previous_build.sources.contains(path);
    for stale in walk(&out)?.into_iter().filter(|path| ours(path) && !writes.paths.contains(path.as_str())) {
        std::fs::remove_file(out.join(&stale)).map_err(|error| format!("cannot remove {stale}: {error}"))?;
        report.files_removed += 1;
    }
    report.files_written = writes.written;
    report.files_unchanged = writes.unchanged;
    Ok(report)
}

fn count_index_bytes(report: &mut SiteReport, path: &str, bytes: u64) {
    match path.starts_with(&format!("{INDEX_DIR}/lines/")) {
        true => report.hit_lines_bytes += bytes,
        false => report.index_bytes += bytes,
    }
}

/// Runs `work` for 0..count on every core; `each` gets the results on this thread, in order.
fn in_parallel<T: Send>(count: usize, work: impl Fn(usize) -> T + Sync, mut each: impl FnMut(usize, T)) {
    let next_job = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |threads| threads.get()).min(count.max(1));
    let (sender, receiver) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (sender, next_job, work) = (sender.clone(), &next_job, &work);
            scope.spawn(move || loop {
                let job = next_job.fetch_add(1, Ordering::Relaxed);
                if job >= count || sender.send((job, work(job))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0;
        for (job, result) in receiver {
            waiting.insert(job, result);
            while let Some(result) = waiting.remove(&next) {
                each(next, result);
                next += 1;
            }
        }
    });
}

/// Reads, parses and indexes one log: its entry, its words and its size.
fn read_log(source: &Source, page: &str) -> Result<(IndexedFile, FileWords, u64), String> {
    let (log, size) = parsed(source)?;
    Ok((IndexedFile::of(&log, &source.relative, page), words_of(&log, true), size))
}

fn parsed(source: &Source) -> Result<(crate::model::Log, u64), String> {
    let skipped = |why: String| format!("{}: {why}", source.relative);
    let bytes = std::fs::read(&source.path).map_err(|error| skipped(error.to_string()))?;
    let prepared = crate::input::prepare(&bytes).map_err(|problem| skipped(problem.to_string()))?;
    let file_name = source.relative.rsplit('/').next().unwrap_or(&source.relative);
    Ok((crate::parse::parse_file(&prepared, Some(file_name), None), bytes.len() as u64))
}

/// Renders a log's page and copies the log beside it, for the viewer.
fn render_page(source: &Source, file: &IndexedFile, nav: &str, out: &Path, writes: &Mutex<Writes>) -> Result<(), String> {
    let (log, _) = parsed(source)?;
    let file_name = source.relative.rsplit('/').next().unwrap_or(&source.relative).to_owned();
    let root = pages::root_of(&file.page);
    let stylesheet_hrefs = [format!("{root}{}", pages::LOG_STYLESHEET), format!("{root}{}", pages::STYLESHEET)];
    let html = site_page(log, file_name, &SitePage { stylesheet_hrefs: &stylesheet_hrefs, nav });
    let bytes = std::fs::read(&source.path).map_err(|error| format!("{}: {error}", source.relative))?;
    let mut writes = writes.lock().map_err(|_| "a page's writer failed".to_owned())?;
    writes.put(out, &file.page, html.as_bytes())?;
    writes.put(out, &file.source, &bytes)
}

/// The files a build writes, each written only when its bytes changed.
#[derive(Default)]
struct Writes {
    paths: BTreeSet<String>,
    written: usize,
    unchanged: usize,
}

impl Writes {
    fn put(&mut self, out: &Path, relative: &str, bytes: &[u8]) -> Result<(), String> {
        let path = out.join(relative);
        self.paths.insert(relative.to_owned());
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            self.unchanged += 1;
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        self.written += 1;
        Ok(())
    }
}

/// Every regular file under `root` (not hidden, not under `out`), by relative path.
fn find_logs(root: &Path, out: &Path) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    let root = root.canonicalize().map_err(|error| format!("cannot read {}: {error}", root.display()))?;
    for relative in walk(&root)? {
        let path = root.join(&relative);
        if path.starts_with(out) || relative.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let metadata = std::fs::metadata(&path).map_err(|error| format!("cannot read {relative}: {error}"))?;
        let modified = metadata.modified().ok().and_then(|time| time.duration_since(SystemTime::UNIX_EPOCH).ok()).map_or(0, |time| time.as_nanos());
        sources.push(Source { stamp: format!("{}:{modified}", metadata.len()), relative, path });
    }
    sources.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(sources)
}

/// Every file under `root`, as `/`-separated paths relative to it, sorted.
fn walk(root: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|error| format!("cannot read {}: {error}", folder.display()))? {
            let path = entry.map_err(|error| error.to_string())?.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Copies the built viewer under `viewer/`.
fn copy_viewer(viewer: &Path, out: &Path, writes: &mut Writes) -> Result<(), String> {
    for relative in walk(viewer)? {
        // The benchmark's files are linked into `dist/` while it runs: not part of the viewer.
        if relative.starts_with("bench/") {
            continue;
        }
        let bytes = std::fs::read(viewer.join(&relative)).map_err(|error| format!("cannot read the viewer's {relative}: {error}"))?;
        writes.put(out, &format!("{}/{relative}", pages::VIEWER_DIR), &bytes)?;
    }
    Ok(())
}

/// A short hash (FNV-1a, stable across builds) of what a page or an index file is made from.
/// The demo log's page: what this build's renderer makes of a meeting.
fn renderer_sample() -> String {
    let log = crate::parse::parse_file(crate::demo::DEMO_LOG.as_bytes(), Some(crate::demo::DEMO_FILE_NAME), None);
    site_page(log, crate::demo::DEMO_FILE_NAME.to_owned(), &SitePage { stylesheet_hrefs: &[], nav: "" })
}

fn fingerprint(parts: &[&[u8]]) -> String {
    format!("{:016x}", fnv1a64(&parts.concat()))
}
