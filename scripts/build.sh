#!/usr/bin/env bash
#! Builds the viewer for release into dist/ (`trunk build --release`, extra arguments passed on),
#! with std compiled for it (scripts/release-env.sh). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-tools.sh
export TRUNK_SKIP_VERSION_CHECK=true
# Trunk must use the tools on PATH; it cannot download its own here.
export TRUNK_OFFLINE=true
source scripts/release-env.sh
exec trunk build --release "$@"
