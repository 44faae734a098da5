#!/bin/sh
# Runs Tribune's fuzz targets (fuzz/fuzz_targets/) with cargo-fuzz and libFuzzer.
# Usage: sh scripts/fuzz.sh [TARGET...]   (default: every target)
#   FUZZ_RUNS=N     executions per target (default 10,000,000)
#   FUZZ_SECONDS=S  or a time budget per target instead
# Installs the nightly toolchain and cargo-fuzz when they are missing. Crashes land in
# fuzz/artifacts/TARGET/; minimise them with `cargo +nightly fuzz tmin TARGET FILE` and keep
# them as regression tests under tests/fixtures/fuzz/ (see docs/reliability.md).
set -eu
cd "$(dirname "$0")/.."
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
targets="$*"
[ -n "$targets" ] || targets=$(cargo +nightly fuzz list)
for target in $targets; do
    mkdir -p "fuzz/corpus/$target"
    seeds="tests/fixtures/fuzz/$target"
    if [ -n "${FUZZ_SECONDS:-}" ]; then
        budget="-max_total_time=$FUZZ_SECONDS"
    else
        budget="-runs=${FUZZ_RUNS:-10000000}"
    fi
    echo "== fuzzing $target ($budget)"
    if [ -d "$seeds" ]; then
        cargo +nightly fuzz run --release --sanitizer none "$target" "fuzz/corpus/$target" "$seeds" -- "$budget" -max_len=${FUZZ_MAX_LEN:-8192} -timeout=10 -rss_limit_mb=2048
    else
        cargo +nightly fuzz run --release --sanitizer none "$target" "fuzz/corpus/$target" -- "$budget" -max_len=${FUZZ_MAX_LEN:-8192} -timeout=10 -rss_limit_mb=2048
    fi
done
