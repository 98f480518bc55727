"""Measure a drawn corridor: geodesic length, length per country, border crossings.

Lengths are geodesic on the WGS84 ellipsoid (``pyproj.Geod``).  Per-country lengths and
crossings come from Natural Earth 1:10m boundaries (:mod:`corridormap.boundaries`): the
line is densified to at most :data:`DENSIFY_KM` between vertices, every vertex is
placed in a country (or the sea), and where two consecutive vertices disagree the
boundary point is found by bisection along the geodesic.  Parts of the line in no
country are reported under ``"sea"``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corridormap.model import Place, Waypoint

if TYPE_CHECKING:
    from pyproj import Geod
from corridormap.resolve import haversine_km

DENSIFY_KM = 2.0
#: A crossing named after a curated border crossing when it lies within this distance.
CROSSING_NAME_KM = 15.0
#: Countries the line touches for less than this are not listed in route order: a
#: terrain path along a border river dips into the neighbour for a km or two (Kars to
#: Igdir along the Aras), which is no transit.  The ends' countries are always listed.
MIN_COUNTRY_KM = 5.0
#: A stretch of water no longer than this with the same country on both sides is a
#: river mouth or a bay head that a bridge crosses (Natural Earth 1:10m draws estuaries
#: as sea), so it counts for that country, not as an offshore section.
INLAND_WATER_KM = 5.0
#: A line that dips into a neighbour for less than this many km and comes back (a route
#: along a river border, which the 1:10m outline and the routing raster do not draw
#: alike) crosses no border there: the two crossings are dropped.
BORDER_DIP_KM = 30.0
#: Longest list of nearby places kept per corridor.
MAX_NEARBY = 40
#: GEM flags drawn-vs-stated length gaps above this share.
STATED_TOLERANCE = 0.33


@dataclass(frozen=True)
class BorderCrossing:
    """Where the drawn line passes from one country to another."""

    from_country: str
    to_country: str
    lat: float
    lon: float
    name: str

    def as_dict(self) -> dict[str, object]:
        """The contract's shape: ``{from, to, lat, lon, name}``."""
        return {
            "from": self.from_country,
            "to": self.to_country,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "name": self.name,
        }


@dataclass(frozen=True)
class RouteMeasures:
    """Everything measured on one drawn line."""

    length_km: float
    chord_km: float
    countries: tuple[str, ...]
    length_by_country_km: dict[str, float]
    border_crossings: tuple[BorderCrossing, ...]
    stated_length_km: float | None = None
    nearby_places: tuple[dict[str, object], ...] = field(default=())

    @property
    def detour_ratio(self) -> float:
        """Drawn length over the great-circle distance between the ends."""
        return round(self.length_km / self.chord_km, 3) if self.chord_km > 0 else 1.0

    @property
    def stated_ratio(self) -> float | None:
        """Drawn length over a length the text states, if any."""
        if not self.stated_length_km:
            return None
        return round(self.length_km / self.stated_length_km, 3)

    @property
    def stated_flag(self) -> bool:
        """True when the drawn length is more than ±33% off the stated one."""
        ratio = self.stated_ratio
        return ratio is not None and abs(ratio - 1.0) > STATED_TOLERANCE


def _geod() -> Geod:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_length_km(coords: Sequence[tuple[float, float]]) -> float:
    """Geodesic length in km of a line given as ``(lon, lat)`` vertices."""
    if len(coords) < 2:
        return 0.0
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return float(_geod().line_length(lons, lats)) / 1000.0


def schematic_line(waypoints: Sequence[Waypoint]) -> tuple[tuple[float, float], ...]:
    """Waypoints joined by geodesics: the honest fallback when no route is drawn."""
    coords: list[tuple[float, float]] = []
    for w in waypoints:
        if not coords or coords[-1] != (w.lon, w.lat):
            coords.append((w.lon, w.lat))
    return densify(coords)


def densify(
    coords: Sequence[tuple[float, float]], max_km: float = DENSIFY_KM
) -> tuple[tuple[float, float], ...]:
    """Insert geodesic intermediate points so no segment exceeds ``max_km``."""
    if len(coords) < 2:
        return tuple(coords)
    geod = _geod()
    out: list[tuple[float, float]] = [tuple(coords[0])]  # type: ignore[list-item]
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
        dist = haversine_km(lat1, lon1, lat2, lon2)
        n = int(dist // max_km)
        if n > 0:
            out.extend((float(x), float(y)) for x, y in geod.npts(lon1, lat1, lon2, lat2, n))
        out.append((float(lon2), float(lat2)))
    return tuple(out)


def _bisect_border(
    a: tuple[float, float], b: tuple[float, float], country_a: str | None
) -> tuple[float, float]:
    from corridormap import boundaries

    lo, hi = a, b
    for _ in range(12):
        mid = ((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2)
        if boundaries.country_at(mid[1], mid[0]) == country_a:
            lo = mid
        else:
            hi = mid
    return (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2


def _crossing_name(lat: float, lon: float, a: str, b: str, crossings: Sequence[Waypoint]) -> str:
    best = None
    best_km = CROSSING_NAME_KM
    for c in crossings:
        km = haversine_km(lat, lon, c.lat, c.lon)
        if km <= best_km:
            best, best_km = c, km
    return best.name if best is not None else f"{a}–{b} border"


def measure(
    coords: Sequence[tuple[float, float]],
    *,
    crossings: Sequence[Waypoint] = (),
    stated_length_km: float | None = None,
    places: Sequence[Place] = (),
    buffer_km: float = 25.0,
) -> RouteMeasures:
    """Measure a drawn line.

    Parameters
    ----------
    coords : sequence of (lon, lat)
        The drawn line, EPSG:4326.
    crossings : sequence of Waypoint
        Known border crossings, used to name the crossings found.
    stated_length_km : float, optional
        A length the text states, for the drawn/stated ratio.
    places : sequence of Place
        Candidate places for the "nearby" list (e.g. the places the documents mention).
    buffer_km : float
        Distance from the line within which a place counts as nearby.

    Returns
    -------
    RouteMeasures
    """
    from corridormap import boundaries

    dense = densify(coords)
    lons = [c[0] for c in dense]
    lats = [c[1] for c in dense]
    codes = _fill_inland_water(dense, boundaries.countries_at(lats, lons))
    geod = _geod()
    by_country: dict[str, float] = {}
    # Crossings with the distance along the line at which each happens.
    found: list[tuple[BorderCrossing, float]] = []
    last_land: str | None = None
    along = 0.0
    for k in range(len(dense) - 1):
        a, b = dense[k], dense[k + 1]
        ca, cb = codes[k], codes[k + 1]
        if ca is not None:
            last_land = ca
        seg = abs(geod.line_length([a[0], b[0]], [a[1], b[1]])) / 1000.0
        along += seg
        if ca == cb:
            key = ca or "sea"
            by_country[key] = by_country.get(key, 0.0) + seg
            continue
        cut = _bisect_border(a, b, ca)
        first = abs(geod.line_length([a[0], cut[0]], [a[1], cut[1]])) / 1000.0
        by_country[ca or "sea"] = by_country.get(ca or "sea", 0.0) + first
        by_country[cb or "sea"] = by_country.get(cb or "sea", 0.0) + max(seg - first, 0.0)
        if cb is not None and last_land is not None and cb != last_land:
            name = _crossing_name(cut[1], cut[0], last_land, cb, crossings)
            crossing = BorderCrossing(last_land, cb, cut[1], cut[0], name)
            back = found[-1][0] if found else None
            if (
                back is not None
                and (back.from_country, back.to_country) == (cb, last_land)
                and along - found[-1][1] < BORDER_DIP_KM
            ):
                found.pop()  # a dip into the neighbour and back: neither is a crossing
            else:
                found.append((crossing, along))
    total = geodesic_length_km(dense)
    order: list[str] = []
    # The first and last land a line touches are its ends' countries even when only a
    # few km of it lie there; an end that Natural Earth's coastline puts just offshore
    # (Darwin) counts its nearest country.
    start_code, end_code = (codes[0], codes[-1]) if codes else (None, None)
    if dense and start_code is None:
        start_code = boundaries.nearest_country(dense[0][1], dense[0][0])
    if dense and end_code is None:
        end_code = boundaries.nearest_country(dense[-1][1], dense[-1][0])
    land = [code for code in (start_code, *codes, end_code) if code is not None]
    ends = (land[0], land[-1]) if land else ()
    for code in (start_code, *codes, end_code):
        if code is None or (order and order[-1] == code):
            continue
        long_enough = by_country.get(code, 0.0) >= MIN_COUNTRY_KM
        if (long_enough or code in ends) and code not in order:
            order.append(code)
    chord = haversine_km(dense[0][1], dense[0][0], dense[-1][1], dense[-1][0]) if dense else 0.0
    nearby = _nearby(dense, places, buffer_km)
    return RouteMeasures(
        length_km=round(total, 1),
        chord_km=round(chord, 1),
        countries=tuple(order),
        length_by_country_km={k: round(v, 1) for k, v in sorted(by_country.items()) if v >= 0.05},
        border_crossings=tuple(crossing for crossing, _ in found),
        stated_length_km=stated_length_km,
        nearby_places=nearby,
    )


def _fill_inland_water(
    dense: Sequence[tuple[float, float]], codes: list[str | None]
) -> list[str | None]:
    """Give short water gaps inside one country (see :data:`INLAND_WATER_KM`) to it."""
    filled = list(codes)
    k = 0
    while k < len(filled):
        if filled[k] is not None:
            k += 1
            continue
        end = k
        while end < len(filled) and filled[end] is None:
            end += 1
        before = filled[k - 1] if k > 0 else None
        after = filled[end] if end < len(filled) else None
        if before is not None and before == after:
            span = sum(
                haversine_km(dense[i][1], dense[i][0], dense[i + 1][1], dense[i + 1][0])
                for i in range(k - 1, end)
            )
            if span <= INLAND_WATER_KM:
                filled[k:end] = [before] * (end - k)
        k = end
    return filled


def _nearby(
    dense: Sequence[tuple[float, float]], places: Sequence[Place], buffer_km: float
) -> tuple[dict[str, object], ...]:
    """Places within ``buffer_km`` of the line, biggest first (at most :data:`MAX_NEARBY`).

    Distances are great-circle distances to the line's vertices (densified to
    :data:`DENSIFY_KM`), vectorised with numpy, so the error is at most half a
    vertex spacing.
    """
    import numpy as np

    unique: dict[str, Place] = {}
    for place in places:
        if place.feature not in {"country", "continent", "region"}:
            unique.setdefault(place.source_id or f"{place.name}@{place.lat},{place.lon}", place)
    if not unique or not dense:
        return ()
    # Only places inside the line's bounding box grown by the buffer can be near it.
    lons = [x for x, _ in dense]
    lats = [y for _, y in dense]
    pad_lat = buffer_km / 110.0
    pad_lon = pad_lat / max(math.cos(math.radians(max(abs(min(lats)), abs(max(lats))))), 0.05)
    west, east = min(lons) - pad_lon, max(lons) + pad_lon
    south, north = min(lats) - pad_lat, max(lats) + pad_lat
    candidates = [p for p in unique.values() if south <= p.lat <= north and west <= p.lon <= east]
    if not candidates:
        return ()
    line = np.radians(np.asarray(dense, dtype=float))  # (n, 2): lon, lat
    plat = np.radians(np.array([p.lat for p in candidates]))[:, None]
    plon = np.radians(np.array([p.lon for p in candidates]))[:, None]
    best = np.full(len(candidates), np.inf)
    for chunk in range(0, len(line), 512):
        lon2 = line[chunk : chunk + 512, 0][None, :]
        lat2 = line[chunk : chunk + 512, 1][None, :]
        a = (
            np.sin((lat2 - plat) / 2) ** 2
            + np.cos(plat) * np.cos(lat2) * np.sin((lon2 - plon) / 2) ** 2
        )
        dist = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
        best = np.minimum(best, dist.min(axis=1))
    within = sorted(
        ((place, float(km)) for place, km in zip(candidates, best, strict=True) if km <= buffer_km),
        key=lambda pk: (-pk[0].population, pk[1]),
    )
    result: list[dict[str, object]] = [
        {
            "name": place.name,
            "country_code": place.country_code,
            "feature": place.feature,
            "population": place.population,
            "distance_km": round(km, 1),
        }
        for place, km in within
    ]
    return tuple(result[:MAX_NEARBY])
