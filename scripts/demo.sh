#!/bin/sh
# Tribune's main job on the bundled sample speeches (README, first Quick start command).
# Builds Tribune, then makes a bilingual speaker script of every sample pair in speeches/:
# out/NAME.pdf, printed by headless Chromium, or out/NAME.html when no browser is installed.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
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
for speech in speeches/*.en.txt; do
    name=$(basename "$speech" .en.txt)
    "$tribune" stats "speeches/$name.en.txt" "speeches/$name.fr.txt"
    "$tribune" script "speeches/$name.en.txt" "speeches/$name.fr.txt" -o "out/$name.$format"
    echo "-> out/$name.$format"
    echo
done
echo "Bilingual speaker scripts written to out/*.$format"
