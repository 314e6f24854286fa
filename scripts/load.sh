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

CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iomt-chain/target}"
NODE_BIN="${NODE_BIN:-$CARGO_TARGET_DIR/release/iomt-node}"
PORT="${PORT:-19946}"
P2P_PORT="${P2P_PORT:-30446}"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-19617}"
RPC_WAIT_SECS="${RPC_WAIT_SECS:-120}"
export DURATION="${DURATION:-60}"
export SENDERS="${SENDERS:-32}"
export IN_FLIGHT="${IN_FLIGHT:-96}"
export PHASES="${PHASES:-transfer,anchor}"
export FUND_UNITS="${FUND_UNITS:-1000}"
n_phases=$(awk -F, '{print NF}' <<<"$PHASES")
LOAD_TIMEOUT_SECS="${LOAD_TIMEOUT_SECS:-$((2 * DURATION * n_phases + 900))}"

if [[ ! -x "$NODE_BIN" ]]; then
  echo "error: node binary not found or not executable: $NODE_BIN" >&2
  echo "       build it (cargo build --release) or set NODE_BIN" >&2
  exit 2
fi

if [[ ! -d tests/node_modules/@polkadot/api ]]; then
  echo "==> installing test dependencies (npm ci in tests/)"
  (cd tests && npm ci --no-audit --no-fund)
fi

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/iomt-load.XXXXXX")"
NODE_LOG="$WORK_DIR/node.log"
NODE_PID=""
LOAD_PID=""

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
  # the status to report: the load script's if it ran, else whatever made us leave
  [[ -n "${LOAD_RC:-}" ]] && rc=$LOAD_RC
  if [[ -n "$LOAD_PID" ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
    kill -TERM "$LOAD_PID" 2>/dev/null || true
    wait "$LOAD_PID" 2>/dev/null || true
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
    echo "==> FAILED (exit $rc); last 40 lines of the node log ($NODE_LOG):" >&2
    tail -n 40 "$NODE_LOG" >&2 2>/dev/null || echo "    (no node log)" >&2
    echo "==> work dir kept: $WORK_DIR" >&2
  else
    rm -rf "$WORK_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; LOAD_RC=130; exit 130' INT
trap 'echo "terminated" >&2; LOAD_RC=143; exit 143' TERM

if rpc_answers; then
  echo "error: something already answers on 127.0.0.1:$PORT; set PORT to a free port" >&2
  exit 5
fi

pool_args=()
[[ -n "${POOL_LIMIT:-}" ]] && pool_args+=(--pool-limit "$POOL_LIMIT")
[[ -n "${POOL_KBYTES:-}" ]] && pool_args+=(--pool-kbytes "$POOL_KBYTES")
[[ -n "${POOL_TYPE:-}" ]] && pool_args+=(--pool-type "$POOL_TYPE")

echo "==> $("$NODE_BIN" --version) ($NODE_BIN), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
echo "==> machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> starting iomt-node --dev --tmp (rpc $PORT, p2p $P2P_PORT) ${pool_args[*]:-}; log: $NODE_LOG"
"$NODE_BIN" --dev --tmp \
  --rpc-port "$PORT" \
  --port "$P2P_PORT" \
  --prometheus-port "$PROMETHEUS_PORT" \
  --no-telemetry \
  --no-mdns \
  ${pool_args[@]+"${pool_args[@]}"} \
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
echo "==> RPC is up; DURATION=$DURATION s per phase, PHASES=$PHASES, SENDERS=$SENDERS, IN_FLIGHT=$IN_FLIGHT"

export IOMT_WS="ws://127.0.0.1:$PORT"
export NODE_PID NODE_LOG
# `timeout` bounds the whole run; the script also bounds every wait itself. Run in the
# background and `wait`, so that INT/TERM traps fire at once.
timeout --kill-after=15 "$LOAD_TIMEOUT_SECS" node tests/load/anchors.mjs &
LOAD_PID=$!
set +e
wait "$LOAD_PID"
LOAD_RC=$?
set -e
LOAD_PID=""
if [[ $LOAD_RC -eq 124 ]]; then
  echo "error: the load script did not finish within ${LOAD_TIMEOUT_SECS}s" >&2
fi
exit "$LOAD_RC"
