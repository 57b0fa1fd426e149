//! End-to-end: hostile log text stays text, the CSP holds, bad files get a clear message, and a
//! panic leaves a banner from which a new file still opens. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::browser::{dist_or_skip, Browser};

const HOSTILE_LOG: &str = include_str!("../fixtures/hostile-mirage.txt");

/// A small log that opens cleanly, to show the app is still usable after each bad file.
const GOOD_LOG: &str = "[10:00] <alice> good morning\n[10:01] <bob> alice: morning!\n";

async fn open_page(browser: &Browser) {
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
}

async fn eval_number(browser: &Browser, js: &str) -> u64 {
    browser.eval(js, vec![]).await.as_u64().unwrap_or_else(|| panic!("`{js}` did not give a number"))
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_log_text_stays_text() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    // Tall enough that the virtual list renders every row of the fixture.
    browser.client.set_window_size(1280, 4000).await.expect("a tall window");
    open_page(&browser).await;
    // Dialogs are counted, not shown, so a payload that ran is seen even if it could not block.
    browser
        .eval(
            "window.__dialogs = 0;
             for (const name of ['alert', 'confirm', 'prompt']) { window[name] = () => { window.__dialogs += 1; }; }
             window.__active = document.querySelectorAll('script, iframe, object, embed, base, img, svg, style, meta').length;",
            vec![],
        )
        .await;

    browser.drop_file("hostile.txt", HOSTILE_LOG).await;
    browser.wait_for_text(".log-header .file-name", "hostile.txt").await;
    let n_lines = HOSTILE_LOG.lines().count();
    browser.wait_for(&format!("#L{n_lines}")).await;
    assert_eq!(browser.count("section.log .row").await, n_lines, "one row per line, forged rows included");

    assert!(browser.client.get_alert_text().await.is_err(), "no dialog may be open");
    assert_eq!(eval_number(&browser, "return window.__dialogs;").await, 0, "no payload called alert/confirm/prompt");
    let active_after = eval_number(&browser, "return document.querySelectorAll('script, iframe, object, embed, base, img, svg, style, meta').length;").await;
    assert_eq!(active_after, eval_number(&browser, "return window.__active;").await, "log text added no script, frame, image, style or meta element");

    let foreign = browser
        .eval(
            "const allowed = new Set(['DIV', 'A', 'BUTTON', 'TIME', 'SPAN', 'BDI', 'DETAILS', 'SUMMARY']);
             return [...document.querySelectorAll('section.log *')].map(e => e.tagName).filter(t => !allowed.has(t));",
            vec![],
        )
        .await;
    assert_eq!(foreign, json!([]), "only the row template's own elements are in the log");
    let handlers = eval_number(&browser, "return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length;").await;
    assert_eq!(handlers, 0, "no element has an on* attribute");
    let unsafe_links = browser
        .eval(
            "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
                 .filter(h => !/^(https?:\\/\\/|mailto:|#L\\d)/i.test(h.trim()));",
            vec![],
        )
        .await;
    assert_eq!(unsafe_links, json!([]), "every link is http(s), mailto or a line anchor");
    let violations = browser.eval("return document.documentElement.getAttribute('data-csp-violations');", vec![]).await;
    assert_eq!(violations, Value::Null, "the Content-Security-Policy saw no violation");

    let text = |line: usize| format!("#L{line} .text");
    assert_eq!(browser.text_of(&text(8)).await, "<script>alert('script tag')</script>");
    assert_eq!(browser.text_of(&text(21)).await, "</bdi></div><div class=\"row\"><b>forged row</b>");
    assert_eq!(browser.text_of(&text(22)).await, "&lt;script&gt; stays as written, &amp; so do entities");
    for line in [24, 25] {
        assert_eq!(browser.count(&format!("#L{line} .nick")).await, 1, "#L{line} imitates a row but is one message");
        assert_eq!(browser.text_of(&format!("#L{line} .nick")).await, "mallory");
    }
    assert_eq!(browser.text_of("#L27 .nick").await, "⟨U+202E⟩msva", "a bidi override in a nick is shown, not obeyed");
    assert_eq!(browser.text_of("#L28 .nick").await, "avsm⟨U+200B⟩", "a zero-width space in a nick is shown");
    let colour = |line: usize| format!("return getComputedStyle(document.querySelector('#L{line} .nick')).color;");
    assert_ne!(browser.eval(&colour(28), vec![]).await, browser.eval(&colour(7), vec![]).await, "the imitation wears another colour than avsm");
    let link = browser.wait_for("#L33 a.url").await;
    assert_eq!(link.attr("href").await.expect("href").as_deref(), Some("https://mirage.io/blog/announcing-mirage-30-release"));
    assert_eq!(link.attr("rel").await.expect("rel").as_deref(), Some("noopener noreferrer nofollow"));
    for line in [10, 12, 13, 14, 15, 16, 17] {
        assert_eq!(browser.count(&format!("#L{line} .text a")).await, 0, "#L{line}'s text makes no link");
    }
    browser.screenshot("hostile").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_content_security_policy_blocks_inline_scripts() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    open_page(&browser).await;
    let policy = browser
        .eval("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;", vec![])
        .await;
    let policy = policy.as_str().expect("a CSP meta element");
    assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "the loader is allowed by hash: {policy}");
    assert!(!policy.contains("TRUNK_INLINE_SCRIPTS") && !policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(browser.eval("return document.documentElement.getAttribute('data-csp-violations');", vec![]).await, Value::Null, "the app itself breaks no rule");

    browser
        .eval("const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true;'; document.head.append(s);", vec![])
        .await;
    let violations = browser.eventually("return document.documentElement.getAttribute('data-csp-violations');", vec![], &json!("1")).await;
    assert_eq!(violations, json!("1"), "the injected script was reported as a violation");
    assert_eq!(browser.eval("return window.__inlineRan === true;", vec![]).await, json!(false), "the injected inline script did not run");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_files_get_a_clear_message_and_the_next_file_opens() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    open_page(&browser).await;
    let mut n_good = 0;
    let mut open_good_log = async |browser: &Browser| {
        n_good += 1;
        let name = format!("good-{n_good}.log");
        browser.drop_file(&name, GOOD_LOG).await;
        browser.wait_for_text(".log-header .file-name", &name).await;
        assert_eq!(browser.text_of("#L2 .nick").await, "bob");
    };

    let refused: [(&str, &str, Vec<Value>, &str); 3] = [
        ("empty.log", "new Uint8Array(0)", vec![], "This file is empty"),
        ("picture.log", "new Uint8Array(arguments[2])", vec![json!(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01")], "This looks like a PNG image, not a chat log"),
        ("huge.log", "new Uint8Array(256 * 1024 * 1024 + 1)", vec![], "the viewer opens files up to 268 MB, because a browser tab cannot hold"),
    ];
    for (name, contents, args, message) in refused {
        browser.drop_built(name, contents, args).await;
        let shown = browser.wait_for_text_containing(".problem", message).await;
        assert!(shown.starts_with(name), "the message names the file: {shown:?}");
        open_good_log(&browser).await;
        assert_eq!(browser.count(".problem").await, 0, "opening a good file clears the message");
    }

    // Opened, with what is odd about them said on the page.
    browser.drop_built("one-line.log", "'x'.repeat(10 * 1024 * 1024)", vec![]).await;
    browser.wait_for_text(".log-header .file-name", "one-line.log").await;
    let cut = browser.text_of("#L1 .cut-note").await;
    assert!(cut.contains("10485760 characters"), "a 10 MB line says it is cut for display: {cut:?}");
    open_good_log(&browser).await;

    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(GOOD_LOG.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    browser.drop_bytes("utf16.log", &utf16).await;
    browser.wait_for_text(".log-header .file-name", "utf16.log").await;
    assert_eq!(browser.text_of("#L2 .text").await, "alice: morning!", "UTF-16 is decoded");
    open_good_log(&browser).await;

    let mixed = format!("{GOOD_LOG}29-06-2016 15:12 avsm a Mirage line\n--- Log opened Wed Jun 29 15:00:00 2016\n15:13 < hannes> an irssi line\n");
    browser.drop_file("mixed.log", &mixed).await;
    browser.wait_for_text(".log-header .file-name", "mixed.log").await;
    let warning = browser.text_of(".raw-lines").await;
    assert!(warning.contains("are shown as written"), "mixed formats are said: {warning:?}");
    assert_eq!(browser.text_of("#L3 .text").await, "29-06-2016 15:12 avsm a Mirage line", "the other format's lines are kept as written");
    open_good_log(&browser).await;

    let mut truncated = "[10:00] <alice> café au lait, s'il vous plaî".as_bytes().to_vec(); // ends in the 2-byte î
    truncated.pop();
    browser.drop_bytes("truncated.log", &truncated).await;
    browser.wait_for_text(".log-header .file-name", "truncated.log").await;
    let warning = browser.text_of(".log-header .warning.encoding").await;
    assert!(warning.contains("Line 1: the file ends inside a UTF-8 character"), "a cut multi-byte character is reported: {warning:?}");
    assert_eq!(browser.text_of("#L1 .text").await, "café au lait, s'il vous pla\u{FFFD}", "the rest of the line reads as written");
    open_good_log(&browser).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panic_shows_a_banner_and_a_dropped_file_still_opens() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    open_page(&browser).await;
    browser.eval("setTimeout(() => window.wasmBindings.simulate_crash(), 0);", vec![]).await;
    // The release build aborts at a panic without a message (scripts/release-env.sh): the banner
    // comes from the trap the browser reports.
    let message = browser.text_of("#crash-banner #crash-message").await;
    assert!(message.contains("WebAssembly stopped"), "the banner says the page's code stopped: {message:?}");
    assert!(browser.text_of("#crash-banner").await.contains("Drop another log"), "the banner says what to do");

    browser.drop_file("after-crash.log", GOOD_LOG).await;
    browser.wait_for_text(".log-header .file-name", "after-crash.log").await;
    assert_eq!(browser.count("#crash-banner").await, 0, "the page started again without the banner");
    assert_eq!(browser.text_of("#L1 .nick").await, "alice");
    browser.close().await;
}

/// A site that lost the worker's loader: the page says the worker did not start, instead of a
/// progress bar that never moves.
#[tokio::test(flavor = "multi_thread")]
async fn a_worker_that_cannot_load_is_said_not_a_bar_for_ever() {
    let Some(dist) = dist_or_skip() else { return };
    let site = support::browser::site_with(&dist, "", &[]);
    // A link into dist/: removing it leaves dist/ as it is.
    std::fs::remove_file(site.join("worker-loader.js")).expect("remove the loader's link");
    let browser = Browser::start(&site).await;
    // Not `goto`: the app takes over from the prerendered demo only when it has the message.
    browser.navigate("/index.html").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let problem = loop {
        let problem = browser.eval("return document.querySelector('.problem')?.textContent ?? null;", vec![]).await;
        if let Some(problem) = problem.as_str() {
            break problem.to_owned();
        }
        assert!(std::time::Instant::now() < deadline, "no message after 60 s");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    };
    assert!(problem.contains("parse worker did not start"), "{problem}");
    assert_eq!(browser.count(".loading").await, 0, "no bar left waiting");
    assert_eq!(browser.count("#prerendered").await, 0, "the message is not under the prerendered demo");
    browser.close().await;
}
