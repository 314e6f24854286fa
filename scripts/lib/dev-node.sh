# Shared by the scripts that run something against a node, sourced from the repository
# root (after `set -euo pipefail`):
#   - tests/e2e/run.sh and scripts/load.sh: a throw-away `iomt-node --dev --tmp` that is
#     always stopped again (dev_node_defaults, dev_node_setup, require_free_port,
#     start_dev_node, wait_for_rpc, run_bounded);
#   - the same two and zombienet/run.sh: the node binary and the npm dependencies of tests/
#     (default_node_bin, require_node_bin, ensure_test_deps).
#
# The dev-node functions read NODE_BIN, PORT, P2P_PORT, PROMETHEUS_PORT and RPC_WAIT_SECS,
# and set WORK_DIR, NODE_LOG, NODE_PID, RUN_PID and RUN_RC.

# The release node binary in the shared cargo target directory (see scripts/env.sh).
default_node_bin() {
  printf '%s\n' "${CARGO_TARGET_DIR:-$HOME/.cache/iomt-chain/target}/release/iomt-node"
}

# require_node_bin PATH [VARIABLES]: exit 2 unless PATH is an executable file; VARIABLES
# names what sets it in the error message (default NODE_BIN).
require_node_bin() {
  if [[ ! -x "$1" ]]; then
    echo "error: node binary not found or not executable: $1" >&2
    echo "       build it (cargo build --release) or set ${2:-NODE_BIN}" >&2
    exit 2
  fi
}

# ensure_test_deps TEST-EXPRESSION...: `npm ci` in tests/ unless `test TEST-EXPRESSION...`
# holds, e.g. `ensure_test_deps -d tests/node_modules/@polkadot/api`.
ensure_test_deps() {
  if ! test "$@"; then
    echo "==> installing test dependencies (npm ci in tests/)"
    (cd tests && npm ci --no-audit --no-fund)
  fi
}

# dev_node_defaults RPC P2P PROMETHEUS: the defaults of NODE_BIN, RPC_WAIT_SECS (120 s) and
# of the node's ports PORT, P2P_PORT and PROMETHEUS_PORT, for whatever the environment
# does not set.
dev_node_defaults() {
  NODE_BIN="${NODE_BIN:-$(default_node_bin)}"
  PORT="${PORT:-$1}"
  P2P_PORT="${P2P_PORT:-$2}"
  PROMETHEUS_PORT="${PROMETHEUS_PORT:-$3}"
  RPC_WAIT_SECS="${RPC_WAIT_SECS:-120}"
}

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

# dev_node_setup NAME LOG_LINES: make the work dir ${TMPDIR:-/tmp}/NAME.XXXXXX (node log
# inside) and install the traps: on exit the command of run_bounded and the node are
# stopped, and on failure the last LOG_LINES lines of the node log are printed and the
# work dir is kept. The exit status is the command's if it ran (130/143 on INT/TERM).
dev_node_setup() {
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  NODE_LOG="$WORK_DIR/node.log"
  NODE_PID=""
  RUN_PID=""
  RUN_RC=""
  DEV_NODE_LOG_LINES="$2"
  trap dev_node_cleanup EXIT
  trap 'echo "interrupted" >&2; RUN_RC=130; exit 130' INT
  trap 'echo "terminated" >&2; RUN_RC=143; exit 143' TERM
}

# Stop the node: TERM, then KILL if it is still running 10 s later.
stop_dev_node() {
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
}

dev_node_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # the status to report: the command's if it ran, else whatever made us leave
  [[ -n "$RUN_RC" ]] && rc=$RUN_RC
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    kill -TERM "$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
  fi
  stop_dev_node
  if [[ $rc -ne 0 ]]; then
    echo "==> FAILED (exit $rc); last $DEV_NODE_LOG_LINES lines of the node log ($NODE_LOG):" >&2
    tail -n "$DEV_NODE_LOG_LINES" "$NODE_LOG" >&2 2>/dev/null || echo "    (no node log)" >&2
    echo "==> work dir kept: $WORK_DIR" >&2
  else
    rm -rf "$WORK_DIR"
  fi
  exit "$rc"
}

# Exit 5 if something already answers on the RPC port.
require_free_port() {
  if rpc_answers; then
    echo "error: something already answers on 127.0.0.1:$PORT; set PORT to a free port" >&2
    exit 5
  fi
}

# start_dev_node [EXTRA-ARGS...]: start `$NODE_BIN --dev --tmp` on the configured ports, in
# the background, logging to $NODE_LOG.
start_dev_node() {
  "$NODE_BIN" --dev --tmp \
    --rpc-port "$PORT" \
    --port "$P2P_PORT" \
    --prometheus-port "$PROMETHEUS_PORT" \
    --no-telemetry \
    --no-mdns \
    "$@" \
    >"$NODE_LOG" 2>&1 &
  NODE_PID=$!
}

# Wait (bounded by RPC_WAIT_SECS) until the JSON-RPC server answers system_health over HTTP;
# exit 3 if the node died first, 4 on the timeout.
wait_for_rpc() {
  echo "==> waiting up to ${RPC_WAIT_SECS}s for the RPC on 127.0.0.1:$PORT"
  local deadline=$((SECONDS + RPC_WAIT_SECS))
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
}

# run_bounded SECS WHAT COMMAND...: run COMMAND under `timeout SECS` and exit with its
# status (WHAT names it in the timeout message). It runs in the background and is `wait`ed
# for, so that the INT/TERM traps fire at once, not after it ends.
run_bounded() {
  local secs=$1 what=$2
  shift 2
  timeout --kill-after=15 "$secs" "$@" &
  RUN_PID=$!
  set +e
  wait "$RUN_PID"
  RUN_RC=$?
  set -e
  RUN_PID=""
  if [[ $RUN_RC -eq 124 ]]; then
    echo "error: $what did not finish within ${secs}s" >&2
  fi
  exit "$RUN_RC"
}
