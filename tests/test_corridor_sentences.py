"""Corridor extraction on 108 real sentences about corridors on five continents.

The sentences, their sources and the expected corridors are in
``tests/data/corridor_sentences.jsonl``; ``benchmarks/corridor_extraction.py`` prints
the full table.  These floors pin today's quality so a change cannot lose it unseen.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "corridor_sentences.jsonl"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "corridor_extraction", ROOT / "benchmarks" / "corridor_extraction.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_sentence_has_a_source_and_known_labels() -> None:
    kinds = {"road", "rail", "pipeline", "power", "multimodal"}
    statuses = {"proposed", "planned", "agreed", "under construction", "operating",
                "existing", "shelved", "cancelled"}  # fmt: skip
    cases = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 40
    assert len({c["continent"] for c in cases}) >= 4
    for case in cases:
        assert case["source"].startswith("http"), case["id"]
        for exp in case["expected"]:
            assert exp["kind"] in kinds, case["id"]
            assert exp["status"] in statuses, case["id"]


def test_extraction_precision_and_recall_stay_above_their_floors(gazetteer) -> None:  # type: ignore[no-untyped-def]
    bench = _benchmark()
    scores = bench.score(bench.load_cases(DATA), gazetteer)
    assert scores.precision >= 0.9
    assert scores.recall >= 0.5
    assert scores.countries_right / scores.matched >= 0.75
    assert scores.status_right / scores.matched >= 0.6


@pytest.mark.parametrize(
    "case_id", ["eacop-1", "btk-1", "china-laos-1", "medgaz-1", "nordstream-1", "suncable-1"]
)
def test_typical_patterns_are_found_with_the_right_countries(gazetteer, case_id: str) -> None:  # type: ignore[no-untyped-def]
    bench = _benchmark()
    case = next(c for c in bench.load_cases(DATA) if c["id"] == case_id)
    predicted = bench.predict(case["text"], gazetteer)
    expected = case["expected"][0]
    assert any(set(p["countries"]) == set(expected["countries"]) for p in predicted), predicted
