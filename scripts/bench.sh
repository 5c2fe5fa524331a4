#!/usr/bin/env bash
# `make bench`: the analyzer's budgets measured natively (criterion, benches/analyzer.rs) and in
# headless Chromium (tests/bench/chromium-bench.mjs: WASM, then the extension on a 500-comment
# page), merged into target/bench/summary.json with a table against DESIGN.md's budgets.
# It measures and reports; it never fails because a budget is exceeded.
#   scripts/bench.sh            full run (about 5 minutes on 2 cores)
#   BENCH_QUICK=1 scripts/bench.sh   shorter runs, noisier figures
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
quick="${BENCH_QUICK:-0}"
measure=3
chromium_flags=()
if [[ "$quick" == 1 ]]; then
  measure=1
  chromium_flags=(--quick)
fi

# Stale figures must never reach the summary: drop the previous results of these benches.
rm -rf "$target/bench/chromium.json" "$target/bench/summary.json" "$target/bench/growth.json" \
  "$target/criterion/keystroke_rescore_1000" "$target/criterion/card_fixes_1000" "$target/criterion/thread_analyse_200" \
  "$target/criterion/oneshot_analyze_case_200" "$target/criterion/sweep_reply" "$target/criterion/sweep_thread" \
  "$target/criterion/rescore_vs_thread"
mkdir -p "$target/bench"

echo "bench: criterion (native, measurement ${measure}s per figure)"
cargo bench --quiet --bench analyzer -- --warm-up-time 1 --measurement-time "$measure" --noplot
echo "bench: growth check (doubling sizes up to 2 M chars and 32,000 messages)"
cargo bench --quiet --bench growth

echo "bench: headless Chromium (WASM, then the extension)"
node tests/bench/chromium-bench.mjs "${chromium_flags[@]}"

node tests/bench/summary.mjs
