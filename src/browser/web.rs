//! Browser glue (wasm): page-wide drop and paste, reading files, following `#L<n>`, performance marks.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, Element, File};
use yew::prelude::*;

use std::rc::Rc;

use gloo::render::request_animation_frame;

use super::OnOpen;
use crate::state::{Action, State};
use crate::permalink::{Anchor, Link};

/// The browser's `toLowerCase` as the page's lower case (`casefold`): the same Unicode mapping as
/// Rust's (`tests/wasm.rs` compares them on every code point), without its tables in the page.
pub fn install_browser_lowercase() {
    crate::casefold::set_lowercase(browser_lowercase);
}

fn browser_lowercase(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// The browser's Unicode properties as the page's letters and digits (`text`): the same
/// properties as Rust's `char::is_alphanumeric`, without its tables in the page.
pub fn install_browser_alphanumeric() {
    crate::text::set_alphanumeric(browser_alphanumeric);
}

pub fn browser_alphanumeric(c: char) -> bool {
    thread_local! {
        static LETTER_OR_DIGIT: js_sys::RegExp = js_sys::RegExp::new("^[\\p{Alphabetic}\\p{N}]$", "u");
        // The last answer for each low byte of a code point: a message repeats its characters,
        // and a call into the browser costs ~0.5 µs (60 rows of Japanese: 3 ms a render without).
        // It starts with NUL, which is ASCII and never asked.
        static ANSWERED: std::cell::RefCell<[(char, bool); 256]> = const { std::cell::RefCell::new([('\0', false); 256]) };
    }
    let slot = (u32::from(c) & 0xff) as usize;
    let (seen, answer) = ANSWERED.with_borrow(|answered| answered[slot]);
    if seen == c {
        return answer;
    }
    let answer = LETTER_OR_DIGIT.with(|pattern| pattern.test(c.encode_utf8(&mut [0; 4])));
    ANSWERED.with_borrow_mut(|answered| answered[slot] = (c, answer));
    answer
}

/// Marks a moment on the page's performance timeline (`scrollback:*`), for the benchmark.
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}

/// Measures between two marks; a missing start mark (the demo was never dropped) is no error.
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

/// Takes away the demo's prerendered first screen (index.html), uncovering the app: once the
/// app shows a log as whole as it, or has something else to say (a problem, a crash).
pub fn end_prerender() {
    if let Some(prerendered) = gloo::utils::document().get_element_by_id("prerendered") {
        prerendered.remove();
    }
}

/// After the next frame is painted: the time from opening a file to seeing its rows, and the
/// wasm memory then, for the benchmark to read.
pub fn mark_first_rows(log_has_lines: bool) {
    let frame = request_animation_frame(move |_| {
        mark("scrollback:first-rows");
        // Once per page: the first log's rows (offline.js and the first-visit benchmark wait for it).
        let first_log = gloo::utils::window().performance().is_some_and(|performance| performance.get_entries_by_name("scrollback:first-log-rows").length() == 0);
        if log_has_lines && first_log {
            mark("scrollback:first-log-rows");
        }
        measure("scrollback:open-to-first-rows", "scrollback:open-start", "scrollback:first-rows");
        let memory_bytes = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length();
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("data-scrollback-wasm-bytes", &memory_bytes.to_string());
        }
    });
    // Once the frame has run the handle is spent; dropping it would cancel it.
    std::mem::forget(frame);
}

/// Reads a file's bytes off the main flow and hands them to `onopen` with the file's name.
pub fn read_file(file: File, onopen: OnOpen) {
    mark("scrollback:open-start");
    let file_name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        match read_bytes(&file).await {
            Ok(buffer) => onopen.emit((file_name, copy_into_wasm(&buffer))),
            Err(error) => gloo::console::error!("cannot read", file_name, error),
        }
    });
}

/// A file's bytes, by the browser's `Blob.arrayBuffer()` (no `FileReader` and its errors' names
/// linked into the page).
async fn read_bytes(file: &File) -> Result<js_sys::Uint8Array, wasm_bindgen::JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// Reads several files dropped together, then opens them in turn (a log and its minutes).
fn read_files(files: Vec<File>, dispatcher: UseReducerDispatcher<State>) {
    mark("scrollback:open-start");
    wasm_bindgen_futures::spawn_local(async move {
        let mut read = Vec::with_capacity(files.len());
        let mut unreadable = Vec::new();
        for file in files {
            let file_name = file.name();
            match read_bytes(&file).await {
                Ok(buffer) => read.push((file_name, copy_into_wasm(&buffer))),
                Err(_) => unreadable.push(file_name),
            }
        }
        dispatcher.dispatch(if read.is_empty() && !unreadable.is_empty() { Action::Unreadable(unreadable) } else { Action::OpenInTurn(read) });
    });
}

/// Reads a dropped folder's files, then opens them as one log named after it.
fn open_folder(folder: super::web_folder::DroppedFolder, dispatcher: UseReducerDispatcher<State>) {
    mark("scrollback:open-start");
    let name = folder.name.clone();
    dispatcher.dispatch(Action::Loading(crate::state::Loading { name: name.as_str().into(), received: 0, total: None, stage: crate::state::Stage::Fetching }));
    wasm_bindgen_futures::spawn_local(async move {
        dispatcher.dispatch(match folder.read().await {
            Ok((files, bytes)) => Action::OpenFolder { name, bytes: copy_into_wasm(&bytes), files: files.into() },
            Err(problem) => Action::Failed(problem),
        });
    });
}

/// Copies a file's bytes into wasm memory once, into the allocation that becomes the log's text.
fn copy_into_wasm(array: &js_sys::Uint8Array) -> Rc<[u8]> {
    let mut bytes = Rc::<[u8]>::new_uninit_slice(array.length() as usize);
    array.copy_to_uninit(Rc::get_mut(&mut bytes).expect("a new Rc has no other owner"));
    // SAFETY: `copy_to_uninit` wrote every byte of the slice.
    unsafe { bytes.assume_init() }
}

/// The whole page accepts a dropped file, and pasted text outside a text field opens as a log.
#[hook]
pub fn use_page_drop_and_paste(dispatcher: UseReducerDispatcher<State>, onopen: OnOpen, enabled: bool) {
    use_effect_with(enabled, move |enabled| {
        let listeners = enabled.then(|| page_drop_and_paste_listeners(dispatcher, onopen));
        move || std::mem::drop(listeners)
    });
}

fn page_drop_and_paste_listeners(dispatcher: UseReducerDispatcher<State>, onopen: OnOpen) -> [EventListener; 4] {
    {
        let window = gloo::utils::window();
        let document = gloo::utils::document();
        // Not passive: the default for a drop is to navigate away to the file.
        let active = EventListenerOptions::enable_prevent_default();
        let over = {
            let dispatcher = dispatcher.clone();
            EventListener::new_with_options(&window, "dragover", active, move |event| {
                event.prevent_default();
                dispatcher.dispatch(Action::Dragging(true));
            })
        };
        let leave = {
            let dispatcher = dispatcher.clone();
            EventListener::new(&window, "dragleave", move |event| {
                // Leaving the window, not moving between elements within it.
                let event = event.unchecked_ref::<DragEvent>();
                if event.related_target().is_none() {
                    dispatcher.dispatch(Action::Dragging(false));
                }
            })
        };
        let drop = {
            let dispatcher = dispatcher.clone();
            let onopen = onopen.clone();
            EventListener::new_with_options(&window, "drop", active, move |event| {
                event.prevent_default();
                if crate::browser::crashed() {
                    return; // The crash banner's own handler takes the file.
                }
                dispatcher.dispatch(Action::Dragging(false));
                let transfer = event.unchecked_ref::<DragEvent>().data_transfer();
                if let Some(folder) = transfer.as_ref().and_then(super::web_folder::dropped_folder_in) {
                    return open_folder(folder, dispatcher.clone());
                }
                let files = transfer.and_then(|transfer| transfer.files());
                let files: Vec<File> = files.map(|files| (0..files.length()).filter_map(|index| files.get(index)).collect()).unwrap_or_default();
                match files.as_slice() {
                    [] => {}
                    [file] => read_file(file.clone(), onopen.clone()),
                    _ => read_files(files, dispatcher.clone()),
                }
            })
        };
        let paste = EventListener::new(&document, "paste", move |event| {
            let in_a_field = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if in_a_field || crate::browser::crashed() {
                return;
            }
            let text = event.unchecked_ref::<ClipboardEvent>().clipboard_data().and_then(|data| data.get_data("text/plain").ok());
            if let Some(text) = text.filter(|text| !text.is_empty()) {
                mark("scrollback:open-start");
                onopen.emit(("pasted text".to_owned(), Rc::from(text.into_bytes())));
            }
        });
        [over, leave, drop, paste]
    }
}

/// The URL hash when it holds a shared snippet (`#snippet=…`).
pub fn snippet_in_hash() -> Option<String> {
    gloo::utils::window().location().hash().ok().filter(|hash| hash.starts_with(crate::snippet::PREFIX))
}

/// This page's address without query or hash, to put a snippet's fragment on.
pub fn page_address() -> String {
    let location = gloo::utils::window().location();
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// Offers `text` as a file download named `name`, through a short-lived blob address.
pub fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(address) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = gloo::utils::document();
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlElement = link.unchecked_into();
        let _ = link.set_attribute("href", &address);
        let _ = link.set_attribute("download", name);
        link.click();
    }
    // Long enough for the download (and a test) to read it; then the memory goes.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&address);
    })
    .forget();
}

/// Copies `text`; a refused clipboard is no error (the link is also shown).
pub fn copy_text(text: &str) {
    let _ = gloo::utils::window().navigator().clipboard().write_text(text);
}

/// The lines the URL hash points at now (read at the moment, not at the last render).
pub fn current_anchor(log: &crate::model::Log) -> Option<Anchor> {
    let hash = gloo::utils::window().location().hash().ok()?;
    Link::parse(&hash)?.resolve(log)
}

/// Points the URL hash at `anchor`; the `hashchange` that follows scrolls there.
pub fn go_to_anchor(anchor: Anchor) {
    let _ = gloo::utils::window().location().set_hash(&anchor.to_string());
}

/// The permalink in the URL hash, followed on every `hashchange`.
#[hook]
pub fn use_hash_link() -> Option<Link> {
    let read = || gloo::utils::window().location().hash().ok().and_then(|hash| Link::parse(&hash));
    let anchor = use_state(read);
    {
        let anchor = anchor.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| anchor.set(read()));
            move || drop(listener)
        });
    }
    *anchor
}

/// `?format=ID` reads every log in that format instead of detecting one.
#[hook]
pub fn use_format_from_query(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let format = query_param("format").and_then(|id| crate::model::Format::from_id(&id));
        if let Some(format) = format {
            dispatcher.dispatch(Action::ForceFormat(format));
        }
    });
}

/// A parameter of the page's query string, decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}
