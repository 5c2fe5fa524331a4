# Read the Room: the two commands a new user types are `make run` and `make test`.
# Every target installs what it is missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

.PHONY: help setup run test wasm extension size bench dist clean fuzz

help:
	@echo "make run    build everything, serve the playground, open Chromium with the extension"
	@echo "make test   every test: Rust, WASM parity, browser end-to-end"
	@echo "make wasm | extension | size | bench | dist | fuzz | clean"

setup:
	@scripts/setup.sh

wasm: setup
	@scripts/build-wasm.sh

extension: wasm
	@node scripts/build-extension.mjs

size: wasm
	@scripts/size.sh

run: extension
	@node scripts/run.mjs

test: extension
	@scripts/test.sh

bench: extension
	@scripts/bench.sh

fuzz: setup
	@scripts/fuzz.sh

dist: extension
	@node scripts/dist.mjs

clean:
	rm -rf target pkg www/pkg extension/pkg extension/dist dist node_modules
