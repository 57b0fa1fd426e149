#!/usr/bin/env bash
#! Trunk post-build hook: renders the demo's first screen into index.html (`scrollback prerender`).
# The native CLI renders it with the app's own components (Yew's server-side renderer), so the
# prerendered rows are the app's rows. A debug build: it shares what `cargo test` compiles.
set -euo pipefail
page="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
cd "$(dirname "$0")/.."
cargo run --quiet --bin scrollback -- prerender "$page"
