#!/usr/bin/env bash
# Installs everything a fresh Debian machine lacks to build and test iomt-chain.
# Idempotent: every step checks before it installs, so running it twice is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

# 1. Debian packages: protoc (for libp2p/litep2p protobufs), clang/libclang for
#    -sys crates, pkg-config and ssl headers.
need_pkgs=()
command -v protoc >/dev/null 2>&1 || need_pkgs+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || need_pkgs+=(clang)
dpkg -s libclang-dev >/dev/null 2>&1 || need_pkgs+=(libclang-dev)
command -v pkg-config >/dev/null 2>&1 || need_pkgs+=(pkg-config)
dpkg -s libssl-dev >/dev/null 2>&1 || need_pkgs+=(libssl-dev)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
command -v node >/dev/null 2>&1 || need_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || need_pkgs+=(npm)
if ((${#need_pkgs[@]})); then
  log "apt-get install ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}"
else
  log "Debian packages present"
fi

# 2. Rust: the Wasm runtime is built for wasm32v1-none.
if ! command -v rustup >/dev/null 2>&1; then
  log "rustup missing: install Rust 1.95 via https://rustup.rs first" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx wasm32v1-none; then
  log "rustup target add wasm32v1-none"
  rustup target add wasm32v1-none
else
  log "wasm32v1-none target present"
fi

# 3. Node packages (end-to-end and network tests), from the lockfile.
if [ -f tests/package-lock.json ]; then
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    log "npm ci (tests/)"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  else
    log "Node packages present"
  fi
fi
log "done"
