#!/usr/bin/env bash
#! Trunk post-build hook: writes this build's file list and id into the service worker (sw.js).
# The id is a hash of every file the viewer is made of, so a new build is a new service worker,
# which the browser installs in the background and the page offers to switch to.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$staging"
files=$(find . -type f ! -name sw.js -printf '%P\n' | LC_ALL=C sort)
# `trunk serve` builds in debug: cache nothing there, so every rebuild is what the page loads.
if [[ "${TRUNK_PROFILE:-release}" != release ]]; then
  files=""
fi
build_id=$(for file in $files; do sha256sum "$file"; done | sha256sum | cut -c1-16)
list=$(for file in $files; do printf '"%s", ' "$file"; done)
list=${list%, }
if ! grep -q '\["BUILD_FILES"\]' sw.js; then
  echo "offline-manifest: sw.js has no [\"BUILD_FILES\"] placeholder" >&2
  exit 1
fi
sed -i "s|\[\"BUILD_FILES\"\]|[$list]|; s|\"BUILD_ID\"|\"$build_id\"|" sw.js
