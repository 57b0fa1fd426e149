//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounted in a real DOM.
//! Opening a file goes through the parse worker, which this runner does not serve: pasting,
//! dropping and re-reading are tested end to end against `dist/` (tests/e2e.rs).
#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use scrollback::app::{App, AppProps};
use scrollback::state::{OpenLog, Shared};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<yew::AppHandle<App>>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the app in a fresh element, alone on the page, and lets Yew render.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let body = document.body().unwrap();
    // Earlier tests' apps would push this one below the fold; the runner's own output stays.
    let earlier = document.query_selector_all(".test-root").unwrap();
    for index in 0..earlier.length() {
        let node = earlier.item(index).unwrap();
        node.parent_node().unwrap().remove_child(&node).unwrap();
    }
    let root = document.create_element("div").unwrap();
    root.set_class_name("test-root");
    body.insert_before(&root, body.first_child().as_ref()).unwrap();
    // The demo given as the first log: a log kept by an earlier test (IndexedDB) is not reopened.
    let props = AppProps { initial: Some(Shared::new(OpenLog::demo())), ..AppProps::default() };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    // The earlier test's app goes, listeners and all: page-wide keys must reach one app only.
    if let Some(earlier) = MOUNTED.with(|mounted| mounted.replace(Some(handle))) {
        earlier.destroy();
    }
    TimeoutFuture::new(50).await;
    root
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_the_demo_log_open() {
    let root = mount().await;
    let n_lines = scrollback::demo::DEMO_LOG.lines().count() as u32;
    let n_rows = count(&root, ".row");
    assert!(n_rows >= 32 && n_rows <= n_lines, "the first blocks are rendered: {n_rows} rows");
    assert!(root.query_selector("#L1.kind-header").unwrap().is_some());
    assert!(root.query_selector("#L7.kind-message .nick").unwrap().is_some());
    assert!(count(&root, "ul.legend li.speaker") >= 8, "the legend lists the demo's speakers");
    gloo::utils::window().location().set_hash("L33").unwrap();
    TimeoutFuture::new(150).await;
    assert!(root.query_selector("#L33 .clock-jump").unwrap().is_some(), "the clock jump at line 33 is marked");
    assert_eq!(count(&root, ".clock-jump"), 1);
    gloo::utils::window().location().set_hash("").unwrap();
    let format = root.query_selector(".format-name").unwrap().unwrap().text_content().unwrap();
    assert_eq!(format, "MirageOS meeting log");
}

#[wasm_bindgen_test]
async fn an_old_time_link_lands_on_the_first_line_at_that_time() {
    let root = mount().await;
    // In the demo, 15:06 is first logged on line 33, right after the clock jumps back.
    gloo::utils::window().location().set_hash("t15:06").unwrap();
    let mut current = None;
    for _ in 0..40 {
        TimeoutFuture::new(50).await;
        current = root.query_selector("[aria-current=location]").unwrap();
        if current.is_some() {
            break;
        }
    }
    let current = current.expect("a row is marked current");
    assert_eq!(current.id(), "L33");
    gloo::utils::window().location().set_hash("").unwrap();
}

fn click_line_number(root: &Element, line: u32, shift: bool) {
    let number = root.query_selector(&format!("#L{line} .lineno")).unwrap().expect("the row is rendered");
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    number.dispatch_event(&click).unwrap();
}

#[wasm_bindgen_test]
async fn clicking_line_numbers_links_a_line_and_shift_click_a_range() {
    let root = mount().await;
    let location = gloo::utils::window().location();
    click_line_number(&root, 7, false);
    TimeoutFuture::new(80).await;
    assert_eq!(location.hash().unwrap(), "#L7");
    click_line_number(&root, 12, true);
    TimeoutFuture::new(80).await;
    assert_eq!(location.hash().unwrap(), "#L7-L12");
    assert_eq!(count(&root, "[aria-current=location]"), 6, "lines 7 to 12 are marked");
    // Shift-clicking above the range extends it upwards.
    click_line_number(&root, 3, true);
    TimeoutFuture::new(80).await;
    assert_eq!(location.hash().unwrap(), "#L3-L12");
    // The copy button links its own line when it is outside the range.
    let copy = root.query_selector("#L20 .copy-link").unwrap().expect("a copy-link button");
    copy.unchecked_ref::<HtmlElement>().click();
    TimeoutFuture::new(80).await;
    assert_eq!(location.hash().unwrap(), "#L20");
    location.set_hash("").unwrap();
}

fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    gloo::utils::document().body().unwrap().dispatch_event(&event).unwrap();
}

/// Waits (up to 2 s) for the URL hash to become `expected`: the app renders asynchronously.
async fn wait_for_hash(expected: &str) {
    let location = gloo::utils::window().location();
    for _ in 0..100 {
        if location.hash().unwrap() == expected {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    assert_eq!(location.hash().unwrap(), expected);
}

#[wasm_bindgen_test]
async fn reading_keys_move_between_messages_switch_theme_and_show_help() {
    let root = mount().await;
    let location = gloo::utils::window().location();
    location.set_hash("").unwrap();
    TimeoutFuture::new(50).await;
    // The demo's first message is line 7, the next line 9 (blank lines between).
    for (key, expected) in [("j", "#L7"), ("j", "#L9"), ("k", "#L7")] {
        press(key);
        wait_for_hash(expected).await;
    }

    let theme = || gloo::utils::document().document_element().unwrap().get_attribute("data-theme");
    let before = theme();
    press("t");
    TimeoutFuture::new(30).await;
    assert_ne!(theme(), before, "t switches the theme");

    press("?");
    TimeoutFuture::new(50).await;
    assert!(root.query_selector(".help-overlay[role=dialog]").unwrap().is_some(), "? shows the help");
    press("Escape");
    TimeoutFuture::new(50).await;
    assert!(root.query_selector(".help-overlay").unwrap().is_none(), "Escape closes it");
    location.set_hash("").unwrap();
}
