#!/usr/bin/env bash
# One command: set up, build and run every test.
#   1. pallet and runtime tests (cargo test, release profile);
#   2. end-to-end: a development node and a signed transfer through @polkadot/api;
#   3. network: a 4-validator zombienet network that produces and finalizes blocks
#      (skip with IOMT_SKIP_NETWORK=1).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
started=$(date +%s)

step "setup"
bash scripts/setup.sh

step "build node and runtime"
bash scripts/build.sh

step "pallet and runtime tests"
cargo test --release --locked --workspace

step "end-to-end test against a development node"
bash tests/e2e/run.sh

if [ "${IOMT_SKIP_NETWORK:-0}" != "1" ]; then
  step "4-validator zombienet network test"
  bash zombienet/run.sh
else
  step "network test skipped (IOMT_SKIP_NETWORK=1)"
fi

step "all tests passed in $(( $(date +%s) - started )) s"
