#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, clippy (server and browser
# builds), unit and router tests on SQLite and Postgres, then the Playwright tests in
# Debian's Chromium against the release build.
#
# Postgres: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres). With
# CI=true a missing Postgres or browser fails the run; otherwise Postgres tests are skipped
# with one line.

set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$LICENSURE_ROOT"

setup_build_tools

# Incremental caches only pay off while editing; in a test run they just fill the disk.
export CARGO_INCREMENTAL=0

# A full run needs about 12 GB for its debug and release builds. A run once failed with "No
# space left on device", so say how much is free and drop editing leftovers when it is tight.
free_gb() { df -Pk "$CARGO_TARGET_DIR" | awk 'NR == 2 { print int($4 / 1048576) }'; }
say "Free disk space for builds: $(free_gb) GB"
if [ "$(free_gb)" -lt 15 ]; then
  say "Under 15 GB free: removing incremental compilation caches from $CARGO_TARGET_DIR"
  find "$CARGO_TARGET_DIR" -maxdepth 3 -type d -name incremental -prune -exec rm -rf {} +
  say "Free disk space now: $(free_gb) GB"
fi

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  say "Installing aiosmtpd from apt: the SMTP server the mail tests send to"
  apt_install python3-aiosmtpd
fi
if ! command -v chromium >/dev/null; then
  say "Installing Chromium from apt for the browser tests"
  apt_install chromium
fi

if [ ! -d end2end/node_modules/@playwright/test ] ||
  [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "Installing the Playwright test runner from npm (no browser download)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# The machine starts Postgres before a session; start it again if it stopped.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432 &&
  command -v pg_ctlcluster >/dev/null; then
  say "Starting the local PostgreSQL cluster"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi

# A real S3-compatible server for the document storage tests: moto from PyPI, in a virtual
# environment of its own next to the build cache, listening on a free port of 127.0.0.1.
MOTO_VENV="$HOME/.cache/licensure/moto"
if [ ! -x "$MOTO_VENV/bin/moto_server" ]; then
  say "Installing moto (an S3-compatible test server) from PyPI"
  if ! /usr/bin/python3 -m venv --help >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import ensurepip' 2>/dev/null; then
    apt_install python3-venv
  fi
  /usr/bin/python3 -m venv "$MOTO_VENV"
  "$MOTO_VENV/bin/pip" install --quiet "moto[server]"
fi
# An independent xAPI client for the LRS round trip in the browser tests: tincan from PyPI,
# in a virtual environment of its own (end2end/tests/courses.spec.ts finds it there).
TINCAN_VENV="$HOME/.cache/licensure/tincan"
if ! "$TINCAN_VENV/bin/python" -c 'import tincan' 2>/dev/null; then
  say "Installing tincan (an xAPI client) from PyPI"
  if ! /usr/bin/python3 -m venv --help >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import ensurepip' 2>/dev/null; then
    apt_install python3-venv
  fi
  /usr/bin/python3 -m venv "$TINCAN_VENV"
  "$TINCAN_VENV/bin/pip" install --quiet tincan==1.0.0 aniso8601==10.0.1 pytz==2026.6
fi
export TINCAN_VENV
MOTO_PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT" >"${TMPDIR:-/tmp}/licensure-moto.log" 2>&1 &
MOTO_PID=$!
trap 'kill "$MOTO_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$MOTO_PORT/')" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
export TEST_S3_ENDPOINT="http://127.0.0.1:$MOTO_PORT"

say "Formatting"
cargo fmt --all --check

say "Clippy: server build"
cargo clippy --workspace --all-targets --features ssr -- -D warnings
say "Clippy: browser build"
cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

say "Unit and router tests (SQLite and Postgres)"
cargo test --workspace --features ssr

say "Release build for the browser tests"
cargo leptos build --release

say "Playwright tests in Chromium"
(cd end2end && npx playwright test)
