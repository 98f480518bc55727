#!/usr/bin/env bash
# Every check the project has, in the order CI runs them: formatting, lint, types,
# then the test suite (unit, contract, CLI, browser and notebook tests).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
[[ -x $BIN/python ]] || BIN=$(dirname "$(command -v python3)")

"$BIN/ruff" format --check src tests benchmarks scripts
"$BIN/ruff" check src tests benchmarks scripts
"$BIN/mypy"
"$BIN/python" -m pytest "$@"
