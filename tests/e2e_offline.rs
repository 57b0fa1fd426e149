//! The viewer offline (sw.js): after one visit it opens with the server gone, with the kept log,
//! from a sub-path; and a newer build, fetched in the background, is offered on the page.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::browser::{dist_or_skip, site_with, Browser};

const LOG: &str = concat!(
    "29-06-2016 15:12 alice offline notes, line one\n",
    "29-06-2016 15:13 bob and line two\n",
    "29-06-2016 15:14 alice the end\n",
);

/// True once the service worker is in charge of the page and its cache holds every file.
const OFFLINE_READY: &str = r#"
if (!navigator.serviceWorker.controller) return false;
const names = await caches.keys();
const cache = names.length === 1 ? await caches.open(names[0]) : null;
return cache !== null && (await cache.keys()).length >= 8;
"#;

/// The caches' names, once only one is left.
const CACHE_NAMES: &str = r#"
const names = await caches.keys();
return names.join(" ");
"#;

/// Polls the async function body `js` until it returns `expected`; panics with `what` if never.
/// A script cut short by a reload (the page is replaced under it) is asked again.
async fn wait_for_async(browser: &Browser, js: &str, expected: Value, what: &str) {
    let script = format!("const done = arguments[arguments.length - 1]; (async () => {{ {js} }})().then(done, (error) => done(String(error)));");
    // A script outlived by its page never answers: give up on it after 2 s, not WebDriver's 30.
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(Some(std::time::Duration::from_secs(2)), None, None);
    browser.client.update_timeouts(timeouts).await.expect("set the script timeout");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let value = browser.client.execute_async(&script, vec![]).await.unwrap_or_else(|error| json!(format!("no answer: {error}")));
        if value == expected {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{what}: got {value}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn after_one_visit_the_viewer_and_the_kept_log_come_back_offline() {
    let Some(dist) = dist_or_skip() else { return };
    let site = site_with(&dist, "logs/viewer", &[]);
    let mut browser = Browser::start(&site).await;
    browser.goto("/logs/viewer/index.html").await;
    browser.wait_for(".row.kind-message").await;
    browser.drop_file("offline-notes.txt", LOG).await;
    browser.wait_for_text(".log-header .file-name", "offline-notes.txt").await;
    browser.wait_for(".toolbar .kept").await;
    wait_for_async(&browser, OFFLINE_READY, json!(true), "the service worker never took charge with a full cache").await;
    // Installable: the page names a manifest the browser can read, with a start page and an icon.
    const READ_MANIFEST: &str = "const done = arguments[0]; fetch(document.querySelector('link[rel=manifest]').href)
        .then((response) => response.json())
        .then((manifest) => done([manifest.start_url, manifest.display, manifest.icons[0].src]), (error) => done(String(error)));";
    let fields = browser.client.execute_async(READ_MANIFEST, vec![]).await.expect("read the manifest");
    assert_eq!(fields, json!(["./index.html", "standalone", "icon.svg"]));

    browser.stop_server().await;
    let unreachable = browser.client.execute_async("const done = arguments[0]; fetch('not-cached.txt').then(() => done('answered'), () => done('failed'));", vec![]).await.unwrap();
    assert_eq!(unreachable, json!("failed"), "the server is gone");
    browser.goto("/logs/viewer/index.html").await;
    browser.wait_for_text(".log-header .file-name", "offline-notes.txt").await;
    browser.wait_for_text("#L2 .text", "and line two").await;
    // The parse worker and its wasm came from the cache too: the log was parsed again.
    assert_eq!(browser.count(".row.kind-message").await, 3);
    assert_eq!(browser.count(".problem").await, 0, "no problem is shown");
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_newer_build_is_offered_and_taken_on_the_readers_word() {
    let Some(dist) = dist_or_skip() else { return };
    let site = site_with(&dist, "", &[]);
    let browser = Browser::start(&site).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row.kind-message").await;
    wait_for_async(&browser, OFFLINE_READY, json!(true), "the service worker never took charge with a full cache").await;
    assert_eq!(browser.count(".new-build").await, 0, "the first install is no news");

    // A new build: another service worker, whose id differs.
    let served = site.join("sw.js");
    let script = std::fs::read_to_string(&served).expect("sw.js");
    let old_id = script.split("const BUILD_ID = \"").nth(1).and_then(|rest| rest.split('"').next()).expect("a build id").to_owned();
    std::fs::remove_file(&served).expect("unlink sw.js");
    std::fs::write(&served, script.replace(&old_id, "0123456789abcdef")).expect("write the new sw.js");
    browser.goto("/index.html").await;
    browser.wait_for(".row.kind-message").await;
    let offer = browser.wait_for(".new-build button").await;
    assert!(browser.text_of(".new-build").await.contains("new version"));

    let first_page = browser.eval("return performance.timeOrigin;", vec![]).await;
    offer.click().await.expect("take the new build");
    // The new build takes over, drops the old build's cache, and the page reloads under it.
    wait_for_async(&browser, CACHE_NAMES, json!("scrollback-0123456789abcdef"), "the new build took over").await;
    let reloaded = format!("return performance.timeOrigin !== {first_page} && document.querySelectorAll('.row.kind-message').length > 0 && !document.querySelector('.new-build');");
    wait_for_async(&browser, &reloaded, json!(true), "the page reloaded, with its rows and no offer").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}
