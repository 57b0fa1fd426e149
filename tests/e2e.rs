//! End-to-end tests of the built web app (`dist/`) in headless Chromium; skipped unless built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "support/exports.rs"]
#[allow(dead_code)]
mod exports;

use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::json;
use support::browser::{dist_or_skip, Browser};

/// A short Mirage meeting log: the bot's header block (lines 1–6), then messages from line 7.
const MIRAGE_LOG: &str = concat!(
    "Irc discussions from #mirage on 29-06-2016\n",
    "\n",
    "Written by unpurecamelbot\n",
    "Classified under: irclog\n",
    "Published: 2016-06-29 (last updated: 2016-07-27)\n",
    "\n",
    "29-06-2016 15:12 alice Mirage 3! Over to bob\n",
    "29-06-2016 15:13 bob thanks alice, the release notes are up\n",
    "29-06-2016 15:14 carol are the docs updated too?\n",
    "29-06-2016 15:15 alice carol: yes, mostly\n",
    "29-06-2016 15:16 bob I will finish the rest tonight\n",
    "29-06-2016 15:17 alice great, next topic\n",
);
const ALICE_MESSAGES: usize = 3;

#[tokio::test(flavor = "multi_thread")]
async fn dropping_a_mirage_log_shows_coloured_rows() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;

    browser.goto("/index.html").await;
    browser.wait_for("main.app").await;
    // The demo log is rendered once rows exist; dropping earlier could race the app's start-up.
    browser.wait_for(".row").await;

    browser.drop_file("meeting.txt", MIRAGE_LOG).await;
    browser
        .wait_for_text(".log-header .file-name", "meeting.txt")
        .await;

    let format = text(&browser.wait_for(".log-header .format-name").await).await;
    assert!(
        format.contains("Mirage"),
        "format name {format:?} should mention Mirage"
    );

    let first_message = browser.wait_for("#L7").await;
    assert_has_class(&first_message, "kind-message").await;
    assert_eq!(text(&child(&first_message, ".nick").await).await, "alice");
    let message_text = text(&child(&first_message, ".text").await).await;
    assert!(
        message_text.contains("Mirage 3! Over to bob"),
        "#L7 .text is {message_text:?}"
    );
    child(&first_message, ".time").await;

    assert_has_class(&browser.wait_for("#L1").await, "kind-header").await;
    assert_has_class(&browser.wait_for("#L2").await, "kind-blank").await;

    let rows = find_all(&browser, ".row").await;
    assert_eq!(
        rows.len(),
        MIRAGE_LOG.lines().count(),
        "one .row per source line"
    );

    // #L7, #L10 are alice; #L8 is bob.
    let alice = nick_color(&browser, "#L7").await;
    let alice_again = nick_color(&browser, "#L10").await;
    let bob = nick_color(&browser, "#L8").await;
    assert_eq!(alice, alice_again, "one speaker keeps one colour");
    assert_ne!(alice, bob, "alice and bob should have different colours");

    let speakers = find_all(&browser, "ul.legend li.speaker").await;
    assert_eq!(speakers.len(), 3, "legend lists alice, bob and carol");
    let mut alice_count = None;
    for speaker in &speakers {
        if text(&child(speaker, ".nick").await).await == "alice" {
            alice_count = Some(text(&child(speaker, ".count").await).await);
        }
    }
    let alice_count = alice_count.expect("legend has an entry for alice");
    let digits: String = alice_count.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(
        digits,
        ALICE_MESSAGES.to_string(),
        "alice's legend count is {alice_count:?}"
    );

    let png = browser.screenshot("e2e-drop").await;
    let size = std::fs::metadata(&png).expect("screenshot written").len();
    assert!(size > 10 * 1024, "{} is only {size} bytes", png.display());

    browser.close().await;
}

async fn text(element: &Element) -> String {
    element.text().await.expect("element text")
}

/// The text of the first element matching `css`, read in the page in one step: an element found,
/// then drawn again by the app before its text is read, is a stale reference (seen once in ~20
/// runs of the snippet test).
async fn text_in_page(browser: &Browser, css: &str) -> String {
    browser.wait_for(css).await;
    let text = browser.eval("return document.querySelector(arguments[0]).innerText;", vec![serde_json::Value::String(css.to_owned())]).await;
    text.as_str().unwrap_or_else(|| panic!("`{css}` has no text")).to_owned()
}

async fn child(parent: &Element, css: &str) -> Element {
    parent
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}` inside the element: {e}"))
}

async fn find_all(browser: &Browser, css: &str) -> Vec<Element> {
    browser
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding `{css}` failed: {e}"))
}

async fn assert_has_class(element: &Element, class: &str) {
    let classes = element
        .attr("class")
        .await
        .expect("class attribute")
        .unwrap_or_default();
    assert!(
        classes.split_whitespace().any(|c| c == class),
        "expected class {class:?}, element has {classes:?}"
    );
}

/// The rendered colour of a row's nick, as the user sees it (CSS may set it indirectly).
async fn nick_color(browser: &Browser, row: &str) -> String {
    let selector = format!("{row} .nick");
    let color = browser
        .eval(
            "const el = document.querySelector(arguments[0]);
             return el ? getComputedStyle(el).color : null;",
            vec![json!(selector)],
        )
        .await;
    color
        .as_str()
        .unwrap_or_else(|| panic!("no `{selector}` element"))
        .to_owned()
}

/// `n` lines in the Mirage meeting format from 20 speakers, some long enough to wrap.
fn generated_meeting(n: usize) -> String {
    const NICKS: [&str; 20] = [
        "avsm", "yomimono", "hannes", "mato", "talex5", "djwillia", "GemmaG", "dinosaure", "samoht", "mort",
        "reynir", "Drup", "dbuenzli", "kit_ty", "palainp", "kensan", "ansuz", "engil", "lyrm", "linse",
    ];
    (0..n)
        .map(|index| {
            let (hour, minute) = (10 + index / 3600 % 10, index / 60 % 60);
            let padding = if index % 17 == 0 { " and a much longer thought that wraps onto a second line of the page".repeat(3) } else { String::new() };
            format!("29-06-2016 {hour:02}:{minute:02} {} message number {}{padding}\n", NICKS[index % 20], index + 1)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_100k_line_log_stays_under_the_dom_budget_and_links_far_down() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;

    browser.drop_file("big.log", &generated_meeting(100_000)).await;
    browser.wait_for_text(".log-header .file-name", "big.log").await;
    let n_elements = browser.eval("return document.getElementsByTagName('*').length;", vec![]).await.as_u64().unwrap();
    assert!(n_elements <= 1500, "{n_elements} DOM elements for 100k lines");
    assert!(n_elements > 100, "the page has content: {n_elements} elements");

    browser.eval("location.hash = '#L90000';", vec![]).await;
    browser.wait_for("#L90000").await;
    let position = browser
        .eval(
            "await new Promise(resolve => setTimeout(resolve, 300));
             const row = document.getElementById('L90000');
             const rect = row.getBoundingClientRect();
             return { top: rect.top, bottom: rect.bottom, height: innerHeight, current: row.getAttribute('aria-current'),
                      text: row.textContent, elements: document.getElementsByTagName('*').length, message: row.classList.contains('kind-message') };",
            vec![],
        )
        .await;
    assert!(position["top"].as_f64().unwrap() >= 0.0, "#L90000 below the top: {position}");
    assert!(position["bottom"].as_f64().unwrap() <= position["height"].as_f64().unwrap(), "#L90000 above the bottom: {position}");
    assert_eq!(position["current"], "location", "{position}");
    assert!(position["text"].as_str().unwrap().contains("message number 90000"), "{position}");
    assert!(position["elements"].as_u64().unwrap() <= 1500, "{position}");
    // The row is found afresh: the threads and agenda arriving from the worker may redraw it.
    assert_eq!(position["message"], true, "{position}");
    browser.screenshot("e2e-100k-L90000").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn src_loads_a_log_and_a_line_link_lands_on_its_row() {
    let Some(dist) = dist_or_skip() else { return };
    let log = generated_meeting(400);
    let page = scrollback::export::standalone_page(log.clone().into_bytes(), "meeting.txt".to_owned());
    let site = support::browser::site_with(&dist, "", &[("meeting-log.txt", log.as_bytes()), ("meeting-page.html", page.as_bytes())]);
    let browser = Browser::start(&site).await;

    browser.goto("/index.html?src=meeting-log.txt#L75").await;
    browser.wait_for_text(".log-header .file-name", "meeting-log.txt").await;
    let row = browser.wait_for("#L75").await;
    assert_has_class(&row, "kind-message").await;
    let position = browser
        .eval(
            "await new Promise(resolve => setTimeout(resolve, 300));
             const rect = document.getElementById('L75').getBoundingClientRect();
             return { top: rect.top, bottom: rect.bottom, height: innerHeight,
                      current: document.getElementById('L75').getAttribute('aria-current') };",
            vec![],
        )
        .await;
    assert!(position["top"].as_f64().unwrap() >= 0.0 && position["bottom"].as_f64().unwrap() <= position["height"].as_f64().unwrap(), "{position}");
    assert_eq!(position["current"], "location");

    // A page written by `scrollback html` opens as the log it holds.
    browser.goto("/index.html?src=meeting-page.html#L40").await;
    browser.wait_for_text(".log-header .file-name", "meeting.txt").await;
    assert_eq!(find_all(&browser, ".log-header .format-name").await.len(), 1);
    browser.wait_for("#L40[aria-current=location]").await;

    // A missing file and a refused address each get a message with the cause.
    browser.goto("/index.html?src=missing.log").await;
    let problem = text(&browser.wait_for(".problem").await).await;
    assert!(problem.contains("missing.log") && problem.contains("404"), "{problem}");
    browser.goto("/index.html?src=javascript:alert(1)").await;
    let problem = text(&browser.wait_for(".problem").await).await;
    assert!(problem.contains("http, https or relative"), "{problem}");

    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_log_survives_a_reload_with_a_range_link_until_forgotten() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    browser.drop_file("kept-meeting.txt", MIRAGE_LOG).await;
    browser.wait_for_text(".log-header .file-name", "kept-meeting.txt").await;
    browser.wait_for(".toolbar .kept").await;

    // A new page load, as a reload or an opened link is: the kept log comes back from IndexedDB.
    browser.goto("/index.html?again#L8-L10").await;
    browser.wait_for_text(".log-header .file-name", "kept-meeting.txt").await;
    browser.wait_for("#L8.current").await;
    let marked = browser
        .eval("return [...document.querySelectorAll('[aria-current=location]')].map(row => row.id);", vec![])
        .await;
    assert_eq!(marked, json!(["L8", "L9", "L10"]), "the range #L8-L10 marks exactly its rows");

    browser.eval("window.scrollTo(0, 0);", vec![]).await;
    browser.wait_for(".toolbar .forget").await.click().await.expect("click Forget");
    browser.wait_for_text(".log-header .file-name", scrollback::demo::DEMO_FILE_NAME).await;
    browser.goto("/index.html?after-forget").await;
    browser.wait_for(".row").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(text(&browser.wait_for(".log-header .file-name").await).await, scrollback::demo::DEMO_FILE_NAME, "a forgotten log stays gone");
    assert!(browser.client.find(Locator::Css(".toolbar .kept")).await.is_err(), "nothing is said to be kept");
    browser.close().await;
}

/// A link that is not base64, or base64 of no deflate stream, is said to be damaged, over the
/// demo: the browser's `atob` and `DecompressionStream` refuse it, never a panic.
#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_snippet_link_is_said_and_the_demo_shows() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    for (index, fragment) in ["#snippet=!!!", "#snippet=AAAA", "#snippet=q1YqLs0tSEzOSk0uUbJSMjQyNjUz"].iter().enumerate() {
        browser.goto(&format!("/index.html?try={index}{fragment}")).await;
        browser.wait_for(".row.kind-message").await;
        browser.wait_until_settled().await;
        // Still said once the demo it shows instead is open.
        browser.wait_for_text_containing(".problem", "snippet link is damaged").await;
        assert_eq!(browser.count(".crash-banner").await, 0, "{fragment}: no panic");
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_snippet_link_carries_its_lines_and_too_big_a_range_is_told_its_limit() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html#L40-L45").await;
    browser.wait_for("#L40.current").await;
    // Once the threads and agenda are in, the rows are not drawn again under the reads below.
    browser.wait_until_settled().await;
    let nick_at_42 = text_in_page(&browser, "#L42 .nick").await;
    browser.wait_for(".share-bar .share").await.click().await.expect("click Share these lines");
    let link = browser.wait_for(".share-bar .snippet-link").await.prop("value").await.expect("the link").expect("a value");
    assert!(link.contains("/index.html#snippet="), "{link}");

    browser.goto("/index.html?elsewhere").await;
    browser.client.goto(&link).await.expect("open the snippet link");
    let header = browser.wait_for_text_containing(".log-header .file-name", "lines 40–45").await;
    assert!(header.ends_with("lines 40–45"), "the header says which lines: {header:?}");
    browser.wait_until_settled().await;
    assert_eq!(find_all(&browser, "section.log .row").await.len(), 6, "just those lines");
    assert_eq!(text_in_page(&browser, "#L42 .nick").await, nick_at_42, "numbers, speakers and times as in the log");
    browser.wait_for("#L40 .time").await;

    let long: String = (0..600).map(|i| format!("[10:{:02}] <alice> line {i}\n", i % 60)).collect();
    browser.goto("/index.html?again").await;
    browser.wait_for(".row").await;
    browser.drop_file("long.log", &long).await;
    browser.wait_for_text(".log-header .file-name", "long.log").await;
    browser.eval("location.hash = '#L1-L600';", vec![]).await;
    browser.wait_for(".share-bar .share").await.click().await.expect("click Share these lines");
    let refusal = text(&browser.wait_for(".snippet-too-big").await).await;
    assert!(refusal.contains("That is 600 lines") && refusal.contains("up to 500"), "{refusal}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_theme_follows_the_query_and_the_toggle_is_remembered() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    let theme = "return document.documentElement.getAttribute('data-theme');";
    let background = "return getComputedStyle(document.body).backgroundColor;";

    browser.goto("/index.html?theme=dark").await;
    browser.wait_for(".row").await;
    assert_eq!(browser.eval(theme, vec![]).await, "dark");
    assert_eq!(browser.eval(background, vec![]).await, "rgb(20, 22, 27)", "the dark page background");
    browser.screenshot("theme-dark").await;

    browser.goto("/index.html").await;
    let toggle = browser.wait_for(".theme-toggle").await;
    let before = browser.eval(theme, vec![]).await;
    toggle.click().await.expect("the toggle clicks");
    let chosen = browser.eval(theme, vec![]).await;
    assert_ne!(chosen, before, "the toggle switches the theme");
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    assert_eq!(browser.eval(theme, vec![]).await, chosen, "the choice is remembered across a reload");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_embed_example_works_from_a_sub_path_and_sizes_its_iframe() {
    let Some(dist) = dist_or_skip() else { return };
    let example = include_str!("../examples/embed.html");
    let log = generated_meeting(60);
    // The viewer lives at a sub-path, /logs/viewer/, as on a project's site.
    let example_at_logs = example.replace("viewer/index.html?embed=1&amp;src=../logs/meeting.txt", "viewer/index.html?embed=1&amp;src=../meeting.txt");
    // A gzip log always goes to the parse worker, which the viewer must find at its sub-path too.
    let mut packed = Vec::new();
    let mut encoder = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, log.as_bytes()).unwrap();
    encoder.finish().unwrap();
    let site = support::browser::site_with(
        &dist,
        "logs/viewer",
        &[("logs/embed.html", example_at_logs.as_bytes()), ("logs/meeting.txt", log.as_bytes()), ("logs/meeting.log.gz", &packed)],
    );
    let browser = Browser::start(&site).await;
    browser.goto("/logs/embed.html").await;

    // Inside the frame: the compact mode, the log from ?src=, and the link to the full viewer.
    browser.wait_for("iframe#scrollback").await;
    browser.client.enter_frame(0).await.expect("into the iframe");
    browser.wait_for_text(".embed-bar .embed-title", "meeting.txt").await;
    assert!(browser.client.find(Locator::Css("#file-input")).await.is_err(), "no file picker in an embed");
    let full = browser.wait_for("a.open-full").await;
    let href = full.attr("href").await.unwrap().unwrap_or_default();
    assert!(href.contains("/logs/viewer/index.html?src=") && !href.contains("embed=1"), "{href}");
    assert_eq!(full.attr("rel").await.unwrap().as_deref(), Some("noopener noreferrer"));
    browser.client.enter_parent_frame().await.expect("back to the page");

    // The page sized the iframe from the height the loaded log posted.
    let height = browser
        .eval(
            "await new Promise(resolve => setTimeout(resolve, 300));
             return { posted: window.scrollbackHeight || 0, frame: document.getElementById('scrollback').getBoundingClientRect().height };",
            vec![],
        )
        .await;
    let posted = height["posted"].as_f64().unwrap();
    assert!(posted > 300.0, "the viewer posted its height: {height}");
    // The frame's border adds 2 px to the height it was given.
    let frame = height["frame"].as_f64().unwrap();
    assert!((frame - 2.0 - posted).abs() < 1.0, "the iframe took that height: {height}");
    assert!(posted < 3000.0, "a 60-line log is not as tall as the demo: {height}");

    // The `#L33` inside the frame scrolled the page down to it; show the page from its top.
    browser.eval("window.scrollTo(0, 0);", vec![]).await;
    browser.screenshot("embed-example").await;

    browser.goto("/logs/viewer/index.html?embed=1&src=../meeting.log.gz#L33").await;
    browser.wait_for_text(".embed-bar .embed-title", "meeting.log.gz").await;
    assert!(text(&browser.wait_for("#L33 .text").await).await.contains("message number 33"));
    let parsed = browser.eval("return performance.getEntriesByName('scrollback:worker-parsed').length;", vec![]).await;
    assert_eq!(parsed, 1, "parsed by the worker, spawned from the sub-path");
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}

/// Records in `window.seen` whether the worker's progress bar appeared, and with `cancel`
/// clicks its Cancel button the moment it does, before the worker can answer.
async fn watch_progress(browser: &Browser, cancel: bool) {
    // The log before (the demo too) is done in the worker, so its marks are all set.
    browser.wait_until_settled().await;
    browser
        .eval(
            "window.seen = { progress: false, cancelled: false };
             // Every log goes through the worker, the demo too: count only from here.
             performance.clearMarks('scrollback:worker-parsed');
             performance.clearMarks('scrollback:worker-analysed');
             new MutationObserver(() => {
               // A big log's first screen: its rows, its speakers not coloured yet.
               const firstNick = document.querySelector('.app.first-screen .row .nick');
               const note = getComputedStyle(document.querySelector('.log-header .facts'), '::after').content;
               if (firstNick && note.includes('reading the rest') && getComputedStyle(document.querySelector('.format-choice')).display === 'none') {
                 window.seen.firstScreen = window.seen.firstScreen || performance.now();
                 window.seen.firstScreenNick = getComputedStyle(firstNick).color;
                 window.seen.plainColour = getComputedStyle(document.querySelector('.app')).color;
               }
               const bar = document.querySelector('.loading[data-stage=parsing]');
               if (!bar || !bar.querySelector('progress')) return;
               window.seen.progress = true;
               if (arguments[0] && !window.seen.cancelled) { window.seen.cancelled = true; bar.querySelector('button.cancel').click(); }
             }).observe(document.body, { childList: true, subtree: true, attributes: true });",
            vec![json!(cancel)],
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_big_log_is_parsed_in_the_worker_with_progress_and_other_encodings_too() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;

    watch_progress(&browser, false).await;
    let log = generated_meeting(150_000);
    assert!(log.len() > 8_000_000, "two slices of the worker's parse at least, so it reports progress");
    // A link past the first screen waits for the whole log.
    browser.eval("location.hash = '#L140000';", vec![]).await;
    browser.drop_file("worker.log", &log).await;
    browser.wait_for_text(".log-header .file-name", "worker.log").await;
    // The rows come first (a big log's first screen, then the whole log); the worker's threads
    // and agenda follow, and then the bar goes.
    let done = json!({ "analysed": 1, "parsed": 1, "loading": false });
    let analysed = browser
        .eventually(
            "return { analysed: performance.getEntriesByName('scrollback:worker-analysed').length, parsed: performance.getEntriesByName('scrollback:worker-parsed').length,
                      loading: !!document.querySelector('.loading') };",
            vec![],
            &done,
        )
        .await;
    assert_eq!(analysed, done, "the worker parsed it, the threads and agenda came from it, then the bar went");
    let seen = browser
        .eval(
            "await new Promise(resolve => setTimeout(resolve, 300));
             const at = name => performance.getEntriesByName('scrollback:' + name)[0]?.startTime ?? null;
             const nick = document.querySelector('#L140000 .nick');
             const row = nick ? document.getElementById('L140000').getBoundingClientRect() : { top: -1, bottom: -1 };
             return { seen: window.seen, parsed: at('worker-parsed'), lines: document.querySelector('.log-header .size').textContent,
                      nick: nick && getComputedStyle(nick).color, linked: row.top >= 0 && row.bottom <= innerHeight };",
            vec![],
        )
        .await;
    assert_eq!(seen["seen"]["progress"], true, "the progress bar was shown: {seen}");
    let shown_at = seen["seen"]["firstScreen"].as_f64().expect("its first lines showed while the rest was read");
    assert!(shown_at < seen["parsed"].as_f64().unwrap(), "they showed before the whole log came: {seen}");
    assert_eq!(seen["seen"]["firstScreenNick"], seen["seen"]["plainColour"], "no speaker's colour before the whole roster: {seen}");
    assert_ne!(seen["nick"], seen["seen"]["plainColour"], "the whole log's rows have their colours: {seen}");
    assert!(seen["lines"].as_str().unwrap().starts_with("150000 lines"), "the whole log's count: {seen}");
    assert_eq!(seen["linked"], true, "the link past the first screen landed once the whole log came: {seen}");
    assert!(browser.count(".row .reply-to").await > 0, "the rows show the worker's reply links");

    // A small windows-1252 file is decoded in the worker, which sends the decoded text back.
    browser
        .eval(
            "const bytes = new Uint8Array([...new TextEncoder().encode('[10:00] <alice> it'), 0x92, ...new TextEncoder().encode('s done\\n[10:01] <bob> ok\\n')]);
             const transfer = new DataTransfer();
             transfer.items.add(new File([bytes], 'latin.log', { type: 'text/plain' }));
             document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));",
            vec![],
        )
        .await;
    browser.wait_for_text(".log-header .file-name", "latin.log").await;
    let row = browser.wait_for("#L1 .text").await;
    assert_eq!(text(&row).await, "it\u{2019}s done");
    browser.wait_for(".log-header .warning").await;
    browser.close().await;
}

/// A big export shows its first screen before the rest of it is read: a Slack zip of 40,000
/// messages (over the worker's 4 MB slice, unpacked) shows its first rows under `.first-screen`,
/// then the whole export with every message counted.
#[tokio::test(flavor = "multi_thread")]
async fn a_big_export_shows_its_first_screen_before_the_rest_is_read() {
    let Some(dist) = dist_or_skip() else { return };
    const N_MESSAGES: usize = 40_000;
    let zip = exports::generated_bytes(exports::Export::Slack, N_MESSAGES);
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    watch_progress(&browser, false).await;
    browser.drop_bytes("slack-export.zip", &zip).await;
    browser.wait_for_text_containing(".log-header .size", &format!("{} messages", exports::n_spoken(N_MESSAGES))).await;
    let seen = browser
        .eval(
            "const at = name => performance.getEntriesByName('scrollback:' + name)[0]?.startTime ?? null;
             return { seen: window.seen, parsed: at('worker-parsed'), format: document.querySelector('.log-header .format-name').textContent };",
            vec![],
        )
        .await;
    let shown_at = seen["seen"]["firstScreen"].as_f64().unwrap_or_else(|| panic!("its first rows showed while the rest was read: {seen}"));
    assert!(shown_at < seen["parsed"].as_f64().unwrap(), "before the whole export came: {seen}");
    assert!(seen["format"].as_str().unwrap().contains(exports::Export::Slack.format_name()), "{seen}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_a_parse_keeps_the_previous_log_and_a_new_drop_replaces_a_running_one() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    browser.drop_file("meeting.txt", MIRAGE_LOG).await;
    browser.wait_for_text(".log-header .file-name", "meeting.txt").await;

    let big = generated_meeting(150_000);
    assert!(big.len() > 8_000_000, "two slices of the worker's parse at least, so there is time to cancel");
    watch_progress(&browser, true).await;
    browser.drop_file("big.log", &big).await;
    let state = browser
        .eval(
            "const started = performance.now();
             while (!window.seen.cancelled && performance.now() - started < 10000) await new Promise(resolve => setTimeout(resolve, 20));
             // Long enough for the worker to have answered, had it not been stopped.
             await new Promise(resolve => setTimeout(resolve, 2000));
             return { seen: window.seen, name: document.querySelector('.log-header .file-name').textContent,
                      loading: !!document.querySelector('.loading'), problem: !!document.querySelector('.problem'),
                      parsed: performance.getEntriesByName('scrollback:worker-parsed').length };",
            vec![],
        )
        .await;
    assert_eq!(state["seen"]["cancelled"], true, "Cancel was clicked: {state}");
    assert_eq!(state["name"], "meeting.txt", "the previous log is still shown: {state}");
    assert_eq!(state["loading"], false, "{state}");
    assert_eq!(state["problem"], false, "{state}");
    assert_eq!(state["parsed"], 0, "the worker was closed before it finished: {state}");
    assert_has_class(&browser.wait_for("#L7").await, "kind-message").await;

    // A file dropped while another is parsing wins, whichever would have finished first.
    browser.eval("window.seen.progress = false;", vec![]).await;
    browser.drop_file("first.log", &big).await;
    browser
        .eval(
            "const started = performance.now();
             while (!window.seen.progress && performance.now() - started < 10000) await new Promise(resolve => setTimeout(resolve, 5));",
            vec![],
        )
        .await;
    browser.drop_file("second.txt", MIRAGE_LOG).await;
    browser.wait_for_text(".log-header .file-name", "second.txt").await;
    let name = browser
        .eval("await new Promise(resolve => setTimeout(resolve, 2000)); return document.querySelector('.log-header .file-name').textContent;", vec![])
        .await;
    assert_eq!(name, "second.txt");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_log_opens_and_the_reader_can_read_it_as_another_format() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for("#L7.kind-message").await;

    browser.wait_for(".toolbar button.paste").await.click().await.expect("open the paste panel");
    browser
        .eval(
            "document.querySelector('#paste-area').value = '[10:00] <ann> hello\\n[10:01] <ben> hi ann\\n';
             document.querySelector('.paste-panel .button').click();",
            vec![],
        )
        .await;
    browser.wait_for_text(".log-header .file-name", "pasted text").await;
    assert_eq!(browser.count(".row").await, 2);
    assert_eq!(browser.text_of(".format-name").await, "Bracketed IRC log");

    // Read as plain text, then back to the detected format: the worker reads the text again.
    let choose = |format: &'static str| {
        browser.eval(
            "const menu = document.querySelector('.format-menu'); menu.value = arguments[0]; menu.dispatchEvent(new Event('change'));",
            vec![json!(format)],
        )
    };
    choose("plain-text").await;
    browser.wait_for_text(".format-name", "Plain text").await;
    assert_eq!(browser.count(".row.kind-message").await, 0, "read as plain text, no line is a message");
    assert_eq!(browser.count(".row.kind-raw").await, 2);
    assert_eq!(browser.text_of(".log-header .file-name").await, "pasted text", "the name stays");
    choose("").await;
    browser.wait_for_text(".format-name", "Bracketed IRC log").await;
    assert_eq!(browser.count(".row.kind-message").await, 2);
    browser.close().await;
}

/// The main app links no reader, decoder, thread model, agenda finder, compression code or demo
/// text (they are the worker's or the browser's), and is built for size: its wasm and glue are
/// ~199 KB gzipped, issue 19's 200 KB, and a reader linked back in (~480 KB), a compression crate
/// (+12 KB), the release build's panic formatting (+23 KB, `scripts/release-env.sh`) or
/// wasm-bindgen's long names (+7.7 KB, `scripts/short-wasm-names.py`) fails this.
#[test]
fn the_main_app_bundle_stays_without_the_parsers() {
    use std::io::Write;
    let Some(dist) = dist_or_skip() else { return };
    let gzipped = |path: &std::path::Path| {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&std::fs::read(path).expect("readable")).expect("gzip");
        gzip.finish().expect("gzip").len()
    };
    // The app's wasm and glue; then the JS its glue imports (`folder.js`, under dist/snippets/)
    // and the script that registers the service worker, fetched on a first visit too.
    let (mut app_bytes, mut beside_bytes) = (0, 0);
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dist).expect("readable dist/").map(|entry| entry.expect("dist/ entry").path()).collect();
    let mut folders = vec![dist.join("snippets")];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(&folder).into_iter().flatten().flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                folders.push(path);
            } else {
                paths.push(path);
            }
        }
    }
    for path in paths.into_iter().filter(|path| path.is_file()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let snippet = path.components().any(|part| part.as_os_str() == "snippets");
        if name.starts_with("scrollback-app") && (name.ends_with(".wasm") || name.ends_with(".js")) {
            app_bytes += gzipped(&path);
        } else if name == "offline.js" || snippet {
            beside_bytes += gzipped(&path);
        }
    }
    assert!(app_bytes > 100_000, "the app's wasm and JS are in dist/: {app_bytes} bytes");
    assert!(app_bytes <= 200_000, "the main app's wasm and glue are {app_bytes} bytes gzipped, over issue 19's 200 KB: did a reader or a compression crate get linked into it, or was dist/ built without scripts/build.sh?");
    // A ratchet for what the glue imports and the service worker's registration (~1 KB).
    assert!(beside_bytes < 1_500, "the app's snippets and offline.js are {beside_bytes} bytes gzipped");
}

/// `?format=` reads every log in that format: the demo (read while the page opens), a log from
/// `?src=`, and the next file dropped. (That nothing is read before a `?src=` log comes is
/// tested on the reducer, tests/state.rs.)
#[tokio::test(flavor = "multi_thread")]
async fn a_format_in_the_address_reads_every_log_in_it() {
    let Some(dist) = dist_or_skip() else { return };
    let log = generated_meeting(50);
    let site = support::browser::site_with(&dist, "", &[("meeting-log.txt", log.as_bytes())]);
    let browser = Browser::start(&site).await;

    browser.goto("/index.html?format=plain-text").await;
    browser.wait_for_text(".log-header .file-name", scrollback::demo::DEMO_FILE_NAME).await;
    browser.wait_for_text(".log-header .format-name", "Plain text").await;
    assert_eq!(browser.count(".row.kind-message").await, 0, "no line is a message in plain text");

    browser.goto("/index.html?src=meeting-log.txt&format=plain-text").await;
    browser.wait_for_text(".log-header .file-name", "meeting-log.txt").await;
    browser.wait_for_text(".log-header .format-name", "Plain text").await;
    browser.wait_until_settled().await;
    assert_eq!(browser.count(".problem").await, 0, "no message stays");

    browser.drop_file("next.log", "[10:00] <ann> hello\n").await;
    browser.wait_for_text(".log-header .file-name", "next.log").await;
    assert_eq!(browser.text_of(".log-header .format-name").await, "Plain text");
    browser.close().await;
}

/// The page tells letters beyond ASCII by the browser's Unicode properties (`text`, installed
/// when the app starts): a nick in another script is a mention beside punctuation of another
/// script, and letters of any script are one word with it. Without the browser's test
/// installed, `«jürgen»` would read as one word and name nobody.
#[tokio::test(flavor = "multi_thread")]
async fn a_nick_beyond_ascii_is_a_mention_beside_any_punctuation() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    browser.drop_file("letters.log", "[10:00] <jürgen> hallo\n[10:01] <bob> «jürgen» und jürgenx\n").await;
    browser.wait_for_text(".log-header .file-name", "letters.log").await;
    assert_eq!(browser.count("#L2 .mention").await, 1, "«jürgen» is a mention, jürgenx is not");
    assert_eq!(browser.text_of("#L2 .mention").await, "jürgen");
    browser.close().await;
}
