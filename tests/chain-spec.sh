#!/usr/bin/env bash
# Builds the example consortium chain spec (docs/CONSORTIUM.md) and checks it:
# the genesis builds in the runtime (build-spec --raw runs it), the founding validators
# are staked and approved, and there is no sudo key. Prints node:test-style totals.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
check() { # name, command...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "not ok - $name"; fi
}
check "consortium spec builds (genesis executes in the runtime)" \
  bash scripts/consortium-chain-spec.sh docs/consortium-genesis.example.json "Example Consortium" example_consortium "$out"
# Sudo::Key = twox128("Sudo") ++ twox128("Key")
sudo_key=0x5c0d1176a568c1f92944340dbfed9e9c530ebca703c85910e7164cb7d1c9e47b
check "consortium spec has no sudo key" bash -c "! grep -q '$sudo_key' '$out/example_consortium-raw.json'"
check "development spec does have a sudo key" bash -c "'$IOMT_NODE' build-spec --chain dev --raw 2>/dev/null | grep -q '$sudo_key'"
check "consortium spec is a Live chain with the example's id" python3 - "$out/example_consortium.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
p = s["genesis"]["runtimeGenesis"]["patch"]
assert s["chainType"] == "Live" and s["id"] == "example_consortium", s["chainType"]
assert len(p["staking"]["stakers"]) == 3
assert sorted(a for a, _ in p["validatorAllowlist"]["approved"]) == sorted(x[0] for x in p["staking"]["stakers"])
assert all(org < len(p["registry"]["organisations"]) for _, org in p["validatorAllowlist"]["approved"])
assert p["sudo"]["key"] is None
PY
echo "# chain-spec: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
