//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounted in a real DOM, and the
//! parse worker's text decoder held to encoding_rs.
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
    let marked = || root.query_selector("[aria-current=location]").unwrap().map(|row| row.id());
    let found = settled(|| marked().filter(|id| id == "L33")).await;
    assert_eq!(found, Some("L33".to_owned()), "marked: {:?}; hash {:?}; #L33 rendered: {}; rows {}; scrollY {}", marked(), gloo::utils::window().location().hash(), root.query_selector("#L33").unwrap().is_some(), count(&root, ".row"), gloo::utils::window().scroll_y().unwrap_or_default());
    gloo::utils::window().location().set_hash("").unwrap();
}

/// What `look` finds once it finds something, polling every 20 ms for up to two seconds (the
/// app answers a hash change or a click on its next render); `None` if it never does.
async fn settled<T>(look: impl Fn() -> Option<T>) -> Option<T> {
    for _ in 0..100 {
        if let Some(found) = look() {
            return Some(found);
        }
        TimeoutFuture::new(20).await;
    }
    None
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
    // The hash and the rows it marks, once the app has rendered the link `want`.
    let linked = |want: &'static str, marked: u32| {
        let (root, location) = (root.clone(), location.clone());
        move || (location.hash().unwrap() == want && count(&root, "[aria-current=location]") == marked).then_some(())
    };
    click_line_number(&root, 7, false);
    assert!(settled(linked("#L7", 1)).await.is_some(), "#L7, one row marked; hash {:?}", location.hash());
    click_line_number(&root, 12, true);
    assert!(settled(linked("#L7-L12", 6)).await.is_some(), "#L7-L12, lines 7 to 12 marked; hash {:?}", location.hash());
    // Shift-clicking above the range extends it upwards.
    click_line_number(&root, 3, true);
    assert!(settled(linked("#L3-L12", 10)).await.is_some(), "#L3-L12; hash {:?}", location.hash());
    // The copy button links its own line when it is outside the range.
    let copy = root.query_selector("#L20 .copy-link").unwrap().expect("a copy-link button");
    copy.unchecked_ref::<HtmlElement>().click();
    assert!(settled(linked("#L20", 1)).await.is_some(), "#L20; hash {:?}", location.hash());
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

/// Bytes for the decoders: the edge cases of each encoding, then pseudo-random runs (a fixed
/// linear congruential sequence, so a failure repeats) biased towards each encoding's escapes.
fn decoder_inputs() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = [
        &b""[..], b"plain ascii", b"it\x92s \x80\x81\x8D\x8F\x90\x9D\xFF", b"\xFF\xFEh\x00", b"\xFE\xFF\x00h",
        b"h\x00i\x00", b"\x00h\x00i", b"\x00\xD8\x00\xDC", b"\x00\xD8x\x00", b"\xD8\x00\xDC\x00", b"\x00\xD8", b"odd\x00",
        b"\x1B$B$3$s$K$A$O\x1B(B", b"\x1B$B$3$s", b"\x1B(J\\~\x1B(B", b"\x1B$@$3\x1B(B", b"\x1B$Bxyz\x1B(B", b"\x1B(I1\x1B(B", b"\x1B$", b"\x1B",
    ]
    .iter()
    .map(|bytes| bytes.to_vec())
    .collect();
    let mut state: u32 = 0x5eed;
    for length in 1..120 {
        let bytes = (0..length)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let byte = (state >> 24) as u8;
                // One byte in four an escape's or a surrogate's first byte, where decoders branch.
                match state % 4 {
                    0 => [0x1B, b'$', b'(', b'B', 0xD8, 0xDC, 0x00, 0xFF][(byte % 8) as usize],
                    _ => byte,
                }
            })
            .collect();
        inputs.push(bytes);
    }
    inputs
}

/// `text` without its U+FFFD marks.
fn unmarked(text: &str) -> String {
    text.chars().filter(|&c| c != char::REPLACEMENT_CHARACTER).collect()
}

/// The parse worker decodes UTF-16, ISO-2022-JP and windows-1252 with the browser's
/// `TextDecoder`; natively encoding_rs does. Both follow the WHATWG Encoding Standard, and here
/// they give the same text and say the same of malformed input, byte for byte, but for one
/// latitude: after a malformed ISO-2022-JP escape (`ESC (` and a byte no escape has) Chromium
/// at times writes no U+FFFD for that byte, where encoding_rs and the standard write one, so
/// there the texts are compared without their marks (the byte is no text either way).
#[wasm_bindgen_test]
fn the_browser_decodes_as_encoding_rs_does() {
    use scrollback::parse::decode::Legacy;
    for encoding in Legacy::ALL {
        let reference = encoding_rs::Encoding::for_label(encoding.name().as_bytes()).expect("a label encoding_rs knows");
        assert_eq!(reference.name(), encoding.name());
        for bytes in decoder_inputs() {
            let (want, want_errors) = reference.decode_without_bom_handling(&bytes);
            let (got, got_errors) = scrollback::browser::decode_with_text_decoder(encoding, &bytes);
            assert_eq!(got_errors, want_errors, "{} of {bytes:x?}: malformed or not", encoding.name());
            if want_errors && encoding == Legacy::Iso2022Jp {
                assert_eq!(unmarked(&got), unmarked(&want), "{} of {bytes:x?}", encoding.name());
            } else {
                assert_eq!(got, want, "{} of {bytes:x?}", encoding.name());
            }
        }
    }
    // Installed, it is what reads a file: a line that is not UTF-8 is windows-1252.
    scrollback::browser::install_legacy_decoder();
    let decoded = scrollback::parse::decode::decode(b"ok\nit\x92s\n\xFF\xFE");
    assert_eq!(&*decoded.text, "ok\nit\u{2019}s\n\u{FF}\u{FE}");
    let decoded = scrollback::parse::decode::decode(b"\xFF\xFEh\x00i\x00");
    assert_eq!((&*decoded.text, decoded.encoding), ("hi", "UTF-16LE"));
}

/// The page lower-cases with the browser's `toLowerCase` (`casefold`), the parse worker and the
/// native builds with Rust's tables: they must agree, or a nick would fold one way in the
/// worker's roster and another in the page, and a search would find other lines.
#[wasm_bindgen_test]
fn the_browser_lowercases_as_rust_does() {
    scrollback::browser::install_browser_lowercase();
    let same = |text: &str| scrollback::casefold::lowercase(text) == scrollback::casefold::rust_lowercase(text);
    let differ: Vec<char> = (0..=0x10_ffffu32).filter_map(char::from_u32).filter(|c| !c.is_ascii() && !same(&c.to_string())).collect();
    assert!(differ.is_empty(), "{} code points lower differently: {:?}", differ.len(), differ.iter().take(20).map(|c| format!("U+{:04X}", u32::from(*c))).collect::<Vec<_>>());
    // In words: a final sigma, a dotted capital I, a nick with a non-ASCII letter.
    for text in ["ΟΔΟΣ ΣΑΣ", "Σ.", "İstanbul", "Jürgen_", "ÉLODIE|away", "日本語 TEXT"] {
        assert!(same(text), "{text:?}: the browser gives {:?}, Rust {:?}", scrollback::casefold::lowercase(text), scrollback::casefold::rust_lowercase(text));
    }
    // What the page gets is the browser's: an uninstalled mapping would fold ASCII only.
    assert_eq!(scrollback::casefold::lowercase("ÜBER"), "über");
}

/// The page tells letters and digits beyond ASCII by the browser's Unicode properties (`text`),
/// natively Rust's tables do: they must agree, or a nick written in another script would be a
/// mention in the static site and not in the page.
#[wasm_bindgen_test]
fn the_browser_tells_letters_and_digits_as_rust_does() {
    let differ: Vec<char> = (0x80..=0x10_ffffu32).filter_map(char::from_u32).filter(|&c| scrollback::browser::browser_alphanumeric(c) != scrollback::text::rust_alphanumeric(c)).collect();
    assert!(differ.is_empty(), "{} code points differ: {:?}", differ.len(), differ.iter().take(20).map(|c| format!("U+{:04X}", u32::from(*c))).collect::<Vec<_>>());
    // Installed, it splits words as Rust's does: the nick beside a closing quote, the digits.
    scrollback::browser::install_browser_alphanumeric();
    let mentioned = |text: &str| {
        let pieces = scrollback::text::pieces(text, |word| ["Jürgen_", "日本"].contains(&word));
        pieces.iter().filter_map(|piece| match piece { scrollback::text::Piece::Mention(range) => Some(text[range.clone()].to_owned()), _ => None }).collect::<Vec<_>>()
    };
    assert_eq!(mentioned("«Jürgen_» and 日本, ٣"), ["Jürgen_", "日本"]);
}
