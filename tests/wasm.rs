//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounted in a real DOM.
#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use scrollback::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and lets Yew render.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
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
    assert_eq!(count(&root, ".row"), n_lines, "one row per demo line");
    assert!(root.query_selector("#L7.kind-message .nick").unwrap().is_some());
    assert!(count(&root, "ul.legend li.speaker") >= 8, "the legend lists the demo's speakers");
    assert!(count(&root, ".clock-jump") == 1, "the clock jump is marked");
    let format = root.query_selector(".format-name").unwrap().unwrap().text_content().unwrap();
    assert_eq!(format, "MirageOS meeting log");
}

#[wasm_bindgen_test]
async fn pasting_a_log_into_the_panel_opens_it() {
    let root = mount().await;
    let paste_button = root.query_selector("button[aria-expanded]").unwrap().unwrap();
    paste_button.unchecked_ref::<HtmlElement>().click();
    TimeoutFuture::new(30).await;
    let area = root.query_selector("#paste-area").unwrap().expect("the paste panel opens");
    area.unchecked_ref::<web_sys::HtmlTextAreaElement>().set_value("[10:00] <ann> hello\n[10:01] <ben> hi ann\n");
    let open_button = root.query_selector(".paste-panel .button").unwrap().unwrap();
    open_button.unchecked_ref::<HtmlElement>().click();
    TimeoutFuture::new(50).await;
    assert_eq!(count(&root, ".row"), 2);
    let file_name = root.query_selector(".file-name").unwrap().unwrap().text_content().unwrap();
    assert_eq!(file_name, "pasted text");
    assert_eq!(root.query_selector(".format-name").unwrap().unwrap().text_content().unwrap(), "Bracketed IRC log");
}

#[wasm_bindgen_test]
async fn the_reader_can_override_the_detected_format() {
    let root = mount().await;
    let menu = root.query_selector(".format-menu").unwrap().expect("a format menu");
    let menu = menu.unchecked_into::<web_sys::HtmlSelectElement>();
    menu.set_value("plain-text");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    TimeoutFuture::new(50).await;
    let format = root.query_selector(".format-name").unwrap().unwrap().text_content().unwrap();
    assert_eq!(format, "Plain text");
    assert_eq!(count(&root, ".row.kind-message"), 0, "read as plain text, no line is a message");
    assert!(count(&root, ".row.kind-raw") > 100);

    let menu = root.query_selector(".format-menu").unwrap().unwrap().unchecked_into::<web_sys::HtmlSelectElement>();
    menu.set_value("");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    TimeoutFuture::new(50).await;
    assert_eq!(root.query_selector(".format-name").unwrap().unwrap().text_content().unwrap(), "MirageOS meeting log");
}
