#!/usr/bin/env bash
# Prints the raw and brotli sizes of the WASM, JS and CSS the first page
# loads, against the 250 KB (brotli) budget. Reports; never fails on size.
set -euo pipefail
cd "$(dirname "$0")/.."
site="${LEPTOS_SITE_ROOT:-target/site}/pkg"
[[ "${1:-}" == "--build" ]] && cargo leptos build --release
if [[ ! -d "$site" ]]; then echo "no build at $site: run cargo leptos build --release"; exit 1; fi
total_raw=0; total_br=0
printf '%-28s %12s %12s\n' "first-page asset" "raw bytes" "brotli bytes"
for f in "$site"/*.wasm "$site"/*.js "$site"/*.css; do
  [[ -f "$f" ]] || continue
  raw=$(stat -c %s "$f")
  br=$(brotli -c -q 11 "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_br=$((total_br + br))
  printf '%-28s %12d %12d\n' "$(basename "$f")" "$raw" "$br"
done
printf '%-28s %12d %12d\n' "total" "$total_raw" "$total_br"
budget=$((250 * 1024))
if ((total_br <= budget)); then
  echo "first page: $((total_br / 1024)) KB brotli, within the 250 KB budget"
else
  echo "first page: $((total_br / 1024)) KB brotli, OVER the 250 KB budget by $(((total_br - budget) / 1024)) KB"
fi
