//! `scrollback site`: a folder of logs becomes a static site (an index, a page per log beside its
//! copy, the viewer, the search index), and a second build renders and writes only what changed.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use scrollback::archive::index::{files_path, gunzipped, Meta, META_PATH};
use scrollback::archive::IndexedFile;
use scrollback::archive::query::search;
use scrollback::site::{build, SiteOptions, SiteReport};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scrollback-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(root: &Path, path: &str, contents: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn day(date: &str, said: &[(&str, &str)]) -> String {
    said.iter().enumerate().map(|(at, (nick, text))| format!("{date} 15:{:02} {nick} {text}\n", 10 + at)).collect()
}

struct Fixture {
    logs: PathBuf,
    out: PathBuf,
    viewer: PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        let root = temp_dir(name);
        let (logs, out, viewer) = (root.join("logs"), root.join("site"), root.join("dist"));
        write(&viewer, "index.html", b"<!doctype html><title>viewer</title>");
        write(&viewer, "app.wasm", b"\0asm");
        write(&logs, "mirage/2016/06/15-06-2016.txt", day("15-06-2016", &[("avsm", "Mirage 3 planning"), ("hannes", "solo5 first")]).as_bytes());
        write(&logs, "mirage/2016/06/29-06-2016.txt", day("29-06-2016", &[("avsm", "Mirage 3! Over to our release manager yomimono"), ("yomimono", "thanks, the release is tagged"), ("mort", "yomimono: <b>great</b> news")]).as_bytes());
        write(&logs, "mirage/2016/07/13-07-2016.txt", day("13-07-2016", &[("avsm", "retrospective on the release"), ("yomimono", "opam repository merged")]).as_bytes());
        write(&logs, "mirage/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
        Fixture { logs, out, viewer }
    }

    fn build(&self) -> SiteReport {
        build(&SiteOptions { logs: self.logs.clone(), out: self.out.clone(), viewer: self.viewer.clone(), title: Some("MirageOS calls".into()) }).unwrap()
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    fn hits(&self, query: &str) -> Vec<(String, u32)> {
        // The meta as search.js reads it: from the index page, the same as the index's file.
        let index = self.read("index.html");
        let held = index.split(r#"<script type="application/json" id="search-meta">"#).nth(1).and_then(|rest| rest.split("</script>").next()).expect("the index page holds the meta");
        let meta: Meta = serde_json::from_str(held).unwrap();
        assert_eq!(meta, serde_json::from_slice::<Meta>(&gunzipped(&std::fs::read(self.out.join(META_PATH)).unwrap()).unwrap()).unwrap());
        let mut fetch = |path: &str| std::fs::read(self.out.join(path)).ok();
        let hits = search(&meta, query, 100, &mut fetch).unwrap();
        let names = |part: u32| -> Vec<IndexedFile> { serde_json::from_slice(&gunzipped(&fetch(&files_path(part)).unwrap()).unwrap()).unwrap() };
        hits.hits.iter().map(|hit| (names(hit.file / meta.files_per_part)[(hit.file % meta.files_per_part) as usize].page.clone(), hit.line)).collect()
    }
}

#[test]
fn a_folder_of_logs_becomes_a_site_with_an_index_pages_the_viewer_and_search() {
    let site = Fixture::new("whole");
    let report = site.build();
    assert_eq!(report.logs, 4);
    assert_eq!(report.skipped.len(), 1, "the picture is no log: {:?}", report.skipped);
    assert!(report.skipped[0].starts_with("mirage/logo.png"));
    assert_eq!(report.pages_rendered, 3);

    let index = site.read("index.html");
    assert!(index.contains("<title>MirageOS calls</title>"));
    assert!(index.contains(r#"<a href="mirage/2016/06/29-06-2016.html">2016-06-29</a>"#), "{index}");
    assert!(index.contains("3 messages"));
    assert!(index.contains(r#"<h3>2016-07</h3>"#));
    assert!(index.contains(r#"<input id="q" name="q""#) && index.contains("search/terms/"), "the search is in the index page");

    let page = site.read("mirage/2016/06/29-06-2016.html");
    assert!(page.contains(r#"<link rel="stylesheet" href="../../../log.css">"#) && page.contains(r#"<link rel="stylesheet" href="../../../site.css">"#), "the site's stylesheets");
    assert!(site.read("log.css").contains(".row") && !index.contains("log.css"), "the index links only the site's own rules");
    assert!(page.contains(r#"<a href="../../../index.html">Archive</a>"#));
    assert!(page.contains(r#"<a rel="prev" href="../../../mirage/2016/06/15-06-2016.html">← 2016-06-15</a>"#), "{page}");
    assert!(page.contains(r#"<a rel="next" href="../../../mirage/2016/07/13-07-2016.html">2016-07-13 →</a>"#));
    assert!(page.contains(r#"href="../../../viewer/?src=../mirage/2016/06/29-06-2016.txt""#));
    assert!(page.contains(r#"id="L2""#) && page.contains("thanks, the release is tagged"), "readable without JavaScript");
    assert!(!page.contains("<b>great</b>"), "the log's markup is text");
    assert!(!page.contains("copy-link"), "no button that needs the app");
    assert!(!site.read("mirage/2016/06/15-06-2016.html").contains("rel=\"prev\""), "the first day has no day before");
    assert_eq!(site.read("mirage/2016/06/29-06-2016.txt"), day("29-06-2016", &[("avsm", "Mirage 3! Over to our release manager yomimono"), ("yomimono", "thanks, the release is tagged"), ("mort", "yomimono: <b>great</b> news")]));
    assert_eq!(site.read("viewer/index.html"), "<!doctype html><title>viewer</title>");
    assert!(site.read("site.css").contains(".site-nav"));
    assert!(index.contains(".site-nav") && !index.contains("rel=\"stylesheet\""), "the site's rules are in the index page");

    assert_eq!(site.hits("release"), [("mirage/2016/07/13-07-2016.html".to_owned(), 1), ("mirage/2016/06/29-06-2016.html".to_owned(), 1), ("mirage/2016/06/29-06-2016.html".to_owned(), 2)]);
    assert_eq!(site.hits("from:yomimono release"), [("mirage/2016/06/29-06-2016.html".to_owned(), 2)]);
    assert_eq!(site.hits("great news"), [("mirage/2016/06/29-06-2016.html".to_owned(), 3)]);
}

#[test]
fn a_second_build_renders_only_the_days_that_changed_and_their_neighbours() {
    let site = Fixture::new("again");
    site.build();
    let again = site.build();
    assert_eq!((again.pages_rendered, again.files_written, again.files_removed), (0, 0, 0), "{again:?}");

    // A new build of the viewer replaces the old one's files.
    write(&site.viewer, "app-2.wasm", b"\0asm2");
    std::fs::remove_file(site.viewer.join("app.wasm")).unwrap();
    let viewer = site.build();
    assert_eq!((viewer.pages_rendered, viewer.files_written, viewer.files_removed), (0, 1, 1), "{viewer:?}");
    assert!(site.out.join("viewer/app-2.wasm").is_file() && !site.out.join("viewer/app.wasm").exists());

    // A new day after the last: its page, and the day before it (whose "next" link is new).
    write(&site.logs, "mirage/2016/07/27-07-2016.txt", day("27-07-2016", &[("hannes", "arm64 backend lands")]).as_bytes());
    let first_page = std::fs::metadata(site.out.join("mirage/2016/06/15-06-2016.html")).unwrap().modified().unwrap();
    let added = site.build();
    assert_eq!(added.pages_rendered, 2, "{added:?}");
    assert!(site.read("mirage/2016/07/13-07-2016.html").contains(r#"rel="next" href="../../../mirage/2016/07/27-07-2016.html""#));
    assert_eq!(std::fs::metadata(site.out.join("mirage/2016/06/15-06-2016.html")).unwrap().modified().unwrap(), first_page, "untouched");
    assert_eq!(site.hits("arm64"), [("mirage/2016/07/27-07-2016.html".to_owned(), 1)]);
    assert!(site.read("index.html").contains("2016-07-27"));

    // A day taken away: its page and copy go, and no search finds it.
    std::fs::remove_file(site.logs.join("mirage/2016/06/15-06-2016.txt")).unwrap();
    let removed = site.build();
    assert!(removed.files_removed >= 2, "{removed:?}");
    assert!(!site.out.join("mirage/2016/06/15-06-2016.html").exists() && !site.out.join("mirage/2016/06/15-06-2016.txt").exists());
    assert!(site.hits("solo5").is_empty());
    assert!(!site.read("mirage/2016/06/29-06-2016.html").contains("rel=\"prev\""));
}
