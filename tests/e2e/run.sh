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

CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iomt-chain/target}"
NODE_BIN="${NODE_BIN:-$CARGO_TARGET_DIR/release/iomt-node}"
PORT="${PORT:-19944}"
P2P_PORT="${P2P_PORT:-30444}"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-19615}"
RPC_WAIT_SECS="${RPC_WAIT_SECS:-120}"
TEST_TIMEOUT_SECS="${TEST_TIMEOUT_SECS:-600}"

if [[ ! -x "$NODE_BIN" ]]; then
  echo "error: node binary not found or not executable: $NODE_BIN" >&2
  echo "       build it (cargo build --release) or set NODE_BIN" >&2
  exit 2
fi

if [[ ! -d tests/node_modules/@polkadot/api ]]; then
  echo "==> installing test dependencies (npm ci in tests/)"
  (cd tests && npm ci --no-audit --no-fund)
fi

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/iomt-e2e.XXXXXX")"
NODE_LOG="$WORK_DIR/node.log"
NODE_PID=""
TEST_PID=""

# Does a JSON-RPC server answer on 127.0.0.1:$PORT?
rpc_answers() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -m 2 -H 'Content-Type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
      "http://127.0.0.1:$PORT" 2>/dev/null | grep -q '"result"'
  else
    # no curl: settle for the TCP port accepting connections
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
  fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # the status to report: the test's if it ran, else whatever made us leave
  [[ -n "${TEST_RC:-}" ]] && rc=$TEST_RC
  if [[ -n "$TEST_PID" ]] && kill -0 "$TEST_PID" 2>/dev/null; then
    kill -TERM "$TEST_PID" 2>/dev/null || true
    wait "$TEST_PID" 2>/dev/null || true
  fi
  if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2>/dev/null; then
    echo "==> stopping iomt-node (pid $NODE_PID)"
    kill -TERM "$NODE_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$NODE_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$NODE_PID" 2>/dev/null; then
      echo "    still running after 10 s, sending SIGKILL"
      kill -KILL "$NODE_PID" 2>/dev/null || true
    fi
    wait "$NODE_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    echo "==> FAILED (exit $rc); last 80 lines of the node log ($NODE_LOG):" >&2
    tail -n 80 "$NODE_LOG" >&2 2>/dev/null || echo "    (no node log)" >&2
    echo "==> work dir kept: $WORK_DIR" >&2
  else
    rm -rf "$WORK_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; TEST_RC=130; exit 130' INT
trap 'echo "terminated" >&2; TEST_RC=143; exit 143' TERM

if rpc_answers; then
  echo "error: something already answers on 127.0.0.1:$PORT; set PORT to a free port" >&2
  exit 5
fi

echo "==> starting $NODE_BIN --dev --tmp (rpc $PORT, p2p $P2P_PORT); log: $NODE_LOG"
"$NODE_BIN" --dev --tmp \
  --rpc-port "$PORT" \
  --port "$P2P_PORT" \
  --prometheus-port "$PROMETHEUS_PORT" \
  --no-telemetry \
  --no-mdns \
  >"$NODE_LOG" 2>&1 &
NODE_PID=$!

# Wait (bounded) until the JSON-RPC server answers system_health over HTTP.
echo "==> waiting up to ${RPC_WAIT_SECS}s for the RPC on 127.0.0.1:$PORT"
deadline=$((SECONDS + RPC_WAIT_SECS))
until rpc_answers; do
  if ! kill -0 "$NODE_PID" 2>/dev/null; then
    echo "error: iomt-node exited before its RPC came up" >&2
    NODE_PID=""
    exit 3
  fi
  if ((SECONDS >= deadline)); then
    echo "error: RPC on port $PORT did not answer within ${RPC_WAIT_SECS}s" >&2
    exit 4
  fi
  sleep 1
done
echo "==> RPC is up"

export IOMT_WS="ws://127.0.0.1:$PORT"
# `timeout` bounds the whole run; the tests also bound every wait themselves.
# The test files are listed by the shell so this works with node 20 and 22+ alike
# (node 22 reads the arguments of --test as globs). Run in the background and `wait`,
# so that INT/TERM traps fire at once instead of after the tests end. One file at a
# time: the files all send from Alice, whose nonce they would otherwise race for.
timeout --kill-after=15 "$TEST_TIMEOUT_SECS" node --test --test-concurrency=1 tests/e2e/*.test.mjs &
TEST_PID=$!
set +e
wait "$TEST_PID"
TEST_RC=$?
set -e
TEST_PID=""
if [[ $TEST_RC -eq 124 ]]; then
  echo "error: the tests did not finish within ${TEST_TIMEOUT_SECS}s" >&2
fi
exit "$TEST_RC"
