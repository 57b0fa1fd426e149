//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounted in a real DOM.
#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use scrollback::app::{App, AppProps, OpenLog, Shared};
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
    assert!(count(&root, ".row.kind-raw") > 10);

    let menu = root.query_selector(".format-menu").unwrap().unwrap().unchecked_into::<web_sys::HtmlSelectElement>();
    menu.set_value("");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    TimeoutFuture::new(50).await;
    assert_eq!(root.query_selector(".format-name").unwrap().unwrap().text_content().unwrap(), "MirageOS meeting log");
}

#[wasm_bindgen_test]
async fn a_permalink_far_down_renders_and_marks_its_line() {
    let root = mount().await;
    let lines: String = (0..5000).map(|index| format!("[10:{:02}] <speaker{}> line {index}\n", index % 60, index % 7)).collect();
    let paste_button = root.query_selector("button[aria-expanded]").unwrap().unwrap();
    paste_button.unchecked_ref::<HtmlElement>().click();
    TimeoutFuture::new(30).await;
    let area = root.query_selector("#paste-area").unwrap().unwrap();
    area.unchecked_ref::<web_sys::HtmlTextAreaElement>().set_value(&lines);
    root.query_selector(".paste-panel .button").unwrap().unwrap().unchecked_ref::<HtmlElement>().click();
    TimeoutFuture::new(100).await;
    assert!(count(&root, ".row") < 400, "a 5000-line log renders only the blocks in view");
    assert!(root.query_selector("#L4500").unwrap().is_none());

    gloo::utils::window().location().set_hash("L4500").unwrap();
    let mut row = None;
    for _ in 0..40 {
        TimeoutFuture::new(50).await;
        row = root.query_selector("#L4500").unwrap();
        if row.is_some() {
            break;
        }
    }
    let row = row.expect("#L4500 is rendered after the hash points at it");
    TimeoutFuture::new(100).await;
    assert_eq!(row.get_attribute("aria-current").as_deref(), Some("location"));
    let rect = row.get_bounding_client_rect();
    let window_height = gloo::utils::window().inner_height().unwrap().as_f64().unwrap();
    assert!(rect.top() >= 0.0 && rect.bottom() <= window_height, "#L4500 is in the viewport: {} – {}", rect.top(), rect.bottom());
    gloo::utils::window().location().set_hash("").unwrap();
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

/// Drops a file with these bytes on the page, as a person dragging it from their desktop would.
async fn drop_bytes(name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    gloo::utils::document().body().unwrap().dispatch_event(&drop).unwrap();
    TimeoutFuture::new(150).await;
}

#[wasm_bindgen_test]
async fn a_dropped_image_gets_a_clear_message_and_the_log_stays() {
    let root = mount().await;
    drop_bytes("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").await;
    let problem = root.query_selector(".problem[role=alert]").unwrap().expect("a message on the page");
    let message = problem.text_content().unwrap();
    assert!(message.contains("photo.png") && message.contains("PNG image, not a chat log"), "{message}");
    assert!(root.query_selector("#L7.kind-message").unwrap().is_some(), "the demo is still shown");

    // The next file opens, and the message goes.
    drop_bytes("next.log", b"[10:00] <ann> hello\n").await;
    assert!(root.query_selector(".problem").unwrap().is_none());
    assert_eq!(root.query_selector(".file-name").unwrap().unwrap().text_content().unwrap(), "next.log");
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
