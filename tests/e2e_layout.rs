//! End-to-end layout: the log owns the first screen on a laptop, a desktop, a phone and in an
//! embed, and a `#L<n>` link lands on its row with its section's title above it, at every size;
//! a first visit paints the demo's first screen from the HTML alone, before the app runs.
//! Skipped unless `dist/` is built; MirageOS calls come from `../shared` beside the demo.
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "support/shared.rs"]
mod shared;

use serde_json::{json, Value};
use support::browser::{dist_or_skip, site_with, Browser};

/// A screen the viewer is read on, and the messages its first screen must show at least.
struct Screen {
    name: &'static str,
    width: u32,
    height: u32,
    embedded: bool,
    least_messages: u64,
}

const SCREENS: [Screen; 4] = [
    Screen { name: "laptop-1366x768", width: 1366, height: 768, embedded: false, least_messages: 12 },
    Screen { name: "desktop-1920x1080", width: 1920, height: 1080, embedded: false, least_messages: 20 },
    Screen { name: "phone-390x844", width: 390, height: 844, embedded: false, least_messages: 8 },
    Screen { name: "embed-700x480", width: 700, height: 480, embedded: true, least_messages: 6 },
];

/// MirageOS calls of `../shared/corpus/mirage-canopy` measured beside the demo.
const CALLS: [&str; 3] = ["15-06-2016", "02-11-2016", "05-07-2017"];

/// How many messages the first screen shows (the script says how it counts).
const COUNT_VISIBLE_MESSAGES: &str = include_str!("support/visible-messages.js");

/// A page of a project's site that shows the viewer in a fixed 700×480 frame, as most sites do
/// (no script to grow the frame).
fn host_page(src: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8><title>Our call</title>\
         <style>body{{margin:0}} iframe{{width:700px;height:480px;border:0;display:block}}</style></head>\
         <body><iframe id=scrollback title='Meeting log' src='viewer/index.html?embed=1&amp;src={src}'></iframe></body></html>"
    )
}

/// Opens `src` (or the demo, for `None`) on `screen` and returns how many messages its first
/// screen shows, after saving a screenshot as `layout-<name>-<screen>`.
async fn first_screen_messages(browser: &Browser, src: Option<&str>, name: &str, screen: &Screen) -> u64 {
    // The window's outer size; headless Chromium has no browser frame, so it is the viewport.
    browser.client.set_window_size(screen.width, screen.height).await.expect("resize the window");
    let query = src.map(|src| format!("?src={src}")).unwrap_or_default();
    if screen.embedded {
        browser.client.set_window_size(screen.width.max(800), screen.height.max(600)).await.expect("resize the window");
        browser.goto(&format!("/host-{name}.html")).await;
        browser.wait_for("iframe#scrollback").await;
        browser.client.enter_frame(0).await.expect("into the iframe");
    } else {
        browser.goto(&format!("/viewer/index.html{query}")).await;
    }
    browser.wait_for(".row.kind-message").await;
    browser.wait_until_settled().await;
    // The agenda's section headers arrive with the analyses; let a frame lay them out.
    browser.eventually("return document.querySelectorAll('.section-header').length > 0;", vec![], &json!(true)).await;
    browser.eval("await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 100)));", vec![]).await;
    let viewport = browser.eval("return [window.innerWidth, window.innerHeight];", vec![]).await;
    let n = browser.eval(COUNT_VISIBLE_MESSAGES, vec![]).await.as_u64().unwrap_or(0);
    // How far the page is wider than the screen, and the elements that stick out, to name them.
    let overflow = browser
        .eval(
            "const width = document.documentElement.clientWidth;
             const over = document.documentElement.scrollWidth - width;
             const out = over <= 0 ? [] : [...document.querySelectorAll('body *')]
                 .filter(element => element.getBoundingClientRect().right > width + 0.5)
                 .map(element => element.tagName + '.' + element.className).slice(0, 5);
             return { over, out };",
            vec![],
        )
        .await;
    if screen.embedded {
        browser.client.enter_parent_frame().await.expect("back to the host page");
    }
    let shot = browser.screenshot(&format!("layout-{name}-{}", screen.name)).await;
    eprintln!("{name} at {} (viewport {viewport}): {n} messages on the first screen; screenshot {}", screen.name, shot.display());
    assert_eq!(overflow["over"], json!(0), "{name} at {}: nothing is wider than the screen: {overflow}", screen.name);
    n
}

#[tokio::test(flavor = "multi_thread")]
async fn the_log_owns_the_first_screen_at_every_size() {
    let Some(dist) = dist_or_skip() else { return };
    let mut logs: Vec<(String, Option<String>)> = vec![("demo".to_owned(), None)];
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(dir) = shared::shared("corpus/mirage-canopy") {
        // Calls from the first summer, the autumn and the last year of the corpus; with
        // SCROLLBACK_LAYOUT_CALLS=all every call (seven minutes: for the figures, not for CI),
        // or the calls named, comma-separated.
        let days: Vec<String> = match std::env::var("SCROLLBACK_LAYOUT_CALLS").as_deref() {
            Ok("all") => shared::files_under(&dir)
                .iter()
                .filter(|path| path.parent() == Some(dir.as_path()) && path.extension().is_none())
                .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
                .collect(),
            Ok(named) => named.split(',').map(str::to_owned).collect(),
            Err(_) => CALLS.iter().map(|day| day.to_string()).collect(),
        };
        for day in &days {
            let call = std::fs::read(dir.join(day)).unwrap_or_else(|e| panic!("the call of {day}: {e}"));
            files.push((format!("logs/{day}"), call));
            logs.push((format!("mirage-{day}"), Some(format!("../logs/{day}"))));
        }
    }
    for (name, src) in &logs {
        files.push((format!("host-{name}.html"), host_page(src.as_deref().unwrap_or("")).into_bytes()));
    }
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(path, bytes)| (path.as_str(), bytes.as_slice())).collect();
    let site = site_with(&dist, "viewer", &borrowed);
    let browser = Browser::start(&site).await;
    let mut failures = Vec::new();
    for (name, src) in &logs {
        for screen in &SCREENS {
            if screen.embedded && src.is_none() {
                // An embed always names its log; the demo is not embedded.
                continue;
            }
            let n = first_screen_messages(&browser, src.as_deref(), name, screen).await;
            if n < screen.least_messages {
                failures.push(format!("{name} at {}: {n} messages on the first screen, want at least {}", screen.name, screen.least_messages));
            }
        }
    }
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A link to a line in the middle of a section lands on the row, with the section's title
/// visible above it (the sticky menu or the section's own header), at every size: on the demo
/// and, with `../shared`, a MirageOS call.
#[tokio::test(flavor = "multi_thread")]
async fn a_line_link_lands_under_its_section_title_at_every_size() {
    let Some(dist) = dist_or_skip() else { return };
    let mut logs: Vec<(String, Vec<u8>)> = vec![("demo".to_owned(), scrollback::demo::DEMO_LOG.as_bytes().to_vec())];
    if let Some(dir) = shared::shared("corpus/mirage-canopy") {
        logs.push((CALLS[0].to_owned(), std::fs::read(dir.join(CALLS[0])).expect("a corpus call")));
    }
    // The middle of the third section (or the last): its header is far above the screen's top.
    let links: Vec<(String, usize, String)> = logs
        .iter()
        .map(|(name, bytes)| {
            let agenda = scrollback::agenda::analyse(&scrollback::parse::parse(bytes, None));
            let section = agenda.sections.get(2).or(agenda.sections.last()).unwrap_or_else(|| panic!("{name} has an agenda"));
            (name.clone(), (section.first + section.last) / 2 + 1, section.title.clone())
        })
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = logs.iter().map(|(name, bytes)| (format!("logs/{name}.txt"), bytes.clone())).collect();
    for (name, line, _) in &links {
        files.push((format!("host-link-{name}.html"), host_page(&format!("../logs/{name}.txt#L{line}")).into_bytes()));
    }
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(path, bytes)| (path.as_str(), bytes.as_slice())).collect();
    let site = site_with(&dist, "viewer", &borrowed);
    let browser = Browser::start(&site).await;
    for (name, line, title) in &links {
        for screen in &SCREENS {
            browser.client.set_window_size(screen.width, screen.height).await.expect("resize the window");
            if screen.embedded {
                browser.goto(&format!("/host-link-{name}.html")).await;
                browser.wait_for("iframe#scrollback").await;
                browser.client.enter_frame(0).await.expect("into the iframe");
            } else {
                // A query of its own per screen: the same address with a `#` would not load the page again.
                browser.goto(&format!("/viewer/index.html?src=../logs/{name}.txt&screen={}#L{line}", screen.name)).await;
            }
            browser.wait_until_settled().await;
            let rows = browser.eventually("return !!document.getElementById('L' + arguments[0]);", vec![json!(line)], &json!(true)).await;
            if rows != json!(true) {
                let seen = browser.eval("return [location.href, window.scrollY, document.documentElement.scrollHeight, innerHeight, document.querySelector('.log').getBoundingClientRect().top, [...document.querySelectorAll('.log > *')].map(b => (b.dataset.block || b.className) + ':' + Math.round(b.getBoundingClientRect().top) + '+' + Math.round(b.getBoundingClientRect().height))];", vec![]).await;
                panic!("{name}: no row #L{line} at {}: {seen}", screen.name);
            }
            let seen = browser
                .eventually(
                    "const [line, title] = arguments;
                     const row = document.getElementById('L' + line);
                     if (!row) return 'no row';
                     const box = row.getBoundingClientRect();
                     if (box.top < 0 || box.bottom > window.innerHeight) return 'row off screen: ' + box.top + ' at scroll ' + window.scrollY + ' of ' + document.documentElement.scrollHeight
                         + ': ' + [...document.querySelectorAll('.log > *')].map(b => (b.dataset.block || b.className) + ':' + Math.round(b.getBoundingClientRect().top) + '+' + Math.round(b.getBoundingClientRect().height)).join(' ');
                     const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
                     if (!hit || !row.contains(hit)) return 'row covered';
                     const titles = [...document.querySelectorAll('.section-title, .current-section')].filter(element => {
                         const at = element.getBoundingClientRect();
                         if (at.height === 0 || at.top < 0 || at.bottom > box.top + 1) return false;
                         const top = document.elementFromPoint(Math.min(at.left + 4, window.innerWidth - 1), (at.top + at.bottom) / 2);
                         const shown = element.tagName === 'SELECT' ? (element.selectedOptions[0] || {}).textContent || '' : element.textContent;
                         return top !== null && (element.contains(top) || top.contains(element)) && shown.includes(title);
                     });
                     const menu = document.querySelector('.current-section');
                     return titles.length > 0 ? 'ok' : 'no title above the row; the menu says ' + (menu && menu.selectedOptions[0] ? menu.selectedOptions[0].textContent : 'nothing');",
                    vec![json!(line), json!(title)],
                    &json!("ok"),
                )
                .await;
            if screen.embedded {
                browser.client.enter_parent_frame().await.expect("back to the host page");
            }
            browser.screenshot(&format!("layout-link-{name}-{}", screen.name)).await;
            assert_eq!(seen, Value::from("ok"), "{name}: #L{line} in section {title:?} at {}", screen.name);
        }
    }
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}

/// What the compact layout tucks away is one tap from the screen: on a phone the agenda and
/// speakers drawer (a section link closes it and lands there), the search, the chart and the page
/// header's fields; in the embed the search and the section menu.
#[tokio::test(flavor = "multi_thread")]
async fn what_is_tucked_away_is_one_tap_from_the_screen() {
    let Some(dist) = dist_or_skip() else { return };
    let log = scrollback::demo::DEMO_LOG;
    let agenda = scrollback::agenda::analyse(&scrollback::parse::parse(log.as_bytes(), None));
    let last = agenda.sections.last().expect("the demo has an agenda");
    let site = site_with(&dist, "viewer", &[("logs/demo.txt", log.as_bytes()), ("host-demo.html", host_page("../logs/demo.txt").as_bytes())]);
    let browser = Browser::start(&site).await;
    let visible = "const element = document.querySelector(arguments[0]);
                   if (!element) return false;
                   const box = element.getBoundingClientRect();
                   const hit = document.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + box.height / 2);
                   return box.width > 0 && box.height > 0 && hit !== null && (element.contains(hit) || hit.contains(element));";

    browser.client.set_window_size(390, 844).await.expect("a phone-sized window");
    browser.goto("/viewer/index.html?src=../logs/demo.txt").await;
    browser.wait_for(".row.kind-message").await;
    browser.wait_until_settled().await;
    assert_eq!(browser.eval(visible, vec![json!(".contents")]).await, json!(false), "the drawer starts closed");
    browser.wait_for(".toolbar .panel-toggle").await.click().await.expect("open the drawer");
    assert_eq!(browser.eventually(visible, vec![json!(".contents")], &json!(true)).await, json!(true), "the drawer shows the agenda");
    assert_eq!(browser.eval(visible, vec![json!(".legend")]).await, json!(true), "and the speakers");
    let focus = "return document.activeElement ? document.activeElement.className : '';";
    let focused = browser.eventually(focus, vec![], &json!("button close-panel")).await;
    assert!(focused.as_str().unwrap_or("").contains("close-panel"), "the focus goes into the drawer, not {focused}");
    // Escape closes it and gives the focus back to the button that opened it.
    browser.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));", vec![]).await;
    assert_eq!(browser.eventually(visible, vec![json!(".contents")], &json!(false)).await, json!(false), "Escape closes the drawer");
    assert!(browser.eventually(focus, vec![], &json!("button panel-toggle")).await.as_str().unwrap_or("").contains("panel-toggle"), "and the focus is back on its button");
    browser.wait_for(".toolbar .panel-toggle").await.click().await.expect("open the drawer again");
    assert_eq!(browser.eventually(visible, vec![json!(".contents")], &json!(true)).await, json!(true), "the drawer opens again");
    browser.screenshot("layout-phone-drawer").await;
    let link = format!(".contents a[href='#L{}']", last.first + 1);
    browser.wait_for(&link).await.click().await.expect("choose the last section");
    assert_eq!(browser.eventually(visible, vec![json!(".contents")], &json!(false)).await, json!(false), "choosing a section closes the drawer");
    let row = format!("#L{}", last.first + 1);
    assert_eq!(browser.eventually(visible, vec![json!(row)], &json!(true)).await, json!(true), "and lands on its first line");
    let shown = browser.eventually("return document.querySelector('.current-section').selectedOptions[0].textContent.includes(arguments[0]);", vec![json!(last.title)], &json!(true)).await;
    assert_eq!(shown, json!(true), "the sticky bar names the section");

    // Back to the top, at once (the page scrolls smoothly, which a WebDriver click does not wait for).
    browser.eval("window.scrollTo({ top: 0, behavior: 'instant' });", vec![]).await;
    assert_eq!(browser.eval(visible, vec![json!("#search-input")]).await, json!(false), "the search waits behind its icon");
    browser.wait_for(".controls .search-toggle").await.click().await.expect("open the search");
    assert_eq!(browser.eventually(visible, vec![json!("#search-input")], &json!(true)).await, json!(true), "one tap opens it");
    browser.wait_for(".controls .search-toggle").await.click().await.expect("close the search");
    assert_eq!(browser.eventually(visible, vec![json!("#search-input")], &json!(false)).await, json!(false), "a second tap closes it");
    browser.wait_for(".controls .search-toggle").await.click().await.expect("open the search again");
    assert_eq!(browser.eventually(visible, vec![json!("#search-input")], &json!(true)).await, json!(true), "and a third opens it again");
    browser.wait_for(".overview-toggle").await.click().await.expect("open the chart");
    browser.wait_for(".speakers-chart svg rect").await;
    browser.wait_for(".about > summary").await.click().await.expect("open the page's fields");
    assert_eq!(browser.eventually(visible, vec![json!(".about .meta")], &json!(true)).await, json!(true), "the page's fields are one tap away");

    browser.client.set_window_size(800, 600).await.expect("a window for the host page");
    browser.goto("/host-demo.html").await;
    browser.wait_for("iframe#scrollback").await;
    browser.client.enter_frame(0).await.expect("into the iframe");
    browser.wait_for(".row.kind-message").await;
    browser.wait_until_settled().await;
    assert_eq!(browser.eval(visible, vec![json!(".embed-bar .current-section")]).await, json!(true), "the embed's bar has the section menu");
    assert_eq!(browser.eval(visible, vec![json!("#search-input")]).await, json!(false), "the embed's search waits behind its icon");
    // The `/` key opens it and puts the cursor in it.
    browser.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));", vec![]).await;
    let focused = browser.eventually("return document.activeElement && document.activeElement.id;", vec![], &json!("search-input")).await;
    assert_eq!(focused, json!("search-input"), "`/` opens the search and focuses it");
    browser
        .eval(
            "const menu = document.querySelector('.embed-bar .current-section');
             menu.value = String(arguments[0]); menu.dispatchEvent(new Event('change'));",
            vec![json!(agenda.sections.len() - 1)],
        )
        .await;
    assert_eq!(browser.eventually("return location.hash;", vec![], &json!(format!("#L{}", last.first + 1))).await, json!(format!("#L{}", last.first + 1)), "the menu jumps");
    // A link back into the first section: the menu follows, it names the first section again.
    let first = &agenda.sections[0];
    browser.eval("location.hash = arguments[0];", vec![json!(format!("#L{}", (first.first + first.last) / 2 + 1))]).await;
    let first_title = &first.title;
    let follows = browser
        .eventually("return document.querySelector('.embed-bar .current-section').selectedOptions[0].textContent.includes(arguments[0]);", vec![json!(first_title)], &json!(true))
        .await;
    assert_eq!(follows, json!(true), "after a pick, the menu still follows the reading");
    browser.client.enter_parent_frame().await.expect("back to the host page");
    browser.screenshot("layout-embed-search").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}

/// Set before the page's own scripts: what the first frame painted after the whole HTML was
/// parsed holds (the app's module script, with its top-level await, may run before the
/// `DOMContentLoaded` event), and, when the prerendered demo goes, the app's own message rows then.
const WATCH_PRERENDER: &str = r#"
window.prerender = null;
const messages = root => [...root.querySelectorAll('.row.kind-message')].map(row => row.textContent);
const look = () => {
  if (document.querySelector('script[src="offline.js"]') === null) { requestAnimationFrame(look); return; }
  const prerendered = document.getElementById('prerendered');
  window.prerender = {
    rows: prerendered ? messages(prerendered) : [],
    ids_inside: prerendered ? prerendered.querySelectorAll('[id]').length : 0,
    theme: document.documentElement.getAttribute('data-theme'),
    app_rows_when_gone: null,
  };
  if (prerendered) {
    new MutationObserver((_, observer) => {
      if (prerendered.isConnected) return;
      observer.disconnect();
      window.prerender.app_rows_when_gone = messages(document.querySelector('main.app'));
    }).observe(document.body, { childList: true });
  }
};
requestAnimationFrame(look);
"#;

/// The app's own script gets no further than a broken wasm file: the reader sees what the HTML
/// alone paints. The demo's first screen is there, as full as the app's own (the figures of
/// `the_log_owns_the_first_screen_at_every_size`), on a laptop, a desktop and a phone.
#[tokio::test(flavor = "multi_thread")]
async fn the_demo_s_first_screen_is_painted_from_the_html_alone() {
    let Some(dist) = dist_or_skip() else { return };
    let site = site_with(&dist, "", &[]);
    let app_wasm = std::fs::read_dir(&site)
        .expect("the site")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .find(|path| path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.starts_with("scrollback-app") && name.ends_with(".wasm")))
        .expect("dist/ has the app's wasm");
    std::fs::remove_file(&app_wasm).expect("unlink the app's wasm");
    std::fs::write(&app_wasm, b"not wasm").expect("write a broken wasm");
    let browser = Browser::start(&site).await;
    let mut failures = Vec::new();
    for screen in SCREENS.iter().filter(|screen| !screen.embedded) {
        browser.client.set_window_size(screen.width, screen.height).await.expect("resize the window");
        browser.navigate("/index.html").await;
        browser.wait_for("#prerendered .row.kind-message").await;
        browser.eval("await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 100)));", vec![]).await;
        // Inert content is not hit by `elementFromPoint`, which the count asks what is on top.
        browser.eval("document.getElementById('prerendered').inert = false;", vec![]).await;
        let n = browser.eval(COUNT_VISIBLE_MESSAGES, vec![]).await.as_u64().unwrap_or(0);
        let app_rows = browser.count("main.app:not(#prerendered main) .row").await;
        let shot = browser.screenshot(&format!("prerendered-{}", screen.name)).await;
        eprintln!("prerendered demo at {}: {n} messages on the first screen; screenshot {}", screen.name, shot.display());
        assert_eq!(app_rows, 0, "the app did not start: every row on the page is the prerender's");
        if n < screen.least_messages {
            failures.push(format!("{}: {n} prerendered messages on the first screen, want at least {}", screen.name, screen.least_messages));
        }
    }
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// What `WATCH_PRERENDER` saw of the page last opened.
async fn prerender_seen(browser: &Browser) -> Value {
    browser.eventually("return window.prerender !== null;", vec![], &json!(true)).await;
    browser.eval("return window.prerender;", vec![]).await
}

/// A plain visit paints the prerendered demo from the HTML, then the app's own rows take its
/// place in one step; a visit that opens anything else (a `?src=` log, a line link, an embed, a
/// kept log) never paints it, and a remembered theme is applied before the first paint.
#[tokio::test(flavor = "multi_thread")]
async fn the_prerendered_demo_gives_way_to_the_app_and_only_shows_on_a_plain_visit() {
    let Some(dist) = dist_or_skip() else { return };
    let log = "29-06-2016 15:12 alice Mirage 3! Over to bob\n29-06-2016 15:13 bob thanks alice\n";
    let site = site_with(&dist, "", &[("meeting.txt", log.as_bytes())]);
    let browser = Browser::start(&site).await;
    browser.run_before_each_page(WATCH_PRERENDER).await;

    browser.goto("/index.html").await;
    let plain = prerender_seen(&browser).await;
    let rows = plain["rows"].as_array().unwrap_or_else(|| panic!("rows: {plain}")).clone();
    assert!(rows.len() >= 20, "a plain visit paints the demo's rows from the HTML: {plain}");
    assert_eq!(plain["ids_inside"], json!(0), "the prerender repeats none of the app's ids");
    let app_rows = plain["app_rows_when_gone"].as_array().unwrap_or_else(|| panic!("the prerender went once the app had rows: {plain}")).clone();
    assert!(app_rows.len() >= 20, "the app's rows were on the page when the prerender went: {plain}");
    assert_eq!(app_rows[..20], rows[..20], "the app's rows are the prerendered ones");

    for (address, why) in [
        ("/index.html?src=meeting.txt", "a ?src= log"),
        ("/index.html#L12", "a line link"),
        ("/index.html?embed=1&src=meeting.txt", "an embed"),
    ] {
        browser.goto(address).await;
        let visit = prerender_seen(&browser).await;
        assert_eq!(visit["rows"], json!([]), "{why} never paints the demo: {visit}");
    }

    browser.goto("/index.html?theme=dark").await;
    assert_eq!(prerender_seen(&browser).await["theme"], json!("dark"), "the theme is set before the first paint");

    // A dropped log is kept; the next visit opens it, not the demo.
    browser.drop_file("kept.txt", log).await;
    browser.wait_for(".toolbar .kept").await;
    browser.goto("/index.html").await;
    let kept = prerender_seen(&browser).await;
    assert_eq!(kept["rows"], json!([]), "a kept log's visit never paints the demo: {kept}");
    browser.wait_for_text(".log-header .file-name", "kept.txt").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(site);
}
