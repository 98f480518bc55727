"""Shared fixtures: the seed articles analysed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    from corridormap.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def seed_result(gazetteer):  # type: ignore[no-untyped-def]
    from corridormap import analyze

    return analyze(SEEDS, gazetteer=gazetteer)


@pytest.fixture(scope="session")
def seed_geojson(seed_result):  # type: ignore[no-untyped-def]
    return seed_result.corridors_geojson()
