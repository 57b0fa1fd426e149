#!/usr/bin/env bash
#! Trunk post-build hook: minifies the page's JavaScript (terser): the glue wasm-bindgen wrote for
#! the page and the parse worker, its snippets, and offline.js; then gives index.html the new
#! files' `integrity` hashes (Trunk computed them for the files as written). The page's glue goes
#! from 70 to 32 KB.
set -euo pipefail
dist="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
page="$dist/index.html"
shopt -s nullglob globstar

# minify FILE [--module]: a module's top level is renamed too; a classic script's is kept.
minify() {
  local file=$1
  shift
  terser "$file" "$@" --compress --mangle --output "$file.min"
  mv "$file.min" "$file"
  local path=${file#"$dist"/}
  # Subresource Integrity wants the base64 of the raw sha384 digest; sha384sum prints hex.
  local digest integrity
  digest=$(sha384sum "$file" | cut -d' ' -f1)
  integrity="sha384-$(printf '%b' "$(sed 's/../\\x&/g' <<<"$digest")" | base64 -w0)"
  sed -i -E "s#(href=\"\./${path//./\\.}\"[^>]*integrity=\")[^\"]*#\1${integrity}#" "$page"
}

for module in "$dist"/scrollback-app-*.js "$dist"/snippets/**/*.js; do
  minify "$module" --module
done
# The worker's glue is a classic script whose top-level `wasm_bindgen` worker-loader.js calls.
for script in "$dist"/scrollback-worker.js "$dist"/offline.js; do
  minify "$script"
done
