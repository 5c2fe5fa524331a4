#!/usr/bin/env bash
# Installs what `make run` / `make test` need, only when missing (idempotent, quick when done):
# the wasm32 Rust target, wasm-bindgen-cli at exactly the version pinned in Cargo.toml,
# npm packages from package-lock.json, Debian's chromium + chromium-driver and firefox-esr, and
# geckodriver at exactly GECKODRIVER_VERSION (from crates.io) for the Firefox tests.
# It never upgrades what is already there and never touches anything outside those.
GECKODRIVER_VERSION=0.37.1
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

# 1. Rust toolchain and the wasm32 target.
command -v cargo >/dev/null || die "cargo not found: install Rust from https://rustup.rs, then re-run"
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
elif ! rustc --print target-libdir --target wasm32-unknown-unknown >/dev/null 2>&1 ||
     [ ! -d "$(rustc --print target-libdir --target wasm32-unknown-unknown)" ]; then
  die "the wasm32-unknown-unknown target is missing and rustup is not installed (see docs/build.md)"
fi

# 2. wasm-bindgen-cli must match the `wasm-bindgen = "=X.Y.Z"` pin exactly (the glue format changes).
pinned=$(sed -nE 's/^wasm-bindgen *= *"=?([0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' Cargo.toml | head -n1)
[ -n "$pinned" ] || die "could not find the wasm-bindgen version pin in Cargo.toml"
installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$installed" != "$pinned" ]; then
  say "installing wasm-bindgen-cli $pinned (found: ${installed:-none}); this compiles for a few minutes, once"
  # Not --locked: with the crate's own lock file the build is known to fail on this toolchain.
  cargo install wasm-bindgen-cli --version "$pinned" --force
fi

# 3. npm packages, only when node_modules is missing or older than the lock file.
command -v node >/dev/null || die "node not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $node_major is too old; version 20 or newer is needed"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules  # mark as up to date with the lock file
fi

# 4. Browsers from Debian, when absent: Chromium (+ its driver) and Firefox ESR.
apt_updated=""
apt_install() { # $1: what it is for the messages, $2: env var that overrides it; then the packages
  local what=$1 override=$2; shift 2
  local sudo
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"
  else
    die "$what is missing and installing it needs root.
  Ask an administrator to run:  apt-get install $*
  or set $override=/path/to/it for an existing one (see docs/build.md)."
  fi
  command -v apt-get >/dev/null || die "$what is missing and apt-get is not available: install it, then set $override=/path/to/it"
  say "installing Debian $*"
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then apt_install Chromium CHROMIUM chromium chromium-driver; fi
if [ -z "${FIREFOX:-}" ] && [ ! -x /usr/bin/firefox-esr ]; then apt_install "Firefox ESR" FIREFOX firefox-esr; fi

# 5. geckodriver (drives Firefox for tests/firefox/), built from crates.io at the pinned version.
geckodriver_bin=${GECKODRIVER:-$(command -v geckodriver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver")}
found=$("$geckodriver_bin" --version 2>/dev/null | awk 'NR==1 {print $2}' || true)
if [ "$found" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (found: ${found:-none}); this compiles for a few minutes, once"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
fi
