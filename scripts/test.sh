#!/usr/bin/env bash
# One command: set up, build and run every test.
#   1. pallet and runtime tests (cargo test, release profile);
#   2. each pallet's FRAME benchmarks, run as tests against its mock, and a check that
#      the runtime compiles with `try-runtime`;
#   3. chain specs: the example consortium spec builds, without sudo;
#   4. end-to-end through @polkadot/api against a development node: a signed transfer, and
#      a patient's record and access requests checked through the audit and records
#      runtime APIs;
#   5. network: a 4-validator zombienet network that produces and finalizes blocks
#      (skip with IOMT_SKIP_NETWORK=1).
# Ends with one line of totals over every suite: "total: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

logs=$(mktemp -d "${TMPDIR:-/tmp}/iomt-test.XXXXXX")
step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
run() { # log-name, command...: runs the command, keeps its output for the totals
  local log="$logs/$1.log"; shift
  set +e
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}
started=$(date +%s)

step "setup"
bash scripts/setup.sh

step "build node and runtime"
bash scripts/build.sh

step "pallet and runtime tests"
run cargo cargo test --release --locked --workspace

step "benchmark test suites (each pallet's benchmarks run once against its mock)"
for pallet in pallet-validator-allowlist pallet-registry pallet-pseudonyms pallet-consent \
  pallet-records pallet-audit pallet-devices; do
  run "bench-$pallet" cargo test --release --locked -p "$pallet" --features runtime-benchmarks benchmark
done

step "try-runtime: the runtime compiles with its try_state hooks and TryRuntime API"
SKIP_WASM_BUILD=1 cargo check --release --locked -p iomt-runtime --features try-runtime

step "chain specs"
run chainspec bash tests/chain-spec.sh

step "end-to-end test against a development node"
run e2e bash tests/e2e/run.sh

if [ "${IOMT_SKIP_NETWORK:-0}" != "1" ]; then
  step "4-validator zombienet network test"
  run zombienet bash zombienet/run.sh
else
  step "network test skipped (IOMT_SKIP_NETWORK=1)"
fi

step "all suites passed in $(( $(date +%s) - started )) s"

# Totals over every suite: the last line of the run.
python3 - "$logs" <<'PY'
import pathlib, re, sys
logs = pathlib.Path(sys.argv[1])
def read(name):
    p = logs / f"{name}.log"
    return re.sub(r"\x1b\[[0-9;]*m", "", p.read_text(errors="replace")) if p.exists() else ""
passed = failed = 0
cargo_logs = [read("cargo")] + [p.read_text(errors="replace") for p in sorted(logs.glob("bench-*.log"))]
for log in cargo_logs:
    for m in re.finditer(r"test result: \w+\. (\d+) passed; (\d+) failed", log):
        passed += int(m[1]); failed += int(m[2])
m = re.search(r"chain-spec: (\d+) passed, (\d+) failed", read("chainspec"))
if m: passed += int(m[1]); failed += int(m[2])
e2e = read("e2e")
for key in ("pass", "fail"):
    m = re.search(rf"^# {key} (\d+)", e2e, re.M)
    if m:
        if key == "pass": passed += int(m[1])
        else: failed += int(m[1])
m = re.search(r"Result: (\d+)/(\d+)", read("zombienet"))
if m: passed += int(m[1]); failed += int(m[2]) - int(m[1])
print(f"total: {passed} passed, {failed} failed")
PY
rm -rf "$logs"
