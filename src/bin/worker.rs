//! The parse worker's entry point (wasm only): registers the worker that parses big files off the page's main thread.

#![cfg_attr(not(target_arch = "wasm32"), allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    console_error_panic_hook::set_once();
    scrollback::browser::install_legacy_decoder();
    // The analyses carry Rust's case tables anyway; the page installs the browser's mapping.
    scrollback::casefold::set_lowercase(scrollback::casefold::rust_lowercase);
    scrollback::browser::ParseWorker::registrar().encoding::<scrollback::browser::BlockCodec>().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the parse worker runs in the browser, started by the web app");
}
