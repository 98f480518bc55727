"""Shared data types."""

from __future__ import annotations

import dataclasses

import pytest

from corridormap.model import Mention, Place, evolve


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
