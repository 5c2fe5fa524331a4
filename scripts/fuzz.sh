#!/usr/bin/env bash
# `make fuzz`: runs each cargo-fuzz target in fuzz/ for a fixed number of inputs (FUZZ_RUNS,
# default 20000), seeded with the labelled corpora. A crash stops that target, is kept in
# fuzz/artifacts/<target>/, and makes the script exit 1: turn it into a test in
# tests/regressions.rs (`cargo +nightly fuzz fmt <target> <file>` prints the input).
# Installs cargo-fuzz when missing. libFuzzer's sanitizer flags need nightly: it uses the
# nightly toolchain when rustup has one, otherwise stable with RUSTC_BOOTSTRAP=1 and no sanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${FUZZ_RUNS:-20000}"
targets=(parse_case score)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
  sanitizer=address
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  sanitizer=none
  echo "fuzz: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1 and no sanitizer"
fi

# Seed parse_case with real cases (one file per JSON line) the first time.
seeds=fuzz/corpus/parse_case
if [[ ! -d "$seeds" ]]; then
  mkdir -p "$seeds"
  n=0
  for file in tests/corpus/*.jsonl ../shared/corpus/dev.jsonl; do
    [[ -f "$file" ]] || continue
    while IFS= read -r line; do
      [[ -n "$line" ]] || continue
      n=$((n + 1))
      printf '%s' "$line" > "$seeds/seed-$n.json"
    done < "$file"
  done
  echo "fuzz: seeded $n cases into $seeds"
fi

failed=()
for target in "${targets[@]}"; do
  echo "fuzz: $target for $runs inputs (sanitizer: $sanitizer)"
  mkdir -p "fuzz/corpus/$target"
  if ! "${fuzz[@]}" run --sanitizer "$sanitizer" "$target" "fuzz/corpus/$target" -- \
      -runs="$runs" -max_len=8192 -timeout=10 -dict=fuzz/dict.txt -print_final_stats=1; then
    failed+=("$target")
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/); add each to tests/regressions.rs" >&2
  exit 1
fi
echo "fuzz: ${targets[*]}: $runs inputs each, no crash"
