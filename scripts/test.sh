#!/usr/bin/env bash
# One command for every test: installs what is missing, then runs format
# and lint checks, unit, database (SQLite and PostgreSQL) and HTTP tests,
# a release build, the end-to-end tests in headless Chromium, and the size
# report. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
# One-shot builds: incremental caches only cost disk here.
export CARGO_INCREMENTAL=0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
log=$(mktemp)

step "format"
cargo fmt --all --check

step "clippy (server: ssr)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (browser: hydrate, wasm32)"
cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

step "PostgreSQL for the database tests"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port="${PG_TEST_PORT:-55432}"
pg_dir=$(mktemp -d /tmp/carelink-pg.XXXXXX)
chown postgres "$pg_dir"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
cleanup() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir" "$log"
}
trap cleanup EXIT
export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
export REQUIRE_POSTGRES=1

step "unit, database and HTTP tests (SQLite and PostgreSQL)"
cargo test --workspace --locked 2>&1 | tee -a "$log"

step "release build"
cargo leptos build --release 2>&1 | tail -n 5

step "end-to-end tests (headless Chromium, 390x844)"
(cd end2end && npx playwright test) 2>&1 | tee -a "$log"

step "size report"
bash scripts/size-report.sh

passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
e2e=$(grep -Eo '^ *[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
printf '\nall suites: %d passed, %d failed\n' "$((passed + e2e))" "$failed"
