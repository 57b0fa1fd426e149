//! Archives in Chromium. A site written by `scrollback site`, served from a sub-path:
//! `index.html?q=` shows the lines that hold the words as links to them, a hit's link lands on
//! its line, and a page's "Open in the viewer" opens the log's copy in the viewer. And in the
//! viewer: a dropped folder of logs opens as an archive, a day at a time, searched across.
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "support/exports.rs"]
#[allow(dead_code)]
mod exports;

use serde_json::{json, Value};
use support::browser::{dist_or_skip, Browser};

const MOUNT: &str = "projects/mirage/calls";

fn day(date: &str, said: &[(&str, &str)]) -> String {
    said.iter().enumerate().map(|(at, (nick, text))| format!("{date} 15:{:02} {nick} {text}\n", 10 + at)).collect()
}

/// The hits on the page once the search has answered: each link's `href` and text.
const HITS: &str = r#"
if (!document.documentElement.dataset.searchHits) return null;
return [...document.querySelectorAll('#hits .hit a')].map((a) => [a.getAttribute('href'), a.textContent]);
"#;

/// The hits, once the search has answered.
async fn answered(browser: &Browser) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let hits = browser.eval(HITS, vec![]).await;
        if !hits.is_null() {
            return hits;
        }
        assert!(std::time::Instant::now() < deadline, "the search never answered: {}", browser.eval("return document.getElementById('hits')?.textContent", vec![]).await);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_site_served_from_a_sub_path_finds_lines_and_links_each_to_its_place() {
    let Some(dist) = dist_or_skip() else { return };
    let root = std::env::temp_dir().join(format!("scrollback-e2e-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let logs = root.join("logs");
    let days = [
        ("2016/06/15-06-2016.txt", day("15-06-2016", &[("avsm", "Mirage 3 planning"), ("hannes", "solo5 first")])),
        ("2016/06/29-06-2016.txt", day("29-06-2016", &[("avsm", "Mirage 3! Over to our release manager yomimono"), ("yomimono", "thanks, the release is tagged"), ("mort", "<script>alert(1)</script> release party")])),
        ("2016/07/13-07-2016.txt", day("13-07-2016", &[("avsm", "retrospective on the release"), ("yomimono", "opam repository merged")])),
        ("2016/07/20-07-2016.txt", (0..30).map(|at| format!("20-07-2016 15:{at:02} hannes standup note {at}\n")).collect()),
        // A word on more lines than a chunk holds (64): its lines are in pages.
        ("2016/07/27-07-2016.txt", (0..100).map(|at| format!("27-07-2016 {:02}:{:02} hannes heavy {} {at}\n", 15 + at / 60, at % 60, if at % 80 == 10 { "spike" } else { "load" })).collect()),
    ];
    // More logs than one part of the index's names holds (256), so hits name logs of two parts.
    let older = (0..300).map(|n| (format!("older/log-{n:03}.txt"), format!("01-01-2015 10:00 avsm {} {n}\n", if n % 299 == 0 { "bookend" } else { "note" })));
    for (path, text) in days.iter().map(|(path, text)| (path.to_string(), text.clone())).chain(older) {
        let path = logs.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = root.join("www").join(MOUNT);
    let options = scrollback::site::SiteOptions { logs, out, viewer: dist.clone(), title: Some("MirageOS calls".into()) };
    scrollback::site::build(&options).expect("the site builds");
    let browser = Browser::start(&root.join("www")).await;

    browser.goto(&format!("/{MOUNT}/index.html?q=Release")).await;
    let hits = answered(&browser).await;
    let expected = json!([
        ["2016/07/13-07-2016.html#L1", "1 15:10 avsm retrospective on the release"],
        ["2016/06/29-06-2016.html#L1", "1 15:10 avsm Mirage 3! Over to our release manager yomimono"],
        ["2016/06/29-06-2016.html#L2", "2 15:11 yomimono thanks, the release is tagged"],
        ["2016/06/29-06-2016.html#L3", "3 15:12 mort <script>alert(1)</script> release party"],
    ]);
    assert_eq!(hits, expected, "every line with the word, newest day first, as links to the line");
    browser.screenshot("site-search").await;
    assert_eq!(browser.count("#hits mark").await, 4, "the word is marked in each hit");
    assert_eq!(browser.eval("return document.querySelectorAll('#hits script').length", vec![]).await, json!(0), "a log's markup is text");
    assert_eq!(browser.eval("return document.getElementById('q').value", vec![]).await, json!("Release"));

    browser.goto(&format!("/{MOUNT}/index.html?q=bookend")).await;
    assert_eq!(answered(&browser).await, json!([["older/log-299.html#L1", "1 10:00 avsm bookend 299"], ["older/log-000.html#L1", "1 10:00 avsm bookend 0"]]), "logs named in two parts");

    // A frequent word's lines come from its pages; beside a rarer word, from the page over its logs.
    browser.goto(&format!("/{MOUNT}/index.html?q=heavy")).await;
    let heavy = answered(&browser).await;
    assert_eq!((heavy.as_array().map(Vec::len), &heavy[0]), (Some(25), &json!(["2016/07/27-07-2016.html#L1", "1 15:00 hannes heavy load 0"])), "{heavy}");
    browser.goto(&format!("/{MOUNT}/index.html?q=spike+heavy")).await;
    assert_eq!(answered(&browser).await, json!([["2016/07/27-07-2016.html#L11", "11 15:10 hannes heavy spike 10"], ["2016/07/27-07-2016.html#L91", "91 16:30 hannes heavy spike 90"]]));

    // Many hits come a page at a time, newest first.
    browser.goto(&format!("/{MOUNT}/index.html?q=standup")).await;
    let first_page = answered(&browser).await;
    assert_eq!(first_page.as_array().map(Vec::len), Some(25), "{first_page}");
    assert_eq!(first_page[0], json!(["2016/07/20-07-2016.html#L1", "1 15:00 hannes standup note 0"]));
    browser.wait_for_text_containing("#hits .status", "25+ lines hold").await;
    browser.wait_for("#hits button.more").await;
    browser.eval("document.querySelector('#hits button.more').click()", vec![]).await;
    let all = browser.eventually("return document.querySelectorAll('#hits .hit').length", vec![], &json!(30)).await;
    assert_eq!(all, json!(30));
    browser.wait_for_text_containing("#hits .status", "30 lines hold").await;
    assert_eq!(browser.count("#hits button.more").await, 0, "no more after the last");

    // Words and a speaker together, typed into the form.
    browser.goto(&format!("/{MOUNT}/index.html")).await;
    let input = browser.wait_for("#q").await;
    input.send_keys("from:Yomimono_ release\u{E007}").await.expect("type a query");
    let narrowed = browser.eventually(HITS, vec![], &json!([["2016/06/29-06-2016.html#L2", "2 15:11 yomimono thanks, the release is tagged"]])).await;
    assert_eq!(narrowed, json!([["2016/06/29-06-2016.html#L2", "2 15:11 yomimono thanks, the release is tagged"]]));
    assert!(browser.eval("return location.search", vec![]).await.as_str().unwrap_or_default().contains("q=from%3AYomimono_+release"));

    browser.goto(&format!("/{MOUNT}/index.html?q=nowhere+release")).await;
    let none = browser.wait_for_text_containing("#hits .status", "No line holds").await;
    assert!(none.contains("nowhere release"), "{none}");

    // A hit's link lands on its line in the day's page, which reads without the viewer.
    browser.goto(&format!("/{MOUNT}/index.html?q=tagged")).await;
    browser.eventually(HITS, vec![], &json!([["2016/06/29-06-2016.html#L2", "2 15:11 yomimono thanks, the release is tagged"]])).await;
    browser.wait_for("#hits .hit a").await.click().await.expect("follow the hit");
    let landed = browser.eventually("return [location.pathname, location.hash, document.getElementById('L2')?.textContent.includes('the release is tagged')]", vec![], &json!([format!("/{MOUNT}/2016/06/29-06-2016.html"), "#L2", true])).await;
    assert_eq!(landed, json!([format!("/{MOUNT}/2016/06/29-06-2016.html"), "#L2", true]));
    browser.screenshot("site-page").await;
    assert_eq!(browser.eval("return getComputedStyle(document.querySelector('.site-nav')).display", vec![]).await, json!("flex"), "the site's stylesheet applies");

    // The day's page opens its log in the viewer, which reads the copy beside the page.
    browser.wait_for(".site-nav a[href*='viewer/?src=']").await.click().await.expect("open the viewer");
    browser.wait_for_text_containing(".log-header .file-name", "29-06-2016.txt").await;
    browser.wait_for_text_containing(".row.kind-message", "Over to our release manager").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(&root);
}

/// Whether a message row on the page holds `arguments[0]`.
const SHOWS: &str = "return [...document.querySelectorAll('.row.kind-message')].some((row) => row.textContent.includes(arguments[0]))";

/// The archive bar's hits once the worker answered: each link's text.
const ARCHIVE_HITS: &str = r#"
const hits = document.querySelector('.archive-hits');
if (!hits || hits.textContent.startsWith('Searching')) return null;
return [...hits.querySelectorAll('.hit a')].map((a) => [a.getAttribute('href'), a.textContent]);
"#;

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_folder_of_logs_opens_as_an_archive_read_a_day_at_a_time_and_searched_across() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/").await;
    browser.wait_for(".row.kind-message").await;
    let days = [
        ("2016/06/15-06-2016.txt", day("15-06-2016", &[("avsm", "Mirage 3 planning"), ("hannes", "solo5 first")])),
        ("2016/06/29-06-2016.txt", day("29-06-2016", &[("avsm", "Mirage 3! Over to our release manager yomimono"), ("yomimono", "thanks, the release is tagged")])),
        ("2016/07/13-07-2016.txt", day("13-07-2016", &[("avsm", "retrospective on the release"), ("yomimono", "opam repository merged")])),
        ("2016/logo.png", "\u{89}PNG\r\n".to_owned()),
    ];
    let files: Vec<(&str, &str)> = days.iter().map(|(path, text)| (*path, text.as_str())).collect();
    browser.drop_folder("mirage-calls", &files).await;

    // The newest day opens, under the archive's bar with every log and its count.
    browser.wait_for_text_containing(".archive-bar .archive-name", "mirage-calls: 3 logs").await;
    browser.wait_for_text_containing(".log-header .file-name", "13-07-2016.txt").await;
    assert_eq!(browser.eventually(SHOWS, vec![json!("retrospective on the release")], &json!(true)).await, json!(true), "the newest day's rows");
    let options = browser.eval("return [...document.querySelectorAll('.archive-logs option')].map((option) => [option.textContent, option.selected])", vec![]).await;
    assert_eq!(options, json!([["2016-06-15 · 2 messages", false], ["2016-06-29 · 2 messages", false], ["2016-07-13 · 2 messages", true]]));

    // The day before, by its button; the first day, from the list.
    browser.wait_for(".archive-step[aria-label='The log before in this folder']").await.click().await.expect("the day before");
    browser.wait_for_text_containing(".log-header .file-name", "29-06-2016.txt").await;
    assert_eq!(browser.eventually(SHOWS, vec![json!("the release is tagged")], &json!(true)).await, json!(true), "the day before's rows");
    browser.eval("const select = document.querySelector('.archive-logs'); select.value = '0'; select.dispatchEvent(new Event('change', { bubbles: true }));", vec![]).await;
    browser.wait_for_text_containing(".log-header .file-name", "15-06-2016.txt").await;
    assert_eq!(browser.eval("return document.querySelector(\".archive-step[aria-label='The log before in this folder']\").disabled", vec![]).await, json!(true), "nothing before the first day");

    // A search across every log, newest first; a hit opens its day at its line.
    let input = browser.wait_for(".archive-search input").await;
    input.send_keys("release\u{E007}").await.expect("search every log");
    let hits = browser.eventually(ARCHIVE_HITS, vec![], &json!([
        ["2016/07/13-07-2016.txt#L1", "2016-07-13 1 15:10 avsm retrospective on the release"],
        ["2016/06/29-06-2016.txt#L1", "2016-06-29 1 15:10 avsm Mirage 3! Over to our release manager yomimono"],
        ["2016/06/29-06-2016.txt#L2", "2016-06-29 2 15:11 yomimono thanks, the release is tagged"],
    ])).await;
    assert_eq!(hits.as_array().map(Vec::len), Some(3), "{hits}");
    browser.wait_for(".archive-hits .hit:nth-child(3) a").await.click().await.expect("follow a hit");
    browser.wait_for_text_containing(".log-header .file-name", "29-06-2016.txt").await;
    let landed = browser.eventually("return [location.hash, document.querySelector('#L2.row')?.textContent.includes('the release is tagged')]", vec![], &json!(["#L2", true])).await;
    assert_eq!(landed, json!(["#L2", true]));

    browser.eval("const input = document.querySelector('.archive-search input'); input.value = ''; input.dispatchEvent(new InputEvent('input', { bubbles: true }));", vec![]).await;
    input.send_keys("from:yomimono kind:message tagged\u{E007}").await.expect("search with a speaker and a kind");
    let narrowed = browser.eventually(ARCHIVE_HITS, vec![], &json!([["2016/06/29-06-2016.txt#L2", "2016-06-29 2 15:11 yomimono thanks, the release is tagged"]])).await;
    assert_eq!(narrowed, json!([["2016/06/29-06-2016.txt#L2", "2016-06-29 2 15:11 yomimono thanks, the release is tagged"]]));
    browser.screenshot("archive-in-the-page").await;

    // A zip of logs is an archive too; a single file dropped after it closes it.
    let zip = exports::zipped(&[("#mirage/2016-06-15.log", days[0].1.as_bytes()), ("#mirage/2016-06-29.log", days[1].1.as_bytes())]);
    browser.drop_bytes("mirage.zip", &zip).await;
    browser.wait_for_text_containing(".archive-bar .archive-name", "mirage.zip: 2 logs").await;
    browser.wait_for_text_containing(".log-header .file-name", "2016-06-29.log").await;
    browser.drop_file("notes.txt", "29-06-2016 15:12 avsm a single log\n").await;
    browser.wait_for_text_containing(".log-header .file-name", "notes.txt").await;
    assert_eq!(browser.count(".archive-bar").await, 0, "a single log is no archive");
    browser.close().await;
}
