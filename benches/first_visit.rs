//! First-visit figures: from the HTML's arrival to the demo's first rows painted, on a cold
//! visit (empty cache, a fresh profile) as served on this machine and on Chromium's "Fast 3G"
//! profile, and on a repeat visit served by the service worker. First rows are the frame after
//! the first message row was on the page (the demo's prerendered first screen, from the HTML);
//! the app's rows the frame after its own took their place (it marks `scrollback:first-log-rows`).
//!
//! Run it through `scripts/bench.sh` (it builds `dist/` first).

#[path = "../tests/support/browser.rs"]
mod browser;

use std::path::Path;

use serde_json::Value;

/// Set before the page's own scripts: from the first frame, each frame looks for a message row;
/// the frame after the one that first has one is when rows were painted (on the demo, the
/// prerendered first screen's, from the HTML), and the frame after the one that first has the
/// app's own rows (the prerender gone) is when the app took over, whatever the app marks.
const WATCH_FOR_ROWS: &str = r#"
window.scrollbackRowsPainted = null;
window.scrollbackAppRowsPainted = null;
let sawRows = false;
const look = () => {
  const rows = document.querySelector('.row.kind-message') !== null;
  if (rows && !sawRows) {
    sawRows = true;
    requestAnimationFrame(() => { window.scrollbackRowsPainted = performance.now(); });
  }
  if (rows && document.getElementById('prerendered') === null) {
    requestAnimationFrame(() => { window.scrollbackAppRowsPainted = performance.now(); });
  } else {
    requestAnimationFrame(look);
  }
};
requestAnimationFrame(look);
"#;

/// Waits for the first log's rows, then reads the navigation's timings (milliseconds since the
/// navigation started) and the bytes the page itself fetched.
const FIRST_ROWS: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  const started = performance.now();
  while (performance.getEntriesByName('scrollback:first-log-rows').length === 0 || window.scrollbackRowsPainted === null || window.scrollbackAppRowsPainted === null) {
    if (performance.now() - started > 120000) { done({ error: 'no rows after 120 s' }); return; }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  const longTasks = await new Promise(resolve => {
    const observer = new PerformanceObserver(list => { observer.disconnect(); resolve(list.getEntries()); });
    observer.observe({ type: 'longtask', buffered: true });
    setTimeout(() => resolve([]), 200);
  });
  const navigation = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  done({
    html_arrived_ms: navigation.responseEnd,
    first_rows_ms: window.scrollbackRowsPainted,
    app_rows_ms: window.scrollbackAppRowsPainted,
    first_rows_marked_ms: performance.getEntriesByName('scrollback:first-log-rows')[0].startTime,
    messages: document.querySelectorAll('.row.kind-message').length,
    page_bytes: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
    trace: resources.map(entry => `${entry.name.split('/').pop()} ${Math.round(entry.startTime)}–${Math.round(entry.responseEnd)}`)
      .concat(performance.getEntriesByType('mark').map(mark => `${mark.name} ${Math.round(mark.startTime)}`))
      .concat(longTasks.map(task => `long task ${Math.round(task.startTime)}+${Math.round(task.duration)}`)),
    controlled: navigator.serviceWorker.controller !== null,
  });
})();
"#;

/// DevTools' "Fast 3G": 562.5 ms round trip, 1.6 Mbit/s down and 750 kbit/s up, each at 90%.
const FAST_3G: browser::NetworkConditions = browser::NetworkConditions { latency_ms: 562.5, download_bytes_per_second: 180_000.0, upload_bytes_per_second: 84_375.0 };

/// One visit to the demo: the HTML's arrival and the first rows, in ms from the navigation.
async fn visit(browser: &browser::Browser) -> Value {
    browser.goto("/index.html").await;
    let figures: Value = browser.client.execute_async(FIRST_ROWS, vec![]).await.expect("the timing script runs");
    if let Some(error) = figures.get("error") {
        panic!("first visit: {error}");
    }
    // `SCROLLBACK_BENCH_TRACE=1`: when each file came and each mark was set.
    if std::env::var_os("SCROLLBACK_BENCH_TRACE").is_some() {
        eprintln!("html {:.0} ms; rows painted {:.0} ms; the app's rows {:.0} ms; {}", figures["html_arrived_ms"].as_f64().unwrap_or_default(), figures["first_rows_ms"].as_f64().unwrap_or_default(), figures["app_rows_ms"].as_f64().unwrap_or_default(), figures["trace"]);
    }
    figures
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(dist.join("index.html").is_file(), "build dist/ first (scripts/bench.sh does)");
    let runs = 5;
    let (mut cold, mut warm, mut whole, mut cold_app) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        // A fresh profile: nothing cached, no service worker.
        let browser = browser::Browser::start(&dist).await;
        browser.run_before_each_page(WATCH_FOR_ROWS).await;
        let first = visit(&browser).await;
        let after_html = first["first_rows_ms"].as_f64().unwrap_or(f64::NAN) - first["html_arrived_ms"].as_f64().unwrap_or(f64::NAN);
        cold.push(after_html);
        cold_app.push(first["app_rows_ms"].as_f64().unwrap_or(f64::NAN) - first["html_arrived_ms"].as_f64().unwrap_or(f64::NAN));
        whole.push(first["first_rows_ms"].as_f64().unwrap_or(f64::NAN));
        // The service worker registers after those rows; once it is in charge, visit again.
        let _ = browser.eventually("return navigator.serviceWorker.controller !== null;", vec![], &Value::Bool(true)).await;
        let again = visit(&browser).await;
        if again["controlled"] == Value::Bool(true) {
            warm.push(again["first_rows_ms"].as_f64().unwrap_or(f64::NAN) - again["html_arrived_ms"].as_f64().unwrap_or(f64::NAN));
        }
        browser.close().await;
    }
    println!("first_visit_html_to_first_rows {:.0} ms (median of {runs} cold visits, {:.0}–{:.0})", median(cold.clone()), cold.iter().copied().fold(f64::INFINITY, f64::min), cold.iter().copied().fold(0.0, f64::max));
    println!("first_visit_navigation_to_first_rows {:.0} ms (median of {runs})", median(whole));
    println!("first_visit_html_to_app_rows {:.0} ms (median of {runs} cold visits, {:.0}–{:.0}: the app's own rows in place of the prerendered ones)", median(cold_app.clone()), cold_app.iter().copied().fold(f64::INFINITY, f64::min), cold_app.iter().copied().fold(0.0, f64::max));
    if !warm.is_empty() {
        println!("repeat_visit_html_to_first_rows {:.0} ms (median of {}, from the service worker's cache)", median(warm.clone()), warm.len());
    }

    // As a static host sends the files: gzipped.
    let browser = browser::Browser::start_gzipped(&dist).await;
    browser.run_before_each_page(WATCH_FOR_ROWS).await;
    browser.emulate_network(&FAST_3G).await;
    let throttled = visit(&browser).await;
    let number = |key: &str| throttled[key].as_f64().unwrap_or(f64::NAN);
    println!("fast_3g_navigation_to_first_rows {:.0} ms", number("first_rows_ms"));
    println!("fast_3g_html_to_first_rows {:.0} ms", number("first_rows_ms") - number("html_arrived_ms"));
    println!("fast_3g_html_to_app_rows {:.0} ms", number("app_rows_ms") - number("html_arrived_ms"));
    println!("fast_3g_page_bytes {:.0} bytes (gzipped; the page's own fetches, the worker's are its own)", number("page_bytes"));
    browser.close().await;
}
