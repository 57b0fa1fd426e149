#!/usr/bin/env bash
#! Trunk post-build hook: minifies the JavaScript glue wasm-bindgen wrote (terser), the page's and
#! the parse worker's, and gives index.html the new files' `integrity` hashes (Trunk computed
#! them for the files as written). The glue is most of the page's JavaScript: 70 KB → 32 KB.
set -euo pipefail
dist="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
page="$dist/index.html"
shopt -s nullglob
for file in "$dist"/scrollback-app-*.js "$dist"/scrollback-worker.js; do
  # The page's glue is an ES module; the worker's is a classic script whose top-level
  # `wasm_bindgen` worker-loader.js calls, so only the module's top level is renamed.
  module=()
  [[ $file == *scrollback-app-* ]] && module=(--module)
  terser "$file" "${module[@]}" --compress --mangle --output "$file.min"
  mv "$file.min" "$file"
  name=$(basename "$file")
  # Subresource Integrity wants the base64 of the raw sha384 digest; sha384sum prints hex.
  digest=$(sha384sum "$file" | cut -d' ' -f1)
  integrity="sha384-$(printf '%b' "$(sed 's/../\\x&/g' <<<"$digest")" | base64 -w0)"
  sed -i -E "s#(href=\"\./${name//./\\.}\"[^>]*integrity=\")[^\"]*#\1${integrity}#" "$page"
done
