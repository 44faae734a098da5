#!/bin/sh
# Tribune's main job on the bundled sample speeches (README, first Quick start command).
# Builds Tribune, then segments and times every sample speech.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
tribune=target/release/tribune
mkdir -p out
for speech in speeches/*.en.txt; do
    name=$(basename "$speech" .en.txt)
    echo "== $name"
    "$tribune" segment "speeches/$name.en.txt" --format jsonl > "out/$name.en.jsonl"
    "$tribune" segment "speeches/$name.fr.txt" --format jsonl > "out/$name.fr.jsonl"
    "$tribune" stats "speeches/$name.en.txt" "speeches/$name.fr.txt"
done
echo "Segments written to out/*.jsonl"
