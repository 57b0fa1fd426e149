#!/usr/bin/env bash
#! Prints the benchmark figures as `name value unit` lines: native parse throughput against a
#! memchr baseline; in headless Chromium, drop → first rows, wasm parse throughput, the longest
#! main-thread task, DOM elements and memory; the first visit's first rows (cold, repeat, Fast 3G);
#! and the gzipped size of the main app and of the
#! parse worker. Needs ../shared/tools for the logs.
set -euo pipefail
cd "$(dirname "$0")/.."

generator=../shared/tools/gen-meeting-log.py
mkdir -p target/bench
# 3000: the small logs the browser benchmark's warm pairs drop first (SCROLLBACK_BENCH_WARM).
for n in 3000 10000 100000 1000000; do
  if [ ! -f "target/bench/meeting-$n.txt" ]; then
    python3 "$generator" "$n" "target/bench/meeting-$n.txt" "target/bench/meeting-$n.irssi.log" >&2
  fi
done
gzip -kf target/bench/meeting-10000.txt

export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
bash scripts/build.sh >&2

echo "machine $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
cargo bench --quiet --bench parse
# Chat exports of 100k messages, natively; also writes them to target/bench/exports/ for the page.
cargo bench --quiet --bench exports

# The logs are served beside the app, so the page can fetch them before the timed drop.
ln -sfn ../target/bench dist/bench
trap 'rm -f dist/bench' EXIT
cargo bench --quiet --bench browser
# The demo's first rows on a cold visit, a repeat visit (service worker) and on "Fast 3G".
cargo bench --quiet --bench first_visit
# An archive (365 days; SCROLLBACK_SITE_DAYS=3650 for ~1 GB): `scrollback site`'s build and
# rebuilds, the index's size, cold queries on the site, and the days dropped on the viewer.
cargo bench --quiet --bench site

declare -A total=([app]=0 [worker]=0 [service_worker]=0)
for file in dist/*.wasm dist/*.js; do
  [ -f "$file" ] || continue
  case "$file" in
    # sw.js is fetched after the first rows, when the page registers it.
    */sw.js) name=service_worker ;;
    *worker*) name=worker ;;
    *) name=app ;;
  esac
  size=$(gzip -9c "$file" | wc -c)
  total[$name]=$((total[$name] + size))
  printf '%s_%s_gzip %s bytes\n' "$name" "${file##*.}" "$size"
done
printf 'app_wasm_and_js_gzip %s bytes\nworker_wasm_and_js_gzip %s bytes\n' "${total[app]}" "${total[worker]}"
