#!/bin/sh
# Tribune's main job on the bundled sample speeches (README, first Quick start command).
# Builds Tribune, aligns every sample pair in speeches/ into the translation memory
# (memory/tribune.sqlite, a SQLite file), then makes a bilingual speaker script of each pair:
# out/NAME.pdf, printed by headless Chromium, or out/NAME.html when no browser is installed.
set -eu
cd "$(dirname "$0")/.."
echo "Building Tribune (cargo build --release; the first build takes several minutes)..."
cargo build --release
tribune=target/release/tribune
mkdir -p out
browser=""
for name in "${TRIBUNE_BROWSER:-}" chromium chromium-browser google-chrome google-chrome-stable; do
    if [ -n "$name" ] && command -v "$name" >/dev/null 2>&1; then
        browser=$name
        break
    fi
done
if [ -n "$browser" ]; then
    format=pdf
else
    format=html
    echo "No Chromium browser found: writing HTML scripts (open them in a browser and print)."
    echo "For PDF: apt-get install chromium (or set TRIBUNE_BROWSER), then run this again."
fi
memory=memory/tribune.sqlite
for speech in speeches/*.en.txt; do
    name=$(basename "$speech" .en.txt)
    "$tribune" align "speeches/$name.en.txt" "speeches/$name.fr.txt" --store --memory "$memory" > "out/$name.beads.tsv"
    "$tribune" stats "speeches/$name.en.txt" "speeches/$name.fr.txt"
    "$tribune" script "speeches/$name.en.txt" "speeches/$name.fr.txt" -o "out/$name.$format"
    echo "-> out/$name.$format"
    echo
done
# The starter term base of the sample speeches (docs/terms.md), and the terms of a sentence.
"$tribune" terms import memory/un-basic.tbx --memory "$memory"
"$tribune" terms lookup "The Secretary-General thanked the peacekeepers." --from en --to fr --memory "$memory"
echo
"$tribune" memory stats --memory "$memory"
echo "Bilingual speaker scripts written to out/*.$format; translation memory in $memory"
