# Read the Room: the two commands a new user types are `make run` and `make test`.
# Every target installs what it is missing first (scripts/setup.sh is idempotent and quick
# when everything is there). Build outputs: pkg/, www/pkg/, extension/dist/, dist/.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

.PHONY: help setup run test test-firefox wasm extension size bench dist clean fuzz train eval

help:
	@echo "make run     set up, build, serve the playground on 127.0.0.1, open Chromium with the extension"
	@echo "make test    set up, build, then every test: cargo test, WASM parity, Chromium then Firefox end-to-end"
	@echo "make test-firefox   only the Firefox end-to-end tests (headless Firefox ESR)"
	@echo "make wasm    build the WASM module into pkg/ (and www/pkg/)"
	@echo "make size    print the WASM's raw and gzipped sizes; fail over budget"
	@echo "make bench   benchmarks        make fuzz   fuzzing"
	@echo "make dist    store-ready zips in dist/ (checked, web-ext lint clean)  make clean  remove build outputs"
	@echo "make train   retrain the models from corpus/ (writes model/read-the-room.model)"
	@echo "make eval    the figures on the validation and test splits, learned and hand-tuned"

setup:
	@scripts/setup.sh

wasm: setup
	@scripts/build-wasm.sh

extension: wasm
	@node scripts/build-extension.mjs
	@node scripts/build-fixtures.mjs

size: wasm
	@scripts/size.sh

run: extension
	@node scripts/run.mjs

test: extension
	@scripts/test.sh

test-firefox: extension
	@node --test --test-concurrency=1 tests/firefox/

bench: extension
	@scripts/bench.sh

fuzz: setup
	@scripts/fuzz.sh

# Deterministic: the same corpus gives the same model file, byte for byte.
train:
	cargo run --release --quiet -- train

eval:
	@for split in validation test; do for scorer in learned hand; do echo "== $$split, $$scorer"; cargo run --release --quiet -- eval --split $$split --scorer $$scorer; done; done

dist: extension
	@node scripts/dist.mjs

# Build outputs only: dependencies (node_modules/, installed tools) stay.
clean:
	rm -rf target pkg www/pkg extension/pkg extension/dist dist test-results
