//! When things go wrong in the page: a panic shows a banner (and a new file can still be opened),
//! and Content-Security-Policy violations are counted where tests and people can see them.
//!
//! The release build aborts at a panic without running a hook (`scripts/build.sh`): the wasm
//! traps, and the browser reports a `WebAssembly.RuntimeError` to the page, which shows the
//! banner. A debug build's panic hook shows it first, with the panic's message.

use std::cell::Cell;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element};

thread_local! {
    static CRASHED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the app has panicked. After a panic the app's own state may be half-updated, so its
/// handlers stand down and the crash banner's take over.
pub fn crashed() -> bool {
    CRASHED.with(Cell::get)
}

/// Installs the panic hook: the message goes to the console and to a banner on the page.
/// Through Yew, which otherwise replaces any hook with its own when the app starts.
pub fn install_panic_banner() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = match (info.payload().downcast_ref::<&str>(), info.payload().downcast_ref::<String>()) {
            (Some(message), _) => (*message).to_owned(),
            (_, Some(message)) => message.clone(),
            _ => "an unknown error".to_owned(),
        };
        let place = info.location().map(|at| format!(" ({}:{})", at.file(), at.line())).unwrap_or_default();
        show_crash_banner(&format!("{message}{place}"));
    }));
}

/// Shows the crash banner when the page's wasm traps: a release build's panic, or any other
/// trap. It reaches the page as an uncaught error, or as a rejected promise's reason when it
/// happened in a future.
pub fn watch_for_traps() {
    let window = gloo::utils::window();
    EventListener::new(&window, "error", |event| show_if_trap(&event.unchecked_ref::<web_sys::ErrorEvent>().error())).forget();
    EventListener::new(&window, "unhandledrejection", |event| show_if_trap(&event.unchecked_ref::<web_sys::PromiseRejectionEvent>().reason())).forget();
}

fn show_if_trap(error: &wasm_bindgen::JsValue) {
    // After a debug build's panic hook the trap follows: the banner keeps the panic's message.
    if crashed() {
        return;
    }
    if let Some(trap) = error.dyn_ref::<js_sys::WebAssembly::RuntimeError>() {
        let what = String::from(trap.message());
        show_crash_banner(&format!("The page's WebAssembly stopped ({what}): a check in its code failed."));
    }
}

/// Shows the banner (once; a later panic only updates its message). Plain DOM and callbacks, so
/// it works while Yew's state is stuck: a dropped file is kept and the page reloads to open it.
pub fn show_crash_banner(message: &str) {
    let first_crash = !CRASHED.with(|crashed| crashed.replace(true));
    crate::browser::end_prerender();
    let document = gloo::utils::document();
    if let Some(shown) = document.query_selector("#crash-message").ok().flatten() {
        shown.set_text_content(Some(message));
        return;
    }
    if !first_crash {
        return;
    }
    let build = || -> Option<Element> {
        let banner = document.create_element("div").ok()?;
        banner.set_id("crash-banner");
        banner.set_class_name("crash-banner");
        banner.set_attribute("role", "alert").ok()?;
        let title = document.create_element("strong").ok()?;
        title.set_text_content(Some("scrollback hit a bug and stopped."));
        let detail = document.create_element("p").ok()?;
        detail.set_id("crash-message");
        // The message can quote log text: it is set as text, never as markup.
        detail.set_text_content(Some(message));
        let advice = document.create_element("p").ok()?;
        advice.set_text_content(Some("Drop another log anywhere on the page to start again, or reload. The file that caused this was not kept."));
        let reload = button(&document, "Reload", "crash-reload", reload_page)?;
        let forget = button(&document, "Forget the kept log and reload", "crash-forget", || crate::browser::forget_log(|_| reload_page()))?;
        for child in [&title, &detail, &advice, &reload, &forget] {
            banner.append_child(child).ok()?;
        }
        Some(banner)
    };
    if let (Some(banner), Some(body)) = (build(), document.body()) {
        let _ = body.prepend_with_node_1(&banner);
        keep_dropped_file_and_reload();
    }
}

fn button(document: &web_sys::Document, label: &str, id: &str, onclick: impl Fn() + 'static) -> Option<Element> {
    let button = document.create_element("button").ok()?;
    button.set_attribute("type", "button").ok()?;
    button.set_id(id);
    button.set_class_name("button");
    button.set_text_content(Some(label));
    EventListener::new(&button, "click", move |_| onclick()).forget();
    Some(button)
}

fn reload_page() {
    let _ = gloo::utils::window().location().reload();
}

/// After a crash, a dropped file is kept in IndexedDB and the page reloads, which opens it.
fn keep_dropped_file_and_reload() {
    let window = gloo::utils::window();
    let active = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(&window, "dragover", active, |event| event.prevent_default()).forget();
    EventListener::new_with_options(&window, "drop", active, |event| {
        event.prevent_default();
        let file = event.unchecked_ref::<DragEvent>().data_transfer().and_then(|transfer| transfer.files()).and_then(|files| files.get(0));
        let Some(file) = file else { return };
        let name = file.name();
        let then = Closure::once(move |buffer: wasm_bindgen::JsValue| {
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            crate::browser::keep_log(&name, &bytes, |_| reload_page());
        });
        let _ = file.array_buffer().then(&then);
        then.forget(); // Runs once; the page reloads right after.
    })
    .forget();
}

/// Counts Content-Security-Policy violations in `data-csp-violations` on `<html>` and logs each:
/// a strict policy that blocks something of ours must not fail silently.
pub fn watch_csp_violations() {
    let document = gloo::utils::document();
    EventListener::new(&document, "securitypolicyviolation", |event| {
        let event = event.unchecked_ref::<web_sys::SecurityPolicyViolationEvent>();
        gloo::console::warn!(format!("CSP blocked {} ({})", event.blocked_uri(), event.violated_directive()));
        if let Some(root) = gloo::utils::document().document_element() {
            let seen = root.get_attribute("data-csp-violations").and_then(|count| count.parse::<u32>().ok()).unwrap_or(0);
            let _ = root.set_attribute("data-csp-violations", &(seen + 1).to_string());
        }
    })
    .forget();
}

/// Panics on purpose, so the end-to-end test can check the banner (`wasmBindings.simulate_crash()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_crash() {
    panic!("simulated crash (for testing the crash banner)");
}
