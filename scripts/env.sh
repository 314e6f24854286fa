# Sourced by every script: one shared cargo target directory for developers and CI, so
# that CI reuses the build made on the same machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iomt-chain/target}"
export IOMT_NODE="${IOMT_NODE:-$CARGO_TARGET_DIR/release/iomt-node}"
# Cargo must not write inside the checkout's own target/ by accident.
mkdir -p "$CARGO_TARGET_DIR"
