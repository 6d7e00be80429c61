#!/usr/bin/env bash
# Installs what building, running and testing Carelink needs on a Debian
# machine, skipping whatever is already there. Sourced by run-demo.sh and
# test.sh; `setup.sh --test` also installs the test-only tools.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
apt_updated=false
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    if ! $apt_updated; then $SUDO apt-get update -qq; apt_updated=true; fi
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Rust toolchain pieces
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

CARGO_LEPTOS_VERSION=0.3.8
if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# Node (for wasm-opt from npm, and Playwright)
if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
if [[ "$(wasm-opt --version 2>/dev/null || true)" != *"version 132"* ]]; then
  say "installing wasm-opt (binaryen 132) from npm"
  $SUDO npm install -g --silent binaryen@132
fi

if $want_test; then
  apt_install chromium postgresql brotli
  if [[ ! -d end2end/node_modules/@playwright/test ]]; then
    say "installing end-to-end test packages"
    (cd end2end && npm ci --silent --no-audit --no-fund)
  fi
fi
