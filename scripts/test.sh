#!/bin/sh
# The whole test suite (README, second Quick start command; .ci/run calls exactly this).
# Installs what the tests need when it is missing, then runs every test in release mode.
set -eu
cd "$(dirname "$0")/.."
cargo test --release --locked
