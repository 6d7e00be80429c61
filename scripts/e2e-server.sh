#!/usr/bin/env bash
# Starts the release server for the end-to-end tests on a fresh SQLite
# database with the demo data. Used by end2end/playwright.config.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-3100}"
dir="target/e2e"
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="sqlite://$dir/e2e.db"
export LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD
export BIND_ADDR="127.0.0.1:$port"
export INSECURE_COOKIES=true
./target/release/server seed-demo --password "e2e-password-2026" >/dev/null
exec ./target/release/server serve
