//! End-to-end reading: search and stepping through matches, `from:` and legend filters that keep
//! permalinks working, condensed joins that open on click, and the search key. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::browser::{dist_or_skip, Browser};

/// A support-channel log: alice and bob talk about opam, with runs of joins and quits.
fn channel_log() -> String {
    let mut lines = Vec::new();
    for hour in 10..13 {
        lines.push("=== carol [~c@host] has joined #mirage".to_owned());
        lines.push("=== dave [~d@host] has joined #mirage".to_owned());
        lines.push("=== erin [~e@host] has quit [Ping timeout]".to_owned());
        for minute in 0..10 {
            let (nick, text) = match minute % 3 {
                0 => ("alice", format!("has anyone tried opam {minute} yet?")),
                1 => ("bob", format!("alice: yes, OPAM works at {hour}:{minute:02}")),
                _ => ("carol", "thanks both".to_owned()),
            };
            lines.push(format!("[{hour}:{minute:02}] <{nick}> {text}"));
        }
    }
    lines.join("\n") + "\n"
}

async fn wait_for_hash(browser: &Browser, expected: &str) {
    let hash = browser.eventually("return location.hash;", vec![], &json!(expected)).await;
    assert_eq!(hash, json!(expected), "the hash");
}

/// The ids of the rows in the DOM with a nick, and those nicks.
async fn nicks_shown(browser: &Browser) -> Vec<Value> {
    let rows = browser.eval("return [...document.querySelectorAll('section.log .row .nick')].map(nick => nick.textContent);", vec![]).await;
    rows.as_array().cloned().unwrap_or_default()
}

async fn key_in_search(browser: &Browser, key: &str, shift: bool) {
    browser
        .eval(
            "document.getElementById('search-input').dispatchEvent(new KeyboardEvent('keydown', { key: arguments[0], shiftKey: arguments[1], bubbles: true }));",
            vec![json!(key), json!(shift)],
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_filters_condensed_joins_and_keys() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    let log = channel_log();
    browser.drop_file("channel.log", &log).await;
    browser.wait_for_text(".log-header .file-name", "channel.log").await;

    // Lines that mention opam, 1-based: every alice and bob line.
    let opam_lines: Vec<usize> = log.lines().enumerate().filter(|(_, line)| line.to_lowercase().contains("opam")).map(|(index, _)| index + 1).collect();
    assert_eq!(opam_lines.len(), 21);

    // `/` focuses the search box.
    browser.eval("document.activeElement.blur(); document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));", vec![]).await;
    assert_eq!(browser.eval("return document.activeElement.id;", vec![]).await, json!("search-input"));
    browser.wait_for("#search-input").await.send_keys("OPAM").await.expect("type into the search box");
    browser.wait_for_text(".search-count", "21 lines").await;
    assert!(browser.count("mark.found").await >= 10, "matches are marked in the rows shown");
    assert_eq!(browser.text_of(&format!("#L{} mark.found", opam_lines[0])).await.to_lowercase(), "opam");

    key_in_search(&browser, "Enter", false).await;
    wait_for_hash(&browser, &format!("#L{}", opam_lines[0])).await;
    browser.wait_for_text(".search-count", "1 of 21 lines").await;
    key_in_search(&browser, "Enter", false).await;
    wait_for_hash(&browser, &format!("#L{}", opam_lines[1])).await;
    key_in_search(&browser, "Enter", true).await;
    wait_for_hash(&browser, &format!("#L{}", opam_lines[0])).await;
    // `n` and `N` outside the box.
    browser.eval("document.activeElement.blur(); document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'N', bubbles: true }));", vec![]).await;
    wait_for_hash(&browser, &format!("#L{}", opam_lines[20])).await;
    browser.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));", vec![]).await;
    wait_for_hash(&browser, &format!("#L{}", opam_lines[0])).await;

    // `from:` hides the others, and keeps numbers and anchors. (The linked line would show through.)
    browser.eval("history.replaceState(null, '', location.pathname); window.dispatchEvent(new HashChangeEvent('hashchange'));", vec![]).await;
    browser.eval("const input = document.getElementById('search-input'); input.value = ''; input.dispatchEvent(new InputEvent('input', { bubbles: true }));", vec![]).await;
    browser.wait_for("#search-input").await.send_keys("from:bob").await.expect("type a filter");
    browser.wait_for(".filter-count").await;
    let shown = nicks_shown(&browser).await;
    assert!(!shown.is_empty() && shown.iter().all(|nick| nick == "bob"), "only bob's lines: {shown:?}");
    let bob_line = log.lines().position(|line| line.contains("<bob>")).expect("bob speaks") + 1;
    browser.wait_for(&format!("#L{bob_line}")).await;
    // A link to a line the filter hides still shows that line.
    let alice_line = log.lines().position(|line| line.contains("<alice>")).expect("alice speaks") + 1;
    browser.eval("location.hash = arguments[0];", vec![json!(format!("#L{alice_line}"))]).await;
    browser.wait_for(&format!("#L{alice_line}[aria-current=location]")).await;

    // The legend filters too, and a second click stops it.
    browser.wait_for(".filter-count").await;
    let alice_button = browser.wait_for("li.speaker button[aria-label=\"Show only alice's lines\"]").await;
    alice_button.click().await.expect("click alice in the legend");
    browser.wait_for("li.speaker button[aria-pressed=true]").await;
    assert_eq!(browser.eval("return document.getElementById('search-input').value;", vec![]).await, json!("from:alice"));
    let shown = nicks_shown(&browser).await;
    assert!(shown.iter().all(|nick| nick == "alice"), "only alice's lines: {shown:?}");
    browser.wait_for("li.speaker button[aria-pressed=true]").await.click().await.expect("click alice again");
    let filters = browser.eventually("return document.querySelectorAll('.filter-count').length;", vec![], &json!(0)).await;
    assert_eq!(filters, json!(0), "the filter is gone");

    // Joins and quits: one muted row per run, opened by a click into lines with their anchors.
    let run = browser.wait_for(".row.joins[data-lines=\"1-3\"]").await;
    let summary = run.text().await.expect("run text");
    assert!(summary.starts_with("1–3") && summary.ends_with("2 joined, 1 left"), "{summary:?}");
    assert_eq!(browser.count("#L2").await, 0, "condensed lines have no row of their own");
    browser.wait_for(".row.joins[data-lines=\"1-3\"] .joins-toggle").await.click().await.expect("open the run");
    browser.wait_for("#L2.kind-system").await;
    assert_eq!(browser.count(".row.joins[data-lines=\"1-3\"]").await, 0);
    // Condensing can be switched off for the whole log.
    browser.wait_for(".condense input").await.click().await.expect("switch condensing off");
    browser.wait_for("#L14.kind-system").await;
    assert_eq!(browser.count(".row.joins").await, 0);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_timeline_jumps_and_the_page_reads_in_light_dark_and_at_360_px() {
    let Some(dist) = dist_or_skip() else { return };
    // Where a click at 75% of the demo's timeline must land, from the same bucketing.
    let demo = scrollback::state::OpenLog::demo();
    let activity = demo.activity.as_ref().expect("the demo has times");
    let bucket = (0.75 * activity.buckets.len() as f64) as usize;
    let expected = format!("#L{}", activity.buckets[bucket].first_line + 1);

    let browser = Browser::start(&dist).await;
    browser.goto("/index.html?theme=light").await;
    browser.wait_for(".row").await;
    let n_paths = browser.count(".timeline svg path").await;
    assert!((2..=scrollback::activity::TOP_SPEAKERS + 1).contains(&n_paths), "one path per speaker shown: {n_paths}");
    // Closed, the overview is a slim strip; its toggle opens the speaker bars.
    assert_eq!(browser.count(".speakers-chart").await, 0, "the speaker bars wait for the toggle");
    browser.wait_for(".overview-toggle").await.click().await.expect("open the overview");
    browser.wait_for(".speakers-chart svg rect").await;
    assert_eq!(browser.count(".speakers-chart svg rect").await, demo.speakers.len().min(12));
    assert_eq!(browser.count(".timeline svg rect.band").await, demo.agenda.sections.len(), "the agenda's sections are bands on the timeline");
    browser
        .eval(
            "const svg = document.querySelector('.timeline svg');
             const rect = svg.getBoundingClientRect();
             const x = rect.left + rect.width * (arguments[0] + 0.5) / arguments[1];
             svg.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: rect.top + 5, bubbles: true }));",
            vec![json!(bucket), json!(activity.buckets.len())],
        )
        .await;
    wait_for_hash(&browser, &expected).await;
    browser.wait_for(&format!("{expected}[aria-current=location]")).await;
    browser.screenshot("reading-light").await;

    browser.goto("/index.html?theme=dark").await;
    browser.wait_for(".row").await;
    let background = browser.eval("return getComputedStyle(document.body).backgroundColor;", vec![]).await;
    assert_ne!(background, json!("rgb(255, 255, 255)"), "the dark theme is dark");
    browser.screenshot("reading-dark").await;

    browser.client.set_window_size(360, 740).await.expect("a phone-sized window");
    browser.goto("/index.html?theme=light").await;
    browser.wait_for(".row").await;
    let overflow = browser.eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![]).await;
    assert_eq!(overflow, json!(0), "nothing is wider than a 360 px screen");
    let text_width = browser.eval("return document.querySelector('.row.kind-message .text').getBoundingClientRect().width;", vec![]).await;
    assert!(text_width.as_f64().unwrap_or(0.0) > 200.0, "message text gets most of the width: {text_width}");
    browser.screenshot("reading-360").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_control_is_named_the_page_has_landmarks_and_muted_text_keeps_aa_contrast() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    for theme in ["light", "dark"] {
        browser.goto(&format!("/index.html?theme={theme}#L40")).await;
        browser.wait_for("#L40").await;
        let unnamed = browser
            .eval(
                "const named = (el) => (el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent || '').trim()
                     || [...(el.labels || [])].some(label => label.textContent.trim());
                 return [...document.querySelectorAll('button, input, select, textarea, a[href], summary')]
                     .filter(el => !named(el)).map(el => el.outerHTML.slice(0, 80));",
                vec![],
            )
            .await;
        assert_eq!(unnamed, json!([]), "every control has a name ({theme})");
        let landmarks = browser
            .eval("return ['main', 'nav', 'aside', 'header', 'section[aria-label]', '[role=search]'].filter(css => !document.querySelector(css));", vec![])
            .await;
        assert_eq!(landmarks, json!([]), "the landmarks exist ({theme})");
        // WCAG relative luminance, from the computed colours.
        let contrast = browser
            .eval(
                "const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
                 const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                 const fg = lum(rgb(getComputedStyle(document.querySelector('.search-count, .muted, .time')).color));
                 const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
                 return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);",
                vec![],
            )
            .await;
        assert!(contrast.as_f64().unwrap_or(0.0) >= 4.5, "muted text keeps 4.5:1 in {theme}: {contrast}");
        let focus = browser.eval("const b = document.querySelector('.toolbar button.paste'); b.focus(); return document.activeElement === b ? getComputedStyle(b).outlineStyle : 'not focused';", vec![]).await;
        assert_eq!(focus, json!("solid"), "focus is visible ({theme})");
    }
    browser.close().await;
}

/// Letters beyond ASCII are found whatever their case: the page lower-cases them with the
/// browser's mapping, which `app::start` installs (without it only ASCII letters would fold).
#[tokio::test(flavor = "multi_thread")]
async fn search_folds_letters_beyond_ascii() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    let said = ["Überall neue Pakete", "ich bin dafür", "das ist ÜBER alles", "plain words", "über den Release", "Ωmega ΣΑΣ"];
    let log: String = said.iter().enumerate().map(|(index, text)| format!("[10:{index:02}] <jürgen> {text}\n")).collect();
    browser.drop_file("umlaut.log", &log).await;
    browser.wait_for_text(".log-header .file-name", "umlaut.log").await;
    browser.wait_for("#search-input").await.send_keys("ÜBER").await.expect("type into the search box");
    browser.wait_for_text(".search-count", "3 lines").await;
    let marked = browser.eventually("return [...document.querySelectorAll('mark.found')].map(mark => mark.textContent).join(',');", vec![], &json!("Über,ÜBER,über")).await;
    assert_eq!(marked, json!("Über,ÜBER,über"), "each match marked as written");
    browser.close().await;
}
