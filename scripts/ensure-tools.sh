#!/usr/bin/env bash
#! Installs, idempotently, every tool the build and the tests need on a fresh Debian machine.
# Each step is skipped when the right version is already there. See ../shared/TOOLCHAIN.md.
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# Minifies the wasm-bindgen glue after each build (scripts/minify-js.sh).
TERSER_VERSION=5.51.4
# The wasm-bindgen CLI must match the `=`-pinned crate version exactly.
WASM_BINDGEN_VERSION=0.2.130

log() { printf '[ensure-tools] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The release build compiles std itself, for the page's size (scripts/build.sh).
if ! rustup component list --installed | grep -qx rust-src; then
  log "adding the rust-src component"
  rustup component add rust-src
fi
# Trunk builds offline (scripts/build.sh), so std's own dependencies must be in Cargo's cache.
std_library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
if ! (cd "$std_library" && RUSTC_BOOTSTRAP=1 cargo fetch --offline >/dev/null 2>&1); then
  log "fetching the dependencies of std's sources (for -Z build-std)"
  (cd "$std_library" && RUSTC_BOOTSTRAP=1 cargo fetch --quiet)
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromedriver (apt)"
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! command -v wasm-opt >/dev/null || ! wasm-opt --version | grep -q "version ${BINARYEN_VERSION}"; then
  log "installing wasm-opt (npm binaryen@${BINARYEN_VERSION})"
  npm install -g --silent --prefix /usr/local "binaryen@${BINARYEN_VERSION}"
fi

if ! command -v terser >/dev/null || ! terser --version | grep -q " ${TERSER_VERSION}"; then
  log "installing terser (npm terser@${TERSER_VERSION})"
  npm install -g --silent --prefix /usr/local "terser@${TERSER_VERSION}"
fi

if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q " ${WASM_BINDGEN_VERSION}"; then
  log "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (~2 min)"
  # No --locked: its lockfile pins a webpki-roots the registry mirror lacks.
  cargo install --quiet wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if ! command -v trunk >/dev/null || ! trunk --version | grep -q " ${TRUNK_VERSION}"; then
  log "installing trunk ${TRUNK_VERSION} (~6.5 min)"
  cargo install --quiet trunk --locked --version "${TRUNK_VERSION}"
fi
