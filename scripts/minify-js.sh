#!/usr/bin/env bash
#! Trunk post-build hook: minifies the page's JavaScript (terser): the glue wasm-bindgen wrote for
#! the page and the parse worker, its snippets, and offline.js; then gives index.html the new
#! files' `integrity` hashes (Trunk computed them for the files as written). The page's glue goes
#! from 70 to 32 KB.
set -euo pipefail
dist="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
page="$dist/index.html"
shopt -s nullglob globstar
# ES modules (their top level is renamed too), then classic scripts: the worker's glue, whose
# top-level `wasm_bindgen` worker-loader.js calls, and offline.js.
modules=("$dist"/scrollback-app-*.js "$dist"/snippets/**/*.js)
scripts=("$dist"/scrollback-worker.js "$dist"/offline.js)
for file in "${modules[@]}" "${scripts[@]}"; do
  module=()
  [[ " ${modules[*]} " == *" $file "* ]] && module=(--module)
  terser "$file" "${module[@]}" --compress --mangle --output "$file.min"
  mv "$file.min" "$file"
  path=${file#"$dist"/}
  # Subresource Integrity wants the base64 of the raw sha384 digest; sha384sum prints hex.
  digest=$(sha384sum "$file" | cut -d' ' -f1)
  integrity="sha384-$(printf '%b' "$(sed 's/../\\x&/g' <<<"$digest")" | base64 -w0)"
  sed -i -E "s#(href=\"\./${path//./\\.}\"[^>]*integrity=\")[^\"]*#\1${integrity}#" "$page"
done
