#! Sourced by scripts/build.sh and scripts/app-size.sh: the release build compiles std itself, so
#! the wasm aborts at a panic without formatting a message (`panic=immediate-abort`, no file and
#! line either). That keeps ~23 KB gzipped of panic formatting out of the page's first visit. A
#! panic still shows the crash banner (browser/web_guard.rs); its message is in debug builds
#! (`bash scripts/serve.sh`).

# `-Z build-std` and the panic strategy are unstable: this stable toolchain's own std sources
# (rust-src) are built with them, the build's one use of RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# With .cargo/config.toml's simd128, whether Cargo merges the two or takes this one.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128 -Z unstable-options -C panic=immediate-abort -Z location-detail=none"
