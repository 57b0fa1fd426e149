//! The web app's entry point: mounts the Yew app (in the browser only).

#[cfg(target_arch = "wasm32")]
fn main() {
    scrollback::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the web app runs in the browser: build it with `trunk build`, or use the `scrollback` CLI");
}
