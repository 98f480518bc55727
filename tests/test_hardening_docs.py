"""docs/hardening.md is generated from the hardening tests and kept up to date."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "hardening_table", ROOT / "scripts" / "hardening_table.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("hardening_table", module)
    spec.loader.exec_module(module)
    return module


def test_every_hardening_test_states_its_input_and_outcome() -> None:
    """input: every test function in tests/test_hardening_*.py
    outcome: each docstring has an 'input:' or 'fault:' line and an 'outcome:' line"""
    _, problems = _script().collect()
    assert problems == []


def test_committed_table_is_up_to_date() -> None:
    """input: docs/hardening.md as committed
    outcome: identical to what scripts/hardening_table.py generates from the tests
    (run it after changing a hardening test)"""
    script = _script()
    rows, _ = script.collect()
    assert (ROOT / "docs" / "hardening.md").read_text(encoding="utf-8") == script.render(rows)
