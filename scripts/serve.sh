#!/usr/bin/env bash
# Sets up what is missing, builds the release and serves it at http://127.0.0.1:3000 with the
# embedded defaults: SQLite and local files under ./data/, migrations applied on start.
# Any variable from .env.example may be set to change that.

set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$LICENSURE_ROOT"

setup_build_tools
say "Building the release (the first build takes several minutes)"
cargo leptos build --release

# cargo-leptos writes the site into the clone (target/site); the compiled code stays in
# the persistent target directory.
export LICENSURE_SITE_ROOT="${LICENSURE_SITE_ROOT:-$LICENSURE_ROOT/target/site}"
say "Starting Licensure; stop it with Ctrl-C"
exec "$CARGO_TARGET_DIR/release/licensure" serve
