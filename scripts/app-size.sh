#!/usr/bin/env bash
#! Prints the main app's gzipped size as the release build makes it (Cargo profile `page` with
#! scripts/release-env.sh, wasm-bindgen, `wasm-opt -Oz`, short names, terser, gzip -9), in about
#! a minute, and leaves a copy with function names in target/app-size/ for `twiggy top` /
#! `twiggy paths`. For trying one change at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/app-size
source scripts/release-env.sh
cargo build --quiet --profile page --target wasm32-unknown-unknown --bin scrollback-app
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/page/scrollback-app.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
  --enable-multivalue -o "$out/optimised.wasm" "$out/scrollback-app_bg.wasm"
# As the build's post-build hook does (scripts/minify-js.sh), on copies: the names stay for twiggy.
cp "$out/scrollback-app.js" "$out/short.js"
python3 scripts/short-wasm-names.py "$out/optimised.wasm" "$out/short.js"
terser "$out/short.js" --module --compress --mangle --output "$out/minified.js"
wasm=$(gzip -9c "$out/optimised.wasm" | wc -c)
js=$(gzip -9c "$out/minified.js" | wc -c)
echo "main app: wasm $wasm + JS $js = $((wasm + js)) bytes gzipped (names: twiggy top $out/scrollback-app_bg.wasm)"
