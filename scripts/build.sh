#!/usr/bin/env bash
# Builds the node and the Wasm runtime (release profile: the one profile used for the
# node and for every test, so dependencies are compiled once).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build --release --locked --workspace "$@"
