#!/usr/bin/env bash
# Load run: start a throw-away `iomt-node --dev --tmp` on non-default ports, measure the
# sustained throughput of `records.anchor` and `balances.transferKeepAlive` with
# tests/load/anchors.mjs, print the results, and always stop the node again.
# This is a measurement, not a test: see docs/PERFORMANCE.md for what it reports.
#
#   scripts/load.sh                      # 60 s per phase
#   DURATION=20 scripts/load.sh          # a quick check
#   (cd tests && npm run load)
#
# Environment:
#   NODE_BIN          node binary (default: $CARGO_TARGET_DIR/release/iomt-node,
#                     CARGO_TARGET_DIR defaulting to $HOME/.cache/iomt-chain/target)
#   PORT              RPC port of the load node (default 19946; e2e uses 19944, a dev chain 9944)
#   P2P_PORT          p2p port (default 30446)
#   PROMETHEUS_PORT   prometheus port (default 19617)
#   DURATION          seconds of submission per phase (default 60)
#   SENDERS           sender accounts (default 32)
#   IN_FLIGHT         submitted-but-not-included extrinsics per sender (default 96: 3072 in
#                     all, more than a block takes, and below the pool limit together with
#                     the included-but-unfinalized transactions the pool keeps)
#   PHASES            phases to run, in order (default "transfer,anchor")
#   FUND_UNITS        IOMT Alice gives every sender (default 1000)
#   POOL_LIMIT        if set, passed as --pool-limit (node default 8192 transactions)
#   POOL_KBYTES       if set, passed as --pool-kbytes (node default 20480)
#   POOL_TYPE         if set, passed as --pool-type (node default fork-aware)
#   RESULT_FILE       if set, the JSON result line is also written there
#   RPC_WAIT_SECS     how long to wait for the RPC to answer (default 120)
#   LOAD_TIMEOUT_SECS global bound on the load script (default 2*DURATION*phases + 900)
#
# Exit code: that of tests/load/anchors.mjs (0 = both phases included extrinsics and none
# failed; 1 = failures; 2 = set-up error), or 2-5 if the node could not be started.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# shellcheck source=scripts/lib/dev-node.sh
source scripts/lib/dev-node.sh

# NODE_BIN, RPC_WAIT_SECS, and the RPC, p2p and prometheus ports
dev_node_defaults 19946 30446 19617
export DURATION="${DURATION:-60}"
export SENDERS="${SENDERS:-32}"
export IN_FLIGHT="${IN_FLIGHT:-96}"
export PHASES="${PHASES:-transfer,anchor}"
export FUND_UNITS="${FUND_UNITS:-1000}"
n_phases=$(awk -F, '{print NF}' <<<"$PHASES")
LOAD_TIMEOUT_SECS="${LOAD_TIMEOUT_SECS:-$((2 * DURATION * n_phases + 900))}"

require_node_bin "$NODE_BIN"
ensure_test_deps -d tests/node_modules/@polkadot/api

# Stops the node (and the load script) on every exit; on failure prints the last 40 lines
# of its log.
dev_node_setup iomt-load 40
require_free_port

pool_args=()
[[ -n "${POOL_LIMIT:-}" ]] && pool_args+=(--pool-limit "$POOL_LIMIT")
[[ -n "${POOL_KBYTES:-}" ]] && pool_args+=(--pool-kbytes "$POOL_KBYTES")
[[ -n "${POOL_TYPE:-}" ]] && pool_args+=(--pool-type "$POOL_TYPE")

echo "==> $("$NODE_BIN" --version) ($NODE_BIN), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
echo "==> machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> starting iomt-node --dev --tmp (rpc $PORT, p2p $P2P_PORT) ${pool_args[*]:-}; log: $NODE_LOG"
start_dev_node ${pool_args[@]+"${pool_args[@]}"}
wait_for_rpc
echo "==> RPC is up; DURATION=$DURATION s per phase, PHASES=$PHASES, SENDERS=$SENDERS, IN_FLIGHT=$IN_FLIGHT"

export IOMT_WS="ws://127.0.0.1:$PORT"
export NODE_PID NODE_LOG
# `timeout` bounds the whole run; the script also bounds every wait itself.
run_bounded "$LOAD_TIMEOUT_SECS" "the load script" node tests/load/anchors.mjs
