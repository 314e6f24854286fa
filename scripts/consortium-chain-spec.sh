#!/usr/bin/env bash
# Builds a consortium's own chain spec from a genesis patch (its validators, keys,
# balances, council) on top of the runtime's defaults. No sudo key unless the patch sets one.
#
#   scripts/consortium-chain-spec.sh PATCH.json NAME ID OUT_DIR
#
# Writes OUT_DIR/ID.json (human-readable) and OUT_DIR/ID-raw.json (what validators run
# with `--chain OUT_DIR/ID-raw.json`). See docs/CONSORTIUM.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ $# -ne 4 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
patch=$1 name=$2 id=$3 out=$4
mkdir -p "$out"
base=$(mktemp)
trap 'rm -f "$base"' EXIT
# Start from the local_testnet spec only for its shape and runtime code; the preset
# patch is replaced as a whole.
"$IOMT_NODE" build-spec --chain local --disable-default-bootnode > "$base" 2>/dev/null
python3 - "$base" "$patch" "$name" "$id" "$out/$id.json" <<'PY'
import json, sys
base, patch, name, cid, out = sys.argv[1:]
spec = json.load(open(base))
p = json.load(open(patch))
p.pop("_comment", None)
rg = spec["genesis"]["runtimeGenesis"]
rg.pop("patch", None); rg.pop("config", None); rg.pop("preset", None)
rg["patch"] = p
spec["name"], spec["id"] = name, cid
spec["chainType"] = "Live"
spec["bootNodes"] = []
spec["protocolId"] = "iomt"
json.dump(spec, open(out, "w"), indent=2)
PY
"$IOMT_NODE" build-spec --chain "$out/$id.json" --raw --disable-default-bootnode > "$out/$id-raw.json" 2>/dev/null
echo "wrote $out/$id.json and $out/$id-raw.json"
