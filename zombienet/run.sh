#!/usr/bin/env bash
# Spawn the four-validator network of zombienet/network.toml with zombienet's native
# provider and run the assertions of zombienet/network.zndsl against it.
#
# Environment:
#   IOMT_NODE / NODE_BIN  node binary (default: $CARGO_TARGET_DIR/release/iomt-node,
#                         CARGO_TARGET_DIR defaulting to $HOME/.cache/iomt-chain/target).
#                         Exported as the absolute path IOMT_NODE, which network.toml reads.
#   ZOMBIENET_TIMEOUT     global bound in seconds on the whole run (default 1200)
#   ZOMBIENET_DIR         where zombienet puts chain specs, node data and logs
#                         (default: a fresh temporary directory; kept on failure)
#
# Exit code: zombienet's (0 = every assertion passed; 124 = global timeout).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# shellcheck source=scripts/lib/dev-node.sh
source scripts/lib/dev-node.sh

IOMT_NODE="${IOMT_NODE:-${NODE_BIN:-$(default_node_bin)}}"
ZOMBIENET_TIMEOUT="${ZOMBIENET_TIMEOUT:-1200}"

require_node_bin "$IOMT_NODE" "IOMT_NODE / NODE_BIN"
# network.toml is rendered with the environment: `{{IOMT_NODE}}` must be an absolute path
# (an unset variable would silently make zombienet run `polkadot`).
IOMT_NODE="$(cd "$(dirname "$IOMT_NODE")" && pwd)/$(basename "$IOMT_NODE")"
export IOMT_NODE
export PATH="$(dirname "$IOMT_NODE"):$PATH"

ensure_test_deps -x tests/node_modules/.bin/zombienet
ZOMBIENET="$REPO_ROOT/tests/node_modules/.bin/zombienet"

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/iomt-zombienet.XXXXXX")"
NET_DIR="${ZOMBIENET_DIR:-$WORK_DIR/net}"
ZN_PID=""
ZN_RC=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n "$ZN_RC" ]] && rc=$ZN_RC
  if [[ -n "$ZN_PID" ]]; then
    # zombienet runs in its own process group (setsid below), and the nodes it spawns
    # stay in that group: TERM lets zombienet tear the network down itself, then
    # whatever is left of the group is killed.
    if kill -0 -- "-$ZN_PID" 2>/dev/null; then
      echo "==> stopping zombienet (process group $ZN_PID)"
      kill -TERM -- "-$ZN_PID" 2>/dev/null || true
      for _ in $(seq 1 30); do
        kill -0 -- "-$ZN_PID" 2>/dev/null || break
        sleep 1
      done
      kill -KILL -- "-$ZN_PID" 2>/dev/null || true
    fi
    wait "$ZN_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    echo "==> FAILED (exit $rc). Network files and node logs: $NET_DIR" >&2
    for log in "$NET_DIR"/*.log; do
      [[ -f "$log" ]] || continue
      echo "---- last 40 lines of $log" >&2
      tail -n 40 "$log" >&2
    done
  elif [[ -z "${ZOMBIENET_DIR:-}" ]]; then
    rm -rf "$WORK_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; ZN_RC=130; exit 130' INT
trap 'echo "terminated" >&2; ZN_RC=143; exit 143' TERM

echo "==> zombienet $("$ZOMBIENET" version 2>/dev/null | tail -n 1), node: $IOMT_NODE"
echo "==> network dir: $NET_DIR (global timeout ${ZOMBIENET_TIMEOUT}s)"

# -p native: local processes; -l text: plain log lines (CI friendly); -d: known place for
# chain specs and logs; -f: never prompt (there is no stdin in CI).
setsid timeout --kill-after=30 "$ZOMBIENET_TIMEOUT" \
  "$ZOMBIENET" -p native -l text -d "$NET_DIR" -f test zombienet/network.zndsl </dev/null &
ZN_PID=$!
set +e
wait "$ZN_PID"
ZN_RC=$?
set -e
if [[ $ZN_RC -eq 124 ]]; then
  echo "error: zombienet did not finish within ${ZOMBIENET_TIMEOUT}s" >&2
fi
exit "$ZN_RC"
