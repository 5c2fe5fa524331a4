#!/usr/bin/env bash
# Builds the analyzer to WebAssembly: cargo (profile wasm-release, wasm32) then `wasm-bindgen --target web`
# into pkg/, then copies pkg/ into www/pkg/ for the playground. It never edits generated files;
# the extension build copies pkg/ into the extension itself.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "wasm: cargo build (wasm32, profile wasm-release)…"
cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --lib
# --experimental-reset-state-function: js/analyzer-client.mjs re-instantiates the module after a trap.
wasm-bindgen --target web --out-dir pkg --no-typescript --remove-producers-section --remove-name-section \
  --experimental-reset-state-function \
  target/wasm32-unknown-unknown/wasm-release/read_the_room.wasm

rm -rf www/pkg
mkdir -p www/pkg
cp pkg/read_the_room.js pkg/read_the_room_bg.wasm js/analyzer-client.mjs js/fix-edits.mjs www/pkg/
echo "wasm: pkg/ and www/pkg/ ($(wc -c < pkg/read_the_room_bg.wasm) bytes)"
