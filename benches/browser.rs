//! In-browser figures: drop → first rows painted for 10k, 100k and 1M lines, the wasm parse
//! throughput inside the page, the DOM element count and the memory after loading.
//!
//! Run it through `scripts/bench.sh`, which builds `dist/`, generates the logs and serves them
//! beside the app as `bench/meeting-N.txt`. Each figure is measured inside the page with the
//! performance marks the app sets (`scrollback:open-start`, `scrollback:first-rows`,
//! `scrollback:parse`).

#[path = "../tests/support/browser.rs"]
mod browser;

use std::path::Path;

use serde_json::{json, Value};

/// Drops `bench/meeting-<n>.txt` (fetched into a File first, so the fetch is not timed) and
/// waits for the app's first-rows measure.
const DROP_AND_MEASURE: &str = r#"
const [url, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const blob = await (await fetch(url)).blob();
  const file = new File([blob], url.split('/').pop(), { type: 'text/plain' });
  performance.clearMarks(); performance.clearMeasures();
  const transfer = new DataTransfer();
  transfer.items.add(file);
  document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  const started = performance.now();
  while (performance.getEntriesByName('scrollback:open-to-first-rows').length === 0) {
    if (performance.now() - started > 120000) { done({ error: 'no first rows after 120 s' }); return; }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  const measure = name => performance.getEntriesByName(name)[0]?.duration ?? null;
  done({
    bytes: file.size,
    first_rows_ms: measure('scrollback:open-to-first-rows'),
    parse_ms: measure('scrollback:parse'),
    elements: document.getElementsByTagName('*').length,
    rows: document.querySelectorAll('.row').length,
    wasm_bytes: Number(document.documentElement.dataset.scrollbackWasmBytes || 0),
    js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
  });
})();
"#;

#[tokio::main]
async fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(dist.join("index.html").is_file(), "build dist/ first (scripts/bench.sh does)");
    assert!(dist.join("bench").is_dir(), "dist/bench/ must hold the generated logs (scripts/bench.sh links it)");
    for n_lines in [10_000, 100_000, 1_000_000] {
        // A fresh browser per size, so one load's garbage does not weigh on the next.
        let browser = browser::Browser::start(&dist).await;
        browser.goto("/index.html").await;
        browser.wait_for(".row").await;
        let figures: Value = browser
            .client
            .execute_async(DROP_AND_MEASURE, vec![json!(format!("bench/meeting-{n_lines}.txt"))])
            .await
            .expect("the drop script runs");
        if let Some(error) = figures.get("error") {
            panic!("{n_lines} lines: {error}");
        }
        let number = |key: &str| figures[key].as_f64().unwrap_or(f64::NAN);
        let label = match n_lines {
            10_000 => "10k",
            100_000 => "100k",
            _ => "1m",
        };
        println!("wasm_drop_to_first_rows_{label} {:.0} ms", number("first_rows_ms"));
        println!("wasm_parse_{label} {:.0} MB/s", number("bytes") / 1e6 / (number("parse_ms") / 1e3));
        println!("dom_elements_{label} {:.0} elements", number("elements"));
        if n_lines == 1_000_000 {
            let memory = number("wasm_bytes") + number("js_heap_bytes");
            println!("memory_wasm_{label} {:.0} MB", number("wasm_bytes") / 1e6);
            println!("memory_js_heap_{label} {:.0} MB", number("js_heap_bytes") / 1e6);
            println!("memory_over_file_{label} {:.2} x", memory / number("bytes"));
        }
        browser.close().await;
    }
}
