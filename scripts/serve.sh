#!/usr/bin/env bash
#! Serves the viewer at http://127.0.0.1:8080/ with the demo log open. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-tools.sh
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
exec trunk serve "$@"
