#!/bin/sh
# The whole test suite (README, second Quick start command; .ci/run calls exactly this).
# Installs what the tests need when it is missing, then runs every test in release mode.
set -eu
cd "$(dirname "$0")/.."
# The translation-memory round trip test reads and writes TMX with translate-toolkit.
if ! python3 -c 'import translate' 2>/dev/null; then
    pip install --quiet translate-toolkit
fi
cargo test --release --locked
