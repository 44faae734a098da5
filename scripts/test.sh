#!/bin/sh
# The whole test suite (README, second Quick start command; .ci/run calls exactly this).
# Installs what the tests need when it is missing, then runs every test in release mode.
set -eu
cd "$(dirname "$0")/.."

# Speaker scripts are printed and checked in a real headless Chromium, with poppler's
# pdftotext/pdfinfo/pdftoppm and a font that has every character the scripts use; Word
# scripts are laid out by a real LibreOffice Writer (headless, converted to PDF).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing$missing (for the speaker-script tests)"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        $missing >/dev/null 2>&1 || echo "warning: could not install$missing; the browser and LibreOffice tests will skip"
fi
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
    # The browser is there: its tests must run, not skip.
    TRIBUNE_REQUIRE_BROWSER=1
    export TRIBUNE_REQUIRE_BROWSER
fi
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
    # LibreOffice is there: the Word-script tests must run, not skip.
    TRIBUNE_REQUIRE_LIBREOFFICE=1
    export TRIBUNE_REQUIRE_LIBREOFFICE
fi

# The translation-memory round trip test reads and writes TMX with translate-toolkit; the
# XLIFF loop test edits Tribune's XLIFF 1.2 and 2.1 with it, and validates them with lxml.
if ! python3 -c 'import translate, lxml' 2>/dev/null; then
    pip install --quiet translate-toolkit lxml
fi

# The OASIS XLIFF schemas (1.2 strict, 2.0 core, and xml.xsd) that the XLIFF test validates
# against: Debian ships them in php-symfony-translation, whose .deb is unpacked here (not
# installed: nothing of PHP is needed).
schemas="target/xliff-schemas"
if [ ! -e "$schemas/xliff-core-2.0.xsd" ] && command -v apt-get >/dev/null 2>&1; then
    unpack=$(mktemp -d)
    if (cd "$unpack" && { apt-get download -qq php-symfony-translation >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get download -qq php-symfony-translation >/dev/null 2>&1; }; } \
            && dpkg-deb -x php-symfony-translation_*.deb root); then
        mkdir -p "$schemas"
        cp "$unpack"/root/usr/share/php/Symfony/Component/Translation/Resources/schemas/*.xsd "$schemas"/
    else
        echo "warning: could not fetch the XLIFF schemas; the schema test will skip"
    fi
    rm -rf "$unpack"
fi
if [ -e "$schemas/xliff-core-2.0.xsd" ]; then
    TRIBUNE_XLIFF_SCHEMAS="$(pwd)/$schemas"
    TRIBUNE_REQUIRE_XLIFF_SCHEMAS=1
    export TRIBUNE_XLIFF_SCHEMAS TRIBUNE_REQUIRE_XLIFF_SCHEMAS
fi
# The code's own rules first, as a contributor runs them before committing (README): the
# format, then clippy with every warning an error (Cargo.toml's [lints] say which).
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    rustup component add rustfmt clippy
fi
echo "Checking the format (cargo fmt --check) and the lints (cargo clippy)"
cargo fmt --check
cargo clippy --release --all-targets --locked -- -D warnings
cargo test --release --locked
