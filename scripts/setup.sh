#!/usr/bin/env bash
# Install corridormap for development from this checkout: a virtual environment in
# .venv with the package (editable) and its dev tools, the npm data/assets in
# node_modules, and Debian's chromium for the browser tests when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
npm ci --no-audit --no-fund --silent
# The geoparser's hot modules compiled with mypyc (about a third faster; a minute to
# build).  Without a C compiler the pure-Python modules are used, with the same output.
if ! .venv/bin/python scripts/build_native.py; then
  echo "setup: the mypyc build failed; corridormap runs in pure Python" >&2
fi

if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian chromium for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium not found; the browser tests will be skipped (apt-get install chromium)" >&2
  fi
fi
# Byte-code for the package's own modules: an editable install leaves none, and where
# PYTHONDONTWRITEBYTECODE is set every run would compile them again (~20 ms of each
# command's start-up).  A module edited later is recompiled from source as usual.
.venv/bin/python -m compileall -q src/corridormap >/dev/null
# Build the gazetteer index and the boundary cache now rather than on first use.
.venv/bin/python -c "from corridormap.gazetteer import Gazetteer; from corridormap import boundaries; Gazetteer.load(); boundaries.countries()"
