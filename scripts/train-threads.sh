#!/usr/bin/env bash
#! Retrains the reply model on the irc-disentanglement train/ logs and regenerates
#! src/thread/weights.rs (deterministic: the same data gives the same file). Never trains on dev/.
set -euo pipefail
cd "$(dirname "$0")/.."
data="../shared/threads/train"
# The held-out figure first: trained on four fifths of train/, scored on the other fifth.
cargo run --release --bin scrollback -- train-threads "$data" --hold-out 5 >&2
cargo run --release --bin scrollback -- train-threads "$data" > src/thread/weights.rs.new
mv src/thread/weights.rs.new src/thread/weights.rs
# Rebuild with the new weights and report the dev figure (for the README, never for tuning).
cargo run --release --bin scrollback -- eval-threads ../shared/threads/dev | tail -2 >&2
