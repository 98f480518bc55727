#!/usr/bin/env bash
# Regenerate docs/seed_map.png, the README's picture of the seed map: the --offline map
# (country outlines as the base, no tiles) of seeds/, screenshotted in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
[[ -x $BIN/python ]] || BIN=$(dirname "$(command -v python3)")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN/corridormap" --quiet map seeds/ --offline -o "$tmp/seed_map.html"
"$BIN/python" scripts/screenshot.py "$tmp/seed_map.html" docs/seed_map.png --width 1280 --height 800
echo "wrote docs/seed_map.png"
