// The parse worker's entry script, served beside index.html: loads the worker's wasm-bindgen glue and its wasm from the same folder (no blob: URL, so a CSP needs only worker-src 'self').
importScripts("./scrollback-worker.js");
wasm_bindgen({ module_or_path: "./scrollback-worker_bg.wasm" });
