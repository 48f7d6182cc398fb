#!/usr/bin/env bash
# Installs what building Licensure needs, each piece only when it is missing:
# the wasm32 target, cargo-leptos, wasm-bindgen-cli at the Cargo.lock version, and from npm
# Tailwind and binaryen (wasm-opt). Source it: it also exports PATH and the
# persistent CARGO_TARGET_DIR that later builds reuse.

set -euo pipefail

LICENSURE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"

# Builds live outside the clone so a fresh clone (as CI makes) does not compile from zero.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/licensure/target}"
export PATH="$LICENSURE_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mkdir -p "$CARGO_TARGET_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$LICENSURE_ROOT/Cargo.lock"
}

setup_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi

  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes on 2 cores, once)"
    # --locked: its newest dependencies need a newer Rust than this machine's.
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi

  local bindgen
  bindgen="$(lock_version wasm-bindgen)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
    say "Installing wasm-bindgen-cli $bindgen (must equal the wasm-bindgen in Cargo.lock)"
    # --locked first, for the exact dependency set that release was tested with; when a crate
    # in its lock file has been yanked (webpki-roots 1.0.11 was), resolve afresh instead.
    cargo install wasm-bindgen-cli --version "$bindgen" --locked --force ||
      cargo install wasm-bindgen-cli --version "$bindgen" --force
  fi

  if [ ! -x "$LICENSURE_ROOT/node_modules/.bin/tailwindcss" ] ||
    [ "$LICENSURE_ROOT/package-lock.json" -nt "$LICENSURE_ROOT/node_modules/.package-lock.json" ]; then
    # binaryen comes from npm too: Debian 12's wasm-opt (108) predates the reference-types
    # encoding Rust >= 1.82 emits, and its output fails in the browser at hydration.
    say "Installing Tailwind CSS, binaryen (wasm-opt), esbuild and @xapi/cmi5 from npm"
    (cd "$LICENSURE_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # The demo course package (courses/demo) is bundled into public/course-content/, which
  # cargo-leptos copies into the site; it is rebuilt each time, as it takes a second.
  say "Bundling the demo course"
  (cd "$LICENSURE_ROOT" && npm run --silent build:courses)
}
