"""Behaviour of the detour model that turns a drawn length into a likely built length."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pyproj import Geod

from corridormap import length_model
from corridormap.length_model import (
    MAX_BAND_RATIO,
    Features,
    LengthModel,
    estimate_length,
    fit,
    leave_one_out,
    load_model,
)

_GEOD = Geod(ellps="WGS84")


def _synthetic(
    n: int, noise: float, seed: int = 0
) -> tuple[list[Features], list[float], list[float]]:
    """Corridors whose built/drawn ratio follows a known law, plus log-normal noise."""
    rng = np.random.default_rng(seed)
    kinds = ["road", "rail", "pipeline"]
    rows, drawn, built = [], [], []
    for i in range(n):
        feats = Features(
            kind=kinds[i % 3],
            climb_m_per_km=float(rng.uniform(0, 15)),
            log_km_per_leg=float(rng.uniform(4, 7)),
            offshore_share=0.0,
        )
        log_ratio = 0.1 + 0.015 * feats.climb_m_per_km * (feats.kind == "road")
        d = float(rng.uniform(100, 2000))
        rows.append(feats)
        drawn.append(d)
        built.append(d * math.exp(log_ratio + rng.normal(0, noise)))
    return rows, drawn, built


def test_band_is_ordered_and_at_most_the_allowed_width() -> None:
    line = [(126.978, 37.566), (127.4436, 39.1528), (129.7758, 41.7956)]
    for kind in ("road", "rail", "pipeline", "power", "multimodal"):
        low, high = estimate_length(600.0, kind=kind, coords=line, waypoint_count=3)
        assert 0 < low <= high
        assert high / low <= MAX_BAND_RATIO + 1e-9


def test_zero_length_line_has_a_zero_band() -> None:
    point = [(16.37, 48.2), (16.37, 48.2)]
    assert estimate_length(0.0, kind="road", coords=point, waypoint_count=2) == (0.0, 0.0)


def test_shipped_model_is_fitted_on_the_validation_set() -> None:
    model = load_model()
    assert len(model.fitted_on) >= 15
    assert model.loo_inside >= model.loo_total - 1  # the issue: "all but one"
    assert math.exp(model.band[1] - model.band[0]) <= MAX_BAND_RATIO + 1e-9


def test_model_survives_a_json_round_trip() -> None:
    model = load_model()
    assert LengthModel.from_json(model.to_json()) == model


def test_fit_recovers_a_known_detour_law() -> None:
    rows, drawn, built = _synthetic(60, noise=0.01)
    model = fit(rows, drawn, built, ridge=0.1)
    flat_road = Features("road", climb_m_per_km=0.0, log_km_per_leg=5.0)
    steep_road = Features("road", climb_m_per_km=10.0, log_km_per_leg=5.0)
    assert model.predict(flat_road)[1] == pytest.approx(math.exp(0.1), rel=0.02)
    assert model.predict(steep_road)[1] == pytest.approx(math.exp(0.25), rel=0.02)


def test_noisy_calibration_still_gives_an_informative_band() -> None:
    rows, drawn, built = _synthetic(30, noise=0.3)
    model = fit(rows, drawn, built)
    low, _, high = model.predict(rows[0])
    assert high / low == pytest.approx(MAX_BAND_RATIO)


def test_clean_calibration_gets_the_allowed_width_centred_on_its_residuals() -> None:
    # Residuals spanning less than the cap: the band covers them all with equal slack on
    # each side, since n residuals understate where the next corridor's falls.
    rows, drawn, built = _synthetic(24, noise=0.02, seed=1)
    model = fit(rows, drawn, built, ridge=0.1)
    low, high = model.band
    assert math.exp(high - low) == pytest.approx(MAX_BAND_RATIO)
    assert model.loo_inside == model.loo_total
    assert -high == pytest.approx(low, abs=0.05)


def test_leave_one_out_bands_cover_held_out_corridors_of_a_clean_law() -> None:
    rows, drawn, built = _synthetic(24, noise=0.02, seed=1)
    bands = leave_one_out(rows, drawn, built, ridge=0.1)
    inside = sum(low <= b <= high for (low, high), b in zip(bands, built, strict=True))
    assert inside >= len(built) - 2


def test_fit_needs_three_corridors() -> None:
    rows, drawn, built = _synthetic(2, noise=0.0)
    with pytest.raises(ValueError, match="at least 3"):
        fit(rows, drawn, built)


def test_ruggedness_is_higher_across_mountains_than_on_a_plain() -> None:
    # Across the Alps (Zurich -> Milan) against the North German Plain (Hanover -> Berlin).
    alps = [(8.54, 47.37), (9.19, 45.46)]
    plain = [(9.73, 52.37), (13.40, 52.52)]
    km_alps = _GEOD.line_length(*zip(*alps, strict=True)) / 1000.0
    km_plain = _GEOD.line_length(*zip(*plain, strict=True)) / 1000.0
    rugged = length_model.features(km_alps, kind="rail", coords=alps, waypoint_count=2)
    flat = length_model.features(km_plain, kind="rail", coords=plain, waypoint_count=2)
    assert rugged.climb_m_per_km > 3 * flat.climb_m_per_km


def test_korea_pipeline_band_overlaps_the_published_length() -> None:
    from corridormap.model import Waypoint
    from corridormap.routing import route

    stops = [
        Waypoint("Vladivostok", 43.1056, 131.8735, "RU", "start"),
        Waypoint("Friendship Bridge", 42.4152, 130.6411, None, "crossing"),
        Waypoint("Rajin", 42.2556, 130.2831, "KP", "via"),
        Waypoint("Chongjin", 41.7956, 129.7758, "KP", "via"),
        Waypoint("Wonsan", 39.1528, 127.4436, "KP", "via"),
        Waypoint("Goseong crossing", 38.61, 128.35, None, "crossing"),
        Waypoint("Seoul", 37.566, 126.978, "KR", "end"),
    ]
    result = route(stops, kind="pipeline", allowed_countries=["RU", "KP", "KR"])
    drawn = _GEOD.line_length(*zip(*result.coords, strict=True)) / 1000.0
    low, high = estimate_length(
        drawn, kind="pipeline", coords=result.coords, waypoint_count=len(stops)
    )
    # Published: 1,100 km (Interfax 2011) to 1,202 km (2018 joint study).
    assert low <= 1202.0
    assert high >= 1100.0
