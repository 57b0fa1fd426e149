#!/usr/bin/env bash
#! Runs every test: native unit, table, corpus, property and SSR tests; the built app end to end
#! in headless Chromium (WebDriver); and the wasm-bindgen tests in the browser. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

# The build (scripts/build.sh) installs what is missing first, Chromium included.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

if [ ! -d ../shared ]; then
  echo "note: ../shared is absent, so the real-log corpus tests will skip" >&2
fi

echo "== building the app (scripts/build.sh: trunk build --release)" >&2
bash scripts/build.sh

echo "== native tests, end-to-end included" >&2
SCROLLBACK_E2E=1 cargo test --lib --bins --tests

echo "== browser tests (wasm-bindgen-test, headless Chromium)" >&2
cargo test --target wasm32-unknown-unknown --test wasm
