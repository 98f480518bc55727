"""Measuring lines: geodesic length, per-country split, crossings, stated lengths."""

from __future__ import annotations

import itertools

import pytest

from corridormap.analysis import densify, geodesic_length_km, measure, schematic_line
from corridormap.model import Waypoint
from corridormap.resolve import haversine_km

KHASAN = (130.6456, 42.4283)
RAJIN = (130.2831, 42.2556)
VLADIVOSTOK = (131.8735, 43.1056)


def test_geodesic_length_matches_great_circle_distance() -> None:
    coords = [VLADIVOSTOK, (125.7547, 39.0194)]
    assert geodesic_length_km(coords) == pytest.approx(687, abs=4)


def test_densify_keeps_the_ends_and_bounds_segments() -> None:
    dense = densify([VLADIVOSTOK, RAJIN], max_km=5)
    assert dense[0] == VLADIVOSTOK
    assert dense[-1] == RAJIN
    for (x1, y1), (x2, y2) in itertools.pairwise(dense):
        assert haversine_km(y1, x1, y2, x2) <= 5.01


def test_line_across_the_tumen_is_split_between_russia_and_the_dprk() -> None:
    m = measure([KHASAN, RAJIN])
    assert m.countries == ("RU", "KP")
    assert set(m.length_by_country_km) <= {"RU", "KP", "sea"}
    assert sum(m.length_by_country_km.values()) == pytest.approx(m.length_km, rel=0.01)
    (crossing,) = m.border_crossings
    assert (crossing.from_country, crossing.to_country) == ("RU", "KP")
    # The border is the Tumen, a few km south-west of Khasan.
    assert haversine_km(crossing.lat, crossing.lon, KHASAN[1], KHASAN[0]) < 8


def test_known_crossing_names_the_border_point() -> None:
    bridge = Waypoint("Friendship Bridge", 42.4152, 130.6411, "RU|KP", "crossing", "crossing")
    m = measure([KHASAN, RAJIN], crossings=[bridge])
    assert m.border_crossings[0].name == "Friendship Bridge"


def test_open_sea_is_counted_under_sea() -> None:
    # Vladivostok straight to Busan crosses the Sea of Japan.
    m = measure([VLADIVOSTOK, (129.0403, 35.1028)])
    assert m.length_by_country_km["sea"] > 500


def test_stated_length_ratio_and_flag() -> None:
    m = measure([KHASAN, RAJIN], stated_length_km=54)
    assert m.stated_ratio == pytest.approx(m.length_km / 54, rel=1e-3)
    assert m.stated_flag  # a 25 km chord against a stated 54 km rail line


def test_schematic_line_joins_waypoints_by_geodesics() -> None:
    points = [
        Waypoint("A", 43.1056, 131.8735, "RU", "start"),
        Waypoint("B", 42.2556, 130.2831, "KP", "end"),
    ]
    line = schematic_line(points)
    assert line[0] == (131.8735, 43.1056)
    assert line[-1] == (130.2831, 42.2556)
    assert len(line) > 10


def test_a_short_estuary_crossing_counts_for_its_country() -> None:
    # Across the head of Amur Bay (the Razdolnaya mouth), drawn as sea in Natural Earth.
    from corridormap import boundaries

    line = [(131.82597, 43.31754), (131.82597, 43.35754)]
    dense = densify(line, max_km=0.2)
    assert None in boundaries.countries_at([p[1] for p in dense], [p[0] for p in dense])
    m = measure(line)
    assert m.countries == ("RU",)
    assert "sea" not in m.length_by_country_km


def test_a_short_dip_into_a_neighbour_is_no_border_crossing() -> None:
    # Blagoveshchensk (Russia) faces Heihe (China) across the Amur; a line that steps
    # over to Heihe and straight back, as a route along a river border does, stays in
    # Russia, while one that goes on into China crosses once.
    inland_ru, blagoveshchensk = (127.70, 50.50), (127.5264, 50.2759)
    heihe, inland_cn = (127.4902, 50.2441), (127.20, 50.05)
    dip = measure([inland_ru, blagoveshchensk, heihe, blagoveshchensk, inland_ru])
    assert dip.border_crossings == ()
    assert dip.length_by_country_km.get("CN", 0) > 0  # the length is still measured as drawn
    across = measure([inland_ru, blagoveshchensk, heihe, inland_cn])
    assert [(c.from_country, c.to_country) for c in across.border_crossings] == [("RU", "CN")]


def test_an_end_just_offshore_at_this_scale_still_counts_its_country() -> None:
    # Darwin's gazetteer point lies in the sea on Natural Earth's 1:10m coast.
    darwin, singapore = (130.84185, -12.46113), (103.85007, 1.28967)
    measures = measure([darwin, singapore])
    assert measures.countries[0] == "AU"
    assert measures.countries[-1] == "SG"


def test_a_dip_of_a_km_into_a_neighbour_is_no_transit() -> None:
    # Along a border river a path may cross for a km or two; that country is not on the
    # route.  At 40.3 N the Turkish-Armenian border lies at 43.642 E (Natural Earth).
    measures = measure([(43.55, 40.32), (43.652, 40.30), (43.55, 40.28)])
    assert 0 < measures.length_by_country_km["AM"] < 5
    assert measures.countries == ("TR",)
