"""Behaviour of the least-cost router on small real corridors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from corridormap import _raster, boundaries
from corridormap.errors import RoutingError
from corridormap.model import Waypoint
from corridormap.routing import RouteResult, route

_GEOD = Geod(ellps="WGS84")

#: The Russia–DPRK–ROK gas pipeline as issue 6 describes it, with both border crossings.
KOREA_PIPELINE = (
    Waypoint("Vladivostok", 43.1056, 131.8735, "RU", "start"),
    Waypoint("Friendship Bridge", 42.4152, 130.6411, None, "crossing"),
    Waypoint("Rajin", 42.2556, 130.2831, "KP", "via"),
    Waypoint("Chongjin", 41.7956, 129.7758, "KP", "via"),
    Waypoint("Wonsan", 39.1528, 127.4436, "KP", "via"),
    Waypoint("Goseong crossing", 38.61, 128.35, None, "crossing"),
    Waypoint("Seoul", 37.566, 126.978, "KR", "end"),
)


def _wp(name: str, lat: float, lon: float) -> Waypoint:
    return Waypoint(name, lat, lon, None, "via")


def _km(coords: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> float:
    return float(_GEOD.line_length([c[0] for c in coords], [c[1] for c in coords])) / 1000.0


def _densify(coords: tuple[tuple[float, float], ...], step_km: float = 1.0) -> np.ndarray:
    """(lon, lat) points every ``step_km`` along the geodesic segments of a line."""
    points: list[tuple[float, float]] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        n = int(_GEOD.inv(x1, y1, x2, y2)[2] / 1000.0 / step_km)
        points.append((x1, y1))
        if n > 1:
            points.extend(_GEOD.npts(x1, y1, x2, y2, n - 1))
    points.append(coords[-1])
    return np.asarray(points)


def _outside(result: RouteResult, allowed: list[str]) -> list[tuple[float, float, float]]:
    """Densified points not in an allowed country: (lon, lat, km to the nearest one).

    Points are tested with :func:`boundaries.countries_at`, so open sea counts as outside.
    """
    pts = _densify(result.coords)
    found = boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())
    union = shapely.union_all([boundaries.country_geometry(c) for c in allowed])
    out = []
    for (lon, lat), code in zip(pts.tolist(), found, strict=True):
        if code not in allowed:
            degrees = union.distance(shapely.Point(lon, lat))
            out.append((lon, lat, degrees * 111.0 * max(np.cos(np.radians(lat)), 0.3)))
    return out


def _assert_stays_inside(result: RouteResult, allowed: list[str]) -> None:
    # Douglas–Peucker at half a cell, and the diagonal steps between cell centres, may
    # shave a coastline or border corner: allow that much, and never more than 2% of
    # the line.
    out = _outside(result, allowed)
    tolerance = max(result.cell_km, 2.0)
    assert all(km <= tolerance for _, _, km in out), out
    assert len(out) <= 0.02 * len(_densify(result.coords)) + 3, out


def _vertex_index(result: RouteResult, w: Waypoint) -> int:
    return result.coords.index((w.lon, w.lat))


@pytest.fixture(scope="module")
def korea_pipeline() -> RouteResult:
    return route(KOREA_PIPELINE, kind="pipeline", allowed_countries=["RU", "KP", "KR"])


def test_korea_pipeline_is_drawn_over_terrain_within_the_issue_bounds(
    korea_pipeline: RouteResult,
) -> None:
    assert korea_pipeline.route_accuracy == "terrain"
    assert 850.0 <= _km(korea_pipeline.coords) <= 1320.0


def test_korea_pipeline_never_enters_china_or_the_sea(korea_pipeline: RouteResult) -> None:
    _assert_stays_inside(korea_pipeline, ["RU", "KP", "KR"])
    pts = _densify(korea_pipeline.coords)
    found = boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())
    assert "CN" not in found


def test_korea_pipeline_runs_560_to_840_km_inside_the_dprk(korea_pipeline: RouteResult) -> None:
    pts = _densify(korea_pipeline.coords, step_km=0.5)
    found = boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())
    steps = _GEOD.inv(pts[:-1, 0], pts[:-1, 1], pts[1:, 0], pts[1:, 1])[2] / 1000.0
    in_kp = float(sum(d for d, code in zip(steps, found[:-1], strict=True) if code == "KP"))
    assert 560.0 <= in_kp <= 840.0


def test_korea_pipeline_crosses_into_the_dprk_at_the_friendship_bridge(
    korea_pipeline: RouteResult,
) -> None:
    pts = _densify(korea_pipeline.coords, step_km=0.5)
    found = boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())
    crossings = [
        pts[i + 1] for i in range(len(found) - 1) if found[i] == "RU" and found[i + 1] == "KP"
    ]
    assert crossings
    bridge = KOREA_PIPELINE[1]
    for lon, lat in crossings:
        assert _GEOD.inv(lon, lat, bridge.lon, bridge.lat)[2] / 1000.0 <= 10.0


def test_each_leg_stays_in_the_countries_of_its_ends(korea_pipeline: RouteResult) -> None:
    # Vladivostok -> Friendship Bridge is all Russian: no short cut through the DPRK.
    bridge = _vertex_index(korea_pipeline, KOREA_PIPELINE[1])
    pts = _densify(korea_pipeline.coords[: bridge + 1])
    found = boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())
    assert set(found[:-3]) <= {"RU", None}
    assert found.count(None) <= 0.02 * len(found)


def test_a_route_across_the_antimeridian_is_drawn_over_terrain() -> None:
    # Two inland points of Chukotka, either side of 180°.
    west, east = _wp("west of 180°", 66.0, 178.5), _wp("east of 180°", 67.0, -178.5)
    result = route([west, east], kind="road", allowed_countries=["RU"])
    assert result.route_accuracy == "terrain"
    assert _km(result.coords) < 1.5 * _km([(west.lon, west.lat), (east.lon, east.lat)])


def test_road_goes_round_a_lake_rather_than_across_it() -> None:
    # Lausanne to Évian faces each other across Lake Geneva (14 km).
    lausanne, evian = _wp("Lausanne", 46.5197, 6.6323), _wp("Évian", 46.4008, 6.5897)
    result = route([lausanne, evian], kind="road", allowed_countries=["CH", "FR"])
    assert result.route_accuracy == "terrain"
    assert _km(result.coords) > 3 * _km([(lausanne.lon, lausanne.lat), (evian.lon, evian.lat)])
    pts = _densify(result.coords)
    in_lake = _raster.land_class(pts[:, 0], pts[:, 1]) == _raster.LAKE
    # Shore towns and the Rhône mouth sit in lake cells at 2.3 km; no run of the line
    # (points 1 km apart) stays on the lake for long.
    longest = max((len(list(run)) for hit, run in itertools.groupby(in_lake) if hit), default=0)
    assert longest <= 3


def test_waypoints_are_vertices_in_order(korea_pipeline: RouteResult) -> None:
    indices = [_vertex_index(korea_pipeline, w) for w in KOREA_PIPELINE]
    assert indices == sorted(indices)
    assert indices[0] == 0
    assert indices[-1] == len(korea_pipeline.coords) - 1


def test_drawn_length_is_never_below_the_chord_sum(korea_pipeline: RouteResult) -> None:
    chords = [(w.lon, w.lat) for w in KOREA_PIPELINE]
    assert _km(korea_pipeline.coords) >= _km(chords)


def test_road_goes_round_a_gulf_through_a_third_country() -> None:
    # Trieste to Pula: the straight line crosses the Gulf of Trieste; the road must go
    # round it through Slovenia.
    allowed = ["IT", "SI", "HR"]
    result = route(
        [_wp("Trieste", 45.6495, 13.7768), _wp("Pula", 44.8666, 13.8496)],
        kind="road",
        allowed_countries=allowed,
    )
    assert result.route_accuracy == "terrain"
    _assert_stays_inside(result, allowed)
    pts = _densify(result.coords)
    assert "SI" in boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())


def test_road_is_not_routed_through_a_forbidden_country() -> None:
    # Natural Earth's Croatia is cut in two by Bosnia's Neum corridor: with Croatia alone
    # there is no land path, so the leg is joined straight and the route says so.
    split, dubrovnik = _wp("Split", 43.5081, 16.4402), _wp("Dubrovnik", 42.6507, 18.0944)
    croatia_only = route([split, dubrovnik], kind="road", allowed_countries=["HR"])
    assert croatia_only.route_accuracy == "schematic"
    assert any("joined straight" in note for note in croatia_only.notes)
    with_bosnia = route([split, dubrovnik], kind="road", allowed_countries=["HR", "BA"])
    assert with_bosnia.route_accuracy == "terrain"
    _assert_stays_inside(with_bosnia, ["HR", "BA"])


def test_only_a_subsea_pipeline_crosses_the_gulf_of_finland() -> None:
    # Balticconnector: Inkoo (FI) to Paldiski (EE); overland would need Russia.
    ends = [_wp("Inkoo", 60.0459, 24.0058), _wp("Paldiski", 59.3567, 24.0531)]
    road = route(ends, kind="road", allowed_countries=["FI", "EE"])
    pipe = route(ends, kind="pipeline", allowed_countries=["FI", "EE"], subsea=True)
    assert road.route_accuracy == "schematic"
    assert pipe.route_accuracy == "terrain"
    assert _km(pipe.coords) < 1.3 * _km([(w.lon, w.lat) for w in ends])


def test_a_subsea_railway_is_joined_straight_as_a_tunnel() -> None:
    # The Channel Tunnel: rail never goes over sea cells; the leg is drawn straight and
    # says why, and the route does not claim terrain accuracy.
    ends = [_wp("Folkestone", 51.0817, 1.1673), _wp("Coquelles", 50.9346, 1.7988)]
    result = route(ends, kind="rail", allowed_countries=["GB", "FR"], subsea=True)
    assert result.route_accuracy == "schematic"
    assert any("tunnel" in note for note in result.notes)


def test_pipeline_without_subsea_stays_on_land() -> None:
    ends = [_wp("Inkoo", 60.0459, 24.0058), _wp("Paldiski", 59.3567, 24.0531)]
    pipe = route(ends, kind="pipeline", allowed_countries=["FI", "EE"], subsea=False)
    assert pipe.route_accuracy == "schematic"


def test_two_identical_waypoints_give_a_degenerate_line() -> None:
    vienna = _wp("Vienna", 48.2082, 16.3738)
    result = route([vienna, vienna], kind="road", allowed_countries=["AT"])
    assert result.coords[0] == result.coords[-1] == (vienna.lon, vienna.lat)
    assert result.route_accuracy == "schematic"


def test_a_waypoint_at_sea_joins_its_legs_straight() -> None:
    stops = [
        _wp("Stockholm", 59.33, 18.07),
        _wp("Baltic Sea", 57.5, 19.5),
        _wp("Riga", 56.95, 24.1),
    ]
    result = route(stops, kind="road", allowed_countries=["SE", "LV"])
    assert result.route_accuracy == "schematic"
    assert [_vertex_index(result, w) for w in stops] == [0, 1, 2]
    assert len(result.notes) == 2


def test_fewer_than_two_waypoints_raise() -> None:
    with pytest.raises(RoutingError, match="at least two"):
        route([_wp("Vienna", 48.2082, 16.3738)], kind="road", allowed_countries=["AT"])


def test_invalid_coordinates_raise_naming_every_bad_waypoint() -> None:
    stops = [_wp("nowhere", float("nan"), 10.0), _wp("Vienna", 48.2, 16.37), _wp("beyond", 95.0, 0)]
    with pytest.raises(RoutingError, match=r"'nowhere'.*'beyond'"):
        route(stops, kind="road", allowed_countries=["AT"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.floats(44.0, 50.0), st.floats(5.0, 17.0)),  # lat, lon: Alps and around
        min_size=2,
        max_size=4,
    ),
    st.sampled_from(["road", "rail", "pipeline"]),
)
def test_any_waypoints_give_a_line_through_them_no_shorter_than_the_chords(
    points: list[tuple[float, float]], kind: str
) -> None:
    stops = [_wp(f"p{i}", lat, lon) for i, (lat, lon) in enumerate(points)]
    result = route(stops, kind=kind, allowed_countries=["FR", "CH", "IT", "AT", "DE"])
    assert result.coords[0] == (stops[0].lon, stops[0].lat)
    assert result.coords[-1] == (stops[-1].lon, stops[-1].lat)
    assert _km(result.coords) >= _km([(w.lon, w.lat) for w in stops]) - 1e-6


def _km_in(result: RouteResult, code: str | None) -> float:
    pts = _densify(result.coords, step_km=0.5)
    found = boundaries.countries_at(pts[:, 1].tolist(), pts[:, 0].tolist())
    steps = _GEOD.inv(pts[:-1, 0], pts[:-1, 1], pts[1:, 0], pts[1:, 1])[2] / 1000.0
    return float(sum(d for d, c in zip(steps, found[:-1], strict=True) if c == code))


def test_a_border_town_across_the_border_is_moved_into_its_own_country() -> None:
    # GeoNames' Moyale (Kenya) lies a few hundred metres inside Ethiopia in Natural
    # Earth 1:10m: a Kenyan road must end in Kenya, and say that it moved the point.
    stops = [
        Waypoint("Marsabit", 2.3347, 37.9909, "KE", "start"),
        Waypoint("Moyale", 3.5266, 39.0561, "KE", "end", "mentioned"),
    ]
    assert boundaries.country_at(stops[1].lat, stops[1].lon) == "ET"
    result = route(stops, kind="road", allowed_countries=["KE"])
    moved = result.waypoints[-1]
    assert boundaries.country_at(moved.lat, moved.lon) == "KE"
    assert _GEOD.inv(stops[1].lon, stops[1].lat, moved.lon, moved.lat)[2] <= 5_000.0
    assert moved.anchor.startswith("mentioned; moved")
    assert "ET" in moved.anchor
    assert any(note.startswith("Moyale: moved") for note in result.notes)
    assert result.coords[-1] == (moved.lon, moved.lat)
    assert _km_in(result, "ET") == 0.0


def test_a_point_far_across_the_border_or_on_a_crossing_is_not_moved() -> None:
    # Vladivostok labelled Korean is a data error, not a border artefact: left as it is;
    # a crossing belongs to both countries.
    far = Waypoint("Vladivostok", 43.1056, 131.8735, "KP", "start")
    crossing = Waypoint("Friendship Bridge", 42.4152, 130.6411, "RU|KP", "crossing")
    result = route([far, crossing], kind="road", allowed_countries=["RU", "KP"])
    assert result.waypoints == (far, crossing)
    assert boundaries.point_inside(far.lat, far.lon, "KP", max_km=5.0) is None


def test_a_point_already_inside_its_country_is_its_own_nearest_inside_point() -> None:
    assert boundaries.point_inside(0.3546, 37.5822, "KE") == (0.3546, 37.5822)
    assert boundaries.point_inside(0.3546, 37.5822, "ZZ") is None


def test_a_mountain_road_follows_the_valley_rather_than_the_high_pass() -> None:
    # Abbottabad -> Chilas: the Karakoram Highway goes round by the Indus (Thakot,
    # Besham, ~600 m), not over the 4,173 m Babusar pass that the straight line crosses.
    stops = [
        Waypoint("Abbottabad", 34.1463, 73.2117, "PK", "start"),
        Waypoint("Chilas", 35.4129, 74.1041, "PK", "end"),
    ]
    result = route(stops, kind="road", allowed_countries=["PK"])
    line = shapely.LineString(result.coords)

    def km_to(lat: float, lon: float) -> float:
        p = line.interpolate(line.project(shapely.Point(lon, lat)))
        return float(_GEOD.inv(lon, lat, p.x, p.y)[2]) / 1000.0

    assert km_to(34.93, 72.87) <= 10.0  # Besham, on the Indus
    assert km_to(35.15, 74.05) >= 20.0  # Babusar pass


def test_a_subsea_cable_lands_on_the_open_coast_not_through_an_enclosed_bay() -> None:
    # Viking Link: Bicker Fen (Lincolnshire) -> Vejen (Jutland); the real cable runs
    # about 64 km overland to Anderby Creek instead of out through the Wash.
    stops = [
        Waypoint("Bicker Fen", 52.9303, -0.2206, "GB", "start"),
        Waypoint("Vejen", 55.4812, 9.138, "DK", "end"),
    ]
    result = route(stops, kind="power", allowed_countries=["GB", "DK"], subsea=True)
    assert result.route_accuracy == "terrain"
    assert _km_in(result, "GB") >= 40.0


def test_a_drawn_corridor_reports_the_moved_waypoint_and_stays_in_its_country() -> None:
    from corridormap.model import Corridor
    from corridormap.pipeline import draw_corridors

    corridor = Corridor(
        id="isiolo-moyale",
        name="Isiolo–Moyale road",
        kind="road",
        status="existing",
        waypoints=(
            Waypoint("Isiolo", 0.3546, 37.5822, "KE", "start"),
            Waypoint("Moyale", 3.5266, 39.0561, "KE", "end"),
        ),
        allowed_countries=("KE",),
    )
    (drawn,) = draw_corridors([corridor])
    props = drawn.properties({})
    assert props["countries"] == ["KE"]
    end = props["waypoints"][-1]
    assert boundaries.country_at(end["lat"], end["lon"]) == "KE"
    assert "moved" in end["anchor"]
