//! In-browser figures: drop → first rows painted for 10k, 100k and 1M lines (every log is
//! parsed in the page's worker), the wasm parse throughput, the longest main-thread task while
//! loading, the DOM element count and the memory after loading, the page's and the worker's.
//!
//! Run it through `scripts/bench.sh`, which builds `dist/`, generates the logs and serves them
//! beside the app as `bench/meeting-N.txt`. Each figure is measured inside the page with the
//! performance marks the app sets (`scrollback:open-start`, `scrollback:first-rows`) and the
//! figures the worker reports on the root element.

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
  // The demo went through the worker too: forget its figures.
  Object.keys(document.documentElement.dataset).filter(key => key.startsWith('scrollbackWorker')).forEach(key => delete document.documentElement.dataset[key]);
  // Main-thread blocks: the browser's long tasks (over 50 ms), and the longest gap between
  // timer callbacks, which sees the shorter ones too.
  let longestTask = 0, longestGap = 0, watching = true;
  const longTasks = [];
  const observer = new PerformanceObserver(list => list.getEntries().forEach(entry => { longestTask = Math.max(longestTask, entry.duration); longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]); }));
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  (function tick() { const now = performance.now(); longestGap = Math.max(longestGap, now - last); last = now; if (watching) setTimeout(tick, 0); })();
  const transfer = new DataTransfer();
  transfer.items.add(file);
  document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  const started = performance.now();
  while (performance.getEntriesByName('scrollback:open-to-first-rows').length === 0) {
    if (performance.now() - started > 120000) { done({ error: 'no first rows after 120 s' }); return; }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  // After a worker parse, the threads and agenda follow the rows: wait for them (their
  // arrival on the main thread counts as load too), then for the paint after.
  {
    while (performance.getEntriesByName('scrollback:worker-analysed').length === 0 && !document.documentElement.dataset.scrollbackWorkerThreadsMs) {
      if (performance.now() - started > 120000) { done({ error: 'no threads and agenda after 120 s' }); return; }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }
  const analysedMs = performance.now() - started;
  // The rows' paint and what follows it belong to the load too.
  await new Promise(resolve => setTimeout(resolve, 500));
  watching = false;
  observer.takeRecords().forEach(entry => { longestTask = Math.max(longestTask, entry.duration); });
  observer.disconnect();
  // Reading: `j` steps to the next message; from the key to the frame that shows it.
  const steps = [];
  for (let step = 0; step < 15; step++) {
    const pressed = performance.now();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    steps.push(performance.now() - pressed);
  }
  steps.sort((a, b) => a - b);
  // Live memory only: what is kept, not garbage waiting for the collector.
  if (window.gc) { gc(); await new Promise(resolve => setTimeout(resolve, 3000)); gc(); await new Promise(resolve => setTimeout(resolve, 100)); }
  const measure = name => performance.getEntriesByName(name)[0]?.duration ?? null;
  const root = document.documentElement.dataset;
  done({
    steps: Object.fromEntries(['send', 'check-text', 'read-table', 'derive', 'check-analyses', 'derive-analyses'].map(step => [step, measure('scrollback:' + step)])),
    longest_task_ms: longestTask,
    step_ms: steps[Math.floor(steps.length / 2)],
    slowest_step_ms: steps[steps.length - 1],
    long_tasks: longTasks,
    marks: performance.getEntriesByType('mark').map(mark => [mark.name.replace('scrollback:', ''), Math.round(mark.startTime)]),
    longest_gap_ms: longestGap,
    worker_parse_ms: root.scrollbackWorkerParseMs ? Number(root.scrollbackWorkerParseMs) : null,
    worker_read_ms: root.scrollbackWorkerReadMs ? Number(root.scrollbackWorkerReadMs) : null,
    worker_reply_ms: root.scrollbackWorkerReplyMs ? Number(root.scrollbackWorkerReplyMs) : null,
    analysed_ms: analysedMs,
    worker_threads_ms: root.scrollbackWorkerThreadsMs ? Number(root.scrollbackWorkerThreadsMs) : null,
    worker_agenda_ms: root.scrollbackWorkerAgendaMs ? Number(root.scrollbackWorkerAgendaMs) : null,
    lines: document.querySelector('.log-header .facts') ? Number((document.querySelector('.log-header .facts').textContent.match(/([\d,]+) lines/) || [0, '0'])[1].replace(/,/g, '')) : 0,
    worker_wasm_bytes: Number(root.scrollbackWorkerWasmBytes || 0),
    bytes: file.size,
    first_rows_ms: measure('scrollback:open-to-first-rows'),
    // The whole log's rows: the first rows painted after the worker's whole log came (a big
    // log's first screen comes before it).
    whole_rows_ms: (performance.getEntriesByName('scrollback:first-rows').map(mark => mark.startTime).find(at => at > (performance.getEntriesByName('scrollback:worker-parsed')[0]?.startTime ?? Infinity)) ?? NaN) - (performance.getEntriesByName('scrollback:open-start')[0]?.startTime ?? NaN),
    elements: document.getElementsByTagName('*').length,
    rows: document.querySelectorAll('.row').length,
    wasm_bytes: Number(document.documentElement.dataset.scrollbackWasmBytes || 0),
    js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
    collected: typeof window.gc === 'function',
  });
})();
"#;

#[tokio::main]
async fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(dist.join("index.html").is_file(), "build dist/ first (scripts/bench.sh does)");
    assert!(dist.join("bench").is_dir(), "dist/bench/ must hold the generated logs (scripts/bench.sh links it)");
    // The 10k log once more, gzipped: what unpacking adds for a small file.
    // Then chat exports of 100k messages (benches/exports.rs writes them) beside the same talk
    // as an IRC log: what a service's export costs over the log of the same conversation.
    let cases = [
        ("meeting-10000.txt", "10k"),
        ("meeting-10000.txt.gz", "10k_gz"),
        ("meeting-100000.txt", "100k"),
        ("meeting-1000000.txt", "1m"),
        // The same meeting in irssi's format beside Mirage's: a reader the demo has not run
        // against the one it has, what a first drop of any other format pays (see warm pairs).
        ("meeting-100000.txt", "irc_mirage_100k"),
        ("meeting-100000.irssi.log", "irssi_100k"),
        // Each export right after its IRC log (of the same talk, or of its bytes): the
        // machine's speed drifts over a run, and a pair measured together compares fairly.
        ("exports/irc_same_talk-100000.txt", "irc_same_talk_100k"),
        ("exports/whatsappandroid-100000.txt", "whatsapp_100k"),
        ("exports/irc_as_big_as_discord-100000.txt", "irc_as_big_as_discord"),
        ("exports/discord-100000.json", "discord_100k"),
        ("exports/irc_as_big_as_discordhtml-100000.txt", "irc_as_big_as_discordhtml"),
        ("exports/discordhtml-100000.html", "discordhtml_100k"),
        ("exports/irc_as_big_as_telegram-100000.txt", "irc_as_big_as_telegram"),
        ("exports/telegram-100000.json", "telegram_100k"),
        ("exports/irc_as_big_as_element-100000.txt", "irc_as_big_as_element"),
        ("exports/element-100000.json", "element_100k"),
        ("exports/irc_as_big_as_mattermost-100000.txt", "irc_as_big_as_mattermost"),
        ("exports/mattermost-100000.json", "mattermost_100k"),
        ("exports/irc_as_big_as_slack-100000.txt", "irc_as_big_as_slack"),
        ("exports/slack-100000.zip", "slack_100k"),
        // And beside the same log zipped: both unpacked on the way in.
        ("exports/irc_as_big_as_slack_zipped-100000.zip", "irc_as_big_as_slack_zipped"),
        ("exports/slack-100000.zip", "slack_100k_beside_a_zipped_log"),
    ];
    // `SCROLLBACK_BENCH_ONLY=1m` (labels, comma-separated) runs just those sizes.
    let only = std::env::var("SCROLLBACK_BENCH_ONLY").ok();
    let wanted = |label: &str| only.as_deref().is_none_or(|only| only.split(',').any(|wanted| wanted == label));
    // `SCROLLBACK_BENCH_PAIRS=5`: each export and the IRC log before it, dropped in turn that many
    // times; prints the export's time over the log's, the median of the runs. The machine's
    // speed drifts within minutes: only a ratio of runs next to each other says what parity is.
    // With `SCROLLBACK_BENCH_WARM=1`, each drop of a pair comes after a small file of its own
    // format on the same page: the demo has run the IRC logs' reader (Mirage's) before they are
    // dropped, and V8 runs a wasm function at full speed only once it is hot, so without this
    // an export's reader starts cold and the log's warm.
    let warm = std::env::var_os("SCROLLBACK_BENCH_WARM").is_some();
    if let Some(runs) = std::env::var("SCROLLBACK_BENCH_PAIRS").ok().and_then(|runs| runs.parse::<usize>().ok()) {
        for pair in cases.windows(2).filter(|pair| pair[0].1.starts_with("irc_") && !pair[1].1.starts_with("irc_") && wanted(pair[1].1)) {
            let [(irc_file, _), (export_file, label)] = [pair[0], pair[1]];
            // The first rows (a big log's first screen), and the whole log's rows.
            let (mut ratios, mut whole_ratios) = (Vec::new(), Vec::new());
            for _ in 0..runs {
                let irc_figures = drop_file(&dist, irc_file, warm.then(|| warm_file(irc_file)).as_deref()).await;
                let export_figures = drop_file(&dist, export_file, warm.then(|| warm_file(export_file)).as_deref()).await;
                let [irc, export] = [&irc_figures, &export_figures].map(|figures| figures["first_rows_ms"].as_f64().unwrap_or(f64::NAN));
                let [irc_whole, export_whole] = [&irc_figures, &export_figures].map(|figures| figures["whole_rows_ms"].as_f64().unwrap_or(f64::NAN));
                eprintln!("{label}: first rows {export:.0} ms against {irc:.0} ms, whole {export_whole:.0} ms against {irc_whole:.0} ms");
                if std::env::var_os("SCROLLBACK_BENCH_TRACE").is_some() {
                    for (whose, figures) in [("log", &irc_figures), ("export", &export_figures)] {
                        eprintln!("  the {whose}'s marks: {}", figures["marks"]);
                        eprintln!("  the {whose}'s worker: {}", worker_figures(figures));
                    }
                }
                ratios.push(export / irc);
                whole_ratios.push(export_whole / irc_whole);
            }
            let warmed = if warm { "_warm" } else { "" };
            for (what, mut ratios) in [("first_rows", ratios), ("whole_rows", whole_ratios)] {
                ratios.sort_by(f64::total_cmp);
                let shown: Vec<String> = ratios.iter().map(|ratio| format!("{ratio:.2}")).collect();
                println!("{what}_over_irc_log{warmed}_{label} {:.2} x (median of {runs} pairs: {})", ratios[runs / 2], shown.join(", "));
            }
        }
        return;
    }
    // Files dropped again only to stand beside another in a pair.
    let repeated = ["irc_mirage_100k", "slack_100k_beside_a_zipped_log"];
    for (file, label) in cases.into_iter().filter(|(_, label)| wanted(label) && !repeated.contains(label)) {
        let figures = drop_file(&dist, file, None).await;
        let number = |key: &str| figures[key].as_f64().unwrap_or(f64::NAN);
        println!("wasm_drop_to_first_rows_{label} {:.0} ms", number("first_rows_ms"));
        println!("wasm_drop_to_whole_rows_{label} {:.0} ms", number("whole_rows_ms"));
        // The worker's time covers unpacking, decoding, detection, parsing and the line table.
        match figures["worker_parse_ms"].as_f64() {
            Some(worker_ms) if !label.ends_with("gz") && !label.ends_with("zipped") && !label.starts_with("slack") => {
                // What native `parse` does (unpack, check UTF-8, decode, detect, read the lines):
                // the worker's job without building its reply, the figure to set beside native.
                println!("wasm_parse_{label} {:.0} MB/s", number("bytes") / 1e6 / ((worker_ms - number("worker_reply_ms")) / 1e3));
                println!("wasm_worker_whole_job_{label} {:.0} MB/s", number("bytes") / 1e6 / (worker_ms / 1e3));
                println!("wasm_worker_reply_{label} {:.0} ms (line table and roster)", number("worker_reply_ms"));
                // Reading the lines alone: the parse proper, without copying, decoding and detection.
                println!("wasm_parse_worker_lines_{label} {:.0} MB/s", number("bytes") / 1e6 / (number("worker_read_ms") / 1e3));
                // The analyses run in the worker too, after the parse and before the reply.
                let per_10k = |ms: f64| ms / (number("lines") / 1e4);
                println!("wasm_threads_worker_{label} {:.0} ms ({:.1} ms per 10k lines)", number("worker_threads_ms"), per_10k(number("worker_threads_ms")));
                println!("wasm_agenda_worker_{label} {:.0} ms ({:.1} ms per 10k lines)", number("worker_agenda_ms"), per_10k(number("worker_agenda_ms")));
                println!("wasm_drop_to_threads_and_agenda_{label} {:.0} ms", number("analysed_ms"));
            }
            Some(_) => {}
            None => panic!("{file}: the worker reported no parse time: {figures}"),
        }
        println!("main_thread_longest_task_{label} {:.0} ms", number("longest_task_ms"));
        if std::env::var_os("SCROLLBACK_BENCH_TRACE").is_some() {
            eprintln!("{label}: long tasks (start, ms): {}\n{label}: marks: {}", figures["long_tasks"], figures["marks"]);
            eprintln!("{label}: worker: {}", worker_figures(&figures));
        }
        println!("main_thread_longest_gap_{label} {:.0} ms", number("longest_gap_ms"));
        println!("dom_elements_{label} {:.0} elements", number("elements"));
        println!("key_j_to_frame_{label} {:.0} ms (median of 15, slowest {:.0} ms)", number("step_ms"), number("slowest_step_ms"));
        // The main thread's own steps around the worker: sending the file, then reading the reply.
        for step in ["send", "check-text", "read-table", "derive", "check-analyses", "derive-analyses"] {
            if let Some(ms) = figures["steps"][step].as_f64() {
                println!("main_thread_{}_{label} {ms:.0} ms", step.replace('-', "_"));
            }
        }
        if label == "1m" {
            let memory = number("wasm_bytes") + number("js_heap_bytes");
            println!("memory_wasm_{label} {:.0} MB", number("wasm_bytes") / 1e6);
            println!("memory_js_heap_{label} {:.0} MB{}", number("js_heap_bytes") / 1e6, if figures["collected"] == true { " (after a full collection)" } else { "" });
            println!("memory_over_file_{label} {:.2} x", memory / number("bytes"));
            // The worker's wasm memory when it replied; a worker grown past 64 MB is replaced after.
            println!("memory_worker_wasm_{label} {:.0} MB", number("worker_wasm_bytes") / 1e6);
            println!("memory_worker_over_file_{label} {:.2} x", number("worker_wasm_bytes") / number("bytes"));
        }
    }
}

/// What the worker says of its job in a drop's figures: its time, its line pass, its reply and
/// its wasm memory.
fn worker_figures(figures: &Value) -> String {
    let memory_mb = figures["worker_wasm_bytes"].as_f64().unwrap_or(f64::NAN) / 1e6;
    format!(
        "whole job {} ms, reading the lines {} ms, the reply {} ms, its wasm memory {memory_mb:.1} MB",
        figures["worker_parse_ms"], figures["worker_read_ms"], figures["worker_reply_ms"]
    )
}

/// The small file of `file`'s format that benches/exports.rs writes beside it.
fn warm_file(file: &str) -> String {
    if let Some(meeting) = file.strip_prefix("meeting-") {
        // scripts/bench.sh writes a 3,000-line meeting in each format.
        return format!("meeting-3000.{}", meeting.split_once('.').map_or("txt", |(_, extension)| extension));
    }
    let (stem, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let name = stem.strip_prefix("exports/").unwrap_or(stem);
    let format = if name.starts_with("irc") { "irc" } else { name.split('-').next().unwrap_or(name) };
    format!("exports/{format}-warm.{extension}")
}

/// Drops `file` (under `dist/bench/`) on a fresh page and returns the page's figures; first
/// `warm_up`, if given, on the same page. A fresh
/// browser each time, so one load's garbage does not weigh on the next. The demo is shown first,
/// so the worker is running when the file is dropped, as for a reader.
async fn drop_file(dist: &Path, file: &str, warm_up: Option<&str>) -> Value {
    let browser = browser::Browser::start(dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    // The demo's threads and agenda are found too: the page has loaded, the worker is idle.
    browser.wait_until_settled().await;
    if let Some(warm_up) = warm_up {
        let warmed: Value = browser.client.execute_async(DROP_AND_MEASURE, vec![json!(format!("bench/{warm_up}"))]).await.expect("the drop script runs");
        assert!(warmed.get("error").is_none(), "{warm_up}: {warmed}");
        browser.wait_until_settled().await;
    }
    let figures: Value = browser.client.execute_async(DROP_AND_MEASURE, vec![json!(format!("bench/{file}"))]).await.expect("the drop script runs");
    if let Some(error) = figures.get("error") {
        panic!("{file}: {error}");
    }
    browser.close().await;
    figures
}
