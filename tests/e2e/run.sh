#!/usr/bin/env bash
# Start a throw-away `iomt-node --dev --tmp`, run the JavaScript end-to-end tests
# (node --test tests/e2e/) against it, and always stop the node again.
#
# Environment:
#   NODE_BIN          node binary (default: $CARGO_TARGET_DIR/release/iomt-node,
#                     CARGO_TARGET_DIR defaulting to $HOME/.cache/iomt-chain/target)
#   PORT              RPC port of the test node (default 19944, so a developer's dev chain
#                     on 9944 is left alone)
#   P2P_PORT          p2p port of the test node (default 30444)
#   PROMETHEUS_PORT   prometheus port of the test node (default 19615)
#   RPC_WAIT_SECS     how long to wait for the RPC to answer (default 120)
#   TEST_TIMEOUT_SECS global bound on the test run (default 600)
#
# Exit code: the exit code of the test run (non-zero too if the node never came up).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
# shellcheck source=scripts/lib/dev-node.sh
source scripts/lib/dev-node.sh

# NODE_BIN, RPC_WAIT_SECS, and the RPC, p2p and prometheus ports
dev_node_defaults 19944 30444 19615
TEST_TIMEOUT_SECS="${TEST_TIMEOUT_SECS:-600}"

require_node_bin "$NODE_BIN"
ensure_test_deps -d tests/node_modules/@polkadot/api

# Stops the node (and the tests) on every exit; on failure prints the last 80 lines of its log.
dev_node_setup iomt-e2e 80
require_free_port

echo "==> starting $NODE_BIN --dev --tmp (rpc $PORT, p2p $P2P_PORT); log: $NODE_LOG"
start_dev_node
wait_for_rpc
echo "==> RPC is up"

export IOMT_WS="ws://127.0.0.1:$PORT"
# `timeout` bounds the whole run; the tests also bound every wait themselves.
# The test files are listed by the shell so this works with node 20 and 22+ alike
# (node 22 reads the arguments of --test as globs). One file at a time: the files all
# send from Alice, whose nonce they would otherwise race for.
run_bounded "$TEST_TIMEOUT_SECS" "the tests" node --test --test-concurrency=1 tests/e2e/*.test.mjs
