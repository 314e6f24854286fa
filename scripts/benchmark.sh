#!/usr/bin/env bash
# Regenerates the weights of our pallets from their FRAME benchmarks, on this machine.
#
#   scripts/benchmark.sh [pallet ...]     (default: every pallet of ours)
#
# Builds the node with the `runtime-benchmarks` feature (a separate, long build: do it once
# per batch of pallet changes), runs `iomt-node benchmark pallet` for each pallet and writes
# its `src/weights.rs` from scripts/weight-template.hbs. It also measures
# frame_system::remark_with_event in the same run and writes the comparison table to
# docs/WEIGHTS.md. STEPS and REPEAT can be overridden from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
STEPS=${STEPS:-50}
REPEAT=${REPEAT:-20}
ALL=(pallet_validator_allowlist pallet_registry pallet_pseudonyms pallet_consent pallet_audit
  pallet_records pallet_devices)
PALLETS=("${@:-${ALL[@]}}")

# The storage-access test runtime of frame-benchmarking-cli (used only by `benchmark storage`)
# cannot find itself through WASM_BUILD_WORKSPACE_HINT, since it is not in the default
# dependency graph; we do not need its Wasm.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
cargo build --release --locked -p iomt-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/iomt-node"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bench() { # pallet, extrinsics, output
  "$node" benchmark pallet --chain dev --pallet "$1" --extrinsic "$2" \
    --steps "$STEPS" --repeat "$REPEAT" --wasm-execution compiled \
    --template scripts/weight-template.hbs --output "$3"
}

bench frame_system remark_with_event "$out/frame_system.rs"
for p in "${PALLETS[@]}"; do
  dir=pallets/$(echo "${p#pallet_}" | tr _ -)
  bench "$p" '*' "$dir/src/weights.rs"
done

python3 scripts/weights-summary.py "$out/frame_system.rs" "${PALLETS[@]}" > docs/WEIGHTS.md
echo "weights written; summary in docs/WEIGHTS.md"
