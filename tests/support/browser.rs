//! End-to-end harness: serves the built app (`dist/`) and drives headless Chromium through chromedriver.
//!
//! Each test binary uses only part of this module.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How long `wait_for*` keeps polling before giving up.
const WAIT_TIMEOUT: Duration = Duration::from_secs(15);
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// Start-up budget for the server and chromedriver: 100 × 50 ms.
const PORT_ATTEMPTS: u32 = 100;
const PORT_RETRY_DELAY: Duration = Duration::from_millis(50);

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The built app: `$SCROLLBACK_DIST` or `<crate>/dist`, if it holds an `index.html`.
pub fn dist_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SCROLLBACK_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(MANIFEST_DIR).join("dist"));
    dir.join("index.html").is_file().then_some(dir)
}

/// CI sets `SCROLLBACK_E2E=1` so that a missing build fails instead of silently skipping.
pub fn e2e_required() -> bool {
    std::env::var("SCROLLBACK_E2E").is_ok_and(|v| v == "1")
}

/// The built app for a test, or `None` if the test should be skipped.
///
/// Use as `let Some(dist) = dist_or_skip() else { return };`.
/// Panics instead of skipping when [`e2e_required`].
pub fn dist_or_skip() -> Option<PathBuf> {
    if let Some(dist) = dist_dir() {
        return Some(dist);
    }
    if e2e_required() {
        panic!("dist/ not built: run scripts/test.sh (SCROLLBACK_E2E=1 forbids skipping)");
    }
    eprintln!("skipping: dist/ not built");
    None
}

/// A headless Chromium session pointed at a static server for `dist/`.
///
/// The helper processes die with this value, whether it is dropped (e.g. while a test
/// panics) or shut down with [`Browser::close`].
pub struct Browser {
    pub client: Client,
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub base_url: String,
    // Dropped after `client`; kills the processes even when a test panics.
    processes: Processes,
}

impl Browser {
    /// Serves `dist` and opens a fresh browser session; panics with the reason if anything fails.
    pub async fn start(dist: &Path) -> Browser {
        Browser::start_serving(dist, false).await
    }

    /// Like [`Browser::start`], with every file sent gzipped, as a static host sends it
    /// (`scripts/serve-gzip.py`): for timing downloads.
    pub async fn start_gzipped(dist: &Path) -> Browser {
        Browser::start_serving(dist, true).await
    }

    async fn start_serving(dist: &Path, gzipped: bool) -> Browser {
        let [server_port, driver_port] = free_ports();

        let mut server = Command::new("python3");
        if gzipped {
            server.arg(Path::new(MANIFEST_DIR).join("scripts/serve-gzip.py")).arg(server_port.to_string());
        } else {
            server.args(["-m", "http.server", &server_port.to_string(), "--bind", "127.0.0.1", "--directory"]);
        }
        let server = server
            .arg(dist)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `python3 -m http.server`: {e}"));

        let chromedriver_bin =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut chromedriver = Command::new(&chromedriver_bin);
        chromedriver
            .arg(format!("--port={driver_port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        // Chromium is chromedriver's child, not ours; its own process group lets us kill both at once.
        #[cfg(unix)]
        chromedriver.process_group(0);
        let chromedriver = chromedriver.spawn().unwrap_or_else(|e| {
            panic!("cannot start `{chromedriver_bin}` (set CHROMEDRIVER?): {e}")
        });

        let mut processes = Processes {
            server,
            chromedriver,
            user_data_dir: fresh_user_data_dir(),
        };
        wait_for_port(
            "static server (python3 -m http.server)",
            server_port,
            &mut processes.server,
        )
        .await;
        wait_for_port("chromedriver", driver_port, &mut processes.chromedriver).await;

        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(chrome_capabilities(&processes.user_data_dir))
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .unwrap_or_else(|e| {
                panic!("chromedriver could not open a Chromium session (set CHROMIUM?): {e}")
            });

        Browser {
            client,
            base_url: format!("http://127.0.0.1:{server_port}"),
            processes,
        }
    }

    /// Ends the WebDriver session cleanly (Chromium exits), then stops the helper processes.
    pub async fn close(self) {
        if let Err(e) = self.client.close().await {
            eprintln!("warning: closing the WebDriver session failed: {e}");
        }
        drop(self.processes);
    }

    /// Opens a page of the served app, e.g. `"/"` or `"index.html?demo=1"`.
    pub async fn goto(&self, path_and_query: &str) {
        self.navigate(path_and_query).await;
        self.wait_for_the_app().await;
    }

    /// Opens a page and returns once it has loaded, whether or not the app has started.
    pub async fn navigate(&self, path_and_query: &str) {
        let url = format!(
            "{}/{}",
            self.base_url,
            path_and_query.trim_start_matches('/')
        );
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Until the app has taken over from the demo's prerendered first screen (index.html), whose
    /// rows look like the app's but answer nothing: tests then find the app's own elements.
    pub async fn wait_for_the_app(&self) {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        while self.eval("return document.getElementById('prerendered') !== null", vec![]).await == Value::Bool(true) {
            assert!(Instant::now() < deadline, "the app never took over from the prerendered demo");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The first element matching `css`, once it exists (the app renders asynchronously).
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let last_error = match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                let page = self.page_state().await;
                panic!(
                    "no element matches `{css}` after {WAIT_TIMEOUT:?} (last error: {last_error}); the page: {page}"
                );
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// What the page shows, for a failure's message: its address, the app's loading bar and
    /// messages, the crash banner, the prerendered demo, and its rows.
    pub async fn page_state(&self) -> Value {
        self.eval(
            "const text = css => document.querySelector(css)?.textContent ?? null;
             return { url: location.href, loading: text('.loading'), problem: text('.problem'), crash: text('#crash-message'),
                      prerendered: document.getElementById('prerendered') !== null, rows: document.querySelectorAll('.row').length,
                      file: text('.log-header .file-name') };",
            vec![],
        )
        .await
    }

    /// The first element matching `css`, once its rendered text is exactly `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Element {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let seen = match self.client.find(Locator::Css(css)).await {
                Ok(element) => match element.text().await {
                    Ok(text) if text == expected => return element,
                    Ok(text) => format!("text {text:?}"),
                    Err(e) => format!("error {e}"),
                },
                Err(e) => format!("error {e}"),
            };
            if Instant::now() >= deadline {
                panic!("`{css}` never had text {expected:?} within {WAIT_TIMEOUT:?} (last seen: {seen})");
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Simulates the user dropping a text file onto the page.
    ///
    /// WebDriver cannot drag files from the OS, so the drag events are built in JS. They are
    /// dispatched on the element in the middle of the viewport, as a real drop would be, so they
    /// bubble through the app to `document.body` whichever of them listens.
    pub async fn drop_file(&self, name: &str, contents: &str) {
        const SCRIPT: &str = r#"
            const [contents, name] = arguments;
            const dt = new DataTransfer();
            dt.items.add(new File([contents], name, { type: "text/plain" }));
            const x = Math.floor(window.innerWidth / 2);
            const y = Math.floor(window.innerHeight / 2);
            const target = document.elementFromPoint(x, y) || document.body;
            const init = { dataTransfer: dt, bubbles: true, cancelable: true, clientX: x, clientY: y };
            target.dispatchEvent(new DragEvent("dragover", init));
            target.dispatchEvent(new DragEvent("drop", init));
        "#;
        self.eval(SCRIPT, vec![json!(contents), json!(name)]).await;
    }

    /// Simulates the user dropping a folder holding `files` (path inside it, text) onto the page.
    ///
    /// Neither WebDriver nor a script can build a real folder drop, so the drop's `dataTransfer`
    /// is one made in JS with the shape the browser's is: `items[0].webkitGetAsEntry()` gives a
    /// folder entry whose reader hands its entries in a batch, then an empty one, and whose
    /// file entries give `File`s, each callback called later as the browser's are; `files` holds
    /// the folder as a `File` that cannot be read.
    pub async fn drop_folder(&self, name: &str, files: &[(&str, &str)]) {
        const SCRIPT: &str = r#"
            const [name, files] = arguments;
            const later = (callback, value) => setTimeout(() => callback(value));
            const fileEntry = (fileName, text) => ({ isFile: true, isDirectory: false, name: fileName,
                file: (done) => later(done, new File([text], fileName)) });
            const folderEntry = (folderName, children) => ({ isFile: false, isDirectory: true, name: folderName,
                createReader: () => { let given = false; return { readEntries: (done) => { later(done, given ? [] : children); given = true; } }; } });
            const tree = {};
            for (const [path, text] of files) {
                const parts = path.split("/");
                let folder = tree;
                for (const part of parts.slice(0, -1)) folder = (folder[part] = folder[part] || {});
                folder[parts[parts.length - 1]] = text;
            }
            const entry = (entryName, node) => typeof node === "string" ? fileEntry(entryName, node)
                : folderEntry(entryName, Object.entries(node).map(([childName, child]) => entry(childName, child)));
            const root = entry(name, tree);
            const transfer = { types: ["Files"], items: { length: 1, 0: { kind: "file", webkitGetAsEntry: () => root } },
                files: { length: 1, 0: new File([], name), item(index) { return this[index]; } } };
            const x = Math.floor(window.innerWidth / 2);
            const y = Math.floor(window.innerHeight / 2);
            const target = document.elementFromPoint(x, y) || document.body;
            const init = { bubbles: true, cancelable: true, clientX: x, clientY: y };
            target.dispatchEvent(new DragEvent("dragover", init));
            const drop = new DragEvent("drop", init);
            Object.defineProperty(drop, "dataTransfer", { value: transfer });
            target.dispatchEvent(drop);
        "#;
        let files: Vec<Value> = files.iter().map(|(path, text)| json!([path, text])).collect();
        self.eval(SCRIPT, vec![json!(name), Value::Array(files)]).await;
    }

    /// Drops a file with these exact bytes (for binary and non-UTF-8 files).
    pub async fn drop_bytes(&self, name: &str, bytes: &[u8]) {
        self.drop_built(name, "new Uint8Array(arguments[2])", vec![json!(bytes)]).await;
    }

    /// Drops a file whose contents `js_contents` builds in the page (a JS expression that may read
    /// `arguments[2]` onwards), for files too big to send over WebDriver.
    pub async fn drop_built(&self, name: &str, js_contents: &str, extra_args: Vec<Value>) {
        let script = format!(
            r#"
            const name = arguments[0];
            const contents = {js_contents};
            const dt = new DataTransfer();
            dt.items.add(new File([contents], name, {{ type: "text/plain" }}));
            const x = Math.floor(window.innerWidth / 2);
            const y = Math.floor(window.innerHeight / 2);
            const target = document.elementFromPoint(x, y) || document.body;
            const init = {{ dataTransfer: dt, bubbles: true, cancelable: true, clientX: x, clientY: y }};
            target.dispatchEvent(new DragEvent("dragover", init));
            target.dispatchEvent(new DragEvent("drop", init));
        "#
        );
        let mut args = vec![json!(name), Value::Null];
        args.extend(extra_args);
        self.eval(&script, args).await;
    }

    /// The value of `js` (a function body) once it equals `expected`, or its last value when
    /// [`WAIT_TIMEOUT`] runs out: the app renders asynchronously. The caller asserts on it.
    pub async fn eventually(&self, js: &str, args: Vec<Value>, expected: &Value) -> Value {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let value = self.eval(js, args.clone()).await;
            if value == *expected || Instant::now() >= deadline {
                return value;
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Waits until no job is under way (no progress bar): the log before is open, its threads
    /// and agenda found, and the worker idle.
    pub async fn wait_until_settled(&self) {
        let settled = self.eventually("return !document.querySelector('.loading');", vec![], &Value::Bool(true)).await;
        assert_eq!(settled, Value::Bool(true), "the page is still opening a log after {WAIT_TIMEOUT:?}");
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        let found = self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("finding `{css}` failed: {e}"));
        found.len()
    }

    /// The rendered text of the first element matching `css`, once it exists.
    pub async fn text_of(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap_or_else(|e| panic!("text of `{css}`: {e}"))
    }

    /// Waits until the first element matching `css` has text containing `part`, and returns the text.
    pub async fn wait_for_text_containing(&self, css: &str, part: &str) -> String {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let seen = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if seen.contains(part) {
                return seen;
            }
            if Instant::now() >= deadline {
                panic!("`{css}` never contained {part:?} within {WAIT_TIMEOUT:?} (last seen: {seen:?})");
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Saves a PNG of the viewport to `<crate>/target/screenshots/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name:?} failed: {e}"));
        let dir = Path::new(MANIFEST_DIR).join("target").join("screenshots");
        tokio::fs::create_dir_all(&dir)
            .await
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let path = dir.join(format!("{name}.png"));
        tokio::fs::write(&path, png)
            .await
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }

    /// Throttles the session's network from now on: the page's own fetches (Chromium leaves a
    /// dedicated worker's fetches alone; see BENCHMARKS.md's first-visit figures).
    pub async fn emulate_network(&self, conditions: &NetworkConditions) {
        self.client.issue_cmd(*conditions).await.unwrap_or_else(|e| panic!("chromedriver would not throttle the network: {e}"));
    }

    /// Runs `script` in every document the session loads from now on, before the page's own.
    pub async fn run_before_each_page(&self, script: &str) {
        let command = DevToolsCommand { method: "Page.addScriptToEvaluateOnNewDocument", params: json!({ "source": script }) };
        self.client.issue_cmd(command).await.unwrap_or_else(|e| panic!("chromedriver would not add a script: {e}"));
    }

    /// Stops the static server: from now on nothing answers at the page's origin, as when the
    /// reader is offline.
    pub async fn stop_server(&mut self) {
        self.processes.server.kill().await.unwrap_or_else(|e| panic!("cannot stop the static server: {e}"));
    }

    /// Runs `js` as a function body (use `return` to get a value; the `args` are `arguments`).
    pub async fn eval(&self, js: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(js, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n--- script ---\n{js}"))
    }
}

/// The static server, chromedriver (with Chromium under it) and Chromium's profile directory.
struct Processes {
    server: Child,
    chromedriver: Child,
    user_data_dir: PathBuf,
}

impl Drop for Processes {
    fn drop(&mut self) {
        // Killing chromedriver alone would orphan Chromium, so kill its whole process group.
        #[cfg(unix)]
        if let Some(pid) = self.chromedriver.id() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.chromedriver.start_kill();
        let _ = self.server.start_kill();

        // Chromium can still be writing its profile for a moment after the kill.
        for _ in 0..20 {
            match std::fs::remove_dir_all(&self.user_data_dir) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => break,
            }
        }
    }
}

/// Distinct free ports; all are held open until every one is chosen so none repeats.
fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: Vec<TcpListener> = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("cannot bind a free local port"))
        .collect();
    std::array::from_fn(|i| {
        listeners[i]
            .local_addr()
            .expect("bound socket has an address")
            .port()
    })
}

/// Waits until `child` accepts TCP connections on `port`, failing fast if it has already exited.
async fn wait_for_port(name: &str, port: u16, child: &mut Child) {
    for _ in 0..PORT_ATTEMPTS {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{name} exited before listening on port {port} ({status})");
        }
        if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(PORT_RETRY_DELAY).await;
    }
    let waited = PORT_RETRY_DELAY * PORT_ATTEMPTS;
    panic!("{name} did not listen on port {port} within {waited:?}");
}

/// A new, empty Chromium profile, so runs never share state.
/// A folder to serve: `dist/` at `mount` (`""` for the root, `"logs/viewer"` for a sub-path)
/// and `files` (path, contents) beside it, for tests where the app fetches something (`?src=`)
/// or is embedded. The caller removes it when done.
#[allow(dead_code)] // used by some test crates only
pub fn site_with(dist: &Path, mount: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let site = fresh_user_data_dir();
    let viewer = site.join(mount);
    std::fs::create_dir_all(&viewer).expect("create the mount folder");
    for entry in std::fs::read_dir(dist).expect("readable dist/") {
        let path = entry.expect("dist/ entry").path();
        std::os::unix::fs::symlink(&path, viewer.join(path.file_name().expect("a name"))).expect("symlink into the site");
    }
    for (name, contents) in files {
        let path = site.join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create a site folder");
        std::fs::write(path, contents).expect("write a site file");
    }
    site
}

fn fresh_user_data_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "scrollback-e2e-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    ));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

fn chrome_capabilities(user_data_dir: &Path) -> fantoccini::wd::Capabilities {
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    // The background-networking flags stop Chromium from retrying a network it cannot reach.
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": binary,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                // `gc()` for the benchmark, so memory is measured without garbage not yet collected;
                // `SCROLLBACK_BENCH_JS_FLAGS` adds V8's own (`--no-wasm-dynamic-tiering`: every
                // wasm function optimized from the start, to tell JIT warm-up from the code's cost).
                format!("--js-flags=--expose-gc {}", std::env::var("SCROLLBACK_BENCH_JS_FLAGS").unwrap_or_default()),
                format!("--user-data-dir={}", user_data_dir.display()),
            ],
        }
    });
    match capabilities {
        Value::Object(map) => map,
        _ => unreachable!("json!({{..}}) is an object"),
    }
}

/// Chromium's network throttling for the session (chromedriver's `network_conditions`), as
/// DevTools' profiles set it.
#[derive(Debug, Clone, Copy)]
pub struct NetworkConditions {
    pub latency_ms: f64,
    pub download_bytes_per_second: f64,
    pub upload_bytes_per_second: f64,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/chromium/network_conditions", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let conditions = json!({ "network_conditions": {
            "offline": false,
            "latency": self.latency_ms,
            "download_throughput": self.download_bytes_per_second,
            "upload_throughput": self.upload_bytes_per_second,
        } });
        (http::Method::POST, Some(conditions.to_string()))
    }
}

/// A Chrome DevTools Protocol command for the session's page (chromedriver's `goog/cdp/execute`).
#[derive(Debug, Clone)]
pub struct DevToolsCommand {
    pub method: &'static str,
    pub params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevToolsCommand {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.method, "params": self.params }).to_string()))
    }
}
