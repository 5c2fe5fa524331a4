#!/usr/bin/env bash
# Prints the raw and gzipped sizes of the built WASM and its JS glue, and fails when the
# gzipped WASM is over budget. It never builds: run `make wasm` (or `make size`) first.
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_GZ=${BUDGET_GZ:-450000}   # bytes, gzip -9: the analyzer with its model built in (≤ 450 KB gzipped)
wasm=pkg/read_the_room_bg.wasm
glue=pkg/read_the_room.js
[ -f "$wasm" ] || { echo "size: $wasm not found; run make wasm first" >&2; exit 1; }

row() { printf '%-28s %10s bytes raw %10s bytes gzipped\n' "$1" "$(wc -c < "$1")" "$(gzip -9c "$1" | wc -c)"; }
row "$wasm"
row "$glue"
gz=$(gzip -9c "$wasm" | wc -c)
if [ "$gz" -gt "$BUDGET_GZ" ]; then
  echo "size: FAIL: $wasm is $gz bytes gzipped, over the $BUDGET_GZ-byte budget" >&2
  exit 1
fi
echo "size: ok: $gz of $BUDGET_GZ bytes gzipped ($(( gz * 100 / BUDGET_GZ ))% of budget)"
