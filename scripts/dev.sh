#!/usr/bin/env bash
# One command: set up, build and start a development chain.
#   Alice validates alone; blocks are produced and finalized at once.
#   RPC on ws://127.0.0.1:9944 (polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944).
# Extra arguments go to the node, e.g. `scripts/dev.sh --tmp` for a throw-away database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
bash scripts/build.sh
exec "$IOMT_NODE" --dev --rpc-port 9944 "$@"
