#!/bin/sh
# The translation-memory benchmark (docs/memory.md, "Benchmark"): builds the data outside the
# repository when it is missing (../shared/bench; about 1.1 GB is downloaded through apt the
# first time, which needs root), then runs the release bench binary, which prints the figures
# and writes DATA/bench-results.json.
#
#   sh scripts/bench-memory.sh [DATA_DIR] [-- --runs 3 --sets syn1m,real --sample 100]
set -eu
cd "$(dirname "$0")/.."
DATA="${1:-/work/benchdata}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
BENCH="$(pwd)/../shared/bench"
mkdir -p "$DATA"
if [ ! -f "$DATA/real.tsv" ]; then
    python3 "$BENCH/build_real_tm.py" "$DATA/real.tmx" --tsv "$DATA/real.tsv" --work "$DATA/src" --apt-update
fi
if [ ! -f "$DATA/syn1m.queries.tsv" ]; then
    python3 "$BENCH/gen_tm.py" --pairs "$DATA/real.tsv" --size 1000000 --queries 10000 --prefix "$DATA/syn1m"
fi
if [ ! -f "$DATA/realq.queries.tsv" ]; then
    # Queries for the real TM: labelled against a sample of its own pairs.
    python3 "$BENCH/gen_tm.py" --pairs "$DATA/real.tsv" --size 243000 --queries 10000 --prefix "$DATA/realq"
fi
cargo bench --bench memory -- --data "$DATA" "$@"
