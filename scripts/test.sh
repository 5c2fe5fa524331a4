#!/usr/bin/env bash
# Runs every test, in order: cargo test (all targets, then doc examples), the WASM parity and
# API tests, then the browser end-to-end and unit tests in Chromium (node --test, one file at a
# time), then the Firefox end-to-end tests (tests/firefox/, headless Firefox ESR).
# Every stage runs even when an earlier one fails; it ends with each runner's summary and
# exits non-zero on any failure. It never builds the WASM or the extension: `make test` does that first.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()
summaries=()
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

# Runs a stage, streaming its output, and keeps the lines that summarise it.
stage() {
  local name=$1 pattern=$2; shift 2
  echo "==> $name: $*"
  "$@" 2>&1 | tee "$log_dir/$name.log"
  local status=${PIPESTATUS[0]}
  summaries+=("--- $name (exit $status)")
  while IFS= read -r line; do summaries+=("$line"); done < <(grep -E "$pattern" "$log_dir/$name.log" || true)
  [ "$status" -eq 0 ] || failed+=("$name")
}

cargo_summary='^test result:|^error(\[|:)'
stage cargo "$cargo_summary" cargo test --all-targets
# --all-targets leaves out the documentation examples; they are tests too.
stage cargo-doc "$cargo_summary" cargo test --doc

# The committed model must be what `make train` makes from the committed corpus, byte for byte.
model_check() {
  cargo run --release --quiet -- train --out target/model-check.model >/dev/null || return 1
  if cmp -s target/model-check.model model/read-the-room.model; then
    echo "model: make train reproduces model/read-the-room.model byte for byte"
  else
    echo "model: FAIL: make train gives a different model than model/read-the-room.model (run make train and commit it)"
    return 1
  fi
}
stage model '^model:' model_check

node_summary='^# (tests|pass|fail|cancelled|skipped|todo) '
stage wasm "$node_summary" node --test --test-concurrency=1 tests/wasm/

# Only directories that hold tests: node --test fails on a directory with none.
browser_dirs=()
for dir in tests/unit tests/e2e; do
  if compgen -G "$dir/*.test.mjs" >/dev/null || compgen -G "$dir/**/*.test.mjs" >/dev/null; then browser_dirs+=("$dir/"); fi
done
if [ ${#browser_dirs[@]} -gt 0 ]; then
  stage node "$node_summary" node --test --test-concurrency=1 "${browser_dirs[@]}"
else
  summaries+=("--- node: no tests in tests/unit or tests/e2e")
fi

stage firefox "$node_summary" node --test --test-concurrency=1 tests/firefox/

echo
echo "==================== summary ===================="
printf '%s\n' "${summaries[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "ALL PASSED"
