#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build, load demo
# data and serve Carelink on http://127.0.0.1:3000.
#   DEMO_PASSWORD   password for the demo users (default below)
#   DATABASE_URL    default sqlite://data/carelink.db
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

cargo leptos build --release

export LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD
export BIND_ADDR="${BIND_ADDR:-127.0.0.1:3000}"
# Local plain http: cookies without the Secure flag. Never in production.
export INSECURE_COOKIES="${INSECURE_COOKIES:-true}"
DEMO_PASSWORD="${DEMO_PASSWORD:-carelink-demo-2026}"

./target/release/server seed-demo --password "$DEMO_PASSWORD"
echo "Demo password: $DEMO_PASSWORD"
exec ./target/release/server serve
