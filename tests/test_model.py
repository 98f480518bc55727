"""Shared data types."""

from __future__ import annotations

import dataclasses

import pytest

from corridormap.model import Mention, Place, construct, evolve


def test_evolve_copies_like_dataclasses_replace() -> None:
    place = Place(name="Seoul", lat=37.57, lon=126.98, country_code="KR", feature="capital")
    mention = Mention("d", 0, 5, "Seoul", 0)
    changed = evolve(mention, place=place, confidence=0.9, usage="metonym")
    assert changed == dataclasses.replace(mention, place=place, confidence=0.9, usage="metonym")
    assert mention.place is None  # the original is untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.confidence = 0.1  # type: ignore[misc]


def test_evolve_refuses_unknown_fields() -> None:
    with pytest.raises(TypeError, match="no field 'colour'"):
        evolve(Mention("d", 0, 5, "Seoul", 0), colour="red")


def test_construct_builds_what_the_constructor_builds() -> None:
    fields: dict[str, object] = {
        "name": "Rason",
        "lat": 42.26,
        "lon": 130.3,
        "country_code": "KP",
        "feature": "city",
        "population": 196954,
        "source_id": "geonames:1877030",
        "confidence": 0.8,
        "admin1": "13",
    }
    built = construct(Place, **fields)
    assert built == Place(**fields)  # type: ignore[arg-type]
    assert hash(built) == hash(Place(**fields))  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.lat = 0.0  # type: ignore[misc]


def test_construct_refuses_a_missing_or_unknown_field() -> None:
    with pytest.raises(TypeError, match="admin1"):
        construct(Place, name="Rason", lat=42.26, lon=130.3, country_code="KP", feature="city",
                  population=0, source_id="", confidence=1.0)  # fmt: skip
    with pytest.raises(TypeError, match="colour"):
        construct(Mention, doc_id="d", start=0, end=5, text="Seoul", sentence=0, place=None,
                  confidence=0.0, usage="place", colour="red")  # fmt: skip
